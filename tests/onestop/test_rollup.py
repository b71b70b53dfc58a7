"""The dossiers' rollup (`onestop.rollup`): figures read from its cells for closed days and
from the dossiers for the rest equal the figures counted from the dossiers alone, whatever
the dossiers, the days closed, the changes made after closing, the period and the
territory — in both eras (DOMAIN.md §2's counting rules)."""

import os
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import transaction
from django.db.models import IntegerField, Q
from hypothesis import HealthCheck, Phase, given, note, settings
from hypothesis import strategies as st

from tttt.core.periods import Period
from tttt.onestop import indicators as ind
from tttt.onestop.models import Dossier, DossierRollup, Procedure, ProcedureField
from tttt.onestop.rollup import DOSSIERS
from tttt.org.indicators import grouped

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FIRST = date(2025, 5, 20)  # the window crosses month ends and the reform of 1 July 2025
DAYS = 80


def moment(offset: int, hour: int) -> datetime:
    return datetime.combine(FIRST + timedelta(days=offset), time(hour, 30), tzinfo=VN)


record = st.fixed_dictionaries(
    {
        "unit": st.integers(0, 5),
        "received": st.integers(0, DAYS),
        "hour": st.sampled_from([0, 7, 16, 23]),  # around midnight, local and UTC
        "fate": st.sampled_from(["open", "returned", "returned", "stopped", "refused"]),
        "channel": st.sampled_from(["counter", "online", "post"]),
        "fee": st.sampled_from([0, 0, 50_000]),
        "paid_online": st.booleans(),
        "digitised": st.booleans(),
        "deadline": st.integers(0, 20),
        "finished": st.integers(0, 40),
        "timing": st.sampled_from(["early", "on_time", "late"]),
        "rating": st.sampled_from([None, 1, 2, 3]),
        "rescheduled": st.one_of(st.none(), st.integers(0, 25)),
    }
)
change = st.tuples(
    st.integers(0, 10_000),
    st.sampled_from(["finish", "reopen", "delete", "move", "pay", "rate", "channel"]),
    st.integers(0, DAYS),
)


def _fields(spec: dict) -> dict:
    received = moment(spec["received"], spec["hour"])
    fields = {
        "received_at": received,
        "counted_from": received,
        "deadline": received + timedelta(days=spec["deadline"]),
        "due_at": received + timedelta(days=spec["deadline"]),
        "channel": spec["channel"],
        "fee": spec["fee"],
        "paid_online": spec["paid_online"] and spec["fee"] > 0,
        "digitised": spec["digitised"],
        "status": "processing",
        "rescheduled_at": None,
        "finished_at": None,
        "resolved_at": None,
        "timing": "",
        "rating": None,
        "rated_at": None,
    }
    if spec["rescheduled"] is not None:
        fields["rescheduled_at"] = received + timedelta(days=spec["rescheduled"])
    finished = received + timedelta(days=spec["finished"], hours=1)
    if spec["fate"] == "refused":
        fields.update(status="refused", finished_at=received)
    elif spec["fate"] == "stopped":
        fields.update(status="stopped", finished_at=finished)
    elif spec["fate"] == "returned":
        fields.update(
            status="returned", finished_at=finished, resolved_at=finished, timing=spec["timing"]
        )
        if spec["rating"]:
            fields.update(rating=spec["rating"], rated_at=finished + timedelta(days=1))
    return fields


@pytest.fixture
def world(tree):
    field = ProcedureField.objects.create(code="HT", name="Hộ tịch")
    procedure = Procedure.objects.create(
        code="1.001193", name="Đăng ký khai sinh", field=field, level="commune", duration=3
    )
    units = [
        tree.trung_chinh,
        tree.thua,
        tree.bo_ha,
        tree.new_trung_chinh,
        tree.new_luong_tai,
        tree.new_bo_ha,
    ]
    territories = {
        "tỉnh Bắc Ninh (mới) và hai tỉnh cũ": [
            tree.bac_ninh,
            tree.old_bac_ninh,
            tree.old_bac_giang,
        ],
        "tỉnh Bắc Ninh (mới)": [tree.bac_ninh],
        "huyện Lương Tài (cũ)": [tree.luong_tai],
        "xã Trung Chính, cả hai thời kỳ": [tree.trung_chinh, tree.new_trung_chinh],
        "thị trấn Bố Hạ (cũ)": [tree.bo_ha],
    }
    return procedure, units, territories


def _check(territories, period):
    for name, units in territories.items():
        rolled, live = ind.all_figures(units, period), ind.live_figures(units, period)
        assert rolled == live, (name, period)
    each = ind.all_figures_each(territories, period)
    live_each = grouped(
        Dossier.objects.filter(ind.relevant_q(period)), territories, ind._live_aggregates(period)
    )
    assert each == live_each, period


@pytest.mark.django_db
@settings(
    max_examples=int(os.environ.get("ROLLUP_EXAMPLES", 40)),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    phases=[Phase.generate],
)
@given(
    records=st.lists(record, max_size=40),
    closed=st.integers(-1, DAYS + 5),
    changes=st.lists(change, max_size=8),
    closed_later=st.integers(0, 10),
    periods=st.lists(
        st.tuples(st.integers(-5, DAYS + 5), st.integers(0, DAYS)), min_size=1, max_size=4
    ),
)
def test_rollup_and_live_equal_counting_the_dossiers(
    world, records, closed, changes, closed_later, periods
):
    procedure, units, territories = world
    with transaction.atomic():
        made = [
            Dossier.objects.create(
                code=f"H{i:05d}", procedure=procedure, unit=units[spec["unit"]], applicant_name="Trần Thị Bình",
                phone="0912345678", **_fields(spec),
            )
            for i, spec in enumerate(records)
        ]  # fmt: skip
        note(repr((records, closed, changes, closed_later, periods)))
        DOSSIERS.close_days(until=FIRST + timedelta(days=closed), chunk_days=17)
        for pick, action, day in changes:  # after closing: corrections, late results, moves
            if not made:
                break
            dossier = made[pick % len(made)]
            when = max(moment(day, 10), dossier.received_at + timedelta(hours=1))
            if action == "delete":
                Dossier.objects.filter(pk=dossier.pk).delete()
                made.remove(dossier)
                continue
            not_refused, any_state, unrated = (
                ~Q(status="refused"),
                Q(),
                {"rating": None, "rated_at": None},
            )
            updates = {  # action: (the dossiers it applies to, what it changes)
                "finish": (not_refused, {"status": "returned", "finished_at": when, "resolved_at": when,
                                         "timing": "on_time", **unrated}),
                "reopen": (not_refused, {"status": "processing", "finished_at": None, "resolved_at": None,
                                         "timing": "", **unrated}),
                "move": (any_state, {"unit": units[day % len(units)]}),
                "pay": (any_state, {"fee": 30_000, "paid_online": True, "digitised": True}),
                "rate": (Q(status="returned"), {"rating": 2, "rated_at": when}),
                "channel": (any_state, {"channel": "online", "rescheduled_at": when}),
            }  # fmt: skip
            applies, changed = updates[action]
            Dossier.objects.filter(applies, pk=dossier.pk).update(**changed)
        DOSSIERS.close_days(until=FIRST + timedelta(days=closed + closed_later))
        for start, length in periods:
            first = FIRST + timedelta(days=start)
            _check(territories, Period.custom(first, first + timedelta(days=length)))
        _check(territories, Period.month(2025, 6))
        transaction.set_rollback(True)


def test_the_job_closes_each_day_once_and_resumes_where_it_stopped(world):
    procedure, units, _ = world
    for i in range(30):
        Dossier.objects.create(
            code=f"J{i:04d}", procedure=procedure, unit=units[i % 6], applicant_name="Lê Văn Cường",
            phone="0912345678", **_fields({
                "received": i * 2, "hour": 9, "fate": "returned", "channel": "online", "fee": 0,
                "paid_online": False, "digitised": True, "deadline": 5, "finished": i % 7,
                "timing": "early", "rating": 3, "rescheduled": None}),
        )  # fmt: skip
    assert DOSSIERS.last_day() is None
    assert DOSSIERS.close_days(until=FIRST + timedelta(days=20), chunk_days=7)["closed_days"] == 21
    first_cells = list(DossierRollup.objects.order_by("grain", "unit", "day").values())
    again = DOSSIERS.close_days(until=FIRST + timedelta(days=20))
    assert again == {"closed_days": 0, "last_day": FIRST + timedelta(days=20)}
    assert list(DossierRollup.objects.order_by("grain", "unit", "day").values()) == first_cells
    DOSSIERS.close_days(until=FIRST + timedelta(days=DAYS))
    total = DossierRollup.objects.filter(grain="d").values_list("received", flat=True)
    months = DossierRollup.objects.filter(grain="m").values_list("received", flat=True)
    assert sum(total) == sum(months) == 30
    assert DOSSIERS.last_day() == FIRST + timedelta(days=DAYS)


def test_a_dossier_of_a_closed_day_entered_late_counts_at_once(world):
    """A dossier received last month and entered today (an import, a correction) is in the
    figures without waiting for the job: the triggers add it to the closed day's cells."""
    procedure, units, territories = world
    DOSSIERS.close_days(until=FIRST + timedelta(days=DAYS))
    assert DOSSIERS.last_day() == FIRST + timedelta(days=DAYS)  # nothing to fill, days closed
    Dossier.objects.create(
        code="L00001", procedure=procedure, unit=units[3], applicant_name="Phạm Thị Dung", phone="0912345678",
        **_fields({"received": 50, "hour": 8, "fate": "returned", "channel": "post", "fee": 50_000,
                   "paid_online": True, "digitised": False, "deadline": 3, "finished": 2,
                   "timing": "late", "rating": None, "rescheduled": None}),
    )  # fmt: skip
    cell = DossierRollup.objects.get(grain="d", unit=units[3], day=FIRST + timedelta(days=50))
    assert (cell.received, cell.post, cell.paid_online) == (1, 1, 1)
    figures = ind.all_figures([units[3]], Period.custom(FIRST, FIRST + timedelta(days=DAYS)))
    assert (figures["received"], figures["late"], figures["received_in_time"]) == (1, 1, 0)


def test_a_step_that_changes_nothing_counted_writes_no_cell(world):
    """Processing a dossier of a closed day (its status, its assignee) changes nothing a
    cell counts: the triggers leave the cells as they were — on PostgreSQL not even
    rewritten (the row versions stay), so the everyday steps take no lock on the mark."""
    from django.db import connection

    procedure, units, _ = world
    dossier = Dossier.objects.create(
        code="S00001", procedure=procedure, unit=units[3], applicant_name="Vũ Văn Em", phone="0912345678",
        **_fields({"received": 10, "hour": 9, "fate": "open", "channel": "online", "fee": 0,
                   "paid_online": False, "digitised": False, "deadline": 5, "finished": 0,
                   "timing": "early", "rating": None, "rescheduled": None}),
    )  # fmt: skip
    DOSSIERS.close_days(until=FIRST + timedelta(days=DAYS))
    cells = DossierRollup.objects.filter(unit=units[3])

    def versions():
        if connection.vendor != "postgresql":
            return list(cells.order_by("pk").values())
        return list(cells.extra(select={"v": "xmin::text"}).order_by("pk").values("v", "received"))

    before = versions()
    Dossier.objects.filter(pk=dossier.pk).update(status="processing", version=2)
    Dossier.objects.filter(pk=dossier.pk).update(status="awaiting", version=3)
    assert versions() == before
    Dossier.objects.filter(pk=dossier.pk).update(digitised=True)  # this one counts
    assert versions() != before
    assert cells.get(grain="d", day=FIRST + timedelta(days=10)).digitised == 1


def test_the_cells_table_has_a_column_for_each_declared_count():
    """DossierRollup's counting fields and the declaration (`onestop.rollup`) name the same
    columns: the SQL generated from one writes the other."""
    fields = {
        f.name
        for f in DossierRollup._meta.concrete_fields
        if isinstance(f, IntegerField) and not f.primary_key
    }
    assert fields == {c.name for c in DOSSIERS.columns}
    assert DossierRollup._meta.db_table == DOSSIERS.table
