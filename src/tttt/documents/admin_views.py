"""Back office of the registers: the incoming register (receive, verify, assign for
handling, follow up), the outgoing register (draft, submit, approve or return, sign and
issue), registers, kinds, trusted roots and signing credentials. Every write is a service."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from tttt.core.admin_views import ReadableValues
from tttt.core.errors import refuse
from tttt.core.forms import DATE, ServiceErrorsMixin, add_service_errors
from tttt.org.admin_views import (
    ChangedOnItsPage,
    FigureRecords,
    ScopedModelViewSet,
    SharedDataViewSet,
)
from tttt.org.models import Unit
from tttt.org.queries import user_can, user_scope

from . import queries, services
from .errors import DocumentsError as E
from .models import (
    Direction,
    Document,
    DocumentKind,
    DocumentLink,
    Register,
    SigningCredential,
    TrustedRoot,
)

MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _registers(user, direction: str, perm: str = services.RECEIVE):
    scope = user_scope(user, perm=perm)
    return Register.objects.filter(
        scope.q("unit"), direction=direction, is_active=True
    ).select_related("unit")


# ---------------------------------------------------------------- incoming


class IncomingForm(forms.ModelForm):
    upload = forms.FileField(
        label=gettext_lazy("Tệp văn bản (PDF có chữ ký số được kiểm tra)"), required=False
    )

    class Meta:
        model = Document
        fields = ["register", "kind", "number_symbol", "issuer", "issued_on", "received_at", "excerpt",
                  "urgency", "secrecy", "medium"]  # fmt: skip
        widgets = {
            "issued_on": DATE,
            "received_at": MOMENT,
            "excerpt": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["register"].queryset = registers = _registers(for_user, Direction.INCOMING)
        self.fields["register"].initial = registers.order_by("unit__path", "pk").first()
        self.fields["received_at"].initial = timezone.localtime().replace(second=0, microsecond=0)
        self.fields["received_at"].required = False

    def clean(self):
        """The register's own checks beside the fields': every problem told at once."""
        cleaned = super().clean()
        data = {k: v for k, v in cleaned.items() if k in {f.name for f in Document._meta.fields}}
        for field, problems in services.incoming_problems(
            Document(**data), cleaned.get("upload")
        ).items():
            for problem in problems:
                self.add_error(
                    field if field in self.fields else "upload" if field == "file" else None,
                    problem,
                )
        return cleaned


class IncomingIndexView(FigureRecords, generic.IndexView):
    page_title = gettext_lazy("Sổ văn bản đến")
    add_item_label = gettext_lazy("Vào sổ văn bản đến")

    def get_base_queryset(self):
        qs = queries.incoming(super().get_base_queryset()).select_related("kind", "task", "unit")
        qs = qs.defer(*queries.LIST_DEFERRED)
        return queries.in_handling_state(qs, self.request.GET.get("tinh_trang", ""))

    def search_queryset(self, queryset):
        return queries.search(queryset, self.search_query) if self.is_searching else queryset

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "states": Document.HANDLING_LABELS,
                "chosen_state": self.request.GET.get("tinh_trang", "")}  # fmt: skip


class ToItsPage(ServiceErrorsMixin):
    """A register's form: the person's scope for its choices; once saved (by a service),
    on to the document's page."""

    def get_success_buttons(self):
        return []

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def get_success_url(self):  # straight to the record's page: its verification, next steps
        return reverse(f"documents_{self.object.direction}:inspect", args=[self.object.pk])


class IncomingCreateView(ToItsPage, generic.CreateView):
    page_title = gettext_lazy("Vào sổ")
    page_subtitle = gettext_lazy("Văn bản đến")
    submit_button_label = gettext_lazy("Vào sổ")

    def get_success_message(self, instance):
        return _("Đã vào sổ văn bản đến số %(n)s/%(y)s.") % {
            "n": instance.registry_number,
            "y": instance.year,
        }

    def save_instance(self):
        return services.incoming_receive(user=self.request.user, document=self.form.instance,
                                         upload=self.form.cleaned_data.get("upload"))  # fmt: skip


class AssignForm(forms.Form):
    on = forms.DateField(label=gettext_lazy("Ngày giao"), widget=DATE)
    assignee = forms.ModelChoiceField(
        label=gettext_lazy("Giao cho (cơ quan, phòng, đơn vị)"), queryset=Unit.objects.none()
    )
    deadline = forms.DateField(label=gettext_lazy("Hạn xử lý"), widget=DATE)
    note = forms.CharField(
        label=gettext_lazy("Ý kiến chỉ đạo"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, document=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = Unit.objects.filter(
            path__startswith=document.unit.path
        ).order_by("path")
        today = timezone.localdate()
        self.fields["on"].initial = today
        start = max(document.received_at, timezone.now())
        self.fields["deadline"].initial = services.handling_deadline(start, services.HANDLING_DAYS)
        self.fields["assignee"].label_from_instance = lambda unit: unit.name


class DocumentDetail(ReadableValues, generic.InspectView):
    template_name = "documents/admin/document_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Document.objects.select_related("unit", "kind", "register", "task__assignee"),
            pk=self.pk,
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        doc, user = self.object, self.request.user
        context.update(
            doc=doc,
            events=queries.timeline(doc),
            links=queries.portal_links(doc),
            linked_from=doc.linked_from.select_related("source"),
            file_url=reverse("documents_file", args=[doc.pk]) if doc.file else "",
            signatures=queries.signatures(doc),
            portal_pages=doc.portal_pages.filter(live=True),
        )
        if doc.is_incoming:
            context.update(
                handling_label=Document.HANDLING_LABELS.get(doc.handling_state(), ""),
                can_assign=doc.task_id is None and user_can(user, services.ASSIGN, doc.unit),
                can_file=doc.status == Document.Status.RECEIVED
                and user_can(user, services.ASSIGN, doc.unit),
                can_verify=bool(doc.file) and user_can(user, services.CHANGE, doc.unit),
                assign_form=getattr(self, "assign_form", None) or AssignForm(document=doc),
            )
        else:
            can_issue = user_can(user, services.ISSUE, doc.unit)
            context.update(
                can_submit=doc.status == "draft" and user_can(user, services.CHANGE, doc.unit),
                can_edit=doc.status == "draft" and user_can(user, services.CHANGE, doc.unit),
                can_approve=doc.status == "submitted" and can_issue,
                can_issue=doc.status == "approved" and can_issue,
                credential=services.credential_for(user) if can_issue else None,
            )
        return context

    def post(self, request, *args, **kwargs):
        self.object = doc = self.get_object()
        action = request.POST.get("action")
        try:
            if action == "assign":
                form = AssignForm(request.POST, document=doc)
                if not form.is_valid():
                    self.assign_form = form
                    return self.render_to_response(self.get_context_data())
                services.incoming_assign(user=request.user, document=doc, note=form.cleaned_data["note"],
                                         on=form.cleaned_data["on"],
                                         assignee=form.cleaned_data["assignee"],
                                         deadline=form.cleaned_data["deadline"])  # fmt: skip
                messages.success(request, _("Đã giao xử lý văn bản."))
            elif action == "file":
                services.incoming_file(
                    user=request.user, document=doc, note=request.POST.get("note", "")
                )
                messages.success(request, _("Đã cho lưu văn bản, để biết."))
            elif action == "verify":
                doc = services.document_verify(user=request.user, document=doc)
                messages.success(
                    request,
                    _("Đã kiểm tra lại chữ ký số: %(s)s.") % {"s": doc.get_signature_display()},
                )
            elif action == "submit":
                services.outgoing_submit(user=request.user, document=doc)
                messages.success(request, _("Đã trình duyệt."))
            elif action == "approve":
                services.outgoing_approve(user=request.user, document=doc)
                messages.success(request, _("Đã duyệt dự thảo."))
            elif action == "return":
                services.outgoing_return(
                    user=request.user, document=doc, reason=request.POST.get("reason", "")
                )
                messages.success(request, _("Đã trả lại dự thảo."))
            elif action == "issue":
                doc = services.outgoing_issue(user=request.user, document=doc,
                                              credential=services.credential_for(request.user),
                                              pin=request.POST.get("pin", ""))  # fmt: skip
                messages.success(
                    request, _("Đã ký số và ban hành: số %(n)s.") % {"n": doc.number_symbol}
                )
            else:
                raise refuse(E.UNKNOWN_ACTION, _("Thao tác không hợp lệ."))
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect(request.path)


def file_view(request, pk: int):
    """A register's file, within scope."""
    document = get_object_or_404(queries.scoped_documents(request.user), pk=pk)
    if not document.file:
        raise Http404(_("Văn bản này không có tệp."))
    return FileResponse(document.file.open("rb"), filename=document.file.name.rsplit("/", 1)[-1])


def _signature_badge(doc):
    if not doc.signature:
        return "—"
    tone = {"valid": "#0a7a2f", "unsigned": "#555"}.get(doc.signature, "#b00020")
    return format_html(
        '<span style="color:{};font-weight:600">{}</span>', tone, doc.get_signature_display()
    )


class IncomingViewSet(ScopedModelViewSet):
    model = Document
    name = "documents_in"
    url_prefix = "van-ban/den"
    icon = "download"
    menu_label = gettext_lazy("Sổ văn bản đến")
    index_template_name = "documents/admin/document_index.html"
    index_view_class = IncomingIndexView
    add_view_class = IncomingCreateView
    edit_view_class = ChangedOnItsPage
    inspect_view_class = DocumentDetail
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["urgency", "secrecy", "medium", "signature"]
    search_fields = ["search_text"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        Column("registry_number", label=gettext_lazy("số đến")),
        DateColumn("received_at", label=gettext_lazy("ngày đến")),
        Column("number_symbol", label=gettext_lazy("số, ký hiệu")),
        Column("issuer", label=gettext_lazy("cơ quan ban hành")),
        TitleColumn(
            "excerpt",
            label=gettext_lazy("trích yếu"),
            get_url=lambda o: reverse("documents_in:inspect", args=[o.pk]),
        ),  # fmt: skip
        Column("signature", label=gettext_lazy("chữ ký số"), accessor=_signature_badge),
        Column(
            "handling",
            label=gettext_lazy("xử lý"),
            accessor=lambda o: Document.HANDLING_LABELS.get(o.handling_state(), ""),
        ),  # fmt: skip
    ]
    list_export = ["year", "registry_number", "received_at", "number_symbol", "issued_on", "issuer",
                   "excerpt", "kind", "urgency", "secrecy", "medium", "signature"]  # fmt: skip
    export_filename = "so-van-ban-den"

    form_class = IncomingForm

    scoped_query = staticmethod(queries.scoped_documents)


# ---------------------------------------------------------------- outgoing


class OutgoingForm(forms.ModelForm):
    link_kind = forms.ChoiceField(label=gettext_lazy("Quan hệ với văn bản khác"), required=False,
                                  choices=[("", "—"), *DocumentLink.Kind.choices])  # fmt: skip
    link_numbers = forms.CharField(
        label=gettext_lazy("Số, ký hiệu các văn bản liên quan"), required=False,
        help_text=gettext_lazy("Cách nhau bởi dấu chấm phẩy, ví dụ: 12/QĐ-UBND; 45/TB-UBND"),
    )  # fmt: skip

    class Meta:
        model = Document
        fields = ["register", "kind", "excerpt", "body", "recipients", "signer_title", "signer_name",
                  "urgency", "secrecy", "publish_on_portal"]  # fmt: skip
        widgets = {"excerpt": forms.Textarea(attrs={"rows": 2}), "body": forms.Textarea(attrs={"rows": 12}),
                   "signer_title": forms.Textarea(attrs={"rows": 2}),  # "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH"
                   "recipients": forms.Textarea(attrs={"rows": 4})}  # fmt: skip

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = for_user
        self.fields["register"].queryset = registers = _registers(for_user, Direction.OUTGOING)
        self.fields["register"].initial = registers.order_by("unit__path", "pk").first()
        if self.instance.pk:
            link = self.instance.links.first()
            self.fields["link_kind"].initial = link.kind if link else ""
            self.fields["link_numbers"].initial = "; ".join(
                self.instance.links.values_list("target__number_symbol", flat=True)
            )
        else:
            self.fields["recipients"].initial = "- Như trên;\n- Lưu: VT."

    def clean(self):
        cleaned = super().clean()
        numbers = [n.strip() for n in (cleaned.get("link_numbers") or "").split(";") if n.strip()]
        kind = cleaned.get("link_kind")
        if numbers and not kind:
            self.add_error("link_kind", _("Hãy chọn quan hệ với các văn bản liên quan."))
        found = {
            d.number_symbol: d
            for d in queries.scoped_documents(self.user).filter(number_symbol__in=numbers)
        }
        missing = [n for n in numbers if n not in found]
        if missing:
            self.add_error(
                "link_numbers",
                _("Không tìm thấy văn bản trong sổ: %(n)s.") % {"n": "; ".join(missing)},
            )
        cleaned["links"] = [(kind, found[n]) for n in numbers if n in found]
        return cleaned


class OutgoingIndexView(FigureRecords, generic.IndexView):
    page_title = gettext_lazy("Sổ văn bản đi")
    add_item_label = gettext_lazy("Soạn văn bản đi")

    def get_base_queryset(self):
        return (
            queries.outgoing(super().get_base_queryset())
            .select_related("kind", "unit")
            .defer(*queries.LIST_DEFERRED)
        )

    def search_queryset(self, queryset):
        return queries.search(queryset, self.search_query) if self.is_searching else queryset


class OutgoingCreateView(ToItsPage, generic.CreateView):
    page_title = gettext_lazy("Soạn")
    page_subtitle = gettext_lazy("Văn bản đi")
    submit_button_label = gettext_lazy("Lưu dự thảo")

    def get_success_message(self, instance):
        return _("Đã lưu dự thảo; trình duyệt khi đã xong.")

    def save_instance(self):
        return services.outgoing_draft(user=self.request.user, document=self.form.instance,
                                       links=self.form.cleaned_data.get("links", []))  # fmt: skip


class OutgoingEditView(ToItsPage, generic.EditView):
    """A draft is edited here; once submitted, its URL opens its page."""

    def dispatch(self, request, *args, **kwargs):
        if not Document.objects.filter(pk=kwargs["pk"], status=Document.Status.DRAFT).exists():
            return redirect(reverse("documents_out:inspect", args=[kwargs["pk"]]))
        return super().dispatch(request, *args, **kwargs)

    def save_instance(self):
        return services.outgoing_draft(user=self.request.user, document=self.form.instance,
                                       links=self.form.cleaned_data.get("links", []))  # fmt: skip


class OutgoingViewSet(ScopedModelViewSet):
    model = Document
    name = "documents_out"
    url_prefix = "van-ban/di"
    icon = "upload"
    menu_label = gettext_lazy("Sổ văn bản đi")
    index_template_name = "documents/admin/document_index.html"
    index_view_class = OutgoingIndexView
    add_view_class = OutgoingCreateView
    edit_view_class = OutgoingEditView
    inspect_view_class = DocumentDetail
    inspect_view_enabled = True
    copy_view_enabled = False
    list_filter = ["status", "urgency", "is_signed", "publish_on_portal"]
    search_fields = ["search_text"]
    search_backend_name = None
    list_per_page = 50
    list_display = [
        Column(
            "number_symbol",
            label=gettext_lazy("số, ký hiệu"),
            accessor=lambda o: o.number_symbol or "—",
        ),
        DateColumn("issued_on", label=gettext_lazy("ngày ban hành")),
        Column("kind", label=gettext_lazy("loại")),
        TitleColumn(
            "excerpt",
            label=gettext_lazy("trích yếu"),
            get_url=lambda o: reverse("documents_out:inspect", args=[o.pk]),
        ),  # fmt: skip
        Column("signer_name", label=gettext_lazy("người ký")),
        Column("status", label=gettext_lazy("trạng thái"), accessor="get_status_display"),
        Column(
            "is_signed",
            label=gettext_lazy("ký số"),
            accessor=lambda o: _("có") if o.is_signed else _("không"),
        ),
    ]
    list_export = ["year", "registry_number", "number_symbol", "issued_on", "kind", "excerpt",
                   "signer_name", "recipients", "status", "is_signed"]  # fmt: skip
    export_filename = "so-van-ban-di"

    form_class = OutgoingForm

    scoped_query = staticmethod(queries.scoped_documents)


# ---------------------------------------------------------------- registers, kinds


class RegisterCreateView(ServiceErrorsMixin, generic.CreateView):
    def save_instance(self):
        return services.register_save(user=self.request.user, register=self.form.instance)

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        scope = user_scope(self.request.user, perm="documents.add_register")
        form.fields["unit"].queryset = Unit.objects.filter(scope.q(None)).exclude(
            kind=Unit.Kind.OFFICE).filter(valid_to__isnull=True).order_by("path")  # fmt: skip
        return form


class RegisterEditView(ServiceErrorsMixin, generic.EditView):
    get_form = RegisterCreateView.get_form
    save_instance = RegisterCreateView.save_instance


class RegisterViewSet(ScopedModelViewSet):
    model = Register
    name = "documents_registers"
    url_prefix = "van-ban/so"
    icon = "list-ul"
    menu_label = gettext_lazy("Sổ văn bản")
    add_view_class = RegisterCreateView
    edit_view_class = RegisterEditView
    form_fields = ["unit", "direction", "name", "symbol", "is_active"]
    list_display = ["name", "unit", "direction", "symbol", "is_active"]
    list_filter = ["direction", "is_active"]
    copy_view_enabled = False

    scoped_query = staticmethod(queries.scoped_registers)


class KindViewSet(SharedDataViewSet):
    model = DocumentKind
    name = "documents_kinds"
    url_prefix = "van-ban/loai"
    icon = "tag"
    menu_label = gettext_lazy("Loại văn bản")
    form_fields = ["name", "abbreviation", "is_legal", "published_by_default", "order"]
    list_display = ["name", "abbreviation", "is_legal", "published_by_default"]


# ---------------------------------------------------------------- trust and credentials


class RootForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Tên"), max_length=200)
    certificate = forms.FileField(label=gettext_lazy("Chứng thư gốc (.cer, .crt, .der, .pem)"))
    crl = forms.FileField(label=gettext_lazy("Danh sách thu hồi (CRL)"), required=False)
    note = forms.CharField(label=gettext_lazy("Ghi chú"), max_length=300, required=False)


class RootCreateView(generic.CreateView):
    def get_form_class(self):
        return RootForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return kwargs

    def form_valid(self, form):
        crl = form.cleaned_data.get("crl")
        try:
            self.object = services.trusted_root_add(
                user=self.request.user, name=form.cleaned_data["name"], note=form.cleaned_data["note"],
                certificate=form.cleaned_data["certificate"].read(), crl=crl.read() if crl else None,
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Đã thêm chứng thư gốc tin cậy «%(n)s».") % {"n": self.object.name}
        )
        return redirect(reverse("documents_roots:index"))


class RootEditView(generic.EditView):
    def save_instance(self):
        return services.trusted_root_change(user=self.request.user, root=self.form.instance)


class RootViewSet(ModelViewSet):
    model = TrustedRoot
    name = "documents_roots"
    url_prefix = "van-ban/chung-thu-goc"
    icon = "lock"
    menu_label = gettext_lazy("Chứng thư gốc tin cậy")
    add_view_class = RootCreateView
    edit_view_class = RootEditView
    form_fields = ["name", "is_active", "note"]
    list_display = ["name", "subject", DateColumn("not_after", label=gettext_lazy("hiệu lực đến")),
                    DateColumn("crl_updated_at", label=gettext_lazy("cập nhật CRL")), "is_active"]  # fmt: skip
    copy_view_enabled = False
    inspect_view_enabled = True


class CredentialForm(forms.Form):
    unit = forms.ModelChoiceField(label=gettext_lazy("Đơn vị"), queryset=Unit.objects.none())
    pkcs12 = forms.FileField(label=gettext_lazy("Tệp chứng thư số kèm khóa (.p12, .pfx)"))
    pin = forms.CharField(label=gettext_lazy("Mã PIN"), widget=forms.PasswordInput)

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        scope = user_scope(for_user, perm="documents.add_signingcredential")
        self.fields["unit"].queryset = Unit.objects.filter(
            scope.q(None), valid_to__isnull=True
        ).order_by("path")


class CredentialCreateView(generic.CreateView):
    def get_form_class(self):
        return CredentialForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return {**kwargs, "for_user": self.request.user}

    def form_valid(self, form):
        try:
            self.object = services.credential_add(
                user=self.request.user, unit=form.cleaned_data["unit"],
                pkcs12=form.cleaned_data["pkcs12"].read(), pin=form.cleaned_data["pin"],
            )  # fmt: skip
        except ValidationError as error:
            add_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("Đã thêm chứng thư ký số của %(s)s.") % {"s": self.object.subject}
        )
        return redirect(reverse("documents_credentials:index"))


class CredentialEditView(ServiceErrorsMixin, generic.EditView):
    def save_instance(self):
        return services.credential_change(user=self.request.user, credential=self.form.instance)


class CredentialViewSet(ScopedModelViewSet):
    model = SigningCredential
    name = "documents_credentials"
    url_prefix = "van-ban/chung-thu-ky-so"
    icon = "key"
    menu_label = gettext_lazy("Chứng thư ký số")
    add_view_class = CredentialCreateView
    edit_view_class = CredentialEditView
    form_fields = ["is_active"]
    list_display = ["subject", "user", "unit", "issuer", DateColumn("not_after", label=gettext_lazy("hiệu lực đến")),
                    "certificate", "is_active"]  # fmt: skip
    copy_view_enabled = False


class DocumentsGroup(ViewSetGroup):
    menu_label = gettext_lazy("Văn bản")
    menu_icon = "doc-full"
    menu_order = 145
    items = [
        IncomingViewSet,
        OutgoingViewSet,
        RegisterViewSet,
        KindViewSet,
        CredentialViewSet,
        RootViewSet,
    ]
