from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from tttt.core.admin_views import CountsPanel

from . import admin_views, queries


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [admin_views.PressGroup()]


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels):
    """Issues raised by the press that wait to be assigned, or are past their deadline."""
    if request.user.has_perm("press.change_pressissue"):
        counts, url = queries.waiting(request.user), reverse("press_issues:index")
        panels.append(CountsPanel(name="tttt-press-waiting", order=58, title=_("Vấn đề báo chí nêu"), rows=[
            (_("Chưa giao xử lý"), counts["new"], f"{url}?tinh_trang=new"),
            (_("Quá hạn trả lời"), counts["overdue"], f"{url}?tinh_trang=overdue"),
        ]))  # fmt: skip
