"""Concurrent writers on PostgreSQL (SQLite serialises writers, so there is nothing to race)."""

import pytest
from django.db import connection

from conftest import in_threads as _in_threads
from tttt.onestop import services
from tttt.onestop.models import Channel, Dossier, DossierEvent, Status

from .conftest import APPLICANT, at

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="races need PostgreSQL"),
]


def test_fifty_concurrent_intakes_get_fifty_distinct_codes(tree, procedure, staff):
    def work(i):
        return services.receive_dossier(
            user=staff.clerk,
            procedure=procedure,
            unit=tree.new_trung_chinh,
            channel=Channel.COUNTER,
            applicant={**APPLICANT, "applicant_name": f"Người nộp {i}"},
            now=at(7, 9),
        ).code

    codes, errors = _in_threads(50, work)
    assert errors == [None] * 50
    assert len(set(codes)) == 50
    assert sorted(codes) == [f"09523-261207-{n:04d}" for n in range(1, 51)]
    assert Dossier.objects.count() == 50 and DossierEvent.objects.count() == 50


def test_two_officers_on_one_dossier_one_wins(tree, receive, staff):
    d = receive()
    version = d.version

    def work(i):
        if i == 0:
            return services.act(
                user=staff.clerk,
                dossier=d.pk,
                action="assign",
                assignee=staff.specialist,
                version=version,
            )
        return services.act(
            user=staff.clerk, dossier=d.pk, action="refuse", reason="Thiếu đơn", version=version
        )

    results, errors = _in_threads(2, work)
    assert sum(r is not None for r in results) == 1
    loser = next(e for e in errors if e is not None)
    assert isinstance(loser, services.ConcurrentChange)
    assert "tải lại trang" in loser.messages[0]
    d.refresh_from_db()
    assert d.status in (Status.PROCESSING, Status.REFUSED) and d.version == version + 1
    assert d.events.count() == 2
