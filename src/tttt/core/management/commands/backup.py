from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from tttt.core.backup import backup_directory, create_backup, prune_backups
from tttt.core.formatting import format_number


class Command(BaseCommand):
    help = (
        "Sao lưu CSDL và các tệp (hồ sơ đính kèm, ảnh, tài liệu) vào một tệp .tar.gz có "
        "manifest (số dòng từng bảng, mã băm từng tệp). Mặc định vào TTTT_BACKUP_DIR."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=None, help="Thư mục đặt bản sao lưu")
        parser.add_argument("--keep", type=int, default=None,
                            help="Giữ lại N bản mới nhất trong thư mục (mặc định TTTT_BACKUP_KEEP)")  # fmt: skip

    def handle(self, *args, **options):
        directory = options["output"] or backup_directory()
        archive = create_backup(directory)
        size = archive.stat().st_size / 1024 / 1024
        self.stdout.write(f"Đã sao lưu: {archive} ({format_number(size, 1)} MB).")
        keep = options["keep"] if options["keep"] is not None else settings.TTTT_BACKUP_KEEP
        for old in prune_backups(directory, keep):
            self.stdout.write(f"Đã xóa bản cũ: {old.name}")
