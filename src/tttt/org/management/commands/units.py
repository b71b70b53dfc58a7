from django.core.management.base import BaseCommand, CommandError

from tttt.org.queries import describe_units, find_units


class Command(BaseCommand):
    help = "Tra cứu đơn vị hành chính: tttt units find TÊN"

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        find = sub.add_parser("find", help="Tìm đơn vị theo tên (không cần dấu), mã hoặc #id")
        find.add_argument("text")
        find.add_argument("--limit", type=int, default=20)

    def handle(self, *args, **options):
        units = find_units(options["text"])[: options["limit"]]
        if not units:
            raise CommandError(f"Không tìm thấy đơn vị nào khớp «{options['text']}».")
        for view in describe_units(units):
            u = view.unit
            chain = f" — {view.chain_label}" if view.chain else ""
            validity = "đang hiệu lực" if u.is_current else f"đến {u.valid_to:%d/%m/%Y}"
            self.stdout.write(f"#{u.pk} {u.name} (mã {u.code}, {validity}){chain}")
            for link in view.successors:
                target = link.successor
                parent = f", {target.parent.name}" if target.parent_id else ""
                main = "" if link.is_main else " (một phần)"
                self.stdout.write(
                    f"    → từ {link.date:%d/%m/%Y} thuộc {target.name}{parent}{main}"
                )
