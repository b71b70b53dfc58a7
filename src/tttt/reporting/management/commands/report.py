"""`tttt report export --unit TEXT --period 2019-9M [--form CODE] -o FILE.docx|FILE.xlsx`"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tttt.core.periods import Period, PeriodError
from tttt.org.queries import UnitNotFound, pick_unit
from tttt.reporting import export
from tttt.reporting.models import Report, ReportForm


class Command(BaseCommand):
    help = "Báo cáo định kỳ: xuất một báo cáo ra Word (mẫu Nghị định 30/2020) hoặc Excel."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        out = sub.add_parser("export", help="Xuất báo cáo của một đơn vị, một kỳ")
        out.add_argument("--unit", required=True, help="Tên, mã hoặc #id của đơn vị")
        out.add_argument(
            "--period", required=True, help="Kỳ: 2019-03, 2013-Q1, 2019-H1, 2019-9M, 2019"
        )
        out.add_argument("--form", help="Mã mẫu báo cáo (khi đơn vị có nhiều báo cáo trong kỳ)")
        out.add_argument("-o", "--output", required=True, help="Tệp .docx hoặc .xlsx")

    def handle(self, *args, **options):
        output = Path(options["output"])
        if output.suffix.lower() not in (".docx", ".xlsx"):
            raise CommandError("Tệp xuất phải có đuôi .docx (Word) hoặc .xlsx (Excel).")
        try:
            period = Period.parse(options["period"])
            unit = pick_unit(options["unit"], period.end)
        except (PeriodError, UnitNotFound) as exc:
            raise CommandError(str(exc)) from exc
        reports = Report.objects.filter(
            unit=unit, period_start=period.start, period_end=period.end
        ).select_related("form", "unit")
        if options["form"]:
            if not ReportForm.objects.filter(code=options["form"]).exists():
                codes = ", ".join(ReportForm.objects.values_list("code", flat=True))
                raise CommandError(f"Không có mẫu báo cáo «{options['form']}». Các mẫu: {codes}.")
            reports = reports.filter(form__code=options["form"])
        found = list(reports)
        if not found:
            raise CommandError(
                f"{unit.name} chưa lập báo cáo {period.label}"
                + (f" theo mẫu «{options['form']}»" if options["form"] else "")
                + ". Hãy lập báo cáo trong trang quản trị (Báo cáo định kỳ)."
            )
        if len(found) > 1:
            codes = ", ".join(r.form.code for r in found)
            raise CommandError(
                f"{unit.name} có {len(found)} báo cáo {period.label}; chọn một bằng --form: {codes}."
            )
        report = found[0]
        data = (
            export.to_docx(report) if output.suffix.lower() == ".docx" else export.to_xlsx(report)
        )
        output.write_bytes(data)
        self.stdout.write(f"Đã xuất {report} ({report.get_status_display()}) ra {output}")
