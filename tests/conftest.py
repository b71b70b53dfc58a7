import os
from dataclasses import dataclass
from datetime import date

import pytest
from django.core.cache import cache

from tttt.core.messages import compile_messages
from tttt.org.models import REFORM_DATE, Membership, Role, Unit, UnitSuccession, User
from tttt.org.roles import ROLES, sync_roles

LEGACY_END = date(2025, 6, 30)
compile_messages()  # the Vietnamese for Wagtail's and Django's untranslated strings


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker):
    """pytest-django's, starting from a copy of a database migrated once (migrated_db)."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _get_databases_for_setup

    import migrated_db

    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    with django_db_blocker.unblock(), migrated_db.one_migrates(connection):
        restored = migrated_db.restore(connection)
        db_cfg = setup_databases(verbosity=0, interactive=False, aliases=aliases,
                                 serialized_aliases=serialized_aliases, keepdb=restored)  # fmt: skip
        if not restored:
            migrated_db.keep(connection)
    if os.environ.get("TTTT_TEST_DEMO"):
        with django_db_blocker.unblock():  # the whole-demo tests' leg (migrated_db)
            migrated_db.DEMO_LOGINS[:] = migrated_db.with_demo(connection)
    yield
    with django_db_blocker.unblock():
        teardown_databases(db_cfg, verbosity=0)


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()
    yield
    cache.clear()


def make_unit(name, kind, type_word, parent=None, code=None, source="test", **kw):
    unit = Unit(
        name=name,
        short_name=name.split(" ", 1)[1] if " " in name else name,
        kind=kind,
        type_word=type_word,
        parent=parent,
        code=code or str(Unit.objects.count() + 1),
        source=source,
        **kw,
    )
    unit.save()
    return unit


@dataclass
class Tree:
    old_bac_ninh: Unit
    old_bac_giang: Unit
    luong_tai: Unit
    trung_chinh: Unit
    thua: Unit
    yen_the: Unit
    bo_ha: Unit
    bac_ninh: Unit
    new_trung_chinh: Unit
    new_luong_tai: Unit
    new_bo_ha: Unit
    office: Unit


@pytest.fixture
def tree(db) -> Tree:
    """Two former provinces merged into today's Bắc Ninh, with districts, communes and lineage."""
    K, T = Unit.Kind, Unit.TypeWord
    old = {"valid_to": LEGACY_END, "source": "test-legacy"}
    new = {"valid_from": REFORM_DATE, "source": "test-current"}
    obn = make_unit("Tỉnh Bắc Ninh", K.PROVINCE, T.TINH, code="27", **old)
    obg = make_unit("Tỉnh Bắc Giang", K.PROVINCE, T.TINH, code="24", **old)
    lt = make_unit("Huyện Lương Tài", K.DISTRICT, T.HUYEN, obn, code="264", **old)
    tc = make_unit("Xã Trung Chính", K.COMMUNE, T.XA, lt, code="09523", **old)
    th = make_unit("Thị trấn Thứa", K.COMMUNE, T.THI_TRAN, lt, code="09520", **old)
    yt = make_unit("Huyện Yên Thế", K.DISTRICT, T.HUYEN, obg, code="215", **old)
    bh = make_unit("Thị trấn Bố Hạ", K.COMMUNE, T.THI_TRAN, yt, code="07213", **old)
    bn = make_unit("Tỉnh Bắc Ninh", K.PROVINCE, T.TINH, code="24", **new)
    ntc = make_unit("Xã Trung Chính", K.COMMUNE, T.XA, bn, code="09523", **new)
    nlt = make_unit("Xã Lương Tài", K.COMMUNE, T.XA, bn, code="09520", **new)
    nbh = make_unit("Xã Bố Hạ", K.COMMUNE, T.XA, bn, code="07213", **new)
    office = make_unit(
        "Phòng Văn hóa - Xã hội", K.OFFICE, T.PHONG, ntc, code="ntc-vhxh", valid_from=REFORM_DATE
    )
    for pred, succ in [(obn, bn), (obg, bn), (lt, bn), (yt, bn), (tc, ntc), (th, nlt), (bh, nbh)]:
        UnitSuccession.objects.create(predecessor=pred, successor=succ, date=REFORM_DATE)
    UnitSuccession.objects.create(predecessor=tc, successor=nlt, date=REFORM_DATE, is_main=False)
    return Tree(obn, obg, lt, tc, th, yt, bh, bn, ntc, nlt, nbh, office)


@pytest.fixture
def roles(db):
    """The roles, as every migrate (and the flush after a browser test) leaves them:
    `sync_roles` runs after both (post_migrate), and again here only if they are missing."""
    found = {r.code: r for r in Role.objects.all()}
    if set(found) != set(ROLES):
        sync_roles()
        found = {r.code: r for r in Role.objects.all()}
    return found


@pytest.fixture
def member(db, roles):
    """Create a user holding `role` on `unit`: member("thua.canbo", "can-bo-mot-cua", unit)."""

    def create(
        username,
        role_code,
        unit,
        *,
        valid_from=date(2013, 1, 1),
        valid_to=None,
        password="mat-khau-dung-1",
    ):
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username=username, password=password, full_name=username
            )
        Membership.objects.create(
            user=user, role=roles[role_code], unit=unit, valid_from=valid_from, valid_to=valid_to
        )
        return user

    return create


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser(username="root", password="mat-khau-dung-1", email="")


def records_behind(client, code, unit, period):
    """The list a figure links to, as the signed-in user of `client` sees it: (the records
    it lists, the page)."""
    from tttt.core.indicators import get_indicator
    from tttt.core.periods import Period

    url = get_indicator(code).records_url(unit, Period.parse(period))
    page = client.get(url)
    assert page.status_code == 200 and page.context["figure"], url
    paginator = page.context.get("paginator") or page.context["page"].paginator
    return [row for n in paginator.page_range for row in paginator.page(n)], page


def redis_answers() -> bool:
    """Does the machine's Redis answer on 127.0.0.1:6379 (tests of the shared cache)?"""
    import socket

    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", 6379)) == 0


def sign_in_verified(client, user):
    """Sign `user` in with a confirmed second factor, as the back office asks of
    administrators."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="t", confirmed=True)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()


def downloaded(client, url: str):
    """The file a person asked for at `url`: answered directly, or made in the background
    (the suite runs tasks at once) and fetched from its export's page. The response, with
    `body` holding the file's bytes."""
    from urllib.parse import urlsplit

    from django.urls import resolve, reverse

    response = client.get(url)
    if response.status_code == 302 and "/admin/tep-xuat/" in response["Location"]:
        export = resolve(urlsplit(response["Location"]).path)
        response = client.get(reverse("tttt_export_download", kwargs=export.kwargs))
    response.body = (b"".join(response.streaming_content) if response.streaming
                     else response.content)  # fmt: skip
    return response


def in_threads(count, work):
    """Run `work(i)` in `count` threads that start together (a barrier), each on its own
    database connection: (results, errors) by thread."""
    import threading

    from django.db import connections

    barrier = threading.Barrier(count)
    results, errors = [None] * count, [None] * count

    def run(i):
        try:
            barrier.wait()
            results[i] = work(i)
        except Exception as exc:  # noqa: BLE001 — collected and asserted by the caller
            errors[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results, errors


@pytest.fixture
def rules(db):
    """The incident rules security's migration ships (loaded again where a test's database
    was flushed)."""
    from importlib import import_module

    from django.apps import apps

    from tttt.security.models import IncidentRule

    if not IncidentRule.objects.exists():
        import_module("tttt.security.migrations.0002_rules").seed(apps, None)
    return {r.code: r for r in IncidentRule.objects.all()}
