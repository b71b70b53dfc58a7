"""Back office of meetings: convene, the meeting's page (readable on a phone) with its
agenda, papers, attendance and each item's conclusion and actions, and the conclusion
notice issued from it. Every write is a service."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
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
from tttt.core.forms import ServiceErrorsMixin
from tttt.documents.models import Direction, Register
from tttt.documents.queries import scoped_documents
from tttt.org.admin_views import ChangedOnItsPage, FigureRecords, ScopedModelViewSet
from tttt.org.models import Unit
from tttt.org.queries import user_can, user_scope

from . import queries, services
from .errors import MeetingsError as E
from .models import Meeting, Paper

ACTION_ROWS = 3


def _lines(text: str) -> list[tuple[str, str]]:
    """ "Name — position" lines as (name, position)."""
    out = []
    for line in (text or "").splitlines():
        if line.strip():
            name, _sep, rest = line.replace(" - ", " — ").partition("—")
            out.append((name.strip(" -"), rest.strip()))
    return out


class MeetingForm(forms.ModelForm):
    invitees_text = forms.CharField(
        label=gettext_lazy("Thành phần mời"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy("Mỗi dòng một người: Họ tên — chức vụ, đơn vị"),
    )  # fmt: skip
    agenda_text = forms.CharField(
        label=gettext_lazy("Chương trình họp"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("Mỗi dòng một nội dung: Nội dung — cơ quan trình bày"),
    )  # fmt: skip

    class Meta:
        model = Meeting
        fields = [
            "unit",
            "title",
            "chair_title",
            "chair_name",
            "starts_at",
            "place",
            "is_paperless",
        ]
        widgets = {
            "starts_at": forms.DateTimeInput(
                attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
            )
        }

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        scope = user_scope(for_user, perm=services.CONVENE)
        self.fields["unit"].queryset = Unit.objects.filter(scope.q(None)).order_by("path")


class MeetingCreateView(ServiceErrorsMixin, generic.CreateView):
    page_title = gettext_lazy("Triệu tập")
    page_subtitle = gettext_lazy("Cuộc họp")
    submit_button_label = gettext_lazy("Triệu tập")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def get_success_url(self):  # straight to the record's page: its verification, next steps
        return reverse("meetings:inspect", args=[self.object.pk])

    def save_instance(self):
        data = self.form.cleaned_data
        return services.meeting_create(user=self.request.user, meeting=self.form.instance,
                                       invitees=_lines(data.get("invitees_text")),
                                       items=_lines(data.get("agenda_text")))  # fmt: skip


class MeetingDetail(ReadableValues, generic.InspectView):
    template_name = "meetings/admin/meeting_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Meeting.objects.select_related("unit", "conclusion_document"), pk=self.pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        meeting, user = self.object, self.request.user
        planned = meeting.status == Meeting.Status.PLANNED
        units = Unit.objects.filter(path__startswith=meeting.unit.path).order_by("path")
        context.update(
            meeting=meeting,
            items=queries.agenda(meeting),
            general_papers=meeting.papers.filter(item__isnull=True).select_related("document"),
            invitees=meeting.invitees.all(),
            can_prepare=planned and user_can(user, services.PREPARE, meeting.unit),
            can_conclude=planned and user_can(user, services.CONVENE, meeting.unit),
            units=units,
            action_rows=range(ACTION_ROWS),
            registers=Register.objects.filter(
                unit__path__startswith=meeting.unit.path,
                direction=Direction.OUTGOING,
                is_active=True,
            ),  # fmt: skip
            default_deadline=timezone.localdate(meeting.starts_at) + timedelta(days=30),
            today=timezone.localdate(),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = meeting = self.get_object()
        post = request.POST
        try:
            action = post.get("action")
            if action == "attendance":
                present = {int(v) for v in post.getlist("present") if v.isdigit()}
                services.attendance_record(user=request.user, meeting=meeting, present=present)
                messages.success(request, _("Đã ghi điểm danh."))
            elif action == "paper":
                item = meeting.items.filter(pk=post.get("item") or 0).first()
                number = (post.get("number") or "").strip()
                document = (
                    scoped_documents(request.user).filter(number_symbol=number).first()
                    if number
                    else None
                )
                if number and document is None:
                    raise refuse(
                        E.PAPER_EMPTY,
                        _("Không tìm thấy văn bản số %(n)s trong sổ.") % {"n": number},
                    )
                services.paper_add(user=request.user, meeting=meeting, title=post.get("title", ""), item=item,
                                   document=document, upload=request.FILES.get("file"))  # fmt: skip
                messages.success(request, _("Đã thêm tài liệu."))
            elif action == "conclude_item":
                item = get_object_or_404(meeting.items, pk=post.get("item"))
                actions = []
                for n in range(ACTION_ROWS):
                    title = (post.get(f"action_title_{n}") or "").strip()
                    if not title:
                        continue
                    assignee = Unit.objects.filter(pk=post.get(f"action_assignee_{n}") or 0).first()
                    deadline = forms.DateField(required=False).clean(
                        post.get(f"action_deadline_{n}")
                    )
                    actions.append((title, assignee, deadline))
                services.item_conclude(user=request.user, item=item, conclusion=post.get("conclusion", ""),
                                       actions=actions)  # fmt: skip
                messages.success(request, _("Đã ghi kết luận nội dung %(n)s.") % {"n": item.order})
            elif action == "conclude":
                register = Register.objects.filter(pk=post.get("register") or 0).first()
                on = forms.DateField(error_messages={"required": _("Hãy chọn ngày ban hành."),
                                                     "invalid": _("Ngày ban hành không hợp lệ.")}).clean(post.get("on"))  # fmt: skip
                notice = services.meeting_conclude(user=request.user, meeting=meeting, register=register, on=on,
                                                   signer_title=post.get("signer_title", ""),
                                                   signer_name=post.get("signer_name", ""),
                                                   recipients=post.get("recipients", ""))  # fmt: skip
                messages.success(request, _("Đã ban hành thông báo kết luận số %(n)s và giao nhiệm vụ.")
                                 % {"n": notice.number_symbol})  # fmt: skip
            else:
                raise refuse(E.UNKNOWN_ACTION, _("Thao tác không hợp lệ."))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect(request.path)


def paper_file(request, pk: int):
    paper = get_object_or_404(Paper.objects.select_related("meeting"), pk=pk)
    if not queries.scoped_meetings(request.user).filter(pk=paper.meeting_id).exists():
        raise Http404
    if not paper.file:
        raise Http404
    return FileResponse(paper.file.open("rb"), filename=paper.file.name.rsplit("/", 1)[-1])


class MeetingIndexView(FigureRecords, generic.IndexView):
    add_item_label = gettext_lazy("Triệu tập cuộc họp")

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("unit")  # the list shows each unit


class MeetingViewSet(ScopedModelViewSet):
    model = Meeting
    name = "meetings"
    url_prefix = "hop"
    icon = "group"
    menu_label = gettext_lazy("Họp không giấy tờ")
    menu_order = 146
    add_to_admin_menu = True
    index_template_name = "meetings/admin/meeting_index.html"
    index_view_class = MeetingIndexView
    add_view_class = MeetingCreateView
    edit_view_class = ChangedOnItsPage
    inspect_view_class = MeetingDetail
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["status", "is_paperless"]
    search_fields = ["title", "chair_name"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        TitleColumn(
            "title",
            label=gettext_lazy("cuộc họp"),
            get_url=lambda o: reverse("meetings:inspect", args=[o.pk]),
        ),
        DateColumn("starts_at", label=gettext_lazy("thời gian")),
        Column("chair_name", label=gettext_lazy("chủ trì")),
        Column("unit", label=gettext_lazy("đơn vị")),
        Column("status", label=gettext_lazy("trạng thái"), accessor="get_status_display"),
    ]
    list_export = ["title", "unit", "chair_name", "starts_at", "place", "is_paperless", "status"]

    form_class = MeetingForm

    scoped_query = staticmethod(queries.scoped_meetings)
