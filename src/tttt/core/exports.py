"""Downloads that take a while are made by the worker, not by the request.

A list's spreadsheet of more than TTTT_EXPORT_INLINE_ROWS rows (a province's year of
dossiers: 10.847 rows, 3 to 4 seconds) and a report's Word or Excel file become an
`Export`: the person is sent to its page, which shows the progress (rows written of the
total) and offers the file when it is ready. The task runs the very view the person
asked, as that person, with the same query string: the same scope, filters, columns and
file name as a direct download, and permissions checked again when it runs.
"""

import re
import time
from contextvars import ContextVar
from urllib.parse import unquote

from django.conf import settings
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.shortcuts import redirect
from django.test import RequestFactory
from django.urls import resolve, reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from tttt.core.models import Export

in_background: ContextVar[bool] = ContextVar("tttt_export_in_background", default=False)
_reporter: ContextVar["Progress | None"] = ContextVar("tttt_export_progress", default=None)


class Progress:
    """Rows written so far, saved on the export at most every half second."""

    def __init__(self, export: Export):
        self.export, self.done, self.total, self.saved_at = export, 0, None, 0.0

    def start(self, total: int) -> None:
        self.total = total
        Export.objects.filter(pk=self.export.pk).update(total_rows=total)

    def tick(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self.saved_at >= 0.5:
            self.saved_at = now
            Export.objects.filter(pk=self.export.pk).update(done_rows=self.done)


def rows_total(total: int) -> None:
    """Called by an export as it starts writing: how many rows it will write."""
    if (reporter := _reporter.get()) is not None:
        reporter.start(total)


def row_written() -> None:
    if (reporter := _reporter.get()) is not None:
        reporter.tick()


def start(*, user, url: str, title: str) -> Export:
    """Queue the download at `url` (path and query) for `user`; the export to follow."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Hãy đăng nhập để tải tệp."))
    with transaction.atomic():
        export = Export.objects.create(user=user, url=url[:2000], title=title[:300])
        run_export.enqueue(export.pk)
    return export


def in_background_or_start(request, title: str):
    """For a view about to make a slow file: None when it runs as the export itself (go on),
    else the redirect to the new export's page, which hands the file over once it is made."""
    if in_background.get():
        return None
    export = start(user=request.user, url=request.get_full_path(), title=title)
    return redirect(reverse("tttt_export", args=[export.pk]) + "?tai=1")


def _filename(response) -> str:
    header = response.get("Content-Disposition", "")
    if m := re.search(r"filename\*=UTF-8''([^;]+)", header, re.I):
        return unquote(m[1])
    if m := re.search(r'filename="?([^";]+)"?', header):
        return m[1]
    return "tep-xuat"


@task()
def run_export(export_id: int) -> str:
    export = Export.objects.select_related("user").get(pk=export_id)
    if export.status == Export.Status.DONE:
        return export.filename  # run again after a worker was cut off: nothing to do
    Export.objects.filter(pk=export.pk).update(status=Export.Status.RUNNING,
                                               started_at=timezone.now(), done_rows=0)  # fmt: skip
    request = RequestFactory().get(export.url, SERVER_NAME="localhost")
    request.user = export.user
    request.session = SessionBase()
    request._messages = FallbackStorage(request)
    match = resolve(request.path)
    reporter = Progress(export)
    tokens = (in_background.set(True), _reporter.set(reporter))
    try:
        with translation.override(settings.LANGUAGE_CODE):
            response = match.func(request, *match.args, **match.kwargs)
            if hasattr(response, "render"):
                response.render()
            body = (b"".join(response.streaming_content) if response.streaming
                    else response.content)  # fmt: skip
        if response.status_code in (302, 403):  # signed out by the view: no rights any more
            raise PermissionDenied(_("Khi tệp được tạo, bạn không còn quyền xem các dữ liệu này."))
        if response.status_code != 200 or "attachment" not in response.get(
            "Content-Disposition", ""
        ):
            raise ValueError(f"HTTP {response.status_code}")
    except Exception as exc:
        message = str(exc) if isinstance(exc, PermissionDenied) else _("Không tạo được tệp.")
        Export.objects.filter(pk=export.pk).update(
            status=Export.Status.FAILED, error=message, finished_at=timezone.now()
        )
        raise
    finally:
        in_background.reset(tokens[0])
        _reporter.reset(tokens[1])
    export.refresh_from_db()
    export.filename = _filename(response)[:255]
    export.content_type = response.get("Content-Type", "")[:150]
    export.file.save(export.filename, ContentFile(body), save=False)
    export.status = Export.Status.DONE
    export.done_rows = reporter.done
    export.finished_at = timezone.now()
    export.save()
    return export.filename
