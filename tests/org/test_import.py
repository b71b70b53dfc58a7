import json
import shutil
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tttt.org.importer import CURRENT_SOURCE, LEGACY_SOURCE, default_paths
from tttt.org.models import Unit, UnitSuccession
from tttt.org.queries import subtree, unit_predecessors, unit_successors, units_for_territory

pytestmark = pytest.mark.django_db(transaction=False)


def run(*args) -> str:
    out = StringIO()
    call_command("import-units", *args, stdout=out)
    return out.getvalue()


def test_import_of_the_whole_country_is_complete_idempotent_and_linked():
    first = run()
    assert "34 tỉnh/thành phố (mới 34" in first
    assert "3.321 xã/phường/thị trấn/đặc khu (mới 3.321" in first
    assert "63 tỉnh/thành phố (mới 63" in first
    assert "Đã nhập xong" in first

    current = Unit.objects.filter(source=CURRENT_SOURCE)
    assert current.filter(kind=Unit.Kind.PROVINCE).count() == 34
    assert current.filter(kind=Unit.Kind.COMMUNE).count() == 3321
    assert current.filter(kind=Unit.Kind.COMMUNE, type_word="đặc khu").count() == 13
    legacy = Unit.objects.filter(source=LEGACY_SOURCE)
    assert legacy.filter(kind=Unit.Kind.PROVINCE).count() == 63
    assert legacy.filter(kind=Unit.Kind.DISTRICT).count() == 696
    assert not legacy.exclude(valid_to=date(2025, 6, 30)).exists()

    # Every former commune and province went somewhere.
    assert not legacy.filter(
        kind__in=["province", "commune"], successor_links__isnull=True
    ).exists()

    # Lineage: the former Trung Chính (Lương Tài) → today's Xã Trung Chính, Bắc Ninh.
    old_tc = legacy.get(kind="commune", code="09523")
    assert old_tc.parent.name == "Huyện Lương Tài"
    [link] = unit_successors(old_tc)
    assert (link.successor.name, link.successor.parent.name, link.date) == (
        "Xã Trung Chính",
        "Tỉnh Bắc Ninh",
        date(2025, 7, 1),
    )

    # Today's Bắc Ninh = the former Bắc Ninh and Bắc Giang; for 2019 the lineage gives both.
    bac_ninh = current.get(kind="province", code="24")
    provinces = {
        link.predecessor.name
        for link in unit_predecessors(bac_ninh)
        if link.predecessor.kind == "province"
    }
    assert provinces == {"Tỉnh Bắc Ninh", "Tỉnh Bắc Giang"}
    assert {u.name for u in units_for_territory(bac_ninh, date(2019, 9, 30))} == {
        "Tỉnh Bắc Ninh",
        "Tỉnh Bắc Giang",
    }
    assert subtree(bac_ninh, on=date(2026, 1, 1), kinds=["commune"]).count() == 99

    # Paths are consistent with parents (the subtree queries rely on them).
    sample = list(Unit.objects.select_related("parent").order_by("?")[:500])
    assert all(u.path == f"{u.parent.path if u.parent_id else '/'}{u.pk}/" for u in sample)

    units, links = Unit.objects.count(), UnitSuccession.objects.count()
    second = run()
    assert "Không có thay đổi" in second
    assert (Unit.objects.count(), UnitSuccession.objects.count()) == (units, links)


def test_a_broken_data_file_changes_nothing_and_says_what_is_wrong(tmp_path):
    paths = default_paths()
    broken = json.loads(paths["current"].read_text(encoding="utf-8"))
    del broken[3]["wards"][5]["code"]
    broken[7]["division_type"] = "vương quốc"
    bad = tmp_path / "nested.json"
    bad.write_text(json.dumps(broken, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError) as exc:
        run("--current-json", str(bad))
    message = str(exc.value)
    assert "chưa nhập gì" in message
    assert "xã thứ 6" in message and "tỉnh thứ 8" in message
    assert Unit.objects.count() == 0


def test_an_unreadable_file_is_a_clear_error(tmp_path):
    (tmp_path / "x.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="Không đọc được"):
        run("--lineage-json", str(tmp_path / "x.json"))
    shutil.copy(default_paths()["current"], tmp_path / "ok.json")
    assert Unit.objects.count() == 0


def test_units_find_prints_parent_chain_and_what_a_former_unit_became(tree):
    out = StringIO()
    call_command("units", "find", "trung chinh", stdout=out)
    text = out.getvalue()
    assert "Xã Trung Chính (mã 09523, đến 30/06/2025) — Huyện Lương Tài, Tỉnh Bắc Ninh" in text
    assert "→ từ 01/07/2025 thuộc Xã Trung Chính, Tỉnh Bắc Ninh" in text
    assert "→ từ 01/07/2025 thuộc Xã Lương Tài, Tỉnh Bắc Ninh (một phần)" in text
    with pytest.raises(CommandError, match="Không tìm thấy"):
        call_command("units", "find", "không có xã này", stdout=StringIO())
