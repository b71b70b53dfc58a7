from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [admin_views.InfraGroup(), admin_views.OperatorViewSet()]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("ha-tang/bts/nhap/", admin_views.bts_import, name="infra_bts_import"),
        path(
            "ha-tang/bts/nhap/mau.xlsx",
            admin_views.bts_import_template,
            name="infra_bts_import_template",
        ),  # fmt: skip
        path("ha-tang/bts/ban-do/", admin_views.bts_map, name="infra_bts_map"),
        path("ha-tang/thong-ke/", admin_views.statistics_view, name="infra_statistics"),
    ]


class InfraMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("infra.view_btsstation")


@hooks.register("register_infra_menu_item")
def map_menu_item():
    return InfraMenuItem(_("Bản đồ trạm BTS"), reverse("infra_bts_map"), icon_name="site", order=50)


@hooks.register("register_infra_menu_item")
def statistics_menu_item():
    return InfraMenuItem(
        _("Thống kê hạ tầng"), reverse("infra_statistics"), icon_name="table", order=51
    )
