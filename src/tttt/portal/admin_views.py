"""Back office of the portal: citizens' questions to answer, readers' comments to moderate,
the compliance check, portal creation, and the data lists (document types, required
categories). Pages are edited in Wagtail's page explorer through the editorial workflow."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from tttt.core.errors import refuse
from tttt.core.formatting import format_money
from tttt.core.forms import ServiceErrorsMixin, add_service_errors
from tttt.core.periods import Period, PeriodError
from tttt.org.admin_views import FigureRecords, ScopedModelViewSet, records_page
from tttt.org.models import Unit
from tttt.org.queries import user_can, user_scope

from . import queries, services
from .errors import PortalError as E
from .indicators import DOCUMENTS, NEWS
from .models import (
    Comment,
    DocumentPage,
    DocumentType,
    NewsPage,
    Question,
    RequiredCategory,
    RoyaltyRate,
)

MENU_HOOK = "register_portal_menu_item"


class NoAddDeletePolicy(ModelPermissionPolicy):
    """Records that only arrive from the public site and are never deleted."""

    def user_has_permission(self, user, action):
        if action in {"add", "delete"}:
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Question, NoAddDeletePolicy(Question))
register_permission_policy(Comment, NoAddDeletePolicy(Comment))


# ---------------------------------------------------------------- questions


class QuestionAnswerForm(forms.ModelForm):
    DECISIONS = [
        ("publish", gettext_lazy("Trả lời và đăng công khai")),
        ("answer", gettext_lazy("Lưu câu trả lời, chưa đăng")),
        ("reject", gettext_lazy("Không đăng (câu hỏi không phù hợp)")),
    ]
    asked = forms.CharField(
        label=gettext_lazy("Câu hỏi"),
        required=False,
        disabled=True,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    decision = forms.ChoiceField(
        label=gettext_lazy("Xử lý"), choices=DECISIONS, initial="publish", widget=forms.RadioSelect
    )

    class Meta:
        model = Question
        fields = ["answer", "answerer_title"]
        widgets = {"answer": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        q = self.instance
        self.fields["asked"].initial = (
            f"{q.title}\n\n{q.body}\n\n— {q.asker_name}, {timezone.localtime(q.received_at):%d/%m/%Y %H:%M}; "
            + _("hạn trả lời %(due)s") % {"due": f"{timezone.localtime(q.due_at):%d/%m/%Y %H:%M}"}
        )
        self.order_fields(["asked", "answer", "answerer_title", "decision"])
        self.fields["answer"].required = False


class QuestionIndexView(FigureRecords, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("unit")


class QuestionEditView(ServiceErrorsMixin, generic.EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        if data["decision"] == "reject":
            return services.question_reject(user=self.request.user, question=self.object)
        return services.question_answer(
            user=self.request.user,
            question=self.object,
            answer=data["answer"],
            answerer_title=data["answerer_title"],
            publish=data["decision"] == "publish",
        )


def _due_label(question: Question) -> str:
    text = f"{timezone.localtime(question.due_at):%d/%m/%Y}"
    return f"{text} — " + _("quá hạn") if question.is_overdue else text


class QuestionViewSet(ScopedModelViewSet):
    model = Question
    form_fields = ["answer", "answerer_title"]
    icon = "help"
    menu_label = gettext_lazy("Câu hỏi của công dân")
    menu_order = 10
    add_to_admin_menu = True
    menu_hook = MENU_HOOK
    name = "portal_questions"
    index_template_name = "tttt/figure_index.html"
    index_view_class = QuestionIndexView
    edit_view_class = QuestionEditView
    copy_view_enabled = False
    list_filter = ["status"]
    search_fields = ["search_text"]
    search_backend_name = None
    list_per_page = 50
    ordering = ["due_at"]
    list_display = [
        TitleColumn(
            "title",
            label=gettext_lazy("câu hỏi"),
            get_url=lambda o: reverse("portal_questions:edit", args=[o.pk]),
        ),
        "asker_name",
        Column("unit", label=gettext_lazy("đơn vị")),
        DateColumn("received_at", label=gettext_lazy("ngày gửi")),
        Column("due", label=gettext_lazy("hạn trả lời"), accessor=_due_label),
        Column("get_status_display", label=gettext_lazy("trạng thái")),
    ]
    list_export = [
        "title",
        "asker_name",
        "unit",
        "received_at",
        "due_at",
        "status",
        "answered_at",
        "published_at",
    ]

    form_class = QuestionAnswerForm


# ---------------------------------------------------------------- comments


class CommentModerationForm(forms.ModelForm):
    shown = forms.CharField(
        label=gettext_lazy("Bình luận"),
        required=False,
        disabled=True,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    decision = forms.ChoiceField(
        label=gettext_lazy("Duyệt"),
        choices=[("publish", gettext_lazy("Đăng")), ("reject", gettext_lazy("Không đăng"))],
        widget=forms.RadioSelect,
    )

    class Meta:
        model = Comment
        fields: list[str] = []

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        c = self.instance
        stars = f" · {c.rating}/5 sao" if c.rating else ""
        self.fields[
            "shown"
        ].initial = f"{c.title}\n\n{c.content}\n\n— {c.sender_name} <{c.sender_email}>{stars}\n{c.page.title}"


class CommentEditView(generic.EditView):
    def save_instance(self):
        return services.comment_moderate(
            user=self.request.user,
            comment=self.object,
            publish=self.form.cleaned_data["decision"] == "publish",
        )


class CommentIndexView(FigureRecords, generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("unit", "page")


class CommentViewSet(ScopedModelViewSet):
    model = Comment
    icon = "comment"
    menu_label = gettext_lazy("Bình luận của bạn đọc")
    menu_order = 20
    add_to_admin_menu = True
    menu_hook = MENU_HOOK
    name = "portal_comments"
    index_template_name = "tttt/figure_index.html"
    index_view_class = CommentIndexView
    edit_view_class = CommentEditView
    copy_view_enabled = False
    list_filter = ["status", "rating"]
    search_fields = ["title", "content"]
    search_backend_name = None
    list_per_page = 50
    ordering = ["-created_at"]
    list_display = [
        TitleColumn(
            "title",
            label=gettext_lazy("tiêu đề"),
            get_url=lambda o: reverse("portal_comments:edit", args=[o.pk]),
        ),
        "sender_name",
        Column("page", label=gettext_lazy("bài viết")),
        Column("rating", label=gettext_lazy("sao")),
        DateColumn("created_at", label=gettext_lazy("ngày gửi")),
        Column("get_status_display", label=gettext_lazy("trạng thái")),
    ]

    form_class = CommentModerationForm


# ---------------------------------------------------------------- data lists


class DocumentTypeViewSet(ModelViewSet):
    model = DocumentType
    icon = "doc-full"
    menu_label = gettext_lazy("Loại văn bản")
    menu_order = 80
    add_to_admin_menu = True
    menu_hook = MENU_HOOK
    name = "portal_document_types"
    form_fields = ["code", "name", "is_legal", "order"]
    list_display = ["name", "code", "is_legal", "order"]
    copy_view_enabled = False


class RoyaltyRateViewSet(ModelViewSet):
    model = RoyaltyRate
    icon = "pick"
    menu_label = gettext_lazy("Khung nhuận bút")
    menu_order = 85
    add_to_admin_menu = True
    menu_hook = MENU_HOOK
    name = "portal_royalty_rates"
    form_fields = [
        "code",
        "name",
        "kind",
        "coefficient_min",
        "coefficient_max",
        "legal_basis",
        "is_verified",
        "valid_from",
        "valid_to",
        "order",
    ]
    list_display = ["name", "kind", "coefficient_min", "coefficient_max", "is_verified"]
    copy_view_enabled = False


class RequiredCategoryViewSet(ModelViewSet):
    model = RequiredCategory
    icon = "list-ul"
    menu_label = gettext_lazy("Chuyên mục bắt buộc")
    menu_order = 90
    add_to_admin_menu = True
    menu_hook = MENU_HOOK
    name = "portal_required_categories"
    form_fields = [
        "code",
        "name",
        "description",
        "legal_basis",
        "max_age_days",
        "page_kind",
        "order",
        "valid_from",
        "valid_to",
    ]
    list_display = ["name", "code", "max_age_days", "valid_from", "valid_to"]
    copy_view_enabled = False


# ---------------------------------------------------------------- compliance, statistics, creation


def _chosen_portal(request):
    portals = list(queries.portals_in_scope(request.user).order_by("unit__path"))
    if not portals:
        raise PermissionDenied(_("Bạn không phụ trách cổng thông tin nào."))
    chosen = next((p for p in portals if str(p.pk) == request.GET.get("cong")), portals[0])
    return portals, chosen


def compliance_view(request):
    """Which required categories of a portal are missing, empty or stale."""
    if not request.user.has_perm("portal.view_portalhomepage"):
        raise PermissionDenied(_("Bạn không có quyền xem cổng thông tin."))
    from wagtail.permission_policies.pages import PagePermissionPolicy

    portals, portal = _chosen_portal(request)
    rows = queries.compliance(portal)
    pages = [p for r in rows for p in r.pages]
    explorable = set(
        PagePermissionPolicy()
        .explorable_instances(request.user)
        .filter(pk__in=[p.pk for p in pages])
        .values_list("pk", flat=True)
    )
    for page in pages:  # the page tree for those who may open it, else the public page
        page.link = (
            reverse("wagtailadmin_explore", args=[page.pk])
            if page.pk in explorable
            else page.get_url(request) or ""
        )
    return TemplateResponse(
        request,
        "portal/admin/compliance.html",
        {
            "portals": portals,
            "portal": portal,
            "rows": rows,
            "problems": sum(1 for r in rows if r.state != "ok"),
        },
    )


def published_view(request, model):
    """The news items and articles (or the documents) published on the portals in scope,
    newest first; from a figure, exactly those it counts."""
    if not request.user.has_perm(queries.VIEW):
        raise PermissionDenied(_("Bạn không có quyền xem cổng thông tin."))
    records_list = NEWS if model is NewsPage else DOCUMENTS
    _qs, context = records_page(
        request, queries.published_pages(model, request.user), records_list=records_list,
        perm=queries.VIEW, unit_field="unit",
        search=queries.containing,
    )  # fmt: skip
    context["documents"] = model is DocumentPage
    return TemplateResponse(request, "portal/admin/published.html", context)


def statistics_view(request):
    """The portal's figures for a period (the same indicators reports use)."""
    if not request.user.has_perm("portal.view_portalhomepage"):
        raise PermissionDenied(_("Bạn không có quyền xem cổng thông tin."))
    portals, portal = _chosen_portal(request)
    text = request.GET.get("ky") or str(timezone.localdate().year)
    error = ""
    try:
        period = Period.parse(text)
    except PeriodError as exc:
        error = str(exc)
        period = Period.year(timezone.localdate().year)
    return TemplateResponse(
        request,
        "portal/admin/statistics.html",
        {
            "portals": portals,
            "portal": portal,
            "period": period,
            "period_text": text,
            "error": error,
            "figures": queries.figures([portal.unit], period),
        },
    )


class PortalCreateForm(forms.Form):
    unit_code = forms.CharField(
        label=gettext_lazy("Mã đơn vị hành chính"),
        max_length=20,
        help_text=gettext_lazy("Mã của tỉnh, xã (hoặc huyện cũ), ví dụ 09523."),
    )
    hostname = forms.CharField(
        label=gettext_lazy("Tên miền"),
        max_length=255,
        required=False,
        help_text=gettext_lazy("Để trống để dùng tên mặc định, ví dụ luongtai.localhost."),
    )
    title = forms.CharField(label=gettext_lazy("Tên cổng"), max_length=255, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_unit_code(self):
        code = self.cleaned_data["unit_code"].strip()
        scope = user_scope(self.user, perm="portal.add_portalhomepage")
        units = [
            u
            for u in Unit.objects.filter(code=code).exclude(kind=Unit.Kind.OFFICE)
            if scope.contains(u)
        ]
        current = [u for u in units if u.valid_to is None]
        if not units:
            raise refuse(
                E.UNIT_NOT_IN_SCOPE,
                _("Không có đơn vị mã %(code)s trong phạm vi của bạn.") % {"code": code},
            )
        return (current or units)[0]


def create_view(request):
    if not request.user.has_perm("portal.add_portalhomepage"):
        raise PermissionDenied(_("Bạn không có quyền tạo cổng thông tin."))
    form = PortalCreateForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            home = services.portal_create(
                user=request.user,
                unit=form.cleaned_data["unit_code"],
                hostname=form.cleaned_data["hostname"],
                title=form.cleaned_data["title"],
            )
        except ValidationError as error:
            add_service_errors(form, error, {"unit": "unit_code"})
        else:
            messages.success(request, _("Đã tạo %(title)s.") % {"title": home.title})
            return redirect(reverse("wagtailadmin_explore", args=[home.pk]))
    return TemplateResponse(request, "portal/admin/create.html", {"form": form})


# ---------------------------------------------------------------- royalties


def _month(text: str | None):
    from datetime import date

    try:
        year, month = (int(x) for x in (text or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        today = timezone.localdate()
        return today.replace(day=1)


def royalties_view(request):
    """A month of a portal: items to grade, grades, the statement per contributor, XLSX."""
    if not request.user.has_perm("portal.view_royaltygrade"):
        raise PermissionDenied(_("Bạn không có quyền xem nhuận bút."))
    portals, portal = _chosen_portal(request)
    month = _month(request.GET.get("thang"))
    can_grade = user_can(request.user, services.GRADE, portal.unit)
    if request.method == "POST":
        if not can_grade:
            raise PermissionDenied(_("Chỉ trưởng ban biên tập của cổng này được chấm nhuận bút."))
        page = NewsPage.objects.filter(pk=request.POST.get("page"), unit=portal.unit).first()
        rate = RoyaltyRate.objects.filter(pk=request.POST.get("rate")).first()
        try:
            if page is None or rate is None:
                raise refuse(E.CHOICE_MISSING, _("Hãy chọn tin, bài và khung nhuận bút."))
            grade = services.royalty_grade(
                user=request.user,
                page=page,
                rate=rate,
                coefficient=request.POST.get("coefficient", ""),
            )
            messages.success(
                request,
                _("Đã chấm “%(title)s”: %(amount)s.")
                % {"title": page.title, "amount": format_money(grade.amount)},
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect(f"{request.path}?cong={portal.pk}&thang={month:%Y-%m}")
    data = queries.royalty_month(portal, month)
    if request.GET.get("xuat") == "xlsx":
        from django.http import HttpResponse

        from tttt.core.tabular import xlsx_bytes

        rows = [
            [r["contributor_name"], r["items"], float(r["coefficients"]), r["amount"]]
            for r in data["statement"]
        ]
        rows.append(
            [
                _("Tổng cộng"),
                data["totals"]["items"],
                float(data["totals"]["coefficients"] or 0),
                data["totals"]["amount"] or 0,
            ]
        )
        content = xlsx_bytes(
            [_("Tác giả"), _("Số tin, bài"), _("Tổng hệ số"), _("Thành tiền (đồng)")],
            rows,
            _("Nhuận bút"),
        )
        response = HttpResponse(
            content,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="nhuan-but-{portal.slug}-{month:%Y-%m}.xlsx"'
        )
        return response
    return TemplateResponse(
        request,
        "portal/admin/royalties.html",
        {"portals": portals, "portal": portal, "month": month, "can_grade": can_grade, **data},
    )
