"""Reads of the registers: the one scoped read, filters of the lists, the timeline."""

from __future__ import annotations

from datetime import date

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from tttt.core.text import fold
from tttt.org.queries import records_for_user

from .models import Direction, Document, Register

HANDLING_FILTERS = {
    "received": lambda today: Q(task__isnull=True, status=Document.Status.RECEIVED),
    "filed": lambda today: Q(status=Document.Status.FILED),
    "handling": lambda today: Q(task__status="open", task__deadline__gte=today),
    "overdue": lambda today: Q(task__status="open", task__deadline__lt=today),
    "done_on_time": lambda today: Q(
        task__status="done", task__completed_on__lte=F("task__deadline")
    ),
    "done_late": lambda today: Q(task__status="done", task__completed_on__gt=F("task__deadline")),
}


# What a list never shows: a register's page of 50 rows reads without them.
LIST_DEFERRED = ("body", "signature_report", "search_text", "recipients")


def scoped_documents(user, perm: str = "documents.view_document") -> QuerySet[Document]:
    """The documents of the registers of the units in the user's scope."""
    return records_for_user(Document, user, perm, "unit")


def scoped_registers(user, perm: str = "documents.view_register") -> QuerySet[Register]:
    return records_for_user(Register, user, perm, "unit")


def incoming(qs: QuerySet[Document]) -> QuerySet[Document]:
    return qs.filter(direction=Direction.INCOMING)


def outgoing(qs: QuerySet[Document]) -> QuerySet[Document]:
    return qs.filter(direction=Direction.OUTGOING)


def in_handling_state(qs: QuerySet[Document], state: str, today: date | None = None):
    make = HANDLING_FILTERS.get(state)
    return qs.filter(make(today or timezone.localdate())) if make else qs


def search(qs: QuerySet[Document], text: str) -> QuerySet[Document]:
    """Every word of `text`, with or without diacritics, in the number, issuer, excerpt
    or signer."""
    for word in fold(text or "").split():
        qs = qs.filter(search_text__contains=word)
    return qs


def timeline(document: Document):
    return document.events.select_related("actor").order_by("at", "pk")


def portal_links(document: Document):
    """The documents this one amends, replaces, repeals or guides."""
    return document.links.select_related("target")


def signatures(document: Document) -> list[dict]:
    """The signatures the last verification found, with their moments as local time."""
    from datetime import datetime

    rows = []
    for row in document.signature_report.get("signatures", []):
        row = dict(row)
        for key in ("signed_at", "not_after"):
            row[key] = (
                timezone.localtime(datetime.fromisoformat(row[key])) if row.get(key) else None
            )
        rows.append(row)
    return rows


def waiting(user, today: date | None = None) -> dict:
    """What waits for the person in the registers of their scope, in one query: incoming
    documents not yet assigned, those overdue in handling, drafts submitted for approval."""
    from django.db.models import Count

    today = today or timezone.localdate()
    return scoped_documents(user).aggregate(
        unassigned=Count("pk", filter=Q(direction=Direction.INCOMING, status=Document.Status.RECEIVED)),
        overdue=Count("pk", filter=Q(direction=Direction.INCOMING) & HANDLING_FILTERS["overdue"](today)),
        submitted=Count("pk", filter=Q(direction=Direction.OUTGOING, status=Document.Status.SUBMITTED)),
    )  # fmt: skip
