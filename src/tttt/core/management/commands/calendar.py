from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tttt.core.calendar import CalendarError, get_calendar, parse_duration
from tttt.core.formatting import format_date


def parse_moment(text: str) -> datetime:
    for fmt in ("%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            naive = datetime.strptime(text.strip(), fmt)
        except ValueError:
            continue
        return timezone.make_aware(naive, timezone.get_default_timezone())
    raise CommandError(
        f'Không hiểu thời điểm «{text}». Ví dụ đúng: "2026-02-13 16:00" hoặc "13/02/2026 16:00".'
    )


class Command(BaseCommand):
    help = 'Lịch làm việc: tính hạn (tttt calendar due "2026-02-13 16:00" 1d) và kiểm tra giờ làm việc.'

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        due = sub.add_parser("due", help="Hạn sau một số ngày (d) hoặc giờ (h) làm việc")
        due.add_argument("moment")
        due.add_argument("duration")
        between = sub.add_parser("between", help="Thời gian làm việc giữa hai thời điểm")
        between.add_argument("start")
        between.add_argument("end")
        check = sub.add_parser("check", help="Thời điểm có phải giờ làm việc không")
        check.add_argument("moment")

    def handle(self, *args, **options):
        calendar = get_calendar()
        try:
            if options["action"] == "due":
                start = parse_moment(options["moment"])
                due = calendar.add(start, parse_duration(options["duration"], calendar))
                self.stdout.write(f"{due:%Y-%m-%d %H:%M} ({_weekday(due)} {format_date(due)})")
            elif options["action"] == "between":
                spent = calendar.between(
                    parse_moment(options["start"]), parse_moment(options["end"])
                )
                hours = spent.total_seconds() / 3600
                days = spent / calendar.day_length
                self.stdout.write(
                    f"{hours:.2f} giờ làm việc ({days:.2f} ngày làm việc)".replace(".", ",")
                )
            else:
                moment = parse_moment(options["moment"])
                ok = calendar.is_working_time(moment)
                name = calendar.holiday_name(timezone.localtime(moment).date())
                why = f" — {name}" if name else ""
                self.stdout.write(("Trong giờ làm việc" if ok else "Ngoài giờ làm việc") + why)
        except CalendarError as exc:
            raise CommandError(str(exc)) from exc


def _weekday(moment: datetime) -> str:
    return ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"][
        timezone.localtime(moment).weekday()
    ]
