"""Every change to establishments and their certificates (scope and permission checked)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from tttt.core.errors import refuse
from tttt.org.models import Unit
from tttt.org.queries import user_can
from tttt.org.services import acting

from .errors import EstablishmentsError as E
from .models import Certificate, Establishment, StatusChange

EDIT = "establishments.change_establishment"
ADD = "establishments.add_establishment"
CERTIFY = "establishments.change_certificate"


def _require(user, perm, unit: Unit, message):
    if not user_can(user, perm, unit):
        raise PermissionDenied(message)


def establishment_save(*, user, establishment: Establishment, reason: str = "") -> Establishment:
    """Create or change an establishment; a status change is added to its history."""
    perm = EDIT if establishment.pk else ADD
    _require(user, perm, establishment.unit, _("Bạn không có quyền quản lý cơ sở ở đơn vị này."))
    previous = None
    if establishment.pk:
        previous = (
            Establishment.objects.filter(pk=establishment.pk)
            .values_list("status", "unit_id")
            .first()
        )
        if previous and previous[1] != establishment.unit_id:
            old = Unit.objects.get(pk=previous[1])
            _require(user, EDIT, old, _("Cơ sở này thuộc đơn vị ngoài phạm vi của bạn."))
    if establishment.status == Establishment.Status.CLOSED and establishment.closed_on is None:
        establishment.closed_on = timezone.localdate()
    with acting(user):
        establishment.full_clean(exclude=["search_name"])
        establishment.save()
        if previous is None or previous[0] != establishment.status:
            if previous is None:
                on = establishment.opened_on or timezone.localdate()
            elif establishment.status == Establishment.Status.CLOSED:
                on = establishment.closed_on
            else:
                on = timezone.localdate()
            StatusChange.objects.create(
                establishment=establishment,
                status=establishment.status,
                on=on,
                reason=reason,
                actor=user,
            )
    return establishment


def certificate_issue(*, user, certificate: Certificate) -> Certificate:
    _require(
        user,
        "establishments.add_certificate",
        certificate.establishment.unit,
        _("Bạn không có quyền cấp giấy cho cơ sở ở đơn vị này."),
    )
    with acting(user):
        certificate.full_clean()
        certificate.save()
    return certificate


def certificate_extend(*, user, certificate: Certificate, until: date) -> Certificate:
    """One extension, after the current validity (Decree 147/2024 Art. 66: once, ≤ 2 years)."""
    _require(
        user, CERTIFY, certificate.establishment.unit, _("Bạn không có quyền gia hạn giấy này.")
    )
    if certificate.extended_until is not None:
        raise refuse(E.EXTENDED_ALREADY, _("Giấy này đã được gia hạn một lần; không gia hạn thêm."))
    if certificate.valid_until is None or until <= certificate.valid_until:
        raise refuse(
            E.EXTENSION_NOT_LATER,
            _("Ngày gia hạn phải sau ngày hết hiệu lực hiện tại."),
            field="extended_until",
        )
    if (until - certificate.valid_until).days > 731:
        raise refuse(
            E.EXTENSION_TOO_LONG, _("Chỉ được gia hạn tối đa 2 năm."), field="extended_until"
        )
    with acting(user):
        certificate.extended_until = until
        certificate.full_clean()
        certificate.save()
    return certificate


def certificate_suspend(
    *, user, certificate: Certificate, start: date, end: date | None, reason: str
):
    _require(
        user, CERTIFY, certificate.establishment.unit, _("Bạn không có quyền đình chỉ giấy này.")
    )
    if not (reason or "").strip():
        raise refuse(E.REASON_MISSING, _("Hãy ghi lý do đình chỉ."), field="suspension_reason")
    if end is not None and end < start:
        raise refuse(
            E.END_BEFORE_START,
            _("Ngày kết thúc đình chỉ phải sau ngày bắt đầu."),
            field="suspended_until",
        )
    with acting(user):
        certificate.suspended_from, certificate.suspended_until = start, end
        certificate.suspension_reason = reason.strip()
        certificate.full_clean()
        certificate.save()
    return certificate


def certificate_revoke(*, user, certificate: Certificate, on: date, reason: str) -> Certificate:
    _require(
        user, CERTIFY, certificate.establishment.unit, _("Bạn không có quyền thu hồi giấy này.")
    )
    if not (reason or "").strip():
        raise refuse(E.REASON_MISSING, _("Hãy ghi lý do thu hồi."), field="revocation_reason")
    if certificate.revoked_on is not None:
        raise refuse(E.REVOKED_ALREADY, _("Giấy này đã bị thu hồi."))
    with acting(user):
        certificate.revoked_on, certificate.revocation_reason = on, reason.strip()
        certificate.full_clean()
        certificate.save()
    return certificate


def business_type_save(*, user, business_type) -> object:
    perm = (
        "establishments.change_businesstype"
        if business_type.pk
        else "establishments.add_businesstype"
    )
    if not user.has_perm(perm):
        raise PermissionDenied(_("Bạn không có quyền sửa danh mục loại hình kinh doanh."))
    with acting(user):
        business_type.full_clean()
        business_type.save()
    return business_type
