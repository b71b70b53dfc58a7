"""Vietnamese formatting: dd/mm/yyyy, 10.847, 96,75%, 1.500.000 đồng."""

from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone


def format_number(value: int | float | Decimal | None, decimals: int = 0) -> str:
    if value is None:
        return "—"
    quantum = Decimal(1).scaleb(-decimals)
    number = Decimal(str(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    integer, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while integer:
        groups.insert(0, integer[-3:])
        integer = integer[:-3]
    text = ".".join(groups) or "0"
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def format_percent(value: float | Decimal | None, decimals: int = 2) -> str:
    return "—" if value is None else f"{format_number(value, decimals)}%"


def format_money(value: int | None) -> str:
    return "—" if value is None else f"{format_number(value)} đồng"


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return f"{value:%H:%M %d/%m/%Y}"
    return f"{value:%d/%m/%Y}"
