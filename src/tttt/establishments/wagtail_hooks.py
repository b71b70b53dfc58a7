from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [admin_views.EstablishmentViewSet(), admin_views.BusinessTypeViewSet()]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("co-so/canh-bao/", admin_views.warnings_view, name="establishments_warnings"),
        path("co-so/giay-phep/", admin_views.certificate_list, name="establishments_certificates"),
        path("co-so/thong-ke/", admin_views.statistics_view, name="establishments_statistics"),
        path("co-so/nhap/", admin_views.import_view, name="establishments_import"),
        path(
            "co-so/nhap/mau.xlsx",
            admin_views.import_template,
            name="establishments_import_template",
        ),
    ]


class WarningsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("establishments.view_establishment")


@hooks.register("register_admin_menu_item")
def warnings_menu_item():
    return WarningsMenuItem(
        _("Cảnh báo giấy phép"), reverse("establishments_warnings"), icon_name="warning", order=131
    )


@hooks.register("register_admin_menu_item")
def statistics_menu_item():
    return WarningsMenuItem(
        _("Thống kê cơ sở, kiểm tra"),
        reverse("establishments_statistics"),
        icon_name="table",
        order=132,
    )
