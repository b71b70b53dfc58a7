"""Reads: scoped establishments, certificates about to expire, unlicensed establishments."""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone

from tttt.core.text import fold
from tttt.org.queries import restrict_to_scope

from .models import Certificate, Establishment, valid_certificate_q

WARN_DAYS = (60, 30)


def scoped_establishments(
    user, perm="establishments.view_establishment"
) -> QuerySet[Establishment]:
    """The establishments of the scope where the user holds `perm` (the one scoped read)."""
    return restrict_to_scope(Establishment.objects.all(), user, perm=perm)


def scoped_certificates(user) -> QuerySet[Certificate]:
    return restrict_to_scope(
        Certificate.objects.all(),
        user,
        unit_field="establishment__unit",
        perm="establishments.view_establishment",
    )


def expiring(qs: QuerySet[Certificate], within_days: int, today: date | None = None):
    """Valid certificates whose validity (with any extension) ends within `within_days`."""
    today = today or timezone.localdate()
    return (
        qs.filter(valid_certificate_q(today), establishment__status=Establishment.Status.ACTIVE)
        .annotate(expires=Coalesce("extended_until", "valid_until"))
        .filter(expires__lte=today + timedelta(days=within_days))
        .order_by("expires")
    )


def without_valid_certificate(qs: QuerySet[Establishment], today: date | None = None):
    """Active establishments of a type that needs a certificate, with none valid today."""
    today = today or timezone.localdate()
    valid = Certificate.objects.filter(valid_certificate_q(today), establishment=OuterRef("pk"))
    return (
        qs.filter(status=Establishment.Status.ACTIVE)
        .exclude(business_type__certificate_name="")
        .exclude(Exists(valid))
    )


def matching(qs, text: str, *, via: str = "", numbers: tuple[str, ...] = ()):
    """Records matching every word of `text`, diacritics ignored, in their establishment's
    name, owner, address, business type, commune or district ("karaoke luong tai" finds the
    karaoke businesses of Lương Tài), or in their own `numbers` ("05/gcn"). `via` leads from
    the records to their establishment ("establishment__")."""
    for typed in text.split():
        word = fold(typed)
        condition = (
            Q(**{f"{via}search_name__contains": word})
            | Q(**{f"{via}business_type__code__contains": word})
            | Q(**{f"{via}unit__search_name__contains": word})
            | Q(**{f"{via}unit__parent__search_name__contains": word})
        )
        for field in numbers:  # a number as typed, or in capitals ("09/qđ" finds "09/QĐ":
            # SQLite folds the case of ASCII letters only)
            condition |= Q(**{f"{field}__icontains": typed}) | Q(
                **{f"{field}__contains": typed.upper()}
            )
        qs = qs.filter(condition)
    return qs
