"""The digital transformation index (DTI): criteria as data, computed from the records where
an indicator exists and entered where not; a merged unit takes the average or the sum of its
former units' entries, criterion by criterion; scores, ranks, entry with every problem at
once, and the scope."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tttt.org.roles import LEADER, REPORTING_OFFICER
from tttt.reporting import queries, services
from tttt.reporting.models import DtiCriterion, DtiSet, DtiValue


@pytest.fixture
def province_set(db):
    dti = DtiSet.objects.create(name="Chỉ số chuyển đổi số cấp tỉnh", level="province",
                                legal_basis="Quyết định 922/QĐ-BTTTT", year_from=2022)  # fmt: skip
    for i, (code, pillar, points, target, indicator, combine) in enumerate([
        ("xa_hoi.cap_quang", "Xã hội số", 30, 100, "", "average"),
        ("kinh_te.doanh_nghiep", "Kinh tế số", 30, 500, "", "sum"),
        ("nen_tang.xa", "Nền tảng chung", 10, 3, "org.communes", "average"),
    ]):  # fmt: skip
        DtiCriterion.objects.create(dti_set=dti, position=i, code=code, pillar=pillar, name=code,
                                    max_points=points, target=target, indicator=indicator, combine=combine)  # fmt: skip
    return dti


@pytest.fixture
def entries(tree, province_set):
    c = {x.code: x for x in province_set.criteria.all()}
    for unit, fibre, firms in ((tree.old_bac_ninh, 92, 320), (tree.old_bac_giang, 84, 180)):
        DtiValue.objects.create(criterion=c["xa_hoi.cap_quang"], unit=unit, year=2024, value=fibre)
        DtiValue.objects.create(
            criterion=c["kinh_te.doanh_nghiep"], unit=unit, year=2024, value=firms
        )
    return c


def test_a_merged_province_averages_or_adds_its_former_provinces(tree, province_set, entries):
    (row,) = queries.dti_scores(province_set, [tree.bac_ninh], 2024)
    c = entries
    assert row.values[c["xa_hoi.cap_quang"].pk] == Decimal("88.00")  # (92 + 84) / 2
    assert row.values[c["kinh_te.doanh_nghiep"].pk] == 500  # 320 + 180
    assert (
        row.values[c["nen_tang.xa"].pk] == 3
    )  # Trung Chính, Thứa, Bố Hạ: counted on the territory
    assert (row.points[c["xa_hoi.cap_quang"].pk], row.total) == (Decimal("26.40"), Decimal("66.40"))
    assert row.pillars == {"Xã hội số": Decimal("26.40"), "Kinh tế số": Decimal("30.00"),
                           "Nền tảng chung": Decimal("10.00")}  # fmt: skip


def test_the_former_provinces_are_ranked_in_one_query_per_criterion(tree, province_set, entries):
    units = queries.dti_units(province_set, None, 2024)
    assert {u.pk for u in units} == {tree.old_bac_ninh.pk, tree.old_bac_giang.pk}
    with CaptureQueriesContext(connection) as two:
        rows = queries.dti_scores(province_set, units, 2024)
    assert [(r.unit.pk, r.rank, r.total) for r in rows] == [
        (tree.old_bac_ninh.pk, 1, Decimal("53.47")),  # 27,60 + 19,20 + 6,67 (two communes)
        (tree.old_bac_giang.pk, 2, Decimal("39.33")),
    ]
    with CaptureQueriesContext(connection) as one:
        queries.dti_scores(province_set, units[:1], 2024)
    assert len(one) == len(two)
    today = queries.dti_units(province_set, None, 2024, today=True)
    assert [u.pk for u in today] == [tree.bac_ninh.pk]


@given(st.decimals(1, 1000, places=2), st.decimals(Decimal("0.01"), 10_000, places=2),
       st.decimals(0, 20_000, places=2), st.decimals(0, 20_000, places=2))  # fmt: skip
def test_points_stay_within_the_criterion_and_grow_with_the_figure(points, target, a, b):
    criterion = DtiCriterion(max_points=points, target=target)
    low, high = sorted([a, b])
    assert 0 <= criterion.points(low) <= criterion.points(high) <= points
    assert criterion.points(max(high, target)) == points.quantize(Decimal("0.01"))
    assert criterion.points(None) is None


def test_entry_refuses_every_problem_at_once_and_keeps_to_the_scope(
    tree, province_set, entries, member
):
    officer = member("bn.baocao", REPORTING_OFFICER, tree.old_bac_ninh)
    c = entries
    with pytest.raises(ValidationError) as refused:
        services.dti_values_save(user=officer, dti_set=province_set, unit=tree.old_bac_ninh, year=2024,
                                 typed={c["xa_hoi.cap_quang"]: "chín mươi", c["kinh_te.doanh_nghiep"]: "-3",
                                        c["nen_tang.xa"]: "5"})  # fmt: skip
    codes = {e.code for errors in refused.value.error_dict.values() for e in errors}
    assert codes == {"not_a_number", "bad_value", "criterion_computed"}
    assert DtiValue.objects.get(criterion=c["xa_hoi.cap_quang"], unit=tree.old_bac_ninh).value == 92
    services.dti_values_save(user=officer, dti_set=province_set, unit=tree.old_bac_ninh, year=2024,
                             typed={c["xa_hoi.cap_quang"]: "95,5", c["kinh_te.doanh_nghiep"]: ""})  # fmt: skip
    assert DtiValue.objects.get(
        criterion=c["xa_hoi.cap_quang"], unit=tree.old_bac_ninh
    ).value == Decimal("95.5")
    assert not DtiValue.objects.filter(
        criterion=c["kinh_te.doanh_nghiep"], unit=tree.old_bac_ninh
    ).exists()
    with pytest.raises(PermissionDenied):
        services.dti_values_save(user=officer, dti_set=province_set, unit=tree.old_bac_giang, year=2024,
                                 typed={c["xa_hoi.cap_quang"]: "1"})  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.dti_values_save(user=officer, dti_set=province_set, unit=tree.trung_chinh, year=2024,
                                 typed={c["xa_hoi.cap_quang"]: "1"})  # fmt: skip
    assert refused.value.code == "form_not_for_unit"


def test_the_pages_rank_and_take_the_entries(client, tree, province_set, entries, member):
    client.force_login(member("bn.lanhdao", LEADER, tree.bac_ninh))
    page = client.get(reverse("reporting_dti"), {"bo": province_set.pk, "nam": 2024})
    html = page.content.decode()
    ranking = html.split('data-testid="dti-ranking"')[1].split("</table>")[0]
    assert page.status_code == 200 and ranking.count("<tr>") == 3 and "53,47" in ranking
    merged = client.get(
        reverse("reporting_dti"), {"bo": province_set.pk, "nam": 2024, "hien_nay": 1}
    )
    assert "66,40" in merged.content.decode()
    sheet = client.get(
        reverse("reporting_dti"), {"bo": province_set.pk, "nam": 2024, "export": "xlsx"}
    )
    assert sheet.status_code == 200 and sheet["Content-Type"].startswith("application/vnd.openxml")
    c = entries
    officer = member("obn.baocao", REPORTING_OFFICER, tree.old_bac_ninh)
    client.force_login(officer)
    url = reverse("reporting_dti_unit", args=[province_set.pk, tree.old_bac_ninh.pk, 2024])
    wrong = client.post(
        url, {f"c{c['xa_hoi.cap_quang'].pk}": "abc", f"c{c['kinh_te.doanh_nghiep'].pk}": "320"}
    )
    assert wrong.status_code == 200 and "không phải một số" in wrong.content.decode()
    done = client.post(
        url, {f"c{c['xa_hoi.cap_quang'].pk}": "90", f"c{c['kinh_te.doanh_nghiep'].pk}": "320"}
    )
    assert done.status_code == 302
    assert DtiValue.objects.get(criterion=c["xa_hoi.cap_quang"], unit=tree.old_bac_ninh).value == 90
    client.force_login(member("bh.lanhdao", LEADER, tree.new_bo_ha))
    other = reverse("reporting_dti_unit", args=[province_set.pk, tree.old_bac_ninh.pk, 2024])
    assert client.get(other).status_code in (302, 403)
