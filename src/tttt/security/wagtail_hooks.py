from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.ui.components import Component

from . import admin_views, queries


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [admin_views.SecurityGroup()]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("an-toan-thong-tin/chung-cu/<int:pk>/", admin_views.evidence_file,
                 name="security_evidence")]  # fmt: skip


class WaitingPanel(Component):
    """Incidents not closed and notices overdue in the person's scope, on the home page."""

    name = "tttt_security_waiting"
    order = 56
    template_name = "security/admin/waiting_panel.html"

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context=None):
        return {
            "counts": queries.waiting(self.user),
            "incidents": reverse("security_incidents:index"),
            "drafts": queries.advisories_to_publish(self.user),
            "advisories": reverse("security_advisories:index"),
        }


@hooks.register("construct_homepage_panels")
def add_waiting_panel(request, panels):
    if request.user.has_perm("security.change_incident"):
        panels.append(WaitingPanel(request.user))
