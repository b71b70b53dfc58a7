from datetime import date

from tttt.establishments.models import BusinessType, Establishment
from tttt.inspections.errors import InspectionsError
from tttt.org.roles import INSPECTOR


def test_the_inspection_api(client, tree, member):
    inspector = member("tc.thanhtra", INSPECTOR, tree.new_trung_chinh)
    e = Establishment.objects.create(
        business_type=BusinessType.objects.get(code="karaoke"), name="Karaoke Hoa Sen", owner_kind="person",
        owner_name="Nguyễn Văn Bình", address="Thôn Ngọc Quan", unit=tree.new_trung_chinh,
    )  # fmt: skip
    rules = client.get(
        "/api/v1/regulations", {"business_type": "karaoke", "on": "2014-06-01"}
    ).json()
    assert [r["code"] for r in rules] == ["nd103-anh-sang", "nd103-gio-hoat-dong"] or len(
        rules
    ) == 2
    client.force_login(inspector)
    record = client.post("/api/v1/inspections", {"establishment": e.pk, "on": "2026-11-20"},
                         content_type="application/json").json()  # fmt: skip
    items = {str(i["id"]): {"result": "pass"} for i in record["items"]}
    first = str(record["items"][0]["id"])
    items[first] = {"result": "fail", "observed": "15 m²"}
    saved = client.post(f"/api/v1/inspections/{record['id']}/save", {"version": 1, "items": items},
                        content_type="application/json")  # fmt: skip
    assert saved.status_code == 200 and saved.json()["version"] == 2
    stale = client.post(f"/api/v1/inspections/{record['id']}/save", {"version": 1, "items": {}},
                        content_type="application/json")  # fmt: skip
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    closed = client.post(f"/api/v1/inspections/{record['id']}/close").json()
    assert closed["status"] == "closed"
    from tttt.inspections.models import Violation

    violation = Violation.objects.get()
    body = {"violation": violation.pk, "number": "01/QĐ", "issued_on": str(date(2026, 11, 21)),
            "authority": "commune_chair", "amount": 16_000_000, "payment_due": "2026-12-01"}  # fmt: skip
    refused = client.post("/api/v1/penalties", body, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["code"] == InspectionsError.AUTHORITY_LIMIT
    ok = client.post(
        "/api/v1/penalties",
        {**body, "authority": "district_chair"},
        content_type="application/json",
    )
    assert ok.status_code == 201
    outsider = member("bh.thanhtra", INSPECTOR, tree.new_bo_ha)
    client.force_login(outsider)
    assert client.get("/api/v1/inspections").json()["count"] == 0
    assert client.post(f"/api/v1/inspections/{record['id']}/close").status_code == 403
