from django.core.management.base import BaseCommand

from tttt.core.worker import run_worker


class Command(BaseCommand):
    help = (
        "Chạy tiến trình nền: thực hiện các tác vụ trong hàng đợi (gửi thư, xuất tệp…) và "
        "các việc định kỳ của TTTT_SCHEDULE (đăng bài hẹn giờ, nhắc hạn, khóa tài khoản "
        "không dùng). Chạy một hoặc vài tiến trình; không cần cron."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=1.0, help="Số giây chờ khi hàng đợi trống."
        )
        parser.add_argument(
            "--no-schedule", action="store_true", help="Không đưa các việc định kỳ vào hàng đợi."
        )
        parser.add_argument(
            "--batch", action="store_true", help="Dừng khi hàng đợi trống (dùng khi kiểm thử)."
        )
        parser.add_argument("--max-tasks", type=int, default=None)

    def handle(self, *args, **options):
        run_worker(
            interval=options["interval"],
            schedule=not options["no_schedule"],
            max_tasks=options["max_tasks"],
            batch=options["batch"],
        )
