"""The operations centre a leader opens each morning: every field's figures for the unit with
the same period a year before and the trend, each linking to its records and across the
units below, and the reports the units below still owe."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from tttt.org.roles import LEADER
from tttt.reporting.models import Report
from tttt.reporting.queries import OVERVIEW

URL = "reporting_overview"


def _owing(html: str) -> str:
    return html.split('data-testid="owing"')[1].split("</table>")[0]


def test_the_overview_shows_every_field_and_what_the_units_below_owe(
    client, tree, member, commune_form
):
    client.force_login(member("bn.lanhdao", LEADER, tree.bac_ninh))
    page = client.get(reverse(URL), {"period": "2026-Q3"})
    html = page.content.decode()
    assert page.status_code == 200 and "Quý III/2026" in html and "Quý III/2025" in html
    assert html.count('class="tttt-tile"') == sum(len(codes) for _title, codes in OVERVIEW)
    charts = page.context["charts"]
    assert [c["labels"][0] for c in charts][:1] == ["Quý III/2025"] and {
        len(c["labels"]) for c in charts
    } == {5}
    # Today is after Q3/2026's due date: Bắc Ninh's three communes of today owe that quarter.
    assert "3/3 đơn vị" in _owing(html) and "Báo cáo quý công tác TT&amp;TT" in _owing(html)
    period = (date(2026, 7, 1), date(2026, 9, 30))
    Report.objects.create(form=commune_form, unit=tree.new_trung_chinh, period_start=period[0],
                          period_end=period[1], period_kind="quarter", due_on=period[1] + timedelta(days=15),
                          status="submitted", first_submitted_at=timezone.now(), submitted_at=timezone.now())  # fmt: skip
    assert "2/3 đơn vị" in _owing(client.get(reverse(URL), {"period": "2026-Q3"}).content.decode())
    # Every tile leads on to the same figure across the units below.
    received = next(
        t
        for _title, tiles in page.context["sections"]
        for t in tiles
        if t.entry.code == "onestop.received"
    )
    assert (
        received.dashboard.startswith(reverse("reporting_dashboard"))
        and "chi_tieu=onestop.received" in received.dashboard
    )


def test_the_overview_keeps_to_the_scope(client, tree, member):
    client.force_login(member("bh.lanhdao", LEADER, tree.new_bo_ha))
    assert client.get(reverse(URL), {"unit": tree.bac_ninh.pk}).status_code in (302, 403)
    assert client.get(reverse(URL), {"ca_nuoc": 1}).status_code in (302, 403)
    own = client.get(reverse(URL))
    assert own.status_code == 200 and own.context["unit"] == tree.new_bo_ha
    bad = client.get(reverse(URL), {"period": "2026-Q9"})
    assert bad.status_code == 200 and "Không hiểu kỳ «2026-Q9»" in bad.content.decode()
