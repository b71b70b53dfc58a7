"""An import reads only files that are what their names say: a web page or a PDF renamed
.xlsx or .csv is refused with one Vietnamese problem, before any row is read."""

import pytest

from tttt.core.tabular import ImportRejected, read_table, xlsx_bytes


def test_real_tables_are_read():
    workbook = xlsx_bytes(["Mã trạm", "Địa chỉ"], [["BN-1664", "Thôn Phú Thọ"]])
    assert read_table("tram.xlsx", workbook)[1] == ["BN-1664", "Thôn Phú Thọ"]
    assert read_table("tram.csv", "Mã trạm,Địa chỉ\nBN-1664,Thôn Phú Thọ\n".encode("utf-8-sig"))[
        1
    ] == ["BN-1664", "Thôn Phú Thọ"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("tram.xlsx", b"<html><body>not a workbook</body></html>"),
        ("tram.xlsx", b"PK\x03\x04 but a broken zip"),
        ("tram.csv", b"<!doctype html><html></html>"),
        ("tram.csv", b"%PDF-1.7\n\xff\xfe\x00\x00binary"),
        ("tram.pdf", b"%PDF-1.7"),
    ],
)
def test_files_that_are_not_tables_are_refused_in_vietnamese(name, content):
    with pytest.raises(ImportRejected) as refused:
        read_table(name, content)
    (problem,) = refused.value.problems
    assert problem.row == 1 and problem.column == "tệp"
    assert all(word not in problem.message for word in ("File", "zip", "codec", "Error"))
