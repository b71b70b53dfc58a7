"""Back-office template helpers for the portal."""

from django import template
from django.apps import apps

register = template.Library()


@register.simple_tag
def creatable_page_types(page_types, parent_page, user):
    """Wagtail's page types for a new child page, less those this person may not create
    (a reporter is offered news and documents, not sections)."""
    kept = []
    for entry in page_types:
        model = apps.get_model(entry[1], entry[2])
        check = getattr(model, "creatable_by", None)
        if check is None or check(user, parent_page):
            kept.append(entry)
    return kept
