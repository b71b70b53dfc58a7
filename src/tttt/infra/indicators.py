"""Figures of the infrastructure registries (DESIGN.md indicator protocol); one aggregate
query each, over the records of the units asked for."""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from tttt.core.indicators import Aggregation, Measure, indicator, share
from tttt.org.indicators import each, n
from tttt.org.indicators import territory_q as _unit_q

from . import queries
from .models import (
    BtsStation,
    DigitalCertificate,
    EmailAccounts,
    EmailSurvey,
    PostalPoint,
    RadioOutput,
    RadioStation,
    SpeakerCluster,
    UndergroundingProject,
)

C, P, LAST, SUM, RATIO = (Measure.COUNT, Measure.PERCENT, Aggregation.LAST, Aggregation.SUM,
                          Aggregation.RATIO)  # fmt: skip


def _register(code, name, measure, aggregation, description="", records=None, records_list="",
              records_sum="", each=None, derive=n):  # fmt: skip
    """An infrastructure figure; with `records` (a filter of the period) it opens the
    registry's list `records_list` filtered to exactly the records it counts; `each` is its
    figure for many territories apart in one grouped query (`_each`)."""
    return indicator(code=f"infra.{code}", name=name, measure=measure, aggregation=aggregation,
                     description=description, records=records, records_sum=records_sum,
                     records_list=f"{records_list}:index" if records_list else "",
                     batch_each=each, derive=derive if each else None)  # fmt: skip


def _each(queryset_of, aggregates=None, unit_field="unit"):
    """`org.indicators.each` over a registry's records, found by their unit or former unit."""
    prefix = unit_field[: -len("unit")]
    return each(queryset_of, aggregates, (unit_field, f"{prefix}former_unit"))


def territory_q(units, unit_field: str = "unit"):
    """Records of the territory: by their unit, or by their former unit when the units
    asked for are those before the 2025 reform (the two trees never overlap)."""
    prefix = unit_field[: -len("unit")]
    return _unit_q(units, unit_field) | _unit_q(units, f"{prefix}former_unit")


def _in(period, field):
    return {f"{field}__gte": period.start, f"{field}__lte": period.end}


# ---------------------------------------------------------------- BTS


def _bts(units):
    return BtsStation.objects.filter(territory_q(units))


@_register("bts_operating", _("Trạm BTS đang phát sóng (cuối kỳ)"), C, LAST,
           records=lambda p: queries.operating_on_q(p.end), records_list="bts",
           each=_each(lambda p: BtsStation.objects.filter(queries.operating_on_q(p.end))))  # fmt: skip
def bts_operating(units, period):
    return _bts(units).filter(queries.operating_on_q(period.end)).count()


@_register("bts_new", _("Trạm BTS phát sóng mới trong kỳ"), C, SUM,
           records=lambda p: Q(**_in(p, "commissioned_on")), records_list="bts",
           each=_each(lambda p: BtsStation.objects.filter(**_in(p, "commissioned_on"))))  # fmt: skip
def bts_new(units, period):
    return _bts(units).filter(**_in(period, "commissioned_on")).count()


@_register("bts_shared", _("Trạm BTS dùng chung hạ tầng (cuối kỳ)"), C, LAST,
           _("Trạm đang phát sóng có ít nhất một doanh nghiệp khác dùng chung."),
           records=lambda p: queries.operating_on_q(p.end)
           & Q(pk__in=BtsStation.objects.filter(shared_with__isnull=False).values("pk")),
           records_list="bts", each=_each(lambda p: BtsStation.objects.filter(
               queries.operating_on_q(p.end), shared_with__isnull=False), {"n": Count("pk", distinct=True)}))  # fmt: skip
def bts_shared(units, period):
    return (
        _bts(units).filter(queries.operating_on_q(period.end), shared_with__isnull=False)
        .values("pk").distinct().count()
    )  # fmt: skip


@_register("bts_5g", _("Trạm BTS có 5G (cuối kỳ)"), C, LAST,
           records=lambda p: queries.operating_on_q(p.end) & Q(has_5g=True), records_list="bts",
           each=_each(lambda p: BtsStation.objects.filter(queries.operating_on_q(p.end), has_5g=True)))  # fmt: skip
def bts_5g(units, period):
    return _bts(units).filter(queries.operating_on_q(period.end), has_5g=True).count()


# ---------------------------------------------------------------- undergrounding


def _projects(units):
    return UndergroundingProject.objects.filter(territory_q(units))


@_register("undergrounding_completed", _("Tuyến ngầm hóa cáp hoàn thành trong kỳ"), C, SUM,
           records=lambda p: Q(**_in(p, "completed_on")), records_list="ngam-hoa",
           each=_each(lambda p: UndergroundingProject.objects.filter(**_in(p, "completed_on"))))  # fmt: skip
def undergrounding_completed(units, period):
    return _projects(units).filter(**_in(period, "completed_on")).count()


@_register("undergrounding_completed_m", _("Chiều dài cáp ngầm hóa hoàn thành trong kỳ (m)"),
           C, SUM, records=lambda p: Q(**_in(p, "completed_on")), records_list="ngam-hoa",
           records_sum="length_m", each=_each(lambda p: UndergroundingProject.objects.filter(
               **_in(p, "completed_on")), {"n": Sum("length_m")}))  # fmt: skip
def undergrounding_completed_m(units, period):
    return (
        _projects(units)
        .filter(**_in(period, "completed_on"))
        .aggregate(n=Coalesce(Sum("length_m"), 0))["n"]
    )


@_register("undergrounding_overdue", _("Tuyến ngầm hóa cáp quá hạn chưa hoàn thành (cuối kỳ)"),
           C, LAST, _("Chưa hoàn thành vào cuối kỳ, đã quá thời hạn (kể cả gia hạn) đã có đến "
                      "ngày đó."), records_list="ngam-hoa",
           records=lambda p: Q(pk__in=queries.overdue_on(UndergroundingProject.objects.all(), p.end)
                               .values("pk")),
           each=_each(lambda p: queries.overdue_on(UndergroundingProject.objects.all(), p.end)))  # fmt: skip
def undergrounding_overdue(units, period):
    return queries.overdue_on(_projects(units), period.end).count()


# ---------------------------------------------------------------- postal points


def _postal_on(units, period):
    return (
        PostalPoint.objects.filter(territory_q(units))
        .annotate(status_then=queries.status_on(period.end))
        .aggregate(
            operating=Count("pk", filter=Q(status_then="operating")),
            suspended=Count("pk", filter=Q(status_then="suspended")),
        )
    )


def _postal_each(*statuses):
    return _each(lambda p: PostalPoint.objects.annotate(status_then=queries.status_on(p.end))
                 .filter(status_then__in=statuses))  # fmt: skip


def _postal_records(*statuses):
    return lambda p: Q(pk__in=PostalPoint.objects.annotate(status_then=queries.status_on(p.end))
                       .filter(status_then__in=statuses).values("pk"))  # fmt: skip


@_register("postal_points", _("Điểm bưu điện văn hóa xã (cuối kỳ, chưa giải thể)"), C, LAST,
           records=_postal_records("operating", "suspended"), records_list="buu-dien-van-hoa",
           each=_postal_each("operating", "suspended"))  # fmt: skip
def postal_points(units, period):
    f = _postal_on(units, period)
    return f["operating"] + f["suspended"]


@_register("postal_points_suspended", _("Điểm bưu điện văn hóa xã tạm ngưng hoạt động (cuối kỳ)"),
           C, LAST, records=_postal_records("suspended"), records_list="buu-dien-van-hoa",
           each=_postal_each("suspended"))  # fmt: skip
def postal_points_suspended(units, period):
    return _postal_on(units, period)["suspended"]


# ---------------------------------------------------------------- radio


def _operating_radio(period):
    """Stations set up by the end of the period and not stopped (by their present state)."""
    return (Q(established_on__isnull=True) | Q(established_on__lte=period.end)) & ~Q(
        status=RadioStation.Status.STOPPED
    )


def _ip_radio(period):
    return _operating_radio(period) & Q(technology=RadioStation.Technology.IP)


@_register("radio_stations", _("Đài truyền thanh đang hoạt động"), C, LAST,
           _("Theo tình trạng hiện tại của đài."), records=_operating_radio,
           records_list="truyen-thanh", each=_each(lambda p: RadioStation.objects.filter(_operating_radio(p))))  # fmt: skip
def radio_stations(units, period):
    return RadioStation.objects.filter(territory_q(units), _operating_radio(period)).count()


def _fm_out_of_band(period):
    return _operating_radio(period) & queries.fm_out_of_band(period.end)


@_register("radio_fm_out_of_band", _("Đài truyền thanh FM dùng tần số ngoài quy hoạch"), C, LAST,
           _("Đài FM đang hoạt động có tần số ngoài mọi băng tần quy hoạch cho cấp của đài (dữ liệu "
             "«Băng tần quy hoạch», có căn cứ)."), records=_fm_out_of_band, records_list="truyen-thanh",
           each=_each(lambda p: RadioStation.objects.filter(_fm_out_of_band(p))))  # fmt: skip
def radio_fm_out_of_band(units, period):
    return RadioStation.objects.filter(territory_q(units), _fm_out_of_band(period)).count()


def _clusters(period):
    """Clusters of the IP stations in service (by their present status)."""
    return (
        Q(station__technology=RadioStation.Technology.IP)
        & ~Q(station__status=RadioStation.Status.STOPPED)
        & (Q(installed_on__isnull=True) | Q(installed_on__lte=period.end))
    )


def _clusters_down(period):
    return _clusters(period) & ~Q(status=SpeakerCluster.Status.OPERATING)


@_register("radio_ip_clusters", _("Cụm loa của đài truyền thanh IP"), C, LAST,
           _("Theo tình trạng hiện tại của cụm loa."), records=_clusters, records_list="cum-loa",
           each=_each(lambda p: SpeakerCluster.objects.filter(_clusters(p)), unit_field="station__unit"))  # fmt: skip
def radio_ip_clusters(units, period):
    return SpeakerCluster.objects.filter(
        territory_q(units, "station__unit"), _clusters(period)
    ).count()


@_register("radio_ip_clusters_down", _("Cụm loa IP hỏng hoặc mất kết nối"), C, LAST,
           _("Theo tình trạng báo về gần nhất."), records=_clusters_down, records_list="cum-loa",
           each=_each(lambda p: SpeakerCluster.objects.filter(_clusters_down(p)), unit_field="station__unit"))  # fmt: skip
def radio_ip_clusters_down(units, period):
    return SpeakerCluster.objects.filter(
        territory_q(units, "station__unit"), _clusters_down(period)
    ).count()


@_register("radio_stations_ip", _("Đài truyền thanh ứng dụng CNTT – viễn thông (IP)"), C, LAST,
           records=_ip_radio, records_list="truyen-thanh",
           each=_each(lambda p: RadioStation.objects.filter(_ip_radio(p))))  # fmt: skip
def radio_stations_ip(units, period):
    return RadioStation.objects.filter(territory_q(units), _ip_radio(period)).count()


def _logged_in(period):
    """Log entries whose period lies wholly inside the report's period."""
    return Q(period_start__gte=period.start, period_end__lte=period.end)


def _register_output(field, name):
    @_register(f"radio_{field}", name, C, SUM,
               _("Cộng các kỳ ghi trong nhật ký nằm trọn trong kỳ báo cáo."),
               records=_logged_in, records_list="nhat-ky-truyen-thanh", records_sum=field,
               each=_each(lambda p: RadioOutput.objects.filter(_logged_in(p)), {"n": Sum(field)},
                          "station__unit"))  # fmt: skip
    def figure(units, period):
        return RadioOutput.objects.filter(
            territory_q(units, "station__unit"), _logged_in(period)
        ).aggregate(n=Coalesce(Sum(field), 0))["n"]

    return figure


for _field, _name in [
    ("news_programmes", _("Chương trình thời sự phát thanh sản xuất")),
    ("items_used", _("Tin, bài phát thanh sử dụng")),
    ("relays", _("Chương trình tiếp âm trực tiếp")),
    ("tv_clips", _("Clip truyền hình sản xuất")),
    ("tv_features", _("Chuyên mục truyền hình")),
    ("posted_online", _("Chương trình đăng tải trên website")),
]:
    _register_output(_field, _name)


# ---------------------------------------------------------------- digital certificates


def _certificates(units):
    return DigitalCertificate.objects.filter(territory_q(units))


@_register("certificates_received", _("Chứng thư số chuyên dùng tiếp nhận trong kỳ"), C, SUM,
           records=lambda p: Q(received_on__isnull=False, **_in(p, "received_on"))
           | Q(received_on__isnull=True, **_in(p, "issued_on")), records_list="chung-thu-so",
           each=_each(lambda p: DigitalCertificate.objects.annotate(received=Coalesce("received_on", "issued_on"))
                      .filter(**_in(p, "received"))))  # fmt: skip
def certificates_received(units, period):
    return (
        _certificates(units)
        .annotate(received=Coalesce("received_on", "issued_on"))
        .filter(**_in(period, "received"))
        .count()
    )


@_register("certificates_valid", _("Chứng thư số còn hiệu lực (cuối kỳ)"), C, LAST,
           records=lambda p: queries.valid_certificates_q(p.end), records_list="chung-thu-so",
           each=_each(lambda p: DigitalCertificate.objects.filter(queries.valid_certificates_q(p.end))))  # fmt: skip
def certificates_valid(units, period):
    return _certificates(units).filter(queries.valid_certificates_q(period.end)).count()


@_register("certificates_revoked", _("Chứng thư số bị thu hồi trong kỳ"), C, SUM,
           records=lambda p: Q(**_in(p, "revoked_on")), records_list="chung-thu-so",
           each=_each(lambda p: DigitalCertificate.objects.filter(**_in(p, "revoked_on"))))  # fmt: skip
def certificates_revoked(units, period):
    return _certificates(units).filter(**_in(period, "revoked_on")).count()


# ---------------------------------------------------------------- official e-mail


def _latest_report(period):
    """Each unit's latest report of accounts on or before the end of the period."""
    latest = (
        EmailAccounts.objects.filter(unit=OuterRef("unit"), on__lte=period.end)
        .order_by("-on")
        .values("on")[:1]
    )
    return Q(on__lte=period.end, on=Subquery(latest))


def _accounts(units, period):
    return EmailAccounts.objects.filter(territory_q(units), _latest_report(period)).aggregate(
        accounts=Coalesce(Sum("accounts"), 0), active=Coalesce(Sum("active_accounts"), 0)
    )


ACCOUNTS_EACH = _each(
    lambda p: EmailAccounts.objects.filter(_latest_report(p)),
    {"accounts": Sum("accounts"), "active": Sum("active_accounts")},
)


@_register("email_accounts", _("Hộp thư điện tử công vụ được cấp (cuối kỳ)"), C, LAST,
           records=_latest_report, records_list="hop-thu-cong-vu", records_sum="accounts",
           each=ACCOUNTS_EACH, derive=lambda f: f["accounts"])  # fmt: skip
def email_accounts(units, period):
    return _accounts(units, period)["accounts"]


@_register("email_active_accounts", _("Hộp thư điện tử công vụ đang sử dụng (cuối kỳ)"), C, LAST,
           records=_latest_report, records_list="hop-thu-cong-vu",
           records_sum="active_accounts", each=ACCOUNTS_EACH, derive=lambda f: f["active"])  # fmt: skip
def email_active_accounts(units, period):
    return _accounts(units, period)["active"]


def _survey(units, period):
    return EmailSurvey.objects.filter(territory_q(units), **_in(period, "surveyed_on")).aggregate(
        respondents=Coalesce(Sum("respondents"), 0),
        proficient=Coalesce(Sum("proficient"), 0),
        regular=Coalesce(Sum("regular"), 0),
    )


SURVEY_EACH = _each(
    lambda p: EmailSurvey.objects.filter(**_in(p, "surveyed_on")),
    {k: Sum(k) for k in ("respondents", "proficient", "regular")},
)


@_register("email_proficient_share", _("Tỷ lệ CBCC sử dụng thành thạo thư điện tử"), P, RATIO,
           _("Người sử dụng thành thạo / người được khảo sát trong kỳ × 100."),
           records=lambda p: Q(**_in(p, "surveyed_on")), records_list="khao-sat-thu-dien-tu",
           each=SURVEY_EACH, derive=lambda f: share(f["proficient"], f["respondents"]))  # fmt: skip
def email_proficientshare(units, period):
    f = _survey(units, period)
    return share(f["proficient"], f["respondents"])


@_register("email_regular_share", _("Tỷ lệ CBCC thường xuyên sử dụng thư điện tử trong công việc"),
           P, RATIO, _("Người dùng thường xuyên / người được khảo sát trong kỳ × 100."),
           records=lambda p: Q(**_in(p, "surveyed_on")), records_list="khao-sat-thu-dien-tu",
           each=SURVEY_EACH, derive=lambda f: share(f["regular"], f["respondents"]))  # fmt: skip
def email_regularshare(units, period):
    f = _survey(units, period)
    return share(f["regular"], f["respondents"])
