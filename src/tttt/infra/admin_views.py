"""Back office of the infrastructure registries.

Every registry is one `RegistryViewSet`: its lists show only the user's scope, every page
of one record (edit, inspect, history, usage, delete) refuses a record outside it, its
forms offer only units (and parent records) in scope, and saving goes through the
registry's service. History rows (deadline extensions, progress reports, postal status
changes) are added, never edited.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, Sum
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup

from tttt.core.admin_views import ReadableValues, SpreadsheetAsRead
from tttt.core.forms import DATE, PlainSelect, ServiceErrorsMixin
from tttt.core.periods import Period, PeriodError
from tttt.core.text import fold
from tttt.org.admin_views import FigureRecords, ScopedModelViewSet, SharedDataViewSet, unit_for_page
from tttt.org.models import Unit
from tttt.org.queries import restrict_to_scope, user_can

from . import indicators, queries, services
from .models import (
    BtsStation,
    DigitalCertificate,
    EmailAccounts,
    EmailSurvey,
    FrequencyBand,
    Operator,
    PostalPoint,
    PostalPointStatus,
    RadioOutput,
    RadioStation,
    SpeakerCluster,
    UndergroundingExtension,
    UndergroundingProgress,
    UndergroundingProject,
)

# ---------------------------------------------------------------- generic registry views


class RecordForm(forms.ModelForm):
    """Units and parent records limited to the user's scope."""

    PARENTS = {"project": UndergroundingProject, "point": PostalPoint, "station": RadioStation}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is None:
            return
        units = restrict_to_scope(Unit.objects.administrative(), for_user, unit_field=None)
        if "unit" in self.fields:
            offices = restrict_to_scope(Unit.objects.all(), for_user, unit_field=None)
            use = offices if self._meta.model in (DigitalCertificate, EmailAccounts) else units
            self.fields["unit"].queryset = use.order_by("path")
            self.fields["unit"].widget = PlainSelect(choices=self.fields["unit"].choices)
        if "former_unit" in self.fields:
            self.fields["former_unit"].queryset = units.exclude(valid_to__isnull=True).order_by(
                "path"
            )
        for name, model in self.PARENTS.items():
            if name in self.fields:
                self.fields[name].queryset = queries.scoped(model, for_user).order_by("name")
        operators = Operator.objects.filter(is_active=True)
        kind = {BtsStation: Q(mobile=True), PostalPoint: Q(postal=True)}.get(
            self._meta.model, Q(mobile=True) | Q(postal=False)
        )
        for name in ("operators", "shared_with", "operator"):
            if name in self.fields:
                self.fields[name].queryset = operators.filter(kind)


class RecordIndexView(FigureRecords, SpreadsheetAsRead, generic.IndexView):
    template_name = "tttt/figure_index.html"
    scope_field = "unit"
    related: tuple = ("unit",)

    def get_base_queryset(self):
        return super().get_base_queryset().select_related(*self.related)

    def figure_territory(self, units):
        return indicators.territory_q(units, self.scope_field)

    def search_queryset(self, queryset):
        """The search box also finds records by a status or kind as people write it
        ("tạm ngưng" lists the suspended points)."""
        found = super().search_queryset(queryset)
        words = fold(self.search_query or "")
        by_label = Q()
        for field in self.model._meta.fields if words else ():
            for value, label in field.choices or ():
                if words in fold(str(label)):
                    by_label |= Q(**{field.name: value})
        return (found | queryset.filter(by_label)) if by_label else found


class Saving(ServiceErrorsMixin):
    """Create and edit views: forms get the user's scope; saving goes through a service."""

    scope_field = "unit"
    saver = "record_save"

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def save_instance(self):
        instance, save = self.form.instance, getattr(services, self.saver)
        if self.saver == "record_save":
            m2m = {f.name: self.form.cleaned_data[f.name] for f in instance._meta.many_to_many
                   if f.name in self.form.cleaned_data}  # fmt: skip
            return save(user=self.request.user, record=instance, m2m=m2m)
        name = {"project_extend": "extension", "project_progress": "report",
                "postal_status": "change", "output_save": "output"}[self.saver]  # fmt: skip
        return save(user=self.request.user, **{name: instance})


class RecordCreateView(Saving, generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        for name in ("project", "point", "station"):  # "add a row to this record" links
            if self.request.GET.get(name, "").isdigit():
                initial[name] = int(self.request.GET[name])
        return initial


class RecordEditView(Saving, generic.EditView):
    pass


class HistoryRowEditView(generic.EditView):
    """History rows are not edited: a correction is a new row."""

    def dispatch(self, request, *args, **kwargs):
        messages.info(request, _("Bản ghi lịch sử không sửa được; hãy ghi bản ghi mới."))
        return redirect(reverse(f"{self.url_namespace}:inspect", args=[kwargs["pk"]]))

    url_namespace = ""


class RecordInspectView(ReadableValues, generic.InspectView):
    pass


class RecordDeleteView(generic.DeleteView):
    scope_field = "unit"
    url_namespace = ""

    def delete_action(self):
        services.record_delete(user=self.request.user, record=self.object,
                               unit_field=self.scope_field)  # fmt: skip

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as refusal:  # still referred to: said on the record's page
            for message in refusal.messages:
                messages.error(self.request, message)
            return redirect(reverse(f"{self.url_namespace}:inspect", args=[self.object.pk]))


class RegistryViewSet(ScopedModelViewSet):
    scope_field = "unit"
    related: tuple = ("unit",)
    saver = "record_save"
    history_rows = False
    index_view_class = RecordIndexView
    add_view_class = RecordCreateView
    edit_view_class = RecordEditView
    inspect_view_class = RecordInspectView
    delete_view_class = RecordDeleteView
    inspect_view_enabled = True
    copy_view_enabled = False
    search_backend_name = None
    list_per_page = 50
    form_widgets: dict = {}
    readonly_fields: tuple = ()  # shown on the record's page after the form's fields

    def __init__(self, *args, **kwargs):
        self.inspect_view_fields = [*self.form_fields, *self.readonly_fields]
        if self.history_rows:
            self.edit_view_class = type(
                "EditView", (HistoryRowEditView,), {"url_namespace": self.name}
            )
        super().__init__(*args, **kwargs)

    def _scope(self, **kwargs):
        return {"scope_field": self.scope_field, **kwargs}

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(**self._scope(related=self.related, **kwargs))

    def get_add_view_kwargs(self, **kwargs):
        return super().get_add_view_kwargs(**self._scope(saver=self.saver, **kwargs))

    def get_edit_view_kwargs(self, **kwargs):
        extra = {} if self.history_rows else {"saver": self.saver}
        return super().get_edit_view_kwargs(**self._scope(**extra, **kwargs))

    def get_delete_view_kwargs(self, **kwargs):
        return super().get_delete_view_kwargs(**self._scope(url_namespace=self.name, **kwargs))

    def get_form_class(self, for_update=False):
        return forms.modelform_factory(
            self.model, form=RecordForm, fields=self.form_fields, widgets=self.form_widgets
        )


def _title(field, label, namespace):
    return TitleColumn(
        field, label=label, get_url=lambda o: reverse(f"{namespace}:inspect", args=[o.pk])
    )


# ---------------------------------------------------------------- the registries


class BtsIndexView(RecordIndexView):
    template_name = "infra/admin/bts_index.html"

    def get_base_queryset(self):
        qs = super().get_base_queryset()
        tech = self.request.GET.get("cong_nghe", "")
        if tech in dict(BtsStation.TECHNOLOGIES).values():
            qs = qs.filter(**{f"has_{tech.lower()}": True})
        return qs

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "technologies": ["2G", "3G", "4G", "5G"],
                "chosen_technology": self.request.GET.get("cong_nghe", "")}  # fmt: skip


class BtsViewSet(RegistryViewSet):
    model = BtsStation
    name = "bts"
    icon = "globe"
    menu_label = gettext_lazy("Trạm BTS")
    index_view_class = BtsIndexView
    related = ("unit", "operator")
    list_filter = ["operator", "status", "mast"]
    search_fields = ["search_name"]
    ordering = ["code"]
    form_fields = ["operator", "code", "name", "address", "unit", "former_unit", "latitude",
                   "longitude", "has_2g", "has_3g", "has_4g", "has_5g", "height_m", "mast",
                   "permit_number", "permit_date", "shared_with", "status", "commissioned_on",
                   "stopped_on", "note"]  # fmt: skip
    form_widgets = {"permit_date": DATE, "commissioned_on": DATE, "stopped_on": DATE,
                    "shared_with": forms.CheckboxSelectMultiple}  # fmt: skip
    list_display = [
        _title("code", gettext_lazy("mã trạm"), "bts"),
        Column("operator", label=gettext_lazy("doanh nghiệp")),
        "address",
        Column("unit", label=gettext_lazy("đơn vị")),
        Column("technologies", label=gettext_lazy("công nghệ")),
        Column("get_status_display", label=gettext_lazy("trạng thái")),
        Column("commissioned_on", label=gettext_lazy("ngày phát sóng")),
    ]
    list_export = ["operator", "code", "name", "address", "unit", "latitude", "longitude",
                   "technologies", "height_m", "mast", "permit_number", "permit_date", "status",
                   "commissioned_on", "stopped_on"]  # fmt: skip


class ProjectIndexView(RecordIndexView):
    template_name = "infra/admin/project_index.html"

    def get_base_queryset(self):
        qs = super().get_base_queryset()
        if self.request.GET.get("qua_han"):
            qs = queries.overdue(qs)
        return qs

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "overdue_only": bool(self.request.GET.get("qua_han")),
        }


class ProjectInspectView(RecordInspectView):
    template_name = "infra/admin/project_detail.html"

    def get_context_data(self, **kwargs):
        p = self.object
        return {
            **super().get_context_data(**kwargs),
            "project": p,
            "extensions": p.extensions.all(),
            "reports": p.progress_reports.all(),
            "overdue": p.deadline < timezone.localdate()
            and p.completed_on is None
            and p.status != p.Status.CANCELLED,
        }


class ProjectViewSet(RegistryViewSet):
    model = UndergroundingProject
    name = "ngam-hoa"
    readonly_fields = ("deadline", "progress_percent", "completed_on")
    icon = "link-external"
    menu_label = gettext_lazy("Ngầm hóa cáp")
    index_view_class = ProjectIndexView
    inspect_view_class = ProjectInspectView
    list_filter = ["status"]
    search_fields = ["search_name"]
    ordering = ["deadline"]
    form_fields = ["name", "section", "unit", "former_unit", "operators", "length_m",
                   "decision_number", "decided_on", "original_deadline", "status", "note"]  # fmt: skip
    form_widgets = {"decided_on": DATE, "original_deadline": DATE,
                    "operators": forms.CheckboxSelectMultiple}  # fmt: skip
    list_display = [
        _title("name", gettext_lazy("tuyến đường"), "ngam-hoa"),
        Column("unit", label=gettext_lazy("đơn vị")),
        Column("length_m", label=gettext_lazy("chiều dài (m)")),
        Column("original_deadline", label=gettext_lazy("hạn ban đầu")),
        Column("deadline", label=gettext_lazy("hạn hiện tại")),
        Column("progress_percent", label=gettext_lazy("tiến độ (%)")),
        Column("get_status_display", label=gettext_lazy("trạng thái")),
    ]
    list_export = ["name", "section", "unit", "length_m", "decision_number", "original_deadline",
                   "deadline", "progress_percent", "status", "completed_on"]  # fmt: skip


class ExtensionViewSet(RegistryViewSet):
    model = UndergroundingExtension
    name = "gia-han-ngam-hoa"
    readonly_fields = ("previous_deadline",)
    icon = "date"
    menu_label = gettext_lazy("Gia hạn ngầm hóa")
    scope_field = "project__unit"
    related = ("project__unit",)
    saver = "project_extend"
    history_rows = True
    ordering = ["-decided_on"]
    form_fields = ["project", "decision_number", "decided_on", "new_deadline", "reason"]
    form_widgets = {"decided_on": DATE, "new_deadline": DATE}
    list_display = [
        _title("decision_number", gettext_lazy("quyết định"), "gia-han-ngam-hoa"),
        Column("project", label=gettext_lazy("tuyến")),
        Column("decided_on", label=gettext_lazy("ngày")),
        Column("previous_deadline", label=gettext_lazy("hạn trước")),
        Column("new_deadline", label=gettext_lazy("hạn mới")),
    ]


class ProgressViewSet(RegistryViewSet):
    model = UndergroundingProgress
    name = "tien-do-ngam-hoa"
    icon = "tasks"
    menu_label = gettext_lazy("Tiến độ ngầm hóa")
    scope_field = "project__unit"
    related = ("project__unit",)
    saver = "project_progress"
    history_rows = True
    ordering = ["-on"]
    form_fields = ["project", "on", "percent", "note"]
    form_widgets = {"on": DATE}
    list_display = [
        _title("on", gettext_lazy("ngày"), "tien-do-ngam-hoa"),
        Column("project", label=gettext_lazy("tuyến")),
        Column("percent", label=gettext_lazy("tiến độ (%)")),
        "note",
    ]


class PostalInspectView(RecordInspectView):
    template_name = "infra/admin/postal_detail.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "history": self.object.history.all()}


class PostalViewSet(RegistryViewSet):
    model = PostalPoint
    name = "buu-dien-van-hoa"
    readonly_fields = ("status",)
    icon = "mail"
    menu_label = gettext_lazy("Điểm bưu điện văn hóa xã")
    inspect_view_class = PostalInspectView
    list_filter = ["status", "has_internet"]
    search_fields = ["search_name"]
    ordering = ["name"]
    form_fields = ["name", "address", "unit", "former_unit", "operator", "opened_on", "staff",
                   "has_internet", "note"]  # fmt: skip
    form_widgets = {"opened_on": DATE}
    list_display = [
        _title("name", gettext_lazy("tên điểm"), "buu-dien-van-hoa"),
        Column("unit", label=gettext_lazy("đơn vị")),
        Column("staff", label=gettext_lazy("nhân viên")),
        Column("get_status_display", label=gettext_lazy("trạng thái")),
    ]
    list_export = ["name", "address", "unit", "opened_on", "staff", "has_internet", "status"]


class PostalStatusViewSet(RegistryViewSet):
    model = PostalPointStatus
    name = "trang-thai-buu-dien"
    icon = "history"
    menu_label = gettext_lazy("Trạng thái điểm bưu điện")
    scope_field = "point__unit"
    related = ("point__unit",)
    saver = "postal_status"
    history_rows = True
    ordering = ["-since"]
    form_fields = ["point", "status", "since", "reason"]
    form_widgets = {"since": DATE}
    list_display = [
        _title("since", gettext_lazy("từ ngày"), "trang-thai-buu-dien"),
        Column("point", label=gettext_lazy("điểm")),
        Column("get_status_display", label=gettext_lazy("trạng thái")),
        "reason",
    ]


class RadioInspectView(RecordInspectView):
    template_name = "infra/admin/radio_detail.html"

    def get_context_data(self, **kwargs):
        outputs = self.object.outputs.all()
        totals = outputs.aggregate(**{f: Sum(f) for f in RadioOutput.FIGURES})
        bands, inside = (queries.band_of(self.object, timezone.localdate())
                         if self.object.technology == RadioStation.Technology.FM else ([], True))  # fmt: skip
        clusters = self.object.clusters.all()
        return {**super().get_context_data(**kwargs), "outputs": outputs, "bands": bands, "clusters": clusters,
                "in_band": inside, "totals": [totals[f] or 0 for f in RadioOutput.FIGURES]}  # fmt: skip


class RadioViewSet(RegistryViewSet):
    model = RadioStation
    name = "truyen-thanh"
    icon = "media"
    menu_label = gettext_lazy("Đài truyền thanh")
    inspect_view_class = RadioInspectView
    list_filter = ["technology", "status"]
    search_fields = ["search_name"]
    ordering = ["name"]
    form_fields = ["name", "unit", "former_unit", "technology", "status", "frequency_mhz",
                   "speaker_clusters", "staff", "monthly_allowance", "established_on", "note"]  # fmt: skip
    form_widgets = {"established_on": DATE}
    list_display = [
        _title("name", gettext_lazy("tên đài"), "truyen-thanh"),
        Column("unit", label=gettext_lazy("đơn vị")),
        Column("get_technology_display", label=gettext_lazy("công nghệ")),
        Column("get_status_display", label=gettext_lazy("tình trạng")),
        Column("staff", label=gettext_lazy("người phụ trách")),
        Column(
            "allowance_text",
            label=gettext_lazy("phụ cấp mỗi người/tháng"),
            sort_key="monthly_allowance",
        ),
    ]
    list_export = ["name", "unit", "technology", "status", "frequency_mhz", "speaker_clusters",
                   "staff", "monthly_allowance", "established_on"]  # fmt: skip


class OutputViewSet(RegistryViewSet):
    model = RadioOutput
    name = "nhat-ky-truyen-thanh"
    icon = "list-ul"
    menu_label = gettext_lazy("Nhật ký sản xuất chương trình")
    scope_field = "station__unit"
    related = ("station__unit",)
    saver = "output_save"
    ordering = ["-period_start"]
    form_fields = ["station", "period_start", "period_end", *RadioOutput.FIGURES]
    form_widgets = {"period_start": DATE, "period_end": DATE}
    list_display = [
        _title("period_start", gettext_lazy("từ ngày"), "nhat-ky-truyen-thanh"),
        Column("period_end", label=gettext_lazy("đến ngày")),
        Column("station", label=gettext_lazy("đài")),
        Column("news_programmes", label=gettext_lazy("chương trình")),
        Column("items_used", label=gettext_lazy("tin, bài")),
        Column("tv_clips", label=gettext_lazy("clip")),
    ]
    list_export = ["station", "period_start", "period_end", *RadioOutput.FIGURES]


class ClusterViewSet(RegistryViewSet):
    model = SpeakerCluster
    name = "cum-loa"
    icon = "media"
    menu_label = gettext_lazy("Cụm loa (truyền thanh IP)")
    scope_field = "station__unit"
    related = ("station__unit",)
    saver = "cluster_save"
    ordering = ["station", "name"]
    list_filter = ["status"]
    form_fields = ["station", "name", "location", "status", "installed_on", "last_seen_at", "note"]
    form_widgets = {"installed_on": DATE}
    list_display = [
        _title("name", gettext_lazy("cụm loa"), "cum-loa"),
        Column("station", label=gettext_lazy("đài")),
        Column("location", label=gettext_lazy("vị trí")),
        Column("get_status_display", label=gettext_lazy("tình trạng")),
        Column("last_seen_at", label=gettext_lazy("kết nối lần cuối")),
    ]
    list_export = ["station", "name", "location", "status", "installed_on", "last_seen_at"]


class CertificateIndexView(RecordIndexView):
    template_name = "infra/admin/certificate_index.html"

    def get_base_queryset(self):
        qs = super().get_base_queryset()
        days = self.request.GET.get("sap_het_han", "")
        if days.isdigit():
            qs = queries.expiring(qs, int(days))
        return qs

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "within": self.request.GET.get("sap_het_han", ""),
                "warn_days": queries.WARN_DAYS}  # fmt: skip


class CertificateViewSet(RegistryViewSet):
    model = DigitalCertificate
    name = "chung-thu-so"
    icon = "key"
    menu_label = gettext_lazy("Chứng thư số")
    index_view_class = CertificateIndexView
    list_filter = ["kind"]
    search_fields = ["search_name"]
    ordering = ["expires_on"]
    form_fields = ["holder_name", "holder_position", "unit", "kind", "serial", "issuer",
                   "issued_on", "expires_on", "received_on", "revoked_on", "revoke_reason", "note"]  # fmt: skip
    form_widgets = {"issued_on": DATE, "expires_on": DATE, "received_on": DATE, "revoked_on": DATE}
    list_display = [
        _title("holder_name", gettext_lazy("người, cơ quan được cấp"), "chung-thu-so"),
        Column("unit", label=gettext_lazy("cơ quan, đơn vị")),
        Column("get_kind_display", label=gettext_lazy("loại")),
        "serial",
        Column("expires_on", label=gettext_lazy("hết hạn")),
        Column("state_label", label=gettext_lazy("tình trạng")),
    ]
    list_export = ["holder_name", "holder_position", "unit", "kind", "serial", "issuer",
                   "issued_on", "expires_on", "received_on", "revoked_on", "revoke_reason"]  # fmt: skip


class EmailAccountsViewSet(RegistryViewSet):
    model = EmailAccounts
    name = "hop-thu-cong-vu"
    icon = "mail"
    menu_label = gettext_lazy("Hộp thư công vụ")
    ordering = ["-on"]
    form_fields = ["unit", "on", "accounts", "active_accounts", "note"]
    form_widgets = {"on": DATE}
    list_display = [
        _title("unit", gettext_lazy("cơ quan, đơn vị"), "hop-thu-cong-vu"),
        Column("on", label=gettext_lazy("ngày")),
        Column("accounts", label=gettext_lazy("được cấp")),
        Column("active_accounts", label=gettext_lazy("đang sử dụng")),
    ]
    list_export = ["unit", "on", "accounts", "active_accounts"]


class EmailSurveyViewSet(RegistryViewSet):
    model = EmailSurvey
    name = "khao-sat-thu-dien-tu"
    icon = "help"
    menu_label = gettext_lazy("Khảo sát thư điện tử")
    ordering = ["-surveyed_on"]
    form_fields = ["unit", "surveyed_on", "respondents", "proficient", "regular", "note"]
    form_widgets = {"surveyed_on": DATE}
    list_display = [
        _title("unit", gettext_lazy("đơn vị"), "khao-sat-thu-dien-tu"),
        Column("surveyed_on", label=gettext_lazy("ngày khảo sát")),
        Column("respondents", label=gettext_lazy("được khảo sát")),
        Column("proficient", label=gettext_lazy("thành thạo")),
        Column("regular", label=gettext_lazy("thường xuyên")),
    ]
    list_export = ["unit", "surveyed_on", "respondents", "proficient", "regular"]


class OperatorViewSet(SharedDataViewSet):
    model = Operator
    icon = "group"
    menu_label = gettext_lazy("Doanh nghiệp viễn thông")
    add_to_settings_menu = True
    name = "doanh-nghiep-vien-thong"
    list_display = ["name", "code", "mobile", "postal", "is_active"]
    form_fields = ["code", "name", "mobile", "postal", "is_active", "order"]


class BandViewSet(SharedDataViewSet):
    model = FrequencyBand
    icon = "media"
    menu_label = gettext_lazy("Băng tần đài truyền thanh")
    add_to_settings_menu = True
    name = "bang-tan-truyen-thanh"
    inspect_view_enabled = True
    list_display = ["name", "level", Column("range_text", label=gettext_lazy("băng tần")), "legal_basis",
                    "is_verified", "valid_from", "valid_to"]  # fmt: skip
    form_fields = ["code", "name", "level", "low_mhz", "high_mhz", "max_power_w", "legal_basis",
                   "is_verified", "valid_from", "valid_to"]  # fmt: skip
    form_widgets = {"valid_from": DATE, "valid_to": DATE}


class InfraGroup(ViewSetGroup):
    menu_label = gettext_lazy("Hạ tầng TT&TT")
    menu_icon = "globe"
    menu_order = 140
    submenu_hook = "register_infra_menu_item"
    items = REGISTRIES = [BtsViewSet, ProjectViewSet, ExtensionViewSet, ProgressViewSet, PostalViewSet,
              PostalStatusViewSet, RadioViewSet, OutputViewSet, ClusterViewSet, CertificateViewSet,
              EmailAccountsViewSet, EmailSurveyViewSet]  # fmt: skip


# ---------------------------------------------------------------- import, map, statistics


def bts_import(request):
    """BTS stations from a file: all rows or none, every problem by row and column."""
    from tttt.core.import_page import import_page

    from .importer import HELP

    if not request.user.has_perm("infra.add_btsstation"):
        raise PermissionDenied(_("Bạn không có quyền nhập trạm BTS."))

    return import_page(
        request,
        runner="tttt.infra.importer.run",
        done=reverse("bts:index"),
        title=_("Nhập danh sách trạm BTS"),
        help=HELP,
        file_label=_("Tệp danh sách trạm BTS (.xlsx hoặc .csv)"),
        template_url=reverse("infra_bts_import_template"),
    )


def bts_import_template(request):
    from tttt.core.tabular import xlsx_bytes

    from .importer import EXAMPLE, HEADERS

    # The example row names a commune of the person's own scope, so that it imports as is.
    example = list(EXAMPLE)
    commune = (
        restrict_to_scope(Unit.objects.current().administrative(), request.user, unit_field=None)
        .filter(kind=Unit.Kind.COMMUNE)
        .order_by("path")
        .first()
    )
    if commune is not None:
        example[3] = f"Thôn Phú Thọ, {commune.name}"
        example[4] = commune.code
    response = HttpResponse(
        xlsx_bytes(HEADERS, [example], "Trạm BTS"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-tram-bts.xlsx"'
    return response


def bts_map(request):
    """The stations in scope on a map, filtered like the list."""
    from django.conf import settings

    if not request.user.has_perm("infra.view_btsstation"):
        raise PermissionDenied(_("Bạn không có quyền xem trạm BTS."))
    qs = queries.scoped(BtsStation, request.user).exclude(status__in=[BtsStation.Status.DISMANTLED])
    operator = request.GET.get("doanh_nghiep", "")
    if operator:
        qs = qs.filter(operator__code=operator)
    tech = request.GET.get("cong_nghe", "")
    if tech in ("2G", "3G", "4G", "5G"):
        qs = qs.filter(**{f"has_{tech.lower()}": True})
    markers = queries.bts_markers(qs)
    return TemplateResponse(request, "infra/admin/bts_map.html", {
        "markers": markers, "count": qs.count(), "operators": Operator.objects.filter(is_active=True),
        "operator": operator, "technology": tech, "technologies": ["2G", "3G", "4G", "5G"],
        "tiles": settings.TTTT_MAP_TILES,
    })  # fmt: skip


GROUPS = {
    "bts": gettext_lazy("Trạm BTS"),
    "undergrounding": gettext_lazy("Ngầm hóa cáp viễn thông"),
    "postal": gettext_lazy("Điểm bưu điện văn hóa xã"),
    "radio": gettext_lazy("Truyền thanh"),
    "certificates": gettext_lazy("Chứng thư số chuyên dùng"),
    "email": gettext_lazy("Thư điện tử công vụ"),
}


def statistics_view(request):
    """Every infrastructure figure of a unit in scope for a period, and BTS stations per
    unit directly below it and year."""
    from tttt.core.indicators import all_indicators
    from tttt.org.queries import units_for_territory

    if not request.user.has_perm("infra.view_btsstation"):
        raise PermissionDenied(_("Bạn không có quyền xem thống kê hạ tầng."))
    unit = unit_for_page(request, "infra.view_btsstation")
    year = timezone.localdate().year
    if unit is not None and unit.valid_to is not None:  # a former unit: its last year
        year = min(year, unit.valid_to.year)
    text = request.GET.get("period") or str(year)
    error = ""
    try:
        period = Period.parse(text)
    except PeriodError as exc:
        error, period = str(exc), Period.year(year)
    used = units_for_territory(unit, period.end) if unit else []
    groups: dict[str, list] = {label: [] for label in GROUPS.values()}
    for ind in all_indicators():
        if ind.app_label == "infra" and unit:
            label = next(v for k, v in GROUPS.items() if ind.code.startswith(f"infra.{k}"))
            groups[label].append((ind.name, ind.format(ind.compute(used, period)), ind.code))
    years = list(range(period.end.year - 4, period.end.year + 1))
    by_unit = []
    for u in used:
        by_unit += queries.bts_by_unit_and_year(u, years)
    return TemplateResponse(request, "infra/admin/statistics.html", {
        "unit": unit, "period": period, "period_text": text, "groups": groups, "error": error,
        "years": years, "by_unit": by_unit,
        "parent": unit.parent if unit and user_can(request.user, "infra.view_btsstation", unit.parent) else None,
    })  # fmt: skip
