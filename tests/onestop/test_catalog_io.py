from io import BytesIO

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from tttt.onestop.catalog_io import HEADERS, ImportRejected, export_csv, import_catalog
from tttt.onestop.models import Procedure
from tttt.org.roles import ADMIN

GOOD = ["2.000001.H24", "Cấp Giấy phép kinh doanh karaoke", "VHCS", "Văn hóa cơ sở", "xã", 5, "ngày",
        "4.000.000", "1 triệu đồng/phòng, tối đa 6 triệu", "một phần", 3, "Nghị định 54/2019/NĐ-CP",
        "09523", "Đơn đề nghị [1/0]\nBản sao Giấy chứng nhận đăng ký kinh doanh [0/1]",
        "Tiếp nhận | can-bo-mot-cua | 10\nThẩm định | chuyen-vien | 70\nKý | lanh-dao | 20", "có"]  # fmt: skip


def xlsx(*rows):
    wb = Workbook()
    ws = wb.active
    ws.append(HEADERS)
    for row in rows:
        ws.append(row)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def admin(tree, member):
    return member("bn.quantri", ADMIN, tree.bac_ninh)


def test_a_good_file_is_imported_and_exports_back(admin, tree):
    result = import_catalog(user=admin, filename="danh-muc.xlsx", content=xlsx(GOOD))
    assert result == {"added": 1, "changed": 0}
    p = Procedure.objects.get(code="2.000001.H24")
    assert (p.fee, p.duration, p.online_service, p.legacy_level) == (4_000_000, 5, "partial", 3)
    assert list(p.units.all()) == [tree.new_trung_chinh]
    assert [(d.name, d.originals, d.copies) for d in p.documents.all()] == [
        ("Đơn đề nghị", 1, 0),
        ("Bản sao Giấy chứng nhận đăng ký kinh doanh", 0, 1),
    ]
    assert [s.share for s in p.steps.all()] == [10, 70, 20]
    exported = export_csv(Procedure.objects.all()).decode("utf-8-sig")
    assert "Đơn đề nghị [1/0]" in exported
    # The exported file imports again unchanged (a round trip).
    again = import_catalog(user=admin, filename="x.csv", content=exported.encode())
    assert again == {"added": 0, "changed": 1}


def test_one_bad_row_imports_nothing_and_every_problem_is_listed(admin):
    bad = list(GOOD)
    bad[0], bad[4], bad[5], bad[7], bad[12] = "2.000002.H24", "phường", "năm", "một triệu", "99999"
    overfull = list(GOOD)
    overfull[0], overfull[14] = "2.000003.H24", "A | x | 80\nB | y | 40"
    with pytest.raises(ImportRejected) as caught:
        import_catalog(user=admin, filename="d.xlsx", content=xlsx(GOOD, bad, overfull, GOOD))
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {
        (3, "Cấp thực hiện"),
        (3, "Thời hạn"),
        (3, "Phí, lệ phí (đồng)"),
        (3, "Mã cơ quan tiếp nhận"),
        (4, "Quy trình nội bộ"),
        (5, "Mã thủ tục"),  # the duplicate of row 2
    }
    assert "Trùng với dòng 2" in str(next(p for p in caught.value.problems if p.row == 5))
    assert Procedure.objects.count() == 0


def test_units_outside_scope_and_missing_columns(tree, member):
    commune_admin = member("tc.quantri", ADMIN, tree.new_trung_chinh)
    row = list(GOOD)
    row[12] = "07213"  # Bố Hạ: another commune
    with pytest.raises(ImportRejected) as caught:
        import_catalog(user=commune_admin, filename="d.xlsx", content=xlsx(row))
    assert "ngoài phạm vi" in caught.value.problems[0].message
    with pytest.raises(ImportRejected) as caught:
        import_catalog(user=commune_admin, filename="d.csv", content="Mã thủ tục\n1".encode())
    assert {p.column for p in caught.value.problems} >= {"Tên thủ tục", "Thời hạn"}
    with pytest.raises(ImportRejected):
        import_catalog(user=commune_admin, filename="d.pdf", content=b"%PDF")


def test_only_administrators_import(staff):
    with pytest.raises(PermissionDenied):
        import_catalog(user=staff.clerk, filename="d.xlsx", content=xlsx(GOOD))


def test_import_page_shows_the_problems(client, admin):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=admin, name="t", confirmed=True)
    client.force_login(admin)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    bad = list(GOOD)
    bad[5] = "0"
    upload = BytesIO(xlsx(bad))
    upload.name = "danh-muc.xlsx"
    page = client.post(reverse("onestop_catalog_import"), {"file": upload})
    html = page.content.decode()
    assert "Chưa nhập gì" in html and "Thời hạn" in html and "Phải là số nguyên dương" in html
    export = client.get(reverse("onestop_catalog_export"))
    assert load_workbook(BytesIO(export.content)).active["A1"].value == "Mã thủ tục"


def test_editing_a_procedure_with_its_papers_and_steps_in_the_back_office(client, admin, tree):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tttt.onestop.models import ProcedureField

    field = ProcedureField.objects.create(code="VHCS", name="Văn hóa cơ sở")
    device = TOTPDevice.objects.create(user=admin, name="t", confirmed=True)
    client.force_login(admin)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()

    def post(shares):
        data = {
            "code": "2.000001", "level": "commune", "name": "Cấp Giấy phép kinh doanh karaoke",
            "field": field.pk, "is_active": "on", "duration": 5, "duration_unit": "day",
            "fee": 4_000_000, "fee_note": "", "online_service": "partial", "legacy_level": "",
            "legal_basis": "Nghị định 54/2019/NĐ-CP", "units": [tree.new_trung_chinh.pk],
            "documents-TOTAL_FORMS": 1, "documents-INITIAL_FORMS": 0,
            "documents-MIN_NUM_FORMS": 0, "documents-MAX_NUM_FORMS": 1000,
            "documents-0-name": "Đơn đề nghị", "documents-0-originals": 1, "documents-0-copies": 0,
            "documents-0-required": "on", "documents-0-ORDER": 1, "documents-0-order": 1,
            "steps-TOTAL_FORMS": len(shares), "steps-INITIAL_FORMS": 0,
            "steps-MIN_NUM_FORMS": 0, "steps-MAX_NUM_FORMS": 1000,
        }  # fmt: skip
        for i, share in enumerate(shares):
            data.update({f"steps-{i}-name": f"Bước {i + 1}", f"steps-{i}-role": "chuyen-vien",
                         f"steps-{i}-share": share, f"steps-{i}-order": i + 1, f"steps-{i}-ORDER": i + 1})  # fmt: skip
        return client.post(reverse("procedures:add"), data)

    refused = post([60, 50])
    assert refused.status_code == 200 and "vượt 100%" in refused.content.decode()
    assert not Procedure.objects.exists()
    saved = post([30, 70])
    assert saved.status_code == 302, saved.content.decode()[:2000]
    p = Procedure.objects.get()
    assert [d.name for d in p.documents.all()] == ["Đơn đề nghị"]
    assert [s.share for s in p.steps.all()] == [30, 70]
    assert list(p.units.all()) == [tree.new_trung_chinh]


def test_editing_keeps_the_receiving_units_outside_the_editors_scope(tree, member):
    from tttt.onestop import services
    from tttt.onestop.models import ProcedureField

    commune_admin = member("tc.quantri2", ADMIN, tree.new_trung_chinh)
    field = ProcedureField.objects.create(code="HT", name="Hộ tịch")
    p = Procedure.objects.create(
        code="1.000001", name="Đăng ký khai sinh", field=field, level="commune", duration=1
    )
    p.units.add(tree.new_trung_chinh, tree.new_bo_ha)
    p.fee = 8000
    services.procedure_save(user=commune_admin, procedure=p, units=[tree.new_trung_chinh])
    # Bố Hạ is outside this administrator's scope: its catalog keeps the procedure.
    assert set(p.units.all()) == {tree.new_trung_chinh, tree.new_bo_ha}
    services.procedure_save(user=commune_admin, procedure=p, units=[])
    assert set(p.units.all()) == {tree.new_bo_ha}


def test_a_procedure_outside_scope_cannot_be_opened(client, tree, member):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tttt.onestop.models import ProcedureField

    commune_admin = member("tc.quantri3", ADMIN, tree.new_trung_chinh)
    device = TOTPDevice.objects.create(user=commune_admin, name="t", confirmed=True)
    field = ProcedureField.objects.create(code="HT", name="Hộ tịch")
    p = Procedure.objects.create(
        code="1.000002", name="Thủ tục riêng của Bố Hạ", field=field, level="commune", duration=1
    )
    p.units.add(tree.new_bo_ha)
    client.force_login(commune_admin)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    for name in ("procedures:edit", "procedures:inspect"):
        page = client.get(reverse(name, args=[p.pk]))
        assert page.status_code in (302, 403) and p.name.encode() not in page.content, name
