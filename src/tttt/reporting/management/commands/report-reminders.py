from django.core.management.base import BaseCommand

from tttt.core.commands import add_today_argument, today_from
from tttt.reporting.reminders import send_reminders


class Command(BaseCommand):
    help = "Gửi thư nhắc nộp báo cáo định kỳ trước hạn 7 ngày và 1 ngày (chạy mỗi ngày một lần)."

    def add_arguments(self, parser):
        add_today_argument(parser)

    def handle(self, *args, **options):
        result = send_reminders(today_from(options))
        self.stdout.write(
            f"{result['reports']} báo cáo chưa nộp sắp đến hạn; đã gửi {result['emails']} thư."
        )
