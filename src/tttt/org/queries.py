"""Reads: scope, subtrees, lineage and search. Every module filters by `restrict_to_scope`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone

from tttt.core.text import fold

from .models import Membership, Unit, UnitSuccession

KIND_ORDER = {
    Unit.Kind.PROVINCE: 0,
    Unit.Kind.DISTRICT: 1,
    Unit.Kind.COMMUNE: 2,
    Unit.Kind.OFFICE: 3,
}

# ---------------------------------------------------------------- lineage


def _walk(start_ids: Iterable[int], forward: bool) -> list[UnitSuccession]:
    """All lineage links reachable from `start_ids`, level by level (one query a level)."""
    links: list[UnitSuccession] = []
    seen: set[int] = set()
    frontier = set(start_ids)
    for _ in range(6):  # lineage chains are short; guards against cycles
        if not frontier:
            break
        seen |= frontier
        field = "predecessor_id__in" if forward else "successor_id__in"
        level = list(
            UnitSuccession.objects.filter(**{field: frontier}).select_related(
                "successor__parent", "predecessor__parent"
            )
        )
        links += level
        frontier = {
            (link.successor_id if forward else link.predecessor_id) for link in level
        } - seen
    return links


def _lineage(unit: Unit, forward: bool) -> list[UnitSuccession]:
    """`_walk` from `unit`, kept on the instance: a dashboard resolves the same unit's
    territory for many periods in one request."""
    memo = unit.__dict__.setdefault("_lineage", {})
    if forward not in memo:
        memo[forward] = _walk([unit.pk], forward=forward)
    return memo[forward]


def unit_successors(unit: Unit) -> list[UnitSuccession]:
    """What a former unit became part of, following later reorganisations too."""
    return _lineage(unit, forward=True)


def unit_predecessors(unit: Unit) -> list[UnitSuccession]:
    """The former units that became (part of) this unit, transitively."""
    return _lineage(unit, forward=False)


def units_for_territory(unit: Unit, on: date) -> list[Unit]:
    """The units that stood for `unit`'s territory on `on`, across reorganisations.

    Today's Bắc Ninh asked for 2019 gives the former Bắc Ninh and Bắc Giang provinces;
    a former district asked for 2026 gives the current units that took its communes.
    """
    if unit.is_valid_on(on):
        return [unit]
    if unit.valid_from and on < unit.valid_from:
        candidates = [link.predecessor for link in unit_predecessors(unit)]
    else:
        candidates = [link.successor for link in unit_successors(unit)]
    return _highest(u for u in candidates if u.is_valid_on(on))


def _highest(units: Iterable[Unit]) -> list[Unit]:
    """`units` without those lying under another of them (a district's province covers it)."""
    chosen: list[Unit] = []
    for candidate in sorted({u.pk: u for u in units}.values(), key=lambda u: len(u.path)):
        if not any(candidate.path.startswith(c.path) for c in chosen):
            chosen.append(candidate)
    return chosen


def territories(units: Iterable[Unit], on: date) -> dict[int, list[Unit]]:
    """`units_for_territory` for many units at once, by unit pk: the lineage of all the units
    that did not exist on `on` is walked together (one query a level, not one per unit)."""
    units = list(units)
    result = {u.pk: [u] for u in units if u.is_valid_on(on)}
    missing = [u for u in units if u.pk not in result]
    earlier = [u for u in missing if u.valid_from and on < u.valid_from]
    later = [u for u in missing if not (u.valid_from and on < u.valid_from)]
    for group, forward in ((earlier, False), (later, True)):
        if not group:
            continue
        links = _walk([u.pk for u in group], forward=forward)
        step: dict[int, list[Unit]] = {}
        for link in links:
            source, target = (
                (link.predecessor_id, link.successor)
                if forward
                else (link.successor_id, link.predecessor)
            )
            step.setdefault(source, []).append(target)
        for unit in group:
            reached: dict[int, Unit] = {}
            frontier = [unit.pk]
            while frontier:
                found = [t for pk in frontier for t in step.get(pk, []) if t.pk not in reached]
                reached.update((t.pk, t) for t in found)
                frontier = [t.pk for t in found]
            result[unit.pk] = _highest(u for u in reached.values() if u.is_valid_on(on))
    return result


def subtree(
    units: Unit | Iterable[Unit], *, on: date | None = None, kinds: Iterable[str] | None = None
) -> QuerySet[Unit]:
    """Units in the subtrees of `units`, valid on `on` when given."""
    roots = [units] if isinstance(units, Unit) else list(units)
    if not roots:
        return Unit.objects.none()
    condition = Q()
    for root in roots:
        condition |= Q(path__startswith=root.path)
    qs = Unit.objects.filter(condition)
    if on is not None:
        qs = qs.valid_on(on)
    if kinds is not None:
        qs = qs.filter(kind__in=list(kinds))
    return qs


# ---------------------------------------------------------------- scope


@dataclass(frozen=True)
class Scope:
    """The subtrees a user may see. `unrestricted` for platform administrators."""

    unrestricted: bool
    paths: tuple[str, ...]

    def q(self, unit_field: str | None = "unit") -> Q:
        if self.unrestricted:
            return Q()
        if not self.paths:
            return Q(pk__in=[])
        lookup = f"{unit_field}__path__startswith" if unit_field else "path__startswith"
        condition = Q()
        for path in self.paths:
            condition |= Q(**{lookup: path})
        return condition

    def contains(self, unit: Unit | None) -> bool:
        if self.unrestricted:
            return True
        return unit is not None and any(unit.path.startswith(p) for p in self.paths)


def _minimal(paths: Iterable[str]) -> tuple[str, ...]:
    result: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(kept) for kept in result):
            result.append(path)
    return tuple(sorted(result))


def _scope_index(user) -> list[tuple[frozenset[str], tuple[str, ...]]]:
    """For each active membership: the permissions its role grants and the paths it covers
    (its unit and, through the lineage, the units that unit succeeded). Computed once per
    user object (one request) in two or three queries, whatever the permissions asked."""
    index = user.__dict__.get("_tttt_scope_index")
    if index is not None:
        return index
    # Shared across requests and processes until a membership, role or lineage changes
    # (`invalidate_scopes`) or the day changes (memberships start and end on dates).
    key = f"tttt:scope:{user.pk}:{_scope_version()}:{timezone.localdate():%Y%m%d}"
    index = cache.get(key)
    if index is None:
        index = _compute_scope_index(user)
        cache.set(key, index, 3600)
    user.__dict__["_tttt_scope_index"] = index
    return index


_SCOPE_VERSION = "tttt:scope-version"


def _scope_version() -> int:
    return cache.get_or_set(_SCOPE_VERSION, 1, None)


def invalidate_scopes() -> None:
    """Forget every cached scope (called when memberships, roles or lineage change)."""
    try:
        cache.incr(_SCOPE_VERSION)
    except ValueError:
        cache.set(_SCOPE_VERSION, 2, None)


def _compute_scope_index(user) -> list[tuple[frozenset[str], tuple[str, ...]]]:
    # One row per (membership, permission): no model instances, one query.
    grants: dict[int, tuple[int, str, set[str]]] = {}
    rows = (
        Membership.objects.active()
        .filter(user=user)
        .values_list(
            "pk",
            "unit_id",
            "unit__path",
            "role__permissions__content_type__app_label",
            "role__permissions__codename",
        )
    )
    for pk, unit_id, path, app_label, codename in rows:
        entry = grants.setdefault(pk, (unit_id, path, set()))
        if codename:
            entry[2].add(f"{app_label}.{codename}")
    # The lineage backwards from the membership units, level by level, as plain rows.
    predecessors: dict[int, list[tuple[int, str]]] = {}
    frontier, seen = {unit_id for unit_id, _path, _perms in grants.values()}, set()
    for _ in range(6):  # lineage chains are short; guards against cycles
        if not frontier:
            break
        seen |= frontier
        rows = UnitSuccession.objects.filter(successor_id__in=frontier).values_list(
            "successor_id", "predecessor_id", "predecessor__path"
        )
        for successor, predecessor, path in rows:
            predecessors.setdefault(successor, []).append((predecessor, path))
        frontier = {p for links in predecessors.values() for p, _ in links} - seen

    def covered(unit_id: int, path: str) -> tuple[str, ...]:
        paths, stack, reached = [path], [unit_id], {unit_id}
        while stack:
            for predecessor, older in predecessors.get(stack.pop(), []):
                if predecessor not in reached:
                    reached.add(predecessor)
                    paths.append(older)
                    stack.append(predecessor)
        return tuple(paths)

    return [(frozenset(perms), covered(unit_id, path)) for unit_id, path, perms in grants.values()]


def user_scope(user, *, perm: str | None = None) -> Scope:
    """The user's scope: the subtrees of the units of their active memberships.

    A membership on a current unit also covers the units it succeeded (history across
    the 2025 reform); `perm` limits it to memberships whose role grants that permission.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return Scope(False, ())
    if user.is_superuser:
        return Scope(True, ())
    cache = user.__dict__.setdefault("_tttt_scope_cache", {})
    if perm in cache:
        return cache[perm]
    paths = [
        path
        for perms, covered in _scope_index(user)
        if perm is None or perm in perms
        for path in covered
    ]
    scope = Scope(False, _minimal(paths))
    cache[perm] = scope
    return scope


def restrict_to_scope(
    queryset: QuerySet, user, *, unit_field: str | None = "unit", perm: str | None = None
) -> QuerySet:
    """The one helper every module uses to filter a queryset by the user's scope.

    `unit_field` is the path from the queryset's model to its `Unit` ("unit",
    "dossier__unit", …), or None when the queryset is of units.
    """
    return queryset.filter(user_scope(user, perm=perm).q(unit_field))


def get_in_scope(scoped: QuerySet, **lookup):
    """The record `lookup` names, read through a scoped read: Http404 when no record has
    it, PermissionDenied (403, logged) when it lies outside the scope — the one lookup of
    every API endpoint, the same read as the back office's."""
    from django.http import Http404
    from django.utils.translation import gettext as _

    found = scoped.filter(**lookup).first()
    if found is not None:
        return found
    if scoped.model._default_manager.filter(**lookup).exists():
        raise PermissionDenied(_("Bản ghi này nằm ngoài phạm vi được giao cho bạn."))
    raise Http404(_("Không có bản ghi này."))


def unit_in_scope(user, perm: str, pk) -> Unit:
    """A unit named by a request (`?unit=`) where the user holds `perm`: 404 or 403."""
    return get_in_scope(
        restrict_to_scope(Unit.objects.all(), user, unit_field=None, perm=perm), pk=pk
    )


def in_unit(queryset: QuerySet, unit_pk: int | None, unit_field: str = "unit") -> QuerySet:
    """The records of `queryset` in the subtree of the unit a request names (`?unit=`);
    all of them when it names none, Http404 when no unit has that id."""
    if unit_pk is None:
        return queryset
    from django.http import Http404
    from django.utils.translation import gettext as _

    root = Unit.objects.filter(pk=unit_pk).values_list("path", flat=True).first()
    if root is None:
        raise Http404(_("Không có đơn vị mã %(id)s.") % {"id": unit_pk})
    return queryset.filter(**{f"{unit_field}__path__startswith": root})


def records_for_user(model, user, perm: str | None = None, unit_field: str | None = "unit"):
    """The scoped read of a model whose records belong to a unit along `unit_field`: those
    in the scope where the user holds `perm` (by default the model's view permission)."""
    meta = model._meta
    return restrict_to_scope(
        model._default_manager.all(), user, unit_field=unit_field,
        perm=perm or f"{meta.app_label}.view_{meta.model_name}",
    )  # fmt: skip


def _people_in(scope: Scope) -> QuerySet:
    """The people who hold or held a role on a unit in `scope`."""
    from .models import User

    return User.objects.filter(scope.q("memberships__unit"))


def scoped_log_entries(user, perm: str) -> QuerySet:
    """The audit log an administrator reads: the changes made by the people who hold or
    held a role in their scope (a platform administrator reads every change)."""
    from auditlog.models import LogEntry

    scope = user_scope(user, perm=perm)
    entries = LogEntry.objects.all()
    return entries if scope.unrestricted else entries.filter(actor__in=_people_in(scope))


def scoped_security_events(user, perm: str) -> QuerySet:
    """The security events an administrator reads: those of the people who hold or held a
    role in their scope (a platform administrator also reads failed sign-ins of unknown
    names)."""
    from .models import SecurityEvent

    scope = user_scope(user, perm=perm)
    events = SecurityEvent.objects.all()
    return events if scope.unrestricted else events.filter(user__in=_people_in(scope))


def user_can(user, perm: str, unit: Unit | None) -> bool:
    """Does the user hold `perm` through a membership whose subtree contains `unit`?"""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user_scope(user, perm=perm).contains(unit)


def is_administrator(user) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.active().filter(user=user, role__is_administrator=True).exists()


# ---------------------------------------------------------------- search and display


@dataclass
class UnitView:
    unit: Unit
    chain: list[Unit]  # ancestors, top first
    successors: list[UnitSuccession]

    @property
    def chain_label(self) -> str:
        return ", ".join(u.name for u in reversed(self.chain))


def unit_search(
    text: str, *, limit: int = 50, current_only: bool = False, include_offices: bool = False
) -> list[UnitView]:
    """Units whose name contains `text`, ignoring diacritics and case; current units first."""
    needle = fold(text)
    if len(needle) < 2:
        return []
    qs = Unit.objects.filter(search_name__contains=needle)
    if not include_offices:
        qs = qs.administrative()
    if current_only:
        qs = qs.current()
    today = timezone.localdate()
    rows = list(qs.order_by("search_name", "path")[: limit * 3])
    rows.sort(
        key=lambda u: (
            not u.is_valid_on(today),
            u.search_name != needle and not u.search_name.endswith(" " + needle),
            KIND_ORDER[u.kind],
            u.search_name,
        )
    )
    return describe_units(rows[:limit])


def describe_units(units: list[Unit]) -> list[UnitView]:
    """Units with their parent chains and successors, in three queries whatever the count."""
    ancestor_ids = {i for u in units for i in u.ancestor_ids}
    ancestors = Unit.objects.in_bulk(ancestor_ids)
    today = timezone.localdate()
    former = [u.pk for u in units if not u.is_valid_on(today)]
    links: dict[int, list[UnitSuccession]] = {}
    if former:
        for link in (
            UnitSuccession.objects.filter(predecessor_id__in=former)
            .select_related("successor__parent")
            .order_by("-is_main", "successor__name")
        ):
            links.setdefault(link.predecessor_id, []).append(link)
    return [
        UnitView(
            unit=u,
            chain=[ancestors[i] for i in u.ancestor_ids if i in ancestors],
            successors=links.get(u.pk, []),
        )
        for u in units
    ]


def find_units(text: str) -> list[Unit]:
    """Resolve a command-line unit argument: an id (#123), an exact code, or a name."""
    text = text.strip()
    if text.startswith("#") and text[1:].isdigit():
        return list(Unit.objects.filter(pk=int(text[1:])))
    by_code = list(Unit.objects.filter(code=text).administrative().order_by("-valid_from"))
    if by_code:
        return by_code
    needle = fold(text)
    exact = list(Unit.objects.filter(search_name=needle).order_by("valid_to", "path"))
    if exact:
        return exact
    return [v.unit for v in unit_search(text, limit=20, include_offices=True)]


def resolve_unit(code: str) -> tuple[Unit | None, Unit | None]:
    """(today's unit, former unit) for a statistical code of either era; an import names
    units by code, and a former unit's code leads to the unit that took it over."""
    units = list(Unit.objects.filter(code=code).administrative())
    current = next((u for u in units if u.valid_to is None), None)
    former = next((u for u in units if u.valid_to is not None), None)
    if current is None and former is not None:
        link = (
            UnitSuccession.objects.filter(predecessor=former, is_main=True)
            .select_related("successor")
            .first()
        )
        current = link.successor if link else None
    return current, former


def main_predecessor(unit: Unit) -> Unit | None:
    """The former unit whose main part became `unit` in a reorganisation (the one a record
    of `unit` belonged to before it), when exactly one did."""
    links = list(
        UnitSuccession.objects.filter(successor=unit, is_main=True)
        .select_related("predecessor")
        .filter(predecessor__kind=unit.kind)[:2]
    )
    return links[0].predecessor if len(links) == 1 else None


class UnitNotFound(LookupError):
    """No unit, or several, match a text; the message says which and what to write."""


def pick_unit(text: str, on: date) -> Unit:
    """The one unit `text` names (name, code or #id), for figures of a period ending `on`.

    Several units of one name (today's and the former Bắc Ninh): the one in force on `on`;
    the lineage covers the others."""
    units = find_units(text)
    if not units:
        raise UnitNotFound(f"Không tìm thấy đơn vị «{text}».")
    in_force = [u for u in units if u.is_valid_on(on)]
    if len({u.search_name for u in units}) == 1 and len(in_force) == 1:
        units = in_force
    if len(units) > 1 and len({(u.search_name, u.parent_id) for u in units}) > 1:
        names = "; ".join(
            f"#{u.pk} {u.name} ({u.parent.name if u.parent_id else 'cấp tỉnh'})" for u in units[:8]
        )
        raise UnitNotFound(f"Có nhiều đơn vị khớp «{text}»: {names}. Hãy ghi rõ hơn hoặc dùng #id.")
    return units[0]


def unit_of(obj, field: str = "unit") -> Unit:
    """The unit a record belongs to, along `field` ("unit", "project__unit", "organiser"…)."""
    for name in field.split("__"):
        obj = getattr(obj, name)
    return obj


@dataclass
class Figure:
    """The records behind one figure: an indicator, a unit's territory, a period."""

    code: str
    name: str
    unit: Unit
    period: object  # tttt.core.periods.Period
    q: Q
    sum_field: str = ""
    total: object = None  # the sum of `sum_field` over the records, once narrowed
    total_label: str = ""

    def narrow(self, qs):
        """`qs` narrowed to the figure's records (and their total when it sums a field)."""
        qs = qs.filter(self.q)
        if self.sum_field:
            from django.db.models import Sum
            from django.db.models.functions import Coalesce

            self.total = qs.aggregate(n=Coalesce(Sum(self.sum_field), 0))["n"]
            self.total_label = qs.model._meta.get_field(self.sum_field).verbose_name
        return qs


def figure_behind(
    params, user, *, records_list: str, perm: str, unit_field: str = "unit", territory=None
):
    """From `?chi_tieu=onestop.resolved_late&unit=…&period=2019-Q3` on the list named
    `records_list`: the filter that gives exactly the records that figure counts (None when
    the parameters do not name a figure of this list that the person may see). Lists are
    scoped as well, so this only narrows them. `territory(units)` gives the records of
    those units' territory when the app counts more than `unit_field` (the registries also
    count a record by its former unit)."""
    from tttt.core.indicators import IndicatorError, get_indicator
    from tttt.core.periods import Period, PeriodError

    from .indicators import territory_q

    code, unit_id = params.get("chi_tieu", ""), params.get("unit", "")
    try:
        figure = get_indicator(code)
    except IndicatorError:
        return None
    if figure.records_list != records_list or not unit_id.isdigit():
        return None
    unit = Unit.objects.filter(pk=int(unit_id)).first()
    if unit is None or not user_can(user, perm, unit):
        return None
    try:
        period = Period.parse(params.get("period", ""))
    except PeriodError:
        return None
    units = units_for_territory(unit, period.end)
    where = territory(units) if territory else territory_q(units, unit_field)
    return Figure(
        code, figure.name, unit, period, where & figure.records(period), figure.records_sum
    )
