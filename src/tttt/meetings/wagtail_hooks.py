from django.urls import path
from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [admin_views.MeetingViewSet()]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("hop/tai-lieu/<int:pk>/", admin_views.paper_file, name="meeting_paper_file")]
