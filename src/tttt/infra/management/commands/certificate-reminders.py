from django.core.management.base import BaseCommand

from tttt.core.commands import add_today_argument, today_from
from tttt.infra.reminders import send_reminders


class Command(BaseCommand):
    help = "Gửi thư nhắc chứng thư số hết hạn sau đúng 60 và 30 ngày (chạy mỗi ngày một lần)."

    def add_arguments(self, parser):
        add_today_argument(parser)

    def handle(self, *args, **options):
        result = send_reminders(today_from(options))
        self.stdout.write(
            f"{result['certificates']} chứng thư số đến hạn nhắc; đã gửi {result['emails']} thư."
        )
