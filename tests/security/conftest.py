"""Lương Tài's people, and the incident rules the migration ships (tests/conftest.py)."""

from types import SimpleNamespace

import pytest

from tttt.org import roles as R


@pytest.fixture
def people(member, tree, rules):
    people = SimpleNamespace(
        clerk=member("lt.motcua", R.CLERK, tree.luong_tai),
        specialist=member("lt.cntt", R.SPECIALIST, tree.luong_tai),
        leader=member("lt.lanhdao", R.LEADER, tree.luong_tai),
        commune_leader=member("tc.lanhdao", R.LEADER, tree.trung_chinh),
        stranger=member("yt.chuyenvien", R.SPECIALIST, tree.yen_the),
        province_leader=member("bn.lanhdao", R.LEADER, tree.old_bac_ninh),
    )
    people.leader.email = "lanhdao@luongtai.bacninh.gov.vn"
    people.leader.save(update_fields=["email"])
    return people
