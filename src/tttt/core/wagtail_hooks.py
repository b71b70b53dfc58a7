from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from . import services
from .models import CalendarDay


class CalendarDayCreateView(generic.CreateView):
    def save_instance(self):
        return services.calendar_day_save(user=self.request.user, day=self.form.instance)


class CalendarDayEditView(generic.EditView):
    def save_instance(self):
        return services.calendar_day_save(user=self.request.user, day=self.form.instance)


class CalendarDayDeleteView(generic.DeleteView):
    def delete_action(self):
        services.calendar_day_delete(user=self.request.user, day=self.object)


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    form_fields = ["date", "kind", "name", "basis"]
    icon = "date"
    menu_label = _("Lịch ngày nghỉ, làm bù")
    add_to_settings_menu = True
    name = "calendar-days"
    add_view_class = CalendarDayCreateView
    edit_view_class = CalendarDayEditView
    delete_view_class = CalendarDayDeleteView
    list_display = ["date", Column("get_kind_display", label=_("loại")), "name", "basis"]
    list_filter = ["kind"]
    search_fields = ["name", "basis"]
    copy_view_enabled = False


@hooks.register("register_admin_viewset")
def register_calendar():
    return CalendarDayViewSet()


@hooks.register("construct_help_menu")
def only_help_in_vietnamese(request, menu_items):
    """Wagtail's help menu links to its English editor guide and release notes on another
    site; the keyboard shortcuts stay."""
    menu_items[:] = [
        item
        for item in menu_items
        if item.name != "editor-guide" and not item.name.startswith("whats-new")
    ]


def _label_site_columns():
    """Wagtail's list of sites names three columns after their field names ("Root page",
    untranslatable): give them the fields' own names, which are translated."""
    from django.utils.text import capfirst
    from wagtail.models import Site
    from wagtail.sites.views import IndexView

    for column in IndexView.columns:
        if column.name in {"port", "site_name", "root_page"}:
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)


_label_site_columns()


@hooks.register("register_admin_urls")
def export_urls():
    from django.urls import path

    from . import admin_views

    return [
        path("tep-xuat/", admin_views.exports_index, name="tttt_exports"),
        path("tep-xuat/<int:pk>/", admin_views.export_detail, name="tttt_export"),
        path("tep-xuat/<int:pk>/tai-ve/", admin_views.export_download, name="tttt_export_download"),
        path("tep-nhap/<int:pk>/", admin_views.import_detail, name="tttt_import"),
    ]


@hooks.register("register_admin_menu_item")
def exports_menu_item():
    from django.urls import reverse
    from wagtail.admin.menu import MenuItem

    return MenuItem(
        _("Tệp nhập, xuất của tôi"), reverse("tttt_exports"), icon_name="download", order=9000
    )
