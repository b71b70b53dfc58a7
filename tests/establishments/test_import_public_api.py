from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse

from tttt.core.tabular import ImportRejected, xlsx_bytes
from tttt.establishments.importer import HEADERS, import_establishments
from tttt.establishments.models import BusinessType, Certificate, Establishment
from tttt.org.roles import SPECIALIST

ROW = ["karaoke", "Karaoke Hoa Sen", "cá nhân", "Nguyễn Văn Bình", "027090001234", "27A8001234",
       "Thôn Ngọc Quan", "09523", "21.0321", "106.2254", "120", "", "6", "08:00-24:00", "01/03/2024"]  # fmt: skip


@pytest.fixture
def officer(tree, member):
    return member("tc.vhxh", SPECIALIST, tree.new_trung_chinh)


def test_import_all_or_nothing_and_former_units_resolve(officer, tree):
    legacy = list(ROW)
    legacy[1], legacy[0] = "Internet Thành Đạt", "internet"  # code 09523 is both eras: today's wins
    bad = list(ROW)
    bad[0], bad[7], bad[8], bad[10], bad[14] = "casino", "99999", "91.5", "-3", "31/02/2024"
    with pytest.raises(ImportRejected) as caught:
        import_establishments(
            user=officer, filename="x.xlsx", content=xlsx_bytes(HEADERS, [ROW, bad])
        )
    assert {(p.row, p.column) for p in caught.value.problems} == {
        (3, "Loại hình"), (3, "Mã đơn vị hành chính"), (3, "Vĩ độ"), (3, "Diện tích (m²)"),
        (3, "Ngày bắt đầu hoạt động"),
    }  # fmt: skip
    assert not Establishment.objects.exists()
    assert (
        import_establishments(
            user=officer, filename="x.xlsx", content=xlsx_bytes(HEADERS, [ROW, legacy])
        )
        == 2
    )
    e = Establishment.objects.get(name="Karaoke Hoa Sen")
    assert e.unit == tree.new_trung_chinh and e.former_unit == tree.trung_chinh
    assert e.opened_on == date(2024, 3, 1) and e.rooms == 6
    other = list(ROW)
    other[7] = "07213"  # Bố Hạ: another commune
    with pytest.raises(ImportRejected, match="1 lỗi"):
        import_establishments(user=officer, filename="x.csv",
                              content=("\n".join([",".join(HEADERS), ",".join(other)])).encode())  # fmt: skip


def test_import_page_and_template(client, officer):
    client.force_login(officer)
    template = client.get(reverse("establishments_import_template"))
    upload = BytesIO(template.content)
    upload.name = "mau.xlsx"
    done = client.post(reverse("establishments_import"), {"file": upload})
    assert done.status_code == 302 and Establishment.objects.count() == 1


def test_public_list_shows_licensed_establishments_without_owner_ids(client, officer, tree):
    karaoke = BusinessType.objects.get(code="karaoke")
    internet = BusinessType.objects.get(code="internet")
    common = {"owner_kind": "person", "owner_name": "Trần Văn Cường", "owner_id_number": "027090009999",
              "address": "Thôn Phú Thọ", "unit": tree.new_trung_chinh}  # fmt: skip
    licensed = Establishment.objects.create(business_type=karaoke, name="Karaoke Có Phép",
                                            latitude=21.03, longitude=106.22, **common)  # fmt: skip
    Certificate.objects.create(establishment=licensed, kind="GP", number="1", issuer="UBND",
                               issued_on=date(2024, 1, 1))  # fmt: skip
    Establishment.objects.create(business_type=karaoke, name="Karaoke Chưa Phép", **common)
    Establishment.objects.create(business_type=internet, name="Đại lý Internet An", **common)
    Establishment.objects.create(
        business_type=internet, name="Internet Đã Đóng", status="closed", **common
    )
    page = client.get(reverse("establishments_public"), {"q": "trung chinh"}).content.decode()
    assert "Karaoke Có Phép" in page and "Đại lý Internet An" in page
    assert "Karaoke Chưa Phép" not in page and "Internet Đã Đóng" not in page
    assert "027090009999" not in page and "21.03" in page  # the marker, not the owner's ID
    # Every word, in the name, the type, the commune or its parent: "karaoke bac ninh".
    found = client.get(reverse("establishments_public"), {"q": "karaoke bac ninh"}).content.decode()
    assert "Karaoke Có Phép" in found and "Đại lý Internet An" not in found
    api = client.get("/api/v1/establishments/licensed").json()
    assert {i["name"] for i in api["items"]} == {"Karaoke Có Phép", "Đại lý Internet An"}
    assert all("owner_id_number" not in i for i in api["items"])


def test_api_is_scoped(client, officer, tree, member):
    client.force_login(officer)
    body = {"business_type": "game", "name": "Game Sao Mai", "owner_name": "Lê Văn Dũng",
            "address": "Thôn Lai Hạ", "unit": tree.new_trung_chinh.pk}  # fmt: skip
    created = client.post("/api/v1/establishments", body, content_type="application/json")
    assert created.status_code == 201
    pk = created.json()["id"]
    cert = client.post(f"/api/v1/establishments/{pk}/certificates",
                       {"kind": "GCN", "number": "02/GCN", "issuer": "UBND xã", "issued_on": "2026-01-05",
                        "valid_until": "2025-01-01"}, content_type="application/json")  # fmt: skip
    assert cert.status_code == 422
    stats = client.get(
        "/api/v1/establishments-statistics", {"unit": tree.new_trung_chinh.pk, "period": "2026"}
    )
    assert stats.json()["figures"]["establishments.operating_game"] == 1
    outsider = member("bh.vhxh", SPECIALIST, tree.new_bo_ha)
    client.force_login(outsider)
    assert client.get(f"/api/v1/establishments/{pk}").status_code == 403
    assert client.get("/api/v1/establishments").json()["count"] == 0
    assert (
        client.post("/api/v1/establishments", body, content_type="application/json").status_code
        == 403
    )
