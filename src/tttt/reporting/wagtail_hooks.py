from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

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
    ]


class ReportingMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(VIEW)


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
