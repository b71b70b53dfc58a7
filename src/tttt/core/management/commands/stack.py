import hashlib
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from tttt.core.stack import Stack


def static_sources() -> str:
    """A fingerprint of every static file the finders see (path, size, time) and of the
    storage that processes them: the same on a restart with the same release."""
    from django.contrib.staticfiles.finders import get_finders

    digest = hashlib.sha256(settings.STORAGES["staticfiles"]["BACKEND"].encode())
    for finder in get_finders():
        for path, storage in sorted(finder.list([]), key=lambda item: item[0]):
            stat = Path(storage.path(path)).stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def collect_static() -> None:
    """collectstatic, unless STATIC_ROOT already holds the compressed, hashed copies of
    these very sources (compressing them all again takes half a minute)."""
    stamp = Path(settings.STATIC_ROOT) / ".tttt-sources"
    fingerprint = static_sources()
    if stamp.exists() and stamp.read_text() == fingerprint:
        return
    call_command("collectstatic", interactive=False, verbosity=0)
    stamp.write_text(fingerprint)


class Command(BaseCommand):
    help = (
        "Chạy TTTT như môi trường thật trên một máy: cập nhật CSDL, (nạp dữ liệu mẫu vào CSDL "
        "trống), gom tệp tĩnh, rồi chạy gunicorn, tiến trình nền và Varnish phía trước. "
        "Cần PostgreSQL (DATABASE_URL) và Redis (REDIS_URL)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8080, help="Cổng Varnish (người dùng)")
        parser.add_argument("--app-port", type=int, default=8001, help="Cổng gunicorn")
        parser.add_argument("--workers", type=int, default=None, help="Số tiến trình web")
        parser.add_argument("--no-varnish", action="store_true")
        parser.add_argument("--no-demo", action="store_true")

    def handle(self, *args, **options):
        problems = []
        if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
            problems.append("đặt DATABASE_URL=postgres://… (môi trường thật dùng PostgreSQL)")
        if not settings.REDIS_URL:
            problems.append("đặt REDIS_URL=redis://… (bộ đệm dùng chung cho các tiến trình web)")
        if settings.DEBUG:
            problems.append("bỏ DEBUG (môi trường thật chạy với DEBUG tắt)")
        if problems:
            raise CommandError("Chưa chạy được tttt stack: " + "; ".join(problems) + ".")
        stack = Stack(port=options["port"], app_port=options["app_port"],
                      workers=options["workers"], varnish=not options["no_varnish"])  # fmt: skip
        call_command("migrate", interactive=False, verbosity=0)
        if not options["no_demo"] and not get_user_model().objects.exists():
            self.stdout.write("CSDL trống: nạp dữ liệu mẫu…")
            settings.TTTT_PORTAL_PORT = options["port"]
            call_command("demo", stdout=self.stdout)
        collect_static()
        self.stdout.write("Khởi động:")
        try:
            stack.start(self.stdout.write)
            front = options["port"] if stack.varnish else options["app_port"]
            self.stdout.write(self.style.SUCCESS(
                f"TTTT đang chạy tại http://127.0.0.1:{front}/ (quản trị: /admin/); "
                f"ứng dụng ở 127.0.0.1:{options['app_port']}, nơi người vận hành xem "
                "/readyz và /metrics. Ctrl-C để dừng."
            ))  # fmt: skip
            stack.watch()
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        finally:
            stack.stop()
