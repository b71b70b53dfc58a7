"""The BTS import, the API and the back-office pages: all or nothing, scope everywhere,
clear refusals, bounded queries."""

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tttt.core.tabular import ImportRejected, xlsx_bytes
from tttt.infra import services
from tttt.infra.importer import EXAMPLE, HEADERS, import_stations
from tttt.infra.models import (
    BtsStation,
    DigitalCertificate,
    Operator,
    PostalPoint,
    RadioStation,
    UndergroundingProject,
)
from tttt.org.roles import LEADER

ROW = list(EXAMPLE)
ROW[4] = "09523"  # Trung Chính (the code of both eras: today's commune, the former one kept)


def test_import_is_all_or_nothing_with_every_problem_listed(officer, tree):
    bad = list(ROW)
    bad[0], bad[1], bad[4], bad[5], bad[7], bad[13] = "telco", "", "07213", "91", "6G", "31/02/2024"
    dup = list(ROW)  # the same station twice in one file
    with pytest.raises(ImportRejected) as caught:
        import_stations(
            user=officer, filename="bts.xlsx", content=xlsx_bytes(HEADERS, [ROW, bad, dup])
        )
    assert {(p.row, p.column) for p in caught.value.problems} == {
        (3, "Doanh nghiệp"), (3, "Mã trạm"), (3, "Mã đơn vị hành chính"), (3, "Vĩ độ"),
        (3, "Công nghệ"), (3, "Ngày phát sóng"), (4, "Mã trạm"),
    }  # fmt: skip
    assert "Bố Hạ nằm ngoài phạm vi" in " ".join(str(p) for p in caught.value.problems)
    assert not BtsStation.objects.exists()
    second = list(ROW)
    second[1], second[7], second[12], second[14], second[15] = (
        "BNH0232",
        "4G",
        "",
        "ngừng phát sóng",
        "01/09/2026",
    )
    assert import_stations(user=officer, filename="bts.xlsx",
                           content=xlsx_bytes(HEADERS, [ROW, second])) == 2  # fmt: skip
    s = BtsStation.objects.get(code="BNH0231")
    assert (s.unit, s.former_unit) == (tree.new_trung_chinh, tree.trung_chinh)
    assert s.technologies == "2G, 4G, 5G" and [o.code for o in s.shared_with.all()] == ["vnpt"]
    assert BtsStation.objects.get(code="BNH0232").status == "stopped"
    with pytest.raises(ImportRejected) as again:  # already imported: refused, nothing doubled
        import_stations(user=officer, filename="bts.xlsx", content=xlsx_bytes(HEADERS, [ROW]))
    assert again.value.problems[0].row == 2 and BtsStation.objects.count() == 2


def test_import_page_template_and_errors_shown(client, officer, tree):
    client.force_login(officer)
    template = client.get(reverse("infra_bts_import_template"))
    upload = BytesIO(template.content)
    upload.name = "mau.xlsx"
    # The template's example row names the person's own commune: it imports as it is.
    assert client.post(reverse("infra_bts_import"), {"file": upload}).status_code == 302
    assert BtsStation.objects.get().unit == tree.new_trung_chinh
    row = list(ROW)
    row[1], row[4] = "BNH0999", "99999"
    bad = BytesIO(xlsx_bytes(HEADERS, [row]))
    bad.name = "tram.xlsx"
    page = client.post(reverse("infra_bts_import"), {"file": bad})
    html = page.content.decode()
    assert page.status_code == 200 and BtsStation.objects.count() == 1
    assert "Chưa nhập gì: tệp có 1 lỗi." in html and "Không có đơn vị hành chính mã «99999»" in html


@pytest.fixture
def two_communes(officer, other_officer, tree, station):
    """One record of each registry in each of two communes."""
    mine = {"bts": station(code="MINE")}
    theirs = {"bts": station(code="THEIRS", unit=tree.new_bo_ha, user=other_officer)}
    for records, user, unit in (
        (mine, officer, tree.new_trung_chinh),
        (theirs, other_officer, tree.new_bo_ha),
    ):
        records["project"] = services.record_save(user=user, record=UndergroundingProject(
            name=f"Tuyến {unit.name}", unit=unit, length_m=500, original_deadline=date(2026, 1, 1)),
            m2m={"operators": [Operator.objects.get(code="viettel")]})  # fmt: skip
        records["postal"] = services.record_save(user=user, record=PostalPoint(
            name=f"Điểm BĐVH {unit.name}", address="x", unit=unit))  # fmt: skip
        records["radio"] = services.record_save(user=user, record=RadioStation(
            name=f"Đài {unit.name}", unit=unit, technology="wired"))  # fmt: skip
        records["certificate"] = services.record_save(user=user, record=DigitalCertificate(
            holder_name=f"UBND {unit.name}", unit=unit, kind="organisation",
            serial=f"S-{unit.pk}", issued_on=date(2026, 1, 1), expires_on=date(2028, 1, 1)))  # fmt: skip
    return mine, theirs


ADMIN = {"bts": "bts", "project": "ngam-hoa", "postal": "buu-dien-van-hoa",
         "radio": "truyen-thanh", "certificate": "chung-thu-so"}  # fmt: skip
API = {"bts": "bts-stations", "project": "undergrounding-projects", "postal": "postal-points",
       "radio": "radio-stations", "certificate": "digital-certificates"}  # fmt: skip


def test_a_commune_officer_sees_only_their_commune_in_lists_pages_exports_and_api(
    client, officer, two_communes
):
    mine, theirs = two_communes
    client.force_login(officer)
    label = {"bts": lambda o: o.code, "certificate": lambda o: o.holder_name}
    for key, name in ADMIN.items():
        shown = label.get(key, str)
        listing = client.get(reverse(f"{name}:index")).content.decode()
        assert shown(mine[key]) in listing and shown(theirs[key]) not in listing, key
        response = client.get(reverse(f"{name}:index") + "?export=csv")
        export = b"".join(response.streaming_content).decode()
        assert shown(mine[key]) in export and shown(theirs[key]) not in export, key
        for view in ("inspect", "edit", "history"):
            assert client.get(reverse(f"{name}:{view}", args=[mine[key].pk])).status_code == 200, (
                key,
                view,
            )
            refused = client.get(reverse(f"{name}:{view}", args=[theirs[key].pk]))
            assert refused.status_code == 302 and refused.url == reverse("wagtailadmin_home"), (
                key,
                view,
            )
        api = client.get(f"/api/v1/{API[key]}").json()
        assert [i["id"] for i in api["items"]] == [mine[key].pk], key
        assert client.get(f"/api/v1/{API[key]}/{theirs[key].pk}").status_code == 403, key
    statistics = client.get(reverse("infra_statistics"), {"unit": theirs["bts"].unit_id})
    assert statistics.status_code == 302  # Wagtail turns the refusal into a message
    api = client.get("/api/v1/infra-statistics", {"unit": theirs["bts"].unit_id, "period": "2026"})
    assert api.status_code == 403
    markers = client.get(reverse("infra_bts_map")).content.decode()
    assert "MINE" in markers and "THEIRS" not in markers


def test_history_rows_are_added_not_edited(client, officer, two_communes):
    mine, _ = two_communes
    client.force_login(officer)
    add = client.post(reverse("gia-han-ngam-hoa:add"), {
        "project": mine["project"].pk, "decision_number": "45/QĐ-UBND", "decided_on": "2025-12-20",
        "new_deadline": "2026-06-30", "reason": "Chờ cải tạo vỉa hè"})  # fmt: skip
    assert add.status_code == 302
    refused = client.post(reverse("gia-han-ngam-hoa:add"), {
        "project": mine["project"].pk, "decision_number": "46/QĐ-UBND", "decided_on": "2025-12-21",
        "new_deadline": "2026-02-01", "reason": "x"})  # fmt: skip
    assert (
        refused.status_code == 200
        and "Thời hạn mới phải sau thời hạn hiện tại" in refused.content.decode()
    )
    ext = mine["project"].extensions.get()
    assert client.get(reverse("gia-han-ngam-hoa:edit", args=[ext.pk])).status_code == 302
    page = client.get(reverse("ngam-hoa:inspect", args=[mine["project"].pk])).content.decode()
    assert "45/QĐ-UBND" in page and "30/06/2026" in page


def test_api_adds_records_through_the_services_with_clear_refusals(
    client, officer, tree, two_communes
):
    client.force_login(officer)
    viettel = Operator.objects.get(code="viettel").pk
    body = {"operator": viettel, "code": "API-1", "address": "Thôn Phú Thọ", "unit": tree.new_trung_chinh.pk,
            "has_4g": True, "status": "operating", "commissioned_on": "2026-11-01", "shared_with": []}  # fmt: skip
    created = client.post("/api/v1/bts-stations", body, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["former_unit"] == tree.trung_chinh.pk
    again = client.post("/api/v1/bts-stations", body, content_type="application/json")
    assert again.status_code == 422 and again.json()["code"] == "unique_together"
    outside = client.post("/api/v1/bts-stations", {**body, "code": "API-2", "unit": tree.new_bo_ha.pk},
                          content_type="application/json")  # fmt: skip
    assert outside.status_code == 403 and outside.json()["code"] == "permission_denied"
    missing = client.post("/api/v1/bts-stations", {**body, "code": "API-3", "unit": 999999},
                          content_type="application/json")  # fmt: skip
    assert missing.status_code == 422 and missing.json()["code"] == "unknown_reference"
    _, theirs = two_communes
    ext = client.post("/api/v1/undergrounding-extensions", {
        "project": theirs["project"].pk, "decision_number": "1", "decided_on": "2026-01-01",
        "new_deadline": "2026-12-31", "reason": "x"}, content_type="application/json")  # fmt: skip
    assert ext.status_code == 403
    assert BtsStation.objects.filter(code__startswith="API").count() == 1
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/bts-stations" in schema["paths"] and "/api/v1/radio-outputs" in schema["paths"]


@pytest.mark.parametrize("name", list(ADMIN.values()))
def test_list_pages_take_a_bounded_number_of_queries(client, officer, tree, station, name):
    client.force_login(officer)
    url = reverse(f"{name}:index")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for i in range(15):
        station(code=f"N{i}")
        services.record_save(user=officer, record=RadioStation(
            name=f"Đài {i}", unit=tree.new_trung_chinh, technology="wired"))  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) <= len(few) + 2  # no query per row


def test_statistics_page_shows_figures_and_stations_per_unit_and_year(
    client, member, tree, station
):
    leader = member("bn.lanhdao", LEADER, tree.bac_ninh)
    station(code="S1", commissioned=date(2024, 6, 1))
    station(code="S2", unit=tree.new_bo_ha, commissioned=date(2026, 2, 1), user=leader)
    client.force_login(leader)
    page = client.get(reverse("infra_statistics"), {"unit": tree.bac_ninh.pk, "period": "2026"})
    html = page.content.decode()
    assert (
        'data-indicator="infra.bts_operating"><td>Trạm BTS đang phát sóng (cuối kỳ)</td><td>2</td>'
        in html
    )
    table = page.context["by_unit"]
    assert [(u.name, counts[-3:]) for u, counts in table] == [
        ("Xã Bố Hạ", [0, 0, 1]), ("Xã Lương Tài", [0, 0, 0]), ("Xã Trung Chính", [1, 1, 1])
    ]  # fmt: skip
    bad = client.get(reverse("infra_statistics"), {"unit": tree.bac_ninh.pk, "period": "2026-Q9"})
    assert bad.status_code == 200 and 'role="alert"' in bad.content.decode()


def test_expiry_reminders_reach_the_managers_of_the_unit_once_per_threshold(
    client, officer, other_officer, tree, mailoutbox
):
    from django.core.management import call_command

    officer.email, other_officer.email = "tc@example.vn", "bh@example.vn"
    officer.save(), other_officer.save()
    today = date(2026, 11, 25)
    for serial, unit, expires in [
        ("A", tree.new_trung_chinh, date(2026, 12, 25)),  # 30 days
        ("B", tree.new_trung_chinh, date(2026, 12, 26)),  # 31: not today
        ("C", tree.new_bo_ha, date(2027, 1, 24)),
    ]:  # 60 days, other commune
        DigitalCertificate.objects.create(holder_name=f"Người {serial}", unit=unit, kind="personal",
                                          serial=serial, issued_on=date(2024, 1, 1), expires_on=expires)  # fmt: skip
    call_command("certificate-reminders", "--today", today.isoformat())
    sent = {m.to[0]: m.body for m in mailoutbox}
    assert set(sent) == {"tc@example.vn", "bh@example.vn"}
    assert "Người A" in sent["tc@example.vn"] and "Người B" not in sent["tc@example.vn"]
    assert "Người C" in sent["bh@example.vn"] and "Người A" not in sent["bh@example.vn"]
    mailoutbox.clear()
    call_command("certificate-reminders", "--today", "2026-11-26")  # B is 30 days away now
    assert [m.to for m in mailoutbox] == [["tc@example.vn"]] and "Người B" in mailoutbox[0].body
    client.force_login(officer)
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-testid="expiring-panel"' in home


def test_the_radio_list_writes_money_as_people_read_it(client, officer, tree):
    services.record_save(user=officer, record=RadioStation(
        name="Đài truyền thanh xã Trung Chính", unit=tree.new_trung_chinh, technology="wired",
        monthly_allowance=745_000))  # fmt: skip
    client.force_login(officer)
    html = client.get(reverse("truyen-thanh:index")).content.decode()
    assert "745.000 đồng" in html and "745000" not in html
