"""Back office of periodic reports: the scoped list, opening a report, the report page
(fill, submit; return or accept from the unit above; Word and Excel), completeness and the
aggregate for a parent unit, the indicator catalog, and the administrator's forms and
manual indicators."""

from __future__ import annotations

import copy
from decimal import Decimal
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from tttt.core import exports
from tttt.core.admin_views import ReadableValues
from tttt.core.errors import refuse
from tttt.core.formatting import format_number
from tttt.core.forms import DATE, ServiceErrorsMixin, add_service_errors
from tttt.core.periods import Period, PeriodError, parse_period
from tttt.core.replica import reads_from_replica
from tttt.org.admin_views import ScopedModelViewSet, unit_for_page
from tttt.org.models import Unit
from tttt.org.queries import restrict_to_scope, user_can, user_scope

from . import export, queries, services
from .catalog import catalog
from .errors import ReportingError as E
from .models import (
    AlertRule,
    Cluster,
    DtiSet,
    ManualIndicator,
    Report,
    ReportForm,
    SupervisionVisit,
)
from .reminders import latest_period


def _last_quarter() -> str:
    """The pages' default period: the last quarter that has ended."""
    return str(latest_period("quarter", timezone.localdate()))


# ---------------------------------------------------------------- reports


class OpenForm(forms.Form):
    form = forms.ModelChoiceField(
        label=gettext_lazy("Mẫu báo cáo"), queryset=ReportForm.objects.filter(is_active=True)
    )
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị báo cáo"), queryset=Unit.objects.none()
    )
    period = forms.CharField(
        label=gettext_lazy("Kỳ báo cáo"),
        help_text=gettext_lazy("Ví dụ: 2019-Q3 (quý), 2019-9M (9 tháng), 2019-H1, 2019, 2019-03"),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        scope = user_scope(user, perm=queries.FILL)
        self.fields["unit"].queryset = (
            Unit.objects.filter(scope.q(None)).administrative().order_by("path")
        )
        self.fields["period"].initial = _last_quarter()


class ReportIndexView(generic.IndexView):
    def get_base_queryset(self):
        qs = super().get_base_queryset().select_related("form", "unit")
        if status := self.request.GET.get("trang_thai"):
            qs = qs.filter(status=status)
        return qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["statuses"] = Report.Status.choices
        context["chosen_status"] = self.request.GET.get("trang_thai", "")
        return context


class ReportOpenView(generic.CreateView):
    """ "Lập báo cáo": choose the form, unit and period; an existing report is opened."""

    template_name = "reporting/admin/report_open.html"

    def get_form_class(self):
        return OpenForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return {**kwargs, "user": self.request.user}

    def form_valid(self, form):
        try:
            report = services.report_open(
                user=self.request.user,
                form=form.cleaned_data["form"],
                unit=form.cleaned_data["unit"],
                period=parse_period(form.cleaned_data["period"]),
            )
        except ValidationError as error:
            add_service_errors(form, error)
            self.produced_error_message = _("Chưa lập được báo cáo: hãy sửa các mục được đánh dấu.")
            return self.form_invalid(form)
        return redirect(reverse("reports:inspect", args=[report.pk]))


class ReportEditView(generic.EditView):
    """Reports change only on their own page, through the services."""

    def dispatch(self, request, *args, **kwargs):
        return redirect(reverse("reports:inspect", args=[kwargs["pk"]]))


class ReportDetailView(generic.InspectView):
    template_name = "reporting/admin/report_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Report.objects.select_related("form", "unit__parent"), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report, user = self.object, self.request.user
        rows = queries.report_rows(report)
        posted = getattr(self, "posted", {})
        errors = getattr(self, "errors", {})
        for row in rows:
            row.typed = posted.get(f"fig-{row.code}", None)
            row.errors = errors.get(row.code, [])
        sections = list(report.sections.all())
        for s in sections:
            s.typed = posted.get(f"sec-{s.position}", None)
        context.update(
            report=report,
            rows=rows,
            changed=any(r.difference is not None for r in rows),
            sections=sections,
            events=report.events.select_related("user"),
            can_fill=report.is_editable and user_can(user, queries.FILL, report.unit),
            can_review=report.status == Report.Status.SUBMITTED
            and user_can(user, queries.REVIEW, report.unit.parent),
            other_errors=errors.get("__all__", []),
            posted=posted,
            on_time=report.submitted_on_time(),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = report = self.get_object()
        action = request.POST.get("action")
        try:
            if action in ("save", "submit"):
                figures = {k[4:]: v for k, v in request.POST.items() if k.startswith("fig-")}
                texts = {k[4:]: v for k, v in request.POST.items() if k.startswith("sec-")}
                fields = {f: request.POST.get(f, "") for f in services.TEXT_FIELDS}
                fields["signed_on"] = forms.DateField(
                    required=False, error_messages={"invalid": _("Ngày ký không hợp lệ.")}
                ).clean(fields["signed_on"])
                report = services.report_save(user=request.user, report=report, figures=figures,
                                              texts=texts, **fields)  # fmt: skip
                if action == "submit":
                    services.report_submit(user=request.user, report=report)
                    messages.success(
                        request, _("Đã nộp báo cáo lên %(p)s.") % {"p": report.unit.parent or ""}
                    )
                else:
                    messages.success(request, _("Đã lưu báo cáo."))
            elif action == "return":
                services.report_return(
                    user=request.user, report=report, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("Đã trả lại báo cáo để đơn vị sửa."))
            elif action == "accept":
                services.report_accept(user=request.user, report=report)
                messages.success(request, _("Đã tiếp nhận báo cáo."))
            else:
                raise refuse(E.UNKNOWN_ACTION, _("Thao tác không hợp lệ."))
        except ValidationError as exc:
            self.posted = request.POST
            self.errors = (
                exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
            )
            self.object = Report.objects.select_related("form", "unit__parent").get(pk=report.pk)
            messages.error(request, _("Báo cáo chưa được lưu: hãy sửa các mục được đánh dấu."))
            return self.render_to_response(self.get_context_data())
        return redirect(request.path)


def report_download(request, pk: int, kind: str):
    if kind not in ("docx", "xlsx"):
        raise Http404
    report = get_object_or_404(Report.objects.select_related("form", "unit"), pk=pk)
    if not queries.can_see(request.user, report):
        raise PermissionDenied(_("Báo cáo này nằm ngoài phạm vi được giao cho bạn."))
    title = _("Báo cáo %(form)s — %(unit)s, %(period)s (%(kind)s)") % {
        "form": report.form.code, "unit": report.unit.name, "period": report.period.label,
        "kind": kind.upper()
    }  # fmt: skip
    if waiting := exports.in_background_or_start(request, title):
        return waiting  # the worker makes the file; the person watches its page
    if kind == "docx":
        data, mime = (
            export.to_docx(report),
            ("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        )
    else:
        data, mime = (
            export.to_xlsx(report),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{export.filename(report, kind)}"'
    return response


class ReportViewSet(ScopedModelViewSet):
    model = Report
    icon = "doc-full"
    menu_label = gettext_lazy("Báo cáo")
    menu_order = 10
    name = "reports"
    url_prefix = "bao-cao/danh-sach"
    index_template_name = "reporting/admin/report_index.html"
    index_view_class = ReportIndexView
    add_view_class = ReportOpenView
    edit_view_class = ReportEditView
    inspect_view_class = ReportDetailView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["form", "period_kind"]
    search_fields = ["unit__name", "number"]
    search_backend_name = None
    list_per_page = 50
    ordering = ["-period_end", "unit__path"]
    list_display = [
        TitleColumn(
            "unit",
            label=gettext_lazy("đơn vị"),
            get_url=lambda o: reverse("reports:inspect", args=[o.pk]),
        ),
        Column("form", label=gettext_lazy("mẫu")),
        Column("period", label=gettext_lazy("kỳ"), accessor=lambda o: o.period.label),
        DateColumn("due_on", label=gettext_lazy("hạn nộp")),
        Column("status", label=gettext_lazy("trạng thái"), accessor="get_status_display"),
    ]
    list_export = ["unit", "form", "period_start", "period_end", "due_on", "status", "first_submitted_at",
                   "submitted_at", "accepted_at", "number"]  # fmt: skip
    form_fields = ["form", "unit"]


# ---------------------------------------------------------------- completeness, aggregate


def _selection(request):
    """The form, parent unit and period a completeness or aggregate page shows."""
    if not request.user.has_perm(queries.VIEW):
        raise PermissionDenied(_("Bạn không có quyền xem báo cáo."))
    unit = unit_for_page(request, queries.VIEW)
    forms_ = list(ReportForm.objects.filter(is_active=True))
    form = next(
        (f for f in forms_ if str(f.pk) == request.GET.get("form")), forms_[0] if forms_ else None
    )
    error = ""
    text = request.GET.get("period", "")
    period = None
    if form is not None:
        if not text:  # the latest period the units below reported for, else the last quarter
            text = queries.latest_reported_period(form, unit) or _last_quarter()
        try:
            period = Period.parse(text)
        except PeriodError as exc:
            error = str(exc)
    return {
        "unit": unit,
        "forms": forms_,
        "form": form,
        "period": period,
        "period_text": text,
        "error": error,
    }


def _xlsx(name: str, headers: list[str], rows: list[list]) -> HttpResponse:
    from tttt.core.tabular import xlsx_bytes

    response = HttpResponse(xlsx_bytes(headers, rows, title=name[:31]),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")  # fmt: skip
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@reads_from_replica
def completeness_view(request):
    context = _selection(request)
    if context["form"] and context["period"] and context["unit"]:
        result = queries.completeness(context["form"], context["unit"], context["period"])
        context["result"] = result
        if request.GET.get("export") == "xlsx":
            return _xlsx(f"tinh-hinh-nop-{context['form'].code}-{context['period']}",
                         ["Đơn vị", "Mã", "Tình hình", "Nộp lần đầu", "Trạng thái báo cáo"],
                         [[r.unit.name, r.unit.code, r.label,
                           timezone.localtime(r.report.first_submitted_at).strftime("%d/%m/%Y %H:%M")
                           if r.report and r.report.first_submitted_at else "",
                           r.report.get_status_display() if r.report else ""] for r in result.rows])  # fmt: skip
    return TemplateResponse(request, "reporting/admin/completeness.html", context)


@reads_from_replica
def aggregate_view(request):
    context = _selection(request)
    if context["form"] and context["period"] and context["unit"]:
        rows, summed = queries.aggregate(context["form"], context["unit"], context["period"])
        context.update(rows=rows, summed=summed)
        if request.GET.get("export") == "xlsx":
            return _xlsx(f"tong-hop-{context['form'].code}-{context['period']}",
                         ["Mã chỉ tiêu", "Chỉ tiêu", "Số liệu", "Cách tổng hợp"],
                         [[r.entry.code, r.entry.name, None if r.value is None else float(r.value), r.how]
                          for r in rows])  # fmt: skip
    return TemplateResponse(request, "reporting/admin/aggregate.html", context)


def catalog_view(request):
    if not request.user.has_perm(queries.VIEW):
        raise PermissionDenied(_("Bạn không có quyền xem danh mục chỉ tiêu."))
    q = request.GET.get("q", "").strip().lower()
    entries = [
        e
        for e in catalog(include_inactive=True).values()
        if not q or q in e.code or q in e.name.lower()
    ]
    return TemplateResponse(request, "reporting/admin/catalog.html", {"entries": entries, "q": q})


# ---------------------------------------------------------------- administrator's data


class ManualIndicatorCreateView(ServiceErrorsMixin, generic.CreateView):
    def save_instance(self):
        return services.manual_indicator_save(user=self.request.user, indicator=self.form.instance)


class ManualIndicatorEditView(ServiceErrorsMixin, generic.EditView):
    def save_instance(self):
        return services.manual_indicator_save(user=self.request.user, indicator=self.form.instance)


class ManualIndicatorViewSet(ModelViewSet):
    model = ManualIndicator
    icon = "edit"
    menu_label = gettext_lazy("Chỉ tiêu nhập tay")
    menu_order = 40
    name = "chi-tieu-nhap-tay"
    url_prefix = "bao-cao/chi-tieu-nhap-tay"
    add_view_class = ManualIndicatorCreateView
    edit_view_class = ManualIndicatorEditView
    copy_view_enabled = False
    search_fields = ["code", "name"]
    search_backend_name = None
    list_display = ["code", "name", "measure", "aggregation", "is_active"]
    form_fields = ["code", "name", "measure", "aggregation", "min_value", "max_value", "whole_code",
                   "description", "is_active"]  # fmt: skip


class ReportFormCreateView(ServiceErrorsMixin, generic.CreateView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        return services.form_save(user=self.request.user, form=instance)


class ReportFormEditView(ServiceErrorsMixin, generic.EditView):
    def save_instance(self):
        instance = self.form.save(commit=False)
        return services.form_save(user=self.request.user, form=instance)


class ReportFormViewSet(ModelViewSet):
    model = ReportForm
    icon = "form"
    menu_label = gettext_lazy("Mẫu báo cáo")
    menu_order = 30
    name = "mau-bao-cao"
    url_prefix = "bao-cao/mau"
    add_view_class = ReportFormCreateView
    edit_view_class = ReportFormEditView
    copy_view_enabled = False
    search_fields = ["code", "name"]
    search_backend_name = None
    list_display = ["name", "code", "level", "period_kind", "due_days", "is_active"]
    panels = [
        FieldRowPanel([FieldPanel("code"), FieldPanel("name")]),
        FieldRowPanel([FieldPanel("level"), FieldPanel("period_kind"), FieldPanel("due_days")]),
        FieldPanel("data_window"),
        FieldPanel("legal_basis"),
        FieldPanel("is_active"),
        InlinePanel(
            "indicators",
            label=gettext_lazy("Chỉ tiêu"),
            panels=[
                FieldRowPanel(
                    [
                        FieldPanel("position"),
                        FieldPanel("code"),
                        FieldPanel("group"),
                        FieldPanel("required"),
                    ]
                ),
            ],
        ),  # fmt: skip
        InlinePanel(
            "sections",
            label=gettext_lazy("Phần nội dung"),
            panels=[
                FieldRowPanel(
                    [FieldPanel("position"), FieldPanel("title"), FieldPanel("guidance")]
                ),
            ],
        ),  # fmt: skip
    ]


# ---------------------------------------------------------------- supervision visits


class VisitForm(forms.ModelForm):
    class Meta:
        model = SupervisionVisit
        fields = ["unit", "kind", "body", "decision", "leader", "members", "subject", "visited_on",
                  "period_start", "period_end", "findings", "shortcomings"]  # fmt: skip
        widgets = {"visited_on": DATE, "period_start": DATE, "period_end": DATE}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        scope = user_scope(for_user, perm=services.VISIT)
        self.fields["unit"].queryset = Unit.objects.filter(scope.q(None)).order_by("path")


class VisitIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("unit")


class VisitCreateView(ServiceErrorsMixin, generic.CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def save_instance(self):
        return services.visit_save(user=self.request.user, visit=self.form.instance)


class VisitEditView(ServiceErrorsMixin, generic.EditView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def save_instance(self):
        return services.visit_save(user=self.request.user, visit=self.form.instance)


class RecommendationForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Kiến nghị"), widget=forms.Textarea(attrs={"rows": 3})
    )
    assignee = forms.ModelChoiceField(
        label=gettext_lazy("Cơ quan thực hiện"), queryset=Unit.objects.none()
    )
    deadline = forms.DateField(label=gettext_lazy("Hạn hoàn thành"), widget=DATE)

    def __init__(self, *args, visit=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = Unit.objects.filter(
            path__startswith=visit.unit.path
        ).order_by("path")


class VisitDetailView(ReadableValues, generic.InspectView):
    template_name = "reporting/admin/visit_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        visit = self.object
        context.update(
            visit=visit,
            recommendations=visit.recommendations.select_related("task__assignee"),
            can_add=user_can(self.request.user, services.VISIT, visit.unit),
            form=getattr(self, "form", None) or RecommendationForm(visit=visit),
            today=timezone.localdate(),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = visit = self.get_object()
        self.form = form = RecommendationForm(request.POST, visit=visit)
        if form.is_valid():
            try:
                services.recommendation_add(user=request.user, visit=visit, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error, aliases={"unit": "assignee"})
            else:
                messages.success(request, _("Đã ghi kiến nghị và giao nhiệm vụ theo dõi."))
                return redirect(request.path)
        return self.render_to_response(self.get_context_data())


class VisitViewSet(ScopedModelViewSet):
    model = SupervisionVisit
    icon = "view"
    menu_label = gettext_lazy("Đoàn giám sát, kiểm tra")
    menu_order = 15
    name = "doan-giam-sat"
    url_prefix = "bao-cao/doan-giam-sat"
    index_view_class = VisitIndexView
    add_view_class = VisitCreateView
    edit_view_class = VisitEditView
    inspect_view_class = VisitDetailView
    inspect_view_enabled = True
    copy_view_enabled = False
    search_fields = ["body", "subject", "unit__name"]
    search_backend_name = None
    list_filter = ["kind"]
    list_per_page = 50
    list_display = [
        TitleColumn(
            "subject",
            label=gettext_lazy("nội dung"),
            get_url=lambda o: reverse("doan-giam-sat:inspect", args=[o.pk]),
        ),  # fmt: skip
        Column("unit", label=gettext_lazy("đơn vị")),
        Column("body", label=gettext_lazy("cơ quan tổ chức")),
        DateColumn("visited_on", label=gettext_lazy("ngày")),
    ]
    list_export = ["unit", "kind", "body", "leader", "subject", "visited_on", "period_start", "period_end",
                   "findings", "shortcomings"]  # fmt: skip

    form_class = VisitForm


# ---------------------------------------------------------------- emulation


class ClusterIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("organiser")


class ClusterCreateView(ServiceErrorsMixin, generic.CreateView):
    def save_instance(self):
        return services.cluster_save(user=self.request.user, cluster=self.form.save(commit=False))


class ClusterEditView(ServiceErrorsMixin, generic.EditView):
    def save_instance(self):
        return services.cluster_save(user=self.request.user, cluster=self.form.save(commit=False))


class ClusterForm(WagtailAdminModelForm):
    """The organiser and the members are chosen among the person's units, districts and
    communes, not every unit of the country (the page took seconds to draw)."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        units = (
            restrict_to_scope(Unit.objects.administrative(), for_user, unit_field=None)
            if for_user is not None
            else Unit.objects.none()
        ).order_by("path")
        self.fields["organiser"].queryset = units
        # Every member form, the empty one the page copies for "add" included, is built from
        # the formset's form class: give this formset a class of its own with these units.
        members = self.formsets["members"]
        fields = copy.deepcopy(members.form.base_fields)
        fields["unit"].queryset = units
        members.form = type(members.form.__name__, (members.form,), {})
        members.form.base_fields = fields  # after the metaclass, which rebuilds them


class ClusterViewSet(ScopedModelViewSet):
    model = Cluster
    scope_field = "organiser"
    icon = "group"
    menu_label = gettext_lazy("Cụm thi đua")
    menu_order = 20
    name = "cum-thi-dua"
    url_prefix = "bao-cao/cum-thi-dua"
    index_view_class = ClusterIndexView
    add_view_class = ClusterCreateView
    edit_view_class = ClusterEditView
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["name"]
    search_backend_name = None
    list_display = [
        TitleColumn(
            "name",
            label=gettext_lazy("cụm"),
            get_url=lambda o: reverse("reporting_standings", args=[o.pk]),
        ),  # fmt: skip
        Column("organiser", label=gettext_lazy("đơn vị tổ chức")),
    ]
    panels = [
        FieldRowPanel([FieldPanel("organiser"), FieldPanel("name")]),
        FieldRowPanel(
            [FieldPanel("excellent_from"), FieldPanel("good_from"), FieldPanel("done_from")]
        ),
        InlinePanel("members", label=gettext_lazy("Đơn vị trong cụm"), panels=[FieldPanel("unit")]),
        InlinePanel(
            "criteria",
            label=gettext_lazy("Tiêu chí"),
            panels=[
                FieldRowPanel([FieldPanel("position"), FieldPanel("name"), FieldPanel("weight")]),
                FieldRowPanel([FieldPanel("indicator_code"), FieldPanel("target")]),
            ],
        ),  # fmt: skip
    ]
    edit_handler = ObjectList(panels, base_form_class=ClusterForm)


def _standings_summary(result) -> str:
    """ "7 đơn vị: 5 hoàn thành xuất sắc (2 tiêu biểu), 2 hoàn thành tốt"."""
    if not result.scored:
        return _(
            "%(n)s đơn vị. Năm %(year)s chưa được chấm điểm: chưa xếp hạng, chưa xếp loại."
        ) % {"n": len(result.rows), "year": result.year}
    parts = []
    for title, label in (("excellent", _("hoàn thành xuất sắc")), ("good", _("hoàn thành tốt")),
                         ("done", _("hoàn thành")), ("not_done", _("không hoàn thành"))):  # fmt: skip
        if n := result.count(title):
            extra = sum(1 for r in result.rows if r.exemplary) if title == "excellent" else 0
            parts.append(f"{n} {label}" + (_(" (%(n)s tiêu biểu)") % {"n": extra} if extra else ""))
    return _("%(n)s đơn vị: %(parts)s") % {"n": len(result.rows), "parts": ", ".join(parts) or "—"}


@reads_from_replica
def standings_view(request, pk: int):
    """A cluster's scores for a year: computed criteria, hand scoring, ranks and titles,
    the exemplary units and the year's leader and deputy."""
    cluster = get_object_or_404(Cluster.objects.select_related("organiser"), pk=pk)
    if not user_can(request.user, "reporting.view_cluster", cluster.organiser):
        raise PermissionDenied(_("Cụm thi đua này nằm ngoài phạm vi được giao cho bạn."))
    try:
        year = int(
            request.GET.get("nam") or request.POST.get("nam") or timezone.localdate().year - 1
        )
    except ValueError:
        year = timezone.localdate().year - 1
    can_score = user_can(request.user, services.EMULATION, cluster.organiser)
    if request.method == "POST" and can_score:
        action = request.POST.get("action")
        members = {str(m.unit_id): m.unit for m in cluster.members.select_related("unit")}
        try:
            with transaction.atomic():
                if action == "compute":
                    n = services.scores_compute(user=request.user, cluster=cluster, year=year)
                    messages.success(request, _("Đã tính %(n)s điểm từ chỉ tiêu.") % {"n": n})
                elif action == "score":
                    for criterion in cluster.criteria.filter(indicator_code=""):
                        for unit_id, unit in members.items():
                            text = request.POST.get(f"p-{criterion.pk}-{unit_id}", "").strip()
                            if text:
                                services.score_give(user=request.user, criterion=criterion, year=year,
                                                    unit=unit, points=text)  # fmt: skip
                    chosen = [members[u] for u in request.POST.getlist("tieu_bieu") if u in members]
                    services.distinctions_set(
                        user=request.user, cluster=cluster, year=year, units=chosen
                    )
                    messages.success(request, _("Đã lưu điểm chấm và danh hiệu."))
                elif action == "leaders":
                    leader = members.get(request.POST.get("leader", ""))
                    if leader is None:
                        raise refuse(E.LEADER_MISSING, _("Hãy chọn cụm trưởng."))
                    services.cluster_year_set(user=request.user, cluster=cluster, year=year, leader=leader,
                                              deputy=members.get(request.POST.get("deputy", "")))  # fmt: skip
                    messages.success(
                        request, _("Đã lưu cụm trưởng, cụm phó năm %(y)s.") % {"y": year}
                    )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect(f"{request.path}?nam={year}")
    result = queries.standings(cluster, year)
    from .models import Score

    scores = {
        (s.criterion_id, s.unit_id): s
        for s in Score.objects.filter(criterion__cluster=cluster, year=year)
    }
    table = [
        (row, [(c, scores.get((c.pk, row.unit.pk))) for c in result.criteria])
        for row in result.rows
    ]
    return TemplateResponse(request, "reporting/admin/standings.html", {
        "summary": _standings_summary(result), "cluster": cluster, "year": year, "result": result, "table": table, "can_score": can_score,
        "years": range(timezone.localdate().year, 2009, -1),
    })  # fmt: skip


# ---------------------------------------------------------------- dashboard


def _dashboard_unit(request) -> Unit | None:
    """The unit the dashboard shows; None for the whole country, which only a person with
    the whole country in scope may ask (`?ca_nuoc=1`)."""
    if request.GET.get("ca_nuoc") and not request.GET.get("unit"):
        if not user_scope(request.user, perm=queries.VIEW).unrestricted:
            raise PermissionDenied(_("Chỉ người được xem số liệu cả nước mới xem được."))
        return None
    return unit_for_page(request, queries.VIEW)


@reads_from_replica
def dashboard_view(request):
    """For a leader: one indicator over time and across the units below (or every commune
    of the territory, or of the country), ranked, with bars, a map of proportional symbols,
    the ranking as a spreadsheet, and links to the records behind each figure."""
    from django.conf import settings
    from django.core.paginator import Paginator

    if not request.user.has_perm(queries.VIEW):
        raise PermissionDenied(_("Bạn không có quyền xem số liệu."))
    unit = _dashboard_unit(request)
    computed = [e for e in catalog().values() if e.computed]
    code = request.GET.get("chi_tieu") or "onestop.received"
    entry = next((e for e in computed if e.code == code), computed[0] if computed else None)
    level = request.GET.get("so_sanh", "")
    level = level if level in queries.Level.LABELS else queries.Level.CHILDREN
    text = request.GET.get("period", "")
    error = ""
    try:
        if text:
            period = Period.parse(text)
        else:  # the latest quarter with figures for this unit
            period = Period.parse(_last_quarter())
            if entry is not None:
                period = queries.latest_period_with_data(entry, unit, period)
            text = str(period)
    except PeriodError as exc:
        error, period = str(exc), Period.year(timezone.localdate().year - 1)
    scope = user_scope(request.user, perm=queries.VIEW)
    here = {"chi_tieu": entry.code if entry else "", "period": text, "so_sanh": level}
    context = {"unit": unit, "entries": computed, "entry": entry, "period": period, "period_text": text,
               "error": error, "tiles": settings.TTTT_MAP_TILES, "level": level,
               "levels": list(queries.Level.LABELS.items()), "country": scope.unrestricted,
               "title": unit.name if unit else _("Cả nước")}  # fmt: skip
    if entry is None:
        return TemplateResponse(request, "reporting/admin/dashboard.html", context)
    compared = queries.compared_units(unit, period, level)
    across = queries.by_child(entry, compared, period)
    if request.GET.get("export") == "xlsx":
        name = f"xep-hang-{entry.code}-{period}"
        headers = [_("Hạng"), _("Đơn vị"), _("Thuộc"), entry.name]
        rows = [[p.rank or None, p.label, p.unit.parent.name if p.unit.parent_id else "", p.value]
                for p in across]  # fmt: skip
        return _xlsx(name, headers, rows)
    over_time = queries.series(entry, unit, period)
    for p in over_time:
        p.url = queries.records_url(entry, unit, p.period)
    page = Paginator(across, queries.PER_PAGE).get_page(request.GET.get("trang"))
    for p in page:
        p.url = queries.records_url(entry, p.unit, period)
        p.drill = "?" + urlencode({"unit": p.unit.pk, **here})
    top = max((p.value for p in across if p.value), default=0)
    context.update(
        over_time=over_time,
        across=across,
        page=page,
        here=urlencode({"unit": unit.pk if unit else "", "ca_nuoc": "" if unit else "1", **here}),
        records=queries.records_url(entry, unit, period),
        markers=[
            {
                "lat": float(p.unit.latitude),
                "lon": float(p.unit.longitude),
                "name": p.label,
                "type": entry.name,
                "address": p.shown,
                "size": float((p.value / top) ** Decimal("0.5"))
                if top and p.value and p.value > 0
                else 0,
            }
            for p in across
            if p.unit.latitude is not None and p.unit.longitude is not None
        ],  # fmt: skip
        parent=unit.parent
        if unit and unit.parent and user_can(request.user, queries.VIEW, unit.parent)
        else None,
    )
    return TemplateResponse(request, "reporting/admin/dashboard.html", context)


@reads_from_replica
def overview_view(request):
    """The operations centre a leader opens each morning (Tổng quan điều hành): for the
    person's unit, each field's figures in the period with the same period a year before and
    the trend, each linking to its records and across the units below; and the reports
    still owed."""
    if not request.user.has_perm(queries.VIEW):
        raise PermissionDenied(_("Bạn không có quyền xem số liệu."))
    unit = _dashboard_unit(request)
    text, error = request.GET.get("period", ""), ""
    try:
        period = Period.parse(text) if text else None
    except PeriodError as exc:
        error, period = str(exc), None
    if period is None:
        opening = catalog().get("onestop.received")
        period = Period.parse(_last_quarter())
        if opening is not None:
            period = queries.latest_period_with_data(opening, unit, period)
        text = text if error else str(period)
    sections = queries.overview(unit, period)
    place = {"unit": unit.pk} if unit else {"ca_nuoc": 1}
    charts = []
    for _title, tiles in sections:
        for tile in tiles:
            tile.dashboard = (
                reverse("reporting_dashboard")
                + "?"
                + urlencode({**place, "chi_tieu": tile.entry.code, "period": str(period)})
            )
            charts.append({"id": f"trend-{len(charts)}", "labels": [p.label for p in tile.trend],
                           "data": [float(p.value) if p.value is not None else None for p in tile.trend]})  # fmt: skip
            tile.chart = charts[-1]["id"]
    from tttt.core.periods import year_before

    context = {
        "unit": unit,
        "title": unit.name if unit else _("Cả nước"),
        "period": period,
        "period_text": text,
        "before": year_before(period),
        "error": error,
        "sections": sections,
        "charts": charts,
        "owing": queries.reports_owing(unit, timezone.localdate()) if unit else [],
        "alert_add": reverse("canh-bao-so-lieu:add"),
        "country": user_scope(request.user, perm=queries.VIEW).unrestricted,
        "parent": unit.parent
        if unit and unit.parent and user_can(request.user, queries.VIEW, unit.parent)
        else None,
    }
    return TemplateResponse(request, "reporting/admin/overview.html", context)


# ---------------------------------------------------------------- alerts


class AlertRuleForm(forms.ModelForm):
    class Meta:
        model = AlertRule
        fields = ["unit", "code", "comparison", "threshold", "span", "recipients", "is_active"]

    def __init__(self, *args, for_user=None, **kwargs):
        from tttt.core.forms import PlainSelect

        super().__init__(*args, **kwargs)
        scope = user_scope(for_user, perm=queries.VIEW)
        units = Unit.objects.administrative().filter(scope.q(None)).order_by("path")
        self.fields["unit"].queryset = units
        self.fields["unit"].widget = PlainSelect(choices=self.fields["unit"].choices)
        computed = sorted((e for e in catalog().values() if e.computed), key=lambda e: e.name)
        self.fields["code"] = forms.ChoiceField(
            label=gettext_lazy("Chỉ tiêu"), choices=[(e.code, e.name) for e in computed]
        )
        for name in ("code", "span", "unit"):  # long names stay within a phone's width
            self.fields[name].widget.attrs["style"] = "width:100%;min-width:0;max-width:100%"
        self.fields["threshold"].help_text = _(
            "Ví dụ: dưới 90 (tỷ lệ đúng hạn, %), trên 0 (hồ sơ quá hạn)."
        )


class AlertRuleIndexView(generic.IndexView):
    def get_table(self, object_list):
        """Each rule's catalog entry, looked up once for the page (the catalog is a query)."""
        known = catalog(include_inactive=True)
        for rule in object_list:
            rule.entry = known.get(rule.code)
        return super().get_table(object_list)

    def get_base_queryset(self):
        from django.db.models import Prefetch

        from .models import Alert

        open_alerts = Prefetch(
            "alerts", queryset=Alert.objects.filter(closed_at__isnull=True), to_attr="open"
        )
        return super().get_base_queryset().select_related("unit").prefetch_related(open_alerts)


class AlertRuleCreateView(ServiceErrorsMixin, generic.CreateView):
    def get_initial(self):
        """From a figure's "Đặt cảnh báo" link: its indicator and unit (else the person's own
        unit), and "below" for a rate, "above" for a count."""
        from tttt.core.indicators import Measure

        initial = super().get_initial()
        code = self.request.GET.get("chi_tieu", "")
        entry = catalog().get(code)
        if entry is not None:
            initial["code"] = code
            initial["comparison"] = (
                "below" if entry.indicator.measure == Measure.PERCENT else "above"
            )
        try:
            unit = unit_for_page(self.request, queries.VIEW)
        except PermissionDenied:
            unit = None
        if unit is not None:
            initial["unit"] = unit.pk
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def save_instance(self):
        return services.alert_rule_save(user=self.request.user, rule=self.form.instance)


class AlertRuleEditView(ServiceErrorsMixin, generic.EditView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def save_instance(self):
        return services.alert_rule_save(user=self.request.user, rule=self.form.instance)


class AlertRuleDeleteView(generic.DeleteView):
    def delete_action(self):
        services.alert_rule_delete(user=self.request.user, rule=self.object)


def _rule_name(rule) -> str:
    return rule.entry.name if rule.entry else rule.code


def _rule_threshold(rule) -> str:
    shown = rule.entry.format(rule.threshold) if rule.entry else str(rule.threshold)
    return f"{rule.get_comparison_display()} {shown}"


def _rule_state(rule) -> str:
    if not rule.is_active:
        return _("Tạm dừng")
    if getattr(rule, "open", None):
        alert = rule.open[0]
        value = rule.entry.format(alert.value) if rule.entry else alert.value
        return _("Đang cảnh báo: %(value)s, từ %(since)s") % {
            "value": value, "since": timezone.localtime(alert.opened_at).strftime("%d/%m/%Y %H:%M")}  # fmt: skip
    return _("Trong ngưỡng")


class AlertRuleViewSet(ScopedModelViewSet):
    model = AlertRule
    icon = "warning"
    menu_label = gettext_lazy("Cảnh báo số liệu")
    menu_order = 3
    name = "canh-bao-so-lieu"
    url_prefix = "bao-cao/canh-bao"
    index_view_class = AlertRuleIndexView
    add_view_class = AlertRuleCreateView
    edit_view_class = AlertRuleEditView
    delete_view_class = AlertRuleDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False
    search_fields = ["code", "unit__name"]
    search_backend_name = None
    list_filter = ["span", "is_active"]
    list_per_page = 50
    list_display = [
        TitleColumn(
            "code",
            label=gettext_lazy("chỉ tiêu"),
            accessor=_rule_name,
            get_url=lambda o: reverse("canh-bao-so-lieu:edit", args=[o.pk]),
        ),
        Column("unit", label=gettext_lazy("đơn vị")),
        Column("threshold", label=gettext_lazy("cảnh báo khi"), accessor=_rule_threshold),
        Column("span", label=gettext_lazy("kỳ theo dõi"), accessor="get_span_display"),
        Column("state", label=gettext_lazy("tình trạng"), accessor=_rule_state),
    ]

    form_class = AlertRuleForm


# ---------------------------------------------------------------- digital transformation index


class DtiSetCreateView(ServiceErrorsMixin, generic.CreateView):
    def save_instance(self):
        return services.dti_set_save(user=self.request.user, dti_set=self.form.save(commit=False))


class DtiSetEditView(ServiceErrorsMixin, generic.EditView):
    def save_instance(self):
        return services.dti_set_save(user=self.request.user, dti_set=self.form.save(commit=False))


class DtiSetViewSet(ModelViewSet):
    model = DtiSet
    icon = "pick"
    menu_label = gettext_lazy("Bộ chỉ số DTI")
    menu_order = 40
    name = "bo-chi-so-dti"
    url_prefix = "bao-cao/bo-chi-so-dti"
    add_view_class = DtiSetCreateView
    edit_view_class = DtiSetEditView
    copy_view_enabled = False
    search_fields = ["name"]
    search_backend_name = None
    list_display = ["name", "level", "year_from", "year_to", "is_active"]
    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("level"), FieldPanel("year_from"), FieldPanel("year_to")]),
        FieldPanel("legal_basis"),
        FieldPanel("is_active"),
        InlinePanel("criteria", label=gettext_lazy("Tiêu chí"), panels=[
            FieldRowPanel([FieldPanel("position"), FieldPanel("code"), FieldPanel("pillar")]),
            FieldPanel("name"),
            FieldRowPanel([FieldPanel("max_points"), FieldPanel("target"), FieldPanel("indicator"),
                           FieldPanel("combine")]),
            FieldPanel("legal_basis"),
        ]),
    ]  # fmt: skip


def _dti_choice(request):
    """The unit (None: the country), year and set a DTI page shows, and the sets to choose."""
    unit = _dashboard_unit(request)
    text = request.GET.get("nam", "")
    year = (
        int(text) if text.isdigit() and 2000 <= int(text) <= 2100 else timezone.localdate().year - 1
    )
    sets = list(queries.dti_sets(year))
    chosen = next((s for s in sets if str(s.pk) == request.GET.get("bo")), None)
    if chosen is None and sets:  # the set of the unit's own level, else the first
        chosen = next((s for s in sets if unit is not None and s.level == unit.kind), sets[0])
    return unit, year, sets, chosen


def dti_view(request):
    """The digital transformation index of the units of a set's level in the person's
    territory (the country's for the unrestricted): scores by pillar, total and rank, from
    the records where the criterion is computed and from the units' entries where not."""
    if not request.user.has_perm(queries.VIEW):
        raise PermissionDenied(_("Bạn không có quyền xem số liệu."))
    unit, year, sets, dti_set = _dti_choice(request)
    context = {"unit": unit, "title": unit.name if unit else _("Cả nước"), "year": year, "sets": sets,
               "dti_set": dti_set, "years": list(range(timezone.localdate().year, 2016, -1))}  # fmt: skip
    if dti_set is not None:
        today = request.GET.get("hien_nay") == "1"
        rows = queries.dti_scores(
            dti_set, queries.dti_units(dti_set, unit, year, today=today), year
        )
        context["today"] = today
        pillars = queries.dti_pillars(dti_set)
        if request.GET.get("export") == "xlsx":
            headers = [_("Hạng"), _("Đơn vị"), *[p for p, _m in pillars], _("Tổng điểm")]
            return _xlsx(f"dti-{dti_set.pk}-{year}", headers,
                         [[r.rank or None, r.unit.name, *[r.pillars.get(p) if r.scored else None for p, _m in pillars],
                           r.total if r.scored else None] for r in rows])  # fmt: skip
        from django.core.paginator import Paginator

        maximum = sum((m for _p, m in pillars), Decimal(0))
        page = Paginator(rows, queries.PER_PAGE).get_page(request.GET.get("trang"))
        context.update(rows=rows, page=page, pillars=pillars, maximum=maximum,
                       here=urlencode({"bo": dti_set.pk, "nam": year, "hien_nay": "1" if today else "",
                                       **({"unit": unit.pk} if unit else {"ca_nuoc": 1})}))  # fmt: skip
    return TemplateResponse(request, "reporting/admin/dti.html", context)


def dti_unit_view(request, set_pk: int, unit_pk: int, year: int):
    """One unit's DTI for a year: each criterion's value, where it comes from and its
    points; the entered criteria can be filled here by the unit's reporting officers."""
    from .models import DtiSet

    dti_set = get_object_or_404(DtiSet, pk=set_pk)
    unit = get_object_or_404(Unit, pk=unit_pk)
    if not user_can(request.user, queries.VIEW, unit):
        raise PermissionDenied(_("Đơn vị này nằm ngoài phạm vi được giao cho bạn."))
    criteria = list(dti_set.criteria.all())
    errors: dict[str, list[str]] = {}
    typed: dict[str, str] = {}
    if request.method == "POST":
        typed = {f"c{c.pk}": request.POST.get(f"c{c.pk}", "") for c in criteria if not c.computed}
        try:
            services.dti_values_save(user=request.user, dti_set=dti_set, unit=unit, year=year,
                                     typed={c: typed[f"c{c.pk}"] for c in criteria if not c.computed})  # fmt: skip
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                errors = {k: [m for e in v for m in e.messages] for k, v in exc.error_dict.items()}
            else:
                errors = {"__all__": exc.messages}
        else:
            messages.success(
                request,
                _("Đã lưu số liệu DTI năm %(year)s của %(unit)s.")
                % {"year": year, "unit": unit.name},
            )
            return redirect(request.path)
    row = queries.dti_scores(dti_set, [unit], year)[0]
    known = catalog(include_inactive=True)
    period = Period.year(year)
    lines = []
    for c in criteria:
        entry = known.get(c.indicator) if c.computed else None
        shown = (entry.format(row.values[c.pk]) if entry else format_number(row.values[c.pk], 2)
                 if row.values[c.pk] is not None else "—")  # fmt: skip
        lines.append({
            "criterion": c, "value": row.values[c.pk], "shown": shown, "points": row.points[c.pk],
            "source": entry.name if entry else "", "url": queries.records_url(entry, unit, period) if entry else None,
            "typed": typed.get(f"c{c.pk}", format_number(row.values[c.pk], 2) if row.values[c.pk] is not None
                                 and not c.computed else ""),
            "errors": errors.get(f"c{c.pk}", []),
        })  # fmt: skip
    context = {"dti_set": dti_set, "unit": unit, "year": year, "row": row, "lines": lines,
               "errors": errors.get("__all__", []), "can_enter": user_can(request.user, queries.FILL, unit)
               and unit.kind == dti_set.level and any(not c.computed for c in criteria),
               "back": reverse("reporting_dti") + "?" + urlencode({"bo": dti_set.pk, "nam": year}),
               "maximum": sum((c.max_points for c in criteria), Decimal(0))}  # fmt: skip
    return TemplateResponse(request, "reporting/admin/dti_unit.html", context)


class ReportingGroup(ViewSetGroup):
    menu_label = gettext_lazy("Báo cáo định kỳ")
    menu_icon = "doc-full"
    menu_order = 160
    submenu_hook = "register_reporting_menu_item"
    items = [
        AlertRuleViewSet,
        ReportViewSet,
        VisitViewSet,
        ClusterViewSet,
        ReportFormViewSet,
        ManualIndicatorViewSet,
    ]
