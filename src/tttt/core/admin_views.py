"""Back-office pieces every app's views share."""

from django.utils.translation import gettext as _


class ReadableValues:
    """For Wagtail's inspect views: yes/no instead of True/False, a dash for nothing."""

    def get_field_display_value(self, field_name=None, field=None):
        value = super().get_field_display_value(field_name, field)
        if isinstance(value, bool):
            return _("Có") if value else _("Không")
        return "—" if value is None or value == "" else value
