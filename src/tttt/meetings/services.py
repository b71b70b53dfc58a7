"""Writes of meetings: convene (invitees, agenda), add papers, record attendance, conclude
each item with its actions, and issue the conclusion notice: a Word file in the Decree 30
layout registered in the unit's outgoing register, and a task for every action, in one
transaction."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tttt.assignments import services as assignments
from tttt.assignments.models import Task
from tttt.core import decree30
from tttt.core.errors import refuse
from tttt.core.formatting import format_date
from tttt.core.uploads import upload_problems
from tttt.documents import services as documents
from tttt.documents.models import Document, DocumentKind, Register
from tttt.org.models import Unit
from tttt.org.queries import user_can
from tttt.org.services import acting

from .errors import MeetingsError as E
from .models import Action, AgendaItem, Invitee, Meeting, Paper

CONVENE = "meetings.add_meeting"
PREPARE = "meetings.change_meeting"


def _require(user, perm: str, unit: Unit, message: str) -> None:
    if not user_can(user, perm, unit):
        raise PermissionDenied(message)


def _planned(meeting: Meeting) -> None:
    if meeting.status != Meeting.Status.PLANNED:
        raise refuse(E.WRONG_STATUS, _("Cuộc họp đã ban hành kết luận; không thay đổi được nữa."))


def meeting_create(
    *, user, meeting: Meeting, invitees: list[tuple[str, str]], items: list[tuple[str, str]]
) -> Meeting:
    """Convene a meeting: invitees as (name, position), agenda items as (title, presenter)."""
    _require(
        user, CONVENE, meeting.unit, _("Bạn không có quyền triệu tập cuộc họp của đơn vị này.")
    )
    errors = {}
    try:
        meeting.full_clean(exclude=["status", "conclusion_document"])
    except ValidationError as exc:
        errors.update(exc.error_dict)
    if not items:
        errors.setdefault("items", []).append(
            ValidationError(_("Hãy ghi ít nhất một nội dung họp."), code=E.NO_AGENDA)
        )
    if errors:
        raise ValidationError(errors)
    with acting(user):
        meeting.status = Meeting.Status.PLANNED
        meeting.created_by = user
        meeting.save()
        Invitee.objects.bulk_create(
            [Invitee(meeting=meeting, name=n[:150], position=p[:200]) for n, p in invitees]
        )
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(meeting=meeting, order=i, title=t[:300], presenter=p[:200])
                for i, (t, p) in enumerate(items, 1)
            ]
        )
    return meeting


def paper_add(*, user, meeting: Meeting, title: str, item: AgendaItem | None = None,
              document: Document | None = None, upload=None) -> Paper:  # fmt: skip
    _require(
        user, PREPARE, meeting.unit, _("Bạn không có quyền chuẩn bị tài liệu cho cuộc họp này.")
    )
    _planned(meeting)
    errors: dict = {}
    if document is None and upload is None:
        errors.setdefault("file", []).append(
            ValidationError(_("Hãy chọn văn bản trong sổ hoặc tải tệp lên."), code=E.PAPER_EMPTY)
        )
    if document is not None and not user_can(user, "documents.view_document", document.unit):
        errors.setdefault("document", []).append(
            ValidationError(_("Văn bản này nằm ngoài phạm vi của bạn."), code=E.PAPER_OUTSIDE_SCOPE)
        )
    if upload is not None:
        for problem in upload_problems(upload, allowed=settings.TTTT_ONESTOP_FILE_TYPES,
                                       max_mb=settings.TTTT_ONESTOP_MAX_FILE_MB):  # fmt: skip
            errors.setdefault("file", []).append(problem)
    title = (title or "").strip() or (document.excerpt[:300] if document else "")
    if not title:
        errors.setdefault("title", []).append(
            ValidationError(_("Hãy ghi tên tài liệu."), code="required")
        )
    if errors:
        raise ValidationError(errors)
    with acting(user):
        paper = Paper(meeting=meeting, item=item, title=title, document=document)
        if upload is not None:
            paper.file = upload
        paper.save()
    return paper


def attendance_record(*, user, meeting: Meeting, present: set[int]) -> Meeting:
    _require(user, PREPARE, meeting.unit, _("Bạn không có quyền điểm danh cuộc họp này."))
    _planned(meeting)
    ids = set(meeting.invitees.values_list("pk", flat=True))
    if unknown := set(present) - ids:
        raise refuse(
            E.INVITEE_UNKNOWN,
            _("Có người không thuộc thành phần mời (%(n)s).") % {"n": len(unknown)},
        )
    with acting(user):
        meeting.invitees.filter(pk__in=present).update(attended=True)
        meeting.invitees.exclude(pk__in=present).update(attended=False)
    return meeting


def item_conclude(
    *, user, item: AgendaItem, conclusion: str, actions: list[tuple[str, Unit, date]]
) -> AgendaItem:
    """The chair's conclusion on an agenda item and the actions it gives (replacing those
    written before): each (title, office or unit under the meeting's unit, deadline)."""
    meeting = item.meeting
    _require(user, CONVENE, meeting.unit, _("Chỉ lãnh đạo chủ trì ghi kết luận cuộc họp."))
    _planned(meeting)
    errors: dict = {}
    if not (conclusion or "").strip():
        errors.setdefault("conclusion", []).append(
            ValidationError(_("Hãy ghi kết luận."), code=E.CONCLUSION_MISSING)
        )
    day = timezone.localdate(meeting.starts_at)
    for n, (title, assignee, deadline) in enumerate(actions, 1):
        if assignee is None or not assignee.path.startswith(meeting.unit.path):
            errors.setdefault("actions", []).append(ValidationError(
                _("Nhiệm vụ %(n)s: nơi thực hiện phải thuộc đơn vị họp.") % {"n": n}, code=E.ASSIGNEE_OUTSIDE_UNIT))  # fmt: skip
        if deadline is None or deadline < day:
            errors.setdefault("actions", []).append(ValidationError(
                _("Nhiệm vụ %(n)s: hạn phải từ ngày họp (%(d)s) trở đi.") % {"n": n, "d": format_date(day)},
                code=E.DEADLINE_BEFORE_MEETING))  # fmt: skip
        if not (title or "").strip():
            errors.setdefault("actions", []).append(
                ValidationError(_("Nhiệm vụ %(n)s: hãy ghi nội dung.") % {"n": n}, code="required")
            )
    if errors:
        raise ValidationError(errors)
    with acting(user):
        item.conclusion = conclusion.strip()
        item.save(update_fields=["conclusion"])
        item.actions.all().delete()
        Action.objects.bulk_create(
            [
                Action(item=item, title=t.strip()[:300], assignee=a, deadline=d)
                for t, a, d in actions
            ]
        )
    return item


def notice_docx(meeting: Meeting, number_symbol: str, day: date, *, signer_title: str, signer_name: str,
                recipients: list[str]) -> bytes:  # fmt: skip
    """The conclusion notice (thông báo kết luận) as Word, in the Decree 30 layout."""
    unit = meeting.unit
    parent = unit.parent if unit.parent_id else None
    sheet = decree30.Sheet()
    sheet.header(above=f"UBND {parent.name}".upper() if parent else "",
                 body=f"ỦY BAN NHÂN DÂN {unit.name}".upper(), number=f"Số: {number_symbol}",
                 place_date=decree30.place_and_date(unit.short_name or unit.name, day))  # fmt: skip
    chair = f"{meeting.chair_title} {meeting.chair_name}".strip()
    sheet.title(
        "THÔNG BÁO",
        f"Kết luận của {chair} tại cuộc họp {meeting.title[0].lower()}{meeting.title[1:]}",
    )
    attended = [str(i) for i in meeting.invitees.all() if i.attended]
    when = timezone.localtime(meeting.starts_at)
    sheet.body(
        f"Ngày {format_date(when.date())}, tại {meeting.place or unit.name}, {chair} chủ trì cuộc họp "
        f"{meeting.title[0].lower()}{meeting.title[1:]}."
        + (f" Tham dự: {'; '.join(attended)}." if attended else "")
        + f" Sau khi nghe báo cáo và ý kiến của các đại biểu, {chair} kết luận như sau:"
    )
    for item in meeting.items.prefetch_related("actions__assignee"):
        sheet.body(f"{item.order}. {item.title}", bold=True)
        sheet.body(item.conclusion)
        for action in item.actions.all():
            sheet.body(
                f"- Giao {action.assignee.name}: {action.title} (hoàn thành trước ngày {format_date(action.deadline)})."
            )
    sheet.body(
        f"Trên đây là kết luận của {chair}; {unit.name} thông báo để các cơ quan, đơn vị biết, thực hiện."
    )
    sheet.footer(recipients=recipients, signer_title=signer_title, signer_name=signer_name)
    return sheet.bytes()


def meeting_conclude(*, user, meeting: Meeting, register: Register | None, signer_title: str, signer_name: str,
                     recipients: str, on: date | None = None) -> Document:  # fmt: skip
    """Issue the conclusion notice: registered (numbered) in the outgoing register as a
    Word file, and each action of the conclusions made a task, all or nothing."""
    _require(user, CONVENE, meeting.unit, _("Chỉ lãnh đạo chủ trì ban hành kết luận cuộc họp."))
    _planned(meeting)
    items = list(meeting.items.prefetch_related("actions__assignee"))
    errors: dict = {}
    if missing := [str(i.order) for i in items if not i.conclusion]:
        errors.setdefault("conclusion", []).append(ValidationError(
            _("Chưa có kết luận cho nội dung số %(n)s.") % {"n": ", ".join(missing)}, code=E.CONCLUSION_MISSING))  # fmt: skip
    if register is None:
        errors.setdefault("register", []).append(
            ValidationError(_("Hãy chọn sổ văn bản đi."), code="required")
        )
    if not (signer_name or "").strip() or not (signer_title or "").strip():
        errors.setdefault("signer_name", []).append(
            ValidationError(_("Hãy ghi chức vụ và họ tên người ký."), code="required")
        )
    if errors:
        raise ValidationError(errors)
    day = on or timezone.localdate()
    lines = [r.strip() for r in (recipients or "").splitlines() if r.strip()]
    kind = DocumentKind.objects.get(name="Thông báo")
    chair = f"{meeting.chair_title} {meeting.chair_name}".strip()
    with acting(user):
        locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _planned(locked)
        notice = documents.outgoing_register_file(
            user=user, register=register, kind=kind,
            excerpt=f"Kết luận của {chair} tại cuộc họp {meeting.title[0].lower()}{meeting.title[1:]}"[:1000],
            render=lambda number, when: (notice_docx(meeting, number, when, signer_title=signer_title,
                                                     signer_name=signer_name, recipients=lines),
                                         f"thong-bao-ket-luan-{number.replace('/', '-')}.docx"),
            signer_name=signer_name, signer_title=signer_title, recipients=recipients, on=day,
        )  # fmt: skip
        reference = _("Thông báo kết luận số %(n)s ngày %(d)s") % {
            "n": notice.number_symbol,
            "d": format_date(day),
        }
        for item in items:
            for action in item.actions.all():
                task = assignments.task_create(user=user, task=Task(
                    unit=meeting.unit, assignee=action.assignee, source=Task.Source.MEETING,
                    source_reference=reference, title=action.title, content=item.conclusion,
                    assigned_by_name=chair, assigned_on=day, deadline=action.deadline,
                ))  # fmt: skip
                action.task = task
                action.save(update_fields=["task"])
        locked.status = Meeting.Status.CONCLUDED
        locked.conclusion_document = notice
        locked.save(update_fields=["status", "conclusion_document"])
    return notice
