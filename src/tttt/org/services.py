"""Writes for units, memberships and accounts. Views, admin, API and commands call these."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from tttt.core.audit import audit_as
from tttt.core.errors import refuse

from .errors import OrgError as E
from .models import Membership, Role, SecurityEvent, Unit, User
from .queries import invalidate_scopes, user_can


@contextmanager
def acting(user):
    """Run writes in one transaction, attributing audit entries to `user`."""
    with transaction.atomic(), audit_as(user if user is not None and user.pk else None):
        yield


def _require(user, perm: str, unit: Unit | None, message: str):
    if not user_can(user, perm, unit):
        raise PermissionDenied(message)


def _validate_unit(unit: Unit):
    if unit.parent_id and unit.kind == Unit.Kind.PROVINCE:
        raise refuse(
            E.PROVINCE_HAS_NO_PARENT, _("Tỉnh/thành phố không có đơn vị cấp trên."), field="parent"
        )
    if unit.kind != Unit.Kind.PROVINCE and not unit.parent_id:
        raise refuse(E.PARENT_MISSING, _("Hãy chọn đơn vị cấp trên."), field="parent")
    if unit.parent_id and unit.pk and unit.parent.path.startswith(unit.path):
        raise refuse(
            E.PARENT_IN_OWN_SUBTREE,
            _("Không thể chọn chính đơn vị này hoặc đơn vị cấp dưới của nó làm cấp trên."),
            field="parent",
        )
    unit.full_clean(exclude=["path", "search_name"])


def unit_create(*, user, data: dict) -> Unit:
    """Create a unit (usually an office) under a parent in the user's scope."""
    unit = Unit(**data)
    _require(user, "org.add_unit", unit.parent, _("Bạn không có quyền thêm đơn vị tại đây."))
    with acting(user):
        _validate_unit(unit)
        unit.save()
    return unit


def unit_update(*, user, unit: Unit, data: dict) -> Unit:
    """Change a unit; moving it re-roots its whole subtree."""
    _require(user, "org.change_unit", unit, _("Bạn không có quyền sửa đơn vị này."))
    with acting(user):
        old_path = Unit.objects.select_for_update().values_list("path", flat=True).get(pk=unit.pk)
        for field, value in data.items():
            setattr(unit, field, value)
        if unit.parent_id:
            _require(
                user,
                "org.change_unit",
                unit.parent,
                _("Bạn không có quyền chuyển đơn vị sang đơn vị cấp trên này."),
            )
        _validate_unit(unit)
        unit.save()
        if unit.path != old_path:
            _repath_descendants(old_path, unit.path)
    return unit


def _repath_descendants(old: str, new: str):
    descendants = list(
        Unit.objects.filter(path__startswith=old).exclude(path=old).only("pk", "path")
    )
    for d in descendants:
        d.path = new + d.path[len(old) :]
    Unit.objects.bulk_update(descendants, ["path"], batch_size=500)
    transaction.on_commit(invalidate_scopes)  # bulk updates send no signals


def membership_grant(
    *,
    user,
    person: User,
    role: Role,
    unit: Unit,
    valid_from: date,
    valid_to: date | None = None,
    note="",
):
    """Give `person` a role on `unit` for a period."""
    _require(
        user,
        "org.add_membership",
        unit,
        _("Bạn chỉ được phân quyền trong phạm vi đơn vị của mình."),
    )
    if role.is_administrator and not user_can(user, "org.add_unit", unit):
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới được giao vai trò quản trị."))
    membership = Membership(
        user=person, role=role, unit=unit, valid_from=valid_from, valid_to=valid_to, note=note
    )
    with acting(user):
        membership.full_clean()
        membership.save()
    return membership


def membership_update(*, user, membership: Membership, data: dict) -> Membership:
    _require(
        user, "org.change_membership", membership.unit, _("Bạn không có quyền sửa phân quyền này.")
    )
    with acting(user):
        for field, value in data.items():
            setattr(membership, field, value)
        _require(
            user,
            "org.change_membership",
            membership.unit,
            _("Bạn chỉ được phân quyền trong phạm vi đơn vị của mình."),
        )
        membership.full_clean()
        membership.save()
    return membership


def membership_end(*, user, membership: Membership, on: date) -> Membership:
    """End a membership (kept for history rather than deleted)."""
    return membership_update(user=user, membership=membership, data={"valid_to": on})


def membership_delete(*, user, membership: Membership) -> None:
    _require(
        user, "org.delete_membership", membership.unit, _("Bạn không có quyền xóa phân quyền này.")
    )
    with acting(user):
        membership.delete()


def user_disable_idle(*, user: User) -> None:
    """Disable an account unused for the configured number of days (45 by default)."""
    from .auth import log_event

    with acting(None):
        User.objects.filter(pk=user.pk, is_active=True).update(is_active=False)
        user.is_active = False
        log_event(SecurityEvent.Kind.ACCOUNT_DISABLED, user=user, reason="idle")


def users_disable_idle() -> int:
    """Disable every account idle for too long; returns how many were disabled."""
    from .auth import is_idle_too_long

    count = 0
    for person in User.objects.filter(is_active=True).only(
        "pk", "username", "last_login", "date_joined", "is_active"
    ):
        if is_idle_too_long(person):
            user_disable_idle(user=person)
            count += 1
    return count


def shared_save(*, user, record):
    """Save a record of the data every unit shares (rules kept as data, catalogues, the
    sentiment lexicon, the frequency planning): only who holds the model's add or change
    permission (the administrators' role), in one transaction with the actor audited."""
    meta = record._meta
    perm = f"{meta.app_label}.{'change' if record.pk else 'add'}_{meta.model_name}"
    if not user.has_perm(perm):
        raise PermissionDenied(
            _("Bạn không có quyền sửa danh mục «%(x)s».") % {"x": meta.verbose_name_plural}
        )
    with acting(user):
        record.full_clean()
        record.save()
    return record
