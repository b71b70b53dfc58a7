"""Back office of the one-stop-shop: intake, work queues, a dossier's page with its
actions, and the procedure catalog. Every write goes through `services`."""

from __future__ import annotations

import copy

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, ObjectList
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.permission_policies import ModelPermissionPolicy

from tttt.core.admin_views import ReadableValues, SpreadsheetAsRead
from tttt.core.formatting import format_money
from tttt.core.replica import reads_from_replica
from tttt.org.admin_views import FigureRecords, ScopedModelViewSet
from tttt.org.models import Unit
from tttt.org.queries import restrict_to_scope, user_can, user_scope

from . import queries, services
from .forms import MultipleFileField
from .models import (
    Channel,
    Dossier,
    Procedure,
    ProcedureField,
    Status,
    Timing,
)

# ---------------------------------------------------------------- dossiers


class NativeDateRange(django_filters.widgets.RangeWidget):
    """Two of the browser's own date inputs (from, to). Wagtail's date-range picker writes an
    inline script for each, which the Content Security Policy blocks: the picker never
    opened."""

    suffixes = ["from", "to"]
    template_name = "django/forms/widgets/multiwidget.html"

    def __init__(self, attrs=None):
        date = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
        forms.MultiWidget.__init__(self, (date, copy.deepcopy(date)), attrs)


class DossierFilterSet(WagtailFilterSet):
    queue = django_filters.ChoiceFilter(
        label=gettext_lazy("Hàng đợi công việc"),
        choices=list(queries.QUEUES.items()),
        method="filter_queue",
        empty_label=gettext_lazy("Tất cả hồ sơ"),
    )
    status = django_filters.ChoiceFilter(label=gettext_lazy("Trạng thái"), choices=Status.choices)
    channel = django_filters.ChoiceFilter(
        label=gettext_lazy("Hình thức nộp"), choices=Channel.choices
    )
    timing = django_filters.ChoiceFilter(label=gettext_lazy("Tiến độ"), choices=Timing.choices)
    procedure__field = django_filters.ModelChoiceFilter(
        label=gettext_lazy("Lĩnh vực"), queryset=ProcedureField.objects.all()
    )
    received_at = django_filters.DateFromToRangeFilter(
        label=gettext_lazy("Ngày tiếp nhận"), widget=NativeDateRange
    )

    class Meta:
        model = Dossier
        fields = []

    def filter_queue(self, queryset, name, value):
        return queryset.filter(queries.queue_q(value, self.request.user))


def _local(value) -> str:
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y") if value else ""


class DossierIndexView(FigureRecords, SpreadsheetAsRead, generic.IndexView):
    add_item_label = gettext_lazy("Tiếp nhận hồ sơ")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("procedure", "unit", "assignee")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = queries.queue_counts(self.request.user)
        context["queues"] = [
            (code, label, counts[code], self.request.GET.get("queue") == code)
            for code, label in queries.QUEUES.items()
        ]
        return context


SLIP_BUTTONS = [
    ("02", "request_supplement", gettext_lazy("In phiếu yêu cầu bổ sung")),
    ("03", "refuse", gettext_lazy("In phiếu từ chối tiếp nhận")),
    ("04", "reschedule", gettext_lazy("In văn bản xin lỗi, hẹn lại")),
    ("05", "stop", gettext_lazy("In thông báo dừng giải quyết")),
]


class DossierDetailView(generic.InspectView):
    template_name = "onestop/admin/dossier_detail.html"
    page_title = gettext_lazy("Hồ sơ")

    def get_object(self, queryset=None):
        return get_object_or_404(
            Dossier.objects.select_related("procedure__field", "unit", "assignee", "received_by"),
            pk=self.pk,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        d = self.object
        user = self.request.user
        context_events = list(queries.timeline(d))
        context.update(
            dossier=d,
            events=context_events,
            pauses=d.pauses.all(),
            items=d.items.all(),
            files=d.files.all(),
            actions=[(code, services.ACTIONS[code]) for code in services.allowed_actions(user, d)],
            assignees=queries.possible_assignees(d.unit),
            revealed=getattr(self, "revealed", None),
            can_reveal=user_can(user, "onestop.view_personal_data", d.unit),
            needs_apology=services.needs_apology(d),
            time_left=queries.describe_working_time(queries.working_time_left(d))
            if d.is_open and d.status != Status.SUPPLEMENT
            else None,
            fee=format_money(d.fee),
            slips=[
                (form, label)
                for form, action, label in SLIP_BUTTONS
                if any(e.action == action for e in context_events)
            ],
            now=timezone.now(),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        d = self.object
        action = request.POST.get("action", "")
        if action == "reveal":
            self.revealed = services.reveal_personal_data(
                user=request.user, dossier=d, request=request
            )
            return self.render_to_response(self.get_context_data())
        assignee = None
        if request.POST.get("assignee"):
            assignee = (
                queries.possible_assignees(d.unit).filter(pk=request.POST["assignee"]).first()
            )
        new_due = None
        if request.POST.get("new_due"):
            try:
                new_due = timezone.make_aware(
                    forms.DateTimeField(input_formats=["%Y-%m-%dT%H:%M"]).clean(
                        request.POST["new_due"]
                    )
                )
            except ValidationError:
                messages.error(request, _("Ngày hẹn mới không hợp lệ."))
                return redirect(request.path)
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = None
        try:
            services.act(
                user=request.user,
                dossier=d,
                action=action,
                version=version,
                reason=request.POST.get("reason", ""),
                assignee=assignee,
                new_due=new_due,
            )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        else:
            label = services.ACTIONS[action].label
            messages.success(request, _("Đã thực hiện: {action}.").format(action=label))
        return redirect(request.path)


def dossier_file(request, pk, file_pk):
    """An attachment, only for people who may see the dossier."""
    d = get_object_or_404(Dossier.objects.select_related("unit"), pk=pk)
    if not user_can(request.user, "onestop.view_dossier", d.unit):
        raise PermissionDenied(_("Hồ sơ này nằm ngoài phạm vi được giao cho bạn."))
    f = d.files.filter(pk=file_pk).first()
    if f is None:
        raise Http404
    return FileResponse(f.file.open("rb"), as_attachment=True, filename=f.name)


def dossier_slip(request, pk, form):
    """A printable slip (forms 01–07) of a dossier in the user's scope, as PDF."""
    from django.http import HttpResponse

    from .slips import SlipMissing, render_pdf

    d = get_object_or_404(Dossier.objects.select_related("unit", "procedure", "received_by"), pk=pk)
    if not user_can(request.user, "onestop.view_dossier", d.unit):
        raise PermissionDenied(_("Hồ sơ này nằm ngoài phạm vi được giao cho bạn."))
    try:
        content = render_pdf(d, form, origin=request.build_absolute_uri("/"))
    except SlipMissing as exc:
        messages.error(request, str(exc))
        return redirect("dossiers:inspect", d.pk)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{d.code}-mau-{form}.pdf"'
    return response


class DossierPolicy(ModelPermissionPolicy):
    """Dossiers are created by intake and changed only by actions, never by a model form."""

    def user_has_permission(self, user, action):
        if action == "add":
            return user.has_perm("onestop.receive_dossier")
        if action in ("change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


class DossierViewSet(ScopedModelViewSet):
    model = Dossier
    icon = "folder-open-inverse"
    menu_label = gettext_lazy("Hồ sơ một cửa")
    menu_order = 100
    add_to_admin_menu = True
    name = "dossiers"
    # Millions of rows whose links (procedure, unit, people) need no "usage" index;
    # indexing them would cost a few queries per intake and transition.
    add_to_reference_index = False
    index_view_class = DossierIndexView
    index_template_name = "onestop/admin/dossier_index.html"
    inspect_view_class = DossierDetailView
    inspect_view_enabled = True
    copy_view_enabled = False
    filterset_class = DossierFilterSet
    search_fields = ["code", "applicant_search"]
    search_backend_name = None
    list_per_page = 50
    ordering = ["-received_at"]
    list_display = [
        TitleColumn(
            "code",
            label=gettext_lazy("mã hồ sơ"),
            get_url=lambda obj: reverse("dossiers:inspect", args=[obj.pk]),
        ),
        "applicant_name",
        Column("masked_phone", label=gettext_lazy("điện thoại")),
        Column("procedure", label=gettext_lazy("thủ tục"), accessor="procedure.name"),
        Column("unit", label=gettext_lazy("nơi tiếp nhận")),
        Column("get_status_display", label=gettext_lazy("trạng thái")),
        Column(
            "received_at", label=gettext_lazy("tiếp nhận"), accessor=lambda d: _local(d.received_at)
        ),
        Column("due_at", label=gettext_lazy("hẹn trả"), accessor=lambda d: _local(d.due_at)),
        Column("assignee", label=gettext_lazy("người xử lý")),
    ]
    list_export = [
        "code",
        "applicant_name",
        "masked_citizen_id",
        "masked_phone",
        "procedure",
        "unit",
        "get_channel_display",
        "get_status_display",
        "received_at",
        "due_at",
        "deadline",
        "resolved_at",
        "get_timing_display",
        "returned_at",
    ]
    export_headings = {
        "code": gettext_lazy("Mã hồ sơ"),
        "applicant_name": gettext_lazy("Người nộp"),
        "masked_citizen_id": gettext_lazy("CCCD (che)"),
        "masked_phone": gettext_lazy("Điện thoại (che)"),
        "procedure": gettext_lazy("Thủ tục"),
        "unit": gettext_lazy("Nơi tiếp nhận"),
        "get_channel_display": gettext_lazy("Hình thức nộp"),
        "get_status_display": gettext_lazy("Trạng thái"),
        "received_at": gettext_lazy("Tiếp nhận"),
        "due_at": gettext_lazy("Hẹn trả"),
        "deadline": gettext_lazy("Hạn theo quy định"),
        "resolved_at": gettext_lazy("Có kết quả"),
        "get_timing_display": gettext_lazy("Tiến độ"),
        "returned_at": gettext_lazy("Trả kết quả"),
    }
    form_fields = ["applicant_name"]

    def get_add_url(self):  # the add button opens intake
        return reverse("onestop_intake")

    scoped_query = staticmethod(queries.scoped_dossiers)


# ---------------------------------------------------------------- intake


class IntakeForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Nơi tiếp nhận"), queryset=Unit.objects.none())
    channel = forms.ChoiceField(label=gettext_lazy("Hình thức nộp"), choices=Channel.choices)
    applicant_kind = forms.ChoiceField(
        label=gettext_lazy("Người nộp là"), choices=Dossier.ApplicantKind.choices
    )
    applicant_name = forms.CharField(label=gettext_lazy("Họ tên / tên tổ chức"), max_length=200)
    citizen_id = forms.CharField(
        label=gettext_lazy("Số CCCD (12 chữ số)"), max_length=12, required=False
    )
    organisation_code = forms.CharField(
        label=gettext_lazy("Mã số doanh nghiệp/thuế"), max_length=20, required=False
    )
    phone = forms.CharField(label=gettext_lazy("Điện thoại"), max_length=15)
    email = forms.EmailField(label=gettext_lazy("Thư điện tử"), required=False)
    address = forms.CharField(label=gettext_lazy("Địa chỉ"), max_length=300, required=False)
    items = forms.MultipleChoiceField(
        label=gettext_lazy("Giấy tờ đã nhận"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    files = MultipleFileField(label=gettext_lazy("Bản quét (nếu có)"), required=False)
    paid_online = forms.BooleanField(label=gettext_lazy("Đã nộp phí trực tuyến"), required=False)

    def __init__(self, *args, procedure: Procedure, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.procedure = procedure
        units = restrict_to_scope(
            procedure.units.all(), user, unit_field=None, perm="onestop.receive_dossier"
        )
        self.fields["unit"].queryset = units
        if units.count() == 1:
            self.fields["unit"].initial = units.first()
        self.documents = list(procedure.documents.all())
        self.fields["items"].choices = [(str(doc.pk), doc.name) for doc in self.documents]


def _procedures_for_intake(user):
    scope = user_scope(user, perm="onestop.receive_dossier")
    qs = Procedure.objects.filter(is_active=True).select_related("field")
    if not scope.unrestricted:
        qs = qs.filter(scope.q("units")).distinct()
    return qs


def intake(request):
    """Step 1: choose the procedure; step 2: the applicant, papers, files → receipt."""
    if not request.user.has_perm("onestop.receive_dossier"):
        raise PermissionDenied(_("Bạn không có quyền tiếp nhận hồ sơ."))
    procedures = _procedures_for_intake(request.user)
    chosen = request.GET.get("procedure") or request.POST.get("procedure")
    if not chosen:
        from django.core.paginator import Paginator

        from tttt.core.text import fold

        q = request.GET.get("q", "").strip()
        if q:
            procedures = procedures.filter(search_name__contains=fold(q))
        page = Paginator(procedures.order_by("field__name", "code"), 30).get_page(
            request.GET.get("page")
        )
        return TemplateResponse(
            request, "onestop/admin/intake_choose.html", {"page": page, "q": q, "query": q}
        )
    procedure = get_object_or_404(procedures, pk=chosen)
    form = IntakeForm(
        request.POST or None, request.FILES or None, procedure=procedure, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        docs = {str(doc.pk): doc for doc in form.documents}
        items = [(docs[i].pk, docs[i].name, docs[i].originals, docs[i].copies) for i in d["items"]]
        uploads = [services.Upload(f.name, f, f.size, f.content_type) for f in d["files"]]
        try:
            dossier = services.receive_dossier(
                user=request.user,
                procedure=procedure,
                unit=d["unit"],
                channel=d["channel"],
                applicant=d,
                items=items,
                files=uploads,
                paid_online=d["paid_online"],
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(
                request,
                _("Đã tiếp nhận hồ sơ {code}; hẹn trả {due}.").format(
                    code=dossier.code,
                    due=timezone.localtime(dossier.due_at).strftime("%H:%M ngày %d/%m/%Y"),
                ),
            )
            return redirect("dossiers:inspect", dossier.pk)
    return TemplateResponse(
        request, "onestop/admin/intake_form.html", {"form": form, "procedure": procedure}
    )


# ---------------------------------------------------------------- procedure catalog


class ProcedureAdminForm(WagtailAdminModelForm):
    """Receiving units are limited to the editor's scope; the steps' shares ≤ 100%."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "units" in self.fields:
            self.fields["units"].queryset = restrict_to_scope(
                Unit.objects.all(), self.for_user, unit_field=None
            ).order_by("path")

    def is_valid(self):
        valid = super().is_valid()
        steps = getattr(self, "formsets", {}).get("steps")
        if valid and steps is not None:
            total = sum(
                f.cleaned_data.get("share") or 0
                for f in steps.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            )
            if total > 100:
                self.add_error(
                    None,
                    _("Tổng tỷ lệ thời gian các bước là {total}%, vượt 100%.").format(total=total),
                )
                return False
        return valid


PROCEDURE_PANELS = [
    FieldRowPanel([FieldPanel("code"), FieldPanel("level")]),
    FieldPanel("name"),
    FieldRowPanel([FieldPanel("field"), FieldPanel("is_active")]),
    FieldRowPanel([FieldPanel("duration"), FieldPanel("duration_unit")]),
    FieldRowPanel([FieldPanel("fee"), FieldPanel("fee_note")]),
    FieldRowPanel([FieldPanel("online_service"), FieldPanel("legacy_level")]),
    FieldPanel("legal_basis"),
    FieldPanel("units"),
    InlinePanel(
        "documents", heading=gettext_lazy("Thành phần hồ sơ"), label=gettext_lazy("giấy tờ")
    ),
    InlinePanel("steps", heading=gettext_lazy("Quy trình nội bộ"), label=gettext_lazy("bước")),
]


class ProcedureIndexView(generic.IndexView):
    add_item_label = gettext_lazy("Thêm thủ tục")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("field")


class ProcedureCreateView(generic.CreateView):
    def save_instance(self):
        return services.procedure_save(
            user=self.request.user, procedure=self.form.instance, form=self.form
        )


class ProcedureEditView(generic.EditView):
    def save_instance(self):
        return services.procedure_save(
            user=self.request.user, procedure=self.form.instance, form=self.form
        )


class ProcedureInspectView(ReadableValues, generic.InspectView):
    template_name = "onestop/admin/procedure_detail.html"
    page_title = gettext_lazy("Thủ tục")

    def get_field_display_value(self, field_name=None, field=None):
        # Wagtail looks for a `get_<name>_display_value` method per field; for the model
        # field named "field" that is this very method, called without arguments.
        if field_name is None:
            return self.object.field
        return super().get_field_display_value(field_name, field)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            procedure=self.object,
            documents=self.object.documents.all(),
            steps=self.object.steps.all(),
            units=self.object.units.order_by("path"),
        )
        return context


class ProcedureViewSet(ScopedModelViewSet):
    model = Procedure
    scope_field = "units"  # the catalogues of the units that offer it
    index_template_name = "onestop/admin/procedure_index.html"
    icon = "list-ul"
    menu_label = gettext_lazy("Thủ tục hành chính")
    menu_order = 110
    add_to_admin_menu = True
    name = "procedures"
    index_view_class = ProcedureIndexView
    add_view_class = ProcedureCreateView
    edit_view_class = ProcedureEditView
    inspect_view_class = ProcedureInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["field", "level", "online_service", "is_active"]
    search_fields = ["search_name", "code"]
    search_backend_name = None
    list_per_page = 50
    ordering = ["code"]
    list_display = [
        "code",
        "name",
        Column("field", label=gettext_lazy("lĩnh vực")),
        Column("duration_label", label=gettext_lazy("thời hạn")),
        Column("fee", label=gettext_lazy("phí (đồng)")),
        Column("get_online_service_display", label=gettext_lazy("DVC trực tuyến")),
    ]
    list_export = ["code", "name", "field", "level", "duration", "duration_unit", "fee",
                   "online_service", "legacy_level", "legal_basis"]  # fmt: skip
    edit_handler = ObjectList(PROCEDURE_PANELS, base_form_class=ProcedureAdminForm)

    scoped_query = staticmethod(queries.scoped_procedures)


# ---------------------------------------------------------------- statistics


STAT_ROWS = [
    ("received", gettext_lazy("Hồ sơ tiếp nhận"), "n"),
    ("counter", gettext_lazy("— trực tiếp"), "n"),
    ("online", gettext_lazy("— trực tuyến"), "n"),
    ("post", gettext_lazy("— qua bưu chính"), "n"),
    ("resolved", gettext_lazy("Hồ sơ đã giải quyết"), "n"),
    ("early", gettext_lazy("— trước hạn"), "n"),
    ("on_time", gettext_lazy("— đúng hạn"), "n"),
    ("late", gettext_lazy("— quá hạn"), "n"),
    ("pending_in_time", gettext_lazy("Đang giải quyết, trong hạn (cuối kỳ)"), "n"),
    ("overdue", gettext_lazy("Đang giải quyết, quá hạn (cuối kỳ)"), "n"),
    ("on_time_rate", gettext_lazy("Tỷ lệ giải quyết đúng hạn (trên hồ sơ đã giải quyết)"), "%"),
    ("received_in_time_rate", gettext_lazy("Tỷ lệ đúng hạn trên hồ sơ tiếp nhận"), "%"),
    ("online_share", gettext_lazy("Tỷ lệ hồ sơ trực tuyến"), "%"),
    ("online_payment_share", gettext_lazy("Tỷ lệ thanh toán trực tuyến"), "%"),
    ("digitised_share", gettext_lazy("Tỷ lệ hồ sơ số hóa"), "%"),
    ("satisfaction", gettext_lazy("Tỷ lệ hài lòng"), "%"),
]


def _stats_unit(request):
    """The unit asked for (must be in scope), else the user's first scope root."""
    scope = user_scope(request.user, perm="onestop.view_dossier")
    pk = request.GET.get("unit")
    if pk:
        unit = get_object_or_404(Unit, pk=pk)
        if not scope.contains(unit):
            raise PermissionDenied(_("Đơn vị này nằm ngoài phạm vi được giao cho bạn."))
        return unit
    roots = Unit.objects.filter(path__in=scope.paths).order_by("path")
    if scope.unrestricted:
        roots = Unit.objects.filter(kind=Unit.Kind.PROVINCE).current().order_by("name")
    unit = roots.first()
    if unit is None:
        raise PermissionDenied(_("Bạn chưa được phân quyền xem hồ sơ của đơn vị nào."))
    return unit


@reads_from_replica
def statistics_view(request):
    from tttt.core.formatting import format_number, format_percent
    from tttt.core.periods import Period, PeriodError
    from tttt.org.queries import units_for_territory

    if not request.user.has_perm("onestop.view_dossier"):
        raise PermissionDenied(_("Bạn không có quyền xem thống kê một cửa."))
    unit = _stats_unit(request)
    text = request.GET.get("period") or f"{timezone.localdate().year}"
    error = ""
    try:
        period = Period.parse(text)
    except PeriodError as exc:
        error = str(exc)
        period = Period.year(timezone.localdate().year)
    used = units_for_territory(unit, period.end)
    field = ProcedureField.objects.filter(pk=request.GET.get("field") or None).first()
    procedure = None
    if code := request.GET.get("procedure", "").strip():
        procedure = Procedure.objects.filter(code=code).first()
        if procedure is None:
            error = _("Không có thủ tục mã «{code}».").format(code=code)
    figures = queries.statistics(used, period, field=field, procedure=procedure)
    children = queries.statistics_by_child(used, period)
    by_field = queries.statistics_by_field(used, period)
    if request.GET.get("export") == "register":
        return _register_xlsx(unit, period, queries.register_rows(used, period))
    months = queries.statistics_by_month(used, period)
    month_peak = max([m["received"] for m in months] or [0]) or 1
    for m in months:
        m["in_time_px"] = round(m["in_time"] * 240 / month_peak)
        m["late_px"] = round(m["late"] * 240 / month_peak)
        m["other_px"] = round((m["received"] - m["in_time"] - m["late"]) * 240 / month_peak)

    def fmt(key, kind):
        value = figures[key]
        return format_percent(value) if kind == "%" else format_number(value)

    rows = [(label, fmt(key, kind), figures[key], kind) for key, label, kind in STAT_ROWS]
    if request.GET.get("export") == "xlsx":
        return _statistics_xlsx(unit, period, rows, figures, children, by_field)
    peak = max([c["received"] for c in children] or [0]) or 1
    for c in children:
        c["bar"] = round(c["received"] * 100 / peak)
        c["rate_label"] = format_percent(c["on_time_rate"])
    return TemplateResponse(
        request,
        "onestop/admin/statistics.html",
        {
            "unit": unit,
            "used": used,
            "period": period,
            "period_text": text,
            "error": error,
            "rows": rows,
            "figures": figures,
            "children": children,
            "by_field": by_field,
            "months": months,
            "fields": ProcedureField.objects.order_by("name"),
            "field": field,
            "procedure": procedure,
            "procedure_code": request.GET.get("procedure", ""),
            "ancestors": [
                a
                for a in Unit.objects.filter(pk__in=unit.ancestor_ids).order_by("path")
                if user_can(request.user, "onestop.view_dossier", a)
            ],
        },
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, filename: str, content_type: str = XLSX):
    from django.http import HttpResponse

    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _workbook_bytes(wb) -> bytes:
    from io import BytesIO

    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _register_xlsx(unit, period, dossiers):
    """Form 07 (sổ theo dõi hồ sơ) as XLSX; phones are masked as in every list."""

    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Sổ theo dõi hồ sơ")
    ws.append([f"SỔ THEO DÕI HỒ SƠ — {unit.name} — {period.label}"])
    ws.append(["STT", "Mã hồ sơ", "Tên thủ tục", "Số lượng hồ sơ", "Tên cá nhân, tổ chức",
               "Điện thoại (che)", "Nơi tiếp nhận", "Hình thức nộp", "Ngày nhận", "Ngày hẹn trả",
               "Có kết quả", "Trả kết quả", "Tiến độ", "Trạng thái"])  # fmt: skip
    for i, d in enumerate(dossiers.iterator(chunk_size=2000), start=1):
        ws.append([i, d.code, d.procedure.name, 1, d.applicant_name, d.masked_phone, d.unit.name,
                   d.get_channel_display(), _local(d.received_at), _local(d.due_at),
                   _local(d.resolved_at), _local(d.returned_at), d.get_timing_display(),
                   d.get_status_display()])  # fmt: skip
    return _download(_workbook_bytes(wb), f"so-theo-doi-ho-so-{unit.code}-{period}.xlsx")


def _statistics_xlsx(unit, period, rows, figures, children, by_field):

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    ws.append([f"Thống kê một cửa — {unit.name} — {period.label}"])
    ws.append(["Chỉ tiêu", "Giá trị"])
    for label, _text, value, _kind in rows:
        ws.append([str(label), float(value) if value is not None else None])
    ws.append([])
    ws.append(["Chỉ số 766 (nhóm)", "Điểm tối đa", "Điểm", "Cách tính"])
    for g in figures["index766"]:
        ws.append(
            [
                g["name"],
                g["weight"],
                float(g["points"]) if g["points"] is not None else None,
                g["formula"],
            ]
        )
    ws.column_dimensions["A"].width = 55
    sheet = wb.create_sheet("Theo đơn vị")
    sheet.append(["Đơn vị", "Tiếp nhận", "Trực tuyến", "Đã giải quyết", "Trước và đúng hạn",
                  "Quá hạn", "Tỷ lệ đúng hạn (%)", "Đang quá hạn"])  # fmt: skip
    for c in children:
        sheet.append([c["unit"].name, c["received"], c["online"], c["resolved"], c["in_time"],
                      c["late"], float(c["on_time_rate"]) if c["on_time_rate"] is not None else None,
                      c["overdue"]])  # fmt: skip
    sheet.column_dimensions["A"].width = 40
    fields = wb.create_sheet("Theo lĩnh vực")
    fields.append(
        [
            "Lĩnh vực",
            "Tiếp nhận",
            "Đã giải quyết",
            "Trước và đúng hạn",
            "Quá hạn",
            "Tỷ lệ đúng hạn (%)",
        ]
    )
    for r in by_field:
        rate = float(r["on_time_rate"]) if r["on_time_rate"] is not None else None
        fields.append([r["field"], r["received"], r["resolved"], r["in_time"], r["late"], rate])
    fields.column_dimensions["A"].width = 50
    return _download(_workbook_bytes(wb), f"thong-ke-mot-cua-{unit.code}-{period}.xlsx")


# ---------------------------------------------------------------- catalog import / export


def catalog_import(request):
    from tttt.core.import_page import import_page

    if not request.user.has_perm("onestop.add_procedure"):
        raise PermissionDenied(_("Bạn không có quyền nhập danh mục thủ tục."))

    return import_page(
        request,
        runner="tttt.onestop.catalog_io.run",
        done=reverse("procedures:index"),
        title=_("Nhập danh mục thủ tục"),
        help=_(
            "Tải tệp mẫu bằng nút «Xuất danh mục» rồi sửa và nhập lại. Các thủ tục được "
            "nhận diện theo mã; thành phần hồ sơ ghi mỗi giấy tờ một dòng, dạng «Tên [số bản "
            "chính/số bản sao]»; quy trình ghi mỗi bước một dòng, dạng «tên bước | vai trò | "
            "tỷ lệ %»."
        ),
        file_label=_("Tệp danh mục (.xlsx hoặc .csv)"),
        file_help=_("Dùng đúng các cột của tệp xuất. Có lỗi ở bất kỳ dòng nào thì không nhập gì."),
        template_url=reverse("onestop_catalog_export"),
    )


def catalog_export(request):
    from .catalog_io import export_csv, export_xlsx

    if not request.user.has_perm("onestop.view_procedure"):
        raise PermissionDenied(_("Bạn không có quyền xem danh mục thủ tục."))
    procedures = queries.scoped_procedures(request.user).order_by("code")
    if request.GET.get("format") == "csv":
        return _download(export_csv(procedures), "danh-muc-thu-tuc.csv", "text/csv; charset=utf-8")
    return _download(export_xlsx(procedures), "danh-muc-thu-tuc.xlsx")
