"""The indicator protocol (DESIGN.md).

A feature app declares the figures it can compute in ``<app>/indicators.py``::

    @indicator(code="org.communes", name=_("Số xã, phường, đặc khu"), unit=Measure.COUNT,
               aggregation=Aggregation.SUM)
    def communes(units: QuerySet[Unit], period: Period) -> int:
        return ...  # one aggregate query over the app's own records

The function receives the administrative units that make up the subtree asked for
(already resolved across the 2025 reform when the unit did not exist in the period) and
the period. ``reporting`` discovers indicators through ``all_indicators()``; no feature
app imports ``reporting``.

Several indicators counted from the same records may also name a shared ``batch`` query
``(units, period) -> dict`` and how each ``derive``s its value from that dict; then
``compute_many`` runs the batch once for all of them (a report of many one-stop figures is
one pass over the dossiers). ``compute`` alone stays the indicator's own query, and a test
keeps the two equal. A ``batch_each`` ``(territories, period) -> {key: dict}`` gives the same
dicts for each territory apart in one grouped query (``org.indicators.grouped``):
``compute_each`` then fills a comparison of the country's communes without a query per
commune.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.utils.module_loading import autodiscover_modules

from .formatting import format_money, format_number, format_percent


class Measure(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    VND = "vnd"
    DAYS = "days"
    HOURS = "hours"
    POINTS = "points"


class Aggregation(StrEnum):
    SUM = "sum"  # the parent's value is the sum of its children's
    RATIO = "ratio"  # recomputed from the sums of a numerator and a denominator
    RECOMPUTE = "recompute"  # only meaningful computed over the whole subtree
    LAST = "last"  # a stock at the end of the period


def share(part, whole) -> Decimal | None:
    """`part` as a percentage of `whole`, two decimals; None when there is no whole."""
    from decimal import ROUND_HALF_UP

    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.01"), ROUND_HALF_UP)


class IndicatorError(LookupError):
    pass


@dataclass(frozen=True)
class Indicator:
    code: str
    name: str
    measure: Measure
    aggregation: Aggregation
    compute: Callable[[Any, Any], int | Decimal | float | None]
    description: str = ""
    app_label: str = field(default="")
    batch: Callable[[Any, Any], dict] | None = None
    derive: Callable[[dict], int | Decimal | float | None] | None = None
    batch_each: Callable[[Any, Any], dict] | None = None
    # The records the figure counts: `records(period)` filters the app's records over a
    # territory (a Q), and `records_list` names the back-office list that applies it from
    # `?chi_tieu=<code>&unit=<pk>&period=<text>`. A figure with both links to its records.
    records: Callable[[Any], Any] | None = None
    records_list: str = ""
    # When the figure adds up a field of its records (radio programmes of the logs, accounts
    # of the latest reports) rather than counting them: that field, totalled on the list.
    records_sum: str = ""

    def records_url(self, unit, period) -> str:
        """The back-office list of exactly the records this figure counts for `unit` in
        `period` ("" when it names none)."""
        if not self.records_list:
            return ""
        from urllib.parse import urlencode

        from django.urls import reverse

        query = urlencode({"chi_tieu": self.code, "unit": unit.pk, "period": str(period)})
        return f"{reverse(self.records_list)}?{query}"

    def format(self, value) -> str:
        if self.measure == Measure.PERCENT:
            return format_percent(value)
        if self.measure == Measure.VND:
            return format_money(value)
        return format_number(value, 0 if isinstance(value, int) else 2)


_registry: dict[str, Indicator] = {}
_discovered = False


def indicator(
    *,
    code: str,
    name,
    measure: Measure,
    aggregation: Aggregation,
    description="",
    batch=None,
    derive=None,
    records=None,
    records_list="",
    batch_each=None,
    records_sum="",
):
    """Decorator registering a compute function as an indicator (optionally with a shared
    `batch` query and how to `derive` the value from it, and the `records` it counts)."""
    if (batch is not None or batch_each is not None) != (derive is not None):
        raise IndicatorError(f"Chỉ tiêu {code}: batch hoặc batch_each phải đi cùng derive.")

    def register(func):
        if code in _registry and _registry[code].compute is not func:
            raise IndicatorError(f"Chỉ tiêu {code} đã được khai báo.")
        _registry[code] = Indicator(
            code=code,
            name=str(name),
            measure=measure,
            aggregation=aggregation,
            compute=func,
            description=str(description),
            app_label=func.__module__.split(".")[-2],
            batch=batch,
            derive=derive,
            records=records,
            records_list=records_list,
            batch_each=batch_each,
            records_sum=records_sum,
        )
        return func

    return register


def _discover():
    global _discovered
    if not _discovered:
        autodiscover_modules("indicators")
        _discovered = True


def all_indicators() -> list[Indicator]:
    _discover()
    return sorted(_registry.values(), key=lambda i: i.code)


def get_indicator(code: str) -> Indicator:
    _discover()
    try:
        return _registry[code]
    except KeyError:
        raise IndicatorError(
            f"Không có chỉ tiêu «{code}». Xem danh sách bằng lệnh: tttt indicators"
        ) from None


def compute_many(indicators: list[Indicator], units, period) -> dict[str, Any]:
    """Every indicator's value for `units` and `period`: each shared batch query once, the
    other indicators one query each."""
    values: dict[str, Any] = {}
    batches: dict[Callable, dict] = {}
    for ind in indicators:
        if ind.batch is None:
            values[ind.code] = ind.compute(units, period)
            continue
        if ind.batch not in batches:
            batches[ind.batch] = ind.batch(units, period)
        values[ind.code] = ind.derive(batches[ind.batch])
    return values


def compute_each(ind: Indicator, territories: dict, period) -> dict:
    """`ind` for each territory apart: `territories` maps a key (a compared unit's pk) to
    the units standing for its territory in `period`. One grouped query when the indicator
    has a `batch_each`, else one query per territory."""
    if ind.batch_each is not None:
        rows = ind.batch_each(territories, period)
        return {key: ind.derive(rows[key]) for key in territories}
    return {key: ind.compute(roots, period) for key, roots in territories.items()}
