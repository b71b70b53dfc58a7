"""Vietnamese formatting in templates: {{ amount|money }} → 1.500.000 đồng."""

from django import template

from tttt.core.formatting import format_money

register = template.Library()


@register.filter
def money(value) -> str:
    return format_money(value or 0)


@register.inclusion_tag("core/_period_picker.html")
def period_picker(
    period_text: str, field_id: str = "period", name: str = "period", first_year: int = 2013
):
    """A `<select name="period">` in Vietnamese ("9 tháng đầu năm 2019", "Quý III/2019"…),
    years newest first; a period typed by hand (a custom range) stays selectable."""
    from datetime import date

    from tttt.core.periods import Period, PeriodError

    try:
        chosen = str(Period.parse(period_text)) if period_text else ""
    except PeriodError:
        chosen = period_text
    groups = []
    for year in range(date.today().year, first_year - 1, -1):
        periods = [Period.year(year), Period.first_nine_months(year), Period.first_half(year)]
        periods += [Period.quarter(year, q) for q in (4, 3, 2, 1)]
        periods += [Period.month(year, m) for m in range(12, 0, -1)]
        groups.append((year, [(str(p), p.label) for p in periods]))
    known = {value for _year, options in groups for value, _label in options}
    other = None
    if chosen and chosen not in known:
        try:
            other = (chosen, Period.parse(chosen).label)
        except PeriodError:
            other = (chosen, chosen)
    return {"groups": groups, "chosen": chosen, "other": other, "field_id": field_id, "name": name}
