"""A report filled, submitted, returned, corrected and accepted; bad figures refused with
messages that say what to fix; computed figures frozen at submission; scope."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from tttt.core.formatting import format_number
from tttt.core.periods import Period
from tttt.org.models import Unit
from tttt.reporting import queries, services
from tttt.reporting.models import Report, ReportFigure

Q3 = Period.quarter(2019, 3)


def _open(user, form, unit, period=Q3):
    return services.report_open(user=user, form=form, unit=unit, period=period)


def _fill(user, report, **figures):
    values = {"bc.buu_dien_ke_hoach": "61", "bc.dvc_tich_hop": "213", "bc.dvc_truc_tuyen": "40"}
    values.update(figures)
    return services.report_save(user=user, report=report, figures=values,
                                texts={1: "Tiếp nhận 103 chứng thư số.", 2: "Quản lý sim rác còn khó khăn."})  # fmt: skip


def test_a_report_goes_up_is_returned_corrected_and_accepted(
    commune_form, tree, thua_officer, district_officer
):
    report = _open(thua_officer, commune_form, tree.thua)
    assert report.due_on == date(2019, 10, 15)
    assert [s.title for s in report.sections.all()] == [
        "Kết quả đạt được",
        "Tồn tại, hạn chế và nguyên nhân",
    ]
    assert _open(thua_officer, commune_form, tree.thua) == report  # opened once
    _fill(thua_officer, report)
    services.report_submit(user=thua_officer, report=report)
    with pytest.raises(PermissionDenied):  # a unit does not accept its own report
        services.report_accept(user=thua_officer, report=report)
    with pytest.raises(ValidationError) as refused:
        services.report_return(user=district_officer, report=report, reason="  ")
    assert "Hãy ghi rõ cần sửa gì" in str(refused.value)
    services.report_return(user=district_officer, report=report, reason="Tỷ lệ kế hoạch ghi nhầm.")
    report.refresh_from_db()
    assert report.status == Report.Status.RETURNED and report.is_editable
    _fill(thua_officer, report, **{"bc.buu_dien_ke_hoach": "62,5"})
    services.report_submit(user=thua_officer, report=report)
    services.report_accept(user=district_officer, report=report)
    report.refresh_from_db()
    assert report.status == Report.Status.ACCEPTED and report.accepted_at
    assert report.figures.get(code="bc.buu_dien_ke_hoach").value == Decimal("62.5")
    assert [e.action for e in report.events.all()] == [
        "opened", "saved", "submitted", "returned", "saved", "submitted", "accepted"]  # fmt: skip
    with pytest.raises(ValidationError, match="không sửa được"):
        _fill(thua_officer, report)


@pytest.mark.parametrize(
    "figures, message",
    [
        ({"bc.buu_dien_ke_hoach": "abc"}, "không phải một số"),
        ({"bc.buu_dien_ke_hoach": "120"}, "không được lớn hơn 100"),
        ({"bc.dvc_tich_hop": "-3"}, "không được nhỏ hơn 0"),
        ({"bc.dvc_tich_hop": "2,5"}, "phải là số nguyên"),
        (
            {"bc.dvc_truc_tuyen": "300"},
            "không được lớn hơn «Dịch vụ hành chính công tích hợp» (213)",
        ),
        ({"org.offices": "5"}, "không phải chỉ tiêu nhập tay"),
    ],
)
def test_a_wrong_figure_is_refused_and_nothing_is_saved(
    commune_form, tree, thua_officer, figures, message
):
    report = _open(thua_officer, commune_form, tree.thua)
    _fill(thua_officer, report, **{"bc.dvc_tich_hop": "213"})
    before = dict(report.figures.values_list("code", "value"))
    with pytest.raises(ValidationError) as refused:
        _fill(thua_officer, report, **figures)
    assert message in " ".join(refused.value.messages)
    assert dict(report.figures.values_list("code", "value")) == before
    assert report.sections.get(position=1).text == "Tiếp nhận 103 chứng thư số."


def test_submission_needs_every_required_figure(commune_form, tree, thua_officer):
    report = _open(thua_officer, commune_form, tree.thua)
    services.report_save(user=thua_officer, report=report, figures={"bc.buu_dien_ke_hoach": "61"})
    with pytest.raises(ValidationError) as refused:
        services.report_submit(user=thua_officer, report=report)
    assert refused.value.message_dict == {
        "bc.dvc_tich_hop": ["Hãy nhập «Dịch vụ hành chính công tích hợp» trước khi nộp."]
    }
    report.refresh_from_db()
    assert (
        report.status == Report.Status.DRAFT and not report.figures.filter(computed=True).exists()
    )


def test_computed_figures_are_live_then_frozen_and_a_recomputation_shows_the_difference(
    district_form, tree, district_officer, member
):
    from tttt.org.roles import REPORTING_OFFICER

    officer = member("obn.baocao", REPORTING_OFFICER, tree.old_bac_ninh)
    report = _open(officer, district_form, tree.luong_tai)
    row = queries.report_rows(report)[0]
    assert (row.code, row.value, row.difference) == ("org.communes", 2, None)  # live
    report = services.report_submit(user=officer, report=report)
    Unit.objects.create(name="Xã Lâm Thao", kind=Unit.Kind.COMMUNE, type_word=Unit.TypeWord.XA,
                        parent=tree.luong_tai, code="09550", valid_to=date(2025, 6, 30), source="test-legacy")  # fmt: skip
    row = queries.report_rows(report)[0]
    assert (row.value, row.live, row.difference) == (2, 3, 1)


def test_reports_are_kept_to_the_scope(commune_form, tree, thua_officer, member):
    from tttt.org.roles import REPORTING_OFFICER

    other = member("bh.baocao", REPORTING_OFFICER, tree.bo_ha)
    report = _open(thua_officer, commune_form, tree.thua)
    with pytest.raises(PermissionDenied):
        _open(other, commune_form, tree.thua)
    with pytest.raises(PermissionDenied):
        _fill(other, report)
    with pytest.raises(PermissionDenied):
        services.report_submit(user=other, report=report)
    assert not queries.scoped_reports(other).exists()
    assert list(queries.scoped_reports(thua_officer)) == [report]


def test_a_report_must_fit_its_form(commune_form, district_form, tree, thua_officer, superuser):
    with pytest.raises(ValidationError, match="dành cho đơn vị cấp xã"):
        _open(superuser, commune_form, tree.luong_tai)
    with pytest.raises(ValidationError, match="theo quý"):
        _open(thua_officer, commune_form, tree.thua, Period.year(2019))
    with pytest.raises(ValidationError, match="không tồn tại vào ngày cuối kỳ"):
        _open(superuser, commune_form, tree.thua, Period.quarter(2026, 1))


def test_completeness_says_who_submitted_on_time_late_or_not_at_all(
    commune_form, tree, thua_officer, member
):
    from tttt.org.roles import REPORTING_OFFICER

    tc_officer = member("tc.baocao", REPORTING_OFFICER, tree.trung_chinh)
    on_time = _open(thua_officer, commune_form, tree.thua)
    _fill(thua_officer, on_time)
    services.report_submit(user=thua_officer, report=on_time)
    late = _open(tc_officer, commune_form, tree.trung_chinh)
    _fill(tc_officer, late)
    services.report_submit(user=tc_officer, report=late)
    Report.objects.filter(pk=on_time.pk).update(first_submitted_at=timezone.make_aware(
        timezone.datetime(2019, 10, 15, 16, 0)))  # fmt: skip
    Report.objects.filter(pk=late.pk).update(first_submitted_at=timezone.make_aware(
        timezone.datetime(2019, 10, 16, 8, 0)))  # fmt: skip
    result = queries.completeness(commune_form, tree.luong_tai, Q3)
    assert {r.unit.name: r.label for r in result.rows} == {"Thị trấn Thứa": "Nộp đúng hạn",
                                                           "Xã Trung Chính": "Nộp muộn"}  # fmt: skip
    assert (result.expected, result.on_time, result.late, result.missing) == (2, 1, 1, 0)
    # Today's Bắc Ninh asked for 2019 expects the communes of the former provinces.
    across = queries.completeness(commune_form, tree.bac_ninh, Q3)
    assert sorted(r.unit.name for r in across.rows) == [
        "Thị trấn Bố Hạ",
        "Thị trấn Thứa",
        "Xã Trung Chính",
    ]
    assert (across.on_time, across.late, across.missing) == (1, 1, 1)


def test_the_parent_aggregate_sums_submitted_reports_and_recomputes_computed_figures(
    commune_form, tree, thua_officer, member
):
    from tttt.org.roles import REPORTING_OFFICER

    tc_officer = member("tc.baocao", REPORTING_OFFICER, tree.trung_chinh)
    for officer, unit, count in [
        (thua_officer, tree.thua, "213"),
        (tc_officer, tree.trung_chinh, "50"),
    ]:
        report = _open(officer, commune_form, unit)
        _fill(officer, report, **{"bc.dvc_tich_hop": count})
        services.report_submit(user=officer, report=report)
    draft = _open(member("bh.baocao", REPORTING_OFFICER, tree.bo_ha), commune_form, tree.bo_ha)
    ReportFigure.objects.create(
        report=draft, code="bc.dvc_tich_hop", value=1000
    )  # a draft: not summed
    rows, summed = queries.aggregate(commune_form, tree.old_bac_ninh, Q3)
    by_code = {r.entry.code: r for r in rows}
    assert summed == 2
    assert by_code["bc.dvc_tich_hop"].value == 263
    assert by_code["bc.buu_dien_ke_hoach"].value is None  # a ratio is not summed
    assert by_code["org.offices"].value == 0


def test_due_dates_follow_the_rule(commune_form):
    assert queries.due_date(commune_form, Period.quarter(2013, 1)) == date(2013, 4, 15)
    assert queries.due_date(commune_form, Period.quarter(2019, 4)) == date(2020, 1, 15)


@given(st.one_of(st.integers(min_value=0, max_value=10**12),
                 st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)))  # fmt: skip
def test_a_figure_written_the_vietnamese_way_reads_back_the_same(value):
    places = 0 if isinstance(value, int) else 2
    assert services.parse_figure(format_number(value, places)) == Decimal(value)


@pytest.mark.parametrize("text, value", [("10.847", 10847), ("96,75", Decimal("96.75")), ("96,75%", Decimal("96.75")),
                                         ("1 500 000", 1500000), ("", None), ("0.5", Decimal("0.5"))])  # fmt: skip
def test_typed_figures(text, value):
    assert services.parse_figure(text) == value


def test_an_overdue_completeness_knows_it(commune_form, tree):
    result = queries.completeness(commune_form, tree.luong_tai, Period.quarter(2019, 3))
    assert result.overdue and result.missing == 2
    future = Period.quarter(timezone.localdate().year + 1, 1)
    assert not queries.Completeness(commune_form, tree.luong_tai, future,
                                    queries.due_date(commune_form, future)).overdue  # fmt: skip
    assert timedelta(days=15) == queries.due_date(commune_form, future) - future.end
