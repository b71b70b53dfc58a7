"""Who made a change, for the audit log (django-auditlog), kept in one context variable.

auditlog's own `set_actor` and middleware connect a signal receiver on entry and
disconnect it on exit. With the hundreds of receivers Wagtail and the apps connect,
that costs every request about 2 ms (and every service call as much again, measured with
`bench/onestop_bench.py`), and a nested call loses the outer one's receiver. Here one
receiver is connected for good (`connect`, at start-up) and `audit_as` only sets the
context variable auditlog reads: nesting restores the outer actor; the request's
address stays.
"""

from __future__ import annotations

from contextlib import contextmanager
from functools import partial

from auditlog.cid import set_cid
from auditlog.context import _set_extra_data, auditlog_value
from auditlog.middleware import AuditlogMiddleware
from django.db.models.signals import pre_save

DUID = ("tttt.core.audit", "permanent")


def connect() -> None:
    from auditlog import get_logentry_model

    pre_save.connect(
        partial(_set_extra_data, signal_duid=DUID),
        sender=get_logentry_model(),
        dispatch_uid=DUID,
        weak=False,
    )


@contextmanager
def audit_as(actor, **extra):
    """Entries written inside the block name `actor` (a user, a lazy request user, or
    None) and keep the request's address."""
    current = auditlog_value.get(None) or {}
    token = auditlog_value.set({**current, **extra, "actor": actor, "signal_duid": DUID})
    try:
        yield
    finally:
        auditlog_value.reset(token)


class AuditMiddleware(AuditlogMiddleware):
    """auditlog's middleware on `audit_as`: the actor is the request's user, looked up
    only when an entry is written."""

    def __call__(self, request):
        set_cid(request)
        with audit_as(
            getattr(request, "user", None),
            remote_addr=self._get_remote_addr(request),
            remote_port=self._get_remote_port(request),
        ):
            return self.get_response(request)
