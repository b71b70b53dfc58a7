"""The dossiers' rollup (`core.rollups`): what each cell of `DossierRollup` counts, as the
figures of `onestop.indicators` define them (DOMAIN.md §2), in the models' own codes."""

from tttt.core.rollups import Column, Rollup

from .models import Channel, Rating, Status, Timing

NOT_REFUSED = f"x.status <> '{Status.REFUSED}'"
IN_TIME = f"x.timing IN ('{Timing.EARLY}', '{Timing.ON_TIME}')"


DOSSIERS = Rollup(
    name="onestop.dossiers",
    source="onestop_dossier",
    table="onestop_dossierrollup",
    keys={
        "received": ("received_at",),
        "resolved": ("resolved_at",),
        "rated": ("rated_at",),
        "rescheduled": ("rescheduled_at",),
        "finished": ("received_at", "finished_at"),
        "due": ("received_at", "deadline"),
        "due_finished": ("received_at", "deadline", "finished_at"),
    },
    columns=(
        Column("received", "received", NOT_REFUSED),
        *(Column(str(c), "received", f"{NOT_REFUSED} AND x.channel = '{c}'") for c in Channel),
        Column("with_fee", "received", f"{NOT_REFUSED} AND x.fee > 0"),
        Column("paid_online", "received", f"{NOT_REFUSED} AND x.fee > 0 AND x.paid_online"),
        Column("digitised", "received", f"{NOT_REFUSED} AND x.digitised"),
        Column("in_time", "received", f"{NOT_REFUSED} AND {IN_TIME}"),
        Column(
            "in_time_span",
            "received",
            f"{NOT_REFUSED} AND {IN_TIME} AND x.resolved_at IS NOT NULL",
            days_between=("received_at", "resolved_at"),
        ),
        Column("resolved", "resolved", "x.resolved_at IS NOT NULL"),
        *(Column(str(t), "resolved", f"x.timing = '{t}'") for t in Timing),
        Column("rated", "rated", "x.rated_at IS NOT NULL"),
        Column("satisfied", "rated", f"x.rating IN ({Rating.SATISFIED}, {Rating.VERY_SATISFIED})"),
        Column("apologised", "rescheduled", "x.rescheduled_at IS NOT NULL"),
        Column("finished", "finished", NOT_REFUSED),
        Column("due", "due", NOT_REFUSED),
        Column("due_finished", "due_finished", NOT_REFUSED),
    ),  # fmt: skip
)
