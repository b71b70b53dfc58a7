from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from . import admin_views, queries, services
from .models import Dossier, SlipTemplate

register_permission_policy(Dossier, admin_views.DossierPolicy(Dossier))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [admin_views.DossierViewSet(), admin_views.ProcedureViewSet()]


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("mot-cua/tiep-nhan/", admin_views.intake, name="onestop_intake"),
        path("mot-cua/thong-ke/", admin_views.statistics_view, name="onestop_statistics"),
        path("mot-cua/danh-muc/nhap/", admin_views.catalog_import, name="onestop_catalog_import"),
        path("mot-cua/danh-muc/xuat/", admin_views.catalog_export, name="onestop_catalog_export"),
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


class QueuePanel(Component):
    """The officer's work queues on the back-office home page, so nothing is missed."""

    name = "tttt_onestop_queues"
    order = 40
    template_name = "onestop/admin/queue_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        counts = queries.queue_counts(self.user)
        return {
            "queues": [(code, label, counts[code]) for code, label in queries.QUEUES.items()],
            "index_url": reverse("dossiers:index"),
        }


@hooks.register("construct_homepage_panels")
def add_queue_panel(request, panels):
    if request.user.has_perm("onestop.view_dossier"):
        panels.insert(0, QueuePanel(request.user))


class SlipTemplateCreateView(generic.CreateView):
    def save_instance(self):
        return services.slip_template_save(user=self.request.user, template=self.form.instance)


class SlipTemplateEditView(generic.EditView):
    def save_instance(self):
        return services.slip_template_save(user=self.request.user, template=self.form.instance)


class SlipTemplateViewSet(ModelViewSet):
    add_view_class = SlipTemplateCreateView
    edit_view_class = SlipTemplateEditView
    model = SlipTemplate
    icon = "doc-full"
    menu_label = _("Mẫu phiếu một cửa")
    add_to_settings_menu = True
    name = "slip-templates"
    list_display = ["form", "title", "basis", "valid_from", "valid_to"]
    list_filter = ["form"]
    form_fields = ["form", "title", "body", "basis", "valid_from", "valid_to"]
    copy_view_enabled = True


@hooks.register("register_admin_viewset")
def register_slip_templates():
    return SlipTemplateViewSet()
