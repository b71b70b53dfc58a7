from datetime import datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from hypothesis import given, settings
from hypothesis import strategies as st

from tttt.core.calendar import get_calendar
from tttt.core.models import Sequence
from tttt.onestop import services
from tttt.onestop.models import Channel, Dossier, Status

from .conftest import VN, at


def test_counter_intake_computes_code_and_due_moment(receive, tree):
    dossier = receive(now=at(7, 9))
    assert dossier.code == "09523-261207-0001"
    assert dossier.status == Status.RECEIVED
    # 3 working days from Monday 09:00 is Thursday 09:00.
    assert dossier.due_at == at(10, 9) == dossier.deadline
    assert dossier.fee == 200_000
    assert list(dossier.events.values_list("action", "to_status")) == [("receive", "received")]
    assert receive(now=at(7, 10)).code == "09523-261207-0002"
    assert receive(now=at(8, 10)).code == "09523-261208-0001"  # the number restarts daily


def test_numbering_never_collides_with_codes_written_without_the_sequence(receive):
    # An import (or the demo) wrote the first two codes of 7/12 without taking numbers.
    for n, dossier in enumerate([receive(now=at(8, 9)), receive(now=at(8, 10))], start=1):
        Dossier.objects.filter(pk=dossier.pk).update(code=f"09523-261207-{n:04d}")
    assert receive(now=at(7, 9)).code == "09523-261207-0003"  # a backdated intake
    assert receive(now=at(7, 11)).code == "09523-261207-0004"
    assert receive(now=at(8, 11)).code == "09523-261208-0003"


@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_taken_code_is_found_by_its_conflict_and_skipped(receive):
    """Outside any transaction (a request), the intake trusts the day's sequence and checks
    no code first; a code written without it shows as a conflict: the intake is made again,
    whole, with the next free code, and nothing of the first attempt stays."""
    first = receive(now=at(8, 9))
    Dossier.objects.filter(pk=first.pk).update(code="09523-261208-0002")  # as an import would
    second = receive(now=at(8, 10))
    assert second.code == "09523-261208-0003"
    assert Dossier.objects.count() == 2 and second.events.count() == 1
    assert receive(now=at(8, 11)).code == "09523-261208-0004"


def test_receipt_after_cutoff_counts_from_next_working_day(receive):
    late = receive(now=at(7, 15, 5))  # Monday after 15:00
    assert late.counted_from == at(8, 7, 30)
    assert late.due_at == at(10, 17, 0)  # end of the third working day (Tue, Wed, Thu)
    friday = receive(now=at(11, 16, 0))
    assert friday.counted_from == at(14, 7, 30)  # next Monday
    saturday = receive(now=at(12, 9), channel=Channel.ONLINE)
    assert saturday.counted_from == at(14, 7, 30)
    lunch = receive(now=at(7, 12, 0))
    assert lunch.counted_from == at(7, 13, 30)


def test_cutoff_is_a_setting(receive, settings):
    settings.TTTT_ONESTOP_CUTOFF = "16:30"
    assert receive(now=at(7, 15, 5)).counted_from == at(7, 15, 5)


@settings(max_examples=150, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2027, 12, 31)),
    days=st.integers(min_value=1, max_value=40),
)
def test_deadline_is_exactly_the_processing_time_in_working_time(moment, days):
    cal = get_calendar()
    received = moment.replace(tzinfo=VN)
    start = services.counting_start(received)
    due = cal.add(start, cal.day_length * days)
    assert start >= received
    assert cal.is_working_time(start) or cal.is_working_day(start.date())
    local = received.astimezone(VN)
    if local.time() >= services.cutoff() or not cal.is_working_day(local.date()):
        assert start.date() > local.date()
    assert cal.between(start, due) == cal.day_length * days
    assert cal.is_working_day(due.date())


def test_bad_applicant_data_is_refused_with_every_problem_and_changes_nothing(receive):
    with pytest.raises(ValidationError) as caught:
        receive(citizen_id="12345", phone="12345", email="khong-phai-email")
    errors = caught.value.message_dict
    assert "12 chữ số" in errors["citizen_id"][0]
    assert "10 chữ số" in errors["phone"][0]
    assert "email" in errors
    with pytest.raises(ValidationError) as caught:
        receive(citizen_id="999090001234")
    assert "mã tỉnh" in caught.value.message_dict["citizen_id"][0]
    assert Dossier.objects.count() == 0
    assert Sequence.objects.count() == 0


def test_procedure_must_be_in_the_units_catalog(receive, tree, member):
    clerk = member("thua.motcua", "can-bo-mot-cua", tree.new_luong_tai)
    with pytest.raises(ValidationError) as caught:
        receive(user=clerk, unit=tree.new_luong_tai)
    assert "không có trong danh mục" in caught.value.message_dict["procedure"][0]


def test_a_clerk_cannot_receive_for_another_commune(receive, staff):
    with pytest.raises(PermissionDenied):
        receive(user=staff.other_clerk)
    assert Dossier.objects.count() == 0


def test_online_intake_needs_an_online_service(receive, procedure):
    procedure.online_service = procedure.OnlineService.NONE
    procedure.save()
    with pytest.raises(ValidationError) as caught:
        services.receive_dossier(
            user=None,
            procedure=procedure,
            unit=procedure.units.first(),
            channel=Channel.ONLINE,
            applicant={"applicant_name": "A", "citizen_id": "027090001234", "phone": "0912345678"},
        )
    assert "trực tuyến" in caught.value.message_dict["channel"][0]


def test_uploads_are_checked_for_type_and_size(receive, procedure, tree, staff, settings):
    from django.core.files.base import ContentFile

    settings.TTTT_ONESTOP_MAX_FILE_MB = 1
    big = services.Upload("don.pdf", ContentFile(b"%PDF-1.7 x"), size=2 * 1024 * 1024)
    exe = services.Upload("virus.exe", ContentFile(b"x"), size=10)
    page = services.Upload("giay-to.pdf", ContentFile(b"<!doctype html><html>"), size=21)
    photo = services.Upload("cccd.jpg", ContentFile(b"%PDF-1.4"), size=8)
    with pytest.raises(ValidationError) as caught:
        services.receive_dossier(
            user=staff.clerk,
            procedure=procedure,
            unit=tree.new_trung_chinh,
            channel=Channel.COUNTER,
            applicant={"applicant_name": "A", "citizen_id": "027090001234", "phone": "0912345678"},
            files=[big, exe, page, photo],
        )
    problems = caught.value.message_dict["files"]
    assert any("1 MB" in p for p in problems) and any("virus.exe" in p for p in problems)
    # a file is what its content is, not what its name says: every problem at once
    assert any("giay-to.pdf" in p for p in problems) and any("cccd.jpg" in p for p in problems)
    assert len(problems) == 4 and not Dossier.objects.exists()
    ok = services.Upload("don.pdf", ContentFile(b"%PDF-1.4 test"), size=13)
    dossier = services.receive_dossier(
        user=staff.clerk,
        procedure=procedure,
        unit=tree.new_trung_chinh,
        channel=Channel.COUNTER,
        applicant={"applicant_name": "A", "citizen_id": "027090001234", "phone": "0912345678"},
        files=[ok],
    )
    stored = dossier.files.get()
    assert dossier.digitised
    assert stored.file.storage.location.endswith("private")
    assert stored.file.read() == b"%PDF-1.4 test"


def test_masking():
    d = Dossier(citizen_id="027090001234", phone="0912345678")
    assert d.masked_citizen_id == "*********234"
    assert d.masked_phone == "*******678"
    assert timedelta(0) == timedelta(0)


def test_public_holidays_do_not_count(receive):
    # 24/11/2026 is Vietnam Culture Day (a day off since 2026): Monday 23rd + 3 days → Friday.
    d = receive(now=datetime(2026, 11, 23, 9, 0, tzinfo=VN))
    assert d.due_at == datetime(2026, 11, 27, 9, 0, tzinfo=VN)
