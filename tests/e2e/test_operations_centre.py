"""The leaders' operations centre in the browser, on desktop then phone: a district leader
reads the overview of Lương Tài for Q3/2019, follows the late dossiers across the communes
down to exactly Xã Trung Chính's, sets an alert on the district's territory today that
fires on the dossiers overdue now, and opens the public figures page."""

import re
from datetime import datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tttt.onestop.models import Dossier, Procedure, ProcedureField
from tttt.org.roles import LEADER
from tttt.reporting.models import Alert

from .test_report_life import PASSWORD, sign_in

pytestmark = pytest.mark.e2e


def _dossiers(tree):
    """Q3/2019 at Xã Trung Chính (3 late of 10) and Thị trấn Thứa (1 late of 6), and two
    dossiers at today's Xã Trung Chính past their deadline, still being processed."""
    field = ProcedureField.objects.create(code="VHCS", name="Văn hóa cơ sở")
    procedure = Procedure.objects.create(code="1.001809", name="Cấp Giấy chứng nhận điểm trò chơi điện tử công cộng",
                                         field=field, level=Procedure.Level.COMMUNE, duration=3)  # fmt: skip
    tz = timezone.get_current_timezone()
    rows, n = [], 0
    for unit, total, late in ((tree.trung_chinh, 10, 3), (tree.thua, 6, 1)):
        for i in range(total):
            n += 1
            received = datetime(2019, 7, 2 + i, 9, tzinfo=tz)
            deadline = received + timedelta(days=5)
            resolved = deadline + (timedelta(days=2) if i < late else -timedelta(days=1))
            rows.append(Dossier(code=f"{unit.code}-190702-{n:04d}", procedure=procedure, unit=unit, channel="counter",
                                status="returned", applicant_name=f"Nguyễn Văn {n}", phone="0912345678",
                                received_at=received, counted_from=received, due_at=deadline, deadline=deadline,
                                finished_at=resolved, resolved_at=resolved, returned_at=resolved,
                                timing="late" if i < late else "on_time"))  # fmt: skip
    now = timezone.now()
    for i in range(2):
        rows.append(Dossier(code=f"{tree.new_trung_chinh.code}-now-{i}", procedure=procedure, unit=tree.new_trung_chinh,
                            channel="online", status="processing", applicant_name=f"Trần Thị {i}", phone="0912345678",
                            received_at=now - timedelta(days=10), counted_from=now - timedelta(days=10),
                            due_at=now - timedelta(days=2), deadline=now - timedelta(days=2)))  # fmt: skip
    Dossier.objects.bulk_create(rows)


def test_a_district_leader_reads_drills_down_sets_an_alert_and_opens_the_public_figures(
    transactional_db, live_server, page, shot, tree, member
):
    _dossiers(tree)
    leader = member("lt.lanhdao", LEADER, tree.luong_tai, password=PASSWORD)
    leader.email = "lanhdao@luongtai.gov.vn"
    leader.save()
    url, tag = live_server.url, "desktop"

    sign_in(page, url, "lt.lanhdao")
    page.goto(f"{url}/admin/bao-cao/tong-quan/")
    overview = page.get_by_test_id("overview")
    expect(overview).to_contain_text("Quý III/2019")  # the latest quarter with dossiers
    received = page.locator('[data-code="onestop.received"]')
    expect(received.locator(".value")).to_have_text("16")
    expect(page.locator('[data-code="onestop.on_time_rate"] .value')).to_have_text("75%")
    expect(received).to_contain_text("Cùng kỳ năm trước: 0")
    page.wait_for_function("document.querySelectorAll('canvas[data-ready]').length > 10")
    shot(page, f"operations-overview-{tag}")

    received.get_by_role("link", name="Theo kỳ và theo đơn vị").click()
    page.get_by_label("Chỉ tiêu").select_option(label="Hồ sơ giải quyết quá hạn")
    page.get_by_role("button", name="Xem").click()
    row = page.get_by_test_id("across-units").locator("tr", has_text="Xã Trung Chính")
    expect(row).to_contain_text("3")
    shot(page, f"operations-ranking-{tag}")
    row.get_by_role("link", name="3").click()
    expect(page.get_by_test_id("figure-records")).to_be_visible()
    rows = page.locator("tbody tr", has_text="-190702-")
    expect(rows).to_have_count(3)
    assert all("Xã Trung Chính" in text for text in rows.all_inner_texts())
    shot(page, f"operations-late-dossiers-{tag}")

    page.goto(f"{url}/admin/bao-cao/tong-quan/")
    page.locator('[data-code="onestop.pending_overdue"]').get_by_test_id("set-alert").click()
    page.get_by_label("Cảnh báo khi số liệu").select_option(label="trên")
    page.get_by_label("Ngưỡng").fill("0")
    page.get_by_label("Kỳ theo dõi").select_option(label="Quý đang diễn ra, đến hôm nay")
    page.get_by_role("button", name=re.compile("Lưu|Tạo|Save", re.I)).first.click()
    expect(page.locator("main")).to_contain_text(
        "Đang cảnh báo: 2"
    )  # today's Trung Chính, once Lương Tài's
    assert Alert.objects.filter(closed_at__isnull=True).count() == 1
    shot(page, f"operations-alert-{tag}")
    page.goto(f"{url}/admin/")
    expect(page.get_by_test_id("alerts-panel")).to_contain_text("Huyện Lương Tài")

    page.goto(f"{url}/so-lieu/?unit={tree.luong_tai.pk}&period=2019-Q3")
    expect(page.locator('[data-code="onestop.resolved_late"]')).to_have_text("4")
    page.wait_for_function("document.getElementById('figures-chart').dataset.ready === '1'")
    shot(page, f"operations-public-figures-{tag}")

    # The same pages on a phone: nothing wider than the screen.
    page.set_viewport_size({"width": 390, "height": 844})
    for name, path in (("overview", "/admin/bao-cao/tong-quan/"),
                       ("ranking", "/admin/bao-cao/bang-so-lieu/?chi_tieu=onestop.resolved_late&period=2019-Q3"),
                       ("alerts", "/admin/bao-cao/canh-bao/"),
                       ("public-figures", f"/so-lieu/?unit={tree.luong_tai.pk}&period=2019-Q3")):  # fmt: skip
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390 + 1, name
        shot(page, f"operations-{name}-phone")
    assert not [e for e in page.console_errors if "favicon" not in e], page.console_errors
