import os
import signal
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Cập nhật CSDL, nạp dữ liệu mẫu vào CSDL trống rồi chạy máy chủ (mặc định http://127.0.0.1:8000)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument(
            "--no-demo", action="store_true", help="Không nạp dữ liệu mẫu vào CSDL trống"
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="Không chạy tiến trình nền (tttt worker)"
        )

    def handle(self, *args, **options):
        from django.contrib.auth import get_user_model

        from tttt.core.messages import compile_messages

        compile_messages()
        call_command("migrate", interactive=False, verbosity=0)
        if "TTTT_PORTAL_PORT" not in os.environ:
            settings.TTTT_PORTAL_PORT = options["port"]  # demo portals link to this server
        if not options["no_demo"] and not get_user_model().objects.exists():
            self.stdout.write("CSDL trống: nạp dữ liệu mẫu…")
            call_command("demo", stdout=self.stdout)
        if not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)
        self.stdout.write(
            f"TTTT đang chạy tại http://{options['host']}:{options['port']}/ (quản trị: /admin/)"
        )
        self.stdout.write(
            f"Cổng thông tin mẫu: http://luongtai.localhost:{options['port']}/, "
            f"http://vinhtuong.localhost:{options['port']}/"
        )
        worker = None
        if not options["no_worker"]:  # e-mail, scheduled pages and reminders, as in production
            worker = subprocess.Popen([sys.executable, "-m", "tttt", "worker"])  # noqa: S603
            self.stdout.write(f"Tiến trình nền (tttt worker) đang chạy, PID {worker.pid}.")
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # stop the worker too
        try:
            call_command("runserver", f"{options['host']}:{options['port']}", use_reloader=False)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=30)
