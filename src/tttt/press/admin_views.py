"""Back office of the press register: issues raised by the press (assign, answer), the
unit's spokespeople and their statements. Every write is a service."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup

from tttt.core.admin_views import ActionsOnItsPage, ReadableValues
from tttt.core.errors import CoreError, refuse
from tttt.core.forms import DATE, PlainSelect
from tttt.org.admin_views import (
    FigureRecords,
    SavedInScope,
    ScopedModelViewSet,
    UnitOfRecord,
)
from tttt.org.models import Unit
from tttt.org.queries import user_can

from . import queries, services
from .models import PressIssue, PressStatement, Spokesperson


def _below(unit: Unit):
    """The unit and the offices and units under it a task can go to, the unit first (a
    former unit's past issue goes to its offices of the time)."""
    return Unit.objects.filter(path__startswith=unit.path).order_by("path")


# ---------------------------------------------------------------- issues raised by the press


class IssueForm(UnitOfRecord, forms.ModelForm):
    unit_perm = services.REGISTER
    url = forms.URLField(label=gettext_lazy("Địa chỉ bài báo"), required=False, max_length=500,
                         assume_scheme="https")  # fmt: skip

    class Meta:
        model = PressIssue
        fields = ["unit", "outlet", "title", "url", "published_on", "topic", "concerned", "summary"]
        widgets = {"published_on": DATE, "summary": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["concerned"].queryset = Unit.objects.filter(
            pk__in=self.fields["unit"].queryset.values("pk")
        ) | Unit.objects.filter(kind=Unit.Kind.OFFICE, parent__in=self.fields["unit"].queryset)
        self.fields["concerned"].widget = PlainSelect(choices=self.fields["concerned"].choices)
        self.fields["published_on"].initial = timezone.localdate()


class IssueSaving(SavedInScope):
    namespace = "press_issues"

    def save_instance(self):
        return services.issue_save(user=self.request.user, issue=self.form.instance)


class IssueCreateView(IssueSaving, generic.CreateView):
    page_title = gettext_lazy("Ghi nhận vấn đề báo chí nêu")


class IssueEditView(IssueSaving, generic.EditView):
    pass


class AssignForm(forms.Form):
    assignee = forms.ModelChoiceField(label=gettext_lazy("Giao cho"), queryset=Unit.objects.none())
    deadline = forms.DateField(label=gettext_lazy("Hạn xử lý, trả lời"), widget=DATE)
    note = forms.CharField(label=gettext_lazy("Yêu cầu"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, issue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = _below(issue.unit)
        self.fields["assignee"].widget = PlainSelect(choices=self.fields["assignee"].choices)
        self.fields["assignee"].initial = issue.concerned_id or issue.unit_id


class RespondForm(forms.Form):
    response = forms.CharField(label=gettext_lazy("Nội dung trả lời, kết quả xử lý"),
                               widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    responded_on = forms.DateField(label=gettext_lazy("Ngày trả lời"), widget=DATE)
    published = forms.BooleanField(label=gettext_lazy("Đã công khai trả lời (gửi cơ quan báo chí, đăng trên cổng)"),
                                   required=False)  # fmt: skip
    url = forms.URLField(
        label=gettext_lazy("Nơi đăng trả lời"), required=False, assume_scheme="https"
    )


def _invalid(form) -> None:
    """A form of a record's page that does not validate: every problem at once."""
    problems = [f"{form.fields[f].label}: {' '.join(e)}" if f in form.fields else " ".join(e)
                for f, e in form.errors.items()]  # fmt: skip
    raise refuse(CoreError.INVALID, "; ".join(problems))


class IssueDetail(ActionsOnItsPage, ReadableValues, generic.InspectView):
    template_name = "press/admin/issue_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        issue, user = self.object, self.request.user
        can_edit = user_can(user, services.HANDLE, issue.unit) and not issue.responded_on
        context.update(
            issue=issue, statements=issue.statements.select_related("spokesperson"),
            can_edit=can_edit,
            assign_form=AssignForm(issue=issue) if can_edit and not issue.task_id else None,
            respond_form=RespondForm(initial={"responded_on": timezone.localdate()})
            if can_edit else None,
            can_state=user_can(user, services.STATEMENTS, issue.unit),
        )  # fmt: skip
        return context

    def act_assign(self, request, issue):
        form = AssignForm(request.POST, issue=issue)
        if not form.is_valid():
            _invalid(form)
        task = services.issue_assign(user=request.user, issue=issue, **form.cleaned_data)
        return _("Đã giao %(u)s xử lý, hạn %(d)s.") % {
            "u": task.assignee.name, "d": f"{task.deadline:%d/%m/%Y}"}  # fmt: skip

    def act_respond(self, request, issue):
        form = RespondForm(request.POST)
        if not form.is_valid():
            _invalid(form)
        data = form.cleaned_data
        services.issue_respond(user=request.user, issue=issue, response=data["response"],
                               on=data["responded_on"], published=data["published"], url=data["url"])  # fmt: skip
        return _("Đã ghi nhận trả lời.")


class IssueIndexView(FigureRecords, generic.IndexView):
    page_title = gettext_lazy("Vấn đề báo chí nêu")
    add_item_label = gettext_lazy("Ghi nhận vấn đề báo nêu")

    def get_base_queryset(self):  # ?tinh_trang=new|open|answered|overdue, from the home page
        return queries.issues_in_state(
            super().get_base_queryset(), self.request.GET.get("tinh_trang", "")
        )


class IssueViewSet(ScopedModelViewSet):
    model = PressIssue
    name = "press_issues"
    url_prefix = "bao-chi/van-de"
    icon = "doc-full"
    menu_label = gettext_lazy("Vấn đề báo chí nêu")
    index_view_class = IssueIndexView
    add_view_class = IssueCreateView
    edit_view_class = IssueEditView
    inspect_view_class = IssueDetail
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["topic", "response_published"]
    search_fields = ["title", "outlet", "summary", "topic"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        DateColumn("published_on", label=gettext_lazy("ngày đăng")),
        TitleColumn(
            "title",
            label=gettext_lazy("bài báo"),
            get_url=lambda o: reverse("press_issues:inspect", args=[o.pk]),
        ),  # fmt: skip
        "outlet",
        "topic",
        Column("unit", label=gettext_lazy("đơn vị"), accessor=lambda o: o.unit.name),
        Column("state", label=gettext_lazy("tình trạng"), accessor="get_state_display"),
        DateColumn(
            "deadline",
            label=gettext_lazy("hạn xử lý"),
            accessor=lambda o: o.task.deadline if o.task_id else None,
        ),  # fmt: skip
    ]
    list_export = ["published_on", "outlet", "title", "url", "topic", "unit", "concerned", "summary",
                   "response", "responded_on", "response_published", "response_url"]  # fmt: skip
    export_filename = "van-de-bao-chi-neu"

    form_class = IssueForm

    scoped_query = staticmethod(queries.scoped_issues)


# ---------------------------------------------------------------- spokespeople


class SpokespersonForm(UnitOfRecord, forms.ModelForm):
    unit_perm = services.SPOKESPEOPLE

    class Meta:
        model = Spokesperson
        fields = [
            "unit",
            "name",
            "position",
            "role",
            "phone",
            "email",
            "decision",
            "valid_from",
            "valid_to",
        ]
        widgets = {"valid_from": DATE, "valid_to": DATE}


class SpokespersonSaving(SavedInScope):
    namespace = "press_spokespeople"

    def save_instance(self):
        return services.spokesperson_save(user=self.request.user, person=self.form.instance)


class SpokespersonCreateView(SpokespersonSaving, generic.CreateView):
    pass


class SpokespersonEditView(SpokespersonSaving, generic.EditView):
    pass


class SpokespersonViewSet(ScopedModelViewSet):
    model = Spokesperson
    name = "press_spokespeople"
    url_prefix = "bao-chi/nguoi-phat-ngon"
    icon = "user"
    menu_label = gettext_lazy("Người phát ngôn")
    add_view_class = SpokespersonCreateView
    edit_view_class = SpokespersonEditView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["role"]
    search_fields = ["name", "position"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        TitleColumn(
            "name",
            label=gettext_lazy("họ và tên"),
            get_url=lambda o: reverse("press_spokespeople:inspect", args=[o.pk]),
        ),  # fmt: skip
        "position",
        Column("role", label=gettext_lazy("vai trò"), accessor="get_role_display"),
        Column("unit", label=gettext_lazy("đơn vị"), accessor=lambda o: o.unit.name),
        DateColumn("valid_from", label=gettext_lazy("từ ngày")),
        DateColumn("valid_to", label=gettext_lazy("đến ngày")),
    ]
    inspect_view_fields = ["unit", "name", "position", "role", "phone", "email", "decision",
                           "valid_from", "valid_to"]  # fmt: skip

    form_class = SpokespersonForm

    scoped_query = staticmethod(queries.scoped_spokespeople)


# ---------------------------------------------------------------- statements


class StatementForm(UnitOfRecord, forms.ModelForm):
    unit_perm = services.STATEMENTS

    class Meta:
        model = PressStatement
        fields = ["unit", "kind", "given_on", "title", "content", "spokesperson", "issue", "outlets",
                  "is_public"]  # fmt: skip
        widgets = {"given_on": DATE, "content": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = self.fields["unit"].queryset
        self.fields["spokesperson"].queryset = Spokesperson.objects.filter(
            unit__in=units
        ).select_related("unit")
        self.fields["spokesperson"].label_from_instance = lambda p: (
            f"{p.name} — {p.position} ({p.unit.name})"
        )
        self.fields["issue"].queryset = PressIssue.objects.filter(unit__in=units)
        self.fields["given_on"].initial = timezone.localdate()


class StatementSaving(SavedInScope):
    namespace = "press_statements"

    def save_instance(self):
        return services.statement_save(user=self.request.user, statement=self.form.instance)


class StatementCreateView(StatementSaving, generic.CreateView):
    def get_initial(self):
        initial = super().get_initial()
        issue = queries.scoped_issues(self.request.user).filter(
            pk=self.request.GET["van_de"] if self.request.GET.get("van_de", "").isdigit() else None
        ).first()  # fmt: skip
        if issue is not None:
            initial.update(issue=issue, unit=issue.unit, kind=PressStatement.Kind.WRITTEN,
                           title=issue.title, content=issue.response)  # fmt: skip
        return initial


class StatementEditView(StatementSaving, generic.EditView):
    pass


class StatementIndexView(FigureRecords, generic.IndexView):
    page_title = gettext_lazy("Phát ngôn, họp báo")


class StatementViewSet(ScopedModelViewSet):
    model = PressStatement
    name = "press_statements"
    url_prefix = "bao-chi/phat-ngon"
    icon = "openquote"
    menu_label = gettext_lazy("Phát ngôn, họp báo")
    index_view_class = StatementIndexView
    add_view_class = StatementCreateView
    edit_view_class = StatementEditView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["kind", "is_public"]
    search_fields = ["title", "content", "outlets"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        DateColumn("given_on", label=gettext_lazy("ngày")),
        TitleColumn(
            "title",
            label=gettext_lazy("nội dung chính"),
            get_url=lambda o: reverse("press_statements:inspect", args=[o.pk]),
        ),  # fmt: skip
        Column("kind", label=gettext_lazy("hình thức"), accessor="get_kind_display"),
        Column(
            "spokesperson",
            label=gettext_lazy("người phát ngôn"),
            accessor=lambda o: o.spokesperson.name if o.spokesperson_id else "—",
        ),  # fmt: skip
        Column("unit", label=gettext_lazy("đơn vị"), accessor=lambda o: o.unit.name),
    ]
    inspect_view_fields = ["unit", "kind", "given_on", "title", "content", "spokesperson", "issue",
                           "outlets", "is_public"]  # fmt: skip
    list_export = [
        "given_on",
        "kind",
        "title",
        "content",
        "spokesperson",
        "outlets",
        "unit",
        "is_public",
    ]
    export_filename = "phat-ngon-hop-bao"

    form_class = StatementForm

    scoped_query = staticmethod(queries.scoped_statements)


class PressGroup(ViewSetGroup):
    menu_label = gettext_lazy("Báo chí, phát ngôn")
    menu_icon = "openquote"
    menu_order = 148
    items = [IssueViewSet, StatementViewSet, SpokespersonViewSet]
