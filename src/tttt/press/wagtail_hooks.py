from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [admin_views.PressGroup()]
