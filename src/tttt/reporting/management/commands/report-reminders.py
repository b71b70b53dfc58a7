from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tttt.reporting.reminders import send_reminders


class Command(BaseCommand):
    help = "Gửi thư nhắc nộp báo cáo định kỳ trước hạn 7 ngày và 1 ngày (chạy mỗi ngày một lần)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Ngày chạy (yyyy-mm-dd), mặc định hôm nay.")

    def handle(self, *args, **options):
        try:
            today = (
                date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
            )
        except ValueError as exc:
            raise CommandError("Ngày ghi dạng yyyy-mm-dd, ví dụ 2026-10-08.") from exc
        result = send_reminders(today)
        self.stdout.write(
            f"{result['reports']} báo cáo chưa nộp sắp đến hạn; đã gửi {result['emails']} thư."
        )
