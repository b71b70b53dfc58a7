"""Writes for periodic reports: open a report for a unit and period, save manual figures and
narrative, submit (computed figures are frozen), return for correction, accept; and the
administrator's catalog entries. Each checks permission and scope, validates, and writes in
one transaction with the actor in the audit trail."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tttt.core.errors import refuse
from tttt.core.formatting import format_number
from tttt.core.periods import Period
from tttt.org.models import Unit
from tttt.org.queries import is_administrator, user_can
from tttt.org.services import acting

from .catalog import catalog, declared_codes
from .errors import ReportingError as E
from .models import (
    Cluster,
    ClusterYear,
    Criterion,
    Distinction,
    ManualIndicator,
    Recommendation,
    Report,
    ReportEvent,
    ReportFigure,
    ReportForm,
    ReportSection,
    Score,
    SupervisionVisit,
)
from .queries import FILL, REVIEW, VIEW, compute_live, due_date

TEXT_FIELDS = ("number", "place", "signed_on", "signer_title", "signer_name", "recipients")


def _require(user, perm: str, unit: Unit | None, message: str) -> None:
    if unit is None or not user_can(user, perm, unit):
        raise PermissionDenied(message)


def _event(report: Report, action: str, user, note: str = "") -> None:
    ReportEvent.objects.create(report=report, action=action, user=user, note=note)


def parse_figure(text) -> Decimal | None:
    """A figure as typed: "10.847", "96,75", "1 500" → Decimal; "" → None."""
    if text is None:
        return None
    if isinstance(text, (int, Decimal)):
        return Decimal(text)
    if isinstance(text, float):
        return Decimal(str(text))
    t = str(text).strip().replace(" ", "").replace("\u00a0", "").rstrip("%")
    if not t:
        return None
    if "," in t:  # Vietnamese: "." groups thousands, "," is the decimal mark
        t = t.replace(".", "").replace(",", ".")
    elif t.count(".") > 1 or (t.count(".") == 1 and len(t.split(".")[1]) == 3):
        t = t.replace(".", "")
    try:
        value = Decimal(t)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


# ---------------------------------------------------------------- reports


def report_open(*, user, form: ReportForm, unit: Unit, period: Period) -> Report:
    """The report of `unit` on `form` for `period`, created (with the form's narrative
    sections) when it does not exist yet."""
    _require(user, FILL, unit, _("Bạn không có quyền lập báo cáo cho đơn vị này."))
    if not form.is_active:
        raise refuse(E.FORM_RETIRED, _("Mẫu báo cáo «%(f)s» không còn dùng.") % {"f": form.name})
    if unit.kind != form.level:
        raise refuse(E.FORM_NOT_FOR_UNIT, _("Mẫu «%(f)s» dành cho đơn vị %(level)s; «%(u)s» là %(kind)s.")
             % {"f": form.name, "level": form.get_level_display(), "u": unit.name,
                "kind": unit.get_kind_display()}, field="unit")  # fmt: skip
    if period.kind != form.period_kind:
        raise refuse(E.WRONG_PERIOD_KIND, _("Mẫu «%(f)s» báo cáo theo %(kind)s; kỳ đã chọn là %(p)s.")
             % {"f": form.name, "kind": form.get_period_kind_display(), "p": period.label}, field="period")  # fmt: skip
    if not unit.is_valid_on(period.end):
        raise refuse(E.UNIT_NOT_VALID, _("«%(u)s» không tồn tại vào ngày cuối kỳ %(d)s; hãy lập báo cáo cho đơn vị "
                       "có hiệu lực khi đó.") % {"u": unit.name, "d": f"{period.end:%d/%m/%Y}"}, field="unit")  # fmt: skip
    existing = Report.objects.filter(
        form=form, unit=unit, period_start=period.start, period_end=period.end
    ).first()
    if existing is not None:
        return existing
    try:
        with acting(user):
            report = Report.objects.create(
                form=form,
                unit=unit,
                period_start=period.start,
                period_end=period.end,
                period_kind=period.kind,
                due_on=due_date(form, period),
            )
            ReportSection.objects.bulk_create(
                ReportSection(report=report, position=i, title=s.title, guidance=s.guidance)
                for i, s in enumerate(form.sections.all(), start=1)
            )
            _event(report, ReportEvent.Action.OPENED, user)
    except IntegrityError:  # opened at the same moment by someone else
        return Report.objects.get(
            form=form, unit=unit, period_start=period.start, period_end=period.end
        )
    return report


def _check_figures(report: Report, values: dict[str, Decimal | None], *, complete: bool) -> None:
    """Every rule on the manual figures (`values` holds all of them); raises one
    ValidationError naming each figure to fix."""
    known = catalog(include_inactive=True)
    items = {i.code: i for i in report.form.indicators.all() if i.code in known}
    errors: dict[str, list[ValidationError]] = {}

    def problem(code, error, message):
        errors.setdefault(code, []).append(ValidationError(message, code=error))

    for code, value in values.items():
        entry = known[code]
        if value is None:
            if complete and items[code].required:
                problem(
                    code,
                    E.VALUE_REQUIRED,
                    _("Hãy nhập «%(name)s» trước khi nộp.") % {"name": entry.name},
                )
            continue
        if message := entry.check(value):
            problem(code, E.BAD_VALUE, message)
    wholes = {known[c].whole_code for c in values if known[c].whole_code}
    whole_values = {c: values[c] for c in wholes if c in values}
    computed_wholes = [known[c] for c in wholes if c in known and known[c].computed]
    if computed_wholes:
        whole_values.update(compute_live(computed_wholes, report.unit, report.window))
    for code, value in values.items():
        whole = known[code].whole_code
        if value is None or not whole or whole_values.get(whole) is None:
            continue
        if value > whole_values[whole]:
            problem(code, E.PART_OVER_WHOLE,
                _("«%(part)s» (%(v)s) không được lớn hơn «%(whole)s» (%(w)s).")
                % {"part": known[code].name, "v": known[code].format(value),
                   "whole": known[whole].name, "w": known[whole].format(whole_values[whole])}
            )  # fmt: skip
    if errors:
        raise ValidationError(errors)


def _manual_values(report: Report) -> dict[str, Decimal | None]:
    known = catalog(include_inactive=True)
    stored = dict(report.figures.filter(computed=False).values_list("code", "value"))
    return {
        i.code: stored.get(i.code)
        for i in report.form.indicators.all()
        if i.code in known and not known[i.code].computed
    }


def report_save(
    *, user, report: Report, figures: dict | None = None, texts: dict | None = None, **fields
) -> Report:
    """Save manual figures (code → text or number; "" clears), narrative sections
    (position → text) and the document fields (number, place, signed_on, signer, recipients).
    Nothing is saved when anything is wrong."""
    _require(user, FILL, report.unit, _("Bạn không có quyền sửa báo cáo của đơn vị này."))
    unknown = set(fields) - set(TEXT_FIELDS)
    if unknown:
        raise refuse(
            E.UNKNOWN_FIELD, _("Không có trường %(f)s.") % {"f": ", ".join(sorted(unknown))}
        )
    with acting(user):
        report = Report.objects.select_for_update().get(pk=report.pk)
        if not report.is_editable:
            raise refuse(
                E.NOT_EDITABLE,
                _("Báo cáo đang ở trạng thái «%(s)s»; không sửa được.")
                % {"s": report.get_status_display()},
            )
        values = _manual_values(report)
        errors: dict[str, list[ValidationError]] = {}
        for code, text in (figures or {}).items():
            if code not in values:
                message = _("Chỉ tiêu «%(c)s» không phải chỉ tiêu nhập tay của mẫu này.") % {
                    "c": code
                }
                errors.setdefault(code, []).append(
                    ValidationError(message, code=E.NOT_ENTERED_BY_HAND)
                )
                continue
            try:
                values[code] = parse_figure(text)
            except ValueError:
                message = _("«%(t)s» không phải một số (ví dụ hợp lệ: 10.847 hoặc 96,75).") % {
                    "t": text
                }
                errors.setdefault(code, []).append(ValidationError(message, code=E.NOT_A_NUMBER))
        if errors:
            raise ValidationError(errors)
        _check_figures(report, values, complete=False)
        for code in figures or {}:
            ReportFigure.objects.update_or_create(
                report=report, code=code, defaults={"value": values[code], "computed": False}
            )
        sections = {s.position: s for s in report.sections.all()}
        for position, text in (texts or {}).items():
            section = sections.get(int(position))
            if section is None:
                raise refuse(
                    E.UNKNOWN_SECTION, _("Báo cáo không có phần số %(p)s.") % {"p": position}
                )
            section.text = (text or "").strip()
            section.save(update_fields=["text"])
        for name, value in fields.items():
            setattr(report, name, value.strip() if isinstance(value, str) else value)
        if fields:
            report.full_clean(exclude=["form", "unit"])
            report.save(update_fields=list(fields))
        _event(report, ReportEvent.Action.SAVED, user)
    return report


def report_submit(*, user, report: Report) -> Report:
    """Submit to the parent unit: every required manual figure present and valid; the
    computed figures are frozen as reported."""
    _require(user, FILL, report.unit, _("Bạn không có quyền nộp báo cáo của đơn vị này."))
    with acting(user):
        report = Report.objects.select_for_update().get(pk=report.pk)
        if not report.is_editable:
            raise refuse(
                E.NOT_SUBMITTABLE,
                _("Báo cáo đang ở trạng thái «%(s)s»; không nộp lại được.")
                % {"s": report.get_status_display()},
            )
        _check_figures(report, _manual_values(report), complete=True)
        known = catalog(include_inactive=True)
        entries = [known[i.code] for i in report.form.indicators.all() if i.code in known]
        for code, value in compute_live(entries, report.unit, report.window).items():
            ReportFigure.objects.update_or_create(
                report=report, code=code, defaults={"value": value, "computed": True}
            )
        now = timezone.now()
        report.status = Report.Status.SUBMITTED
        report.first_submitted_at = report.first_submitted_at or now
        report.submitted_at = now
        report.save(update_fields=["status", "first_submitted_at", "submitted_at"])
        _event(report, ReportEvent.Action.SUBMITTED, user)
    return report


def _review(user, report: Report) -> Report:
    _require(
        user,
        REVIEW,
        report.unit.parent,
        _("Chỉ đơn vị cấp trên của %(u)s mới tiếp nhận hoặc trả lại báo cáo này.")
        % {"u": report.unit.name},
    )
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != Report.Status.SUBMITTED:
        raise refuse(
            E.NOT_AWAITING_REVIEW,
            _("Báo cáo đang ở trạng thái «%(s)s», không phải chờ duyệt.")
            % {"s": report.get_status_display()},
        )
    return report


def report_return(*, user, report: Report, reason: str) -> Report:
    reason = (reason or "").strip()
    if not reason:
        raise refuse(
            E.REASON_MISSING, _("Hãy ghi rõ cần sửa gì để đơn vị báo cáo lại."), field="reason"
        )
    with acting(user):
        report = _review(user, report)
        report.status = Report.Status.RETURNED
        report.save(update_fields=["status"])
        _event(report, ReportEvent.Action.RETURNED, user, reason)
    return report


def report_accept(*, user, report: Report) -> Report:
    with acting(user):
        report = _review(user, report)
        report.status = Report.Status.ACCEPTED
        report.accepted_at = timezone.now()
        report.save(update_fields=["status", "accepted_at"])
        _event(report, ReportEvent.Action.ACCEPTED, user)
    return report


# ---------------------------------------------------------------- catalog and forms


def _require_admin(user) -> None:
    if not is_administrator(user):
        raise PermissionDenied(_("Chỉ quản trị hệ thống mới sửa danh mục chỉ tiêu và mẫu báo cáo."))


def manual_indicator_save(*, user, indicator: ManualIndicator) -> ManualIndicator:
    _require_admin(user)
    if indicator.code in declared_codes():
        raise refuse(
            E.CODE_TAKEN,
            _("Mã «%(c)s» đã là chỉ tiêu tính từ hồ sơ.") % {"c": indicator.code},
            field="code",
        )
    if indicator.whole_code:
        if indicator.whole_code == indicator.code:
            raise refuse(
                E.WHOLE_IS_ITSELF,
                _("Chỉ tiêu không thể là một phần của chính nó."),
                field="whole_code",
            )
        if indicator.whole_code not in catalog(include_inactive=True):
            raise refuse(
                E.UNKNOWN_INDICATOR,
                _("Không có chỉ tiêu mã «%(c)s».") % {"c": indicator.whole_code},
                field="whole_code",
            )
    with acting(user):
        indicator.full_clean()
        indicator.save()
    return indicator


def form_save(*, user, form: ReportForm) -> ReportForm:
    """Save a report form with its indicators and sections (a ClusterableModel: children
    are written with it)."""
    _require_admin(user)
    known = catalog(include_inactive=True)
    codes = [i.code for i in form.indicators.all()]
    missing = [c for c in codes if c not in known]
    if missing:
        raise refuse(
            E.UNKNOWN_INDICATOR, _("Không có chỉ tiêu mã: %(c)s.") % {"c": ", ".join(missing)}
        )
    if len(codes) != len(set(codes)):
        raise refuse(E.INDICATOR_TWICE, _("Mỗi chỉ tiêu chỉ có một lần trong mẫu."))
    with acting(user), transaction.atomic():
        if form.pk:  # reports made on it keep the days they counted and their due dates
            old = ReportForm.objects.select_for_update().get(pk=form.pk)
            changed = (old.period_kind, old.data_window) != (form.period_kind, form.data_window)
            if changed and (made := Report.objects.filter(form=form).count()):
                raise refuse(E.FORM_IN_USE, _(
                    "Đã có %(n)s báo cáo theo mẫu này: không đổi được kỳ báo cáo hay thời gian "
                    "chốt số liệu. Hãy tạo mẫu mới (và ngừng dùng mẫu này)."
                ) % {"n": format_number(made, 0)})  # fmt: skip
        form.full_clean()
        form.save()
    return form


# ---------------------------------------------------------------- supervision visits

VISIT = "reporting.add_supervisionvisit"
EMULATION = "reporting.change_cluster"


def visit_save(*, user, visit: SupervisionVisit) -> SupervisionVisit:
    _require(user, VISIT, visit.unit, _("Bạn không có quyền ghi đoàn giám sát của đơn vị này."))
    if visit.pk:
        old = SupervisionVisit.objects.select_related("unit").get(pk=visit.pk)
        _require(user, VISIT, old.unit, _("Bạn không có quyền sửa đoàn giám sát này."))
    if visit.created_by_id is None:
        visit.created_by = user
    with acting(user):
        visit.full_clean()
        visit.save()
    return visit


def recommendation_add(
    *, user, visit: SupervisionVisit, text: str, assignee: Unit, deadline
) -> Recommendation:
    """A recommendation of `visit`, assigned as a task to `assignee` (an office or unit under
    the visited unit) with its deadline; its follow-up is the task's."""
    from tttt.assignments.models import Task
    from tttt.assignments.services import task_create

    _require(user, VISIT, visit.unit, _("Bạn không có quyền ghi kiến nghị cho đơn vị này."))
    text = (text or "").strip()
    if not text:
        raise refuse(E.TEXT_MISSING, _("Hãy ghi nội dung kiến nghị."), field="text")
    with acting(user):
        task = task_create(
            user=user,
            task=Task(
                unit=visit.unit,
                assignee=assignee,
                source=Task.Source.SUPERVISION,
                source_reference=str(visit)[:300],
                title=text[:300],
                content=text,
                assigned_by_name=visit.leader[:150],
                assigned_on=visit.visited_on,
                deadline=deadline,
            ),
        )
        position = visit.recommendations.count() + 1
        return Recommendation.objects.create(visit=visit, position=position, text=text, task=task)


# ---------------------------------------------------------------- emulation


def _require_organiser(user, cluster: Cluster) -> None:
    _require(user, EMULATION, cluster.organiser,
             _("Chỉ đơn vị tổ chức cụm thi đua mới chấm điểm, phân công cụm trưởng."))  # fmt: skip


def _member_ids(cluster: Cluster) -> set[int]:
    return set(cluster.members.values_list("unit_id", flat=True))


def cluster_year_set(
    *, user, cluster: Cluster, year: int, leader: Unit, deputy: Unit | None
) -> ClusterYear:
    _require_organiser(user, cluster)
    members = _member_ids(cluster)
    if leader.pk not in members or (deputy is not None and deputy.pk not in members):
        raise refuse(E.LEADERS_NOT_IN_CLUSTER, _("Cụm trưởng và cụm phó phải là đơn vị trong cụm."))
    if deputy is not None and leader.pk == deputy.pk:
        raise refuse(E.LEADERS_SAME_UNIT, _("Cụm trưởng và cụm phó phải là hai đơn vị khác nhau."))
    with acting(user):
        entry, _created = ClusterYear.objects.update_or_create(
            cluster=cluster, year=year, defaults={"leader": leader, "deputy": deputy}
        )
    return entry


def points_for(criterion: Criterion, value: Decimal | None) -> Decimal:
    """Full points at the target, in proportion below it, two decimals."""
    from decimal import ROUND_HALF_UP

    if value is None or value <= 0:
        return Decimal(0)
    share = min(Decimal(value) / criterion.target, Decimal(1))
    return (share * criterion.weight).quantize(Decimal("0.01"), ROUND_HALF_UP)


def scores_compute(*, user, cluster: Cluster, year: int) -> int:
    """Compute the points of every indicator-based criterion for every member in `year`
    (recomputed on every call: idempotent). Returns the number of scores written."""
    from tttt.core.indicators import get_indicator
    from tttt.org.indicators import compute_for_unit

    _require_organiser(user, cluster)
    period = Period.year(year)
    written = 0
    members = [m.unit for m in cluster.members.select_related("unit")]
    with acting(user):
        for criterion in cluster.criteria.exclude(indicator_code=""):
            indicator = get_indicator(criterion.indicator_code)
            for unit in members:
                value, _used = compute_for_unit(indicator, unit, period)
                value = None if value is None else Decimal(str(value))
                Score.objects.update_or_create(
                    criterion=criterion, year=year, unit=unit,
                    defaults={"value": value, "points": points_for(criterion, value)},
                )  # fmt: skip
                written += 1
    return written


def score_give(
    *, user, criterion: Criterion, year: int, unit: Unit, points, note: str = ""
) -> Score:
    _require_organiser(user, criterion.cluster)
    if criterion.indicator_code:
        raise refuse(
            E.CRITERION_COMPUTED,
            _("Tiêu chí «%(c)s» tính từ chỉ tiêu, không chấm tay.") % {"c": criterion.name},
        )
    if unit.pk not in _member_ids(criterion.cluster):
        raise refuse(E.UNIT_NOT_IN_CLUSTER, _("%(u)s không thuộc cụm thi đua.") % {"u": unit.name})
    try:
        points = parse_figure(points)
    except ValueError:
        raise refuse(
            E.POINTS_NOT_A_NUMBER,
            _("Điểm «%(p)s» không phải một số.") % {"p": points},
            field="points",
        ) from None
    if points is None or not (0 <= points <= criterion.weight):
        raise refuse(
            E.POINTS_OUTSIDE_RANGE,
            _("Điểm tiêu chí «%(c)s» phải từ 0 đến %(w)s.")
            % {"c": criterion.name, "w": criterion.weight},
            field="points",
        )
    with acting(user):
        score, _created = Score.objects.update_or_create(
            criterion=criterion,
            year=year,
            unit=unit,
            defaults={"points": points, "note": note.strip()},
        )
    return score


def distinctions_set(*, user, cluster: Cluster, year: int, units: list[Unit]) -> None:
    """The units the conference named "xuất sắc tiêu biểu"; each must be excellent."""
    from .queries import standings

    _require_organiser(user, cluster)
    excellent = {row.unit.pk for row in standings(cluster, year).rows if row.title == "excellent"}
    wrong = [u.name for u in units if u.pk not in excellent]
    if wrong:
        raise refuse(
            E.NOT_EXCELLENT,
            _("Chỉ đơn vị hoàn thành xuất sắc mới được chọn xuất sắc tiêu biểu: %(u)s chưa đạt.")
            % {"u": ", ".join(wrong)},
        )
    with acting(user):
        Distinction.objects.filter(cluster=cluster, year=year).delete()
        Distinction.objects.bulk_create(
            Distinction(cluster=cluster, year=year, unit=u) for u in units
        )


def cluster_save(*, user, cluster: Cluster) -> Cluster:
    """Save a cluster with its members and criteria (children written with it)."""
    _require_organiser(user, cluster)
    if cluster.pk:
        _require_organiser(user, Cluster.objects.select_related("organiser").get(pk=cluster.pk))
    known = catalog(include_inactive=True)
    for criterion in cluster.criteria.all():
        if criterion.indicator_code and criterion.indicator_code not in known:
            raise refuse(
                E.UNKNOWN_INDICATOR,
                _("Không có chỉ tiêu mã «%(c)s».") % {"c": criterion.indicator_code},
            )
        if criterion.indicator_code and not criterion.target:
            raise refuse(
                E.TARGET_MISSING,
                _("Tiêu chí «%(c)s» tính từ chỉ tiêu: hãy ghi mức đạt điểm tối đa.")
                % {"c": criterion.name},
            )
    with acting(user):
        cluster.full_clean()
        cluster.save()
    return cluster


# ---------------------------------------------------------------- alerts


def alert_rule_save(*, user, rule):
    """Save a leader's threshold (on a computed indicator, for a unit in their scope), then
    check it at once: the page says straight away whether it is past the threshold. Every
    problem is reported together."""
    from django.core.validators import validate_email

    from .models import AlertRule

    _require(user, VIEW, rule.unit if rule.unit_id else None,
             _("Bạn không được đặt cảnh báo cho đơn vị này."))  # fmt: skip
    if rule.pk:
        old = AlertRule.objects.select_related("unit").get(pk=rule.pk)
        _require(user, VIEW, old.unit, _("Bạn không được sửa ngưỡng cảnh báo này."))
    problems: dict[str, list] = {}
    entry = catalog(include_inactive=True).get(rule.code)
    if entry is None or not entry.computed:
        problems["code"] = [ValidationError(_("Hãy chọn một chỉ tiêu tính từ hồ sơ, sổ sách."),
                                            code=E.NOT_COMPUTED)]  # fmt: skip
    if rule.threshold is None:
        problems["threshold"] = [ValidationError(_("Hãy ghi ngưỡng, ví dụ 90 (%) hoặc 0 (hồ sơ)."),
                                                 code=E.THRESHOLD_MISSING)]  # fmt: skip
    addresses = [
        a.strip() for a in (rule.recipients or "").replace(";", ",").split(",") if a.strip()
    ]
    for address in addresses:
        try:
            validate_email(address)
        except ValidationError:
            problems.setdefault("recipients", []).append(
                ValidationError(
                    _("«%(address)s» không phải địa chỉ thư điện tử.") % {"address": address},
                    code=E.BAD_EMAIL,
                )  # fmt: skip
            )
    if problems:
        raise ValidationError(problems)
    rule.recipients = ", ".join(addresses)
    if rule.created_by_id is None:
        rule.created_by = user
    with transaction.atomic(), acting(user):
        rule.full_clean()
        rule.save()
        if not rule.is_active:
            rule.alerts.filter(closed_at__isnull=True).update(closed_at=timezone.now())
    if rule.is_active:
        evaluate_alerts(rules=[rule])
    return rule


def alert_rule_delete(*, user, rule) -> None:
    _require(user, VIEW, rule.unit, _("Bạn không được xóa ngưỡng cảnh báo này."))
    with acting(user):
        rule.delete()


def evaluate_alerts(*, today=None, rules=None) -> dict[str, int]:
    """Check the active rules (or `rules`): one grouped query per indicator and period for
    all the rules on it (`compute_each`), whatever the number of units. A figure past its
    threshold opens an alert (one at most a rule: a database constraint; its people get an
    e-mail with the link to the records, sent with the write); one back within it closes the
    alert. Returns how many opened, stayed open, closed, and were quiet."""
    from collections import defaultdict

    from tttt.core.indicators import compute_each
    from tttt.org.queries import territories

    from .models import Alert, AlertRule
    from .queries import span_period, to_decimal

    today = today or timezone.localdate()
    if rules is None:
        rules = AlertRule.objects.filter(is_active=True).select_related("unit", "created_by")
    known = catalog(include_inactive=True)
    groups = defaultdict(list)
    for rule in rules:
        if rule.code in known and known[rule.code].computed:
            groups[(rule.code, rule.span)].append(rule)
    counts = {"opened": 0, "open": 0, "closed": 0, "quiet": 0}
    for (code, span), group in groups.items():
        period = span_period(span, today)
        places = territories({r.unit_id: r.unit for r in group}.values(), period.end)
        values = compute_each(
            known[code].indicator, {r.pk: places[r.unit_id] for r in group}, period
        )
        current = {
            a.rule_id: a for a in Alert.objects.filter(rule__in=group, closed_at__isnull=True)
        }
        for rule in group:
            counts[
                _apply_alert(rule, to_decimal(values[rule.pk]), period, current.get(rule.pk))
            ] += 1
    return counts


def _apply_alert(rule, value, period, current) -> str:
    """Open, update or close `rule`'s alert (`current`: its open one) for `value`; a query
    only when something changes or stays past the threshold."""
    from .models import Alert

    now = timezone.now()
    if not rule.breached(value):
        if current is None:
            return "quiet"
        Alert.objects.filter(pk=current.pk, closed_at__isnull=True).update(
            closed_at=now, value=value, checked_at=now
        )
        return "closed"
    if current is not None:
        Alert.objects.filter(pk=current.pk).update(value=value, checked_at=now, period_start=period.start,
                                                   period_end=period.end)  # fmt: skip
        return "open"
    try:
        with transaction.atomic():
            alert = Alert.objects.create(rule=rule, value=value, period_start=period.start,
                                         period_end=period.end, opened_at=now, checked_at=now)  # fmt: skip
            _mail_alert(alert)
    except IntegrityError:  # another worker opened it a moment ago
        return "open"
    return "opened"


def _mail_alert(alert) -> None:
    """The e-mail of a new alert to whoever set the rule and the addresses it names (queued
    in the transaction that opened the alert)."""
    from django.conf import settings
    from django.core.mail import send_mail

    from .queries import alert_records_url

    rule = alert.rule
    to = [rule.created_by.email] if rule.created_by and rule.created_by.email else []
    to += [a.strip() for a in rule.recipients.split(",") if a.strip()]
    if not to:
        return
    known = catalog(include_inactive=True)
    entry = known[rule.code]
    url = alert_records_url(alert, known)
    lines = [
        _("%(unit)s: %(name)s là %(value)s, %(comparison)s ngưỡng %(threshold)s (%(period)s).") % {
            "unit": rule.unit.name, "name": entry.name, "value": entry.format(alert.value),
            "comparison": rule.get_comparison_display(), "threshold": entry.format(rule.threshold),
            "period": alert.period.label},
        _("Cảnh báo tự đóng khi số liệu trở lại trong ngưỡng."),
    ]  # fmt: skip
    if url:
        lines.append(
            _("Các hồ sơ, bản ghi được đếm: %(url)s")
            % {"url": settings.WAGTAILADMIN_BASE_URL + url}
        )
    send_mail(
        subject=_("[TTTT] Cảnh báo: %(name)s — %(unit)s")
        % {"name": entry.name, "unit": rule.unit.name},
        message="\n".join(lines),
        from_email=None,
        recipient_list=list(dict.fromkeys(to)),
    )


# ---------------------------------------------------------------- digital transformation index


def dti_values_save(*, user, dti_set, unit: Unit, year: int, typed: dict) -> int:
    """Save a unit's entered DTI values for `year` (`typed`: criterion → text; empty text
    clears the value). Every problem is reported at once and nothing is written then.
    Returns how many values were written or cleared."""
    from .models import DtiValue

    _require(user, FILL, unit, _("Bạn không có quyền nhập số liệu DTI của đơn vị này."))
    if unit.kind != dti_set.level:
        raise refuse(E.FORM_NOT_FOR_UNIT, _("Bộ chỉ số này đánh giá %(level)s, không phải %(unit)s.")
                     % {"level": dti_set.get_level_display().lower(), "unit": unit.name})  # fmt: skip
    if not dti_set.covers(year):
        raise refuse(
            E.WRONG_PERIOD_KIND, _("Bộ chỉ số này không áp dụng cho năm %(year)s.") % {"year": year}
        )
    problems: dict[str, list] = {}
    parsed = {}
    for criterion, text in typed.items():
        key = f"c{criterion.pk}"
        if criterion.dti_set_id != dti_set.pk:
            problems[key] = [
                ValidationError(_("Tiêu chí không thuộc bộ chỉ số này."), code=E.UNKNOWN_FIELD)
            ]
            continue
        if criterion.computed:
            problems[key] = [ValidationError(_("«%(name)s» tính từ hồ sơ, sổ sách, không nhập tay.")
                                             % {"name": criterion.name}, code=E.CRITERION_COMPUTED)]  # fmt: skip
            continue
        try:
            value = parse_figure(text)
        except (ValueError, InvalidOperation):
            problems[key] = [ValidationError(_("«%(text)s» không phải một số.") % {"text": text},
                                             code=E.NOT_A_NUMBER)]  # fmt: skip
            continue
        if value is not None and value < 0:
            problems[key] = [ValidationError(_("Số liệu không được âm."), code=E.BAD_VALUE)]
            continue
        parsed[criterion] = value
    if problems:
        raise ValidationError(problems)
    written = 0
    with transaction.atomic(), acting(user):
        for criterion, value in parsed.items():
            if value is None:
                written += DtiValue.objects.filter(
                    criterion=criterion, unit=unit, year=year
                ).delete()[0]
                continue
            DtiValue.objects.update_or_create(criterion=criterion, unit=unit, year=year,
                                              defaults={"value": value, "entered_by": user,
                                                        "entered_at": timezone.now()})  # fmt: skip
            written += 1
    return written


def dti_set_save(*, user, dti_set):
    """Save a DTI set with its criteria (administrators): each computed criterion names a
    computed indicator."""
    _require_admin(user)
    known = catalog(include_inactive=True)
    wrong = [c.indicator for c in dti_set.criteria.all() if c.indicator and not (
        c.indicator in known and known[c.indicator].computed)]  # fmt: skip
    if wrong:
        raise refuse(
            E.UNKNOWN_INDICATOR,
            _("Không có chỉ tiêu tính từ hồ sơ mã: %(c)s.") % {"c": ", ".join(wrong)},
        )
    with transaction.atomic(), acting(user):
        dti_set.full_clean()
        dti_set.save()
    return dti_set
