"""Vietnamese formatting in templates: {{ amount|money }} → 1.500.000 đồng."""

from django import template

from tttt.core.formatting import format_money

register = template.Library()


@register.filter
def money(value) -> str:
    return format_money(value or 0)
