"""Inspections: plans and their targets, records saved as the inspector goes, violations
and penalty decisions (within the rule's range; issued once, corrected by a new one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tttt.core.errors import Conflict, refuse
from tttt.core.formatting import format_money
from tttt.core.uploads import upload_problems
from tttt.establishments.models import Establishment
from tttt.org.models import Unit
from tttt.org.queries import restrict_to_scope, user_can
from tttt.org.services import acting

from .errors import InspectionsError as E
from .models import (
    CheckItem,
    Inspection,
    InspectionPlan,
    PenaltyDecision,
    PlanTarget,
    Recall,
    RecallCheck,
    Regulation,
    Tip,
    Violation,
)

PLAN = "inspections.change_inspectionplan"
INSPECT = "inspections.change_inspection"
PENALISE = "inspections.add_penaltydecision"
HANDLE_TIP = "inspections.change_tip"
RECALL = "inspections.add_recall"
CHECK_RECALL = "inspections.change_recallcheck"


class StaleRecord(Conflict):
    """The record changed on another device since this one loaded it."""


def _require(user, perm, unit: Unit, message: str):
    if not user_can(user, perm, unit):
        raise PermissionDenied(message)


def rules_in_force(business_type, day: date):
    return (
        Regulation.objects.filter(business_types=business_type, valid_from__lte=day)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=day))
        .order_by("pk")
    )


# ---------------------------------------------------------------- plans


def plan_create(
    *, user, unit: Unit, title: str, start: date, end: date, agencies: str = "", team=()
):
    _require(
        user,
        "inspections.add_inspectionplan",
        unit,
        _("Bạn không có quyền lập kế hoạch ở đơn vị này."),
    )
    with acting(user):
        plan = InspectionPlan(unit=unit, title=title.strip(), period_start=start, period_end=end,
                              team_agencies=agencies.strip())  # fmt: skip
        plan.full_clean()
        plan.save()
        plan.team.set(team)
    return plan


def candidates(
    *, user, plan: InspectionPlan, business_type=None, not_inspected_months: int | None = None
):
    """Active establishments in the plan's unit and the user's scope, optionally of one type
    and not inspected in the last N months before the plan starts."""
    qs = restrict_to_scope(
        Establishment.objects.filter(unit__path__startswith=plan.unit.path, status="active"),
        user,
        perm="inspections.view_inspection",
    )
    if business_type is not None:
        qs = qs.filter(business_type=business_type)
    if not_inspected_months:
        since = plan.period_start - timedelta(days=round(30.44 * not_inspected_months))
        recent = Inspection.objects.filter(establishment=OuterRef("pk"), inspected_on__gte=since)
        qs = qs.exclude(Exists(recent))
    return qs.exclude(plan_targets__plan=plan)


def _refuse_if_done(plan: InspectionPlan, message: str) -> None:
    if plan.status == InspectionPlan.Status.DONE:
        raise refuse(E.PLAN_DONE, message.format(plan=plan.title))


def plan_add_targets(*, user, plan: InspectionPlan, establishments, spread: bool = True) -> int:
    """Add establishments to the plan, scheduled evenly over its working days."""
    from tttt.core.calendar import get_calendar

    _require(user, PLAN, plan.unit, _("Bạn không có quyền sửa kế hoạch này."))
    _refuse_if_done(
        plan, _("Kế hoạch «{plan}» đã hoàn thành; hãy lập kế hoạch mới để kiểm tra thêm cơ sở.")
    )
    cal = get_calendar()
    days = [
        plan.period_start + timedelta(days=i)
        for i in range((plan.period_end - plan.period_start).days + 1)
    ]
    days = [d for d in days if cal.is_working_day(d)] or [plan.period_start]
    rows = list(establishments)
    with acting(user):
        PlanTarget.objects.bulk_create(
            [PlanTarget(plan=plan, establishment=e, scheduled_on=days[i * len(days) // max(len(rows), 1)] if spread else None)
             for i, e in enumerate(rows)],
            ignore_conflicts=True,
        )  # fmt: skip
    return len(rows)


def with_progress(plans):
    """Plans annotated with their number of targets and of closed records (one query)."""
    from django.db.models import Count

    return plans.annotate(
        target_count=Count("targets", distinct=True),
        done_count=Count(
            "targets", filter=Q(targets__inspection__status=Inspection.Status.CLOSED), distinct=True
        ),
    )


def plan_progress(plan: InspectionPlan) -> dict[str, int]:
    if not hasattr(plan, "target_count"):
        plan = with_progress(InspectionPlan.objects.filter(pk=plan.pk)).get()
    targets, done = plan.target_count, plan.done_count
    return {
        "targets": targets,
        "done": done,
        "percent": round(done * 100 / targets) if targets else 0,
    }


# ---------------------------------------------------------------- records


def inspection_start(*, user, establishment: Establishment, on: date, target: PlanTarget | None = None,
                     inspectors=()) -> Inspection:  # fmt: skip
    """Open a record whose checklist holds the rules in force on `on` for that business type."""
    _require(
        user,
        "inspections.add_inspection",
        establishment.unit,
        _("Bạn không có quyền kiểm tra cơ sở này."),
    )
    if target is not None:
        plan = target.plan
        _refuse_if_done(
            plan, _("Kế hoạch «{plan}» đã hoàn thành; không lập thêm biên bản theo kế hoạch này.")
        )
        if not plan.period_start <= on <= plan.period_end:
            raise refuse(E.OUTSIDE_PLAN_PERIOD, _("Ngày kiểm tra phải trong thời gian của kế hoạch, từ {start} đến {end}.").format(
                    start=plan.period_start.strftime("%d/%m/%Y"), end=plan.period_end.strftime("%d/%m/%Y")))  # fmt: skip
    rules = list(rules_in_force(establishment.business_type, on))
    if not rules:
        raise refuse(
            E.NO_RULES_IN_FORCE,
            _(
                "Chưa có quy định nào áp dụng cho «{type}» vào ngày {day}; hãy bổ sung quy định."
            ).format(type=establishment.business_type.name, day=on.strftime("%d/%m/%Y")),
        )
    with acting(user):
        record = Inspection.objects.create(
            establishment=establishment, target=target, inspected_on=on
        )
        record.inspectors.set([user, *inspectors])
        CheckItem.objects.bulk_create(CheckItem(inspection=record, regulation=r) for r in rules)
    return record


def inspection_save(
    *, user, inspection: Inspection | int, version: int, items: dict, findings: str | None = None
):
    """Save what the inspector has filled so far (called on every change from the phone).

    `items` maps check item ids to {"result", "observed", "note"}. A save based on an older
    version (another device saved meanwhile) is refused so nothing is overwritten silently.
    """
    pk = inspection.pk if isinstance(inspection, Inspection) else inspection
    with acting(user):
        record = (
            Inspection.objects.select_for_update().select_related("establishment__unit").get(pk=pk)
        )
        _require(
            user, INSPECT, record.establishment.unit, _("Bạn không có quyền sửa biên bản này.")
        )
        if record.status == Inspection.Status.CLOSED:
            raise refuse(E.RECORD_CLOSED, _("Biên bản đã khóa; không sửa được nữa."))
        if record.version != version:
            raise StaleRecord(
                _(
                    "Biên bản vừa được lưu từ thiết bị khác ({at}). Hãy tải lại để xem bản mới nhất."
                ).format(at=timezone.localtime(record.saved_at).strftime("%H:%M:%S"))
            )
        valid_results = {c for c, _label in CheckItem.Result.choices}
        by_id = {i.pk: i for i in record.items.all()}
        changed = []
        for key, values in (items or {}).items():
            item = by_id.get(int(key))
            if item is None:
                raise refuse(
                    E.ITEM_NOT_OF_RECORD,
                    _("Mục kiểm tra {id} không thuộc biên bản này.").format(id=key),
                )
            result = values.get("result", item.result) or ""
            if result not in valid_results:
                raise refuse(E.BAD_RESULT, _("Kết quả «{r}» không hợp lệ.").format(r=result))
            item.result = result
            item.observed = (values.get("observed", item.observed) or "")[:200]
            item.note = (values.get("note", item.note) or "")[:500]
            changed.append(item)
        CheckItem.objects.bulk_update(changed, ["result", "observed", "note"])
        if findings is not None:
            record.findings = findings
        record.version += 1
        record.saved_at = timezone.now()
        record.save(update_fields=["findings", "version", "saved_at"])
    return record


def inspection_close(*, user, inspection: Inspection) -> Inspection:
    """Lock the record; every failed check becomes a violation."""
    with acting(user):
        record = (
            Inspection.objects.select_for_update()
            .select_related("establishment__unit")
            .get(pk=inspection.pk)
        )
        _require(
            user, INSPECT, record.establishment.unit, _("Bạn không có quyền khóa biên bản này.")
        )
        if record.status == Inspection.Status.CLOSED:
            raise refuse(E.RECORD_CLOSED, _("Biên bản đã khóa."))
        pending = record.items.filter(result="").count()
        if pending:
            raise refuse(E.ITEMS_PENDING, _("Còn {n} mục chưa ghi kết quả.").format(n=pending))
        for item in record.items.filter(result=CheckItem.Result.FAIL).select_related("regulation"):
            Violation.objects.get_or_create(
                inspection=record,
                regulation=item.regulation,
                defaults={"description": f"{item.regulation.title}"
                          + (f" — ghi nhận: {item.observed}" if item.observed else "")},
            )  # fmt: skip
        record.status = Inspection.Status.CLOSED
        record.closed_at = timezone.now()
        record.version += 1
        record.save(update_fields=["status", "closed_at", "version"])
    return record


# ---------------------------------------------------------------- penalties


def _check_amount(violation: Violation, amount: int, organisation: bool, authority: str):
    rule = violation.regulation
    low, high = rule.fine_range(organisation)
    who = _("tổ chức") if organisation else _("cá nhân")
    if low is None or high is None:
        raise refuse(E.NO_FINE_RANGE, _("Quy định «{rule}» không có khung phạt cho {who}, nên không ra quyết định xử phạt theo quy định này. {note}").format(
                    rule=rule.title, who=who, note=rule.no_fine_note), field="amount")  # fmt: skip
    if not low <= amount <= high:
        raise refuse(E.AMOUNT_OUTSIDE_RANGE, _("Số tiền phạt {who} phải từ {low} đến {high} ({basis}).").format(
                who=who, low=format_money(low), high=format_money(high), basis=rule.fine_basis or rule.legal_basis), field="amount")  # fmt: skip
    limit = rule.commune_chair_max
    if (
        authority == PenaltyDecision.Authority.COMMUNE_CHAIR
        and limit is not None
        and amount > limit
    ):
        raise refuse(E.AUTHORITY_LIMIT, _("Chủ tịch UBND cấp xã chỉ được phạt tối đa {limit}; chuyển cấp có thẩm quyền.").format(
                limit=format_money(limit)), field="authority")  # fmt: skip


def penalty_issue(*, user, violation: Violation, number: str, issued_on: date, authority: str, amount: int,
                  organisation: bool, payment_due: date, extra_measures: str = "",
                  follow_up_on: date | None = None, corrects: PenaltyDecision | None = None) -> PenaltyDecision:  # fmt: skip
    unit = violation.inspection.establishment.unit
    _require(user, PENALISE, unit, _("Bạn không có quyền ra quyết định xử phạt ở đơn vị này."))
    _check_amount(violation, amount, organisation, authority)
    if not Inspection.objects.filter(
        pk=violation.inspection_id, status=Inspection.Status.CLOSED
    ).exists():
        raise refuse(E.RECORD_NOT_CLOSED, _("Chỉ xử phạt sau khi biên bản kiểm tra đã khóa."))
    with acting(user):
        if corrects is not None:
            corrects = PenaltyDecision.objects.select_for_update().get(pk=corrects.pk)
            if not corrects.is_current:
                raise refuse(
                    E.CORRECTED_ALREADY,
                    _("Quyết định {n} đã được đính chính rồi.").format(n=corrects.number),
                )
        decision = PenaltyDecision(
            violation=violation, number=number.strip(), issued_on=issued_on, authority=authority,
            offender_is_organisation=organisation, amount=amount, extra_measures=extra_measures.strip(),
            payment_due=payment_due, follow_up_on=follow_up_on, corrects=corrects, created_by=user,
        )  # fmt: skip
        decision.full_clean()
        decision.save()
    return decision


def penalty_mark_paid(*, user, decision: PenaltyDecision, paid_on: date) -> PenaltyDecision:
    unit = decision.violation.inspection.establishment.unit
    _require(user, PENALISE, unit, _("Bạn không có quyền cập nhật quyết định này."))
    if paid_on < decision.issued_on:
        raise refuse(
            E.PAID_BEFORE_ISSUED,
            _("Ngày nộp phạt không thể trước ngày ban hành quyết định."),
            field="paid_on",
        )
    with acting(user):
        PenaltyDecision.objects.filter(pk=decision.pk).update(paid_on=paid_on)
    decision.paid_on = paid_on
    return decision


def regulation_save(*, user, regulation: Regulation, form=None) -> Regulation:
    perm = "inspections.change_regulation" if regulation.pk else "inspections.add_regulation"
    if not user.has_perm(perm):
        raise PermissionDenied(_("Bạn không có quyền sửa danh mục quy định."))
    with acting(user):
        regulation.full_clean()
        regulation.save()
        if form is not None:
            form.save_m2m()
    return regulation


PHOTO_TYPES = {"jpg", "jpeg", "png", "webp", "heic"}


def inspection_add_photo(*, user, inspection: Inspection, upload, caption: str = ""):
    """A photo taken on site, stored outside the web root (served only within scope)."""
    import os

    from django.conf import settings

    from .models import InspectionPhoto

    _require(
        user,
        INSPECT,
        inspection.establishment.unit,
        _("Bạn không có quyền thêm ảnh vào biên bản này."),
    )
    if inspection.status == Inspection.Status.CLOSED:
        raise refuse(E.RECORD_CLOSED, _("Biên bản đã khóa; không thêm ảnh được nữa."))
    if problems := upload_problems(
        upload, allowed=PHOTO_TYPES, max_mb=settings.TTTT_ONESTOP_MAX_FILE_MB
    ):
        raise ValidationError(problems)
    with acting(user):
        photo = InspectionPhoto(inspection=inspection, caption=(caption or "").strip()[:200])
        photo.image.save(os.path.basename(upload.name), upload, save=False)
        photo.save()
    return photo


# ---------------------------------------------------------------- citizens' reports


@dataclass
class TipReport:
    """What a citizen sends on the portal's form."""

    business_type: str  # a business type's code
    place: str
    address: str
    description: str
    reporter_name: str
    reporter_contact: str


def tip_from_citizen(*, unit: Unit, report: TipReport, now=None) -> Tip:
    """A citizen reports a business breaking the rules to `unit` (no account: the portal's
    form has its honeypot and rate limit). It waits for staff as a new report."""
    from tttt.establishments.models import BusinessType

    btype = BusinessType.objects.filter(code=report.business_type, is_active=True).first()
    if btype is None:
        raise refuse(
            E.TYPE_INACTIVE, _("Hãy chọn loại hình cơ sở bị phản ánh."), field="business_type"
        )
    tip = Tip(unit=unit, business_type=btype, received_at=now or timezone.now(),
              **{k: (getattr(report, k) or "").strip() for k in
                 ("place", "address", "description", "reporter_name", "reporter_contact")})  # fmt: skip
    tip.full_clean()
    tip.save()
    return tip


def _open_tip(user, tip: Tip) -> Tip:
    tip = Tip.objects.select_for_update().select_related("unit").get(pk=tip.pk)
    _require(user, HANDLE_TIP, tip.unit, _("Bạn không có quyền xử lý phản ánh này."))
    if tip.status != Tip.Status.NEW:
        raise refuse(E.TIP_HANDLED, _("Phản ánh này đã được xử lý ({status}).").format(
            status=tip.get_status_display()))  # fmt: skip
    return tip


@transaction.atomic
def tip_target(*, user, tip: Tip, plan: InspectionPlan, establishment: Establishment) -> Tip:
    """Make a report an inspection target: the establishment it names (found on the register,
    or added there first) goes into `plan`, scheduled on the plan's next working day."""
    tip = _open_tip(user, tip)
    _require(user, PLAN, plan.unit, _("Bạn không có quyền sửa kế hoạch này."))
    _refuse_if_done(plan, _("Kế hoạch «{plan}» đã hoàn thành; hãy chọn kế hoạch khác."))
    if not establishment.unit.path.startswith(plan.unit.path):
        raise refuse(E.OUTSIDE_UNIT, _("Cơ sở «{e}» không thuộc địa bàn của kế hoạch «{plan}».").format(
            e=establishment.name, plan=plan.title), field="establishment")  # fmt: skip
    today = timezone.localdate()
    with acting(user):
        target, _created = PlanTarget.objects.get_or_create(
            plan=plan, establishment=establishment,
            defaults={"scheduled_on": today if plan.period_start <= today <= plan.period_end
                      else plan.period_start},
        )  # fmt: skip  # a second report of the same place joins the target already there
        tip.status, tip.establishment, tip.target = Tip.Status.TARGETED, establishment, target
        tip.handled_by, tip.handled_at = user, timezone.now()
        tip.save()
    return tip


@transaction.atomic
def tip_dismiss(*, user, tip: Tip, reason: str) -> Tip:
    """No ground to inspect (the place does not exist, it is another authority's…): the
    reason is required and stays with the report."""
    tip = _open_tip(user, tip)
    reason = (reason or "").strip()
    if not reason:
        raise refuse(E.REASON_REQUIRED, _("Hãy ghi lý do không kiểm tra theo phản ánh."),
                     field="reason")  # fmt: skip
    with acting(user):
        tip.status, tip.note = Tip.Status.DISMISSED, reason[:500]
        tip.handled_by, tip.handled_at = user, timezone.now()
        tip.save()
    return tip


# ---------------------------------------------------------------- publication recalls

RECALL_TYPES = ("publication", "printing")  # who may hold a recalled publication


def recall_create(*, user, recall: Recall) -> Recall:
    """Register a recall decision the unit received (every problem named at once)."""
    _require(
        user, RECALL, recall.unit, _("Bạn không có quyền nhập quyết định thu hồi ở đơn vị này.")
    )
    recall.created_by = user
    with acting(user):
        recall.full_clean()
        recall.save()
    return recall


def recall_candidates(recall: Recall):
    """Active sellers and printers on the recall's territory not yet on its list."""
    return Establishment.objects.filter(
        unit__path__startswith=recall.unit.path,
        business_type__code__in=RECALL_TYPES,
        status=Establishment.Status.ACTIVE,
    ).exclude(recall_checks__recall=recall)


@transaction.atomic
def recall_add_sellers(*, user, recall: Recall, establishments) -> int:
    """Put sellers on the recall's list (once each; any outside its territory refused)."""
    _require(user, RECALL, recall.unit, _("Bạn không có quyền sửa danh sách kiểm tra này."))
    rows = list(establishments)
    outside = [e.name for e in rows if not e.unit.path.startswith(recall.unit.path)]
    if outside:
        raise refuse(E.OUTSIDE_UNIT, _("Không thuộc địa bàn của {unit}: {names}.").format(
            unit=recall.unit.name, names=", ".join(outside)), field="establishments")  # fmt: skip
    with acting(user):
        made = RecallCheck.objects.bulk_create(
            [RecallCheck(recall=recall, establishment=e) for e in rows], ignore_conflicts=True
        )
    return len(made)


@transaction.atomic
def recall_check(*, user, check: RecallCheck, result: str, on: date, quantity: int = 0,
                 note: str = "") -> RecallCheck:  # fmt: skip
    """Record what the check of one seller found: nothing, or the copies withdrawn."""
    check = RecallCheck.objects.select_for_update().select_related("recall__unit").get(pk=check.pk)
    _require(
        user, CHECK_RECALL, check.recall.unit, _("Bạn không có quyền ghi kết quả kiểm tra này.")
    )
    if check.result:
        raise refuse(E.CHECK_DONE, _("Kết quả kiểm tra cơ sở này đã được ghi."))
    problems = {}
    if result not in (RecallCheck.Result.NONE_FOUND, RecallCheck.Result.WITHDRAWN):
        problems["result"] = ValidationError(_("Hãy chọn kết quả kiểm tra."), code="invalid")
    if on is None:
        problems["checked_on"] = ValidationError(_("Hãy nhập ngày kiểm tra."), code="required")
    elif on < check.recall.decided_on or on > timezone.localdate():
        problems["checked_on"] = ValidationError(
            _("Ngày kiểm tra phải từ ngày quyết định thu hồi đến hôm nay."), code="invalid")  # fmt: skip
    quantity = quantity or 0
    if result == RecallCheck.Result.WITHDRAWN and quantity <= 0:
        problems["quantity"] = ValidationError(
            _("Hãy nhập số bản đã thu hồi (lớn hơn 0)."), code=E.QUANTITY
        )
    if result == RecallCheck.Result.NONE_FOUND and quantity:
        problems["quantity"] = ValidationError(
            _("Không phát hiện thì số bản thu hồi là 0."), code=E.QUANTITY)  # fmt: skip
    if problems:
        raise ValidationError(problems)
    with acting(user):
        check.result, check.checked_on, check.quantity = result, on, quantity
        check.note, check.checked_by = (note or "").strip()[:300], user
        check.full_clean()
        check.save()
    return check


def tip_record(*, user, tip: Tip) -> Tip:
    """A report taken by phone or in person, recorded by staff as a citizen's report."""
    _require(
        user,
        "inspections.add_tip",
        tip.unit,
        _("Bạn không có quyền ghi nhận phản ánh ở đơn vị này."),
    )
    with acting(user):
        tip.status = Tip.Status.NEW
        tip.full_clean()
        tip.save()
    return tip
