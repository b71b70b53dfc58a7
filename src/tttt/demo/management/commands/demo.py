import time

from django.core.management.base import BaseCommand

from tttt.core.formatting import format_number
from tttt.demo.builder import DEMO_PASSWORD, build_demo


class Command(BaseCommand):
    help = "Tạo dữ liệu mẫu theo các bài viết gốc (đơn vị, cơ quan, người dùng mọi vai trò) và in tài khoản đăng nhập."

    def handle(self, *args, **options):
        started = time.perf_counter()
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
