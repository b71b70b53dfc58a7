from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tttt.core.formatting import format_date, format_money, format_number, format_percent
from tttt.core.periods import Period, PeriodError, PeriodKind


@pytest.mark.parametrize(
    ("text", "start", "end", "label"),
    [
        ("2013-Q1", date(2013, 1, 1), date(2013, 3, 31), "Quý I/2013"),
        ("2019-9M", date(2019, 1, 1), date(2019, 9, 30), "9 tháng đầu năm 2019"),
        ("2019-H1", date(2019, 1, 1), date(2019, 6, 30), "6 tháng đầu năm 2019"),
        ("2019", date(2019, 1, 1), date(2019, 12, 31), "Năm 2019"),
        ("2019-02", date(2019, 2, 1), date(2019, 2, 28), "Tháng 2/2019"),
        ("2020-02", date(2020, 2, 1), date(2020, 2, 29), "Tháng 2/2020"),
        (
            "2018-01-01..2019-09-30",
            date(2018, 1, 1),
            date(2019, 9, 30),
            "Từ 01/01/2018 đến 30/09/2019",
        ),
    ],
)
def test_parse_and_label(text, start, end, label):
    period = Period.parse(text)
    assert (period.start, period.end, period.label, str(period)) == (start, end, label, text)


@pytest.mark.parametrize(
    "bad",
    ["2019-Q5", "2019-13", "2019/03", "quý 1", "2019-02-30..2019-03-01", "2019-10-01..2019-09-30"],
)
def test_bad_periods_are_refused_with_a_vietnamese_message(bad):
    with pytest.raises(PeriodError) as exc:
        Period.parse(bad)
    assert any(word in str(exc.value) for word in ("không hợp lệ", "Không hiểu", "phải sau"))


def test_previous_period():
    assert Period.parse("2013-Q1").previous() == Period.parse("2012-Q4")
    assert Period.parse("2019-01").previous() == Period.parse("2018-12")
    assert Period.parse("2019-9M").previous() == Period.parse("2018-9M")


periods = st.one_of(
    st.builds(Period.month, st.integers(1990, 2100), st.integers(1, 12)),
    st.builds(Period.quarter, st.integers(1990, 2100), st.integers(1, 4)),
    st.builds(Period.first_half, st.integers(1990, 2100)),
    st.builds(Period.first_nine_months, st.integers(1990, 2100)),
    st.builds(Period.year, st.integers(1990, 2100)),
    st.tuples(st.dates(date(1990, 1, 1), date(2100, 1, 1)), st.integers(0, 2000)).map(
        lambda t: Period.custom(t[0], date.fromordinal(t[0].toordinal() + t[1]))
    ),
)


@given(periods)
def test_compact_form_round_trips(period):
    assert Period.parse(str(period)) == period
    assert period.start <= period.end
    assert period.kind in PeriodKind


@given(periods)
def test_the_same_period_a_year_before(period):
    from tttt.core.periods import year_before

    before = year_before(period)
    assert before.kind == period.kind and before.start.year == period.start.year - 1
    assert (before.start.month, before.end.month) == (period.start.month, period.end.month)
    assert before.end.day == period.end.day or before.end.month == 2  # 28 or 29 February
    assert year_before(Period.parse("2019-Q3")) == Period.parse("2018-Q3")
    assert year_before(Period.custom(date(2024, 2, 29), date(2024, 3, 5))) == Period.custom(
        date(2023, 2, 28), date(2023, 3, 5)
    )


def test_vietnamese_formats():
    assert format_number(10847) == "10.847"
    assert format_percent(96.75) == "96,75%"
    assert format_percent(10494 / 10847 * 100) == "96,75%"
    assert format_money(1500000) == "1.500.000 đồng"
    assert format_number(-1234567.891, 2) == "-1.234.567,89"
    assert format_number(0) == "0"
    assert format_date(date(2019, 9, 30)) == "30/09/2019"
