"""All-or-nothing imports of XLSX/CSV tables: read the rows, list every problem by row and
column, write nothing unless there is none. Each app supplies its columns and its parser."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass


@dataclass
class Problem:
    row: int
    column: str
    message: str

    def __str__(self):
        return f"Dòng {self.row}, cột «{self.column}»: {self.message}"


class ImportRejected(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(f"Không nhập: {len(problems)} lỗi.")


def read_table(filename: str, content: bytes) -> list[list]:
    """The rows of an XLSX or CSV file, header first. Raises ImportRejected when the file
    is not what its name says (checked on its bytes, core.uploads) or cannot be read."""
    from tttt.core.uploads import content_problem

    name = filename.lower()
    if name.endswith(".xlsx"):
        if problem := content_problem(io.BytesIO(content), filename):
            raise ImportRejected([Problem(1, "tệp", problem)])
        from openpyxl import load_workbook

        try:
            wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            return [list(r) for r in wb.worksheets[0].iter_rows(values_only=True)]
        except Exception as exc:  # noqa: BLE001 — a damaged workbook gets one clear problem
            raise ImportRejected([Problem(1, "tệp", "Không đọc được tệp Excel (tệp bị hỏng hoặc "
                                          "không phải .xlsx); hãy lưu lại từ Excel rồi nhập.")]) from exc  # fmt: skip
    if name.endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
        if text is None or "\x00" in text or text.lstrip()[:1] == "<":
            raise ImportRejected([Problem(1, "tệp", "Tệp không phải CSV dạng văn bản UTF-8 (có thể "
                                          "là tệp khác đổi tên); hãy xuất lại CSV UTF-8 từ Excel.")])  # fmt: skip
        return list(csv.reader(io.StringIO(text)))
    raise ImportRejected([Problem(1, "tệp", "Chỉ nhận tệp .xlsx hoặc .csv.")])


def text(value) -> str:
    """A cell as trimmed text (`12.0` from a spreadsheet becomes `12`)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_decimal(value: str, places: int = 6):
    """`21,0321` or `21.0321` as a Decimal with `places` decimals; None when not a number."""
    from decimal import Decimal, InvalidOperation

    try:
        return Decimal(value.replace(",", ".")).quantize(Decimal(10) ** -places)
    except InvalidOperation:
        return None


def parse_date(value: str):
    """dd/mm/yyyy, yyyy-mm-dd or a spreadsheet's date cell; None when not a date."""
    from datetime import datetime

    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def rows_by_header(table: list[list], columns: list[tuple[str, str]], required: list[str]):
    """`(row number, {key: text})` for each non-empty row, or problems for missing headers.

    `columns` are `(key, header title)`; `required` the keys whose header must be present.
    """
    if not table:
        return [], [Problem(1, "tệp", "Tệp trống.")]
    header = [text(h) for h in table[0]]
    titles = dict(columns)
    missing = [titles[k] for k in required if titles[k] not in header]
    if missing:
        return [], [Problem(1, title, "Thiếu cột này ở dòng tiêu đề.") for title in missing]
    index = {key: header.index(title) for key, title in columns if title in header}
    rows = []
    for number, raw in enumerate(table[1:], start=2):
        values = {k: text(raw[i]) if i < len(raw) else "" for k, i in index.items()}
        if any(values.values()):
            rows.append((number, values))
    return rows, []


def xlsx_bytes(headers: list[str], rows: list[list], title: str = "Dữ liệu") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
