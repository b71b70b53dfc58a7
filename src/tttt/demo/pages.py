"""Bulk insertion of published portal pages for the demo: thousands of news items and
documents in a few statements instead of a dozen queries each.

Tree paths are computed as treebeard computes them; the parent's child count is updated.
Wagtail's search index and reference index are not filled for these pages (the portal's
own search does not use them; `tttt update_index` fills Wagtail's for the back office).
"""

from __future__ import annotations

import uuid

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import F
from wagtail.models import Page

BATCH = 500


def bulk_add_children(parent: Page, pages: list) -> None:
    """Insert `pages` (unsaved instances of one portal page model, already published) as
    the last children of `parent`."""
    if not pages:
        return
    model = type(pages[0])
    content_type = ContentType.objects.get_for_model(model)
    last = parent.get_last_child()
    step = (Page._str2int(last.path[-Page.steplen :]) if last else 0) + 1
    unit_id = getattr(parent.specific, "unit_id", None)
    for i, page in enumerate(pages):
        page.path = Page._get_path(parent.path, parent.depth + 1, step + i)
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.draft_title = page.title
        page.translation_key = uuid.uuid4()
        page.refresh_derived(unit_id)
    base_fields = [f.attname for f in Page._meta.concrete_fields if f.attname != "id"]
    for start in range(0, len(pages), BATCH):
        chunk = pages[start : start + BATCH]
        rows = Page.objects.bulk_create(
            [Page(**{name: getattr(p, name) for name in base_fields}) for p in chunk]
        )
        for page, row in zip(chunk, rows, strict=True):
            page.id = page.page_ptr_id = row.pk
        model._base_manager._insert(
            chunk, fields=model._meta.local_concrete_fields, using=connection.alias
        )
    Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(pages))
    parent.numchild += len(pages)
