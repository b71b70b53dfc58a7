from django.conf import settings
from django.core.management.base import BaseCommand

from tttt.org.services import users_disable_idle


class Command(BaseCommand):
    help = "Vô hiệu hóa tài khoản không sử dụng quá số ngày quy định (mặc định 45 ngày)."

    def handle(self, *args, **options):
        count = users_disable_idle()
        self.stdout.write(
            f"Đã vô hiệu hóa {count} tài khoản không sử dụng quá {settings.TTTT_ACCOUNT_IDLE_DAYS} ngày."
        )
