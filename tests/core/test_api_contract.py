"""The API keeps its contract under fuzzing.

Schemathesis generates requests for every operation of `/api/v1/openapi.json` (a bounded
number of examples, a fixed seed, valid and invalid input) and sends them to the
application as a district officer with a bearer key; a run fails on any server error,
any answer whose body breaks the schema, any status code or content type the schema
does not document. The examples reach real records: the district has a procedure, a
dossier, a business, an inspection, a BTS station and a report, with ids in the
thousands.
"""

from datetime import date

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tttt.org.roles import CLERK, INSPECTOR, LEADER, REPORTING_OFFICER, SPECIALIST

EXAMPLES = 12  # per operation: ~900 requests in all, some 30 s a leg
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]  # fmt: skip


@pytest.fixture
def district_key(db, tree, member):
    """A bearer key of an officer of the former Lương Tài district holding every working
    role there, with a BTS station in the district (ids in the thousands on PostgreSQL)."""
    from django.db import connection
    from wagtail.models import APIToken

    from tttt.infra.models import BtsStation, Operator

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for table in ("onestop_dossier", "establishments_establishment", "infra_btsstation"):
                cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 4000)")
    user = None
    for role in (LEADER, CLERK, SPECIALIST, INSPECTOR, REPORTING_OFFICER):
        user = member("lt.canbo", role, tree.luong_tai)
    BtsStation.objects.create(
        operator=Operator.objects.get(code="viettel"), code="LT-0001", address="Thôn Phú Thọ",
        unit=tree.trung_chinh, status="operating", has_4g=True, commissioned_on=date(2019, 5, 1),
    )  # fmt: skip
    _token, key = APIToken.create_token(user=user, name="Kiểm thử hợp đồng API")
    return key


def test_every_operation_keeps_its_contract(client, district_key):
    schema = schemathesis.openapi.from_dict(client.get("/api/v1/openapi.json").json())
    schema.app = get_wsgi_application()
    headers = {"Authorization": f"Bearer {district_key}"}
    failures, operations = [], 0
    # The requests run inside the test's transaction, like the test client's: the handler
    # must not close the connection at the end of each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        failures, operations = _fuzz(schema, headers)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert operations > 70
    assert not failures, f"{len(failures)} operations break the contract:\n" + "\n\n".join(failures)


def _aim_at_records(case, data, known):
    """Most generated ids name nothing (a 404); some are swapped for ids of real units and
    records, in and out of the officer's scope, so the examples reach the services."""
    for where in (case.query, case.path_parameters, case.body):
        if not isinstance(where, dict):
            continue
        for name in ("unit", "pk"):
            if isinstance(where.get(name), int) and data.draw(st.booleans()):
                where[name] = data.draw(st.sampled_from(known[name]))


def _fuzz(schema, headers):
    from tttt.infra.models import BtsStation
    from tttt.org.models import Unit

    known = {"unit": list(Unit.objects.values_list("pk", flat=True)),
             "pk": list(BtsStation.objects.values_list("pk", flat=True))}  # fmt: skip
    failures, operations = [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        operations += 1

        @given(case=operation.as_strategy(), data=st.data())
        @seed(20261201)
        @settings(max_examples=EXAMPLES, deadline=None, database=None,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))  # fmt: skip
        def call(case, data):
            _aim_at_records(case, data, known)
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            call()
        except (Exception, BaseExceptionGroup) as exc:  # every operation's, not only the first
            failures.append(f"{operation.label}: {exc}")
    return failures, operations


def test_every_schema_has_a_name_of_its_own():
    """django-ninja names a schema's component after its class: two apps' `SaveIn` were one
    component, and the inspection's save was documented with the report's body."""
    import ast
    from pathlib import Path

    import tttt

    names = [
        node.name
        for path in Path(tttt.__file__).parent.glob("*/api.py")
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.ClassDef)
    ]
    assert len(names) == len(set(names)), sorted({n for n in names if names.count(n) > 1})
