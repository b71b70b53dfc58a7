"""A long import is run by the worker: the officer is sent to the import's page, sees the
rows written so far, then either every row in or nothing and every problem by row and
column; nobody else sees the import."""

from io import BytesIO

import pytest
from django.test.utils import override_settings
from django.urls import reverse

from tttt.core import imports
from tttt.core.models import FileImport
from tttt.core.tabular import xlsx_bytes
from tttt.core.worker import run_worker
from tttt.infra.importer import EXAMPLE, HEADERS
from tttt.infra.models import BtsStation, Operator

QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def operators():
    """The operators the example row names: a transactional test may follow another that
    emptied the tables the migrations filled."""
    for code, name in [("viettel", "Viettel"), ("vnpt", "VNPT")]:
        Operator.objects.get_or_create(code=code, defaults={"name": name, "mobile": True})


def stations(*codes, commune="09523"):
    rows = []
    for code in codes:
        row = list(EXAMPLE)
        row[1], row[4] = code, commune
        rows.append(row)
    upload = BytesIO(xlsx_bytes(HEADERS, rows))
    upload.name = "tram-bts-bac-ninh.xlsx"
    return upload


@override_settings(TTTT_IMPORT_INLINE_ROWS=2)
def test_a_long_file_is_imported_by_the_worker_and_followed_on_its_page(
    client, officer, other_officer, monkeypatch
):
    client.force_login(officer)
    seen = []
    counted = imports.row_imported

    def row_imported():  # what the page shows while the rows are being written
        counted()
        running = client.get(reverse("tttt_import", args=[FileImport.objects.get().pk]))
        seen.append(running.content.decode())

    monkeypatch.setattr("tttt.infra.importer.row_imported", row_imported)
    sent = client.post(reverse("infra_bts_import"), {"file": stations("BNH1001", "BNH1002",
                                                                      "BNH1003")})  # fmt: skip
    record = FileImport.objects.get()
    assert sent.status_code == 302 and sent["Location"] == reverse("tttt_import", args=[record.pk])
    assert (record.status, record.total_rows, record.user) == ("done", 3, officer)
    assert sorted(BtsStation.objects.values_list("code", flat=True)) == [
        "BNH1001", "BNH1002", "BNH1003",
    ]  # fmt: skip
    assert ["Đã ghi 1/3 dòng" in seen[0], "Đã ghi 3/3 dòng" in seen[2]] == [True, True]
    assert 'http-equiv="refresh"' in seen[0]
    page = client.get(sent["Location"]).content.decode()
    assert "Đã nhập 3 trạm BTS." in page and reverse("bts:index") in page
    assert 'http-equiv="refresh"' not in page
    assert "tram-bts-bac-ninh.xlsx" in client.get(reverse("tttt_exports")).content.decode()
    client.force_login(other_officer)
    assert client.get(sent["Location"]).status_code == 404
    assert "tram-bts-bac-ninh.xlsx" not in client.get(reverse("tttt_exports")).content.decode()


@override_settings(TTTT_IMPORT_INLINE_ROWS=2)
def test_a_short_file_is_still_imported_at_once(client, officer):
    client.force_login(officer)
    sent = client.post(reverse("infra_bts_import"), {"file": stations("BNH1001", "BNH1002")})
    assert sent["Location"] == reverse("bts:index") and not FileImport.objects.exists()
    assert BtsStation.objects.count() == 2


@pytest.mark.django_db(transaction=True)
@override_settings(TTTT_IMPORT_INLINE_ROWS=2, TASKS=QUEUE)
def test_a_long_file_with_a_bad_row_waits_for_the_worker_then_imports_nothing(
    client, officer, tree, operators
):
    client.force_login(officer)
    sent = client.post(reverse("infra_bts_import"),
                       {"file": stations("BNH1001", "BNH1002", "BNH1003", commune="99999")})  # fmt: skip
    waiting = client.get(sent["Location"]).content.decode()
    assert "Đang chờ" in waiting and 'http-equiv="refresh"' in waiting
    run_worker(batch=True, schedule=False, interval=0)
    record = FileImport.objects.get()
    assert record.status == "rejected" and not BtsStation.objects.exists()
    assert [(p["row"], p["column"]) for p in record.problems] == [
        (2, "Mã đơn vị hành chính"), (3, "Mã đơn vị hành chính"), (4, "Mã đơn vị hành chính"),
    ]  # fmt: skip
    page = client.get(sent["Location"]).content.decode()
    assert "Chưa nhập gì: tệp có 3 lỗi." in page and "Không có đơn vị hành chính mã «99999»" in page
    assert f'href="{reverse("infra_bts_import")}"' in page  # send the corrected file again


@pytest.mark.django_db(transaction=True)
@override_settings(TTTT_IMPORT_INLINE_ROWS=2, TASKS=QUEUE)
def test_an_import_sent_before_losing_the_right_is_not_run(client, officer, tree):
    client.force_login(officer)
    client.post(reverse("infra_bts_import"), {"file": stations("BNH1001", "BNH1002", "BNH1003")})
    officer.memberships.all().delete()
    run_worker(batch=True, schedule=False, interval=0)
    record = FileImport.objects.get()
    assert record.status == "failed" and not BtsStation.objects.exists()
    assert "không có quyền" in record.error
