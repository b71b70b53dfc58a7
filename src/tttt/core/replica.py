"""Reports and dashboards read from a replica when one is configured.

Set `DATABASE_REPLICA_URL` (a PostgreSQL streaming replica, or any copy kept current) and
the views wrapped in `reads_from_replica` — the figures: reports, dashboards, standings,
one-stop statistics, the public figures page — send their reads to it, so that a
province-wide report does not compete with the counters for the primary. Everything
else, and every write anywhere, goes to the primary; without the setting nothing
changes. A replica lags its primary by a moment: a figure may miss a dossier received a
second ago, never one received before the page was opened by more than the lag.
"""

from __future__ import annotations

import functools
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_reading = ContextVar("tttt_replica_reads", default=False)


def has_replica() -> bool:
    return REPLICA in settings.DATABASES


@contextmanager
def replica_reads():
    """Inside the block, reads go to the replica (when there is one)."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def reads_from_replica(view):
    @functools.wraps(view)
    def wrapped(*args, **kwargs):
        with replica_reads():
            response = view(*args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()  # a template that reads while rendering reads there too
            return response

    return wrapped


class ReplicaRouter:
    """DATABASE_ROUTERS: reads inside `replica_reads` go to the replica, when there is one;
    everything else to the primary (Django's default). `tttt migrate` migrates the primary
    only; the replica copies its schema."""

    def db_for_read(self, model, **hints):
        if _reading.get() and has_replica():
            return REPLICA
        return None
