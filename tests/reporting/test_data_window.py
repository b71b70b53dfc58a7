"""Which days a periodic report's figures count: the calendar period, or the data cut-off
window of Decree 09/2019/NĐ-CP Art. 12 (from the 15th of the month before the period to the
14th of its last month; a half, nine months or a year from 15/12 of the year before). The
form says which; figures, due dates, completeness and the Word file follow it."""

import io
from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from docx import Document
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from tttt.assignments.models import Task
from tttt.core.periods import Period
from tttt.org.roles import REPORTING_OFFICER
from tttt.reporting import export, queries, services
from tttt.reporting.errors import ReportingError
from tttt.reporting.models import FormIndicator, Report, ReportForm
from tttt.reporting.queries import Standing

years = st.integers(min_value=2000, max_value=2100)


@given(years, st.integers(min_value=1, max_value=12))
def test_monthly_windows_follow_each_other_without_gap_or_overlap(year, month):
    period = Period.month(year, month)
    window, before = period.decree09_window(), period.previous().decree09_window()
    assert (window.start.day, window.end.day) == (15, 14)
    assert window.end.month == month and window.start == before.end + timedelta(days=1)
    assert window.days == period.previous().days  # the 15th to the 14th: a whole month


@given(years, st.integers(min_value=1, max_value=4))
def test_quarterly_windows_follow_each_other_and_end_on_the_14th_of_the_last_month(year, q):
    window = Period.quarter(year, q).decree09_window()
    assert window.start == Period.quarter(year, q).previous().decree09_window().end + timedelta(1)
    assert (window.end.month, window.end.day) == (3 * q, 14)


@given(years)
def test_half_nine_months_and_year_start_on_15_december_of_the_year_before(year):
    windows = [Period.first_half(year), Period.first_nine_months(year), Period.year(year)]
    assert [(w.decree09_window().start, w.decree09_window().end) for w in windows] == [
        (date(year - 1, 12, 15), date(year, 6, 14)),
        (date(year - 1, 12, 15), date(year, 9, 14)),
        (date(year - 1, 12, 15), date(year, 12, 14)),
    ]


def test_a_range_of_days_is_its_own_window():
    days = Period.custom(date(2019, 1, 3), date(2019, 2, 27))
    assert days.decree09_window() == days


@pytest.fixture
def task_form(db):
    """A commune's quarterly form counting tasks assigned, under each rule."""
    forms = {}
    for window in ReportForm.Window.values:
        forms[window] = ReportForm.objects.create(
            code=f"bc-quy-nv-{window}", name="Báo cáo quý nhiệm vụ", level="commune",
            period_kind="quarter", due_days=2, data_window=window,
        )  # fmt: skip
        FormIndicator.objects.create(form=forms[window], position=0, code="assignments.assigned")
    return forms


def _task(unit, day):
    return Task.objects.create(unit=unit, assignee=unit, source=Task.Source.DIRECTIVE, title="Rà soát trạm BTS",
                               assigned_on=day, deadline=day + timedelta(days=30))  # fmt: skip


def test_figures_due_date_and_word_file_follow_the_forms_window(task_form, tree, member):
    officer = member("thua.baocao", REPORTING_OFFICER, tree.thua)
    for day in [date(2018, 12, 20), date(2019, 1, 10), date(2019, 3, 20), date(2019, 3, 25)]:
        _task(tree.thua, day)
    q1 = Period.quarter(2019, 1)
    figures = {}
    for window, form in task_form.items():
        report = services.report_open(user=officer, form=form, unit=tree.thua, period=q1)
        figures[window] = queries.report_rows(report)[0].value
        document = Document(io.BytesIO(export.to_docx(report)))
        text = "\n".join(p.text for p in document.paragraphs)
        if window == ReportForm.Window.DECREE_09:
            assert report.due_on == date(2019, 3, 16)  # two days after the cut-off, 14/3
            assert "từ ngày 15/12/2018 đến ngày 14/03/2019" in text and "09/2019/NĐ-CP" in text
        else:
            assert report.due_on == date(2019, 4, 2)
            assert "từ ngày 01/01/2019 đến ngày 31/03/2019" in text
        sheet = load_workbook(io.BytesIO(export.to_xlsx(report))).active
        assert ("14/03/2019" in sheet["A3"].value) == (window == ReportForm.Window.DECREE_09)
        frozen = services.report_submit(user=officer, report=report)
        assert queries.report_rows(frozen)[0].value == figures[window]  # frozen as shown
    # 20/12/2018 and 10/01/2019 fall in the window; 10/01, 20/03 and 25/03 in the quarter
    assert figures == {"calendar": 3, "decree09": 2}
    _task(tree.thua, date(2018, 12, 14))  # the day before the window opens
    _task(tree.thua, date(2019, 3, 14))  # its last day
    decree = task_form[ReportForm.Window.DECREE_09]
    rows, _summed = queries.aggregate(decree, tree.luong_tai, q1)
    assert rows[0].value == 3


def test_completeness_counts_lateness_from_the_cut_off(task_form, tree, member):
    """Sent on 17/3/2019: late for the Decree 09 form (due 16/3), on time for the other."""
    officer = member("thua.baocao", REPORTING_OFFICER, tree.thua)
    q1, sent = Period.quarter(2019, 1), timezone.make_aware(datetime(2019, 3, 17, 9, 0))
    standings = {}
    for window, form in task_form.items():
        report = services.report_open(user=officer, form=form, unit=tree.thua, period=q1)
        services.report_submit(user=officer, report=report)
        Report.objects.filter(pk=report.pk).update(first_submitted_at=sent, submitted_at=sent)
        result = queries.completeness(form, tree.luong_tai, q1)
        standings[window] = (
            result.due_on,
            [r.standing for r in result.rows if r.unit == tree.thua],
        )
    assert standings == {
        "calendar": (date(2019, 4, 2), [Standing.ON_TIME]),
        "decree09": (date(2019, 3, 16), [Standing.LATE]),
    }


def test_a_form_in_use_keeps_its_window_and_period_kind(task_form, tree, member, superuser):
    """Reports made on a form keep the days they counted: changing either is refused and
    nothing changes; a form without reports may change."""
    officer = member("thua.baocao", REPORTING_OFFICER, tree.thua)
    used, unused = task_form["calendar"], task_form["decree09"]
    services.report_open(user=officer, form=used, unit=tree.thua, period=Period.quarter(2019, 1))
    for field, value in [("data_window", "decree09"), ("period_kind", "year")]:
        form = ReportForm.objects.get(pk=used.pk)
        setattr(form, field, value)
        with pytest.raises(ValidationError) as refused:
            services.form_save(user=superuser, form=form)
        assert refused.value.code == ReportingError.FORM_IN_USE
    assert ReportForm.objects.filter(pk=used.pk, data_window="calendar",
                                     period_kind="quarter").exists()  # fmt: skip
    used.name = "Báo cáo quý nhiệm vụ được giao"  # other fields may change
    services.form_save(user=superuser, form=used)
    unused.data_window = "calendar"
    services.form_save(user=superuser, form=unused)
    assert ReportForm.objects.get(pk=unused.pk).data_window == "calendar"
