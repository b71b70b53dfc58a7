import time

from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from tttt.core.formatting import format_number
from tttt.demo.builder import DEMO_PASSWORD, build_demo

IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu theo các bài viết gốc (đơn vị, cơ quan, người dùng mọi vai trò) và in tài khoản đăng nhập."

    def handle(self, *args, **options):
        started = time.perf_counter()
        # The search index and Wagtail's reference index are filled as the demo is built,
        # so the demo is whole when the command ends, with or without a worker running.
        with override_settings(TASKS=IMMEDIATE):
            logins = build_demo(stdout=self.stdout)
        self.stdout.write(
            f"\nTài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}) — đăng nhập tại /admin/"
        )
        for login in logins:
            chain = f"{login.unit.name}" + (
                f", {login.unit.parent.name}" if login.unit.parent_id else ""
            )
            self.stdout.write(f"  {login.username:<28} {login.role:<28} {chain}")
        self.stdout.write(
            "Tài khoản quản trị (admin, *.quantri) phải đăng ký xác thực hai lớp (TOTP) ở lần đăng nhập đầu tiên."
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã tạo dữ liệu mẫu trong {format_number(time.perf_counter() - started, 1)} giây."
            )
        )
