"""Forms helpers shared by every app."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def add_service_errors(form, error: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """Show a service's ValidationError on the form: field errors on their fields (a model
    field may be named differently in the form: `aliases`), the rest above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            field = (aliases or {}).get(field, field)
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class ServiceErrorsMixin:
    """For Wagtail create/edit views whose `save_instance` calls a service: a refusal is
    shown on the form instead of an error page."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            add_service_errors(form, error)
            self.produced_error_message = self.get_error_message()  # Wagtail's banner
            return self.form_invalid(form)


class PlainSelect(forms.Select):
    """A <select> drawn in Python. Django draws each <option> with a template (about 0,1 ms
    each): 1,5 s for the 14.000 units a national administrator may choose from, 0,1 s here.
    Values are written as text, never localized (an id 1664 stays "1664")."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group, options, _index in widget["optgroups"]:
            if group:
                parts.append(format_html('<optgroup label="{}">', group))
            parts += [
                format_html(
                    '<option value="{}"{}>{}</option>',
                    str(option["value"]),
                    flatatt(option["attrs"]),
                    option["label"],
                )
                for option in options
            ]
            if group:
                parts.append(mark_safe("</optgroup>"))
        parts.append(mark_safe("</select>"))
        return format_html_join("", "{}", ((part,) for part in parts))


# A browser's date picker; the value written as ISO, which is what it reads.
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
