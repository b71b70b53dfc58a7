from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tttt.core.indicators import all_indicators, get_indicator
from tttt.core.periods import Period
from tttt.org.indicators import compute_for_unit


def test_org_indicators_are_discovered():
    codes = {i.code for i in all_indicators()}
    assert {"org.communes", "org.districts", "org.offices"} <= codes


def test_communes_for_a_unit_and_period_across_the_reform(tree):
    communes = get_indicator("org.communes")
    assert compute_for_unit(communes, tree.luong_tai, Period.parse("2019-9M")) == (
        2,
        [tree.luong_tai],
    )
    # Today's Bắc Ninh for 2019 = the former Bắc Ninh and Bắc Giang.
    value, used = compute_for_unit(communes, tree.bac_ninh, Period.parse("2019-9M"))
    assert value == 3 and {u.pk for u in used} == {tree.old_bac_ninh.pk, tree.old_bac_giang.pk}
    assert compute_for_unit(communes, tree.bac_ninh, Period.parse("2026"))[0] == 3
    assert (
        compute_for_unit(get_indicator("org.districts"), tree.bac_ninh, Period.parse("2026"))[0]
        == 0
    )


def run(*args) -> str:
    out = StringIO()
    call_command("indicators", *args, stdout=out)
    return out.getvalue().strip()


def test_indicators_command(tree):
    assert "org.communes" in run()
    lt = ("--unit", "Huyện Lương Tài")
    assert (
        run("show", "org.communes", *lt, "--period", "2019-9M")
        == "Số đơn vị hành chính cấp xã (cuối kỳ) — Huyện Lương Tài — 9 tháng đầu năm 2019: 2"
    )
    assert run("show", "org.communes", "--unit", "Tỉnh Bắc Ninh", "--period", "2026").endswith(
        "Năm 2026: 3"
    )
    with pytest.raises(CommandError, match="Không có chỉ tiêu"):
        run("show", "org.khong", *lt, "--period", "2019")
    with pytest.raises(CommandError, match="Không hiểu kỳ"):
        run("show", "org.communes", *lt, "--period", "năm ngoái")
