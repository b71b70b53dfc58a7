from django.core.management.base import BaseCommand, CommandError

from tttt.core.indicators import IndicatorError, all_indicators, get_indicator
from tttt.core.periods import Period, PeriodError
from tttt.org.indicators import compute_for_unit
from tttt.org.queries import UnitNotFound, pick_unit


class Command(BaseCommand):
    help = "Chỉ tiêu: liệt kê (tttt indicators) hoặc tính (tttt indicators show MÃ --unit TÊN --period 2019-9M)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action")
        show = sub.add_parser("show", help="Tính giá trị một chỉ tiêu cho một đơn vị và một kỳ")
        show.add_argument("code")
        show.add_argument("--unit", required=True, help="Tên, mã hoặc #id của đơn vị")
        show.add_argument(
            "--period",
            required=True,
            help="Kỳ: 2019-03, 2013-Q1, 2019-H1, 2019-9M, 2019, 2018-01-01..2019-09-30",
        )

    def handle(self, *args, **options):
        if options.get("action") != "show":
            for ind in all_indicators():
                self.stdout.write(f"{ind.code:<34} {ind.name}")
            return
        try:
            indicator = get_indicator(options["code"])
            period = Period.parse(options["period"])
        except (IndicatorError, PeriodError) as exc:
            raise CommandError(str(exc)) from exc
        try:
            unit = pick_unit(options["unit"], period.end)
        except UnitNotFound as exc:
            raise CommandError(str(exc)) from exc
        value, used = compute_for_unit(indicator, unit, period)
        via = ""
        if [u.pk for u in used] != [unit.pk]:
            via = " (tính qua " + ", ".join(u.name for u in used) + ")"
        self.stdout.write(
            f"{indicator.name} — {unit.name} — {period.label}{via}: {indicator.format(value)}"
        )
