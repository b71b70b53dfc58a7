"""Forms helpers shared by every app."""

from django.core.exceptions import ValidationError


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
