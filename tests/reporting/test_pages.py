"""The back-office pages of reporting: open, fill with a wrong figure (refused, nothing
saved), submit, accept from the unit above, download; scope by URL and download; the
completeness page in a bounded number of queries; the administrator's forms."""

import io
from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document

from conftest import downloaded, sign_in_verified
from tttt.core.periods import Period
from tttt.org.models import Unit
from tttt.org.roles import ADMIN, REPORTING_OFFICER
from tttt.reporting import services
from tttt.reporting.models import ManualIndicator, Report, ReportForm


def test_a_report_is_opened_filled_submitted_and_accepted_in_the_back_office(
    client, commune_form, tree, thua_officer, district_officer
):
    client.force_login(thua_officer)
    bad = client.post(
        reverse("reports:add"), {"form": commune_form.pk, "unit": tree.thua.pk, "period": "2019-Q7"}
    )
    assert "Không hiểu kỳ «2019-Q7»" in bad.content.decode() and not Report.objects.exists()
    opened = client.post(
        reverse("reports:add"), {"form": commune_form.pk, "unit": tree.thua.pk, "period": "2019-Q3"}
    )
    report = Report.objects.get()
    url = reverse("reports:inspect", args=[report.pk])
    assert opened["Location"] == url
    page = client.get(url).content.decode()
    assert (
        "Báo cáo quý công tác TT&amp;TT — Quý III/2019" in page
        and 'name="fig-bc.dvc_tich_hop"' in page
    )
    form = {"action": "submit", "fig-bc.buu_dien_ke_hoach": "61", "fig-bc.dvc_tich_hop": "213",
            "fig-bc.dvc_truc_tuyen": "300", "sec-1": "Kết quả tốt.", "sec-2": "", "number": "12/BC-UBND",
            "place": "Thứa", "signed_on": "2019-10-10", "signer_title": "Chủ tịch", "signer_name": "Nguyễn An",
            "recipients": "Phòng VH&TT huyện"}  # fmt: skip
    refused = client.post(url, form)
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "không được lớn hơn «Dịch vụ hành chính công tích hợp» (213)" in text
    assert 'value="300"' in text and "Kết quả tốt." in text  # what was typed is kept
    report.refresh_from_db()
    assert report.status == "draft" and not report.figures.exists() and report.number == ""
    form["fig-bc.dvc_truc_tuyen"] = "40"
    assert client.post(url, form).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.number == "12/BC-UBND"
    assert "Tiếp nhận của đơn vị cấp trên" not in client.get(url).content.decode()
    client.force_login(district_officer)
    assert "Tiếp nhận của đơn vị cấp trên" in client.get(url).content.decode()
    client.post(url, {"action": "return", "reason": ""})
    report.refresh_from_db()
    assert report.status == "submitted"
    client.post(url, {"action": "accept"})
    report.refresh_from_db()
    assert report.status == "accepted"
    word = downloaded(client, reverse("reporting_download", args=[report.pk, "docx"]))
    assert "Nguyễn An" in "\n".join(p.text for t in Document(io.BytesIO(word.body)).tables
                                   for r in t.rows for c in r.cells for p in c.paragraphs)  # fmt: skip
    assert client.get(reverse("reporting_download", args=[report.pk, "pdf"])).status_code == 404


def test_another_communes_officer_sees_nothing_by_url_list_or_download(
    client, commune_form, tree, thua_officer, member
):
    report = services.report_open(
        user=thua_officer, form=commune_form, unit=tree.thua, period=Period.quarter(2019, 3)
    )
    client.force_login(member("bh.baocao", REPORTING_OFFICER, tree.bo_ha))
    assert "Thị trấn Thứa" not in client.get(reverse("reports:index")).content.decode()
    assert client.get(reverse("reports:inspect", args=[report.pk])).status_code in (302, 403)
    assert client.get(reverse("reporting_download", args=[report.pk, "docx"])).status_code in (
        302,
        403,
    )
    assert client.get(reverse("reporting_download", args=[report.pk, "xlsx"])).status_code in (
        302,
        403,
    )
    assert client.post(
        reverse("reports:inspect", args=[report.pk]), {"action": "submit"}
    ).status_code in (302, 403)
    assert Report.objects.get().status == "draft"
    for view in ("history", "usage"):  # every page of one report keeps to the scope
        other = client.get(reverse(f"reports:{view}", args=[report.pk]))
        assert other.status_code in (302, 403) and "Thị trấn Thứa" not in other.content.decode(), (
            view
        )
    page = client.get(reverse("reporting_completeness"), {"unit": tree.luong_tai.pk})
    assert page.status_code in (302, 403)


def test_completeness_page_queries_do_not_grow_with_units(
    client, commune_form, tree, district_officer
):
    client.force_login(district_officer)
    params = {"unit": tree.luong_tai.pk, "form": commune_form.pk, "period": "2019-Q3"}
    client.get(reverse("reporting_completeness"), params)  # the session's first page fills caches
    with CaptureQueriesContext(connection) as few:
        page = client.get(reverse("reporting_completeness"), params)
    assert "2 đơn vị phải nộp: 0 đúng hạn, 0 muộn, 2 chưa nộp." in page.content.decode()
    for i in range(30):
        Unit.objects.create(name=f"Xã Thử {i}", kind="commune", type_word="xa", parent=tree.luong_tai,
                            code=f"99{i:03d}", valid_to=tree.thua.valid_to, source="test-legacy")  # fmt: skip
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("reporting_completeness"), params)
    assert "32 đơn vị phải nộp" in page.content.decode()
    assert len(many) == len(few)
    aggregate = client.get(reverse("reporting_aggregate"), params).content.decode()
    assert "Cộng 0 báo cáo đã nộp" in aggregate and "Tỷ lệ: không cộng được" in aggregate
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(client.get(reverse("reporting_completeness"),
                                                {**params, "export": "xlsx"}).content)).active  # fmt: skip
    assert sheet.max_row == 33 and sheet["C2"].value == "Chưa nộp"
    sheet = load_workbook(io.BytesIO(client.get(reverse("reporting_aggregate"),
                                                {**params, "export": "xlsx"}).content)).active  # fmt: skip
    assert [c.value for c in sheet[1]] == ["Mã chỉ tiêu", "Chỉ tiêu", "Số liệu", "Cách tổng hợp"]


def test_administrators_define_manual_indicators_and_forms_with_clear_refusals(
    client, tree, member, commune_form
):
    admin = member("bn.quantri", ADMIN, tree.bac_ninh)
    sign_in_verified(client, admin)
    taken = client.post(reverse("chi-tieu-nhap-tay:add"), {"code": "onestop.received", "name": "Trùng",
                                                           "measure": "count", "aggregation": "sum", "is_active": "on"})  # fmt: skip
    assert "đã là chỉ tiêu tính từ hồ sơ" in taken.content.decode()
    made = client.post(reverse("chi-tieu-nhap-tay:add"), {"code": "bc.chi_bo_bao", "name": "% chi bộ có báo đọc trong ngày",
                                                          "measure": "percent", "aggregation": "ratio", "is_active": "on"})  # fmt: skip
    assert made.status_code == 302 and ManualIndicator.objects.filter(code="bc.chi_bo_bao").exists()
    catalog = client.get(reverse("reporting_catalog"), {"q": "chi_bo"}).content.decode()
    assert "% chi bộ có báo đọc trong ngày" in catalog and "Nhập tay" in catalog
    data = {"code": "bc-nam", "name": "Báo cáo năm", "level": "district", "period_kind": "year", "due_days": "20", "data_window": "calendar",
            "legal_basis": "", "is_active": "on",
            "indicators-TOTAL_FORMS": "2", "indicators-INITIAL_FORMS": "0", "indicators-MIN_NUM_FORMS": "0",
            "indicators-MAX_NUM_FORMS": "1000",
            "indicators-0-position": "1", "indicators-0-code": "bc.chi_bo_bao", "indicators-0-group": "", "indicators-0-required": "on",
            "indicators-1-position": "2", "indicators-1-code": "khong.co", "indicators-1-group": "",
            "sections-TOTAL_FORMS": "1", "sections-INITIAL_FORMS": "0", "sections-MIN_NUM_FORMS": "0",
            "sections-MAX_NUM_FORMS": "1000", "sections-0-position": "1", "sections-0-title": "Kết quả", "sections-0-guidance": ""}  # fmt: skip
    refused = client.post(reverse("mau-bao-cao:add"), data)
    assert "Không có chỉ tiêu mã: khong.co" in refused.content.decode()
    assert not ReportForm.objects.filter(code="bc-nam").exists()
    data["indicators-1-code"] = "onestop.received"
    assert client.post(reverse("mau-bao-cao:add"), data).status_code == 302
    form = ReportForm.objects.get(code="bc-nam")
    assert [i.code for i in form.indicators.all()] == ["bc.chi_bo_bao", "onestop.received"]
    assert [s.title for s in form.sections.all()] == ["Kết quả"]


def test_a_visit_is_recorded_and_its_recommendations_become_tasks_in_the_back_office(
    client, tree, member
):
    from datetime import date

    from tttt.assignments.models import Task
    from tttt.org.roles import LEADER
    from tttt.reporting.models import SupervisionVisit

    client.force_login(member("lt.lanhdao", LEADER, tree.luong_tai))
    data = {"unit": tree.luong_tai.pk, "kind": "supervision", "body": "Thường trực HĐND huyện", "leader": "Ông A",
            "subject": "Quản lý dịch vụ Internet", "visited_on": "2014-10-15", "period_start": "2014-01-01",
            "period_end": "2014-09-30", "findings": "28 cơ sở Internet."}  # fmt: skip
    assert client.post(reverse("doan-giam-sat:add"), data).status_code == 302
    visit = SupervisionVisit.objects.get()
    url = reverse("doan-giam-sat:inspect", args=[visit.pk])
    refused = client.post(
        url,
        {
            "text": "Kiểm tra giờ mở cửa karaoke.",
            "assignee": tree.thua.pk,
            "deadline": "2014-01-01",
        },
    )
    assert "Hạn hoàn thành" in refused.content.decode() and not Task.objects.exists()
    client.post(
        url,
        {
            "text": "Kiểm tra giờ mở cửa karaoke.",
            "assignee": tree.thua.pk,
            "deadline": "2014-12-31",
        },
    )
    task = Task.objects.get()
    assert (task.source, task.deadline) == ("supervision", date(2014, 12, 31))
    page = client.get(url).content.decode()
    assert "Kiểm tra giờ mở cửa karaoke." in page and "Quá hạn, chưa hoàn thành" in page
    client.force_login(member("bh.lanhdao", LEADER, tree.bo_ha))
    assert client.get(url).status_code in (302, 403)
    assert (
        "Quản lý dịch vụ Internet"
        not in client.get(reverse("doan-giam-sat:index")).content.decode()
    )
    for view in ("edit", "history", "usage"):
        other = client.get(reverse(f"doan-giam-sat:{view}", args=[visit.pk]))
        assert (
            other.status_code in (302, 403)
            and "Quản lý dịch vụ Internet" not in other.content.decode()
        ), view


def test_the_standings_page_scores_by_hand_and_names_the_leaders(client, tree, member):
    from tttt.org.roles import LEADER
    from tttt.reporting.models import Cluster, ClusterMember, ClusterYear, Criterion

    cluster = Cluster.objects.create(organiser=tree.old_bac_ninh, name="Cụm 1")
    for unit in (tree.luong_tai, tree.thua):
        ClusterMember.objects.create(cluster=cluster, unit=unit)
    manual = Criterion.objects.create(cluster=cluster, position=1, name="Ứng dụng CNTT", weight=100)
    client.force_login(member("obn.lanhdao", LEADER, tree.old_bac_ninh))
    url = reverse("reporting_standings", args=[cluster.pk])
    client.post(url, {"nam": "2015", "action": "score", f"p-{manual.pk}-{tree.luong_tai.pk}": "95",
                      f"p-{manual.pk}-{tree.thua.pk}": "120"})  # fmt: skip
    page = client.get(url, {"nam": "2015"}).content.decode()
    assert "phải từ 0 đến 100" in page  # all or nothing: nothing saved, so no ranking yet
    assert "chưa được chấm điểm" in page and "không hoàn thành" not in page.lower()
    assert page.count("<td data-total><strong>—</strong></td>") == 2  # no total of 0 points
    assert not manual.scores.exists()
    client.post(url, {"nam": "2015", "action": "score", f"p-{manual.pk}-{tree.luong_tai.pk}": "95",
                      f"p-{manual.pk}-{tree.thua.pk}": "80", "tieu_bieu": [str(tree.luong_tai.pk)]})  # fmt: skip
    page = client.get(url, {"nam": "2015"}).content.decode()
    assert "2 đơn vị: 1 hoàn thành xuất sắc (1 tiêu biểu), 1 hoàn thành tốt" in page
    assert 'name="nam" value="2015"' in page  # a year is not a number to group: never "2.015"
    client.post(
        url,
        {"nam": "2016", "action": "leaders", "leader": tree.thua.pk, "deputy": tree.luong_tai.pk},
    )
    year = ClusterYear.objects.get(cluster=cluster, year=2016)
    assert (year.leader, year.deputy) == (tree.thua, tree.luong_tai)
    client.force_login(member("thua.lanhdao", LEADER, tree.thua))
    assert client.get(url).status_code in (302, 403)


def test_the_dashboard_shows_an_indicator_over_time_and_across_units_within_scope(
    client, tree, member, commune_form
):
    from tttt.org.roles import LEADER

    Unit.objects.create(name="Xã Lâm Thao", kind="commune", type_word="xa", parent=tree.luong_tai, code="09550",
                        valid_from=date(2019, 8, 1), valid_to=tree.thua.valid_to, latitude="21.03",
                        longitude="106.21", source="test-legacy")  # fmt: skip
    client.force_login(member("lt.lanhdao", LEADER, tree.luong_tai))
    page = client.get(reverse("reporting_dashboard"),
                      {"unit": tree.luong_tai.pk, "chi_tieu": "org.communes", "period": "2019-Q3"})  # fmt: skip
    html = page.content.decode()
    over_time = html.split('data-testid="over-time"')[1].split("</table>")[0]
    assert (
        "Quý II/2019</td><td>" in over_time
        and "Quý III/2019" in over_time
        and "Quý IV/2017" in over_time
    )
    assert over_time.count("<tr>") == 9  # the header and 8 quarters
    assert ">2</a>" in over_time.split("Quý II/2019")[1].split("</tr>")[0]
    assert (
        ">3</a>" in over_time.split("Quý III/2019")[1].split("</tr>")[0]
    )  # Lâm Thao from 01/8/2019
    across = html.split('data-testid="across-units"')[1].split("</table>")[0]
    assert across.count("<tr>") == 4 and "Xã Lâm Thao" in across
    assert html.count('"lat": 21.03') == 1  # on the map: the only unit with coordinates
    bad = client.get(
        reverse("reporting_dashboard"), {"unit": tree.luong_tai.pk, "period": "2019-Q9"}
    )
    assert "Không hiểu kỳ «2019-Q9»" in bad.content.decode()
    client.force_login(member("bh.lanhdao", LEADER, tree.bo_ha))
    assert client.get(reverse("reporting_dashboard"), {"unit": tree.luong_tai.pk}).status_code in (
        302,
        403,
    )


def test_a_former_district_dashboard_lists_its_own_communes_and_opens_on_a_period_with_data(
    client, tree, member, commune_form
):
    from tttt.org.roles import LEADER

    client.force_login(member("lt.lanhdao", LEADER, tree.luong_tai))
    url = reverse("reporting_dashboard")
    page = client.get(
        url, {"unit": tree.luong_tai.pk, "chi_tieu": "org.communes", "period": "2026-Q3"}
    )
    across = page.content.decode().split('data-testid="across-units"')[1].split("</table>")[0]
    assert "Xã Trung Chính" in across and "Thị trấn Thứa" in across
    assert "Xã Lương Tài" not in across and "Xã Bố Hạ" not in across  # today's units
    opened = client.get(url, {"unit": tree.luong_tai.pk, "chi_tieu": "org.communes"})
    assert opened.context["period"].end <= tree.luong_tai.valid_to  # not a period after it ceased
    assert opened.context["over_time"][-1].value  # the opening period has a figure


def test_the_reports_list_queries_do_not_grow_with_reports(
    client, commune_form, tree, district_officer, member
):
    def open_for(unit, quarter):
        services.report_open(
            user=district_officer,
            form=commune_form,
            unit=unit,
            period=Period.quarter(2019, quarter),
        )

    open_for(tree.thua, 1)
    client.force_login(district_officer)
    client.get(reverse("reports:index"))  # the session's first page fills caches
    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse("reports:index")).status_code == 200
    for quarter in (2, 3, 4):
        open_for(tree.thua, quarter)
        open_for(tree.trung_chinh, quarter)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("reports:index")).content.decode()
    assert page.count("/admin/bao-cao/danh-sach/inspect/") == 7
    assert len(many) == len(few)

    def csv():
        return b"".join(
            client.get(reverse("reports:index") + "?export=csv").streaming_content
        ).decode()

    assert csv().count("Thị trấn Thứa") == 4
    client.force_login(member("bh.baocao", REPORTING_OFFICER, tree.bo_ha))
    assert "Thị trấn Thứa" not in csv() and "Xã Trung Chính" not in csv()


def test_completeness_opens_on_the_latest_period_the_units_below_reported_for(
    client, commune_form, tree, district_officer, thua_officer
):
    services.report_open(
        user=thua_officer, form=commune_form, unit=tree.thua, period=Period.quarter(2019, 2)
    )
    client.force_login(district_officer)
    page = client.get(
        reverse("reporting_completeness"), {"unit": tree.luong_tai.pk, "form": commune_form.pk}
    )
    assert str(page.context["period"]) == "2019-Q2"  # not the last quarter of 2026, empty
