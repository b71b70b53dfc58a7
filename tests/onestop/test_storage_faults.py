"""A full disk or a read-only one under the attachments: the citizen's online submission
is refused with a clear message (the API's with 503 and a code), no dossier is half-saved,
and the same submission goes through once the disk is writable again. The disk is a real
one: a 64 KiB tmpfs mounted for the test (root only; skipped elsewhere)."""

import subprocess

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.urls import reverse

from tttt.onestop.models import Dossier, DossierFile

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n" + bytes(range(256)) * 80  # 20 KiB


@pytest.fixture
def small_disk(tmp_path, settings):
    mount = tmp_path / "dia-nho"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                          capture_output=True)  # fmt: skip
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    storages = {**settings.STORAGES, "private": {**settings.STORAGES["private"],
                "OPTIONS": {"location": mount, "base_url": None}}}  # fmt: skip
    try:
        with override_settings(STORAGES=storages):
            yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def submit(client, procedure, tree):
    url = f"{reverse('online_submit')}?don_vi={tree.new_trung_chinh.pk}&thu_tuc={procedure.pk}"
    return client.post(url, {
        "applicant_kind": "person", "applicant_name": "Lê Thị Hoa", "citizen_id": "027190001111",
        "phone": "0911222333", "files": SimpleUploadedFile("don-de-nghi.pdf", PDF, "application/pdf"),
    })  # fmt: skip


def test_a_full_disk_refuses_the_submission_and_keeps_nothing_half_saved(
    client, procedure, tree, small_disk
):
    filler = small_disk / "da-day.bin"
    filler.write_bytes(b"\0" * 60 * 1024)
    refused = submit(client, procedure, tree)
    assert refused.status_code == 200  # the form again, with what was typed
    page = refused.content.decode()
    assert "không lưu được tệp" in page and "Lê Thị Hoa" in page
    assert Dossier.objects.count() == 0 and DossierFile.objects.count() == 0
    assert sorted(p.name for p in small_disk.rglob("*") if p.is_file()) == ["da-day.bin"]

    filler.unlink()  # the operator frees space
    accepted = submit(client, procedure, tree)
    dossier = Dossier.objects.get()
    assert dossier.code in accepted.content.decode()
    assert (small_disk / dossier.files.get().file.name).read_bytes() == PDF


def test_a_read_only_disk_refuses_the_submission_until_it_is_writable(
    client, procedure, tree, small_disk
):
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    refused = submit(client, procedure, tree)
    assert "không lưu được tệp" in refused.content.decode()
    assert Dossier.objects.count() == 0
    subprocess.run(["mount", "-o", "remount,rw", str(small_disk)], check=True)
    submit(client, procedure, tree)
    assert (small_disk / Dossier.objects.get().files.get().file.name).read_bytes() == PDF
