from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tttt.org.models import SecurityEvent, User
from tttt.org.roles import ADMIN, CLERK

PASSWORD = "mat-khau-dung-1"


def login(client, username, password=PASSWORD):
    return client.post("/admin/login/", {"username": username, "password": password})


def current_token(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=device.drift):06d}"


def test_production_security_settings():
    assert settings.PASSWORD_HASHERS  # tests use MD5; production's first hasher is Argon2:
    from tttt import settings as prod

    assert prod.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert prod.SESSION_COOKIE_AGE == 15 * 60 and prod.SESSION_SAVE_EVERY_REQUEST
    assert (
        prod.SECURE_HSTS_SECONDS >= 31536000
        and prod.SESSION_COOKIE_SECURE
        and prod.CSRF_COOKIE_SECURE
    )
    assert prod.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"] == ["'self'"]


def test_successful_and_failed_sign_ins_are_logged(client, tree, member):
    member("thua.canbo", CLERK, tree.thua)
    response = login(client, "thua.canbo", "sai-mat-khau")
    assert response.status_code == 200
    assert SecurityEvent.objects.filter(kind="login_failed", username="thua.canbo").count() == 1
    response = login(client, "thua.canbo")
    assert response.status_code == 302
    assert SecurityEvent.objects.filter(kind="login", username="thua.canbo").exists()


def test_repeated_failures_lock_the_account_for_a_while(client, tree, member):
    member("thua.canbo", CLERK, tree.thua)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "thua.canbo", "sai-mat-khau")
    response = login(client, "thua.canbo")  # even the right password is refused now
    assert response.status_code == 429
    assert "tạm khóa 15 phút" in response.content.decode()
    assert SecurityEvent.objects.filter(kind="lockout", username="thua.canbo").exists()


def test_accounts_unused_for_45_days_are_disabled(client, tree, member):
    user = member("thua.canbo", CLERK, tree.thua)
    User.objects.filter(pk=user.pk).update(last_login=timezone.now() - timedelta(days=46))
    response = login(client, "thua.canbo")
    assert response.status_code == 200  # the login form again
    user.refresh_from_db()
    assert not user.is_active
    assert SecurityEvent.objects.filter(kind="account_disabled", user=user).exists()


def test_disable_idle_accounts_command(tree, member):
    from django.core.management import call_command

    recent = member("moi.dung", CLERK, tree.thua)
    idle = member("lau.khong.dung", CLERK, tree.thua)
    User.objects.filter(pk=idle.pk).update(last_login=timezone.now() - timedelta(days=60))
    User.objects.filter(pk=recent.pk).update(last_login=timezone.now() - timedelta(days=44))
    call_command("disable-idle-accounts")
    assert not User.objects.get(pk=idle.pk).is_active
    assert User.objects.get(pk=recent.pk).is_active


def test_administrators_must_enrol_and_then_use_totp(client, tree, member):
    admin = member("luongtai.quantri", ADMIN, tree.luong_tai)
    login(client, "luongtai.quantri")
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/admin/2fa/setup/"
    page = client.get("/admin/2fa/setup/")
    assert "Bật xác thực hai lớp" in page.content.decode()
    device = TOTPDevice.objects.get(user=admin, confirmed=False)
    bad = client.post(
        "/admin/2fa/setup/", {"token": "000000" if current_token(device) != "000000" else "111111"}
    )
    assert "Mã không đúng" in bad.content.decode()
    device.refresh_from_db()
    device.throttle_reset()  # django-otp slows down guessing after a failure
    assert client.post("/admin/2fa/setup/", {"token": current_token(device)}).status_code == 302
    assert client.get("/admin/").status_code == 200
    assert SecurityEvent.objects.filter(kind="otp_enrolled", user=admin).exists()

    # Next sign-in: the password alone is not enough.
    client.logout()
    login(client, "luongtai.quantri")
    response = client.get("/admin/units/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/verify/")
    assert (
        client.post(
            "/admin/2fa/verify/", {"token": "12345678", "next": "/admin/units/"}
        ).status_code
        == 200
    )
    assert SecurityEvent.objects.filter(kind="otp_failed", user=admin).exists()
    device.refresh_from_db()
    device.last_t = -1
    device.throttle_reset()
    ok = client.post(
        "/admin/2fa/verify/", {"token": current_token(device), "next": "/admin/units/"}
    )
    assert ok.status_code == 302 and ok["Location"] == "/admin/units/"


def test_staff_without_totp_are_not_forced(client, tree, member):
    member("thua.canbo", CLERK, tree.thua)
    login(client, "thua.canbo")
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    "path",
    ["/admin/2fa/verify/?next=https://evil.example/", "/admin/2fa/verify/?next=//evil.example"],
)
def test_verify_never_redirects_off_site(client, tree, member, path):
    member("thua.canbo", CLERK, tree.thua)
    login(client, "thua.canbo")
    page = client.get(path)
    assert "evil.example" not in page.content.decode()
