"""Back office: regulations, inspection plans, records filled on a phone, penalties."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from tttt.core.admin_views import ActionsOnItsPage, ReadableValues
from tttt.core.errors import CoreError, refuse
from tttt.core.forms import DATE
from tttt.establishments.models import BusinessType, Establishment
from tttt.establishments.queries import matching
from tttt.org.admin_views import (
    ChangedOnItsPage,
    FigureRecords,
    ReadOnlyPolicy,
    SavedInScope,
    ScopedModelViewSet,
    UnitOfRecord,
    records_page,
)
from tttt.org.models import Unit, User
from tttt.org.queries import restrict_to_scope, user_can

from . import queries, services
from .errors import InspectionsError as E
from .models import (
    CheckItem,
    Inspection,
    InspectionPlan,
    PenaltyDecision,
    Recall,
    RecallCheck,
    Regulation,
    Tip,
)

# ---------------------------------------------------------------- regulations


class RegulationCreateView(generic.CreateView):
    def save_instance(self):
        return services.regulation_save(
            user=self.request.user, regulation=self.form.instance, form=self.form
        )


class RegulationEditView(generic.EditView):
    def save_instance(self):
        return services.regulation_save(
            user=self.request.user, regulation=self.form.instance, form=self.form
        )


class RegulationViewSet(ModelViewSet):
    model = Regulation
    icon = "doc-full-inverse"
    menu_label = gettext_lazy("Quy định, khung phạt")
    add_to_settings_menu = True
    name = "regulations"
    add_view_class = RegulationCreateView
    edit_view_class = RegulationEditView
    inspect_view_enabled = True
    copy_view_enabled = True
    list_display = ["title", "legal_basis", "valid_from", "valid_to",
                    Column("get_check_kind_display", label=gettext_lazy("cách kiểm tra"))]  # fmt: skip
    list_filter = ["check_kind", "business_types"]
    search_fields = ["title", "legal_basis", "code"]
    search_backend_name = None
    form_fields = [
        "code", "title", "legal_basis", "article", "source", "valid_from", "valid_to", "business_types",
        "check_kind", "window_start", "window_end", "minimum", "minimum_unit", "fine_basis",
        "fine_min_person", "fine_max_person", "fine_min_org", "fine_max_org", "commune_chair_max",
        "no_fine_note",
    ]  # fmt: skip


# ---------------------------------------------------------------- plans


class PlanForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị chủ trì"), queryset=Unit.objects.none()
    )
    title = forms.CharField(label=gettext_lazy("Tên kế hoạch"), max_length=300)
    period_start = forms.DateField(
        label=gettext_lazy("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"})
    )
    period_end = forms.DateField(
        label=gettext_lazy("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"})
    )
    team_agencies = forms.CharField(
        label=gettext_lazy("Cơ quan tham gia đoàn liên ngành"), required=False
    )
    team = forms.ModelMultipleChoiceField(label=gettext_lazy("Thành viên đoàn"), queryset=User.objects.none(),
                                          required=False, widget=forms.CheckboxSelectMultiple)  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = restrict_to_scope(Unit.objects.administrative().current(), user, unit_field=None,
                                  perm="inspections.add_inspectionplan")  # fmt: skip
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["team"].queryset = (
            User.objects.filter(
                memberships__unit__in=units,
                memberships__role__permissions__codename="change_inspection",
            )
            .distinct()
            .order_by("full_name")
        )

    def clean(self):
        data = super().clean()
        if (
            data.get("period_start")
            and data.get("period_end")
            and data["period_end"] < data["period_start"]
        ):
            self.add_error("period_end", _("Ngày kết thúc phải sau ngày bắt đầu."))
        return data


def plan_list(request):
    if not request.user.has_perm("inspections.view_inspectionplan"):
        raise PermissionDenied(_("Bạn không có quyền xem kế hoạch kiểm tra."))
    plans = restrict_to_scope(InspectionPlan.objects.select_related("unit"), request.user,
                              perm="inspections.view_inspectionplan")  # fmt: skip
    form = PlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        plan = services.plan_create(user=request.user, unit=d["unit"], title=d["title"], start=d["period_start"],
                                    end=d["period_end"], agencies=d["team_agencies"], team=d["team"])  # fmt: skip
        messages.success(request, _("Đã lập kế hoạch; hãy chọn cơ sở cần kiểm tra."))
        return redirect("inspections_plan", plan.pk)
    rows = [(p, services.plan_progress(p)) for p in services.with_progress(plans)[:100]]
    return TemplateResponse(request, "inspections/admin/plans.html", {"rows": rows, "form": form})


class TargetFilterForm(forms.Form):
    business_type = forms.ModelChoiceField(label=gettext_lazy("Loại hình"), queryset=BusinessType.objects.all(),
                                           required=False, empty_label=gettext_lazy("Mọi loại hình"))  # fmt: skip
    not_inspected_months = forms.IntegerField(label=gettext_lazy("Chưa được kiểm tra trong (tháng)"), min_value=1,
                                              max_value=120, required=False)  # fmt: skip


def plan_detail(request, pk):
    plan = get_object_or_404(InspectionPlan.objects.select_related("unit"), pk=pk)
    if not user_can(request.user, "inspections.view_inspectionplan", plan.unit):
        raise PermissionDenied(_("Kế hoạch này nằm ngoài phạm vi được giao cho bạn."))
    adding = request.method == "POST" and request.POST.get("add")
    form = TargetFilterForm((request.POST if adding else request.GET) or None)
    found = None
    if form.is_valid() and (request.GET or adding):
        found = services.candidates(user=request.user, plan=plan, business_type=form.cleaned_data["business_type"],
                                    not_inspected_months=form.cleaned_data["not_inspected_months"])  # fmt: skip
        if adding:
            try:
                n = services.plan_add_targets(user=request.user, plan=plan, establishments=found)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("Đã thêm {n} cơ sở vào kế hoạch.").format(n=n))
            return redirect("inspections_plan", plan.pk)
        found = found.select_related("business_type", "unit")[:300]
    today = timezone.localdate()
    targets = plan.targets.select_related(
        "establishment__business_type", "establishment__unit", "inspection"
    )
    return TemplateResponse(request, "inspections/admin/plan_detail.html", {
        "plan": plan, "targets": targets, "progress": services.plan_progress(plan), "form": form, "found": found,
        "inspect_on": min(max(today, plan.period_start), plan.period_end),
        "is_done": plan.status == InspectionPlan.Status.DONE,
    })  # fmt: skip


# ---------------------------------------------------------------- records


def inspection_list(request):
    if not request.user.has_perm("inspections.view_inspection"):
        raise PermissionDenied(_("Bạn không có quyền xem biên bản kiểm tra."))
    qs = queries.scoped_inspections(request.user).select_related(
        "establishment__business_type", "establishment__unit"
    )
    _qs, context = records_page(request, qs.order_by("-inspected_on", "-pk"),
                                records_list="inspections_list", perm=queries.VIEW,
                                unit_field="establishment__unit")  # fmt: skip
    return TemplateResponse(request, "inspections/admin/inspections.html", context)


def penalty_list(request):
    """Penalty decisions in the person's scope; from a figure, exactly those it counts, with
    their total."""
    if not request.user.has_perm(queries.VIEW_DECISIONS):
        raise PermissionDenied(_("Bạn không có quyền xem quyết định xử phạt."))
    qs, context = records_page(
        request, queries.scoped_decisions(request.user), records_list="inspections_penalties",
        perm=queries.VIEW_DECISIONS, unit_field="violation__inspection__establishment__unit",
        search=lambda qs, words: matching(qs, words, via="violation__inspection__establishment__",
                                          numbers=("number",)),
    )  # fmt: skip
    context["total"] = queries.total_amount(qs)
    return TemplateResponse(request, "inspections/admin/penalties.html", context)


@require_POST
def inspection_start(request):
    establishment = get_object_or_404(Establishment, pk=request.POST.get("establishment"))
    target = None
    if request.POST.get("target"):
        target = get_object_or_404(establishment.plan_targets, pk=request.POST["target"])
    try:
        day = forms.DateField().clean(request.POST.get("on") or str(timezone.localdate()))
        record = services.inspection_start(
            user=request.user, establishment=establishment, on=day, target=target
        )
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect(request.POST.get("next") or "inspections_list")
    return redirect("inspections_record", record.pk)


def _record(request, pk, perm="inspections.view_inspection") -> Inspection:
    record = get_object_or_404(
        Inspection.objects.select_related("establishment__unit", "establishment__business_type"),
        pk=pk,
    )
    if not user_can(request.user, perm, record.establishment.unit):
        raise PermissionDenied(_("Biên bản này nằm ngoài phạm vi được giao cho bạn."))
    return record


class PenaltyForm(forms.Form):
    violation = forms.IntegerField(widget=forms.HiddenInput)
    number = forms.CharField(label=gettext_lazy("Số quyết định"), max_length=50)
    issued_on = forms.DateField(
        label=gettext_lazy("Ngày ban hành"), widget=forms.DateInput(attrs={"type": "date"})
    )
    authority = forms.ChoiceField(
        label=gettext_lazy("Người ra quyết định"), choices=PenaltyDecision.Authority.choices
    )
    organisation = forms.BooleanField(label=gettext_lazy("Đối tượng là tổ chức"), required=False)
    amount = forms.IntegerField(label=gettext_lazy("Số tiền phạt (đồng)"), min_value=1)
    extra_measures = forms.CharField(label=gettext_lazy("Hình thức bổ sung, biện pháp khắc phục"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    payment_due = forms.DateField(
        label=gettext_lazy("Hạn nộp phạt"), widget=forms.DateInput(attrs={"type": "date"})
    )
    follow_up_on = forms.DateField(label=gettext_lazy("Ngày kiểm tra lại"), required=False,
                                   widget=forms.DateInput(attrs={"type": "date"}))  # fmt: skip


def inspection_record(request, pk):
    """The record page, usable on a phone: every change is saved at once (see record.js)."""
    record = _record(request, pk)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "close":
                services.inspection_close(user=request.user, inspection=record)
                messages.success(request, _("Đã khóa biên bản; các mục vi phạm đã được ghi nhận."))
            elif action == "photo":
                upload = request.FILES.get("photo")
                if upload is None:
                    raise refuse(E.PHOTO_MISSING, _("Hãy chọn ảnh."))
                services.inspection_add_photo(user=request.user, inspection=record, upload=upload,
                                              caption=request.POST.get("caption", ""))  # fmt: skip
                messages.success(request, _("Đã thêm ảnh."))
            elif action == "paid":
                decision = get_object_or_404(
                    PenaltyDecision, pk=request.POST.get("decision"), violation__inspection=record
                )
                paid_on = forms.DateField().clean(request.POST.get("paid_on"))
                services.penalty_mark_paid(user=request.user, decision=decision, paid_on=paid_on)
                messages.success(
                    request, _("Đã ghi nhận nộp phạt quyết định {n}.").format(n=decision.number)
                )
            elif action == "penalty":
                form = PenaltyForm(request.POST)
                if not form.is_valid():
                    raise refuse(CoreError.INVALID, " ".join(
                        f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items()
                    ))  # fmt: skip
                d = form.cleaned_data
                violation = get_object_or_404(record.violations, pk=d["violation"])
                services.penalty_issue(
                    user=request.user, violation=violation, number=d["number"], issued_on=d["issued_on"],
                    authority=d["authority"], amount=d["amount"], organisation=d["organisation"],
                    payment_due=d["payment_due"], extra_measures=d["extra_measures"], follow_up_on=d["follow_up_on"],
                )  # fmt: skip
                messages.success(
                    request, _("Đã ra quyết định xử phạt số {n}.").format(n=d["number"])
                )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect("inspections_record", record.pk)
    items = record.items.select_related("regulation").order_by("pk")
    violations = record.violations.select_related("regulation").prefetch_related("decisions")
    photos = record.photos.all()
    return TemplateResponse(request, "inspections/admin/record.html", {
        "record": record, "items": items, "violations": violations, "results": CheckItem.Result.choices,
        "photos": photos,
        "can_edit": record.status == Inspection.Status.OPEN
        and user_can(request.user, services.INSPECT, record.establishment.unit),
        "can_penalise": user_can(request.user, services.PENALISE, record.establishment.unit),
        "penalty_form": PenaltyForm(initial={"issued_on": timezone.localdate(), "authority": "commune_chair"}),
    })  # fmt: skip


@require_POST
def inspection_autosave(request, pk):
    """JSON endpoint the record page calls on every change."""
    record = _record(request, pk, perm=services.INSPECT)
    try:
        body = json.loads(request.body or b"{}")
        saved = services.inspection_save(user=request.user, inspection=record, version=int(body.get("version", 0)),
                                         items=body.get("items") or {}, findings=body.get("findings"))  # fmt: skip
    except services.StaleRecord as exc:
        return JsonResponse({"error": " ".join(exc.messages)}, status=409)
    except (ValidationError, ValueError, TypeError) as exc:
        message = " ".join(getattr(exc, "messages", [str(exc)]))
        return JsonResponse({"error": message}, status=400)
    return JsonResponse({"version": saved.version,
                         "saved_at": timezone.localtime(saved.saved_at).strftime("%H:%M:%S")})  # fmt: skip


def inspection_photo(request, pk, photo_pk):
    """A photo of a record, only for people whose scope holds the establishment."""
    from django.http import FileResponse, Http404

    record = _record(request, pk)
    photo = record.photos.filter(pk=photo_pk).first()
    if photo is None:
        raise Http404
    return FileResponse(photo.image.open("rb"), filename=photo.image.name.rsplit("/", 1)[-1])


# ---------------------------------------------------------------- citizens' reports


class TipForm(UnitOfRecord, forms.ModelForm):
    """A report taken by phone or in person is recorded as one from the portal is."""

    unit_perm = "inspections.add_tip"

    class Meta:
        model = Tip
        fields = ["unit", "business_type", "place", "address", "description", "reporter_name",
                  "reporter_contact"]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business_type"].queryset = BusinessType.objects.filter(is_active=True)


class TipCreateView(SavedInScope, generic.CreateView):
    namespace = "inspections_tips"
    page_title = gettext_lazy("Ghi nhận phản ánh")

    def save_instance(self):
        return services.tip_record(user=self.request.user, tip=self.form.instance)


class TargetForm(forms.Form):
    plan = forms.ModelChoiceField(
        label=gettext_lazy("Kế hoạch kiểm tra"), queryset=InspectionPlan.objects.none()
    )
    establishment = forms.ModelChoiceField(label=gettext_lazy("Cơ sở trên sổ quản lý"),
                                           queryset=Establishment.objects.none())  # fmt: skip

    def __init__(self, *args, tip, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = queries.plans_for_tip(tip, user)
        self.fields["establishment"].queryset = queries.establishments_for_tip(tip, user)
        self.fields["establishment"].label_from_instance = lambda e: f"{e.name} — {e.address}"


class TipDetail(ActionsOnItsPage, ReadableValues, generic.InspectView):
    template_name = "inspections/admin/tip_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        tip, user = self.object, self.request.user
        can_handle = tip.status == Tip.Status.NEW and user_can(user, services.HANDLE_TIP, tip.unit)
        form = TargetForm(tip=tip, user=user) if can_handle else None
        context.update(
            tip=tip, target_form=form, can_dismiss=can_handle,
            no_plan=form is not None and not form.fields["plan"].queryset.exists(),
            add_establishment=reverse("establishments:add") + "?" + urlencode({
                "business_type": tip.business_type_id, "name": tip.place, "address": tip.address,
                "unit": tip.unit_id, "phan_anh": tip.pk}) if can_handle else "",
        )  # fmt: skip
        return context

    def act_target(self, request, tip):
        form = TargetForm(request.POST, tip=tip, user=request.user)
        if not form.is_valid():
            raise refuse(
                CoreError.INVALID, _("Hãy chọn kế hoạch kiểm tra và cơ sở trên sổ quản lý.")
            )
        tip = services.tip_target(user=request.user, tip=tip, **form.cleaned_data)
        return _("Đã đưa «%(e)s» vào kế hoạch «%(p)s».") % {
            "e": tip.establishment.name, "p": tip.target.plan.title}  # fmt: skip

    def act_dismiss(self, request, tip):
        services.tip_dismiss(user=request.user, tip=tip, reason=request.POST.get("reason", ""))
        return _("Đã ghi nhận không kiểm tra theo phản ánh này.")


class TipIndexView(FigureRecords, generic.IndexView):
    page_title = gettext_lazy("Phản ánh vi phạm")
    add_item_label = gettext_lazy("Ghi nhận phản ánh")


class TipViewSet(ScopedModelViewSet):
    model = Tip
    name = "inspections_tips"
    url_prefix = "kiem-tra/phan-anh"
    icon = "mail"
    menu_label = gettext_lazy("Phản ánh vi phạm")
    add_to_admin_menu = True
    menu_order = 142
    index_view_class = TipIndexView
    add_view_class = TipCreateView
    edit_view_class = ChangedOnItsPage
    inspect_view_class = TipDetail
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["status", "business_type"]
    search_fields = ["place", "address", "description"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        DateColumn("received_at", label=gettext_lazy("nhận lúc")),
        TitleColumn(
            "place",
            label=gettext_lazy("cơ sở, người bán"),
            get_url=lambda o: reverse("inspections_tips:inspect", args=[o.pk]),
        ),  # fmt: skip
        Column(
            "business_type",
            label=gettext_lazy("loại hình"),
            accessor=lambda o: o.business_type.name,
        ),
        "address",
        Column("unit", label=gettext_lazy("đơn vị nhận"), accessor=lambda o: o.unit.name),
        Column("status", label=gettext_lazy("tình trạng"), accessor="get_status_display"),
    ]
    list_export = ["received_at", "business_type", "place", "address", "description", "unit", "status",
                   "establishment", "note"]  # fmt: skip
    export_filename = "phan-anh-vi-pham"

    form_class = TipForm

    scoped_query = staticmethod(queries.scoped_tips)


# ---------------------------------------------------------------- publication recalls


class RecallForm(UnitOfRecord, forms.ModelForm):
    unit_perm = services.RECALL

    class Meta:
        model = Recall
        fields = ["unit", "publication", "publisher", "decision_number", "issuer", "decided_on",
                  "received_on", "reason"]  # fmt: skip
        widgets = {
            "decided_on": DATE,
            "received_on": DATE,
            "reason": forms.Textarea(attrs={"rows": 3}),
        }


class RecallCreateView(SavedInScope, generic.CreateView):
    namespace = "inspections_recalls"
    page_title = gettext_lazy("Nhập quyết định thu hồi xuất bản phẩm")

    def save_instance(self):
        return services.recall_create(user=self.request.user, recall=self.form.instance)


class CheckResultForm(forms.Form):
    result = forms.ChoiceField(
        label=gettext_lazy("Kết quả"), choices=RecallCheck.Result.choices[1:]
    )
    checked_on = forms.DateField(label=gettext_lazy("Ngày kiểm tra"), widget=DATE)
    quantity = forms.IntegerField(label=gettext_lazy("Số bản thu hồi"), min_value=0, required=False)
    note = forms.CharField(label=gettext_lazy("Ghi chú"), required=False, max_length=300)


class RecallDetail(ActionsOnItsPage, ReadableValues, generic.InspectView):
    template_name = "inspections/admin/recall_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        recall, user = self.object, self.request.user
        can_list = user_can(user, services.RECALL, recall.unit)
        checks = list(
            recall.checks.select_related("establishment__business_type", "establishment__unit")
        )
        context.update(
            recall=recall, checks=checks, today=timezone.localdate(),
            can_check=user_can(user, services.CHECK_RECALL, recall.unit),
            candidates=services.recall_candidates(recall).select_related("unit", "business_type")[:500]
            if can_list else [],
            checked=sum(1 for c in checks if c.result),
            withdrawn=sum(c.quantity for c in checks),
        )  # fmt: skip
        return context

    def act_add(self, request, recall):
        chosen = services.recall_candidates(recall).filter(
            pk__in=request.POST.getlist("establishment")
        )
        if not chosen:
            raise refuse(CoreError.INVALID, _("Hãy chọn ít nhất một cơ sở."))
        made = services.recall_add_sellers(user=request.user, recall=recall, establishments=chosen)
        return _("Đã thêm %(n)s cơ sở vào danh sách kiểm tra.") % {"n": made}

    def act_check(self, request, recall):
        check = get_object_or_404(RecallCheck, pk=request.POST.get("check"), recall=recall)
        form = CheckResultForm(request.POST)
        if not form.is_valid():
            raise refuse(CoreError.INVALID, _("Hãy chọn kết quả và nhập ngày kiểm tra hợp lệ."))
        data = form.cleaned_data
        services.recall_check(user=request.user, check=check, result=data["result"], on=data["checked_on"],
                              quantity=data["quantity"] or 0, note=data["note"])  # fmt: skip
        return _("Đã ghi kết quả kiểm tra %(e)s.") % {"e": check.establishment.name}


class RecallIndexView(FigureRecords, generic.IndexView):
    page_title = gettext_lazy("Thu hồi xuất bản phẩm")
    add_item_label = gettext_lazy("Nhập quyết định thu hồi")

    def get_base_queryset(self):  # after the scope: combining querysets drops annotations
        return queries.recall_progress(super().get_base_queryset())


class RecallViewSet(ScopedModelViewSet):
    model = Recall
    name = "inspections_recalls"
    url_prefix = "kiem-tra/thu-hoi-xuat-ban-pham"
    icon = "resubmit"
    menu_label = gettext_lazy("Thu hồi xuất bản phẩm")
    add_to_admin_menu = True
    menu_order = 143
    index_view_class = RecallIndexView
    add_view_class = RecallCreateView
    edit_view_class = ChangedOnItsPage
    inspect_view_class = RecallDetail
    inspect_view_enabled = True
    copy_view_enabled = False
    search_fields = ["publication", "publisher", "decision_number"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        DateColumn("received_on", label=gettext_lazy("ngày nhận")),
        TitleColumn(
            "publication",
            label=gettext_lazy("xuất bản phẩm"),
            get_url=lambda o: reverse("inspections_recalls:inspect", args=[o.pk]),
        ),  # fmt: skip
        "decision_number",
        "issuer",
        Column("unit", label=gettext_lazy("đơn vị thực hiện"), accessor=lambda o: o.unit.name),
        Column(
            "checked",
            label=gettext_lazy("đã kiểm tra"),
            accessor=lambda o: f"{o.checked}/{o.sellers}",
        ),
        Column("withdrawn", label=gettext_lazy("số bản thu hồi")),
    ]
    list_export = ["received_on", "publication", "publisher", "decision_number", "issuer", "decided_on",
                   "unit", "sellers", "checked", "withdrawn"]  # fmt: skip
    export_filename = "thu-hoi-xuat-ban-pham"

    form_class = RecallForm

    scoped_query = staticmethod(queries.scoped_recalls)


class RecallCheckIndexView(FigureRecords, generic.IndexView):
    page_title = gettext_lazy("Kết quả kiểm tra theo quyết định thu hồi")
    figure_unit_field = "establishment__unit"  # a check counts where the seller is


class RecallCheckViewSet(ScopedModelViewSet):
    """The checks of every recall in scope (read only: results are recorded on the
    recall's page), the list the recall figures open."""

    model = RecallCheck
    name = "inspections_recall_checks"
    url_prefix = "kiem-tra/ket-qua-thu-hoi"
    icon = "resubmit"
    menu_label = gettext_lazy("Kết quả kiểm tra thu hồi")
    add_to_admin_menu = False
    scope_field = "recall__unit"
    index_view_class = RecallCheckIndexView
    inspect_view_enabled = False
    copy_view_enabled = False
    list_filter = ["result"]
    list_per_page = 50
    list_display = [
        TitleColumn(
            "establishment",
            label=gettext_lazy("cơ sở"),
            get_url=lambda o: reverse("inspections_recalls:inspect", args=[o.recall_id]),
        ),  # fmt: skip
        Column(
            "recall", label=gettext_lazy("xuất bản phẩm"), accessor=lambda o: o.recall.publication
        ),
        Column("result", label=gettext_lazy("kết quả"), accessor="get_result_display"),
        DateColumn("checked_on", label=gettext_lazy("ngày kiểm tra")),
        Column("quantity", label=gettext_lazy("số bản thu hồi")),
    ]
    list_export = ["recall", "establishment", "result", "checked_on", "quantity", "note"]
    export_filename = "ket-qua-kiem-tra-thu-hoi"
    form_fields = ["result"]  # never offered: the policy allows viewing only

    scoped_query = staticmethod(queries.scoped_recall_checks)


register_permission_policy(RecallCheck, ReadOnlyPolicy(RecallCheck))
