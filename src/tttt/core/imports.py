"""Long imports are run by the worker, not by the request.

An import page (core.import_page) reads the file the person sent; up to
TTTT_IMPORT_INLINE_ROWS rows it imports at once and answers on the page, as before. A
longer file (a province's BTS stations, a district's establishments) becomes a
`FileImport`: the file is kept, the person is sent to its page, and the worker runs the
same importer as that person. The importer writes every row in one transaction, so rows
written so far are counted in the `progress` cache (a counter in the database would stay
invisible until the end): the page shows them while the import runs, then the result:
every row in, or nothing and every problem by row and column.
"""

from __future__ import annotations

from contextvars import ContextVar

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from tttt.core.models import FileImport
from tttt.core.tabular import ImportRejected

_counter: ContextVar[str | None] = ContextVar("tttt_import_counter", default=None)
_COUNTER_SECONDS = 24 * 3600


def _key(pk: int) -> str:
    return f"tttt:import:{pk}:rows"


def _cache():
    return caches["progress"]


def row_imported() -> None:
    """Called by an importer for each row it writes; counted when a worker runs it."""
    if (key := _counter.get()) is not None:
        try:
            _cache().incr(key)
        except ValueError:  # the cache lost the key (restarted): count again from here
            _cache().set(key, 1, _COUNTER_SECONDS)


def rows_imported(record: FileImport) -> int:
    """Rows written so far by a running import (0 when the cache does not know)."""
    if record.status == FileImport.Status.DONE:
        return record.total_rows
    if record.status != FileImport.Status.RUNNING:
        return 0
    return min(_cache().get(_key(record.pk)) or 0, record.total_rows)


def start(*, user, runner: str, title: str, done_url: str, form_url: str, filename: str,
          content: bytes, rows: int) -> FileImport:  # fmt: skip
    """Keep the file and queue `runner(user, filename, content)` for the worker."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Hãy đăng nhập để nhập tệp."))
    with transaction.atomic():
        record = FileImport(user=user, runner=runner, title=title[:300], done_url=done_url[:500],
                            form_url=form_url[:500], filename=filename[:255],
                            total_rows=rows)  # fmt: skip
        record.file.save(filename, ContentFile(content), save=False)
        record.save()
        run_import.enqueue(record.pk)
    return record


@task()
def run_import(import_id: int) -> str:
    record = FileImport.objects.select_related("user").get(pk=import_id)
    if not record.pending:
        return record.status  # run again after a worker was cut off: already decided
    FileImport.objects.filter(pk=record.pk).update(status=FileImport.Status.RUNNING,
                                                   started_at=timezone.now())  # fmt: skip
    _cache().set(_key(record.pk), 0, _COUNTER_SECONDS)
    token = _counter.set(_key(record.pk))
    outcome = {"finished_at": timezone.now()}
    try:
        with record.file.open("rb") as f:
            content = f.read()
        with translation.override(settings.LANGUAGE_CODE):
            message = import_string(record.runner)(record.user, record.filename, content)
    except ImportRejected as exc:
        outcome.update(status=FileImport.Status.REJECTED,
                       problems=[{"row": p.row, "column": p.column, "message": p.message}
                                 for p in exc.problems])  # fmt: skip
    except PermissionDenied as exc:
        outcome.update(status=FileImport.Status.FAILED, error=str(exc))
    except Exception:
        outcome.update(status=FileImport.Status.FAILED,
                       error=_("Máy chủ gặp lỗi khi nhập; chưa nhập dòng nào."))  # fmt: skip
        FileImport.objects.filter(pk=record.pk).update(**outcome)
        raise
    else:
        outcome.update(status=FileImport.Status.DONE, message=message)
    finally:
        _counter.reset(token)
        _cache().delete(_key(record.pk))
    outcome["finished_at"] = timezone.now()
    FileImport.objects.filter(pk=record.pk).update(**outcome)
    return outcome["status"]
