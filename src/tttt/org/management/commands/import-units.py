import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tttt.core.formatting import format_number
from tttt.org.importer import ERA_CURRENT, ERA_LEGACY, ImportDataError, import_units
from tttt.org.models import Unit

KIND_LABEL = {
    Unit.Kind.PROVINCE: "tỉnh/thành phố",
    Unit.Kind.DISTRICT: "huyện/quận/thị xã/thành phố",
    Unit.Kind.COMMUNE: "xã/phường/thị trấn/đặc khu",
}


class Command(BaseCommand):
    help = "Nhập đơn vị hành chính: cấu trúc từ 01/7/2025 và cấu trúc ba cấp trước đó, cùng quan hệ kế thừa."

    def add_arguments(self, parser):
        parser.add_argument(
            "--current-json",
            type=Path,
            help="Tệp nested-divisions.json (mặc định: gói vietnam-provinces)",
        )
        parser.add_argument(
            "--legacy-db", type=Path, help="Tệp dataset.db (mặc định: gói vietnamadminunits)"
        )
        parser.add_argument(
            "--lineage-json",
            type=Path,
            help="Tệp converter_2025.json (mặc định: gói vietnamadminunits)",
        )

    def handle(self, *args, **options):
        paths = {
            key: options[opt]
            for key, opt in (
                ("current", "current_json"),
                ("legacy", "legacy_db"),
                ("lineage", "lineage_json"),
            )
            if options[opt]
        }
        started = time.perf_counter()
        try:
            report = import_units(paths)
        except ImportDataError as exc:
            lines = exc.problems[:30]
            more = len(exc.problems) - len(lines)
            message = "Dữ liệu không hợp lệ, chưa nhập gì vào cơ sở dữ liệu:\n  - " + "\n  - ".join(
                lines
            )
            if more > 0:
                message += f"\n  … và {more} lỗi khác."
            raise CommandError(message) from exc
        elapsed = time.perf_counter() - started
        out = self.stdout
        n = format_number
        for era in (ERA_CURRENT, ERA_LEGACY):
            parts = []
            for kind, label in KIND_LABEL.items():
                total = report.totals[(era, kind)]
                if total:
                    new = report.created[(era, kind)]
                    upd = report.updated[(era, kind)]
                    parts.append(f"{n(total)} {label} (mới {n(new)}, cập nhật {n(upd)})")
            out.write(f"Cấu trúc {era}: " + "; ".join(parts))
        out.write(
            f"Quan hệ kế thừa: mới {n(report.links_created)}, cập nhật {n(report.links_updated)}."
        )
        if report.changed:
            out.write(self.style.SUCCESS(f"Đã nhập xong trong {format_number(elapsed, 1)} giây."))
        else:
            out.write(
                self.style.SUCCESS(
                    f"Không có thay đổi: dữ liệu đã đầy đủ và cập nhật ({format_number(elapsed, 1)} giây)."
                )
            )
