from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_views, queries
from .models import DigitalCertificate


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [admin_views.InfraGroup(), admin_views.OperatorViewSet(), admin_views.BandViewSet()]


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


class ExpiringPanel(Component):
    """Certificates of the user's scope that expire soon, on the back-office home page."""

    name = "tttt_infra_expiring"
    order = 60
    template_name = "infra/admin/expiring_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        mine = queries.scoped(DigitalCertificate, self.user)
        counts = [(days, queries.expiring(mine, days).count()) for days in queries.WARN_DAYS]
        return {"counts": counts, "index_url": reverse("chung-thu-so:index")}


@hooks.register("construct_homepage_panels")
def add_expiring_panel(request, panels):
    if request.user.has_perm("infra.view_digitalcertificate"):
        panels.append(ExpiringPanel(request.user))
