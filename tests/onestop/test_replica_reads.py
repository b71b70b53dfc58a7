"""With DATABASE_REPLICA_URL set, the figures pages read from the replica and everything
else — and every write — from the primary (`core.replica`). The replica here is a second
database on the local PostgreSQL server, copied from the test database."""

from contextlib import contextmanager

import pytest
from django.db import connection, connections
from django.db.backends.postgresql.base import DatabaseWrapper
from django.urls import reverse

from tttt.core.models import Sequence
from tttt.core.replica import REPLICA, replica_reads
from tttt.onestop.models import Dossier

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="a streaming replica is a PostgreSQL matter"
)


@contextmanager
def replica_of_the_test_database(settings):
    """A copy of the test database, configured as the replica (as DATABASE_REPLICA_URL
    would), and its connection."""
    name = f"{connection.settings_dict['NAME']}_replica"
    connections.close_all()  # a database is copied only while nobody is connected to it
    with connection._nodb_cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}" TEMPLATE "{connection.settings_dict["NAME"]}"')
    replica = {**connection.settings_dict, "NAME": name}
    settings.DATABASES = {**settings.DATABASES, REPLICA: replica}
    connections[REPLICA] = DatabaseWrapper(replica, alias=REPLICA)
    try:
        yield
    finally:
        connections[REPLICA].close()
        del connections[REPLICA]
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.django_db(transaction=True)
@pytest.mark.filterwarnings("ignore:Overriding setting DATABASES")
def test_figures_read_from_the_replica_and_the_rest_from_the_primary(
    client, receive, tree, member, settings
):
    leader = member("bn.lanhdao", "lanh-dao", tree.bac_ninh)
    receive()
    receive()
    with replica_of_the_test_database(settings):
        receive()  # on the primary only: the replica has not caught up yet
        client.force_login(leader)
        statistics = client.get(
            reverse("onestop_statistics"), {"unit": tree.bac_ninh.pk, "period": "2026-12"}
        )
        assert statistics.status_code == 200
        assert statistics.context["figures"]["received"] == 2  # the replica's
        listed = client.get("/api/v1/onestop/dossiers", {"unit": tree.bac_ninh.pk})
        assert listed.json()["count"] == 3  # the primary's: not a figures page
        with replica_reads():
            assert Dossier.objects.count() == 2
            Sequence.objects.create(key="thu-ghi-ban-sao", value=7)
        assert Sequence.objects.filter(key="thu-ghi-ban-sao").exists()  # written to the primary
        assert not Sequence.objects.using(REPLICA).filter(key="thu-ghi-ban-sao").exists()
    settings.DATABASES = {k: v for k, v in settings.DATABASES.items() if k != REPLICA}
    with replica_reads():  # no replica configured: the block changes nothing
        assert Dossier.objects.count() == 3
