"""Reads of meetings: the one scoped read and a meeting's page."""

from django.db.models import QuerySet

from tttt.org.queries import records_for_user

from .models import Meeting


def scoped_meetings(user, perm: str = "meetings.view_meeting") -> QuerySet[Meeting]:
    return records_for_user(Meeting, user, perm, "unit")


def agenda(meeting: Meeting):
    """The items with their papers and actions, in order (three queries)."""
    return meeting.items.prefetch_related("papers__document", "actions__assignee", "actions__task")
