"""Back office: the establishments register, certificates and their warnings."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from tttt.core.admin_views import ReadableValues, SpreadsheetAsRead
from tttt.core.errors import refuse
from tttt.org.admin_views import FigureRecords, ScopedModelViewSet, records_page, unit_for_page
from tttt.org.models import Unit
from tttt.org.queries import restrict_to_scope, user_can

from . import queries, services
from .errors import EstablishmentsError as E
from .models import BusinessType, Certificate, Establishment

FIELDS = [
    "business_type", "name", "owner_kind", "owner_name", "owner_id_number",
    "registration_number", "address", "unit", "former_unit", "latitude", "longitude",
    "floor_area", "machines", "rooms", "opening_hours", "principal", "is_mobile", "status",
    "opened_on", "closed_on",
]  # fmt: skip


class EstablishmentForm(forms.ModelForm):
    reason = forms.CharField(
        label=gettext_lazy("Lý do thay đổi trạng thái (nếu có)"), required=False, max_length=300
    )

    class Meta:
        model = Establishment
        fields = FIELDS

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is not None:
            units = restrict_to_scope(Unit.objects.administrative(), for_user, unit_field=None)
            self.fields["unit"].queryset = units.current().order_by("path")
            self.fields["former_unit"].queryset = units.exclude(valid_to__isnull=True).order_by(
                "path"
            )


class EstablishmentIndexView(FigureRecords, SpreadsheetAsRead, generic.IndexView):
    add_item_label = gettext_lazy("Thêm cơ sở")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("business_type", "unit")


class EstablishmentFormMixin:
    """Units limited to the user's scope; saved through the service (status history)."""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def save_instance(self):
        return services.establishment_save(
            user=self.request.user,
            establishment=self.form.instance,
            reason=self.form.cleaned_data.get("reason", ""),
        )


class EstablishmentCreateView(EstablishmentFormMixin, generic.CreateView):
    """Also opened from a citizen's report (`?phan_anh=<id>&name=…`): the form starts with
    what the report says, and the report's page is next."""

    PREFILLED = ("business_type", "name", "address", "unit")

    def get_initial(self):
        initial = super().get_initial()
        initial.update({k: self.request.GET[k] for k in self.PREFILLED if self.request.GET.get(k)})
        return initial

    def get_add_url(self):  # the form posts back with the report it came from
        tip = self.request.GET.get("phan_anh", "")
        return f"{super().get_add_url()}?phan_anh={tip}" if tip.isdigit() else super().get_add_url()

    def get_success_url(self):
        tip = self.request.GET.get("phan_anh", "")
        if tip.isdigit():
            return reverse("inspections_tips:inspect", args=[int(tip)])
        return super().get_success_url()


class EstablishmentEditView(EstablishmentFormMixin, generic.EditView):
    pass


class CertificateForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["kind", "number", "issuer", "issued_on", "valid_until", "is_temporary"]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}),
            "valid_until": forms.DateInput(attrs={"type": "date"}),
        }


class EstablishmentDetailView(ReadableValues, generic.InspectView):
    template_name = "establishments/admin/establishment_detail.html"
    page_title = gettext_lazy("Cơ sở kinh doanh")

    def get_object(self, queryset=None):
        return get_object_or_404(
            Establishment.objects.select_related("business_type", "unit", "former_unit"), pk=self.pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        e = self.object
        today = timezone.localdate()
        certificates = list(e.certificates.all())
        context.update(
            establishment=e,
            certificates=[(c, c.is_valid_on(today)) for c in certificates],
            history=e.status_changes.select_related("actor"),
            can_edit=user_can(self.request.user, services.CERTIFY, e.unit),
            certificate_form=getattr(self, "certificate_form", None)
            or CertificateForm(
                initial={"kind": e.business_type.certificate_name, "issued_on": today}
            ),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = e = self.get_object()
        action = request.POST.get("action")
        try:
            if action == "issue":
                form = CertificateForm(request.POST, instance=Certificate(establishment=e))
                if not form.is_valid():
                    self.certificate_form = form
                    return self.render_to_response(self.get_context_data())
                services.certificate_issue(user=request.user, certificate=form.instance)
                messages.success(request, _("Đã cấp giấy."))
            else:
                cert = get_object_or_404(e.certificates, pk=request.POST.get("certificate"))
                day = forms.DateField().clean(request.POST.get("on") or str(timezone.localdate()))
                reason = request.POST.get("reason", "")
                if action == "extend":
                    services.certificate_extend(user=request.user, certificate=cert, until=day)
                elif action == "suspend":
                    end = request.POST.get("until")
                    services.certificate_suspend(user=request.user, certificate=cert, start=day,
                                                 end=forms.DateField().clean(end) if end else None,
                                                 reason=reason)  # fmt: skip
                elif action == "revoke":
                    services.certificate_revoke(
                        user=request.user, certificate=cert, on=day, reason=reason
                    )
                else:
                    raise refuse(E.UNKNOWN_ACTION, _("Thao tác không hợp lệ."))
                messages.success(
                    request, _("Đã cập nhật giấy số {number}.").format(number=cert.number)
                )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect(request.path)


class EstablishmentViewSet(ScopedModelViewSet):
    model = Establishment
    index_template_name = "establishments/admin/establishment_index.html"
    icon = "home"
    menu_label = gettext_lazy("Cơ sở kinh doanh")
    menu_order = 130
    add_to_admin_menu = True
    name = "establishments"
    index_view_class = EstablishmentIndexView
    add_view_class = EstablishmentCreateView
    edit_view_class = EstablishmentEditView
    inspect_view_class = EstablishmentDetailView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["business_type", "status"]
    search_fields = ["search_name", "registration_number"]
    search_backend_name = None
    list_per_page = 50
    ordering = ["name"]
    list_display = [
        TitleColumn(
            "name",
            label=gettext_lazy("tên cơ sở"),
            get_url=lambda o: reverse("establishments:inspect", args=[o.pk]),
        ),  # fmt: skip
        Column("business_type", label=gettext_lazy("loại hình")),
        "owner_name",
        "address",
        Column("unit", label=gettext_lazy("đơn vị")),
        Column("get_status_display", label=gettext_lazy("trạng thái")),
    ]
    list_export = ["name", "business_type", "owner_name", "registration_number", "address",
                   "unit", "floor_area", "machines", "rooms", "opening_hours", "principal", "is_mobile",
                   "status"]  # fmt: skip

    form_class = EstablishmentForm

    scoped_query = staticmethod(queries.scoped_establishments)


def warnings_view(request):
    """Certificates expiring in 60 and 30 days; active establishments without one."""
    if not request.user.has_perm("establishments.view_establishment"):
        raise PermissionDenied(_("Bạn không có quyền xem cơ sở kinh doanh."))
    certificates = queries.scoped_certificates(request.user).select_related(
        "establishment__unit", "establishment__business_type"
    )
    establishments = queries.scoped_establishments(request.user).select_related(
        "business_type", "unit"
    )
    return TemplateResponse(
        request,
        "establishments/admin/warnings.html",
        {
            "within_30": queries.expiring(certificates, 30)[:200],
            "within_60": queries.expiring(certificates, 60).exclude(
                pk__in=queries.expiring(certificates, 30).values("pk")
            )[:200],
            "unlicensed": queries.without_valid_certificate(establishments)[:200],
        },
    )


def certificate_list(request):
    """Licences and certificates in the person's scope, newest first; from a figure,
    exactly those it counts."""
    if not request.user.has_perm("establishments.view_establishment"):
        raise PermissionDenied(_("Bạn không có quyền xem cơ sở kinh doanh."))
    qs = queries.scoped_certificates(request.user).select_related("establishment__unit")
    _qs, context = records_page(
        request, qs.order_by("-issued_on", "-pk"), records_list="establishments_certificates",
        perm="establishments.view_establishment", unit_field="establishment__unit",
        search=lambda qs, words: queries.matching(qs, words, via="establishment__",
                                                  numbers=("number",)),
    )  # fmt: skip
    return TemplateResponse(request, "establishments/admin/certificates.html", context)


def import_view(request):
    """Establishments from a file: all rows or none, every problem by row and column."""
    from tttt.core.import_page import import_page

    if not request.user.has_perm("establishments.add_establishment"):
        raise PermissionDenied(_("Bạn không có quyền nhập cơ sở kinh doanh."))

    return import_page(
        request,
        runner="tttt.establishments.importer.run",
        done=reverse("establishments:index"),
        title=_("Nhập danh sách cơ sở kinh doanh"),
        help=_(
            "Mỗi dòng một cơ sở. «Loại hình» ghi mã (internet, game, karaoke, printing, "
            "publication); «Mã đơn vị hành chính» là mã xã, phường hiện nay hoặc trước "
            "01/7/2025 (hệ thống tự tìm đơn vị hiện nay). Ngày ghi dd/mm/yyyy."
        ),
        file_label=_("Tệp danh sách cơ sở (.xlsx hoặc .csv)"),
        template_url=reverse("establishments_import_template"),
    )


def import_template(request):
    from django.http import HttpResponse

    from tttt.core.tabular import xlsx_bytes

    from .importer import HEADERS

    example = ["karaoke", "Karaoke Hoa Sen", "cá nhân", "Nguyễn Văn Bình", "027090001234",
               "27A8001234", "Thôn Ngọc Quan", "09523", "21.0321", "106.2254", "120", "",
               "6", "08:00-24:00", "01/03/2024"]  # fmt: skip
    response = HttpResponse(
        xlsx_bytes(HEADERS, [example], "Cơ sở"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-co-so.xlsx"'
    return response


def statistics_view(request):
    """Establishment and inspection figures of a unit in scope for a period."""
    from tttt.core.indicators import all_indicators
    from tttt.core.periods import Period, PeriodError
    from tttt.org.queries import units_for_territory

    if not request.user.has_perm("establishments.view_establishment"):
        raise PermissionDenied(_("Bạn không có quyền xem thống kê cơ sở kinh doanh."))
    unit = unit_for_page(request, "establishments.view_establishment")
    text = request.GET.get("period") or str(timezone.localdate().year)
    error = ""
    try:
        period = Period.parse(text)
    except PeriodError as exc:
        error, period = str(exc), Period.year(timezone.localdate().year)
    used = units_for_territory(unit, period.end) if unit else []
    rows = [
        (ind.name, ind.format(ind.compute(used, period)), ind.code)
        for ind in all_indicators()
        if ind.app_label in ("establishments", "inspections") and unit
    ]
    return TemplateResponse(request, "establishments/admin/statistics.html", {
        "unit": unit, "period": period, "period_text": text, "rows": rows, "error": error,
    })  # fmt: skip


class BusinessTypeCreateView(generic.CreateView):
    def save_instance(self):
        return services.business_type_save(user=self.request.user, business_type=self.form.instance)


class BusinessTypeEditView(generic.EditView):
    def save_instance(self):
        return services.business_type_save(user=self.request.user, business_type=self.form.instance)


class BusinessTypeViewSet(ModelViewSet):
    model = BusinessType
    icon = "tag"
    menu_label = gettext_lazy("Loại hình kinh doanh")
    add_to_settings_menu = True
    name = "business-types"
    add_view_class = BusinessTypeCreateView
    edit_view_class = BusinessTypeEditView
    copy_view_enabled = False
    list_display = ["name", "code", "certificate_name", "is_active"]
    form_fields = ["code", "name", "certificate_name", "description", "is_active", "order"]
