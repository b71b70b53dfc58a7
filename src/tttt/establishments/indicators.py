"""Figures of the establishments register (DESIGN.md indicator protocol)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tttt.core.indicators import Aggregation, Measure, indicator
from tttt.org.indicators import each, n, territory_q

from .models import Certificate, Establishment


def operating_q(day) -> Q:
    """Operating on `day`: opened by then (or date unknown) and not closed by then."""
    return (Q(opened_on__isnull=True) | Q(opened_on__lte=day)) & (
        Q(closed_on__isnull=True) | Q(closed_on__gt=day)
    )


def _operating(units, period, type_code=None):
    qs = Establishment.objects.filter(territory_q(units), operating_q(period.end))
    if type_code:
        qs = qs.filter(business_type__code=type_code)
    return qs.count()


LIST = "establishments:index"  # the back-office list that shows the records behind a figure


@indicator(code="establishments.operating", name=_("Cơ sở kinh doanh đang hoạt động (cuối kỳ)"),
           measure=Measure.COUNT, aggregation=Aggregation.LAST,
           records=lambda p: operating_q(p.end), records_list=LIST, derive=n,
           batch_each=each(lambda p: Establishment.objects.filter(operating_q(p.end))))  # fmt: skip
def operating(units, period):
    return _operating(units, period)


def _register_type(code, name):
    @indicator(code=f"establishments.operating_{code}", name=name, measure=Measure.COUNT,
               aggregation=Aggregation.LAST, records_list=LIST,
               records=lambda p: operating_q(p.end) & Q(business_type__code=code), derive=n,
               batch_each=each(lambda p: Establishment.objects.filter(operating_q(p.end),
                                                                      business_type__code=code)))  # fmt: skip
    def count(units, period):
        return _operating(units, period, code)

    return count


for _code, _name in [
    ("internet", _("Điểm cung cấp dịch vụ Internet (cuối kỳ)")),
    ("game", _("Điểm cung cấp dịch vụ trò chơi điện tử công cộng (cuối kỳ)")),
    ("karaoke", _("Cơ sở kinh doanh dịch vụ karaoke (cuối kỳ)")),
    ("printing", _("Cơ sở in, photocopy (cuối kỳ)")),
    ("publication", _("Cơ sở phát hành xuất bản phẩm (cuối kỳ)")),
    ("sim", _("Điểm bán SIM, đăng ký thông tin thuê bao (cuối kỳ)")),
]:
    _register_type(_code, _name)


CERTIFICATES = "establishments_certificates"  # the list of licences and certificates


def _issued_q(temporary=None):
    def records(period):
        q = Q(issued_on__gte=period.start, issued_on__lte=period.end)
        return q if temporary is None else q & Q(is_temporary=temporary)

    return records


def _issued_each(temporary=None):
    records = _issued_q(temporary)
    return each(
        lambda p: Certificate.objects.filter(records(p)), unit_fields=("establishment__unit",)
    )


def _issued(units, period, temporary=None):
    qs = Certificate.objects.filter(
        territory_q(units, "establishment__unit"),
        issued_on__gte=period.start,
        issued_on__lte=period.end,
    )
    if temporary is not None:
        qs = qs.filter(is_temporary=temporary)
    return qs.count()


@indicator(code="establishments.certificates_issued", name=_("Giấy phép, giấy chứng nhận đã cấp"),
           measure=Measure.COUNT, aggregation=Aggregation.SUM, records=_issued_q(),
           records_list=CERTIFICATES, batch_each=_issued_each(), derive=n, description=_("Cả giấy tạm thời và chính thức, theo ngày cấp."))  # fmt: skip
def certificates_issued(units, period):
    return _issued(units, period)


@indicator(code="establishments.certificates_temporary", name=_("Giấy chứng nhận tạm thời đã cấp"),
           measure=Measure.COUNT, aggregation=Aggregation.SUM, records=_issued_q(temporary=True),
           records_list=CERTIFICATES, batch_each=_issued_each(temporary=True), derive=n)  # fmt: skip
def certificates_temporary(units, period):
    return _issued(units, period, temporary=True)


EXPIRING_DAYS = 30  # as the licence-alert page's nearest horizon


def _expiring_q(period) -> Q:
    """Valid on the period's last day and ending (with any extension) within 30 days after
    it, at an establishment still operating."""
    from datetime import timedelta

    from .models import valid_certificate_q

    limit = period.end + timedelta(days=EXPIRING_DAYS)
    ends = Q(extended_until__isnull=False, extended_until__lte=limit) | Q(
        extended_until__isnull=True, valid_until__lte=limit
    )
    return (
        valid_certificate_q(period.end)
        & ends
        & Q(establishment__status=Establishment.Status.ACTIVE)
    )


@indicator(code="establishments.certificates_expiring",
           name=_("Giấy phép, giấy chứng nhận sắp hết hạn (30 ngày sau cuối kỳ)"),
           measure=Measure.COUNT, aggregation=Aggregation.LAST, records=_expiring_q, records_list=CERTIFICATES,
           description=_("Còn hiệu lực ngày cuối kỳ, hết hạn (kể cả gia hạn) trong 30 ngày sau đó, của cơ sở "
                         "đang hoạt động."),
           batch_each=each(lambda p: Certificate.objects.filter(_expiring_q(p)), unit_fields=("establishment__unit",)),
           derive=n)  # fmt: skip
def certificates_expiring(units, period):
    return Certificate.objects.filter(
        territory_q(units, "establishment__unit"), _expiring_q(period)
    ).count()


def _with_status_at_end(period, status):
    """Establishments whose latest recorded status on the last day of the period is `status`."""
    from django.db.models import OuterRef, Subquery

    from .models import StatusChange

    latest = (
        StatusChange.objects.filter(establishment=OuterRef("pk"), on__lte=period.end)
        .order_by("-on", "-pk")
        .values("status")[:1]
    )
    return Establishment.objects.annotate(status_then=Subquery(latest)).filter(status_then=status)


def _status_at_end(units, period, status):
    return _with_status_at_end(period, status).filter(territory_q(units)).count()


def _status_records(status):
    return lambda period: Q(pk__in=_with_status_at_end(period, status).values("pk"))


@indicator(code="establishments.suspended", name=_("Cơ sở đang tạm ngừng (cuối kỳ)"),
           measure=Measure.COUNT, aggregation=Aggregation.LAST, records_list=LIST,
           records=_status_records(Establishment.Status.SUSPENDED), derive=n,
           batch_each=each(lambda p: _with_status_at_end(p, Establishment.Status.SUSPENDED)),
           description=_("Theo lịch sử trạng thái: thay đổi gần nhất đến ngày cuối kỳ là tạm ngừng."))  # fmt: skip
def suspended(units, period):
    return _status_at_end(units, period, Establishment.Status.SUSPENDED)


@indicator(code="establishments.closed", name=_("Cơ sở đã chấm dứt hoạt động (cuối kỳ)"),
           measure=Measure.COUNT, aggregation=Aggregation.LAST, records_list=LIST,
           records=_status_records(Establishment.Status.CLOSED), derive=n,
           batch_each=each(lambda p: _with_status_at_end(p, Establishment.Status.CLOSED)))  # fmt: skip
def closed(units, period):
    return _status_at_end(units, period, Establishment.Status.CLOSED)
