import json
from datetime import date

import pytest
from django.urls import reverse

from tttt.establishments.models import BusinessType, Establishment
from tttt.inspections import services
from tttt.inspections.models import Inspection, InspectionPlan, PenaltyDecision
from tttt.org.roles import INSPECTOR


@pytest.fixture
def inspector(tree, member):
    return member("tc.thanhtra", INSPECTOR, tree.new_trung_chinh)


@pytest.fixture
def karaoke(tree):
    return Establishment.objects.create(
        business_type=BusinessType.objects.get(code="karaoke"), name="Karaoke Hoa Sen", owner_kind="person",
        owner_name="Nguyễn Văn Bình", owner_id_number="027090001234", address="Thôn Ngọc Quan",
        unit=tree.new_trung_chinh,
    )  # fmt: skip


def test_plan_record_autosave_close_and_penalty_in_the_back_office(
    client, inspector, karaoke, tree
):
    client.force_login(inspector)
    created = client.post(reverse("inspections_plans"), {
        "unit": tree.new_trung_chinh.pk, "title": "Kiểm tra karaoke tháng 11", "period_start": "2026-11-01",
        "period_end": "2026-11-30", "team_agencies": "Văn hóa – Xã hội, Công an xã",
    })  # fmt: skip
    plan = InspectionPlan.objects.get()
    assert created.status_code == 302
    url = reverse("inspections_plan", args=[plan.pk])
    client.get(url, {"business_type": karaoke.business_type.pk, "add": "1"})
    assert not plan.targets.exists()  # a GET never writes
    client.post(url, {"business_type": karaoke.business_type.pk, "add": "1"})
    target = plan.targets.get()
    started = client.post(
        reverse("inspections_start"),
        {"establishment": karaoke.pk, "target": target.pk, "on": "2026-11-20"},
    )
    record = Inspection.objects.get()
    assert started["Location"] == reverse("inspections_record", args=[record.pk])
    page = client.get(started["Location"]).content.decode()
    assert "Phòng hát có diện tích từ 20 m²" in page and "027090001234" not in page
    items = list(record.items.order_by("pk"))
    save_url = reverse("inspections_autosave", args=[record.pk])
    body = {"version": 1, "items": {str(i.pk): {"result": "pass"} for i in items}}
    body["items"][str(items[0].pk)] = {"result": "fail", "observed": "Phòng 2: 15 m²"}
    ok = client.post(save_url, json.dumps(body), content_type="application/json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = client.post(
        save_url, json.dumps({"version": 1, "items": {}}), content_type="application/json"
    )
    assert stale.status_code == 409 and "thiết bị khác" in stale.json()["error"]
    bad = client.post(save_url, json.dumps({"version": 2, "items": {"999999": {"result": "pass"}}}),
                      content_type="application/json")  # fmt: skip
    assert bad.status_code == 400
    client.post(reverse("inspections_record", args=[record.pk]), {"action": "close"})
    record.refresh_from_db()
    assert record.status == "closed" and record.violations.count() == 1
    violation = record.violations.get()
    penalty = {"action": "penalty", "violation": violation.pk, "number": "12/QĐ-XPVPHC", "issued_on": "2026-11-21",
               "authority": "district_chair", "amount": "5000000", "payment_due": "2026-12-01"}  # fmt: skip
    refused = client.post(reverse("inspections_record", args=[record.pk]), penalty, follow=True)
    assert "từ 15.000.000 đồng đến 20.000.000 đồng" in refused.content.decode()
    assert not PenaltyDecision.objects.exists()
    client.post(reverse("inspections_record", args=[record.pk]), {**penalty, "amount": "15000000"})
    assert PenaltyDecision.objects.get().amount == 15_000_000
    assert services.plan_progress(plan)["done"] == 1


def test_another_communes_inspector_is_refused(client, inspector, karaoke, tree, member):
    record = services.inspection_start(user=inspector, establishment=karaoke, on=date(2026, 11, 20))
    outsider = member("bh.thanhtra", INSPECTOR, tree.new_bo_ha)
    client.force_login(outsider)
    assert karaoke.name not in client.get(reverse("inspections_list")).content.decode()
    page = client.get(reverse("inspections_record", args=[record.pk]))
    assert page.status_code in (302, 403) and karaoke.name.encode() not in page.content
    save = client.post(reverse("inspections_autosave", args=[record.pk]), json.dumps({"version": 1, "items": {}}),
                       content_type="application/json")  # fmt: skip
    assert save.status_code in (302, 403)
    record.refresh_from_db()
    assert record.version == 1


def test_photos_and_payment_on_the_record_page(client, inspector, karaoke, tree, member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    record = services.inspection_start(user=inspector, establishment=karaoke, on=date(2026, 11, 20))
    client.force_login(inspector)
    url = reverse("inspections_record", args=[record.pk])
    refused = client.post(
        url, {"action": "photo", "photo": SimpleUploadedFile("x.exe", b"MZ")}, follow=True
    )
    assert "chỉ nhận các loại" in refused.content.decode() and not record.photos.exists()
    disguised = client.post(  # a web page named as a photo
        url, {"action": "photo", "photo": SimpleUploadedFile("p2.jpg", b"<html>")}, follow=True
    )
    assert "p2.jpg" in disguised.content.decode() and not record.photos.exists()
    client.post(
        url,
        {
            "action": "photo",
            "caption": "Phòng 3",
            "photo": SimpleUploadedFile("p3.jpg", b"\xff\xd8\xff\xe0jpeg"),
        },
    )
    photo = record.photos.get()
    assert photo.image.storage.location.endswith("private")
    assert (
        b"".join(
            client.get(reverse("inspections_photo", args=[record.pk, photo.pk])).streaming_content
        )
        == b"\xff\xd8\xff\xe0jpeg"
    )
    items = {
        str(i.pk): {"result": "fail" if n == 0 else "pass"}
        for n, i in enumerate(record.items.order_by("pk"))
    }
    record = services.inspection_save(
        user=inspector, inspection=record, version=record.version, items=items
    )
    services.inspection_close(user=inspector, inspection=record)
    decision = services.penalty_issue(user=inspector, violation=record.violations.get(), number="09/QĐ",
                                      issued_on=date(2026, 11, 21), authority="district_chair", amount=15_000_000,
                                      organisation=False, payment_due=date(2026, 12, 1))  # fmt: skip
    early = client.post(
        url, {"action": "paid", "decision": decision.pk, "paid_on": "2026-11-01"}, follow=True
    )
    assert "trước ngày ban hành" in early.content.decode()
    client.post(url, {"action": "paid", "decision": decision.pk, "paid_on": "2026-11-28"})
    decision.refresh_from_db()
    assert decision.paid_on == date(2026, 11, 28)
    # The list of decisions, and the one behind the figure "fines of November 2026".
    listing = client.get(reverse("inspections_penalties"), {
        "chi_tieu": "inspections.penalty_amount", "unit": tree.new_trung_chinh.pk, "period": "2026-11"})  # fmt: skip
    html = listing.content.decode()
    assert listing.context["figure"] and "09/QĐ" in html and "15.000.000" in html
    assert "28/11/2026" in html
    for words, found in (("09/qđ", True), ("karaoke", True), ("game", False)):
        listing = client.get(reverse("inspections_penalties"), {"q": words}).content.decode()
        assert ("09/QĐ" in listing) is found, words
    outsider = member("bh.thanhtra", INSPECTOR, tree.new_bo_ha)
    client.force_login(outsider)
    assert "09/QĐ" not in client.get(reverse("inspections_penalties")).content.decode()
    assert client.get(reverse("inspections_photo", args=[record.pk, photo.pk])).status_code in (
        302,
        403,
    )


def test_administrators_add_business_types(client, tree, member):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tttt.org.roles import ADMIN

    admin = member("bn.quantri", ADMIN, tree.bac_ninh)
    device = TOTPDevice.objects.create(user=admin, name="t", confirmed=True)
    client.force_login(admin)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    client.post(reverse("business-types:add"), {"code": "tro-choi-khong-ket-noi", "name": "Điểm trò chơi không kết nối mạng",
                                                 "certificate_name": "", "description": "", "is_active": "on", "order": 9})  # fmt: skip
    assert BusinessType.objects.filter(code="tro-choi-khong-ket-noi").exists()
    inspector = member("tc.tt2", INSPECTOR, tree.new_trung_chinh)
    client.force_login(inspector)
    client.post(reverse("business-types:add"), {"code": "x", "name": "X", "order": 1})
    assert not BusinessType.objects.filter(code="x").exists()


def test_the_record_list_runs_a_fixed_number_of_queries(client, inspector, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("inspections_list")).status_code == 200
        return len(ctx)

    client.force_login(inspector)
    karaoke_type = BusinessType.objects.get(code="karaoke")
    for i in range(2):
        e = Establishment.objects.create(business_type=karaoke_type, name=f"K{i}", owner_kind="person",
                                         owner_name="A", address="B", unit=tree.new_trung_chinh)  # fmt: skip
        services.inspection_start(user=inspector, establishment=e, on=date(2026, 11, 20))
    count()  # the first page also builds the person's sidebar, then cached
    few = count()
    for i in range(10):
        e = Establishment.objects.create(business_type=karaoke_type, name=f"L{i}", owner_kind="person",
                                         owner_name="A", address="B", unit=tree.new_trung_chinh)  # fmt: skip
        services.inspection_start(user=inspector, establishment=e, on=date(2026, 11, 20))
    assert count() == few


def test_the_plan_list_runs_a_fixed_number_of_queries(client, inspector, tree):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("inspections_plans")).status_code == 200
        return len(ctx)

    client.force_login(inspector)
    plan = lambda n: services.plan_create(user=inspector, unit=tree.new_trung_chinh, title=f"Kế hoạch {n}",  # noqa: E731
                                          start=date(2026, 1, 1), end=date(2026, 3, 31))  # fmt: skip
    plan(0)
    count()  # the first page also builds the person's sidebar, then cached
    few = count()
    for n in range(1, 8):
        plan(n)
    assert count() == few
    assert "Kế hoạch 7" in client.get(reverse("inspections_plans")).content.decode()
