"""A report exported to Word (Decree 30/2020 layout) and to XLSX, from code and from
`tttt report export`."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from tttt.core.periods import Period
from tttt.reporting import export, services

Q3 = Period.quarter(2019, 3)


@pytest.fixture
def submitted(commune_form, tree, thua_officer):
    report = services.report_open(user=thua_officer, form=commune_form, unit=tree.thua, period=Q3)
    services.report_save(
        user=thua_officer,
        report=report,
        figures={
            "bc.buu_dien_ke_hoach": "61",
            "bc.dvc_tich_hop": "10.847",
            "bc.dvc_truc_tuyen": "",
        },
        texts={
            1: "Tiếp nhận 103 chứng thư số chuyên dùng.",
            2: "Quản lý sim rác còn nhiều khó khăn.",
        },
        number="125/BC-UBND",
        place="Thứa",
        signed_on=date(2019, 10, 10),
        signer_title="KT. Chủ tịch\nPhó Chủ tịch",
        signer_name="Trần Xuân Nhiên",
        recipients="Phòng VH&TT huyện;\nLưu: VT.",
    )
    return services.report_submit(user=thua_officer, report=report)


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_the_word_document_has_the_administrative_layout(submitted):
    doc = Document(io.BytesIO(export.to_docx(submitted)))
    header = doc.tables[0].rows[0].cells
    assert (
        "ỦY BAN NHÂN DÂN\nTHỊ TRẤN THỨA" in header[0].text and "Số: 125/BC-UBND" in header[0].text
    )
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc" in header[1].text
    assert "Thứa, ngày 10 tháng 10 năm 2019" in header[1].text
    text = _text(doc)
    assert "BÁO CÁO\nBáo cáo quý công tác TT&TT quý III/2019" in text
    assert "Bưu điện hoàn thành % kế hoạch năm\n61%" in text
    assert "Dịch vụ hành chính công tích hợp\n10.847" in text
    assert "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN\nQuản lý sim rác còn nhiều khó khăn." in text
    footer = doc.tables[-1].rows[0].cells
    assert footer[0].text.startswith("Nơi nhận:\n- Phòng VH&TT huyện;")
    assert "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" in footer[1].text and footer[1].text.endswith(
        "Trần Xuân Nhiên"
    )
    assert doc.styles["Normal"].font.name == "Times New Roman"


def test_the_workbook_has_the_figures_as_numbers(submitted):
    wb = load_workbook(io.BytesIO(export.to_xlsx(submitted)))
    ws = wb["Số liệu"]
    rows = {r[2]: r for r in ws.iter_rows(min_row=7, values_only=True)}
    assert rows["bc.dvc_tich_hop"][5] == 10847
    assert rows["bc.buu_dien_ke_hoach"][5] == 61
    assert rows["org.offices"][4] == "Tính từ hồ sơ" and rows["org.offices"][5] == 0
    assert "Trạng thái: Đã nộp, chờ duyệt" in ws["A4"].value
    assert wb["Nội dung"]["A1"].value == "Kết quả đạt được"


def test_the_command_exports_word_and_excel(submitted, tmp_path):
    docx_file, xlsx_file = tmp_path / "bc.docx", tmp_path / "bc.xlsx"
    call_command(
        "report", "export", "--unit", "Thị trấn Thứa", "--period", "2019-Q3", "-o", str(docx_file)
    )
    assert "Trần Xuân Nhiên" in _text(Document(str(docx_file)))
    call_command("report", "export", "--unit", "Thứa", "--period", "2019-Q3", "--form", "bc-quy-xa",
                 "-o", str(xlsx_file))  # fmt: skip
    assert load_workbook(xlsx_file)["Số liệu"]["A1"].value.startswith("Báo cáo quý")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--unit", "Thứa", "--period", "2019-Q2"], "chưa lập báo cáo Quý II/2019"),
        (["--unit", "Thứa", "--period", "2019-Q5"], "Không hiểu kỳ"),
        (["--unit", "Không Có", "--period", "2019-Q3"], "Không tìm thấy đơn vị"),
        (["--unit", "Thứa", "--period", "2019-Q3", "--form", "khong-co"], "Không có mẫu báo cáo"),
    ],
)
def test_the_command_says_what_to_fix(submitted, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", "export", *args, "-o", str(tmp_path / "x.docx"))
    with pytest.raises(CommandError, match=r"\.docx \(Word\) hoặc \.xlsx"):
        call_command("report", "export", "--unit", "Thứa", "--period", "2019-Q3", "-o", "x.pdf")
