from django.db import connection
from django.test.utils import CaptureQueriesContext

from tttt.org.models import Membership, SecurityEvent, Unit
from tttt.org.roles import ADMIN, CLERK, LEADER


def signed_in(client, member, username, role, unit):
    client.force_login(member(username, role, unit))
    return client


def test_dashboard_shows_the_users_scope(client, tree, member):
    signed_in(client, member, "thua.canbo", CLERK, tree.thua)
    page = client.get("/admin/").content.decode()
    assert "Phạm vi của bạn" in page and "Thị trấn Thứa" in page and "Cán bộ một cửa" in page


def test_units_list_is_scoped(client, tree, member):
    signed_in(client, member, "thua.canbo", CLERK, tree.thua)
    page = client.get("/admin/units/").content.decode()
    assert "Thị trấn Thứa" in page
    assert "Xã Trung Chính" not in page and "Xã Bố Hạ" not in page


def test_another_communes_page_is_refused_by_url_and_logged(client, tree, member):
    signed_in(client, member, "thua.canbo", CLERK, tree.thua)
    assert client.get(f"/admin/units/inspect/{tree.thua.pk}/").status_code == 200
    response = client.get(f"/admin/units/inspect/{tree.trung_chinh.pk}/", follow=True)
    assert response.redirect_chain == [("/admin/", 302)]
    assert "Xã Trung Chính" not in response.content.decode()
    assert SecurityEvent.objects.filter(
        kind="permission_denied",
        username="thua.canbo",
        path=f"/admin/units/inspect/{tree.trung_chinh.pk}/",
    ).exists()
    # A clerk cannot edit units at all, even their own; that denial is logged too.
    assert client.get(f"/admin/units/edit/{tree.thua.pk}/")["Location"] == "/admin/"
    assert SecurityEvent.objects.filter(
        kind="permission_denied", path=f"/admin/units/edit/{tree.thua.pk}/"
    ).exists()


def test_memberships_are_scoped_and_granted_through_services(client, tree, member, roles):
    member("trungchinh.canbo", CLERK, tree.trung_chinh)
    member("bohả.canbo", CLERK, tree.bo_ha)
    signed_in(client, member, "luongtai.quantri", ADMIN, tree.luong_tai)
    # Administrators must use two factors; this test is about scope, so mark the session verified.
    from django_otp.plugins.otp_totp.models import TOTPDevice

    admin = Membership.objects.get(user__username="luongtai.quantri").user
    device = TOTPDevice.objects.create(user=admin, name="t", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    page = client.get("/admin/memberships/").content.decode()
    assert "trungchinh.canbo" in page and "bohả.canbo" not in page
    other = Membership.objects.get(user__username="bohả.canbo")
    assert client.get(f"/admin/memberships/edit/{other.pk}/")["Location"] == "/admin/"
    person = Membership.objects.get(user__username="trungchinh.canbo").user
    response = client.post(
        "/admin/memberships/new/",
        {
            "user": person.pk,
            "role": roles[LEADER].pk,
            "unit": tree.thua.pk,
            "valid_from": "01/01/2019",
            "note": "",
        },
    )
    assert response.status_code == 302, response.content.decode()[:500]
    assert Membership.objects.filter(user=person, role=roles[LEADER], unit=tree.thua).exists()
    # A unit outside the scope is not even offered.
    refused = client.post(
        "/admin/memberships/new/",
        {
            "user": person.pk,
            "role": roles[LEADER].pk,
            "unit": tree.bo_ha.pk,
            "valid_from": "01/01/2019",
        },
    )
    assert (
        refused.status_code == 200
        and not Membership.objects.filter(unit=tree.bo_ha, role=roles[LEADER]).exists()
    )


def test_units_list_query_count_is_constant(client, tree, member, superuser):
    client.force_login(superuser)
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=superuser, name="t", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    client.get("/admin/units/")  # the first page also builds the person's sidebar, then cached
    with CaptureQueriesContext(connection) as few:
        assert client.get("/admin/units/").status_code == 200
    for i in range(40):
        Unit.objects.create(
            name=f"Xã Mới {i}",
            kind="commune",
            type_word="xã",
            parent=tree.bac_ninh,
            code=f"x{i}",
            source="t",
        )
    with CaptureQueriesContext(connection) as many:
        client.get("/admin/units/")
    assert len(many) == len(few)


def test_list_headers_are_labelled(client, tree, member):
    signed_in(client, member, "thua.canbo", CLERK, tree.thua)
    page = client.get("/admin/units/").content.decode()
    assert ">method<" not in page and "cấp trên" in page


def test_audit_log_and_security_events_are_those_of_the_administrators_people(
    client, tree, member, roles, superuser
):
    """A district's administrator reads the changes and sign-ins of the people who hold a
    role in their district — not another province's (titles of its records included)."""
    from datetime import date

    from auditlog.models import LogEntry

    from conftest import downloaded, sign_in_verified
    from tttt.org import services
    from tttt.org.auth import log_event

    ours = member("luongtai.quantri", ADMIN, tree.luong_tai)
    theirs = member("yenthe.quantri", ADMIN, tree.yen_the)
    for admin, person, unit in [(ours, "thua.moi", tree.thua), (theirs, "boha.moi", tree.bo_ha)]:
        services.membership_grant(user=admin, person=member(person, CLERK, unit),
                                  role=roles[LEADER], unit=unit, valid_from=date(2019, 1, 1))  # fmt: skip
        log_event(SecurityEvent.Kind.LOGIN, user=admin)
    mine = LogEntry.objects.get(actor=ours, object_repr__contains="thua.moi")
    other = LogEntry.objects.get(actor=theirs, object_repr__contains="boha.moi")
    other_event = SecurityEvent.objects.get(user=theirs, kind=SecurityEvent.Kind.LOGIN)

    sign_in_verified(client, ours)
    log = client.get("/admin/audit-log/").content.decode()
    assert "thua.moi" in log and "boha.moi" not in log
    assert client.get(f"/admin/audit-log/inspect/{mine.pk}/").status_code == 200
    assert client.get(f"/admin/audit-log/inspect/{other.pk}/").status_code == 302  # refused
    events = client.get("/admin/security-events/").content.decode()
    assert "luongtai.quantri" in events and "yenthe.quantri" not in events
    assert client.get(f"/admin/security-events/inspect/{other_event.pk}/").status_code == 302
    exported = downloaded(client, "/admin/security-events/?export=csv").body.decode("utf-8-sig")
    assert "luongtai.quantri" in exported and "yenthe.quantri" not in exported

    client.logout()
    sign_in_verified(client, superuser)
    log = client.get("/admin/audit-log/").content.decode()
    assert "thua.moi" in log and "boha.moi" in log


def test_an_audit_entry_reads_as_its_changes_not_as_stored_json(client, tree, roles, superuser):
    """The inspect page of a change names each field and shows old → new as people know
    them (a unit by its name, not its id), the permissions added to a role, and a dash where
    no address was recorded — never the stored JSON, "None" or a bare id."""
    from auditlog.context import set_actor
    from auditlog.models import LogEntry
    from django.contrib.auth.models import Permission
    from django.utils import timezone
    from django.utils.formats import localize

    from conftest import sign_in_verified
    from tttt.org import services

    services.unit_update(
        user=superuser, unit=tree.thua, data={"name": "Thị trấn Thứa mới", "parent": tree.yen_the}
    )
    role = roles[CLERK]
    with set_actor(superuser):
        role.permissions.add(Permission.objects.get(codename="view_unit"))
    renamed = LogEntry.objects.get_for_object(tree.thua).filter(action=LogEntry.Action.UPDATE)
    granted = LogEntry.objects.get_for_object(role).filter(changes__permissions__type="m2m")
    assert renamed.count() == granted.count() == 1

    sign_in_verified(client, superuser)
    page = client.get(f"/admin/audit-log/inspect/{renamed.get().pk}/").content.decode()
    assert "<b>tên</b>: Thị trấn Thứa → Thị trấn Thứa mới" in page
    assert "<b>đơn vị cấp trên</b>: Huyện Lương Tài (đến 30/06/2025) → Huyện Yên Thế" in page
    fields = page.split("<dl", 1)[1].split("</dl>", 1)[0]  # what the page shows of the entry
    assert "None" not in fields and "{&quot;" not in fields and "{" not in fields
    at = renamed.get().timestamp  # in Vietnam's time, not UTC
    assert localize(timezone.localtime(at)) in fields and localize(at) not in fields
    page = client.get(f"/admin/audit-log/inspect/{granted.get().pk}/").content.decode()
    assert "<b>quyền</b> (thêm): " in page and "view_unit" not in page.split("<b>quyền</b>")[0]


def test_a_security_events_name_gives_its_time_in_vietnam(tree, member):
    """Its name titles its page and fills the lists: the time people there read, not UTC."""
    from django.utils import timezone

    from tttt.org.auth import log_event

    log_event(SecurityEvent.Kind.LOGIN, user=member("thua.canbo", CLERK, tree.thua))
    event = SecurityEvent.objects.get(username="thua.canbo")
    assert str(event).endswith(f"{timezone.localtime(event.created_at):%H:%M %d/%m/%Y}")
