"""The registers: receiving and verifying, assigning for handling, drafting, approving,
signing and issuing; numbering; the portal page made from an issued document; figures."""

from datetime import date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from tttt.assignments import services as tasks
from tttt.core.indicators import get_indicator
from tttt.core.models import Sequence
from tttt.core.periods import Period
from tttt.documents import services, signing
from tttt.documents.errors import DocumentsError as E
from tttt.documents.models import Document, DocumentEvent

from .conftest import PIN, pdf_of

pytestmark = pytest.mark.django_db


def codes(exc) -> set[str]:
    return {e.code for errors in exc.value.error_dict.values() for e in errors}


def receive(user, register, kind, upload=None, **kw):
    data = dict(register=register, kind=kind, number_symbol="1234/SKHCN-BCVT", issuer="Sở Khoa học và Công nghệ",
                issued_on=date(2019, 10, 1), received_at=timezone.make_aware(datetime(2019, 10, 3, 9, 30)),
                excerpt="V/v triển khai chuyển đổi số cấp xã năm 2019", medium=Document.Medium.ELECTRONIC)  # fmt: skip
    data.update(kw)
    return services.incoming_receive(user=user, document=Document(**data), upload=upload)


def pdf_upload(content: bytes, name="cong-van-1234.pdf"):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_a_signed_pdf_is_received_numbered_and_shown_valid(
    people, registers, kinds, trusted, signed_by
):
    doc = receive(
        people.clerk, registers.incoming, kinds["Công văn"], pdf_upload(signed_by("sender"))
    )
    assert (doc.registry_number, doc.year, doc.signature) == (1, 2019, "valid")
    report = doc.signature_report["signatures"][0]
    assert report["signer"] == "Nguyễn Thị Gửi" and report["issuer"] == "CA thử nghiệm chuyên dùng"
    assert [e.action for e in doc.events.all()] == ["received", "verified"]
    second = receive(
        people.clerk, registers.incoming, kinds["Công văn"], medium=Document.Medium.PAPER
    )
    assert second.registry_number == 2 and second.signature == ""
    next_year = receive(people.clerk, registers.incoming, kinds["Công văn"], medium=Document.Medium.PAPER,
                        issued_on=date(2020, 1, 2), received_at=timezone.make_aware(datetime(2020, 1, 3, 8)))  # fmt: skip
    assert (next_year.registry_number, next_year.year) == (1, 2020)


@pytest.mark.parametrize(
    "who, tamper, crl, outcome",
    [
        ("sender", "bytes", True, "modified"),
        ("sender", "append", True, "modified"),
        ("revoked", "", True, "revoked"),
        ("revoked", "", False, "valid"),  # without the revocation list nothing says it was revoked
        ("expired", "", True, "expired"),
    ],
)
def test_what_the_verification_finds(
    people, registers, kinds, superuser, ca, signed_by, who, tamper, crl, outcome
):
    services.trusted_root_add(user=superuser, name="CA", certificate=ca.ca.root_der,
                              crl=ca.ca.crl_der() if crl else None)  # fmt: skip
    content = signed_by(who)
    if tamper == "bytes":  # a figure changed inside the signed range
        at = content.index(b"stream") + 20
        content = content[:at] + bytes([content[at] ^ 1]) + content[at + 1 :]
    elif tamper == "append":  # a page added after signing (an incremental update)
        import io

        from pyhanko.pdf_utils import generic
        from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

        writer = IncrementalPdfFileWriter(io.BytesIO(content))
        writer.add_stream_to_page(
            0, writer.add_object(generic.StreamObject(stream_data=b"0 0 m 500 500 l S"))
        )
        out = io.BytesIO()
        writer.write(out)
        content = out.getvalue()
    doc = receive(people.clerk, registers.incoming, kinds["Công văn"], pdf_upload(content))
    assert doc.signature == outcome


def test_an_unknown_root_and_an_unsigned_pdf(people, registers, kinds, signed_by):
    doc = receive(
        people.clerk, registers.incoming, kinds["Công văn"], pdf_upload(signed_by("sender"))
    )
    assert doc.signature == "untrusted"
    plain = receive(
        people.clerk, registers.incoming, kinds["Công văn"], pdf_upload(pdf_of("Giấy mời họp"))
    )
    assert plain.signature == "unsigned"


def test_bad_input_is_refused_all_at_once_and_changes_nothing(people, registers, kinds):
    with pytest.raises(ValidationError) as exc:
        receive(people.clerk, registers.outgoing, kinds["Công văn"], excerpt="",
                received_at=timezone.now() + timedelta(days=2), issued_on=date(2030, 1, 1))  # fmt: skip
    assert {E.REGISTER_WRONG_DIRECTION, E.RECEIVED_IN_FUTURE, E.ISSUED_AFTER_RECEIVED, E.FILE_REQUIRED,
            "blank"} <= codes(exc)  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        receive(people.clerk, registers.incoming, kinds["Công văn"], pdf_upload(b"%PDF-1.4 mat"),
                secrecy=Document.Secrecy.SECRET)  # fmt: skip
    assert E.CLASSIFIED_FILE in codes(exc)
    assert (
        Document.objects.count() == 0
        and not Sequence.objects.filter(key__startswith="documents:").exists()
    )
    with pytest.raises(PermissionDenied):
        receive(
            people.stranger, registers.incoming, kinds["Công văn"], medium=Document.Medium.PAPER
        )


def test_assigning_makes_a_task_whose_completion_is_the_handling(people, registers, kinds, tree):
    doc = receive(people.clerk, registers.incoming, kinds["Công văn"], medium=Document.Medium.PAPER)
    with pytest.raises(PermissionDenied):  # the clerk registers; the leader assigns
        services.incoming_assign(
            user=people.clerk, document=doc, assignee=tree.thua, deadline=date(2019, 10, 10)
        )
    with pytest.raises(ValidationError) as exc:
        services.incoming_assign(
            user=people.leader, document=doc, assignee=tree.bo_ha, deadline=date(2019, 9, 1)
        )
    assert {E.ASSIGNEE_OUTSIDE_UNIT, E.DEADLINE_MISSING} <= codes(exc)
    deadline = services.handling_deadline(doc.received_at, 5)
    assert deadline == date(2019, 10, 10)  # Thursday 3/10 + 5 working days
    doc = services.incoming_assign(user=people.leader, document=doc, assignee=tree.thua, deadline=deadline,
                                   note="Giao Thị trấn Thứa tham mưu.", on=date(2019, 10, 3))  # fmt: skip
    assert (
        doc.status == "assigned" and doc.task.source == "document" and doc.task.deadline == deadline
    )
    assert doc.handling_state(date(2019, 10, 4)) == "handling"
    with pytest.raises(ValidationError):
        services.incoming_assign(
            user=people.leader, document=doc, assignee=tree.thua, deadline=deadline
        )
    tasks.task_complete(
        user=people.leader,
        task=doc.task,
        on=date(2019, 10, 9),
        result="Đã tham mưu văn bản trả lời.",
    )
    doc.refresh_from_db()
    assert doc.handling_state() == "done_on_time"
    q3 = Period.parse("2019-Q4")
    assert get_indicator("documents.handled_on_time_share").compute([tree.luong_tai], q3) == 100
    assert get_indicator("documents.received").compute([tree.luong_tai], q3) == 1
    assert get_indicator("documents.received").compute([tree.yen_the], q3) == 0


def _draft(people, registers, kinds, **kw):
    data = dict(register=registers.outgoing, kind=kinds["Thông báo"],
                excerpt="Kết luận của Chủ tịch UBND huyện tại cuộc họp về chuyển đổi số",
                body="Ngày 03/10/2019, Chủ tịch UBND huyện chủ trì cuộc họp.\nGiao Phòng Văn hóa và Thông tin tham mưu.",
                recipients="- Các xã, thị trấn;\n- Lưu: VT.", signer_title="KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
                signer_name="Nguyễn Văn Lãnh Đạo", publish_on_portal=True)  # fmt: skip
    data.update(kw)
    return services.outgoing_draft(user=people.specialist, document=Document(**data))


def test_draft_review_sign_and_issue(people, registers, kinds, trusted, ca):
    doc = _draft(people, registers, kinds)
    with pytest.raises(ValidationError):  # not approved yet
        services.outgoing_issue(user=people.leader, document=doc, credential=None, pin=PIN)
    services.outgoing_submit(user=people.specialist, document=doc)
    with pytest.raises(PermissionDenied):
        services.outgoing_approve(user=people.specialist, document=doc)
    services.outgoing_return(user=people.leader, document=doc, reason="Bổ sung thời hạn thực hiện.")
    services.outgoing_submit(user=people.specialist, document=doc)
    services.outgoing_approve(user=people.leader, document=doc)
    credential = services.credential_add(user=people.leader, unit=registers.outgoing.unit,
                                         pkcs12=ca.leader.pkcs12(PIN), pin=PIN)  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.outgoing_issue(
            user=people.leader, document=doc, credential=credential, pin="000000"
        )
    assert E.BAD_PIN in codes(exc)
    doc.refresh_from_db()
    assert doc.status == "approved" and doc.registry_number is None  # the number was given back
    doc = services.outgoing_issue(user=people.leader, document=doc, credential=credential, pin=PIN,
                                  on=date(2019, 10, 4))  # fmt: skip
    assert (doc.status, doc.number_symbol, doc.is_signed) == ("issued", "1/TB-UBND", True)
    with doc.file.open("rb") as f:
        content = f.read()
    verdict = signing.verify_pdf(content, roots=[ca.ca.root_der])
    assert verdict.outcome == "valid" and verdict.first.signer == "Nguyễn Văn Lãnh Đạo"
    import io

    from pypdf import PdfReader

    text = PdfReader(io.BytesIO(content)).pages[0].extract_text()
    assert "1/TB-UBND" in text and "Lương Tài, ngày 04 tháng 10 năm 2019" in text
    assert [e.action for e in doc.events.all()] == [
        "drafted",
        "submitted",
        "returned",
        "submitted",
        "approved",
        "issued",
    ]
    assert (
        get_indicator("documents.signed_share").compute(
            [registers.outgoing.unit], Period.parse("2019-10")
        )
        == 100
    )


def test_someone_elses_credential_or_an_expired_one_does_not_sign(people, registers, kinds, ca):
    with pytest.raises(ValidationError) as exc:
        services.credential_add(
            user=people.leader, unit=registers.outgoing.unit, pkcs12=ca.expired.pkcs12(PIN), pin=PIN
        )
    assert E.CREDENTIAL_EXPIRED in codes(exc)
    with pytest.raises(ValidationError) as exc:
        services.credential_add(
            user=people.leader, unit=registers.outgoing.unit, pkcs12=b"not a file", pin=PIN
        )
    assert E.BAD_PIN in codes(exc)
    theirs = services.credential_add(
        user=people.leader, unit=registers.outgoing.unit, pkcs12=ca.leader.pkcs12(PIN), pin=PIN
    )
    doc = _draft(people, registers, kinds)
    services.outgoing_submit(user=people.specialist, document=doc)
    services.outgoing_approve(user=people.leader, document=doc)
    with pytest.raises(PermissionDenied):
        services.outgoing_issue(user=people.specialist, document=doc, credential=theirs, pin=PIN)


def test_an_issued_directive_appears_on_the_portal_with_its_relations(people, registers, kinds, ca, tree, superuser,
                                                                      django_capture_on_commit_callbacks):  # fmt: skip
    from tttt.portal import services as portal
    from tttt.portal.models import DocumentPage

    portal.portal_create(user=superuser, unit=tree.luong_tai, today=date(2019, 9, 30))
    credential = services.credential_add(
        user=people.leader, unit=tree.luong_tai, pkcs12=ca.leader.pkcs12(PIN), pin=PIN
    )

    def issue(links=(), **kw):
        doc = _draft(people, registers, kinds, **kw)
        if links:
            doc = services.outgoing_draft(user=people.specialist, document=doc, links=links)
        services.outgoing_submit(user=people.specialist, document=doc)
        services.outgoing_approve(user=people.leader, document=doc)
        with django_capture_on_commit_callbacks(execute=True):
            return services.outgoing_issue(
                user=people.leader, document=doc, credential=credential, pin=PIN
            )

    first = issue(kind=kinds["Kế hoạch"], excerpt="Kế hoạch chuyển đổi số năm 2019")
    second = issue(links=[("replaces", first)], kind=kinds["Kế hoạch"],
                   excerpt="Kế hoạch chuyển đổi số năm 2019 (thay thế Kế hoạch số 1)")  # fmt: skip
    letter = issue(kind=kinds["Công văn"], excerpt="Đôn đốc báo cáo", publish_on_portal=False)
    assert (first.number_symbol, second.number_symbol, letter.number_symbol) == (
        "1/KH-UBND",
        "2/KH-UBND",
        "3/UBND",
    )
    pages = {
        p.register_document_id: p
        for p in DocumentPage.objects.filter(live=True, register_document__isnull=False)
    }
    assert set(pages) == {first.pk, second.pk}
    page = pages[second.pk]
    assert (page.number, page.signer, page.doc_type.name) == (
        "2/KH-UBND",
        "Nguyễn Văn Lãnh Đạo",
        "Kế hoạch",
    )
    assert page.file is not None and page.file.file.size > 1000
    assert [(r.kind, r.target_id) for r in page.relations.all()] == [
        ("replaces", pages[first.pk].pk)
    ]
    assert DocumentEvent.objects.filter(document=second, action="published").exists()
    with pytest.raises(ValidationError) as exc:  # an issued document is not a draft any more
        services.outgoing_draft(user=people.specialist, document=Document.objects.get(pk=second.pk))
    assert E.WRONG_STATUS in codes(exc)
