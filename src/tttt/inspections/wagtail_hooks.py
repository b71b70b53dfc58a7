from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from tttt.core.admin_views import CountsPanel

from . import admin_views, queries


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [admin_views.RegulationViewSet(), admin_views.TipViewSet(), admin_views.RecallViewSet(),
            admin_views.RecallCheckViewSet()]  # fmt: skip


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("kiem-tra/ke-hoach/", admin_views.plan_list, name="inspections_plans"),
        path("kiem-tra/ke-hoach/<int:pk>/", admin_views.plan_detail, name="inspections_plan"),
        path("kiem-tra/bien-ban/", admin_views.inspection_list, name="inspections_list"),
        path("kiem-tra/quyet-dinh/", admin_views.penalty_list, name="inspections_penalties"),
        path("kiem-tra/bat-dau/", admin_views.inspection_start, name="inspections_start"),
        path(
            "kiem-tra/bien-ban/<int:pk>/", admin_views.inspection_record, name="inspections_record"
        ),
        path(
            "kiem-tra/bien-ban/<int:pk>/luu/",
            admin_views.inspection_autosave,
            name="inspections_autosave",
        ),
        path(
            "kiem-tra/bien-ban/<int:pk>/anh/<int:photo_pk>/",
            admin_views.inspection_photo,
            name="inspections_photo",
        ),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, perm, **kwargs):
        super().__init__(*args, **kwargs)
        self.perm = perm

    def is_shown(self, request):
        return request.user.has_perm(self.perm)


@hooks.register("register_admin_menu_item")
def plans_menu_item():
    return PermissionMenuItem(_("Kế hoạch kiểm tra"), reverse("inspections_plans"), icon_name="date",
                              order=140, perm="inspections.view_inspectionplan")  # fmt: skip


@hooks.register("register_admin_menu_item")
def records_menu_item():
    return PermissionMenuItem(_("Biên bản kiểm tra"), reverse("inspections_list"), icon_name="doc-full",
                              order=141, perm="inspections.view_inspection")  # fmt: skip


@hooks.register("construct_homepage_panels")
def add_tips_panel(request, panels):
    """Citizens' reports of businesses breaking the rules that nobody has handled yet."""
    if request.user.has_perm("inspections.change_tip"):
        url = reverse("inspections_tips:index") + "?status=new"
        panels.append(CountsPanel(name="tttt-tips-waiting", order=57, title=_("Phản ánh vi phạm"),
                                  rows=[(_("Chưa xử lý"), queries.tips_waiting(request.user), url)]))  # fmt: skip
