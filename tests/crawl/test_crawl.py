"""The full demo reproduces the seeds, and every page works for every role, in Vietnamese.

One test builds the whole demo (real unit ids in the thousands, both eras) inside its
transaction, checks the seed articles' figures against it (demo/seed_figures.py), then
crawls: anonymously on the main site and on each demo portal, and signed
in as one demo account of every role, from the back office's menu and home page. It fails
on any server error, debug page, unrendered template syntax, dead link, link to another
host or port, number localized inside a URL or form value, or English UI string; and it
writes the slowest pages with their query counts to `crawl-slowest.txt` in the var folder.
"""

import os
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Template
from django.test import Client
from django.test.utils import _TestState
from wagtail.models import Site

import migrated_db
from demo.seed_figures import demo_reads_as_real, seed_figures
from tttt.demo.builder import build_demo
from tttt.org.models import User

from .crawler import Crawl, one_account_per_role, report, signed_in
from .scope_probe import (
    every_api_operation_keeps_to_the_scope,
    every_api_write_keeps_to_the_scope,
    every_record_page_keeps_to_the_scope,
)

PUBLIC_START = [
    "/",
    "/admin/login/",
    "/admin/password_reset/",
    "/don-vi/?q=trung+chinh",
    "/nop-ho-so/",
    "/nop-ho-so/?q=trung+chinh",
    "/tra-cuu-ho-so/",
    "/co-so-kinh-doanh/",
    "/co-so-kinh-doanh/?q=karaoke",
]
SLOWEST = Path(os.environ.get("TTTT_CRAWL_REPORT", Path(settings.VAR_DIR) / "crawl-slowest.txt"))


PHASES: dict[str, float] = {}


@pytest.fixture
def demo(db):
    """The demo, built in the test's transaction; in the whole-demo tests' process of
    `make test` (TTTT_TEST_DEMO=1) it is in the session's database already
    (migrated_db.with_demo)."""
    if migrated_db.DEMO_LOGINS:
        return migrated_db.DEMO_LOGINS
    started = time.perf_counter()
    logins = build_demo()
    PHASES["demo"] = time.perf_counter() - started
    return logins


def timed(name, func):
    started = time.perf_counter()
    result = func()
    PHASES[name] = time.perf_counter() - started
    return result


def every_figure_lists_its_records() -> Crawl:
    """Each figure that names its records opens a list of exactly as many records as it
    counts, or whose field adds up to it (the dashboard's links), for the demo's units and
    periods with data; every counting figure names its records. Returns the crawl of one
    full and one empty figure list of each kind (an empty list shows text of its own)."""
    from tttt.core.indicators import Measure, all_indicators
    from tttt.core.periods import Period
    from tttt.org.indicators import compute_for_unit
    from tttt.org.models import Unit

    client = signed_in(User.objects.get(username="admin"))
    cases = [
        (Unit.objects.get(name="Huyện Lương Tài", valid_to__isnull=False), "2019-9M"),
        (Unit.objects.get(name="Thị xã Cửa Lò"), "2014"),
        (Unit.objects.get(name="Tỉnh Bắc Ninh", valid_to__isnull=True), "2026"),
    ]
    counted = 0
    unlisted = {i.code for i in all_indicators() if not i.records_list}
    assert unlisted == {  # the units and the catalogue are shown whole; 766's points are a
        # formula over other figures, each with its records
        "org.communes", "org.districts", "org.offices", "onestop.procedures",
        "reporting.reports_late",  # reports owed are units: the completeness page of each form
        *(f"onestop.index766_{g}" for g in ("clgq", "mdhl", "mdsh", "tdgq", "tttt")),
    }, unlisted  # fmt: skip
    to_crawl: dict[tuple, str] = {}
    for ind in [i for i in all_indicators() if i.records_list]:
        for unit, text in cases:
            value, _units = compute_for_unit(ind, unit, Period.parse(text))
            url = ind.records_url(unit, Period.parse(text))
            to_crawl.setdefault((ind.records_list, not value), url)
            page = client.get(url)
            assert page.status_code == 200 and page.context["figure"], (ind.code, text)
            if ind.records_sum:  # it adds up a field: the list gives the same total
                assert page.context["figure"].total == value, (ind.code, unit.name, text)
                counted += value
                continue
            if ind.measure != Measure.COUNT:  # a sum of money: the list gives the same total
                assert page.context.get("total", value) == value, (ind.code, unit.name, text)
                continue
            paginator = page.context.get("paginator") or page.context["page"].paginator
            assert paginator.count == value, (ind.code, unit.name, text)
            counted += value
    assert counted > 1000
    return Crawl(
        client, "admin (chỉ tiêu)", "localhost", list(to_crawl.values()), max_depth=0
    ).run()


def every_indicator_compares_units_in_one_query() -> int:
    """Every indicator gives, for many units at once, in one grouped query (the dashboard's
    ranking), what its own query gives for each: Lương Tài's communes in 2019, and today's
    communes of Bắc Ninh that took them in 2026 and, through their lineage, in 2019.
    Returns how many (indicator, case) pairs had a figure."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tttt.core.indicators import all_indicators, compute_each
    from tttt.core.periods import Period
    from tttt.org.models import Unit, UnitSuccession
    from tttt.org.queries import territories
    from tttt.reporting.queries import children_of

    luong_tai = Unit.objects.get(name="Huyện Lương Tài", valid_to__isnull=False)
    bac_ninh = Unit.objects.get(name="Tỉnh Bắc Ninh", valid_to__isnull=True)
    taken = UnitSuccession.objects.filter(predecessor__path__startswith=luong_tai.path)
    today = list(Unit.objects.filter(parent=bac_ninh, pk__in=taken.values("successor")))
    today += list(Unit.objects.filter(parent=bac_ninh).exclude(pk__in=[u.pk for u in today])[:1])
    cases = [
        (children_of(luong_tai, Period.parse("2019-9M"))[:4], "2019-9M"),
        (today, "2026"),
        (today, "2019-9M"),
    ]
    with_data = 0
    for units, text in cases:
        period = Period.parse(text)
        places = territories(units, period.end)
        for ind in all_indicators():
            with CaptureQueriesContext(connection) as asked:
                each = compute_each(ind, places, period)
            with CaptureQueriesContext(connection) as asked_one:
                compute_each(ind, {units[0].pk: places[units[0].pk]}, period)
            alone = {u.pk: ind.compute(places[u.pk], period) for u in units}
            assert each == alone, (ind.code, text)
            # As many queries for one unit as for all; one grouped query, but for the reports
            # owed (two a form and due period) and the one-stop figures, which read the
            # rollup's mark, its cells and the dossiers of the days after it or resolved
            # after the period (docs/onestop.md, "Rollup").
            assert len(asked) == len(asked_one), (ind.code, text, len(asked), len(asked_one))
            most = 3 if ind.app_label == "onestop" else 1
            assert len(asked) <= most or ind.app_label == "reporting", (ind.code, len(asked))
            with_data += any(alone.values())
    return with_data


def test_the_demo_reproduces_the_seeds_and_every_page_works_for_every_role(demo, monkeypatch):
    timed("seeds", seed_figures)
    timed("reads as real", demo_reads_as_real)
    probed = timed("scope: back office", every_record_page_keeps_to_the_scope)
    asked = timed("scope: API", every_api_operation_keeps_to_the_scope)
    written = timed("scope: API writes", every_api_write_keeps_to_the_scope)
    assert probed > 100 and asked > 30 and written > 20, (probed, asked, written)
    (SLOWEST.parent / "scope-probe.txt").write_text(
        f"{probed} record pages, {asked} API reads and {written} API writes probed out of scope\n"
    )
    crawls, downloads = [timed("figure lists", every_figure_lists_its_records)], set()
    assert timed("figures across units", every_indicator_compares_units_in_one_query) > 60
    # From here templates render as in production: the test client's record of each template
    # and a copy of its context (some 300.000 in the crawl) is not read and costs a tenth.
    monkeypatch.setattr(Template, "_render", _TestState.saved_data.template_render)
    started = time.perf_counter()
    for site in Site.objects.order_by("-is_default_site", "hostname"):
        host = site.hostname if site.port == 80 else f"{site.hostname}:{site.port}"
        start = ["/", "/tim-kiem/?q=lương+tài"] + (PUBLIC_START if site.is_default_site else [])
        crawls.append(
            Crawl(
                Client(raise_request_exception=False), f"khách @ {host}", host, start, max_pages=90
            ).run()
        )
    for username in one_account_per_role(demo):
        user = User.objects.get(username=username)
        crawls.append(
            Crawl(signed_in(user), username, "localhost", ["/admin/"], downloads=downloads).run()
        )
    PHASES["crawl"] = time.perf_counter() - started
    visits = [v for c in crawls for v in c.visits]
    report(visits, SLOWEST)
    (SLOWEST.parent / "crawl-phases.txt").write_text(
        "".join(f"{name}: {seconds:.1f} s\n" for name, seconds in PHASES.items())
    )
    problems = [p for c in crawls for p in c.problems]
    assert len(visits) > 500, "the crawl reached too few pages"
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(sorted(set(problems)))
