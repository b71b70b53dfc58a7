from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import admin_views, queries


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [admin_views.ListeningGroup()]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("theo-doi-tin/tuan/", admin_views.week_view, name="listening_week")]


class WeekMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("listening.view_mention")


@hooks.register("register_admin_menu_item")
def week_menu_item():
    return WeekMenuItem(
        _("Dư luận trên mạng trong tuần"), reverse("listening_week"), icon_name="comment", order=149
    )


class WaitingPanel(Component):
    """Negative mentions not yet looked at, on the home page."""

    name = "tttt_listening_waiting"
    order = 57
    template_name = "listening/admin/waiting_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"counts": queries.waiting(self.user), "mentions": reverse("listening_mentions:index"),
                "week": reverse("listening_week")}  # fmt: skip


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels):
    if request.user.has_perm("listening.change_mention"):
        panels.append(WaitingPanel(request.user))
