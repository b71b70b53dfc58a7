from auditlog.models import LogEntry
from django.core.exceptions import FieldDoesNotExist
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.permissions import register_permission_policy

from .admin_views import (
    MembershipViewSet,
    ReadOnlyPolicy,
    ScopedDeletionForbidden,
    ScopedModelViewSet,
    SecurityEventViewSet,
    UnitViewSet,
)
from .models import Membership, SecurityEvent, Unit
from .queries import scoped_log_entries, user_scope


class AuditLogIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("actor", "content_type")


class AuditLogInspectView(generic.InspectView):
    """One change: each changed field by its name, old value → new value as people know
    them (choices by label, records by name; auditlog's `changes_display_dict`), or the
    records added to or taken from a list (a role's permissions) — not the stored JSON."""

    M2M_OPERATIONS = {"add": _("thêm"), "delete": _("bỏ"), "clear": _("bỏ hết")}

    def get_changes_display_value(self):
        entry = self.object
        lists = {
            name: change
            for name, change in (entry.changes_dict or {}).items()
            if isinstance(change, dict) and change.get("type") == "m2m"
        }
        model = entry.content_type.model_class()
        if model is None:  # the kind of record no longer exists: what was stored
            return "; ".join(f"{k}: {v}" for k, v in (entry.changes_dict or {}).items()) or "—"
        list_names = {str(_verbose_name(model, name)) for name in lists}
        items = [
            format_html("<li><b>{}</b>: {} → {}</li>", name, *(_shown(v) for v in values))
            for name, values in entry.changes_display_dict.items()
            if str(name) not in list_names and len(values) == 2
        ]
        items += [
            format_html(
                "<li><b>{}</b> ({}): {}</li>",
                _verbose_name(model, name),
                self.M2M_OPERATIONS.get(change["operation"], change["operation"]),
                ", ".join(change["objects"]) or "—",
            )
            for name, change in lists.items()
        ]
        if not items:
            return "—"
        return format_html("<ul>{}</ul>", format_html_join("", "{}", ((i,) for i in items)))


def _verbose_name(model, name):
    try:
        return model._meta.get_field(name).verbose_name
    except FieldDoesNotExist:  # a field since removed
        return name


def _shown(value):
    return "—" if value in (None, "None", "") else value


class AuditLogViewSet(ScopedModelViewSet):
    model = LogEntry
    scope_field = "actor__memberships__unit"  # the person's units (scoped_log_entries)
    scoped_query = staticmethod(scoped_log_entries)
    icon = "history"
    menu_label = _("Nhật ký thay đổi")
    add_to_settings_menu = True
    name = "audit-log"
    # A log entry is written with every audited change and is used by nothing: indexing its
    # links (actor, object) for Wagtail's "usage" would add a background task per change
    # and list every change a person made as a "use" of them.
    add_to_reference_index = False
    index_view_class = AuditLogIndexView
    list_display = [
        "object_repr",
        "content_type",
        Column("get_action_display", label=_("thao tác")),
        "actor",
        DateColumn("timestamp", label=_("thời điểm")),
    ]
    list_filter = ["action", "content_type"]
    search_fields = ["object_repr", "changes_text"]
    inspect_view_enabled = True
    inspect_view_class = AuditLogInspectView
    inspect_view_fields = [
        "timestamp",
        "actor",
        "action",
        "content_type",
        "object_pk",
        "object_repr",
        "changes",
        "remote_addr",
    ]
    copy_view_enabled = False
    list_per_page = 100
    ordering = ["-timestamp"]
    form_fields = ["action"]


register_permission_policy(Unit, ScopedDeletionForbidden(Unit))
register_permission_policy(SecurityEvent, ReadOnlyPolicy(SecurityEvent))
register_permission_policy(LogEntry, ReadOnlyPolicy(LogEntry))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [UnitViewSet(), MembershipViewSet(), SecurityEventViewSet(), AuditLogViewSet()]


class ScopePanel(Component):
    name = "tttt_scope"
    order = 50
    template_name = "org/scope_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        memberships = list(
            Membership.objects.active()
            .filter(user=self.user)
            .select_related("role", "unit__parent")
        )
        scope = user_scope(self.user)
        rows = [
            (m, Unit.objects.subtree_of(m.unit).filter(kind=Unit.Kind.COMMUNE).count())
            for m in memberships
        ]
        return {"rows": rows, "scope": scope, "user": self.user}


@hooks.register("construct_homepage_panels")
def add_scope_panel(request, panels):
    panels.insert(0, ScopePanel(request.user))
