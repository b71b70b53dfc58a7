from django.urls import path
from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [admin_views.TaskViewSet()]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("nhiem-vu/minh-chung/<int:pk>/", admin_views.evidence_view, name="task_evidence")]
