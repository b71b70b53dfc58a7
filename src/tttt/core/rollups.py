# ruff: noqa: S608 — the SQL is built from declarations in the code, never from input
"""Rollups: counts of records per unit and day (and per unit and month), kept inside the
database, so that a figure over a province-year or the nation reads a few thousand cells
instead of millions of records (the Zulip pattern, DESIGN.md).

A rollup is declared as columns, each counting the records that meet a condition on the
day of one of their timestamps (a *key*: the day a dossier was received, resolved,
finished…). Two things write the cells, both from the SQL generated here from that one
declaration, so they cannot disagree:

- **the job** (`close_days`) closes days: for the days after the last closed day up to
  yesterday, `INSERT … SELECT` of the records' contributions, in chunks, each chunk in
  a transaction that also moves the mark — resumable and idempotent;
- **triggers** keep closed days true when records of those days are added, changed or
  deleted afterwards (a correction, an import, a dossier resolved today that was
  received last month): the old row's contribution is taken off, the new row's added.
  On PostgreSQL one trigger per statement over its transition tables; on SQLite a trigger
  per row. Days not closed yet are left to the job, so the common write (a record of
  today) only reads the mark.

Readers combine cells of closed days with a live count of the days after the mark; since
every cell up to the mark is exact, reading an older mark is still exact.

Day cells (grain ``d``) and month cells (grain ``m``, dated the 1st) hold the same
columns: a month cell is the sum of its closed days. `cells_q` covers a span of days with
as many month cells as fit.

Races (PostgreSQL): a statement touching a day before today locks the mark row FOR SHARE,
so the job (which locks it FOR UPDATE) waits for it and then sees its rows, or it waits
for the job and then sees the new mark. The job closes a day only an hour after it ended
(`MARGIN`), so a statement whose trigger ran on that day, before midnight, has committed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q

MARGIN = timedelta(hours=1)
CHUNK_DAYS = 366  # one transaction per year of history when a rollup is first filled


@dataclass(frozen=True)
class Column:
    """`name` counts the records meeting `condition` (SQL over alias ``x``) on the day of
    `key`; with `days_between` (two timestamp columns), it is instead the most days from
    the first's day to the second's among those records — an upper bound: triggers never
    lower it, the job sets it exactly when it closes the day."""

    name: str
    key: str
    condition: str
    days_between: tuple[str, str] = ()

    @property
    def maximum(self) -> bool:
        return bool(self.days_between)


@dataclass(frozen=True)
class Rollup:
    name: str  # the mark's name in core_rollupmark
    source: str  # the records' table
    table: str  # the cells' table: grain, unit_id, day, one integer column per Column
    keys: dict[str, tuple[str, ...]]  # key → timestamp columns; the key is the latest
    columns: tuple[Column, ...]
    pk: str = "id"  # the records' primary key

    # ---------------------------------------------------------------- dialect

    @staticmethod
    def _vendor() -> str:
        return connection.vendor

    def _offset_minutes(self) -> int:
        zone = ZoneInfo(settings.TIME_ZONE)
        jan, jul = (datetime(2025, m, 1, tzinfo=zone).utcoffset() for m in (1, 7))
        assert jan == jul, "rollups count local days with a fixed offset (no summer time)"
        return int(jan.total_seconds() // 60)

    def _key_value(self, key: str, alias: str) -> str:
        parts = [f"{alias}.{c}" for c in self.keys[key]]
        if len(parts) == 1:
            return parts[0]
        return f"{'GREATEST' if self._vendor() == 'postgresql' else 'MAX'}({', '.join(parts)})"

    def _key_present(self, key: str, alias: str) -> str:
        return " AND ".join(f"{alias}.{c} IS NOT NULL" for c in self.keys[key])

    def _day(self, value: str, month: bool = False) -> str:
        if self._vendor() == "postgresql":
            local = f"({value} AT TIME ZONE '{settings.TIME_ZONE}')"
            return f"date_trunc('month', {local})::date" if month else f"{local}::date"
        shift = f"'{self._offset_minutes():+d} minutes'"
        return f"date({value}, {shift}, 'start of month')" if month else f"date({value}, {shift})"

    def _days_between(self, first: str, second: str, alias: str = "x") -> str:
        a, b = self._day(f"{alias}.{first}"), self._day(f"{alias}.{second}")
        if self._vendor() == "postgresql":
            return f"({b} - {a})"
        return f"CAST(julianday({b}) - julianday({a}) AS INTEGER)"

    def _date(self, day: date) -> str:
        literal = f"'{day.isoformat()}'"
        return f"DATE {literal}" if self._vendor() == "postgresql" else literal

    # ---------------------------------------------------------------- SQL

    @staticmethod
    def _on(condition: str, alias: str) -> str:
        """A column's condition (written over alias x) over another alias (OLD, NEW, o…)."""
        return re.sub(r"\bx\.", f"{alias}.", condition)

    def _signature(self, alias: str) -> list[str]:
        """What a row contributes, as values: two versions of a row with the same
        signature add the same to the same cells (a trigger leaves them alone)."""
        values = [f"{alias}.unit_id"]
        values += [self._day(self._key_value(key, alias)) for key in self.keys]
        for c in self.columns:
            values.append(f"({self._on(c.condition, alias)})")
            if c.maximum:
                values.append(self._days_between(*c.days_between, alias=alias))
        return values

    def _contributions(
        self, source: str | None, sign: int, days: str, between=None, grains=("d", "m"),
        alias: str = "x",
    ) -> str:  # fmt: skip
        """SELECT of every cell contribution of the rows of `source` (a table or a
        subquery, named `alias`; None: the single row `alias`, OLD or NEW in a row
        trigger) whose key day meets `days` (SQL over ``kd``, the key's day); `between`,
        two SQL timestamps, says the same to the indexes of the key columns."""
        parts = []
        rows = f"{source} {alias}" if source else "(SELECT 1) AS one_row"
        for key in self.keys:
            mine = [c for c in self.columns if c.key == key]
            if not mine:
                continue
            value = self._key_value(key, alias)
            day, month = self._day(value), self._day(value, month=True)
            values = []
            for c in self.columns:
                condition = self._on(c.condition, alias)
                if c.key != key:
                    values.append(f"0 AS {c.name}")
                elif c.maximum:
                    expr = self._days_between(*c.days_between, alias=alias) if sign > 0 else "0"
                    values.append(f"CASE WHEN {condition} THEN {expr} ELSE 0 END AS {c.name}")
                else:
                    values.append(f"CASE WHEN {condition} THEN {sign} ELSE 0 END AS {c.name}")
            any_condition = " OR ".join(f"({self._on(c.condition, alias)})" for c in mine)
            if grains == ("d",):
                grain, cell, join = "'d'", day, ""
            else:
                grain, cell = "g.grain", f"CASE WHEN g.grain = 'd' THEN {day} ELSE {month} END"
                join = " CROSS JOIN (SELECT 'd' AS grain UNION ALL SELECT 'm') g"
            parts.append(
                f"SELECT {grain} AS grain, {alias}.unit_id AS unit_id, {cell} AS day, "
                + ", ".join(values)
                + f" FROM {rows}{join}"
                f" WHERE {self._key_present(key, alias)} AND ({any_condition})"
                f" AND {days.replace('kd', day)}"
                + (self._between(key, *between) if between else "")
            )
        return "\nUNION ALL\n".join(parts)

    def _between(self, key: str, low: str, high: str) -> str:
        columns = [f"x.{c}" for c in self.keys[key]]
        below = " AND ".join(f"{c} < {high}" for c in columns)
        above = " OR ".join(f"{c} >= {low}" for c in columns)
        return f" AND {below} AND ({above})"

    def _moment(self, day: date) -> str:
        """Midnight at the start of `day`, local time, as the database compares it."""
        start = datetime.combine(day, datetime.min.time(), tzinfo=ZoneInfo(settings.TIME_ZONE))
        if self._vendor() == "postgresql":
            return f"TIMESTAMPTZ '{start.isoformat()}'"
        utc = start.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)
        return f"'{utc.isoformat(sep=' ')}'"

    def _merge(self) -> tuple[str, str]:
        """The cells' columns aggregated (over alias u), and how a new cell adds to an
        existing one."""
        aggregates = ", ".join(f"{'MAX' if c.maximum else 'SUM'}(u.{c.name})" for c in self.columns)
        biggest = "GREATEST" if self._vendor() == "postgresql" else "MAX"
        sets = ", ".join(
            f"{c.name} = {biggest}({self.table}.{c.name}, excluded.{c.name})"
            if c.maximum
            else f"{c.name} = {self.table}.{c.name} + excluded.{c.name}"
            for c in self.columns
        )
        return aggregates, sets

    def _upsert(self, selects: list[str]) -> str:
        names = [c.name for c in self.columns]
        sums, sets = self._merge()
        union = "\nUNION ALL\n".join(selects)
        # A cell the statement leaves as it was (taken off and added back) is not written.
        changes = " OR ".join(f"{agg} <> 0" for agg in sums.split(", "))
        return (
            f"INSERT INTO {self.table} (grain, unit_id, day, {', '.join(names)})\n"
            f"SELECT u.grain, u.unit_id, u.day, {sums} FROM (\n{union}\n) u WHERE true\n"
            f"GROUP BY u.grain, u.unit_id, u.day HAVING {changes}\n"
            f"ON CONFLICT (unit_id, grain, day) DO UPDATE SET {sets}"
        )

    def _mark(self) -> str:
        return f"(SELECT last_day FROM core_rollupmark WHERE name = '{self.name}')"

    def install_sql(self) -> list[str]:
        """The statements creating (or replacing) the triggers. A change to a record that
        leaves what it contributes as it was (its status from received to processing, its
        assignee…) writes no cell and takes no lock."""
        base = self.table
        if self._vendor() == "postgresql":
            closed = "kd <= w"
            old, new = self._signature("o"), self._signature("n")
            changed = f"ROW({', '.join(old)}) IS DISTINCT FROM ROW({', '.join(new)})"
            pairs = f"old_rows o JOIN new_rows n ON n.{self.pk} = o.{self.pk} WHERE {changed}"
            sources = {
                "INSERT": [("new_rows", 1)],
                "UPDATE": [(f"(SELECT o.* FROM {pairs})", -1), (f"(SELECT n.* FROM {pairs})", 1)],
                "DELETE": [("old_rows", -1)],
            }
            least = "LEAST(" + ", ".join(
                f"x.{c}" for c in dict.fromkeys(k[0] for k in self.keys.values())
            ) + ")"  # fmt: skip
            today = f"(clock_timestamp() AT TIME ZONE '{settings.TIME_ZONE}')::date"
            mark = f"SELECT last_day INTO w FROM core_rollupmark WHERE name = '{self.name}'"
            branches = []
            for op, parts in sources.items():
                past = " OR ".join(
                    f"EXISTS (SELECT 1 FROM {rows} x WHERE {self._day(least)} < {today})"
                    for rows, _sign in parts
                )
                upsert = self._upsert(
                    [self._contributions(rows, sign, closed) for rows, sign in parts]
                )
                branches.append(  # nested: PL/pgSQL would read the other operations' tables
                    f"IF TG_OP = '{op}' THEN\n  IF {past} THEN\n"
                    f"    {mark} FOR SHARE;\n"
                    f"    IF w IS NOT NULL THEN\n{upsert};\n    END IF;\n"
                    f"  END IF;\nEND IF;\n"
                )
            function = (
                f"CREATE OR REPLACE FUNCTION {base}_fn() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                "DECLARE w date;\nBEGIN\n" + "".join(branches) + "RETURN NULL;\nEND $$"
            )
            statements = [*self.drop_sql(), function]
            for op, refs in (
                ("INSERT", "NEW TABLE AS new_rows"),
                ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
                ("DELETE", "OLD TABLE AS old_rows"),
            ):
                statements.append(
                    f"CREATE TRIGGER {base}_{op.lower()} AFTER {op} ON {self.source} "
                    f"REFERENCING {refs} FOR EACH STATEMENT EXECUTE FUNCTION {base}_fn()"
                )
            return statements
        closed = f"kd <= {self._mark()}"
        changed = " OR ".join(
            f"{a} IS NOT {b}"
            for a, b in zip(self._signature("OLD"), self._signature("NEW"), strict=True)
        )
        statements = list(self.drop_sql())
        for op, when, parts in (
            ("INSERT", "", [("NEW", 1)]),
            ("UPDATE", f" WHEN {changed}", [("OLD", -1), ("NEW", 1)]),
            ("DELETE", "", [("OLD", -1)]),
        ):
            upsert = self._upsert(
                [self._contributions(None, sign, closed, alias=row) for row, sign in parts]
            )
            statements.append(
                f"CREATE TRIGGER {base}_{op.lower()} AFTER {op} ON {self.source} "
                f"FOR EACH ROW{when} BEGIN\n{upsert};\nEND"
            )
        return statements

    def drop_sql(self) -> list[str]:
        statements = [
            f"DROP TRIGGER IF EXISTS {self.table}_{op}" for op in ("insert", "update", "delete")
        ]
        if self._vendor() == "postgresql":
            statements = [f"{s} ON {self.source}" for s in statements]
            statements.append(f"DROP FUNCTION IF EXISTS {self.table}_fn()")
        return statements

    def install(self) -> None:
        """Create the triggers (a migration runs this; again when the columns change)."""
        with connection.cursor() as cursor:
            for statement in self.install_sql():
                cursor.execute(statement)

    def uninstall(self) -> None:
        with connection.cursor() as cursor:
            for statement in self.drop_sql():
                cursor.execute(statement)

    # ---------------------------------------------------------------- the job

    def default_until(self) -> date:
        """The last day that may be closed now: yesterday, an hour after midnight."""
        now = datetime.now(ZoneInfo(settings.TIME_ZONE)) - MARGIN
        return now.date() - timedelta(days=1)

    def first_day(self) -> date | None:
        """The earliest day any record counts on (the received day: every key is later)."""
        first = next(iter(self.keys.values()))[0]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT MIN({self._day('x.' + first)}) FROM {self.source} x")
            value = cursor.fetchone()[0]
        return date.fromisoformat(value) if isinstance(value, str) else value

    def close_days(self, until: date | None = None, chunk_days: int = CHUNK_DAYS) -> dict:
        """Close every day after the mark up to `until` (by default `default_until`), a
        chunk per transaction. Returns the days closed and the mark."""
        from tttt.core.models import RollupMark

        until = until or self.default_until()
        closed = 0
        while True:
            with transaction.atomic():
                RollupMark.objects.get_or_create(name=self.name)
                mark = RollupMark.objects.select_for_update().get(name=self.name)
                last = mark.last_day
                if last is None:  # first run: from the day before the first record
                    first = self.first_day()
                    last = until if first is None else min(first - timedelta(days=1), until)
                if last >= until:
                    if mark.last_day != last:
                        mark.last_day = last
                        mark.save(update_fields=["last_day"])
                    return {"closed_days": closed, "last_day": last}
                end = min(until, last + timedelta(days=chunk_days))
                self._fill(last + timedelta(days=1), end)
                closed += (end - last).days
                mark.last_day = end
                mark.save(update_fields=["last_day"])

    def _fill(self, first: date, last: date) -> None:
        """Day cells of first..last from the records, then their months from the day cells."""
        days = f"kd >= {self._date(first)} AND kd <= {self._date(last)}"
        between = (self._moment(first), self._moment(last + timedelta(days=1)))
        names = ", ".join(c.name for c in self.columns)
        sums, sets = self._merge()
        if self._vendor() == "postgresql":
            month = "date_trunc('month', u.day)::date"
        else:
            month = "date(u.day, 'start of month')"
        daily = self._contributions(self.source, 1, days, between, grains=("d",))
        with connection.cursor() as cursor:
            cursor.execute(self._upsert([daily]))
            cursor.execute(
                f"INSERT INTO {self.table} (grain, unit_id, day, {names})\n"
                f"SELECT 'm', u.unit_id, {month}, {sums} FROM {self.table} u\n"
                f"WHERE u.grain = 'd' AND u.day >= {self._date(first)} AND u.day <= {self._date(last)}\n"
                f"GROUP BY u.unit_id, {month}\n"
                f"ON CONFLICT (unit_id, grain, day) DO UPDATE SET {sets}"
            )

    def reset(self) -> None:
        """Forget every cell and the mark (the job then fills the rollup again)."""
        from tttt.core.models import RollupMark

        with transaction.atomic():
            RollupMark.objects.filter(name=self.name).select_for_update().update(last_day=None)
            with connection.cursor() as cursor:
                cursor.execute(f"DELETE FROM {self.table}")

    def last_day(self) -> date | None:
        from tttt.core.models import RollupMark

        return RollupMark.objects.filter(name=self.name).values_list("last_day", flat=True).first()


# ---------------------------------------------------------------- reading


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def cells_q(first: date, last: date) -> Q:
    """The cells whose sum covers the days first..last exactly: the whole months inside,
    day cells for the rest."""
    if last < first:
        return Q(pk__in=[])
    months_from = first if first.day == 1 else _next_month(first)
    months_to = _month_start(last + timedelta(days=1))  # exclusive
    if months_from >= months_to:
        return Q(grain="d", day__gte=first, day__lte=last)
    q = Q(grain="m", day__gte=months_from, day__lt=months_to)
    if first < months_from:
        q |= Q(grain="d", day__gte=first, day__lt=months_from)
    if months_to <= last:
        q |= Q(grain="d", day__gte=months_to, day__lte=last)
    return q
