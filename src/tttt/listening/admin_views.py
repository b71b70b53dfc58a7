"""Back office of online listening: the mentions (filter, read, act: an incident, a task, a
correction on the portal), the week's picture for a leader, the sources (a feed read now,
an export uploaded), the watch lists and the sentiment lexicon. Every write is a service."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
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
from tttt.core.forms import DATE, PlainSelect, ServiceErrorsMixin
from tttt.org.admin_views import (
    ChangedOnItsPage,
    FigureRecords,
    ScopedModelViewSet,
    SharedDataViewSet,
    unit_for_page,
    units_in_scope,
)
from tttt.org.models import Unit
from tttt.org.queries import user_can
from tttt.security.models import Incident

from . import queries, services
from .errors import ListeningError as E
from .models import Mention, Sentiment, SentimentTerm, Source, WatchTerm

TONES = {"negative": "#b00020", "positive": "#0a7a2f", "neutral": "#555"}


def _sentiment(mention):
    return format_html('<span style="color:{};font-weight:600">{}</span>', TONES[mention.sentiment],
                       mention.get_sentiment_display())  # fmt: skip


# ---------------------------------------------------------------- mentions


class MentionIndexView(FigureRecords, generic.IndexView):
    page_title = gettext_lazy("Tin được theo dõi")

    def get_base_queryset(self):
        qs = (
            super()
            .get_base_queryset()
            .select_related("source", "unit")
            .defer("search_text", "phrases")
        )
        return queries.filtered(qs, self.request.GET)

    def search_queryset(self, queryset):
        return queries.search(queryset, self.search_query) if self.is_searching else queryset


class IncidentForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Loại sự cố"), choices=Incident.Kind.choices,
                             initial=Incident.Kind.DISINFORMATION)  # fmt: skip
    severity = forms.TypedChoiceField(label=gettext_lazy("Mức độ"), coerce=int, choices=Incident.Severity.choices,
                                      initial=Incident.Severity.MEDIUM)  # fmt: skip


class TaskForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Nhiệm vụ"), max_length=300)
    assignee = forms.ModelChoiceField(label=gettext_lazy("Giao cho"), queryset=Unit.objects.none())
    deadline = forms.DateField(label=gettext_lazy("Hạn hoàn thành"), widget=DATE)
    note = forms.CharField(label=gettext_lazy("Ý kiến chỉ đạo"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, mention=None, **kwargs):
        super().__init__(*args, **kwargs)
        unit = services._administrative(mention.unit)
        self.fields["assignee"].queryset = Unit.objects.filter(path__startswith=unit.path).order_by(
            "path"
        )
        self.fields["assignee"].label_from_instance = lambda u: u.name
        self.fields["deadline"].initial = timezone.localdate() + timedelta(days=3)
        self.fields["title"].initial = _("Xác minh, xử lý thông tin: %(t)s") % {
            "t": (mention.title or mention.text)[:200]
        }


class MentionDetail(ActionsOnItsPage, ReadableValues, generic.InspectView):
    template_name = "listening/admin/mention_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Mention.objects.select_related("source", "unit", "incident", "task"), pk=self.pk
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        mention, user = self.object, self.request.user
        can_act = user_can(user, services.WORK, mention.unit)
        context.update(
            mention=mention, can_act=can_act,
            hits=mention.watch_hits.select_related("named_unit", "establishment", "procedure"),
            incident_form=IncidentForm(), task_form=getattr(self, "task_form", None) or TaskForm(mention=mention),
            statuses=[(s, label) for s, label in Mention.Status.choices if s not in ("new", "acted")],
        )  # fmt: skip
        return context

    def act_status(self, request, mention):
        services.mention_set_status(
            user=request.user, mention=mention, status=request.POST.get("status", "")
        )
        return _("Đã cập nhật tình trạng.")

    def act_incident(self, request, mention):
        form = IncidentForm(request.POST)
        if not form.is_valid():
            raise refuse(CoreError.INVALID, _("Hãy chọn loại và mức độ sự cố."))
        incident = services.mention_to_incident(
            user=request.user, mention=mention, **form.cleaned_data
        )
        messages.success(request, _("Đã báo cáo sự cố."))
        return redirect(reverse("security_incidents:inspect", args=[incident.pk]))

    def act_task(self, request, mention):
        form = TaskForm(request.POST, mention=mention)
        if not form.is_valid():
            self.task_form = form
            return self.render_to_response(self.get_context_data())
        services.mention_to_task(user=request.user, mention=mention, **form.cleaned_data)
        return _("Đã giao nhiệm vụ xử lý.")

    def act_correction(self, request, mention):
        url = services.mention_correction(user=request.user, mention=mention)
        messages.success(request, _("Đã tạo bản nháp tin cải chính trên cổng thông tin."))
        return redirect(url)


class MentionViewSet(ScopedModelViewSet):
    model = Mention
    name = "listening_mentions"
    url_prefix = "theo-doi-tin/tin"
    icon = "comment"
    menu_label = gettext_lazy("Tin được theo dõi")
    index_view_class = MentionIndexView
    index_template_name = "listening/admin/mention_index.html"
    add_view_enabled = False
    edit_view_class = ChangedOnItsPage
    form_fields = ["status"]  # changed only through the steps on its page
    inspect_view_class = MentionDetail
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["sentiment", "status", "watched", "source"]
    search_fields = ["search_text"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        DateColumn("published_at", label=gettext_lazy("đăng lúc")),
        TitleColumn(
            "title",
            label=gettext_lazy("tin"),
            accessor=lambda m: str(m)[:120],
            get_url=lambda m: reverse("listening_mentions:inspect", args=[m.pk]),
        ),  # fmt: skip
        Column("source", label=gettext_lazy("nguồn"), accessor=lambda m: m.source.name),
        Column("unit", label=gettext_lazy("đơn vị"), accessor=lambda m: m.unit.name),
        Column("sentiment", label=gettext_lazy("sắc thái"), accessor=_sentiment),
        Column("status", label=gettext_lazy("tình trạng"), accessor="get_status_display"),
    ]
    list_export = ["published_at", "title", "text", "url", "author", "source", "unit", "sentiment", "score",
                   "topics", "status"]  # fmt: skip
    export_filename = "tin-duoc-theo-doi"

    scoped_query = staticmethod(queries.scoped_mentions)


def week_view(request):
    """The week's picture for a leader: volume by day, sentiment, top topics and sources, each
    figure linking to the mentions behind it. The latest week with mentions by default."""
    unit = unit_for_page(request, "listening.view_mention")
    if unit is None:
        raise PermissionDenied
    qs = queries.scoped_mentions(request.user).filter(unit__path__startswith=unit.path)
    try:
        start = queries.week_of(date.fromisoformat(request.GET.get("tuan", "")))[0]
    except ValueError:
        start = queries.latest_week(qs)
    picture = queries.week_picture(qs, start)
    link = f"{reverse('listening_mentions:index')}?unit={unit.pk}&tu={start}&den={picture['end']}"
    total = picture["totals"]["total"]
    shares = {
        s: (round(picture["totals"][s] * 100 / total, 1) if total else 0) for s in Sentiment.values
    }
    biggest = max([sum(d.values()) for d in picture["days"].values()] + [1])
    return TemplateResponse(request, "listening/admin/week.html", {
        "unit": unit, "units": units_in_scope(request.user, "listening.view_mention")[:500], "picture": picture,
        "link": link, "shares": shares, "biggest": biggest, "sentiments": Sentiment.choices,
        "previous": start - timedelta(days=7), "next": start + timedelta(days=7) if start + timedelta(days=7) <= timezone.localdate() else None,
        "page_title": _("Tình hình thông tin trên mạng trong tuần"), "header_icon": "comment",
    })  # fmt: skip


# ---------------------------------------------------------------- sources


class SourceForm(forms.ModelForm):
    url = forms.URLField(
        label=gettext_lazy("Địa chỉ RSS/Atom"),
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Source
        fields = ["unit", "name", "kind", "url", "full_text", "is_active"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        perm = services.KEEP if self.instance.pk else "listening.add_source"
        self.fields["unit"].queryset = units_in_scope(for_user, perm)
        self.fields["unit"].widget = PlainSelect(choices=self.fields["unit"].choices)


class Saving(ServiceErrorsMixin):
    saver = ""
    field = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def save_instance(self):
        return getattr(services, self.saver)(
            user=self.request.user, **{self.field: self.form.instance}
        )


class SourceCreateView(Saving, generic.CreateView):
    saver, field = "source_save", "source"


class SourceEditView(Saving, generic.EditView):
    saver, field = "source_save", "source"


class UploadForm(forms.Form):
    upload = forms.FileField(label=gettext_lazy("Tệp xuất bài đăng (CSV hoặc JSON)"))


class SourceDetail(ActionsOnItsPage, ReadableValues, generic.InspectView):
    template_name = "listening/admin/source_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        source = self.object
        context.update(source=source, can_keep=user_can(self.request.user, services.KEEP, source.unit),
                       upload_form=getattr(self, "upload_form", None) or UploadForm(),
                       counts=source.mentions.aggregate(**{s: Count("pk", filter=Q(sentiment=s)) for s in Sentiment.values}),
                       recent=source.mentions.order_by("-published_at")[:10])  # fmt: skip
        return context

    def act_fetch(self, request, source):
        counts = services.source_fetch_now(user=request.user, source=source)
        if counts.get("error"):
            source.refresh_from_db()
            raise refuse(
                E.FETCH_FAILED, _("Không đọc được nguồn: %(e)s") % {"e": source.last_error}
            )
        return _("Đã đọc nguồn: %(n)s tin mới, %(d)s tin đã có.") % {
            "n": counts["new"],
            "d": counts["duplicate"],
        }

    def act_upload(self, request, source):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            self.upload_form = form
            return self.render_to_response(self.get_context_data())
        counts = services.upload_ingest(
            user=request.user, source=source, upload=form.cleaned_data["upload"]
        )
        return _("Đã nạp tệp: %(n)s tin mới, %(d)s tin đã có.") % {
            "n": counts["new"],
            "d": counts["duplicate"],
        }


class SourceViewSet(ScopedModelViewSet):
    model = Source
    name = "listening_sources"
    url_prefix = "theo-doi-tin/nguon"
    icon = "link"
    menu_label = gettext_lazy("Nguồn theo dõi")
    add_view_class = SourceCreateView
    edit_view_class = SourceEditView
    inspect_view_class = SourceDetail
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["kind", "is_active"]
    list_display = [
        TitleColumn("name", label=gettext_lazy("nguồn"), get_url=lambda s: reverse("listening_sources:inspect", args=[s.pk])),
        Column("unit", label=gettext_lazy("đơn vị"), accessor=lambda s: s.unit.name),
        Column("kind", label=gettext_lazy("loại"), accessor="get_kind_display"),
        DateColumn("last_fetched_at", label=gettext_lazy("đọc lần cuối")),
        "last_error",
    ]  # fmt: skip

    form_class = SourceForm

    def scoped(self, user, perm):
        return queries.scoped_sources(user, perm).select_related("unit")


# ---------------------------------------------------------------- watch lists


class TermForm(forms.ModelForm):
    class Meta:
        model = WatchTerm
        fields = ["unit", "term", "kind", "is_active"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_in_scope(for_user, "listening.add_watchterm")
        self.fields["unit"].widget = PlainSelect(choices=self.fields["unit"].choices)


class TermCreateView(Saving, generic.CreateView):
    saver, field = "watchterm_save", "term"


class TermEditView(Saving, generic.EditView):
    saver, field = "watchterm_save", "term"


class TermDeleteView(generic.DeleteView):
    def delete_action(self):
        services.watchterm_delete(user=self.request.user, term=self.object)


class TermIndexView(generic.IndexView):
    template_name = "listening/admin/term_index.html"

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs),
                "refresh_units": units_in_scope(self.request.user, "listening.add_watchterm")[:300]}  # fmt: skip

    def post(self, request, *args, **kwargs):
        unit = get_object_or_404(
            units_in_scope(request.user, "listening.add_watchterm"),
            pk=request.POST.get("unit") or 0,
        )
        added = services.watchlist_refresh(user=request.user, unit=unit)
        messages.success(
            request, _("Đã thêm %(n)s từ khóa từ hồ sơ của %(u)s.") % {"n": added, "u": unit.name}
        )
        return redirect(request.path)


class TermViewSet(ScopedModelViewSet):
    model = WatchTerm
    name = "listening_terms"
    url_prefix = "theo-doi-tin/tu-khoa"
    icon = "search"
    menu_label = gettext_lazy("Danh sách theo dõi")
    index_view_class = TermIndexView
    add_view_class = TermCreateView
    edit_view_class = TermEditView
    delete_view_class = TermDeleteView
    copy_view_enabled = False
    list_filter = ["kind", "is_active"]
    search_fields = ["term"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        TitleColumn("term", label=gettext_lazy("từ khóa"), get_url=lambda t: reverse("listening_terms:edit", args=[t.pk])),
        Column("unit", label=gettext_lazy("đơn vị theo dõi"), accessor=lambda t: t.unit.name),
        Column("kind", label=gettext_lazy("loại"), accessor="get_kind_display"),
        "is_active",
    ]  # fmt: skip

    form_class = TermForm

    def scoped(self, user, perm):
        return queries.scoped_terms(user, perm).select_related("unit")


# ---------------------------------------------------------------- the lexicon


class LexiconViewSet(SharedDataViewSet):
    model = SentimentTerm
    name = "listening_lexicon"
    url_prefix = "theo-doi-tin/tu-dien"
    icon = "tag"
    menu_label = gettext_lazy("Từ điển sắc thái")
    form_fields = ["phrase", "weight"]
    list_display = ["phrase", "weight"]
    search_fields = ["phrase"]
    search_backend_name = None
    list_per_page = 100


class ListeningGroup(ViewSetGroup):
    menu_label = gettext_lazy("Theo dõi thông tin trên mạng")
    menu_icon = "comment"
    menu_order = 148
    items = [MentionViewSet, SourceViewSet, TermViewSet, LexiconViewSet]
