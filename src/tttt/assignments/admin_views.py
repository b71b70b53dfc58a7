"""Back office of assigned tasks: scoped list with overdue filter, assignment form, and a
task page where the assignee reports progress (with evidence) and the assigning unit
extends, completes or cancels."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic

from tttt.core.admin_views import ReadableValues
from tttt.core.errors import refuse
from tttt.core.forms import DATE, ServiceErrorsMixin
from tttt.org.admin_views import ChangedOnItsPage, FigureRecords, ScopedModelViewSet
from tttt.org.models import Unit
from tttt.org.queries import user_can, user_scope

from . import queries, services
from .errors import AssignmentsError as E
from .models import Task, TaskProgress


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = ["unit", "assignee", "source", "source_reference", "title", "content", "assigned_by_name",
                  "assigned_on", "deadline", "is_public"]  # fmt: skip
        widgets = {"assigned_on": DATE, "deadline": DATE}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        scope = user_scope(for_user, perm=services.ASSIGN)
        units = Unit.objects.filter(scope.q(None)).exclude(kind=Unit.Kind.OFFICE)
        self.fields["unit"].queryset = units.order_by("path")
        self.fields["assignee"].queryset = Unit.objects.filter(scope.q(None)).order_by("path")
        self.fields["assigned_on"].initial = timezone.localdate()


class TaskIndexView(FigureRecords, generic.IndexView):
    def get_base_queryset(self):
        qs = super().get_base_queryset().select_related("unit", "assignee")
        return queries.in_state(qs, self.request.GET.get("tinh_trang", ""))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["states"] = Task.STATE_LABELS
        context["chosen_state"] = self.request.GET.get("tinh_trang", "")
        return context


class TaskCreateView(ServiceErrorsMixin, generic.CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def save_instance(self):
        return services.task_create(user=self.request.user, task=self.form.instance)


class ProgressForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Tiến độ, kết quả"), widget=forms.Textarea(attrs={"rows": 3})
    )
    percent = forms.IntegerField(label=gettext_lazy("% hoàn thành"), min_value=0, max_value=100)
    evidence = forms.FileField(label=gettext_lazy("Tài liệu minh chứng"), required=False)


class TaskDetailView(ReadableValues, generic.InspectView):
    template_name = "assignments/admin/task_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(Task.objects.select_related("unit", "assignee"), pk=self.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        task = self.object
        user = self.request.user
        context.update(
            task=task,
            progress=task.progress.select_related("author"),
            can_report=task.status == Task.Status.OPEN
            and user_can(user, services.REPORT, task.assignee),
            can_manage=task.status == Task.Status.OPEN
            and user_can(user, services.MANAGE, task.unit),
            progress_form=getattr(self, "progress_form", None) or ProgressForm(),
            today=timezone.localdate(),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = task = self.get_object()
        action = request.POST.get("action")
        try:
            if action == "report":
                form = ProgressForm(request.POST, request.FILES)
                if not form.is_valid():
                    self.progress_form = form
                    return self.render_to_response(self.get_context_data())
                services.task_report(user=request.user, task=task, note=form.cleaned_data["note"],
                                     percent=form.cleaned_data["percent"],
                                     evidence=form.cleaned_data["evidence"])  # fmt: skip
                messages.success(request, _("Đã ghi báo cáo tiến độ."))
            elif action in ("extend", "complete"):
                day = forms.DateField(
                    error_messages={
                        "required": _("Hãy chọn ngày."),
                        "invalid": _("Ngày không hợp lệ."),
                    }
                ).clean(request.POST.get("on"))
                if action == "extend":
                    services.task_extend(
                        user=request.user,
                        task=task,
                        deadline=day,
                        reason=request.POST.get("text", ""),
                    )
                    messages.success(request, _("Đã gia hạn nhiệm vụ."))
                else:
                    services.task_complete(
                        user=request.user, task=task, on=day, result=request.POST.get("text", "")
                    )
                    messages.success(request, _("Đã xác nhận hoàn thành."))
            elif action == "cancel":
                services.task_cancel(
                    user=request.user, task=task, reason=request.POST.get("text", "")
                )
                messages.success(request, _("Đã dừng nhiệm vụ."))
            else:
                raise refuse(E.UNKNOWN_ACTION, _("Thao tác không hợp lệ."))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect(request.path)


def evidence_view(request, pk: int):
    """Evidence files are private: served only within scope."""
    progress = get_object_or_404(
        TaskProgress.objects.select_related("task__unit", "task__assignee"), pk=pk
    )
    if not queries.can_see(request.user, progress.task):
        raise PermissionDenied(_("Tài liệu này nằm ngoài phạm vi được giao cho bạn."))
    if not progress.evidence:
        raise Http404
    return FileResponse(
        progress.evidence.open("rb"), filename=progress.evidence.name.rsplit("/", 1)[-1]
    )


class TaskViewSet(ScopedModelViewSet):
    model = Task
    icon = "tasks"
    menu_label = gettext_lazy("Nhiệm vụ được giao")
    menu_order = 150
    add_to_admin_menu = True
    name = "tasks"
    index_template_name = "assignments/admin/task_index.html"
    index_view_class = TaskIndexView
    add_view_class = TaskCreateView
    edit_view_class = ChangedOnItsPage  # report, extend, complete, stop: on the task's page
    inspect_view_class = TaskDetailView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["source", "status"]
    search_fields = ["title", "source_reference"]
    search_backend_name = None
    list_per_page = 50
    ordering = ["deadline"]
    list_display = [
        TitleColumn(
            "title",
            label=gettext_lazy("nhiệm vụ"),
            get_url=lambda o: reverse("tasks:inspect", args=[o.pk]),
        ),
        Column("assignee", label=gettext_lazy("cơ quan thực hiện")),
        DateColumn("assigned_on", label=gettext_lazy("ngày giao")),
        DateColumn("deadline", label=gettext_lazy("hạn")),
        Column("state", label=gettext_lazy("tình trạng"), accessor=lambda o: o.state_label()),
    ]
    list_export = ["title", "unit", "assignee", "source", "source_reference", "assigned_on", "deadline",
                   "status", "completed_on", "result"]  # fmt: skip

    form_class = TaskForm

    scoped_query = staticmethod(queries.scoped_tasks)
