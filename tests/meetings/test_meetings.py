"""Paperless meetings: convene, papers from the registers, attendance, conclusions whose
actions become tasks when the conclusion notice is issued and registered."""

import io
from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tttt.assignments.models import Task
from tttt.core.indicators import get_indicator
from tttt.core.periods import Period
from tttt.documents.models import Direction, Document, Register
from tttt.meetings import services
from tttt.meetings.errors import MeetingsError as E
from tttt.meetings.models import Meeting
from tttt.org import roles as R

pytestmark = pytest.mark.django_db


def codes(exc) -> set[str]:
    return {e.code for errors in exc.value.error_dict.values() for e in errors}


@pytest.fixture
def people(member, tree):
    return {
        "leader": member("lt.lanhdao", R.LEADER, tree.luong_tai),
        "specialist": member("lt.chuyenvien", R.SPECIALIST, tree.luong_tai),
        "stranger": member("yt.lanhdao", R.LEADER, tree.yen_the),
    }


@pytest.fixture
def register(tree):
    return Register.objects.create(
        unit=tree.luong_tai, direction=Direction.OUTGOING, name="Sổ văn bản đi", symbol="UBND"
    )


def convene(user, unit, **kw):
    meeting = Meeting(unit=unit, title="Triển khai chuyển đổi số trên địa bàn huyện năm 2019",
                      chair_title="Chủ tịch UBND huyện", chair_name="Nguyễn Văn Lãnh Đạo",
                      starts_at=timezone.make_aware(datetime(2019, 10, 3, 8, 0)), place="Hội trường UBND huyện",
                      **kw)  # fmt: skip
    return services.meeting_create(
        user=user, meeting=meeting,
        invitees=[("Trần Thị Hoa", "Trưởng phòng Văn hóa và Thông tin"), ("Lê Văn Nam", "Chủ tịch UBND thị trấn Thứa")],
        items=[("Báo cáo kết quả chuyển đổi số 9 tháng", "Phòng Văn hóa và Thông tin"),
               ("Kế hoạch ứng dụng chữ ký số", "Văn phòng HĐND và UBND")],
    )  # fmt: skip


def test_a_meeting_whose_conclusions_become_tasks(people, tree, register):
    meeting = convene(people["leader"], tree.luong_tai)
    first, second = meeting.items.all()
    services.paper_add(user=people["specialist"], meeting=meeting, item=first, title="Báo cáo 9 tháng",
                       upload=SimpleUploadedFile("bao-cao.pdf", b"%PDF-1.4 bao cao"))  # fmt: skip
    hoa, nam = meeting.invitees.all()
    services.attendance_record(user=people["specialist"], meeting=meeting, present={hoa.pk})
    with pytest.raises(ValidationError) as exc:  # every item needs its conclusion first
        services.meeting_conclude(user=people["leader"], meeting=meeting, register=register,
                                  signer_title="TL. CHỦ TỊCH", signer_name="Phạm Văn Ký", recipients="")  # fmt: skip
    assert E.CONCLUSION_MISSING in codes(exc)
    with pytest.raises(ValidationError) as exc:
        services.item_conclude(user=people["leader"], item=first, conclusion="Cơ bản hoàn thành.",
                               actions=[("Rà soát", tree.bo_ha, date(2019, 9, 1))])  # fmt: skip
    assert {E.ASSIGNEE_OUTSIDE_UNIT, E.DEADLINE_BEFORE_MEETING} <= codes(exc)
    services.item_conclude(user=people["leader"], item=first, conclusion="Cơ bản hoàn thành kế hoạch.",
                           actions=[("Cập nhật số liệu DTI", tree.thua, date(2019, 10, 31)),
                                    ("Công khai thủ tục trên cổng", tree.trung_chinh, date(2019, 11, 15))])  # fmt: skip
    services.item_conclude(
        user=people["leader"], item=second, conclusion="Thống nhất kế hoạch.", actions=[]
    )
    notice = services.meeting_conclude(user=people["leader"], meeting=meeting, register=register,
                                       signer_title="TL. CHỦ TỊCH\nCHÁNH VĂN PHÒNG", signer_name="Phạm Văn Ký",
                                       recipients="- Các thành phần dự họp;\n- Lưu: VT.", on=date(2019, 10, 4))  # fmt: skip
    assert (notice.number_symbol, notice.direction, notice.status) == ("1/TB-UBND", "out", "issued")
    tasks = Task.objects.filter(source=Task.Source.MEETING).order_by("deadline")
    assert [(t.title, t.assignee_id, t.deadline) for t in tasks] == [
        ("Cập nhật số liệu DTI", tree.thua.pk, date(2019, 10, 31)),
        ("Công khai thủ tục trên cổng", tree.trung_chinh.pk, date(2019, 11, 15)),
    ]
    assert all("1/TB-UBND" in t.source_reference for t in tasks)
    from docx import Document as Word

    with notice.file.open("rb") as f:
        text = "\n".join(p.text for p in Word(io.BytesIO(f.read())).paragraphs)
    assert "Kết luận của Chủ tịch UBND huyện Nguyễn Văn Lãnh Đạo" in text
    assert "Giao Thị trấn Thứa: Cập nhật số liệu DTI (hoàn thành trước ngày 31/10/2019)" in text
    assert "Trần Thị Hoa" in text and "Lê Văn Nam" not in text  # only those present
    meeting.refresh_from_db()
    assert meeting.status == "concluded" and meeting.conclusion_document == notice
    with pytest.raises(ValidationError):
        services.item_conclude(user=people["leader"], item=first, conclusion="Sửa", actions=[])
    q4 = Period.parse("2019-Q4")
    assert get_indicator("meetings.paperless").compute([tree.luong_tai], q4) == 1
    assert get_indicator("meetings.paperless_share").compute([tree.luong_tai], q4) == 100


def test_out_of_scope_and_empty_agenda(people, tree):
    with pytest.raises(PermissionDenied):
        convene(people["stranger"], tree.luong_tai)
    with pytest.raises(PermissionDenied):
        convene(people["specialist"], tree.luong_tai)
    with pytest.raises(ValidationError) as exc:
        services.meeting_create(user=people["leader"], meeting=Meeting(unit=tree.luong_tai, title="", chair_name="",
                                starts_at=timezone.now()), invitees=[], items=[])  # fmt: skip
    assert {E.NO_AGENDA, "blank"} <= codes(exc)
    assert not Meeting.objects.exists()


def test_a_paper_needs_content_and_a_document_in_scope(people, tree):
    meeting = convene(people["leader"], tree.luong_tai)
    with pytest.raises(ValidationError) as exc:
        services.paper_add(user=people["specialist"], meeting=meeting, title="Tài liệu")
    assert E.PAPER_EMPTY in codes(exc)
    theirs = Document.objects.create(
        unit=tree.yen_the, direction="out", status="draft", year=2019,
        register=Register.objects.create(unit=tree.yen_the, direction="out", name="Sổ đi"),
        kind_id=1, issuer="UBND huyện Yên Thế", excerpt="Dự thảo",
    )  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.paper_add(user=people["specialist"], meeting=meeting, title="", document=theirs)
    assert E.PAPER_OUTSIDE_SCOPE in codes(exc)
