"""A commune officer imports BTS stations: a file with a bad row is refused whole with the
problem shown, the corrected file goes in, and the stations appear on the map and in the
statistics."""

import re

import pytest

from tttt.core.tabular import xlsx_bytes
from tttt.infra.importer import EXAMPLE, HEADERS
from tttt.infra.models import BtsStation
from tttt.org.roles import SPECIALIST

pytestmark = pytest.mark.e2e


def row(code, unit_code, technologies, lat, lon):
    values = list(EXAMPLE)
    values[1], values[4], values[7], values[5], values[6] = code, unit_code, technologies, lat, lon
    return values


def test_bts_import_bad_row_fix_map_and_statistics(
    transactional_db, shipped_data, live_server, page, shot, tree, member, tmp_path
):
    member("tc.vhxh", SPECIALIST, tree.new_trung_chinh, password="mat-khau-dung-1")
    good = row("BNH0231", "09523", "4G, 5G", "21.0312", "106.2341")
    bad = row("BNH0232", "09523", "6G", "21.0205", "106.2422")
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label(re.compile("Tên đăng nhập|Username", re.I)).fill("tc.vhxh")
    page.get_by_label(re.compile("Mật khẩu|Password", re.I)).fill("mat-khau-dung-1")
    page.get_by_role("button", name=re.compile("Đăng nhập|Sign in", re.I)).click()
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/ha-tang/bts/nhap/")
    upload = tmp_path / "tram-bts.xlsx"
    upload.write_bytes(xlsx_bytes(HEADERS, [good, bad]))
    page.set_input_files("input[type=file]", str(upload))
    page.get_by_role("button", name=re.compile("Nhập|Tải lên", re.I)).click()
    problems = page.locator("main").inner_text()
    assert "Chưa nhập gì: tệp có 1 lỗi." in problems
    assert "3\tCông nghệ\tGhi một hoặc nhiều trong 2G, 3G, 4G, 5G" in problems  # row, column, fix
    assert not BtsStation.objects.exists()
    shot(page, "infra-bts-import-refused")

    fixed = row("BNH0232", "09523", "4G", "21.0205", "106.2422")
    upload.write_bytes(xlsx_bytes(HEADERS, [good, fixed]))
    page.set_input_files("input[type=file]", str(upload))
    page.get_by_role("button", name=re.compile("Nhập|Tải lên", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/bts/"))
    listing = page.locator("main").inner_text()
    assert "Đã nhập 2 trạm BTS." in listing and "BNH0231" in listing and "BNH0232" in listing
    shot(page, "infra-bts-list")

    page.get_by_role("link", name="Bản đồ").first.click()
    page.wait_for_url(re.compile(r"/admin/ha-tang/bts/ban-do/"))
    page.wait_for_selector("#map[data-ready='2']")
    assert page.locator("#map path.leaflet-interactive").count() == 2
    page.locator("#map path.leaflet-interactive").first.click(force=True)
    assert "BNH023" in page.locator(".leaflet-popup-content").inner_text()
    shot(page, "infra-bts-map")

    page.goto(
        f"{live_server.url}/admin/ha-tang/thong-ke/?unit={tree.new_trung_chinh.pk}&period=2026"
    )
    figure = page.locator("[data-indicator='infra.bts_operating']").inner_text()
    assert figure.endswith("2"), figure
    assert page.locator("[data-indicator='infra.bts_5g']").inner_text().endswith("1")
    shot(page, "infra-statistics")
    assert not [e for e in page.console_errors if "Content Security Policy" in e], (
        page.console_errors
    )
