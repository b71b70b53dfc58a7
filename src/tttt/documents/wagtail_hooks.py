from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import admin_views, queries


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [admin_views.DocumentsGroup()]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("van-ban/tep/<int:pk>/", admin_views.file_view, name="documents_file")]


class WaitingPanel(Component):
    """The registers' work waiting in the person's scope, on the back-office home page."""

    name = "tttt_documents_waiting"
    order = 55
    template_name = "documents/admin/waiting_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {"counts": queries.waiting(self.user), "incoming": reverse("documents_in:index"),
                "outgoing": reverse("documents_out:index")}  # fmt: skip


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels):
    if request.user.has_perm("documents.view_document"):
        panels.append(WaitingPanel(request.user))
