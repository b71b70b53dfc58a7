from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from . import admin_views
from .models import Dossier

register_permission_policy(Dossier, admin_views.DossierPolicy(Dossier))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [admin_views.DossierViewSet(), admin_views.ProcedureViewSet()]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("mot-cua/tiep-nhan/", admin_views.intake, name="onestop_intake"),
        path("mot-cua/thong-ke/", admin_views.statistics_view, name="onestop_statistics"),
        path(
            "mot-cua/ho-so/<int:pk>/phieu/<str:form>/",
            admin_views.dossier_slip,
            name="onestop_slip",
        ),
        path(
            "mot-cua/ho-so/<int:pk>/tep/<int:file_pk>/",
            admin_views.dossier_file,
            name="onestop_dossier_file",
        ),
    ]


class IntakeMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("onestop.receive_dossier")


@hooks.register("register_admin_menu_item")
def intake_menu_item():
    return IntakeMenuItem(
        _("Tiếp nhận hồ sơ"), reverse("onestop_intake"), icon_name="plus", order=90
    )


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("onestop.view_dossier")


@hooks.register("register_admin_menu_item")
def statistics_menu_item():
    return StatisticsMenuItem(
        _("Thống kê một cửa"), reverse("onestop_statistics"), icon_name="table", order=120
    )
