"""Small helpers shared by management commands."""

from datetime import date

from django.core.management.base import CommandError
from django.utils import timezone


def add_today_argument(parser) -> None:
    parser.add_argument("--today", help="Ngày chạy (yyyy-mm-dd), mặc định hôm nay.")


def today_from(options) -> date:
    """The day a daily command runs for: `--today`, else today in Vietnam."""
    if not options.get("today"):
        return timezone.localdate()
    try:
        return date.fromisoformat(options["today"])
    except ValueError as exc:
        raise CommandError(
            f"Ngày «{options['today']}» không hợp lệ; ghi dạng yyyy-mm-dd, ví dụ 2026-10-08."
        ) from exc
