from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from tttt.infra.reminders import send_reminders


class Command(BaseCommand):
    help = "Gửi thư nhắc chứng thư số hết hạn sau đúng 60 và 30 ngày (chạy mỗi ngày một lần)."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Ngày chạy (yyyy-mm-dd), mặc định hôm nay.")

    def handle(self, *args, **options):
        try:
            today = (
                date.fromisoformat(options["today"]) if options["today"] else timezone.localdate()
            )
        except ValueError as exc:
            raise CommandError("Ngày ghi dạng yyyy-mm-dd, ví dụ 2026-11-25.") from exc
        result = send_reminders(today)
        self.stdout.write(
            f"{result['certificates']} chứng thư số đến hạn nhắc; đã gửi {result['emails']} thư."
        )
