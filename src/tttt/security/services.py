"""Writes of information security: the systems register and its checks; an incident
reported, reclassified, responded to step by step, given its evidence and notices, escalated
to the unit above and closed. Each checks permission on the record's unit, reports every
problem of an input at once, and writes in one transaction with the actor in the audit
trail and a step in the incident's timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tttt.core.calendar import get_calendar
from tttt.core.uploads import upload_problems
from tttt.org.models import Membership, Unit
from tttt.org.queries import user_can
from tttt.org.services import acting

from .errors import SecurityError as E
from .models import (
    ENDED,
    Advisory,
    Incident,
    IncidentEvent,
    IncidentEvidence,
    IncidentNotice,
    IncidentRule,
    IncidentStep,
    InformationSystem,
    ResponseTemplate,
    SystemCheck,
)

REPORT = "security.add_incident"
RESPOND = "security.change_incident"
CLOSE = "security.close_incident"
EVIDENCE_TYPES = ("pdf", "png", "jpg", "jpeg", "txt", "log", "csv", "zip", "eml", "docx", "xlsx")


def _require(user, perm: str, unit: Unit, message: str) -> None:
    if not user_can(user, perm, unit):
        raise PermissionDenied(message)


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _add(errors: dict, field, code, message) -> None:
    errors.setdefault(field, []).append(ValidationError(message, code=code))


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _event(incident, action, user, note: str = "", at=None, **params) -> IncidentEvent:
    return IncidentEvent.objects.create(incident=incident, action=action, actor=user, note=note,
                                        actor_name=_name(user), at=at or timezone.now(),
                                        params=params)  # fmt: skip


# ---------------------------------------------------------------- systems register


def system_problems(system: InformationSystem) -> dict:
    errors: dict = {}
    if system.approved_level is not None:
        if not system.approval_number.strip():
            _add(errors, "approval_number", E.APPROVAL_INCOMPLETE,
                 _("Hãy ghi số quyết định phê duyệt cấp độ."))  # fmt: skip
        if system.approved_on is None:
            _add(errors, "approved_on", E.APPROVAL_INCOMPLETE, _("Hãy ghi ngày phê duyệt cấp độ."))
    if system.approved_on and system.approved_on > timezone.localdate():
        _add(
            errors, "approved_on", E.APPROVED_IN_FUTURE, _("Ngày phê duyệt không thể ở tương lai.")
        )
    return errors


def system_save(*, user, system: InformationSystem) -> InformationSystem:
    perm = "security.change_informationsystem" if system.pk else "security.add_informationsystem"
    _require(
        user, perm, system.unit, _("Bạn không có quyền cập nhật hệ thống thông tin của đơn vị này.")
    )
    _raise(system_problems(system))
    with acting(user):
        system.full_clean()
        system.save()
    return system


def system_check_add(*, user, check: SystemCheck) -> SystemCheck:
    _require(user, "security.add_systemcheck", check.system.unit,
             _("Bạn không có quyền ghi kết quả kiểm tra hệ thống này."))  # fmt: skip
    if check.checked_on and check.checked_on > timezone.localdate():
        raise ValidationError({"checked_on": ValidationError(
            _("Ngày kiểm tra không thể ở tương lai."), code=E.CHECKED_IN_FUTURE)})  # fmt: skip
    if check.report and (problems := upload_problems(check.report, allowed=EVIDENCE_TYPES,
                                                     max_mb=settings.TTTT_ONESTOP_MAX_FILE_MB)):  # fmt: skip
        raise ValidationError({"report": problems})
    with acting(user):
        check.full_clean()
        check.save()
    return check


# ---------------------------------------------------------------- incidents


def rules_for(incident: Incident):
    """The rules in force on the day the incident was detected that apply to it."""
    day = timezone.localdate(incident.detected_at)
    applies = Q(applies_to=IncidentRule.AppliesTo.ALL)
    if incident.severity >= Incident.Severity.HIGH:
        applies |= Q(applies_to=IncidentRule.AppliesTo.SERIOUS)
    if incident.personal_data:
        applies |= Q(applies_to=IncidentRule.AppliesTo.PERSONAL_DATA)
    in_force = Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))
    return IncidentRule.objects.filter(applies & in_force)


def due_at(rule: IncidentRule, detected_at: datetime) -> datetime:
    """When the rule's notice falls due: by the clock (hours, days) or in working days on
    the working-time calendar, as the rule says."""
    if rule.counting == IncidentRule.Counting.HOURS:
        return detected_at + timedelta(hours=rule.amount)
    if rule.counting == IncidentRule.Counting.DAYS:
        return detected_at + timedelta(days=rule.amount)
    return get_calendar().add_working_days(detected_at, rule.amount)


def incident_problems(incident: Incident) -> dict:
    errors: dict = {}
    now = timezone.now()
    if incident.detected_at and incident.detected_at > now + timedelta(minutes=1):
        _add(
            errors,
            "detected_at",
            E.DETECTED_IN_FUTURE,
            _("Thời điểm phát hiện không thể ở tương lai."),
        )
    if (
        incident.detected_at
        and incident.reported_at
        and incident.reported_at < incident.detected_at
    ):
        _add(errors, "detected_at", E.REPORTED_BEFORE_DETECTED,
             _("Thời điểm phát hiện phải trước thời điểm báo cáo."))  # fmt: skip
    if (
        incident.system_id
        and incident.unit_id
        and not incident.unit.path.startswith(incident.system.unit.path)
        and not incident.system.unit.path.startswith(incident.unit.path)
    ):
        _add(
            errors, "system", E.SYSTEM_OUTSIDE_UNIT, _("Hệ thống phải là của đơn vị báo cáo sự cố.")
        )
    return errors


def _sync_notices(incident: Incident) -> list[str]:
    """Add the notices the incident now owes; drop the unsent ones it no longer owes."""
    rules = list(rules_for(incident))
    have = {n.rule_id: n for n in incident.notices.all()}
    added = []
    for rule in rules:
        if rule.pk not in have:
            IncidentNotice.objects.create(incident=incident, rule=rule,
                                          due_at=due_at(rule, incident.detected_at))  # fmt: skip
            added.append(rule.name)
    keep = {r.pk for r in rules}
    incident.notices.filter(sent_at__isnull=True).exclude(rule__in=keep).delete()
    return added


def incident_report(*, user, incident: Incident) -> Incident:
    """Record a reported incident: its notices due under the rules in force, its response
    steps from its type's template, the first entry of its timeline."""
    _require(user, REPORT, incident.unit, _("Bạn không có quyền báo cáo sự cố tại đơn vị này."))
    incident.reporter = user if user and user.pk else None
    incident.reporter_name = incident.reporter_name or _name(user)
    return _record(incident, user)


def _record(incident: Incident, user) -> Incident:
    incident.reported_at = incident.reported_at or timezone.now()
    incident.status = Incident.Status.OPEN
    errors = incident_problems(incident)
    try:  # the model's own checks too, so that every problem is named at once
        incident.full_clean(validate_constraints=not errors)
    except ValidationError as exc:
        for field, problems in exc.error_dict.items():
            errors.setdefault(field, []).extend(problems)
    _raise(errors)
    with acting(user):
        incident.save()
        template = ResponseTemplate.objects.filter(kind=incident.kind).first()
        titles = template.step_titles() if template else [_("Xác minh, đánh giá sự cố"),
                                                          _("Khắc phục, khôi phục hoạt động")]  # fmt: skip
        IncidentStep.objects.bulk_create(
            IncidentStep(incident=incident, order=i, title=t[:250]) for i, t in enumerate(titles, 1)
        )
        _sync_notices(incident)
        _event(incident, IncidentEvent.Action.REPORTED, user, incident.description,
               at=incident.reported_at, severity=incident.severity, kind=incident.kind)  # fmt: skip
    return incident


@dataclass
class CitizenReport:
    """What a citizen tells through the portal: what happened, where it was seen, who they
    are and how to reach them (never published)."""

    kind: str
    title: str
    description: str
    name: str
    contact: str
    seen_at_url: str = ""


CITIZEN_KINDS = [Incident.Kind.PHISHING, Incident.Kind.DEFACEMENT, Incident.Kind.DATA_LEAK,
                 Incident.Kind.OUTAGE, Incident.Kind.DISINFORMATION, Incident.Kind.OTHER]  # fmt: skip


def incident_from_citizen(*, unit: Unit, report: CitizenReport, now=None) -> Incident:
    """A citizen's report from the portal (the portal's form has a honeypot and a rate
    limit): an open incident of low severity in the portal's unit, for its staff to verify,
    reclassify, or dismiss as not an incident."""
    now = now or timezone.now()
    errors: dict = {}
    if report.kind not in CITIZEN_KINDS:
        _add(errors, "kind", "invalid_choice", _("Hãy chọn loại sự việc."))
    for field, value, message in (("title", report.title, _("Hãy ghi tóm tắt sự việc.")),
                                  ("description", report.description, _("Hãy mô tả sự việc.")),
                                  ("name", report.name, _("Hãy ghi họ và tên.")),
                                  ("contact", report.contact, _("Hãy ghi số điện thoại hoặc thư điện tử."))):  # fmt: skip
        if not (value or "").strip():
            _add(errors, field, "required", message)
    _raise(errors)
    lines = [report.description.strip()]
    if report.seen_at_url.strip():
        lines.append(_("Nơi phát hiện: %(u)s") % {"u": report.seen_at_url.strip()})
    lines.append(_("Người phản ánh: %(n)s — liên hệ: %(c)s") % {"n": report.name.strip(),
                                                                 "c": report.contact.strip()})  # fmt: skip
    incident = Incident(unit=unit, title=report.title.strip()[:250], description="\n".join(lines),
                        source=Incident.Source.CITIZEN, kind=report.kind, severity=Incident.Severity.LOW,
                        detected_at=now, reported_at=now, reporter_name=report.name.strip()[:150])  # fmt: skip
    return _record(incident, None)


def _open(incident: Incident) -> Incident:
    locked = Incident.objects.select_for_update().select_related("unit").get(pk=incident.pk)
    if locked.status in ENDED:
        raise ValidationError(
            _("Sự cố đã kết thúc; không cập nhật được nữa."), code=E.INCIDENT_CLOSED
        )
    return locked


def incident_classify(*, user, incident: Incident, kind: str, severity: int,
                      personal_data: bool, note: str = "") -> Incident:  # fmt: skip
    """Change the type, severity or personal-data flag; the notices owed follow."""
    _require(user, RESPOND, incident.unit, _("Bạn không có quyền xử lý sự cố này."))
    with acting(user):
        incident = _open(incident)
        before = {"kind": incident.kind, "severity": incident.severity,
                  "personal_data": incident.personal_data}  # fmt: skip
        incident.kind, incident.severity, incident.personal_data = (
            kind,
            int(severity),
            bool(personal_data),
        )
        incident.full_clean()
        incident.save(update_fields=["kind", "severity", "personal_data"])
        added = _sync_notices(incident)
        _event(incident, IncidentEvent.Action.CLASSIFIED, user, note, before=before,
               added_notices=added)  # fmt: skip
    return incident


def _moment(at, incident: Incident, errors: dict, field: str, code) -> datetime:
    at = at or timezone.now()
    if at < incident.detected_at:
        _add(errors, field, code, _("Thời điểm này không thể trước lúc phát hiện sự cố (%(d)s).") % {
            "d": f"{timezone.localtime(incident.detected_at):%H:%M %d/%m/%Y}"})  # fmt: skip
    if at > timezone.now() + timedelta(minutes=1):
        _add(errors, field, E.DETECTED_IN_FUTURE, _("Thời điểm này không thể ở tương lai."))
    return at


def incident_step_done(*, user, step: IncidentStep, note: str = "", at=None) -> IncidentStep:
    """A response step done; the first one done is when the response began."""
    _require(user, RESPOND, step.incident.unit, _("Bạn không có quyền xử lý sự cố này."))
    with acting(user):
        incident = _open(step.incident)
        step = IncidentStep.objects.select_for_update().get(pk=step.pk)
        errors: dict = {}
        if step.done_at:
            _add(errors, None, E.STEP_DONE, _("Bước «%(s)s» đã hoàn thành.") % {"s": step.title})
        at = _moment(at, incident, errors, "at", E.STEP_BEFORE_DETECTED)
        _raise(errors)
        step.done_at, step.done_by, step.note = at, user, (note or "").strip()
        step.save(update_fields=["done_at", "done_by", "note"])
        if incident.responded_at is None or at < incident.responded_at:
            incident.responded_at = at
        incident.status = Incident.Status.RESPONDING
        incident.save(update_fields=["responded_at", "status"])
        _event(incident, IncidentEvent.Action.STEP_DONE, user, step.note, at=at, step=step.title)
    return step


def incident_step_add(*, user, incident: Incident, title: str) -> IncidentStep:
    _require(user, RESPOND, incident.unit, _("Bạn không có quyền xử lý sự cố này."))
    title = (title or "").strip()
    if not title:
        raise ValidationError(
            {"title": ValidationError(_("Hãy ghi bước xử lý."), code=E.NOTE_MISSING)}
        )
    with acting(user):
        incident = _open(incident)
        last = incident.steps.order_by("-order").values_list("order", flat=True).first() or 0
        step = IncidentStep.objects.create(incident=incident, order=last + 1, title=title[:250])
        _event(
            incident,
            IncidentEvent.Action.NOTE,
            user,
            _("Thêm bước xử lý: %(s)s") % {"s": step.title},
        )
    return step


def incident_evidence_add(
    *, user, incident: Incident, upload, description: str
) -> IncidentEvidence:
    _require(user, RESPOND, incident.unit, _("Bạn không có quyền xử lý sự cố này."))
    errors: dict = {}
    if not (description or "").strip():
        _add(errors, "description", E.NOTE_MISSING, _("Hãy mô tả chứng cứ."))
    if upload is None:
        _add(errors, "upload", "required", _("Hãy chọn tệp chứng cứ."))
    elif problems := upload_problems(
        upload, allowed=EVIDENCE_TYPES, max_mb=settings.TTTT_ONESTOP_MAX_FILE_MB
    ):
        errors.setdefault("upload", []).extend(problems)
    _raise(errors)
    with acting(user):
        incident = _open(incident)
        evidence = IncidentEvidence.objects.create(incident=incident, file=upload, added_by=user,
                                                   description=description.strip()[:250])  # fmt: skip
        _event(incident, IncidentEvent.Action.EVIDENCE, user, evidence.description)
    return evidence


def incident_notice_send(*, user, notice: IncidentNotice, sent_to: str, reference: str = "",
                         at=None) -> IncidentNotice:  # fmt: skip
    """Record that a notice the incident owes was sent: when, to whom, under which number."""
    _require(user, RESPOND, notice.incident.unit, _("Bạn không có quyền xử lý sự cố này."))
    with acting(user):
        incident = _open(notice.incident)
        notice = IncidentNotice.objects.select_for_update().select_related("rule").get(pk=notice.pk)
        errors: dict = {}
        if notice.sent_at:
            _add(errors, None, E.NOTICE_SENT, _("«%(n)s» đã gửi.") % {"n": notice.rule.name})
        if not (sent_to or "").strip():
            _add(errors, "sent_to", E.NOTICE_RECIPIENT_MISSING, _("Hãy ghi nơi nhận."))
        at = _moment(at, incident, errors, "at", E.NOTICE_BEFORE_DETECTED)
        _raise(errors)
        notice.sent_at, notice.sent_to, notice.reference, notice.sent_by = (
            at,
            sent_to.strip()[:300],
            (reference or "").strip()[:120],
            user,
        )
        notice.save(update_fields=["sent_at", "sent_to", "reference", "sent_by"])
        _event(incident, IncidentEvent.Action.NOTICE_SENT, user, notice.rule.name, at=at,
               to=notice.sent_to, reference=notice.reference, on_time=notice.on_time)  # fmt: skip
    return notice


def unit_above(unit: Unit) -> Unit | None:
    """The administrative unit above: a commune's district (or, since 2025, its province)."""
    parent = unit.parent
    while parent is not None and parent.kind == Unit.Kind.OFFICE:
        parent = parent.parent
    if unit.kind == Unit.Kind.OFFICE and parent is not None:  # an office reports through its unit
        parent = parent.parent
    return parent


def _leaders_of(unit: Unit) -> list[str]:
    today = timezone.localdate()
    return list(
        Membership.objects.active_on(today).filter(
            unit=unit, role__permissions__codename="close_incident",
            role__permissions__content_type__app_label="security",
        ).exclude(user__email="").values_list("user__email", flat=True).distinct()
    )  # fmt: skip


def incident_escalate(*, user, incident: Incident, note: str = "") -> Incident:
    """Report the incident to the unit above: its leaders are told by e-mail, and the
    incident shows as reported to them (they already read it in their scope)."""
    _require(user, CLOSE, incident.unit, _("Chỉ lãnh đạo đơn vị báo cáo sự cố lên cấp trên."))
    with acting(user):
        incident = _open(incident)
        if incident.escalated_to_id:
            raise ValidationError(_("Sự cố đã được báo cáo lên %(u)s.") % {"u": incident.escalated_to.name},
                                  code=E.ALREADY_ESCALATED)  # fmt: skip
        above = unit_above(incident.unit)
        if above is None:
            raise ValidationError(
                _("Đơn vị không có cấp trên trong hệ thống."), code=E.NO_UNIT_ABOVE
            )
        incident.escalated_to, incident.escalated_at = above, timezone.now()
        incident.save(update_fields=["escalated_to", "escalated_at"])
        _event(incident, IncidentEvent.Action.ESCALATED, user, note, to=above.name)
        if to := _leaders_of(above):
            url = settings.WAGTAILADMIN_BASE_URL + reverse(
                "security_incidents:inspect", args=[incident.pk]
            )
            send_mail(
                subject=_("[TTTT] Sự cố an toàn thông tin tại %(u)s: %(t)s") % {
                    "u": incident.unit.name, "t": incident.title},
                message="\n".join([
                    _("%(u)s báo cáo sự cố «%(t)s», mức độ %(s)s, phát hiện lúc %(d)s.") % {
                        "u": incident.unit.name, "t": incident.title, "s": incident.get_severity_display(),
                        "d": f"{timezone.localtime(incident.detected_at):%H:%M %d/%m/%Y}"},
                    note, url,
                ]),
                from_email=None, recipient_list=to,
            )  # fmt: skip
    return incident


def incident_close(*, user, incident: Incident, cause: str, lessons: str, at=None) -> Incident:
    """Close the incident: every response step done, every notice owed sent, its cause
    and lessons written. Every missing piece is named at once."""
    _require(user, CLOSE, incident.unit, _("Chỉ lãnh đạo đơn vị kết thúc sự cố."))
    with acting(user):
        incident = _open(incident)
        errors: dict = {}
        if open_steps := list(
            incident.steps.filter(done_at__isnull=True).values_list("title", flat=True)
        ):
            _add(
                errors,
                None,
                E.STEPS_OPEN,
                _("Còn bước xử lý chưa xong: %(s)s.") % {"s": "; ".join(open_steps)},
            )
        if unsent := list(
            incident.notices.filter(sent_at__isnull=True).values_list("rule__name", flat=True)
        ):
            _add(
                errors,
                None,
                E.NOTICES_DUE,
                _("Còn thông báo, báo cáo chưa gửi: %(s)s.") % {"s": "; ".join(unsent)},
            )
        if not (cause or "").strip():
            _add(errors, "cause", E.CAUSE_MISSING, _("Hãy ghi nguyên nhân sự cố."))
        if not (lessons or "").strip():
            _add(errors, "lessons", E.LESSONS_MISSING, _("Hãy ghi bài học kinh nghiệm."))
        at = _moment(at, incident, errors, "at", E.STEP_BEFORE_DETECTED)
        _raise(errors)
        incident.status, incident.closed_at = Incident.Status.CLOSED, at
        incident.cause, incident.lessons = cause.strip(), lessons.strip()
        incident.save(update_fields=["status", "closed_at", "cause", "lessons"])
        _event(incident, IncidentEvent.Action.CLOSED, user, incident.lessons, at=at)
    return incident


def incident_dismiss(*, user, incident: Incident, reason: str) -> Incident:
    """A report found not to be an incident (a citizen's mistaken report, a false alarm):
    ended with the reason, its unsent notices dropped, left out of the figures. Only before
    the response has begun; afterwards it is an incident, and it is closed."""
    _require(user, RESPOND, incident.unit, _("Bạn không có quyền xử lý sự cố này."))
    errors: dict = {}
    if not (reason or "").strip():
        _add(errors, "reason", E.REASON_MISSING, _("Hãy ghi lý do xác định không phải sự cố."))
    with acting(user):
        incident = _open(incident)
        if incident.responded_at is not None or incident.escalated_to_id:
            _add(errors, None, E.NOT_DISMISSIBLE,
                 _("Sự cố đã được xử lý hoặc báo cáo lên cấp trên; hãy kết thúc sự cố thay vì loại bỏ."))  # fmt: skip
        _raise(errors)
        incident.status, incident.closed_at, incident.cause = (
            Incident.Status.DISMISSED,
            timezone.now(),
            reason.strip(),
        )
        incident.save(update_fields=["status", "closed_at", "cause"])
        incident.notices.filter(sent_at__isnull=True).delete()
        _event(incident, IncidentEvent.Action.DISMISSED, user, incident.cause)
    return incident


def incident_note(*, user, incident: Incident, note: str) -> IncidentEvent:
    _require(user, RESPOND, incident.unit, _("Bạn không có quyền xử lý sự cố này."))
    if not (note or "").strip():
        raise ValidationError(
            {"note": ValidationError(_("Hãy ghi nội dung."), code=E.NOTE_MISSING)}
        )
    with acting(user):
        incident = _open(incident)
        return _event(incident, IncidentEvent.Action.NOTE, user, note.strip())


# ---------------------------------------------------------------- advisories on the portal

WRITE_ADVISORY, PUBLISH = "security.add_advisory", "security.publish_advisory"


def advisory_problems(advisory: Advisory) -> dict:
    errors: dict = {}
    for field, message in (("title", _("Hãy nhập tiêu đề.")), ("summary", _("Hãy nhập tóm tắt.")),
                           ("body", _("Hãy nhập nội dung."))):  # fmt: skip
        if not (getattr(advisory, field) or "").strip():
            _add(errors, field, E.ADVISORY_EMPTY, message)
    if advisory.incident_id and advisory.unit_id:
        within = advisory.incident.unit.path.startswith(advisory.unit.path)
        if not within:
            _add(errors, "incident", E.ADVISORY_OUTSIDE_UNIT,
                 _("Sự cố liên quan phải là của đơn vị hoặc đơn vị trực thuộc."))  # fmt: skip
    return errors


def _publish_page(advisory: Advisory, user) -> str:
    from .signals import advisory_published

    urls = [
        url for _r, url in advisory_published.send(Advisory, advisory=advisory, user=user) if url
    ]
    if not urls:
        raise ValidationError(
            _("%(u)s chưa có cổng thông tin điện tử với chuyên mục «An toàn thông tin» để đăng.")
            % {"u": advisory.unit.name}, code=E.NO_PORTAL_SECTION,
        )  # fmt: skip
    return urls[0]


def advisory_save(*, user, advisory: Advisory) -> Advisory:
    """Write or correct an advisory. A published one is corrected on the portal at once,
    so only those who may publish change it then."""
    published = advisory.pk and advisory.status == Advisory.Status.PUBLISHED
    perm = PUBLISH if published else WRITE_ADVISORY
    _require(
        user, perm, advisory.unit, _("Bạn không có quyền soạn cảnh báo, hướng dẫn của đơn vị này.")
    )
    _raise(advisory_problems(advisory))
    with acting(user):
        if advisory.pk is None:
            advisory.written_by = user if user and user.pk else None
        advisory.full_clean()
        advisory.save()
        if published:
            advisory.page_url = _publish_page(advisory, user)
            advisory.save(update_fields=["page_url"])
    return advisory


def advisory_publish(*, user, advisory: Advisory) -> Advisory:
    """Publish the advisory in the "An toàn thông tin" section of the unit's portal (the
    nearest portal up the tree): the leader's approval here is the editorial decision."""
    _require(user, PUBLISH, advisory.unit, _("Chỉ lãnh đạo đơn vị duyệt đăng cảnh báo, hướng dẫn."))
    _raise(advisory_problems(advisory))
    with acting(user):
        advisory = Advisory.objects.select_for_update().select_related("unit").get(pk=advisory.pk)
        advisory.page_url = _publish_page(advisory, user)
        advisory.status, advisory.published_by = Advisory.Status.PUBLISHED, user
        advisory.published_at = advisory.published_at or timezone.now()
        advisory.save(update_fields=["page_url", "status", "published_by", "published_at"])
    return advisory


def advisory_withdraw(*, user, advisory: Advisory) -> Advisory:
    from .signals import advisory_withdrawn

    _require(user, PUBLISH, advisory.unit, _("Chỉ lãnh đạo đơn vị gỡ cảnh báo, hướng dẫn."))
    with acting(user):
        advisory = Advisory.objects.select_for_update().select_related("unit").get(pk=advisory.pk)
        if advisory.status != Advisory.Status.PUBLISHED:
            raise ValidationError(_("Cảnh báo, hướng dẫn này không có trên cổng."),
                                  code=E.ADVISORY_NOT_PUBLISHED)  # fmt: skip
        advisory_withdrawn.send(Advisory, advisory=advisory, user=user)
        advisory.status = Advisory.Status.WITHDRAWN
        advisory.save(update_fields=["status"])
    return advisory
