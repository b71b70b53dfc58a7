"""Writes for assigned tasks: assign, report progress (with evidence), extend the deadline,
complete, cancel. Each checks permission on the assigning unit and runs in one transaction
with the actor recorded in the audit trail."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from tttt.core.errors import refuse
from tttt.core.uploads import upload_problems
from tttt.org.models import Unit
from tttt.org.queries import user_can
from tttt.org.services import acting

from .errors import AssignmentsError as E
from .models import Task, TaskProgress

ASSIGN = "assignments.add_task"
REPORT = "assignments.add_taskprogress"
MANAGE = "assignments.change_task"


def _require(user, perm: str, unit: Unit, message: str) -> None:
    if not user_can(user, perm, unit):
        raise PermissionDenied(message)


def task_create(*, user, task: Task) -> Task:
    """Assign a task from `task.unit` to an office or unit under it."""
    _require(user, ASSIGN, task.unit, _("Bạn không có quyền giao nhiệm vụ tại đơn vị này."))
    if task.assignee_id and not task.assignee.path.startswith(task.unit.path):
        raise refuse(
            E.ASSIGNEE_OUTSIDE_UNIT,
            _("Cơ quan thực hiện phải thuộc đơn vị giao nhiệm vụ."),
            field="assignee",
        )
    task.status = Task.Status.OPEN
    task.completed_on = None
    task.created_by = user
    with acting(user):
        task.full_clean()
        task.save()
    return task


def task_report(
    *, user, task: Task, note: str, percent: int, evidence=None, on: date | None = None
) -> TaskProgress:
    """A progress report by the assignee (or the assigning unit)."""
    _require(user, REPORT, task.assignee, _("Bạn không có quyền báo cáo tiến độ nhiệm vụ này."))
    if task.status != Task.Status.OPEN:
        raise refuse(E.TASK_CLOSED, _("Nhiệm vụ đã kết thúc; không báo cáo tiến độ được nữa."))
    progress = TaskProgress(
        task=task,
        note=(note or "").strip(),
        percent=percent,
        author=user,
        reported_on=on or timezone.localdate(),
    )
    if evidence:
        if problems := upload_problems(evidence, allowed=settings.TTTT_ONESTOP_FILE_TYPES,
                                       max_mb=settings.TTTT_ONESTOP_MAX_FILE_MB):  # fmt: skip
            raise ValidationError({"evidence": problems})
        progress.evidence = evidence
    with acting(user):
        progress.full_clean()
        progress.save()
    return progress


def task_extend(*, user, task: Task, deadline: date, reason: str) -> Task:
    """Move the deadline, with the reason kept as a progress note."""
    _require(user, MANAGE, task.unit, _("Bạn không có quyền gia hạn nhiệm vụ này."))
    reason = (reason or "").strip()
    if not reason:
        raise refuse(E.REASON_MISSING, _("Hãy ghi lý do gia hạn."), field="reason")
    with acting(user):
        task = Task.objects.select_for_update().get(pk=task.pk)
        if task.status != Task.Status.OPEN:
            raise refuse(E.TASK_CLOSED, _("Nhiệm vụ đã kết thúc; không gia hạn được."))
        if deadline <= task.deadline:
            raise refuse(
                E.DEADLINE_NOT_LATER,
                _("Hạn mới phải sau hạn hiện tại (%(d)s).") % {"d": f"{task.deadline:%d/%m/%Y}"},
                field="deadline",
            )
        note = _("Gia hạn từ %(old)s đến %(new)s: %(reason)s") % {
            "old": f"{task.deadline:%d/%m/%Y}",
            "new": f"{deadline:%d/%m/%Y}",
            "reason": reason,
        }
        last = (
            task.progress.order_by("-reported_on", "-pk").values_list("percent", flat=True).first()
            or 0
        )
        TaskProgress.objects.create(task=task, note=note, percent=last, author=user)
        task.deadline = deadline
        task.save(update_fields=["deadline"])
    return task


def task_complete(*, user, task: Task, on: date, result: str) -> Task:
    _require(user, MANAGE, task.unit, _("Bạn không có quyền xác nhận hoàn thành nhiệm vụ này."))
    result = (result or "").strip()
    if not result:
        raise refuse(E.RESULT_MISSING, _("Hãy nêu kết quả thực hiện."), field="result")
    with acting(user):
        task = Task.objects.select_for_update().get(pk=task.pk)
        if task.status != Task.Status.OPEN:
            raise refuse(E.TASK_CLOSED, _("Nhiệm vụ đã kết thúc."))
        if on < task.assigned_on:
            raise refuse(
                E.DONE_BEFORE_ASSIGNED, _("Ngày hoàn thành không thể trước ngày giao."), field="on"
            )
        if on > timezone.localdate():
            raise refuse(E.DONE_IN_FUTURE, _("Ngày hoàn thành không thể ở tương lai."), field="on")
        task.status = Task.Status.DONE
        task.completed_on = on
        task.result = result
        task.save(update_fields=["status", "completed_on", "result"])
    return task


def task_cancel(*, user, task: Task, reason: str) -> Task:
    _require(user, MANAGE, task.unit, _("Bạn không có quyền hủy nhiệm vụ này."))
    reason = (reason or "").strip()
    if not reason:
        raise refuse(E.REASON_MISSING, _("Hãy ghi lý do."), field="reason")
    with acting(user):
        task = Task.objects.select_for_update().get(pk=task.pk)
        if task.status != Task.Status.OPEN:
            raise refuse(E.TASK_CLOSED, _("Nhiệm vụ đã kết thúc."))
        task.status = Task.Status.CANCELLED
        task.result = reason
        task.save(update_fields=["status", "result"])
    return task
