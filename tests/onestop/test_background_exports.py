"""A long download is made by the worker: the clerk is sent to the export's page, sees the
rows written of the total, and gets the file when it is ready; the file is the same as a
direct download, and nobody else can see or fetch it."""

import io

import pytest
from django.test.utils import override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from openpyxl import load_workbook

from tttt.core.models import Export
from tttt.core.worker import run_worker

pytestmark = pytest.mark.django_db

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def five(receive):
    return [receive(applicant_name=f"Người nộp số {i}") for i in range(1, 6)]


@pytest.fixture
def clerk(client, staff):
    client.force_login(staff.clerk)
    return client


def rows_of(body: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(body), read_only=True).active.iter_rows(values_only=True))


@override_settings(TTTT_EXPORT_INLINE_ROWS=3)
def test_a_long_list_is_exported_in_the_background_and_fetched_from_its_page(clerk, five):
    asked = clerk.get(reverse("dossiers:index") + "?export=xlsx")
    assert asked.status_code == 302
    export = Export.objects.get()
    assert asked["Location"] == reverse("tttt_export", args=[export.pk]) + "?tai=1"
    assert export.status == "done" and (export.done_rows, export.total_rows) == (5, 5)
    page = clerk.get(asked["Location"]).content.decode()
    assert export.filename in page and "Tải về" in page
    got = clerk.get(reverse("tttt_export_download", args=[export.pk]))
    rows = rows_of(b"".join(got.streaming_content))
    assert rows[0][0] == "Mã hồ sơ" and len(rows) == 6
    assert sorted(r[1] for r in rows[1:]) == [f"Người nộp số {i}" for i in range(1, 6)]
    assert "Tệp nhập, xuất của tôi" in clerk.get(reverse("tttt_exports")).content.decode()


@override_settings(TTTT_EXPORT_INLINE_ROWS=3)
def test_a_short_list_is_still_downloaded_at_once(clerk, receive):
    receive()
    direct = clerk.get(reverse("dossiers:index") + "?export=xlsx")
    assert direct.status_code == 200 and Export.objects.count() == 0
    assert len(rows_of(b"".join(direct.streaming_content))) == 2


@override_settings(TTTT_EXPORT_INLINE_ROWS=3)
def test_nobody_else_sees_or_fetches_the_file(clerk, client, five, staff, django_user_model):
    clerk.get(reverse("dossiers:index") + "?export=xlsx")
    export = Export.objects.get()
    client.force_login(staff.other_clerk)
    assert client.get(reverse("tttt_export", args=[export.pk])).status_code == 404
    assert client.get(reverse("tttt_export_download", args=[export.pk])).status_code == 404
    assert export.title not in client.get(reverse("tttt_exports")).content.decode()


@pytest.mark.django_db(transaction=True)
@override_settings(TTTT_EXPORT_INLINE_ROWS=3, TASKS=QUEUE)
def test_the_page_shows_progress_until_the_worker_is_done_then_fetches_the_file(clerk, five):
    asked = clerk.get(reverse("dossiers:index") + "?export=xlsx")
    export = Export.objects.get()
    waiting = clerk.get(asked["Location"]).content.decode()
    assert "Đang chờ" in waiting and 'http-equiv="refresh"' in waiting  # it looks again
    assert DBTaskResult.objects.count() == 1
    run_worker(batch=True, schedule=False, interval=0)
    export.refresh_from_db()
    assert export.status == "done" and export.done_rows == 5
    ready = clerk.get(asked["Location"]).content.decode()
    download = reverse("tttt_export_download", args=[export.pk])
    assert f'content="0;url={download}"' in ready  # the waiting person gets the file


@pytest.mark.django_db(transaction=True)
@override_settings(TTTT_EXPORT_INLINE_ROWS=3, TASKS=QUEUE)
def test_an_export_asked_before_losing_the_scope_is_not_made(clerk, five, staff):
    clerk.get(reverse("dossiers:index") + "?export=xlsx")
    staff.clerk.memberships.all().delete()  # moved to another post before the worker ran
    run_worker(batch=True, schedule=False, interval=0)
    export = Export.objects.get()
    assert export.status == "failed" and not export.file
    assert "không còn quyền" in export.error
