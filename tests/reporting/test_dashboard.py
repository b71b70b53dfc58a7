"""The leaders' dashboard across units: every unit below (or every commune of a territory,
or of the country) ranked from one grouped query whatever their number, each over its own
territory across the 2025 reform; paged, mapped, downloadable, and kept to the scope."""

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from conftest import sign_in_verified
from tttt.core.indicators import compute_each, get_indicator
from tttt.core.periods import Period
from tttt.org.models import REFORM_DATE, Unit, UnitSuccession
from tttt.org.queries import territories, units_for_territory
from tttt.org.roles import LEADER

URL = "reporting_dashboard"


def _rows(html: str) -> list[list[str]]:
    """The ranking's rows as the cells' text."""
    import re

    table = html.split('data-testid="across-units"')[1].split("</table>")[0]
    body = table.split("<tbody>")[1]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
        for row in body.split("</tr>")
        if "<td" in row
    ]  # fmt: skip


def _more_communes(tree, count: int) -> list[Unit]:
    """`count` of today's communes of Bắc Ninh, each from a former commune of Lương Tài
    (ids in the thousands, as in the real tree)."""
    made = []
    for i in range(count):
        old = Unit.objects.create(name=f"Xã Cũ {i:02d}", kind="commune", type_word="xã", parent=tree.luong_tai,
                                  code=f"9{i:04d}", valid_to=tree.thua.valid_to, source="test-legacy")  # fmt: skip
        new = Unit.objects.create(name=f"Xã Mới {i:02d}", kind="commune", type_word="xã", parent=tree.bac_ninh,
                                  code=f"8{i:04d}", valid_from=REFORM_DATE, source="test-current",
                                  latitude="21.0", longitude=f"{106 + i / 100:.2f}")  # fmt: skip
        UnitSuccession.objects.create(predecessor=old, successor=new, date=REFORM_DATE)
        made.append(new)
    return made


def test_territories_of_many_units_are_those_of_each_unit(tree):
    units = [tree.new_trung_chinh, tree.new_luong_tai, tree.new_bo_ha, tree.thua, tree.bac_ninh]
    for day in (Period.year(2019).end, Period.year(2026).end):
        together = territories(units, day)
        assert {pk: {u.pk for u in roots} for pk, roots in together.items()} == {
            u.pk: {r.pk for r in units_for_territory(u, day)} for u in units
        }
    # Today's Xã Lương Tài stands in 2019 for Thị trấn Thứa and (part of) Xã Trung Chính.
    in_2019 = territories([tree.new_luong_tai], Period.year(2019).end)
    assert {u.pk for u in in_2019[tree.new_luong_tai.pk]} == {tree.thua.pk, tree.trung_chinh.pk}


def test_one_grouped_query_per_indicator_gives_each_units_figure(tree):
    period = Period.year(2019)
    compared = [tree.new_trung_chinh, tree.new_luong_tai, tree.new_bo_ha]
    places = territories(compared, period.end)
    communes = get_indicator("org.communes")
    with CaptureQueriesContext(connection) as queries:
        each = compute_each(communes, places, period)
    assert len(queries) == 1
    assert each == {u.pk: communes.compute(places[u.pk], period) for u in compared}
    assert each[tree.new_luong_tai.pk] == 2  # Thứa and Trung Chính, counted for both successors


def test_the_ranking_shares_ranks_and_its_queries_do_not_grow_with_the_units(client, tree, member):
    client.force_login(member("bn.lanhdao", LEADER, tree.bac_ninh))
    ask = {"unit": tree.bac_ninh.pk, "chi_tieu": "org.communes", "period": "2019"}
    client.get(reverse(URL), ask)  # the session's first page fills caches
    with CaptureQueriesContext(connection) as few:
        page = client.get(reverse(URL), ask)
    rows = _rows(page.content.decode())
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("1", "Xã Lương Tài", "2"),
        ("2", "Xã Bố Hạ", "1"),
        ("2", "Xã Trung Chính", "1"),
    ]
    _more_communes(tree, 60)
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse(URL), ask)
    html = page.content.decode()
    assert len(many) == len(few), [q["sql"][:120] for q in many.captured_queries]
    assert "63 đơn vị" in html and len(_rows(html)) == 50  # a page of the ranking
    assert 'data-testid="ranking-pages"' in html and "Trang 1/2" in html
    second = client.get(reverse(URL), {**ask, "trang": 2}).content.decode()
    assert len(_rows(second)) == 13 and "Trang 2/2" in second
    assert html.count('"size": ') == 60  # every commune with coordinates is on the map


def test_every_commune_of_the_territory_or_of_the_country(client, tree, member, superuser):
    client.force_login(member("bn.lanhdao", LEADER, tree.bac_ninh))
    ask = {"chi_tieu": "org.communes", "period": "2019", "so_sanh": "xa"}
    # In 2019 today's Bắc Ninh stood for two provinces: their communes of that year.
    html = client.get(reverse(URL), {"unit": tree.bac_ninh.pk, **ask}).content.decode()
    rows = _rows(html)
    assert sorted((r[1], r[2]) for r in rows) == [
        ("Thị trấn Bố Hạ", "Huyện Yên Thế"),
        ("Thị trấn Thứa", "Huyện Lương Tài"),
        ("Xã Trung Chính", "Huyện Lương Tài"),
    ]
    assert client.get(reverse(URL), {"ca_nuoc": "1", **ask}).status_code in (302, 403)
    sign_in_verified(client, superuser)
    country = client.get(reverse(URL), {"ca_nuoc": "1", **ask, "period": "2026"})
    assert country.status_code == 200 and country.context["unit"] is None
    assert sorted(r[1] for r in _rows(country.content.decode())) == [
        "Xã Bố Hạ",
        "Xã Lương Tài",
        "Xã Trung Chính",
    ]
    provinces = client.get(
        reverse(URL), {"ca_nuoc": "1", "chi_tieu": "org.communes", "period": "2019"}
    )
    assert sorted(r[1] for r in _rows(provinces.content.decode())) == [
        "Tỉnh Bắc Giang",
        "Tỉnh Bắc Ninh",
    ]


def test_the_ranking_downloads_whole(client, tree, member):
    _more_communes(tree, 55)
    client.force_login(member("bn.lanhdao", LEADER, tree.bac_ninh))
    reply = client.get(
        reverse(URL),
        {"unit": tree.bac_ninh.pk, "chi_tieu": "org.communes", "period": "2019", "export": "xlsx"},
    )
    assert reply.status_code == 200
    sheet = load_workbook(BytesIO(reply.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("Hạng", "Đơn vị") and len(rows) == 1 + 58
    assert rows[1][:4] == (1, "Xã Lương Tài", "Tỉnh Bắc Ninh", 2)


@pytest.mark.parametrize("level", ["", "xa"])
def test_a_unit_outside_the_scope_is_refused(client, tree, member, level):
    client.force_login(member("bh.lanhdao", LEADER, tree.new_bo_ha))
    reply = client.get(reverse(URL), {"unit": tree.bac_ninh.pk, "so_sanh": level})
    assert reply.status_code in (302, 403)
