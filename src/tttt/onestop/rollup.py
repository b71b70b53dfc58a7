"""The dossiers' rollup (`core.rollups`): what each cell of `DossierRollup` counts, as the
figures of `onestop.indicators` define them (DOMAIN.md §2)."""

from tttt.core.rollups import Column, Rollup

NOT_REFUSED = "x.status <> 'refused'"
IN_TIME = "x.timing IN ('early', 'on_time')"


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
        Column("counter", "received", f"{NOT_REFUSED} AND x.channel = 'counter'"),
        Column("online", "received", f"{NOT_REFUSED} AND x.channel = 'online'"),
        Column("post", "received", f"{NOT_REFUSED} AND x.channel = 'post'"),
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
        Column("early", "resolved", "x.timing = 'early'"),
        Column("on_time", "resolved", "x.timing = 'on_time'"),
        Column("late", "resolved", "x.timing = 'late'"),
        Column("rated", "rated", "x.rated_at IS NOT NULL"),
        Column("satisfied", "rated", "x.rating IN (2, 3)"),
        Column("apologised", "rescheduled", "x.rescheduled_at IS NOT NULL"),
        Column("finished", "finished", NOT_REFUSED),
        Column("due", "due", NOT_REFUSED),
        Column("due_finished", "due_finished", NOT_REFUSED),
    ),  # fmt: skip
    fields=(
        "received_at",
        "resolved_at",
        "rated_at",
        "rescheduled_at",
        "finished_at",
        "deadline",
        "status",
        "channel",
        "fee",
        "paid_online",
        "digitised",
        "timing",
        "rating",
    ),  # fmt: skip
)
