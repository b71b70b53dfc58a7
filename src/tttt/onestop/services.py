"""Every change to procedures and dossiers. Views, admin, API and commands call these.

The dossier's life is one state machine (`ACTIONS`): an action allowed from the current
status, by a user holding its permission on the dossier's unit, moves it to the next
status and writes one line of the control sheet (`DossierEvent`). A stale form (the
dossier changed since the officer loaded it) is refused with a clear message.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tttt.core.calendar import get_calendar
from tttt.core.errors import Conflict, refuse
from tttt.core.sequences import advance_to, next_value
from tttt.core.uploads import upload_problems
from tttt.org.auth import log_event
from tttt.org.models import SecurityEvent, Unit
from tttt.org.queries import user_can
from tttt.org.services import acting

from . import queries
from .errors import OnestopError as E
from .models import (
    Channel,
    Dossier,
    DossierEvent,
    DossierFile,
    DossierItem,
    DossierPause,
    Procedure,
    Rating,
    Status,
    Timing,
)

RECEIVE = "onestop.receive_dossier"
PROCESS = "onestop.process_dossier"
APPROVE = "onestop.approve_dossier"
# Valid province codes in the first three digits of a citizen ID (Circular 59/2021/TT-BCA).
CITIZEN_ID_PROVINCES = {
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34,
    35, 36, 37, 38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67,
    68, 70, 72, 74, 75, 77, 79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
}  # fmt: skip


class ConcurrentChange(Conflict):
    """The dossier changed after the officer loaded it."""


@dataclass(frozen=True)
class Action:
    label: str
    sources: tuple[str, ...]
    target: str | None  # None: the status does not change
    perms: tuple[str, ...]
    needs_reason: bool = False
    needs_assignee: bool = False


_OPEN_FOR_WORK = (Status.RECEIVED, Status.PROCESSING, Status.SUPPLEMENT, Status.AWAITING_APPROVAL)

ACTIONS: dict[str, Action] = {
    "assign": Action(
        gettext_lazy("Phân công xử lý"),
        (Status.RECEIVED, Status.PROCESSING),
        Status.PROCESSING,
        (RECEIVE, PROCESS, APPROVE),
        needs_assignee=True,
    ),
    "forward": Action(
        gettext_lazy("Chuyển người khác xử lý"),
        (Status.PROCESSING,),
        Status.PROCESSING,
        (PROCESS, APPROVE),
        needs_assignee=True,
    ),
    "request_supplement": Action(
        gettext_lazy("Yêu cầu bổ sung hồ sơ"),
        (Status.RECEIVED, Status.PROCESSING),
        Status.SUPPLEMENT,
        (RECEIVE, PROCESS),
        needs_reason=True,
    ),
    "supplement_received": Action(
        gettext_lazy("Nhận hồ sơ bổ sung"),
        (Status.SUPPLEMENT,),
        Status.PROCESSING,
        (RECEIVE, PROCESS),
    ),
    "refuse": Action(
        gettext_lazy("Từ chối tiếp nhận"), (Status.RECEIVED,), Status.REFUSED, (RECEIVE,), True
    ),
    "submit": Action(
        gettext_lazy("Trình lãnh đạo duyệt"),
        (Status.PROCESSING,),
        Status.AWAITING_APPROVAL,
        (PROCESS,),
    ),
    "send_back": Action(
        gettext_lazy("Trả lại để xử lý tiếp"),
        (Status.AWAITING_APPROVAL,),
        Status.PROCESSING,
        (APPROVE,),
        needs_reason=True,
    ),
    "approve": Action(
        gettext_lazy("Phê duyệt"), (Status.AWAITING_APPROVAL,), Status.APPROVED, (APPROVE,)
    ),
    "deny": Action(
        gettext_lazy("Không chấp thuận (có lý do)"),
        (Status.AWAITING_APPROVAL,),
        Status.DENIED,
        (APPROVE,),
        needs_reason=True,
    ),
    "result_ready": Action(
        gettext_lazy("Có kết quả, chuyển bộ phận một cửa"),
        (Status.APPROVED, Status.DENIED),
        Status.RESULT_READY,
        (RECEIVE, PROCESS),
    ),
    "return": Action(
        gettext_lazy("Trả kết quả cho người nộp"),
        (Status.RESULT_READY,),
        Status.RETURNED,
        (RECEIVE,),
    ),
    "stop": Action(
        gettext_lazy("Dừng giải quyết"), _OPEN_FOR_WORK, Status.STOPPED, (APPROVE,), True
    ),
    "reschedule": Action(
        gettext_lazy("Xin lỗi và hẹn lại ngày trả"), _OPEN_FOR_WORK, None, (PROCESS, APPROVE), True
    ),
}


def allowed_actions(user, dossier: Dossier) -> list[str]:
    """The actions this user may take on this dossier now (for buttons and the API)."""
    result = []
    for code, action in ACTIONS.items():
        if dossier.status not in action.sources:
            continue
        if code == "reschedule" and dossier.rescheduled_at is not None:
            continue
        if any(user_can(user, perm, dossier.unit) for perm in action.perms):
            result.append(code)
    return result


# ---------------------------------------------------------------- deadlines


def cutoff() -> time:
    hours, minutes = settings.TTTT_ONESTOP_CUTOFF.split(":")
    return time(int(hours), int(minutes))


def counting_start(received_at: datetime) -> datetime:
    """When the processing time starts: at or after the cut-off, the next working day."""
    cal = get_calendar()
    local = timezone.localtime(received_at)
    if cal.is_working_day(local.date()) and local.time() < cutoff():
        return cal.next_working_moment(received_at)
    day = cal.next_working_day(local.date())
    start = datetime.combine(day, time(0, 0), tzinfo=local.tzinfo)
    return cal.next_working_moment(start)


def processing_time(procedure: Procedure) -> timedelta:
    cal = get_calendar()
    if procedure.duration_unit == Procedure.DurationUnit.HOUR:
        return timedelta(hours=procedure.duration)
    return cal.day_length * procedure.duration


def classify(resolved_at: datetime, deadline: datetime) -> str:
    """Early: resolved on a day before the deadline's day; on time: by the deadline; else late."""
    if resolved_at > deadline:
        return Timing.LATE
    if timezone.localdate(resolved_at) < timezone.localdate(deadline):
        return Timing.EARLY
    return Timing.ON_TIME


def dossier_code(unit: Unit, received_at: datetime, *, check: bool = True) -> str:
    """`<agency code>-<yymmdd>-<nnnn>`: unique, readable, safe under concurrent intake.
    `check=False` trusts the sequence (the caller retries with a check if the code turns
    out to be taken)."""
    day = timezone.localtime(received_at).strftime("%y%m%d")
    key, prefix = f"onestop.dossier:{unit.code}:{day}", f"{unit.code}-{day}-"
    number = next_value(key)
    if check and Dossier.objects.filter(code=f"{prefix}{number:04d}").exists():
        # Codes of that day were written without the sequence (an import, a backdated
        # intake, the demo): continue after the highest one.
        taken = Dossier.objects.filter(code__startswith=prefix).values_list("code", flat=True)
        highest = max(int(c[len(prefix) :]) for c in taken if c[len(prefix) :].isdigit())
        number = advance_to(key, highest + 1)
    return f"{prefix}{number:04d}"


# ---------------------------------------------------------------- intake


def validate_citizen_id(value: str) -> str | None:
    if not value.isdigit() or len(value) != 12:
        return _("Số CCCD phải gồm đúng 12 chữ số (không có dấu cách).")
    if int(value[:3]) not in CITIZEN_ID_PROVINCES:
        return _("Ba chữ số đầu của số CCCD ({code}) không phải mã tỉnh hợp lệ.").format(
            code=value[:3]
        )
    return None


@dataclass
class Upload:
    name: str
    content: object  # a Django File / UploadedFile
    size: int
    content_type: str = "application/octet-stream"


def _check_uploads(files: list[Upload]) -> list[ValidationError]:
    return [
        problem
        for f in files
        for problem in upload_problems(
            f.content,
            name=f.name,
            size=f.size,
            allowed=settings.TTTT_ONESTOP_FILE_TYPES,
            max_mb=settings.TTTT_ONESTOP_MAX_FILE_MB,
        )  # fmt: skip
    ]


INTAKE_FIELDS = (
    "applicant_kind",
    "applicant_name",
    "citizen_id",
    "organisation_code",
    "phone",
    "email",
    "address",
)


def _new_dossier(
    *, user, procedure, unit, channel, applicant, files, paid_online, digitised, now
) -> tuple[Dossier, dict[str, list[ValidationError]]]:
    """The unsaved dossier and every problem with it (coded), by field."""
    errors: dict[str, list[ValidationError]] = {}

    def problem(field, code, message):
        errors.setdefault(field, []).append(
            message if isinstance(message, ValidationError) else ValidationError(message, code=code)
        )

    if not procedure.is_active:
        problem("procedure", E.PROCEDURE_INACTIVE, _("Thủ tục này đã ngừng áp dụng."))
    elif not procedure.units.filter(pk=unit.pk).exists():
        problem(
            "procedure",
            E.PROCEDURE_NOT_OFFERED,
            _("Thủ tục «{name}» không có trong danh mục tiếp nhận của {unit}.").format(
                name=procedure.name, unit=unit.name
            ),
        )
    if channel == Channel.ONLINE and procedure.online_service == Procedure.OnlineService.NONE:
        problem(
            "channel", E.NO_ONLINE_SERVICE, _("Thủ tục này chưa cung cấp dịch vụ công trực tuyến.")
        )
    if channel not in Channel.values:
        problem("channel", E.BAD_CHANNEL, _("Hình thức nộp không hợp lệ."))
    data = {k: (applicant.get(k) or "").strip() for k in INTAKE_FIELDS}
    data["applicant_kind"] = data["applicant_kind"] or Dossier.ApplicantKind.PERSON
    if data["applicant_kind"] == Dossier.ApplicantKind.PERSON:
        if not data["citizen_id"]:
            problem("citizen_id", E.CITIZEN_ID_MISSING, _("Hãy nhập số CCCD của người nộp."))
        elif message := validate_citizen_id(data["citizen_id"]):
            problem("citizen_id", E.CITIZEN_ID_INVALID, message)
    elif data["citizen_id"] and (message := validate_citizen_id(data["citizen_id"])):
        problem("citizen_id", E.CITIZEN_ID_INVALID, message)
    data["phone"] = data["phone"].replace(" ", "").replace(".", "")
    for error in _check_uploads(files):
        problem("files", None, error)
    received_at = now or timezone.now()
    dossier = Dossier(
        procedure=procedure,
        unit=unit,
        channel=channel,
        status=Status.RECEIVED,
        received_at=received_at,
        received_by=user if user is not None else None,
        fee=procedure.fee,
        paid_online=paid_online and procedure.fee > 0,
        digitised=bool(files) if digitised is None else digitised,
        **data,
    )
    dossier.counted_from = counting_start(received_at)
    dossier.deadline = dossier.due_at = get_calendar().add(
        dossier.counted_from, processing_time(procedure)
    )
    try:
        # Field validators only: the code is generated unique and the dates satisfy the
        # check constraints by construction (the database enforces both anyway).
        dossier.full_clean(
            exclude=["code", "procedure", "unit", "channel", "received_by"],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        for field, field_errors in exc.error_dict.items():
            if field not in errors:  # our own message for the same field is clearer
                errors[field] = field_errors
    return dossier, errors


def intake_problems(
    *, procedure: Procedure, unit: Unit, channel: str, applicant: dict, files: list[Upload]
) -> dict[str, list[ValidationError]]:
    """Every problem `receive_dossier` would refuse, by field, without writing anything:
    a form whose own checks failed still reports these beside them."""
    return _new_dossier(
        user=None, procedure=procedure, unit=unit, channel=channel, applicant=applicant,
        files=files, paid_online=False, digitised=None, now=None,
    )[1]  # fmt: skip


def receive_dossier(
    *,
    user,
    procedure: Procedure,
    unit: Unit,
    channel: str,
    applicant: dict,
    items: list[tuple[int | None, str, int, int]] | None = None,
    files: list[Upload] | None = None,
    paid_online: bool = False,
    digitised: bool | None = None,
    now: datetime | None = None,
) -> Dossier:
    """Receive a dossier at the counter, by post, or online (`user` None for a citizen)."""
    if user is None:
        if channel != Channel.ONLINE:
            raise PermissionDenied(_("Chỉ cán bộ một cửa được tiếp nhận hồ sơ trực tiếp."))
    elif not user_can(user, RECEIVE, unit):
        raise PermissionDenied(_("Bạn không có quyền tiếp nhận hồ sơ cho đơn vị này."))
    files = files or []
    dossier, errors = _new_dossier(
        user=user, procedure=procedure, unit=unit, channel=channel, applicant=applicant,
        files=files, paid_online=paid_online, digitised=digitised, now=now,
    )  # fmt: skip
    if errors:
        raise ValidationError(errors)
    # The day's sequence gives the code; a code already taken (written without the
    # sequence: an import, the demo) shows as a conflict, and the whole intake is made
    # again checking codes — instead of a query for every intake. Inside a caller's
    # transaction a conflict could not be retried, so codes are checked first there.
    retry = not transaction.get_connection().in_atomic_block
    while True:
        try:
            with acting(user):
                dossier.code = dossier_code(unit, dossier.received_at, check=not retry)
                dossier.save(force_insert=True)
                _intake_rows(dossier, user, items, files)
            return dossier
        except IntegrityError:
            dossier.pk = None
            if not retry or not Dossier.objects.filter(code=dossier.code).exists():
                raise
            retry = False


def _intake_rows(dossier: Dossier, user, items, files) -> None:
    DossierItem.objects.bulk_create(
        DossierItem(dossier=dossier, document_id=doc, name=name, originals=o, copies=c)
        for doc, name, o, c in (items or [])
    )
    for f in files:
        DossierFile.objects.create(
            dossier=dossier,
            file=_save_file(dossier, f),
            name=f.name[:200],
            content_type=f.content_type[:100],
            size=f.size,
            uploaded_by=user if user is not None else None,
        )
    event = _event(
        dossier, user, "receive", "", Status.RECEIVED, _("Tiếp nhận hồ sơ"), at=dossier.received_at
    )
    dossier.events_list = [event]  # its timeline as it stands: the API answers with it


def _save_file(dossier: Dossier, upload: Upload):
    from .models import attachment_path, private_storage

    probe = DossierFile(dossier=dossier)
    path = attachment_path(probe, os.path.basename(upload.name))
    return private_storage().save(path, upload.content)


def action_label(code: str) -> str:
    if code == "receive":
        return str(_("Tiếp nhận hồ sơ"))
    action = ACTIONS.get(code)
    return str(action.label) if action else code


def _event(dossier, user, action, from_status, to_status, note="", *, at=None, assignee=None):
    return DossierEvent.objects.create(
        dossier=dossier,
        action=action,
        from_status=from_status,
        to_status=to_status,
        actor=user if user is not None and user.pk else None,
        actor_name=(user.get_full_name() or user.get_username())
        if user is not None and user.pk
        else _("Người nộp (trực tuyến)"),
        assignee=assignee,
        at=at or timezone.now(),
        note=note,
    )


# ---------------------------------------------------------------- processing


def act(
    *,
    user,
    dossier: Dossier | int,
    action: str,
    version: int | None = None,
    reason: str = "",
    assignee=None,
    new_due: datetime | None = None,
    now: datetime | None = None,
) -> Dossier:
    """Take `action` on a dossier. `version` is the version the officer saw (stale → refused)."""
    spec = ACTIONS.get(action)
    if spec is None:
        raise refuse(
            E.UNKNOWN_ACTION,
            _("Thao tác «{action}» không tồn tại.").format(action=action),
            field="action",
        )
    pk = dossier.pk if isinstance(dossier, Dossier) else dossier
    now = now or timezone.now()
    reason = (reason or "").strip()
    with acting(user):
        d = Dossier.objects.select_for_update().select_related("unit").get(pk=pk)
        if not any(user_can(user, perm, d.unit) for perm in spec.perms):
            raise PermissionDenied(
                _("Bạn không có quyền «{action}» đối với hồ sơ của {unit}.").format(
                    action=spec.label, unit=d.unit.name
                )
            )
        if version is not None and d.version != version:
            last = d.events.order_by("-at", "-pk").first()
            raise ConcurrentChange(
                _(
                    "Hồ sơ {code} vừa được {who} cập nhật ({what}, lúc {at}). "
                    "Hãy tải lại trang để xem trạng thái mới rồi thực hiện lại."
                ).format(
                    code=d.code,
                    who=last.actor_name if last else _("người khác"),
                    what=last.get_to_status_display() if last else d.get_status_display(),
                    at=timezone.localtime(last.at).strftime("%H:%M %d/%m/%Y") if last else "",
                )
            )
        if d.status not in spec.sources:
            raise refuse(
                E.WRONG_STATUS,
                _("Không thể «{action}» khi hồ sơ {code} đang ở trạng thái «{status}».").format(
                    action=spec.label, code=d.code, status=d.get_status_display()
                ),
            )
        if spec.needs_reason and not reason:
            raise refuse(E.REASON_MISSING, _("Hãy ghi rõ lý do / nội dung."), field="reason")
        if spec.needs_assignee:
            if assignee is None:
                raise refuse(E.ASSIGNEE_MISSING, _("Hãy chọn người xử lý."), field="assignee")
            if not queries.possible_assignees(d.unit).filter(pk=assignee.pk).exists():
                message = _(
                    "{name} không phải cán bộ của {unit} có quyền xử lý hồ sơ; hãy chọn người khác."
                ).format(name=assignee.get_full_name() or assignee, unit=d.unit.name)
                raise refuse(E.ASSIGNEE_NOT_OF_UNIT, message, field="assignee")
        from_status = d.status
        note = reason
        _apply(
            d, action, spec, user=user, reason=reason, assignee=assignee, new_due=new_due, now=now
        )
        if action == "reschedule":
            note = _("Hẹn lại ngày trả: {due}. Lý do: {reason}").format(
                due=timezone.localtime(d.due_at).strftime("%H:%M %d/%m/%Y"), reason=reason
            )
        elif action in ("assign", "forward"):
            note = (assignee.get_full_name() or assignee.get_username()) + (
                f" — {reason}" if reason else ""
            )
        d.version += 1
        d.save()
        _event(d, user, action, from_status, d.status, note, at=now, assignee=d.assignee)
    return d


def _apply(d: Dossier, action, spec, *, user, reason, assignee, new_due, now):
    cal = get_calendar()
    if spec.target is not None:
        d.status = spec.target
    if action in ("assign", "forward"):
        d.assignee = assignee
    elif action == "request_supplement":
        DossierPause.objects.create(dossier=d, started_at=now, reason=reason)
    elif action == "supplement_received":
        pause = d.pauses.select_for_update().get(ended_at__isnull=True)
        pause.ended_at = now
        pause.save()
        restart = cal.next_working_moment(now)
        d.deadline = cal.add(restart, max(cal.between(pause.started_at, d.deadline), timedelta(0)))
        d.due_at = cal.add(restart, max(cal.between(pause.started_at, d.due_at), timedelta(0)))
    elif action == "send_back":
        last_submit = d.events.filter(action="submit").order_by("-at", "-pk").first()
        if last_submit is not None and last_submit.actor_id:
            d.assignee_id = last_submit.actor_id
        d.decision_note = reason
    elif action in ("deny", "refuse", "stop"):
        d.decision_note = reason
        if action != "deny":
            d.finished_at = now
    elif action == "result_ready":
        d.resolved_at = d.finished_at = now
        d.timing = classify(now, d.deadline)
    elif action == "return":
        d.returned_at = now
    elif action == "reschedule":
        _check_reschedule(d, new_due, now)
        d.due_at = new_due
        d.rescheduled_at = now


def _check_reschedule(d: Dossier, new_due, now):
    cal = get_calendar()
    if d.rescheduled_at is not None:
        raise refuse(
            E.RESCHEDULED_ALREADY,
            _("Hồ sơ {code} đã được hẹn lại một lần; không thể hẹn lại lần nữa.").format(
                code=d.code
            ),
        )
    if cal.between(now, d.due_at) < cal.day_length:
        raise refuse(
            E.RESCHEDULE_TOO_LATE,
            _(
                "Văn bản xin lỗi, hẹn lại phải gửi trước hạn trả ít nhất 01 ngày làm việc "
                "(hạn trả: {due})."
            ).format(due=timezone.localtime(d.due_at).strftime("%H:%M %d/%m/%Y")),
        )
    if new_due is None or new_due <= d.due_at:
        raise refuse(E.NEW_DUE_NOT_LATER, _("Ngày hẹn mới phải sau ngày hẹn cũ."), field="new_due")


def needs_apology(dossier: Dossier, now: datetime | None = None) -> bool:
    """True while the officer can still (and should) send the apology: the dossier is open,
    not rescheduled, and at most two working days remain before its due moment."""
    if not dossier.is_open or dossier.status == Status.SUPPLEMENT:
        return False  # the clock is paused while the applicant supplements
    if dossier.rescheduled_at is not None:
        return False
    cal = get_calendar()
    remaining = cal.between(now or timezone.now(), dossier.due_at)
    return cal.day_length <= remaining <= cal.day_length * 2


# ---------------------------------------------------------------- personal data, citizens


def reveal_personal_data(*, user, dossier: Dossier, request=None) -> dict:
    """The full citizen ID and phone, for roles that need them; every read is logged."""
    if not user_can(user, "onestop.view_personal_data", dossier.unit):
        raise PermissionDenied(_("Bạn không có quyền xem đầy đủ dữ liệu cá nhân của hồ sơ này."))
    log_event(
        SecurityEvent.Kind.PERSONAL_DATA_READ,
        request=request,
        user=user,
        dossier=dossier.code,
        fields=["citizen_id", "phone", "address"],
    )
    return {"citizen_id": dossier.citizen_id, "phone": dossier.phone, "address": dossier.address}


def find_for_citizen(code: str, phone: str) -> Dossier | None:
    """The dossier when both code and phone match; None otherwise (same answer either way)."""
    code = (code or "").strip().upper()
    phone = (phone or "").replace(" ", "").replace(".", "").strip()
    if not code or not phone:
        return None
    return (
        Dossier.objects.select_related("procedure", "unit")
        .filter(code__iexact=code, phone=phone)
        .first()
    )


def rate_dossier(*, code: str, phone: str, rating: int, comment: str = "") -> Dossier:
    try:
        rating = Rating(int(rating))
    except (TypeError, ValueError):
        raise refuse(E.RATING_MISSING, _("Hãy chọn một mức độ hài lòng."), field="rating") from None
    with transaction.atomic():
        dossier = find_for_citizen(code, phone)
        if dossier is None:
            raise refuse(
                E.DOSSIER_NOT_FOUND, _("Không tìm thấy hồ sơ với mã và số điện thoại đã nhập.")
            )
        dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
        if dossier.status != Status.RETURNED:
            raise refuse(E.NOT_RETURNED_YET, _("Chỉ đánh giá được sau khi đã nhận kết quả."))
        if dossier.rating is not None:
            raise refuse(E.RATED_ALREADY, _("Hồ sơ này đã được đánh giá; cảm ơn bạn."))
        dossier.rating = rating
        dossier.rating_comment = (comment or "").strip()[:2000]
        dossier.rated_at = timezone.now()
        dossier.save(update_fields=["rating", "rating_comment", "rated_at"])
    return dossier


# ---------------------------------------------------------------- procedure catalog


def procedure_save(*, user, procedure: Procedure, form=None, units=None) -> Procedure:
    """Create or change a procedure with its papers and steps (from the back-office form,
    or `units` directly); the receiving units must lie in the user's scope."""
    perm = "onestop.change_procedure" if procedure.pk else "onestop.add_procedure"
    if not user.has_perm(perm):
        raise PermissionDenied(_("Bạn không có quyền sửa danh mục thủ tục."))
    chosen = list(form.cleaned_data["units"]) if form is not None else list(units or [])
    outside = [u.name for u in chosen if not user_can(user, perm, u)]
    if outside:
        raise PermissionDenied(
            _("Các đơn vị sau nằm ngoài phạm vi của bạn: {units}.").format(units=", ".join(outside))
        )
    # Units outside the editor's scope keep the procedure in their catalogs.
    kept = [u for u in procedure.units.all() if not user_can(user, perm, u)] if procedure.pk else []
    with acting(user):
        if form is not None:
            procedure = form.save(commit=False)  # applies the papers and steps formsets
        total = sum(step.share for step in procedure.steps.all())
        if total > 100:
            raise refuse(
                E.STEP_SHARES_OVER_100,
                _("Tổng tỷ lệ thời gian các bước là {total}%, vượt 100%.").format(total=total),
            )
        procedure.full_clean(exclude=["search_name"])
        procedure.save()  # a cluster: saves the papers and steps too
        if form is not None:
            form.save_m2m()
        procedure.units.set([*chosen, *kept])
    return procedure


def slip_template_save(*, user, template) -> object:
    """Create or change a printable form; a new version is added with its validity dates."""
    perm = "onestop.change_sliptemplate" if template.pk else "onestop.add_sliptemplate"
    if not user.has_perm(perm):
        raise PermissionDenied(_("Bạn không có quyền sửa mẫu phiếu."))
    from django.template import Template, TemplateSyntaxError

    try:
        Template(template.body)
    except TemplateSyntaxError as exc:
        raise refuse(
            E.TEMPLATE_SYNTAX,
            _("Nội dung mẫu có lỗi cú pháp: {error}").format(error=exc),
            field="body",
        ) from None
    with acting(user):
        template.full_clean()
        template.save()
    return template
