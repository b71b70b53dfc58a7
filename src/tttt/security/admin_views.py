"""Back office of information security: the systems register with its periodic checks,
the incidents (report, respond step by step, send the notices owed, escalate, close), and
the rules kept as data. Every write is a service."""

from __future__ import annotations

from django import forms
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup

from tttt.core.admin_views import ActionsOnItsPage, ReadableValues
from tttt.core.errors import CoreError, refuse
from tttt.core.forms import DATE, PlainSelect
from tttt.org.admin_views import (
    ChangedOnItsPage,
    FigureRecords,
    SavedInScope,
    ScopedModelViewSet,
    SharedDataViewSet,
    units_in_scope,
)
from tttt.org.queries import user_can

from . import queries, services
from .models import (
    ENDED,
    Advisory,
    Incident,
    IncidentEvidence,
    IncidentNotice,
    IncidentRule,
    IncidentStep,
    InformationSystem,
    LevelRule,
    ResponseTemplate,
    SystemCheck,
)

MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


# ---------------------------------------------------------------- systems


class ServiceChecks:
    """A form that also runs its service's checks (`problems`) in its validation, so that
    the form's and the service's problems show at once (a field already refused by the
    form is not refused twice)."""

    problems = None
    not_checked: tuple = ()  # fields the service's checks do not read

    def clean(self):
        cleaned = super().clean()
        data = {
            k: v for k, v in cleaned.items() if k in self.Meta.fields and k not in self.not_checked
        }
        for field, problems in type(self).problems(self.Meta.model(**data)).items():
            for problem in problems:
                if field not in self.errors:
                    self.add_error(field, problem)
        return cleaned


class SystemForm(ServiceChecks, forms.ModelForm):
    problems, not_checked = staticmethod(services.system_problems), ("unit",)

    class Meta:
        model = InformationSystem
        fields = ["unit", "name", "kind", "address", "operator", "contact", "users_with_personal_data",
                  "proposed_level", "approved_level", "approval_number", "approved_on",
                  "in_service_since", "retired_on", "note"]  # fmt: skip
        widgets = {"approved_on": DATE, "in_service_since": DATE, "retired_on": DATE,
                   "note": forms.Textarea(attrs={"rows": 2})}  # fmt: skip

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        perm = (
            "security.change_informationsystem"
            if self.instance.pk
            else "security.add_informationsystem"
        )
        self.fields["unit"].queryset = units_in_scope(for_user, perm)
        self.fields["unit"].widget = PlainSelect(choices=self.fields["unit"].choices)


class SystemSaving(SavedInScope):
    namespace = "security_systems"

    def save_instance(self):
        return services.system_save(user=self.request.user, system=self.form.instance)


class SystemCreateView(SystemSaving, generic.CreateView):
    pass


class SystemEditView(SystemSaving, generic.EditView):
    pass


def _level(system) -> str:
    if system.approved_level:
        return _("Cấp độ %(n)s") % {"n": system.approved_level}
    if system.proposed_level:
        return _("Đề xuất cấp độ %(n)s, chưa phê duyệt") % {"n": system.proposed_level}
    return _("Chưa xác định")


class SystemIndexView(FigureRecords, generic.IndexView):
    page_title = gettext_lazy("Hệ thống thông tin")
    add_item_label = gettext_lazy("Thêm hệ thống thông tin")

    def get_base_queryset(self):
        return queries.with_last_assessment(super().get_base_queryset().select_related("unit"))


class SystemDetail(ReadableValues, generic.InspectView):
    template_name = "security/admin/system_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        system = queries.with_last_assessment(
            InformationSystem.objects.filter(pk=self.object.pk)
        ).get()
        context.update(
            system=system, level=_level(system),
            next_due=queries.next_check_due(system, queries.check_intervals()),
            checks=system.checks.all(), today=timezone.localdate(),
            incidents=system.incidents.order_by("-detected_at")[:20],
            can_check=user_can(self.request.user, "security.add_systemcheck", system.unit),
            can_edit=user_can(self.request.user, "security.change_informationsystem", system.unit),
        )  # fmt: skip
        return context


class SystemViewSet(ScopedModelViewSet):
    model = InformationSystem
    name = "security_systems"
    url_prefix = "an-toan-thong-tin/he-thong"
    icon = "cogs"
    menu_label = gettext_lazy("Hệ thống thông tin")
    index_template_name = "security/admin/index.html"
    index_view_class = SystemIndexView
    add_view_class = SystemCreateView
    edit_view_class = SystemEditView
    inspect_view_class = SystemDetail
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["kind", "approved_level"]
    search_fields = ["name", "operator"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        TitleColumn(
            "name",
            label=gettext_lazy("hệ thống"),
            get_url=lambda o: reverse("security_systems:inspect", args=[o.pk]),
        ),  # fmt: skip
        Column("unit", label=gettext_lazy("chủ quản"), accessor=lambda o: o.unit.name),
        Column("kind", label=gettext_lazy("loại"), accessor="get_kind_display"),
        Column("level", label=gettext_lazy("cấp độ"), accessor=_level),
        DateColumn("last_assessed", label=gettext_lazy("đánh giá gần nhất")),
    ]
    list_export = ["name", "unit", "kind", "operator", "proposed_level", "approved_level",
                   "approval_number", "approved_on", "in_service_since", "retired_on"]  # fmt: skip
    export_filename = "he-thong-thong-tin"

    form_class = SystemForm

    scoped_query = staticmethod(queries.scoped_systems)


class CheckForm(forms.ModelForm):
    class Meta:
        model = SystemCheck
        fields = ["system", "kind", "checked_on", "checked_by", "result", "findings", "report"]
        widgets = {"checked_on": DATE, "findings": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["system"].queryset = queries.scoped_systems(
            for_user, "security.add_systemcheck"
        ).select_related("unit")
        self.fields["checked_on"].initial = timezone.localdate()


class CheckCreateView(SavedInScope, generic.CreateView):
    namespace = "security_systems"

    def get_initial(self):
        initial = super().get_initial()
        if self.request.GET.get("system", "").isdigit():
            initial["system"] = int(self.request.GET["system"])
        return initial

    def save_instance(self):
        return services.system_check_add(user=self.request.user, check=self.form.instance)

    def get_success_url(self):
        return reverse("security_systems:inspect", args=[self.object.system_id])


class CheckViewSet(ScopedModelViewSet):
    model = SystemCheck
    name = "security_checks"
    url_prefix = "an-toan-thong-tin/kiem-tra"
    icon = "tasks"
    menu_label = gettext_lazy("Kiểm tra, đánh giá hệ thống")
    scope_field = "system__unit"
    add_view_class = CheckCreateView
    edit_view_class = ChangedOnItsPage
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["kind", "result"]
    list_per_page = 50
    list_display = [
        TitleColumn(
            "system",
            label=gettext_lazy("hệ thống"),
            get_url=lambda o: reverse("security_checks:inspect", args=[o.pk]),
        ),  # fmt: skip
        Column("kind", label=gettext_lazy("loại kiểm tra"), accessor="get_kind_display"),
        DateColumn("checked_on", label=gettext_lazy("ngày kiểm tra")),
        "checked_by",
        Column("result", label=gettext_lazy("kết quả"), accessor="get_result_display"),
    ]
    inspect_view_fields = ["system", "kind", "checked_on", "checked_by", "result", "findings"]

    form_class = CheckForm

    def scoped(self, user, perm):
        return queries.scoped_checks(user, perm).select_related("system")


# ---------------------------------------------------------------- incidents


class IncidentForm(ServiceChecks, forms.ModelForm):
    problems = staticmethod(services.incident_problems)

    class Meta:
        model = Incident
        fields = ["unit", "system", "title", "description", "source", "kind", "severity",
                  "personal_data", "detected_at"]  # fmt: skip
        widgets = {"detected_at": MOMENT, "description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units = units_in_scope(for_user, services.REPORT)
        self.fields["unit"].widget = PlainSelect(choices=self.fields["unit"].choices)
        self.fields["unit"].initial = units.filter(
            pk__in=for_user.memberships.values("unit")
        ).first() if for_user else None  # fmt: skip
        self.fields["system"].queryset = queries.scoped_systems(
            for_user, "security.view_incident"
        ).select_related("unit")
        self.fields["system"].label_from_instance = lambda s: f"{s.name} — {s.unit.name}"
        self.fields["detected_at"].initial = timezone.localtime().replace(second=0, microsecond=0)


class IncidentCreateView(SavedInScope, generic.CreateView):
    namespace = "security_incidents"
    page_title = gettext_lazy("Báo cáo sự cố")
    submit_button_label = gettext_lazy("Báo cáo sự cố")

    def get_success_message(self, instance):
        return _("Đã ghi nhận sự cố «%(t)s».") % {"t": instance.title}

    def get_success_url(self):
        if self.request.user.has_perm("security.view_incident"):
            return super().get_success_url()
        return reverse("wagtailadmin_home")

    def save_instance(self):
        return services.incident_report(user=self.request.user, incident=self.form.instance)


class ClassifyForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại sự cố"), choices=Incident.Kind.choices)
    severity = forms.TypedChoiceField(label=gettext_lazy("Mức độ"), coerce=int,
                                      choices=Incident.Severity.choices)  # fmt: skip
    personal_data = forms.BooleanField(
        label=gettext_lazy("Có lộ, mất dữ liệu cá nhân"), required=False
    )
    note = forms.CharField(label=gettext_lazy("Lý do"), required=False)


class IncidentDetail(ActionsOnItsPage, ReadableValues, generic.InspectView):
    template_name = "security/admin/incident_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Incident.objects.select_related("unit", "system", "escalated_to"), pk=self.pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        incident, user = self.object, self.request.user
        is_open = incident.status not in ENDED
        can_respond = is_open and user_can(user, services.RESPOND, incident.unit)
        can_close = is_open and user_can(user, services.CLOSE, incident.unit)
        context.update(
            incident=incident, now=timezone.now(),
            notices=queries.notices_of(incident), steps=incident.steps.select_related("done_by"),
            evidence=incident.evidence.all(), events=queries.timeline(incident),
            can_respond=can_respond, can_close=can_close,
            can_escalate=can_close and not incident.escalated_to_id,
            can_dismiss=can_respond and incident.responded_at is None and not incident.escalated_to_id,
            advisories=incident.advisories.all(),
            can_advise=user_can(user, services.WRITE_ADVISORY, incident.unit),
            unit_above=services.unit_above(incident.unit) if can_close else None,
            classify_form=ClassifyForm(initial={"kind": incident.kind, "severity": incident.severity,
                                                "personal_data": incident.personal_data}),
            hours_to_respond=incident.hours_to_respond,
        )  # fmt: skip
        return context

    # Each form of the page posts its action (ActionsOnItsPage).
    def act_step(self, request, incident):
        step = get_object_or_404(IncidentStep, pk=request.POST.get("step"), incident=incident)
        services.incident_step_done(user=request.user, step=step, note=request.POST.get("note", ""))
        return _("Đã ghi nhận bước «%(s)s» hoàn thành.") % {"s": step.title}

    def act_add_step(self, request, incident):
        services.incident_step_add(
            user=request.user, incident=incident, title=request.POST.get("title", "")
        )
        return _("Đã thêm bước xử lý.")

    def act_notice(self, request, incident):
        notice = get_object_or_404(IncidentNotice, pk=request.POST.get("notice"), incident=incident)
        notice = services.incident_notice_send(user=request.user, notice=notice, sent_to=request.POST.get("sent_to", ""),
                                               reference=request.POST.get("reference", ""))  # fmt: skip
        return _("Đã ghi nhận «%(n)s» đã gửi.") % {"n": notice.rule.name}

    def act_evidence(self, request, incident):
        services.incident_evidence_add(user=request.user, incident=incident, upload=request.FILES.get("upload"),
                                       description=request.POST.get("description", ""))  # fmt: skip
        return _("Đã thêm chứng cứ.")

    def act_classify(self, request, incident):
        form = ClassifyForm(request.POST)
        if not form.is_valid():
            raise refuse(CoreError.INVALID, _("Hãy chọn loại và mức độ sự cố."))
        services.incident_classify(user=request.user, incident=incident, **form.cleaned_data)
        return _("Đã phân loại lại sự cố.")

    def act_escalate(self, request, incident):
        incident = services.incident_escalate(user=request.user, incident=incident,
                                              note=request.POST.get("note", ""))  # fmt: skip
        return _("Đã báo cáo sự cố lên %(u)s.") % {"u": incident.escalated_to.name}

    def act_close(self, request, incident):
        services.incident_close(user=request.user, incident=incident, cause=request.POST.get("cause", ""),
                                lessons=request.POST.get("lessons", ""))  # fmt: skip
        return _("Đã kết thúc sự cố.")

    def act_dismiss(self, request, incident):
        services.incident_dismiss(
            user=request.user, incident=incident, reason=request.POST.get("reason", "")
        )
        return _("Đã xác định không phải sự cố; không tính vào số liệu.")

    def act_note(self, request, incident):
        services.incident_note(
            user=request.user, incident=incident, note=request.POST.get("note", "")
        )
        return _("Đã ghi chú.")


def evidence_file(request, pk: int):
    """An incident's evidence, within scope."""
    evidence = get_object_or_404(
        IncidentEvidence.objects.filter(incident__in=queries.scoped_incidents(request.user)), pk=pk
    )
    if not evidence.file:
        raise Http404
    return FileResponse(evidence.file.open("rb"), filename=evidence.file.name.rsplit("/", 1)[-1])


def _severity(incident):
    tone = {4: "#b00020", 3: "#c25e00"}.get(incident.severity, "#333")
    return format_html('<span style="color:{};font-weight:600">{}</span>', tone,
                       incident.get_severity_display())  # fmt: skip


class IncidentIndexView(FigureRecords, generic.IndexView):
    page_title = gettext_lazy("Sự cố an toàn thông tin")
    add_item_label = gettext_lazy("Báo cáo sự cố")

    def get_base_queryset(self):
        qs = super().get_base_queryset().select_related("unit", "system")
        return queries.incidents_in_state(qs, self.request.GET.get("tinh_trang", ""))

    def get_context_data(self, **kwargs):
        states = {"open": _("Chưa kết thúc"), "serious": _("Nghiêm trọng"),
                  "notice_overdue": _("Quá hạn thông báo, báo cáo"), "closed": _("Đã kết thúc"),
                  "dismissed": _("Không phải sự cố")}  # fmt: skip
        return {**super().get_context_data(**kwargs), "states": states,
                "chosen_state": self.request.GET.get("tinh_trang", "")}  # fmt: skip


class IncidentViewSet(ScopedModelViewSet):
    model = Incident
    name = "security_incidents"
    url_prefix = "an-toan-thong-tin/su-co"
    icon = "warning"
    menu_label = gettext_lazy("Sự cố an toàn thông tin")
    index_template_name = "security/admin/index.html"
    index_view_class = IncidentIndexView
    add_view_class = IncidentCreateView
    edit_view_class = ChangedOnItsPage
    inspect_view_class = IncidentDetail
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["status", "severity", "kind", "source", "personal_data"]
    search_fields = ["title", "description"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        DateColumn("detected_at", label=gettext_lazy("phát hiện")),
        TitleColumn(
            "title",
            label=gettext_lazy("sự cố"),
            get_url=lambda o: reverse("security_incidents:inspect", args=[o.pk]),
        ),  # fmt: skip
        Column("unit", label=gettext_lazy("đơn vị"), accessor=lambda o: o.unit.name),
        Column("kind", label=gettext_lazy("loại"), accessor="get_kind_display"),
        Column("severity", label=gettext_lazy("mức độ"), accessor=_severity),
        Column("status", label=gettext_lazy("tình trạng"), accessor="get_status_display"),
    ]
    list_export = ["detected_at", "title", "unit", "system", "source", "kind", "severity",
                   "personal_data", "status", "responded_at", "escalated_to", "closed_at", "cause",
                   "lessons"]  # fmt: skip
    export_filename = "su-co-an-toan-thong-tin"

    form_class = IncidentForm

    scoped_query = staticmethod(queries.scoped_incidents)


# ---------------------------------------------------------------- advisories for citizens


class AdvisoryForm(ServiceChecks, forms.ModelForm):
    problems = staticmethod(services.advisory_problems)

    class Meta:
        model = Advisory
        fields = ["unit", "kind", "title", "summary", "body", "incident"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "body": forms.Textarea(attrs={"rows": 12}),
        }

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units = units_in_scope(for_user, services.WRITE_ADVISORY)
        self.fields["unit"].widget = PlainSelect(choices=self.fields["unit"].choices)
        if not self.instance.pk and for_user:
            self.fields["unit"].initial = units.filter(
                pk__in=for_user.memberships.values("unit")
            ).first()
        self.fields["incident"].queryset = queries.scoped_incidents(for_user).select_related("unit")
        self.fields["incident"].label_from_instance = lambda i: (
            f"{i.detected_at:%d/%m/%Y} — {i.title}"
        )


class AdvisorySaving(SavedInScope):
    namespace = "security_advisories"

    def save_instance(self):
        return services.advisory_save(user=self.request.user, advisory=self.form.instance)


class AdvisoryCreateView(AdvisorySaving, generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        incident = queries.scoped_incidents(self.request.user).filter(
            pk=self.request.GET.get("su_co") if self.request.GET.get("su_co", "").isdigit() else None
        ).first()  # fmt: skip
        if incident is not None:
            initial.update(incident=incident, unit=incident.unit, kind=Advisory.Kind.WARNING,
                           title=incident.title)  # fmt: skip
        return initial


class AdvisoryEditView(AdvisorySaving, generic.EditView):
    pass


class AdvisoryDetail(ActionsOnItsPage, ReadableValues, generic.InspectView):
    template_name = "security/admin/advisory_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        advisory, user = self.object, self.request.user
        published = advisory.status == Advisory.Status.PUBLISHED
        context.update(
            advisory=advisory, paragraphs=advisory.paragraphs(),
            can_publish=user_can(user, services.PUBLISH, advisory.unit),
            can_edit=user_can(user, services.PUBLISH if published else "security.change_advisory", advisory.unit),
        )  # fmt: skip
        return context

    def act_publish(self, request, advisory):
        advisory = services.advisory_publish(user=request.user, advisory=advisory)
        return _("Đã đăng lên cổng thông tin: %(u)s") % {"u": advisory.page_url}

    def act_withdraw(self, request, advisory):
        services.advisory_withdraw(user=request.user, advisory=advisory)
        return _("Đã gỡ khỏi cổng thông tin.")


class AdvisoryViewSet(ScopedModelViewSet):
    model = Advisory
    name = "security_advisories"
    url_prefix = "an-toan-thong-tin/canh-bao"
    icon = "info-circle"
    menu_label = gettext_lazy("Cảnh báo, hướng dẫn cho người dân")
    add_view_class = AdvisoryCreateView
    edit_view_class = AdvisoryEditView
    inspect_view_class = AdvisoryDetail
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["kind", "status"]
    search_fields = ["title", "summary", "body"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        TitleColumn(
            "title",
            label=gettext_lazy("tiêu đề"),
            get_url=lambda o: reverse("security_advisories:inspect", args=[o.pk]),
        ),  # fmt: skip
        Column("unit", label=gettext_lazy("đơn vị"), accessor=lambda o: o.unit.name),
        Column("kind", label=gettext_lazy("loại"), accessor="get_kind_display"),
        Column("status", label=gettext_lazy("tình trạng"), accessor="get_status_display"),
        DateColumn("published_at", label=gettext_lazy("đăng lúc")),
    ]
    list_export = ["title", "unit", "kind", "status", "summary", "published_at", "page_url"]
    export_filename = "canh-bao-an-toan-thong-tin"

    form_class = AdvisoryForm

    def scoped(self, user, perm):
        return queries.scoped_advisories(user, perm).select_related("unit")


# ---------------------------------------------------------------- rules kept as data


class SettingViewSet(SharedDataViewSet):
    inspect_view_enabled = True


class RuleViewSet(SettingViewSet):
    model = IncidentRule
    name = "security_rules"
    url_prefix = "an-toan-thong-tin/thoi-han"
    icon = "time"
    menu_label = gettext_lazy("Thời hạn báo cáo sự cố")
    form_fields = ["code", "name", "recipient", "applies_to", "amount", "counting", "legal_basis",
                   "is_verified", "valid_from", "valid_to"]  # fmt: skip
    list_display = ["name", "applies_to", Column("limit", label=gettext_lazy("thời hạn"), accessor="limit_text"),
                    "legal_basis", "is_verified", DateColumn("valid_from", label=gettext_lazy("từ ngày"))]  # fmt: skip
    form_widgets = {"valid_from": DATE, "valid_to": DATE}


class TemplateViewSet(SettingViewSet):
    model = ResponseTemplate
    name = "security_templates"
    url_prefix = "an-toan-thong-tin/quy-trinh"
    icon = "list-ol"
    menu_label = gettext_lazy("Quy trình ứng cứu mẫu")
    form_fields = ["kind", "steps"]
    list_display = [Column("kind", label=gettext_lazy("loại sự cố"), accessor="get_kind_display"),
                    Column("steps", label=gettext_lazy("số bước"), accessor=lambda t: len(t.step_titles()))]  # fmt: skip


class LevelRuleViewSet(SettingViewSet):
    model = LevelRule
    name = "security_levels"
    url_prefix = "an-toan-thong-tin/cap-do"
    icon = "list-ul"
    menu_label = gettext_lazy("Yêu cầu theo cấp độ")
    form_fields = ["level", "check_every_months", "legal_basis", "is_verified"]
    list_display = ["level", "check_every_months", "legal_basis", "is_verified"]


class SecurityGroup(ViewSetGroup):
    menu_label = gettext_lazy("An toàn thông tin")
    menu_icon = "warning"
    menu_order = 147
    items = [
        IncidentViewSet,
        AdvisoryViewSet,
        SystemViewSet,
        CheckViewSet,
        RuleViewSet,
        TemplateViewSet,
        LevelRuleViewSet,
    ]
