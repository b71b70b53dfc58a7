from datetime import date

from django.core.management.base import BaseCommand, CommandError

from tttt.core.formatting import format_number
from tttt.onestop.rollup import DOSSIERS


class Command(BaseCommand):
    help = (
        "Tổng hợp hồ sơ một cửa theo đơn vị và ngày đến hết hôm qua (việc định kỳ của tiến "
        "trình nền; chạy lại không đổi gì). --rebuild: xóa và tổng hợp lại từ đầu."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--until", help="Tổng hợp đến hết ngày này (yyyy-mm-dd), mặc định hôm qua."
        )
        parser.add_argument(
            "--rebuild", action="store_true", help="Xóa số liệu tổng hợp và làm lại."
        )

    def handle(self, *args, **options):
        until = None
        if options["until"]:
            try:
                until = date.fromisoformat(options["until"])
            except ValueError as exc:
                raise CommandError(
                    f"Ngày «{options['until']}» không hợp lệ; ghi dạng yyyy-mm-dd, ví dụ 2026-11-30."
                ) from exc
        if options["rebuild"]:
            DOSSIERS.reset()
        result = DOSSIERS.close_days(until)
        last = result["last_day"]
        self.stdout.write(
            f"Đã tổng hợp {format_number(result['closed_days'])} ngày; số liệu tổng hợp đến hết "
            f"{last:%d/%m/%Y}."
            if last
            else "Chưa có hồ sơ để tổng hợp."
        )
