"""Import of Vietnam's administrative units across the 2025 reform.

* Structure in force since 2025-07-01 (34 provinces, 3,321 communes): `vietnam-provinces`.
* Former three-tier structure (63 provinces, districts, communes; valid until 2025-06-30),
  coordinates, and the old→new lineage: `vietnamadminunits`.

Everything is read and checked before the database is touched; the writes happen in one
transaction. Re-running changes nothing (units are identified by source, kind and code).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat

from tttt.core.text import fold

from .models import REFORM_DATE, Unit, UnitSuccession

CURRENT_SOURCE = "vietnam-provinces"
LEGACY_SOURCE = "vietnamadminunits"
LEGACY_END = REFORM_DATE - timedelta(days=1)
PROVINCE_BASIS = "Nghị quyết 202/2025/QH15 về sắp xếp đơn vị hành chính cấp tỉnh"
COMMUNE_BASIS = "Nghị quyết của UBTVQH về sắp xếp đơn vị hành chính cấp xã năm 2025"
DISTRICT_BASIS = "Luật Tổ chức chính quyền địa phương 2025 (không tổ chức cấp huyện từ 01/7/2025)"

ERA_CURRENT = "từ 01/7/2025"
ERA_LEGACY = "trước 01/7/2025"


class ImportDataError(Exception):
    """The data files are broken; `problems` says what is wrong, nothing was written."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def default_paths() -> dict[str, Path]:
    import vietnam_provinces
    import vietnamadminunits

    vau = Path(vietnamadminunits.__file__).parent / "data"
    return {
        "current": Path(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH),
        "legacy": vau / "dataset.db",
        "lineage": vau / "converter_2025.json",
    }


@dataclass
class Row:
    """A unit as read from the data files, before it is written."""

    key: tuple[str, str, str]  # (source, kind, code)
    name: str
    short_name: str
    type_word: str
    parent_key: tuple[str, str, str] | None
    valid_from: date | None
    valid_to: date | None
    latitude: Decimal | None = None
    longitude: Decimal | None = None


@dataclass
class Link:
    predecessor: tuple[str, str, str]
    successor: tuple[str, str, str]
    is_main: bool
    basis: str


@dataclass
class Dataset:
    rows: list[Row] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


_PROVINCE_TYPES = {"tỉnh": "tỉnh", "thành phố trung ương": "thành phố"}
_WARD_TYPES = {"xã": "xã", "phường": "phường", "đặc khu": "đặc khu", "thị trấn": "thị trấn"}
_DISTRICT_TYPES = {"huyện": "huyện", "quận": "quận", "thị xã": "thị xã", "thành phố": "thành phố"}


def _coord(value) -> Decimal | None:
    if value is None or value == "":
        return None
    return Decimal(str(round(float(value), 6)))


def _short(name: str, type_word: str) -> str:
    prefix = type_word.capitalize() + " "
    return name[len(prefix) :] if name.startswith(prefix) else name


def _row(key, name: str, type_word: str, parent_key, geo: dict, level: str) -> Row:
    """A unit row; its era (validity) follows from the data source in `key`."""
    current = key[0] == CURRENT_SOURCE
    return Row(
        key,
        name,
        _short(name, type_word),
        type_word,
        parent_key,
        REFORM_DATE if current else None,
        None if current else LEGACY_END,
        _coord(geo.get(f"{level}Lat")),
        _coord(geo.get(f"{level}Lon")),
    )


def read_dataset(paths: dict[str, Path] | None = None) -> Dataset:
    """Read and check the three data files; raise ImportDataError listing every problem."""
    paths = {**default_paths(), **(paths or {})}
    problems: list[str] = []
    data = Dataset()

    # --- legacy structure (SQLite file shipped by vietnamadminunits)
    try:
        conn = sqlite3.connect(f"file:{paths['legacy']}?mode=ro", uri=True)
        conn.row_factory = sqlite3.Row
        legacy = [dict(r) for r in conn.execute("SELECT * FROM admin_units_legacy")]
        current_geo = [dict(r) for r in conn.execute("SELECT * FROM admin_units")]
        conn.close()
    except sqlite3.Error as exc:
        raise ImportDataError([f"Không đọc được tệp dữ liệu cũ {paths['legacy']}: {exc}"]) from exc
    try:
        lineage = json.loads(Path(paths["lineage"]).read_text(encoding="utf-8"))
        current = json.loads(Path(paths["current"]).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ImportDataError([f"Không đọc được tệp dữ liệu JSON: {exc}"]) from exc

    # --- current structure
    vp_by_key: dict[tuple[str, str], tuple] = {}
    vp_by_code: dict[tuple[str, int], tuple] = {}
    if not isinstance(current, list):
        problems.append(f"{paths['current']}: cần một danh sách tỉnh/thành phố.")
        current = []
    geo_by_key = {(g["provinceCode"], g["wardKey"]): g for g in current_geo}
    province_geo = {g["provinceCode"]: g for g in current_geo}
    geo_by_code = {
        (g["provinceCode"], int(g["wardCode"])): g for g in current_geo if g.get("wardCode")
    }
    for i, province in enumerate(current, start=1):
        where = f"{paths['current'].name}, tỉnh thứ {i}"
        try:
            pcode = f"{int(province['code']):02d}"
            ptype = _PROVINCE_TYPES[province["division_type"]]
            pname = province["name"].strip()
            if not pname:
                raise ValueError("tên trống")
            pname = pname if pname.lower().startswith(("tỉnh ", "thành phố ")) else f"Tỉnh {pname}"
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            problems.append(f"{where}: thiếu hoặc sai trường ({exc}).")
            continue
        pkey = (CURRENT_SOURCE, Unit.Kind.PROVINCE, pcode)
        geo = province_geo.get(pcode, {})
        data.rows.append(_row(pkey, pname, ptype, None, geo, "province"))
        for j, ward in enumerate(province.get("wards") or [], start=1):
            wwhere = f"{where} ({pname}), xã thứ {j}"
            try:
                wcode = f"{int(ward['code']):05d}"
                wtype = _WARD_TYPES[ward["division_type"]]
                wname = ward["name"].strip()
                if not wname:
                    raise ValueError("tên trống")
                codename = ward["codename"].replace("_", "")
            except (KeyError, TypeError, ValueError, AttributeError) as exc:
                problems.append(f"{wwhere}: thiếu hoặc sai trường ({exc}).")
                continue
            key = (CURRENT_SOURCE, Unit.Kind.COMMUNE, wcode)
            g = geo_by_key.get((pcode, codename)) or geo_by_code.get((pcode, int(wcode))) or {}
            data.rows.append(_row(key, wname, wtype, pkey, g, "ward"))
            vp_by_key[(pcode, codename)] = key
            vp_by_code[(pcode, int(wcode))] = key

    # --- legacy structure
    legacy_province_key: dict[str, tuple] = {}
    legacy_full_key: dict[str, tuple] = {}
    seen: set[tuple] = set()
    for n, r in enumerate(legacy, start=1):
        where = f"{Path(paths['legacy']).name}, bảng admin_units_legacy, dòng {n}"
        try:
            pcode, dcode = r["provinceCode"].strip(), r["districtCode"].strip()
            pname, dname = r["province"].strip(), r["district"].strip()
            ptype = "thành phố" if pname.startswith("Thành phố") else "tỉnh"
            dtype = _DISTRICT_TYPES[r["districtType"].strip().lower()]
            if not (pcode.isdigit() and dcode.isdigit() and pname and dname):
                raise ValueError("mã hoặc tên không hợp lệ")
        except (KeyError, AttributeError, ValueError) as exc:
            problems.append(f"{where}: thiếu hoặc sai trường tỉnh/huyện ({exc}).")
            continue
        pkey = (LEGACY_SOURCE, Unit.Kind.PROVINCE, pcode)
        dkey = (LEGACY_SOURCE, Unit.Kind.DISTRICT, dcode)
        if pkey not in seen:
            seen.add(pkey)
            data.rows.append(_row(pkey, pname, ptype, None, r, "province"))
            legacy_province_key[r["provinceKey"]] = pkey
        if dkey not in seen:
            seen.add(dkey)
            data.rows.append(_row(dkey, dname, dtype, pkey, r, "district"))
            legacy_full_key[f"{r['provinceKey']}_{r['districtKey']}_"] = dkey
        if r.get("wardCode") is None:
            continue  # island districts without communes
        try:
            wcode = r["wardCode"].strip()
            wname = r["ward"].strip()
            wtype = _WARD_TYPES[r["wardType"].strip().lower()]
            if not (wcode.isdigit() and wname):
                raise ValueError("mã hoặc tên không hợp lệ")
        except (KeyError, AttributeError, ValueError) as exc:
            problems.append(f"{where}: thiếu hoặc sai trường xã ({exc}).")
            continue
        wkey = (LEGACY_SOURCE, Unit.Kind.COMMUNE, wcode)
        if wkey in seen:
            problems.append(f"{where}: mã xã {wcode} bị trùng.")
            continue
        seen.add(wkey)
        data.rows.append(_row(wkey, wname, wtype, dkey, r, "ward"))
        legacy_full_key[f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey']}"] = wkey

    # --- lineage
    new_province_code = {g["provinceKey"]: g["provinceCode"] for g in current_geo}

    def new_ward(prov_key: str, ward_key: str):
        pcode = new_province_code.get(prov_key)
        if pcode is None:
            return None
        target = vp_by_key.get((pcode, ward_key))
        if target is None:
            g = geo_by_key.get((pcode, ward_key))
            target = vp_by_code.get((pcode, int(g["wardCode"]))) if g else None
        return target

    try:
        for new_key, old_keys in lineage["DICT_PROVINCE"].items():
            pcode = new_province_code.get(new_key)
            if pcode is None:
                problems.append(f"Dữ liệu kế thừa: không biết tỉnh mới «{new_key}».")
                continue
            succ = (CURRENT_SOURCE, Unit.Kind.PROVINCE, pcode)
            for old in old_keys:
                pred = legacy_province_key.get(old)
                if pred is None:
                    problems.append(f"Dữ liệu kế thừa: không biết tỉnh cũ «{old}».")
                    continue
                data.links.append(Link(pred, succ, True, PROVINCE_BASIS))
        for prov_key, wards in lineage["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
            for ward_key, old_keys in wards.items():
                succ = new_ward(prov_key, ward_key)
                if succ is None:
                    problems.append(f"Dữ liệu kế thừa: không biết xã mới «{prov_key}/{ward_key}».")
                    continue
                for old in old_keys:
                    pred = legacy_full_key.get(old if not old.endswith("_None") else old[:-4])
                    if pred is None:
                        problems.append(f"Dữ liệu kế thừa: không biết xã cũ «{old}».")
                        continue
                    data.links.append(Link(pred, succ, True, COMMUNE_BASIS))
        for prov_key, olds in lineage["DICT_PROVINCE_WARD_DIVIDED"].items():
            for old, targets in olds.items():
                pred = legacy_full_key.get(old)
                if pred is None:
                    problems.append(f"Dữ liệu kế thừa: không biết xã cũ «{old}».")
                    continue
                for target in targets:
                    succ = new_ward(prov_key, target["newWardKey"])
                    if succ is None:
                        problems.append(
                            f"Dữ liệu kế thừa: không biết xã mới «{prov_key}/{target['newWardKey']}»."
                        )
                        continue
                    data.links.append(
                        Link(pred, succ, bool(target.get("isDefaultNewWard")), COMMUNE_BASIS)
                    )
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        problems.append(f"{paths['lineage'].name}: cấu trúc không đúng ({exc!r}).")

    # A dissolved district became part of the province(s) that took its communes.
    parent_of = {row.key: row.parent_key for row in data.rows}
    province_of_new = {row.key: row.parent_key for row in data.rows if row.key[0] == CURRENT_SOURCE}
    district_targets: dict[tuple, Counter] = defaultdict(Counter)
    for link in data.links:
        if link.predecessor[1] == Unit.Kind.COMMUNE and link.predecessor[0] == LEGACY_SOURCE:
            district = parent_of.get(link.predecessor)
            target = province_of_new.get(link.successor)
            if district and target:
                district_targets[district][target] += 1
    for district, counter in district_targets.items():
        main = counter.most_common(1)[0][0]
        for target in counter:
            data.links.append(Link(district, target, target == main, DISTRICT_BASIS))

    # De-duplicate links (a pair may be listed twice; keep "main" if any says so).
    merged: dict[tuple, Link] = {}
    for link in data.links:
        pair = (link.predecessor, link.successor)
        if pair in merged:
            merged[pair].is_main = merged[pair].is_main or link.is_main
        else:
            merged[pair] = link
    data.links = list(merged.values())

    if not any(r.key[0] == CURRENT_SOURCE for r in data.rows):
        problems.append("Không có đơn vị nào của cấu trúc hiện hành trong dữ liệu.")
    if problems:
        raise ImportDataError(problems)
    return data


@dataclass
class ImportReport:
    created: Counter = field(default_factory=Counter)  # (era, kind) -> n
    updated: Counter = field(default_factory=Counter)
    unchanged: int = 0
    links_created: int = 0
    links_updated: int = 0
    totals: Counter = field(default_factory=Counter)

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.links_created or self.links_updated)


_FIELDS = ["name", "short_name", "type_word", "valid_from", "valid_to", "latitude", "longitude"]


def _era(source: str) -> str:
    return ERA_CURRENT if source == CURRENT_SOURCE else ERA_LEGACY


def write_dataset(data: Dataset) -> ImportReport:
    """Write the checked dataset in one transaction; identical data changes nothing."""
    report = ImportReport()
    order = {Unit.Kind.PROVINCE: 0, Unit.Kind.DISTRICT: 1, Unit.Kind.COMMUNE: 2}
    rows = sorted(data.rows, key=lambda r: order[r.key[1]])
    with transaction.atomic():
        existing = {
            (u.source, u.kind, u.code): u
            for u in Unit.objects.filter(source__in=[CURRENT_SOURCE, LEGACY_SOURCE])
        }
        for level in (0, 1, 2):
            level_rows = [r for r in rows if order[r.key[1]] == level]
            to_create, to_update = [], []
            for r in level_rows:
                parent = existing[r.parent_key] if r.parent_key else None
                report.totals[(_era(r.key[0]), r.key[1])] += 1
                unit = existing.get(r.key)
                values = {f: getattr(r, f) for f in _FIELDS}
                if unit is None:
                    unit = Unit(
                        source=r.key[0],
                        kind=r.key[1],
                        code=r.key[2],
                        parent=parent,
                        search_name=fold(r.name),
                        path="",
                        **values,
                    )
                    to_create.append(unit)
                    report.created[(_era(r.key[0]), r.key[1])] += 1
                else:
                    changed = unit.parent_id != (parent.pk if parent else None) or any(
                        getattr(unit, f) != v for f, v in values.items()
                    )
                    if changed:
                        for f, v in values.items():
                            setattr(unit, f, v)
                        unit.parent = parent
                        unit.search_name = fold(r.name)
                        to_update.append(unit)
                        report.updated[(_era(r.key[0]), r.key[1])] += 1
                    else:
                        report.unchanged += 1
            Unit.objects.bulk_create(to_create, batch_size=1000)
            for unit in to_create:
                existing[(unit.source, unit.kind, unit.code)] = unit
            for unit in to_create + to_update:
                unit.path = f"{unit.parent.path if unit.parent else '/'}{unit.pk}/"
            _set_paths(to_create)
            Unit.objects.bulk_update(
                to_update, ["path", "parent", "search_name", *_FIELDS], batch_size=500
            )

        links = {
            (link.predecessor_id, link.successor_id): link
            for link in UnitSuccession.objects.filter(predecessor__source=LEGACY_SOURCE)
        }
        new_links, changed_links = [], []
        for link in data.links:
            pred, succ = existing[link.predecessor], existing[link.successor]
            current = links.get((pred.pk, succ.pk))
            if current is None:
                new_links.append(
                    UnitSuccession(
                        predecessor=pred,
                        successor=succ,
                        date=REFORM_DATE,
                        is_main=link.is_main,
                        basis=link.basis,
                    )
                )
            elif (
                current.is_main != link.is_main
                or current.basis != link.basis
                or current.date != REFORM_DATE
            ):
                current.is_main, current.basis, current.date = link.is_main, link.basis, REFORM_DATE
                changed_links.append(current)
        UnitSuccession.objects.bulk_create(new_links, batch_size=2000)
        UnitSuccession.objects.bulk_update(
            changed_links, ["is_main", "basis", "date"], batch_size=1000
        )
        report.links_created = len(new_links)
        report.links_updated = len(changed_links)
    return report


def _set_paths(units: list[Unit]) -> None:
    """Write the paths of freshly inserted units: their ids are consecutive runs, so one
    UPDATE per run computes the path from the parent's path in the database."""
    by_parent: dict[int | None, list[Unit]] = defaultdict(list)
    for unit in units:
        by_parent[unit.parent_id].append(unit)
    for parent_id, children in by_parent.items():
        prefix = children[0].parent.path if parent_id else "/"
        ids = sorted(u.pk for u in children)
        # Consecutive id ranges keep each UPDATE to a cheap BETWEEN.
        start = prev = ids[0]
        for pk in [*ids[1:], None]:
            if pk is not None and pk == prev + 1:
                prev = pk
                continue
            Unit.objects.filter(pk__gte=start, pk__lte=prev).update(
                path=Concat(Value(prefix), Cast("pk", CharField()), Value("/"))
            )
            if pk is not None:
                start = prev = pk


def import_units(paths: dict[str, Path] | None = None) -> ImportReport:
    from .queries import invalidate_scopes

    report = write_dataset(read_dataset(paths))
    invalidate_scopes()  # bulk writes send no signals
    return report
