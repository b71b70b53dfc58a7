"""Figures of the registers (DESIGN.md indicator protocol): documents received and issued,
the share handled electronically, the share of outgoing documents signed digitally, the
share of incoming documents handled on time. One aggregate query for all of them."""

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from tttt.core.indicators import Aggregation, Measure, indicator, share
from tttt.org.indicators import each, territory_q

from .models import Direction, Document


def _records(period) -> dict:
    start, end = period.start, period.end
    received = Q(direction=Direction.INCOMING, received_at__date__range=(start, end))
    issued = Q(
        direction=Direction.OUTGOING, status=Document.Status.ISSUED, issued_on__range=(start, end)
    )
    handled = Q(
        direction=Direction.INCOMING, task__status="done", task__completed_on__range=(start, end)
    )
    return {
        "received": received,
        "issued": issued,
        "both": received | issued,
        "electronic": (received | issued) & ~Q(medium=Document.Medium.PAPER),
        "signed": issued & Q(is_signed=True),
        "handled": handled,
        "handled_on_time": handled & Q(task__completed_on__lte=F("task__deadline")),
    }


def _aggregates(period) -> dict:
    return {key: Count("pk", filter=where) for key, where in _records(period).items()}


def document_figures(units, period) -> dict:
    return Document.objects.filter(territory_q(units)).aggregate(**_aggregates(period))


document_figures_each = each(lambda period: Document.objects.all(), _aggregates)
IN, OUT = "documents_in:index", "documents_out:index"


def _register(key, name, measure, aggregation, derive, *, records, records_list, description=""):
    @indicator(code=f"documents.{key}", name=name, measure=measure, aggregation=aggregation,
               description=description, records=lambda period: _records(period)[records],
               records_list=records_list, batch=document_figures, batch_each=document_figures_each,
               derive=derive)  # fmt: skip
    def compute(units, period):
        return derive(document_figures(units, period))

    return compute


C, P, SUM, RATIO = Measure.COUNT, Measure.PERCENT, Aggregation.SUM, Aggregation.RATIO
_register("received", _("Văn bản đến trong kỳ"), C, SUM, lambda f: f["received"],
          records="received", records_list=IN)  # fmt: skip
_register("issued", _("Văn bản đi ban hành trong kỳ"), C, SUM, lambda f: f["issued"],
          records="issued", records_list=OUT)  # fmt: skip
_register("electronic_share", _("Tỷ lệ văn bản đến, đi xử lý trên môi trường điện tử"), P, RATIO,
          lambda f: share(f["electronic"], f["both"]), records="electronic", records_list=IN,
          description=_("Văn bản điện tử hoặc đã số hóa / tổng văn bản đến và đi trong kỳ × 100."))  # fmt: skip
_register("signed_share", _("Tỷ lệ văn bản đi được ký số"), P, RATIO,
          lambda f: share(f["signed"], f["issued"]), records="signed", records_list=OUT,
          description=_("Văn bản đi ký số / văn bản đi ban hành trong kỳ × 100."))  # fmt: skip
_register("handled_on_time_share", _("Tỷ lệ văn bản đến xử lý đúng hạn"), P, RATIO,
          lambda f: share(f["handled_on_time"], f["handled"]), records="handled_on_time",
          records_list=IN,
          description=_("Văn bản đến xử lý xong đúng hạn / văn bản đến xử lý xong trong kỳ × 100."))  # fmt: skip
