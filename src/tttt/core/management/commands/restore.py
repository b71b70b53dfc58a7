from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tttt.core.backup import restore_backup
from tttt.core.formatting import format_number


class Command(BaseCommand):
    help = (
        "Khôi phục một bản sao lưu của tttt backup: kiểm tra mã băm mọi tệp trước khi ghi, "
        "từ chối nơi khôi phục đã có dữ liệu (trừ khi có --force), rồi đối chiếu số dòng "
        "và mã băm với manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument("--force", action="store_true",
                            help="Ghi đè CSDL và thư mục tệp đã có dữ liệu")  # fmt: skip

    def handle(self, *args, **options):
        try:
            done = restore_backup(options["archive"], force=options["force"])
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"Đã khôi phục bản sao lưu lúc {done.manifest['created_at']}: "
            f"{format_number(done.tables)} bảng, {format_number(done.rows)} dòng, "
            f"{format_number(done.files)} tệp, khớp manifest."
        )
