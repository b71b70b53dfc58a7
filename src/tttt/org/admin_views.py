"""Back-office (Wagtail admin) views: scoped listings whose writes go through services."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from tttt.core.admin_views import ReadableValues
from tttt.core.forms import ServiceErrorsMixin

from . import services
from .indicators import territory_q
from .models import Membership, SecurityEvent, Unit
from .queries import (
    figure_behind,
    records_for_user,
    restrict_to_scope,
    scoped_security_events,
)


class FigureRecords:
    """Mixin for a Wagtail list named like a figure's `records_list`: a dashboard's or
    report's link (`?chi_tieu=…&unit=…&period=…`) narrows it to exactly the records behind
    that figure, and the page says so (template tttt/figure_records.html)."""

    figure_unit_field = "unit"
    figure = None

    def figure_territory(self, units):
        """A Q: the records of those units' territory."""
        return territory_q(units, self.figure_unit_field)

    def get_queryset(self):
        qs = super().get_queryset()
        meta = qs.model._meta
        self.figure = figure_behind(
            self.request.GET,
            self.request.user,
            records_list=self.index_url_name,
            perm=f"{meta.app_label}.view_{meta.model_name}",
            unit_field=self.figure_unit_field,
            territory=self.figure_territory,
        )
        return self.figure.narrow(qs) if self.figure else qs

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "figure": self.figure}


class ScopedView:
    """Mixed by ScopedModelViewSet into every view it generates — list, export, inspect,
    edit, delete, copy, history, history-results, usage, and any view a later Wagtail
    adds: the records come from the viewset's scoped read, and a record outside it is
    refused (403, logged) before anything of it is shown."""

    scoped_read = None  # (user, perm) -> the records the user may reach; set by the viewset

    def _in_scope(self):
        meta = self.model._meta
        action = (
            "change" if isinstance(self, generic.EditView)
            else "delete" if isinstance(self, generic.DeleteView) else "view"
        )  # fmt: skip
        return self.scoped_read(self.request.user, f"{meta.app_label}.{action}_{meta.model_name}")

    def get_base_queryset(self):
        qs = super().get_base_queryset()
        if getattr(qs, "model", None) is not self.model:  # a history's log entries
            return qs
        scoped = self._in_scope()
        if scoped.query.distinct:  # through a many-to-many relation
            return qs.filter(pk__in=scoped.values("pk"))
        return qs & scoped

    def get_object(self, *args, **kwargs):
        obj = super().get_object(*args, **kwargs)
        if obj is not None and not self._in_scope().filter(pk=obj.pk).exists():
            raise PermissionDenied(_("Bản ghi này nằm ngoài phạm vi được giao cho bạn."))
        return obj


class ScopedModelViewSet(ModelViewSet):
    """A viewset of a model whose records belong to units. `scoped(user, perm)` is the
    model's one scoped read (by default its records along `scope_field` in the scope where
    the user holds `perm`; an app with a wider rule names its own from its queries.py as
    `scoped_query`), and every view the viewset generates goes through it (ScopedView).
    Creating, editing and deleting go through the app's services (the views'
    save_instance/delete_action), with the app's `form_class` when it has one."""

    scope_field: str | None = "unit"
    scoped_query = None  # (user, perm) -> queryset, from the app's queries.py
    form_class = None

    def scoped(self, user, perm):
        if self.scoped_query is not None:
            return self.scoped_query(user, perm)
        return records_for_user(self.model, user, perm, self.scope_field)

    def get_form_class(self, for_update=False):
        return self.form_class or super().get_form_class(for_update)

    def construct_view(self, view_class, **kwargs):
        bases = (ScopedView, view_class)
        if issubclass(view_class, generic.InspectView) and not issubclass(
            view_class, ReadableValues
        ):
            bases = (ScopedView, ReadableValues, view_class)
        scoped_class = type(view_class.__name__, bases, {})
        return super().construct_view(scoped_class, scoped_read=self.scoped, **kwargs)


def units_in_scope(user, perm: str):
    """The administrative units (not offices) where `user` holds `perm`, today's first: a
    record of a former unit's past can still be entered."""
    from django.db.models import F

    from .queries import user_scope

    return (
        Unit.objects.filter(user_scope(user, perm=perm).q(None))
        .exclude(kind=Unit.Kind.OFFICE)
        .order_by(F("valid_to").desc(nulls_first=True), "path")
    )


class UnitOfRecord:
    """A model form whose `unit` is chosen among the units where the person holds
    `unit_perm` (drawn as a plain select), by default their own."""

    unit_perm = ""

    def __init__(self, *args, for_user=None, **kwargs):
        from tttt.core.forms import PlainSelect

        super().__init__(*args, **kwargs)
        self.for_user = for_user
        units = units_in_scope(for_user, self.unit_perm)
        self.fields["unit"].queryset = units
        self.fields["unit"].widget = PlainSelect(choices=self.fields["unit"].choices)
        if not self.instance.pk and for_user is not None:
            self.fields["unit"].initial = units.filter(
                pk__in=for_user.memberships.values("unit")
            ).first()


class SavedInScope(ServiceErrorsMixin):
    """A create or edit view whose form is given the person's scope, saved by a service,
    then on to the record's page (`namespace:inspect`)."""

    namespace = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def get_success_buttons(self):
        return []

    def get_success_url(self):
        from django.urls import reverse

        return reverse(f"{self.namespace}:inspect", args=[self.object.pk])


class ChangedOnItsPage(generic.EditView):
    """For records that change only through the steps on their page (each a service with
    its checks): the generic edit form is not offered, its URL opens the record's page."""

    def dispatch(self, request, *args, **kwargs):
        from django.shortcuts import redirect
        from django.urls import reverse

        return redirect(reverse(self.inspect_url_name, args=[kwargs["pk"]]))


def unit_for_page(request, perm: str) -> Unit | None:
    """The unit a statistics page shows: `?unit=` when it lies in the user's scope (else
    refused), by default the person's own unit (a province for the unrestricted)."""
    from django.shortcuts import get_object_or_404

    from .queries import user_scope

    scope = user_scope(request.user, perm=perm)
    if request.GET.get("unit"):
        unit = get_object_or_404(Unit, pk=request.GET["unit"])
        if not scope.contains(unit):
            raise PermissionDenied(_("Đơn vị này nằm ngoài phạm vi được giao cho bạn."))
        return unit
    if scope.unrestricted:
        return Unit.objects.filter(kind=Unit.Kind.PROVINCE).current().order_by("name").first()
    # The person's own unit: of their memberships granting `perm`, today's before a former
    # one (a scope on today's commune also covers the commune it succeeded), the highest first.
    from .models import Membership

    own = [m.unit for m in Membership.objects.active().filter(user=request.user).select_related("unit")
           if scope.contains(m.unit)]  # fmt: skip
    if own:
        return min(own, key=lambda u: (not u.is_current, len(u.path), u.path))
    return Unit.objects.filter(path__in=scope.paths).order_by("path").first()


# ---------------------------------------------------------------- units


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = [
            "kind",
            "code",
            "name",
            "short_name",
            "type_word",
            "parent",
            "latitude",
            "longitude",
            "valid_from",
            "valid_to",
            "note",
        ]


class UnitIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("parent")


class ParentInScope:
    """The parent offered is a unit of the person's scope (not the 13.000 of the country)."""

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        units = restrict_to_scope(Unit.objects.all(), self.request.user, unit_field=None)
        form.fields["parent"].queryset = units.order_by("path")
        return form


class UnitCreateView(ParentInScope, generic.CreateView):
    def save_instance(self):
        data = {f: self.form.cleaned_data.get(f) for f in UnitForm.Meta.fields}
        return services.unit_create(user=self.request.user, data=data)


class UnitEditView(ParentInScope, generic.EditView):
    def save_instance(self):
        data = {f: self.form.cleaned_data.get(f) for f in UnitForm.Meta.fields}
        return services.unit_update(user=self.request.user, unit=self.object, data=data)


class UnitInspectView(ReadableValues, generic.InspectView):
    pass


class UnitViewSet(ScopedModelViewSet):
    model = Unit
    scope_field = None  # a unit is in scope itself
    icon = "site"
    menu_label = _("Đơn vị hành chính")
    menu_order = 200
    add_to_admin_menu = True
    name = "units"
    index_view_class = UnitIndexView
    add_view_class = UnitCreateView
    edit_view_class = UnitEditView
    inspect_view_class = UnitInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "name",
        "code",
        Column("get_kind_display", label=_("cấp")),
        Column("parent", label=_("cấp trên")),
        DateColumn("valid_to", label=_("hiệu lực đến")),
    ]
    list_filter = ["kind", "type_word"]
    search_fields = ["name", "search_name", "code"]
    search_backend_name = None
    inspect_view_fields = [
        "name",
        "code",
        "kind",
        "type_word",
        "parent",
        "valid_from",
        "valid_to",
        "latitude",
        "longitude",
        "source",
        "note",
    ]
    list_per_page = 50
    ordering = ["path"]

    def get_form_class(self, for_update=False):
        return UnitForm


class ScopedDeletionForbidden(ModelPermissionPolicy):
    """Units are never deleted (history must stay); end their validity instead."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return super().user_has_permission(user, action)


# ---------------------------------------------------------------- memberships


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["user", "role", "unit", "valid_from", "valid_to", "note"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if for_user is not None:
            self.fields["unit"].queryset = restrict_to_scope(
                Unit.objects.all(), for_user, unit_field=None
            )


class MembershipIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user", "role", "unit")


class MembershipCreateView(generic.CreateView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def save_instance(self):
        d = self.form.cleaned_data
        return services.membership_grant(
            user=self.request.user,
            person=d["user"],
            role=d["role"],
            unit=d["unit"],
            valid_from=d["valid_from"],
            valid_to=d.get("valid_to"),
            note=d.get("note", ""),
        )


class MembershipEditView(generic.EditView):
    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "for_user": self.request.user}

    def save_instance(self):
        data = {f: self.form.cleaned_data.get(f) for f in MembershipForm.Meta.fields}
        return services.membership_update(user=self.request.user, membership=self.object, data=data)


class MembershipDeleteView(generic.DeleteView):
    def delete_action(self):
        services.membership_delete(user=self.request.user, membership=self.object)


class MembershipViewSet(ScopedModelViewSet):
    model = Membership
    icon = "group"
    menu_label = _("Phân quyền")
    menu_order = 210
    add_to_admin_menu = True
    name = "memberships"
    index_view_class = MembershipIndexView
    add_view_class = MembershipCreateView
    edit_view_class = MembershipEditView
    delete_view_class = MembershipDeleteView
    copy_view_enabled = False
    list_display = [
        "user",
        "role",
        "unit",
        DateColumn("valid_from", label=_("từ ngày")),
        DateColumn("valid_to", label=_("đến ngày")),
    ]
    list_filter = ["role"]
    search_fields = ["user__username", "user__full_name", "unit__name"]
    list_per_page = 50

    def get_form_class(self, for_update=False):
        return MembershipForm


# ---------------------------------------------------------------- security events (read-only)


class SecurityEventIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("user")


class SecurityEventViewSet(ScopedModelViewSet):
    model = SecurityEvent
    scope_field = "user__memberships__unit"  # the person's units (scoped_security_events)
    scoped_query = staticmethod(scoped_security_events)
    icon = "warning"
    menu_label = _("Sự kiện an toàn thông tin")
    menu_order = 900
    add_to_settings_menu = True
    name = "security-events"
    add_to_reference_index = False  # one per sign-in; as the audit log (org.wagtail_hooks)
    index_view_class = SecurityEventIndexView
    list_display = [
        Column("get_kind_display", label=_("loại sự kiện")),
        "username",
        "ip_address",
        "path",
        DateColumn("created_at", label=_("thời điểm")),
    ]
    list_filter = ["kind"]
    search_fields = ["username", "path"]
    list_per_page = 100
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = True
    list_export = ["created_at", "kind", "username", "ip_address", "path", "detail"]
    form_fields = ["kind"]


class ReadOnlyPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        if action not in {"view"}:
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, a) for a in actions)


def records_page(request, qs, *, records_list: str, perm: str, unit_field: str, search=None):
    """A scoped list's page of 50, narrowed to the records behind a figure named in the
    query (`?chi_tieu=…&unit=…&period=…`) and to the words of `?q=` (`search(qs, words)`).
    Returns the narrowed queryset and the template's context (page, figure, q)."""
    from django.core.paginator import Paginator

    figure = figure_behind(
        request.GET, request.user, records_list=records_list, perm=perm, unit_field=unit_field
    )
    if figure:
        qs = figure.narrow(qs)
    words = request.GET.get("q", "").strip()
    if words and search:
        qs = search(qs, words)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return qs, {"page": page, "figure": figure, "q": words}


class SharedSaving(ServiceErrorsMixin):
    def save_instance(self):
        return services.shared_save(user=self.request.user, record=self.form.instance)


class SharedCreateView(SharedSaving, generic.CreateView):
    pass


class SharedEditView(SharedSaving, generic.EditView):
    pass


class SharedDataViewSet(ModelViewSet):
    """Data every unit shares, read by all and kept by administrators through
    `services.shared_save` (not scoped: listed in the scope probe's SHARED)."""

    add_view_class = SharedCreateView
    edit_view_class = SharedEditView
    copy_view_enabled = False
