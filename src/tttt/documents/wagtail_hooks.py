from django.urls import path
from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [admin_views.DocumentsGroup()]


@hooks.register("register_admin_urls")
def register_urls():
    return [path("van-ban/tep/<int:pk>/", admin_views.file_view, name="documents_file")]
