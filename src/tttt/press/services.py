"""Writes of the press register: an issue raised by the press registered, assigned as a
task with a deadline, answered (and whether the answer was published); spokespeople and
their statements. Each checks permission on the unit and runs in one transaction."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tttt.assignments import services as assignments
from tttt.assignments.models import Task
from tttt.core.errors import refuse
from tttt.org.models import Unit
from tttt.org.queries import user_can
from tttt.org.services import acting

from .errors import PressError as E
from .models import PressIssue, PressStatement, Spokesperson

REGISTER = "press.add_pressissue"
HANDLE = "press.change_pressissue"
SPOKESPEOPLE = "press.change_spokesperson"
STATEMENTS = "press.add_pressstatement"


def _require(user, perm: str, unit: Unit, message: str) -> None:
    if not user_can(user, perm, unit):
        raise PermissionDenied(message)


def issue_save(*, user, issue: PressIssue) -> PressIssue:
    """Record an article that raises an issue in the unit's field, or correct it before it
    is answered."""
    _require(
        user, REGISTER, issue.unit, _("Bạn không có quyền ghi nhận vấn đề báo nêu ở đơn vị này.")
    )
    if issue.pk and PressIssue.objects.filter(pk=issue.pk, responded_on__isnull=False).exists():
        raise refuse(
            E.ANSWERED, _("Vấn đề này đã có trả lời; không sửa thông tin bài báo được nữa.")
        )
    problems = {}
    if issue.published_on and issue.published_on > timezone.localdate():
        problems["published_on"] = ValidationError(
            _("Ngày đăng không được sau hôm nay."), code="future"
        )
    if issue.concerned_id and not issue.concerned.path.startswith(issue.unit.path):
        problems["concerned"] = ValidationError(
            _("Cơ quan liên quan phải thuộc đơn vị."), code=E.ASSIGNEE_OUTSIDE_UNIT)  # fmt: skip
    try:
        issue.full_clean(exclude=list(problems))
    except ValidationError as error:
        problems = {**error.error_dict, **problems}
    if problems:
        raise ValidationError(problems)
    issue.created_by = issue.created_by or user
    with acting(user):
        issue.save()
    return issue


@transaction.atomic
def issue_assign(*, user, issue: PressIssue, assignee: Unit, deadline: date, note: str = "",
                 on: date | None = None) -> Task:  # fmt: skip
    """Assign the issue to the office or unit that must look into it, with a deadline: a
    task of the assignments register, which refers back to the article."""
    issue = PressIssue.objects.select_for_update().select_related("unit").get(pk=issue.pk)
    _require(user, HANDLE, issue.unit, _("Bạn không có quyền giao xử lý vấn đề này."))
    if issue.task_id:
        raise refuse(E.ALREADY_ASSIGNED, _("Vấn đề này đã được giao xử lý."))
    if issue.responded_on:
        raise refuse(E.ANSWERED, _("Vấn đề này đã có trả lời; không cần giao xử lý nữa."))
    with acting(user):
        task = assignments.task_create(user=user, task=Task(
            unit=issue.unit, assignee=assignee, source=Task.Source.PRESS,
            source_reference=f"{issue.outlet}, {issue.published_on:%d/%m/%Y}: {issue.title}"[:300],
            title=_("Xử lý, trả lời vấn đề báo nêu: %(t)s") % {"t": issue.title[:250]},
            content="\n\n".join(p for p in [note.strip(), issue.summary, issue.url] if p),
            assigned_on=on or timezone.localdate(), deadline=deadline, is_public=False,
            assigned_by_name=user.get_full_name() or user.get_username(),
        ))  # fmt: skip
        issue.task, issue.concerned = task, issue.concerned or assignee
        issue.save(update_fields=["task", "concerned"])
    return task


@transaction.atomic
def issue_respond(*, user, issue: PressIssue, response: str, on: date, published: bool = False,
                  url: str = "") -> PressIssue:  # fmt: skip
    """The unit's answer to the issue, once; published or not (sent to the outlet, put on
    the portal). The task, if any, is completed with it."""
    issue = (
        PressIssue.objects.select_for_update(of=("self",))
        .select_related("unit", "task")
        .get(pk=issue.pk)
    )
    _require(user, HANDLE, issue.unit, _("Bạn không có quyền trả lời vấn đề này."))
    if issue.responded_on:
        raise refuse(E.ANSWERED, _("Vấn đề này đã có trả lời."))
    problems = {}
    response = (response or "").strip()
    if not response:
        problems["response"] = ValidationError(_("Hãy nhập nội dung trả lời, kết quả xử lý."),
                                               code=E.RESPONSE_REQUIRED)  # fmt: skip
    if on is None:
        problems["responded_on"] = ValidationError(_("Hãy nhập ngày trả lời."), code="required")
    elif on < issue.published_on or on > timezone.localdate():
        problems["responded_on"] = ValidationError(
            _("Ngày trả lời phải từ ngày đăng bài (%(d)s) đến hôm nay.") % {"d": f"{issue.published_on:%d/%m/%Y}"},
            code=E.BEFORE_ARTICLE)  # fmt: skip
    if problems:
        raise ValidationError(problems)
    with acting(user):
        issue.response, issue.responded_on = response, on
        issue.response_published, issue.response_url = bool(published), (url or "").strip()
        issue.full_clean()
        issue.save()
        if (issue.task_id and issue.task.status == Task.Status.OPEN and on >= issue.task.assigned_on
                and user_can(user, assignments.MANAGE, issue.task.unit)):  # fmt: skip
            assignments.task_complete(user=user, task=issue.task, on=on, result=response)
    return issue


def spokesperson_save(*, user, person: Spokesperson) -> Spokesperson:
    _require(
        user,
        SPOKESPEOPLE,
        person.unit,
        _("Bạn không có quyền cập nhật người phát ngôn của đơn vị này."),
    )
    with acting(user):
        person.full_clean()
        person.save()
    return person


def statement_save(*, user, statement: PressStatement) -> PressStatement:
    """A statement, press conference or written answer; its spokesperson is the unit's."""
    _require(
        user, STATEMENTS, statement.unit, _("Bạn không có quyền ghi nhận phát ngôn của đơn vị này.")
    )
    problems = {}
    if statement.spokesperson_id and statement.spokesperson.unit_id != statement.unit_id:
        problems["spokesperson"] = ValidationError(
            _("Người phát ngôn phải là của đơn vị."), code=E.SPOKESPERSON_OTHER_UNIT)  # fmt: skip
    if statement.issue_id and statement.issue.unit_id != statement.unit_id:
        problems["issue"] = ValidationError(_("Vấn đề báo nêu phải là của đơn vị."), code="invalid")
    try:
        statement.full_clean(exclude=list(problems))
    except ValidationError as error:
        problems = {**error.error_dict, **problems}
    if problems:
        raise ValidationError(problems)
    statement.created_by = statement.created_by or user
    with acting(user):
        statement.save()
    return statement
