from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_views
from .queries import VIEW


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [admin_views.ReportingGroup()]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path(
            "bao-cao/tai-ve/<int:pk>/<str:kind>/",
            admin_views.report_download,
            name="reporting_download",
        ),
        path(
            "bao-cao/tinh-hinh-nop/", admin_views.completeness_view, name="reporting_completeness"
        ),
        path("bao-cao/tong-hop/", admin_views.aggregate_view, name="reporting_aggregate"),
        path("bao-cao/chi-tieu/", admin_views.catalog_view, name="reporting_catalog"),
        path("bao-cao/thi-dua/<int:pk>/", admin_views.standings_view, name="reporting_standings"),
        path("bao-cao/bang-so-lieu/", admin_views.dashboard_view, name="reporting_dashboard"),
        path("bao-cao/tong-quan/", admin_views.overview_view, name="reporting_overview"),
        path("bao-cao/dti/", admin_views.dti_view, name="reporting_dti"),
        path(
            "bao-cao/dti/<int:set_pk>/<int:unit_pk>/<int:year>/",
            admin_views.dti_unit_view,
            name="reporting_dti_unit",
        ),  # fmt: skip
    ]


class ReportingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW)


@hooks.register("register_reporting_menu_item")
def overview_item():
    return ReportingMenuItem(
        _("Tổng quan điều hành"), reverse("reporting_overview"), icon_name="view", order=1
    )


@hooks.register("register_reporting_menu_item")
def dashboard_item():
    return ReportingMenuItem(
        _("Bảng số liệu"), reverse("reporting_dashboard"), icon_name="table", order=5
    )


@hooks.register("register_reporting_menu_item")
def dti_item():
    return ReportingMenuItem(
        _("Chỉ số chuyển đổi số (DTI)"), reverse("reporting_dti"), icon_name="pick", order=8
    )


@hooks.register("register_reporting_menu_item")
def completeness_item():
    return ReportingMenuItem(
        _("Tình hình nộp"), reverse("reporting_completeness"), icon_name="tasks", order=20
    )


@hooks.register("register_reporting_menu_item")
def aggregate_item():
    return ReportingMenuItem(
        _("Tổng hợp số liệu"), reverse("reporting_aggregate"), icon_name="table", order=21
    )


@hooks.register("register_reporting_menu_item")
def catalog_item():
    return ReportingMenuItem(
        _("Danh mục chỉ tiêu"), reverse("reporting_catalog"), icon_name="list-ul", order=50
    )


class DuePanel(Component):
    """The latest period's reports one's own units still owe, due within 15 days or overdue."""

    name = "tttt_reporting_due"
    order = 55
    template_name = "reporting/admin/due_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        from django.utils import timezone

        from tttt.org.models import Membership

        from .reminders import PANEL_DAYS, owed

        today = timezone.localdate()
        units = [
            m.unit
            for m in Membership.objects.active()
            .filter(user=self.user, role__permissions__codename="add_report",
                    role__permissions__content_type__app_label="reporting")
            .select_related("unit")
            .distinct()
        ]  # fmt: skip
        items = owed(units, today, within=PANEL_DAYS) if units else []
        return {
            "items": [(o, o.days_left(today)) for o in items],
            "open_url": reverse("reports:add"),
        }


@hooks.register("construct_homepage_panels")
def add_due_panel(request, panels):
    if request.user.has_perm("reporting.add_report"):
        panels.append(DuePanel(request.user))


class AlertsPanel(Component):
    """The open alerts of the units in one's scope, newest first (shown only when some are)."""

    name = "tttt_reporting_alerts"
    order = 50
    template_name = "reporting/admin/alerts_panel.html"
    shown = 10

    def __init__(self, alerts, total):
        self.alerts, self.total = alerts, total

    def get_context_data(self, parent_context=None):
        from .catalog import catalog
        from .queries import alert_records_url

        known = catalog(include_inactive=True)
        items = []
        for alert in self.alerts:
            entry, rule = known.get(alert.rule.code), alert.rule
            items.append({
                "unit": rule.unit.name, "name": entry.name if entry else rule.code,
                "value": entry.format(alert.value) if entry else alert.value,
                "threshold": f"{rule.get_comparison_display()} {entry.format(rule.threshold) if entry else rule.threshold}",
                "period": alert.period.label, "url": alert_records_url(alert, known),
            })  # fmt: skip
        return {"alerts": items, "more": max(self.total - len(items), 0)}


@hooks.register("construct_homepage_panels")
def add_alerts_panel(request, panels):
    if request.user.has_perm(VIEW):
        from .queries import scoped_alerts

        alerts = list(scoped_alerts(request.user)[: AlertsPanel.shown])
        if alerts:
            total = (
                len(alerts)
                if len(alerts) < AlertsPanel.shown
                else scoped_alerts(request.user).count()
            )
            panels.append(AlertsPanel(alerts, total))
