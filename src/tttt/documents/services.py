"""Writes of the registers: receive and verify, assign for handling, draft, submit, return,
approve, sign and issue; trusted roots and signing credentials. Each checks permission on
the document's unit, reports every problem of an input at once, and writes in one
transaction with the actor in the audit trail and a step in the document's timeline."""

from __future__ import annotations

import hashlib
from datetime import date, datetime, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tttt.assignments import services as assignments
from tttt.assignments.models import Task
from tttt.core.calendar import get_calendar
from tttt.core.errors import refuse
from tttt.core.sequences import next_value
from tttt.core.text import fold
from tttt.core.uploads import upload_problems
from tttt.org.models import Unit
from tttt.org.queries import user_can
from tttt.org.services import acting

from . import layout, signing
from .errors import DocumentsError as E
from .models import (
    Direction,
    Document,
    DocumentEvent,
    DocumentLink,
    Register,
    SigningCredential,
    TrustedRoot,
)
from .signals import document_issued

RECEIVE = "documents.add_document"
CHANGE = "documents.change_document"
ISSUE = "documents.issue_document"
ASSIGN = "assignments.add_task"
HANDLING_DAYS = 7  # the handling time a leader is offered by default, in working days


def _require(user, perm: str, unit: Unit, message: str) -> None:
    if not user_can(user, perm, unit):
        raise PermissionDenied(message)


def _name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


def _event(document: Document, action: str, user, note: str = "", **params) -> DocumentEvent:
    return DocumentEvent.objects.create(
        document=document,
        action=action,
        actor=user,
        actor_name=_name(user),
        note=note,
        params=params,
    )


def _search_text(document: Document) -> str:
    parts = [document.number_symbol, document.issuer, document.excerpt, document.signer_name]
    return fold(" ".join(p for p in parts if p))


def _raise(errors: dict[str, list[ValidationError]]) -> None:
    if errors:
        raise ValidationError(errors)


def _add(errors: dict, field: str, code, message) -> None:
    errors.setdefault(field, []).append(ValidationError(message, code=code))


def _model_problems(document: Document, exclude=()) -> dict:
    try:
        document.full_clean(
            exclude=["unit", "year", "status", "direction", *exclude], validate_constraints=False
        )
    except ValidationError as exc:
        return exc.error_dict
    return {}


# ---------------------------------------------------------------- signatures


def trust_material() -> tuple[list[bytes], list[bytes]]:
    """The active trusted roots and their revocation lists."""
    roots, crls = [], []
    for cert, crl in TrustedRoot.objects.filter(is_active=True).values_list("certificate", "crl"):
        roots.append(bytes(cert))
        if crl:
            crls.append(bytes(crl))
    return roots, crls


def _verify(content: bytes) -> signing.Verdict:
    roots, crls = trust_material()
    return signing.verify_pdf(content, roots=roots, crls=crls)


def _record_verdict(document: Document, verdict: signing.Verdict) -> None:
    document.signature = str(verdict.outcome)
    document.signature_report = verdict.as_json()


def document_verify(*, user, document: Document) -> Document:
    """Check the document's PDF again (after a root or a revocation list changed)."""
    _require(user, CHANGE, document.unit, _("Bạn không có quyền kiểm tra lại văn bản này."))
    if not document.file or not document.file.name.lower().endswith(".pdf"):
        raise refuse(E.FILE_NOT_PDF, _("Chỉ kiểm tra được chữ ký số trên tệp PDF."))
    with document.file.open("rb") as handle:
        verdict = _verify(handle.read())
    with acting(user):
        _record_verdict(document, verdict)
        document.save(update_fields=["signature", "signature_report"])
        _event(document, "verified", user, verdict.first.detail if verdict.first else "",
               outcome=str(verdict.outcome))  # fmt: skip
    return document


# ---------------------------------------------------------------- incoming


def _file_problems(errors: dict, document: Document, upload, *, pdf_only=False) -> None:
    if upload is not None:
        allowed = ["pdf"] if pdf_only else settings.TTTT_ONESTOP_FILE_TYPES
        for problem in upload_problems(
            upload, allowed=allowed, max_mb=settings.TTTT_ONESTOP_MAX_FILE_MB
        ):
            errors.setdefault("file", []).append(problem)
    if upload is not None and document.secrecy != Document.Secrecy.NORMAL:
        _add(errors, "file", E.CLASSIFIED_FILE, _("Văn bản mật không được lưu tệp trên hệ thống nối mạng; "
                                              "chỉ vào sổ thông tin của văn bản."))  # fmt: skip
    if (
        upload is None
        and document.medium != Document.Medium.PAPER
        and document.secrecy == Document.Secrecy.NORMAL
    ):
        _add(
            errors,
            "file",
            E.FILE_REQUIRED,
            _("Văn bản điện tử hoặc đã số hóa phải kèm tệp văn bản."),
        )


def incoming_problems(document: Document, upload=None) -> dict[str, list[ValidationError]]:
    """What is wrong with a document about to be received, beyond its fields' own checks
    (a form shows these beside its own, so that every problem is told at once)."""
    errors: dict = {}
    register = document.register if document.register_id else None
    if register is not None and register.direction != Direction.INCOMING:
        _add(errors, "register", E.REGISTER_WRONG_DIRECTION, _("Đây không phải sổ văn bản đến."))
    elif register is not None and not register.is_active:
        _add(
            errors, "register", E.REGISTER_INACTIVE, _("Sổ này đã thôi sử dụng; hãy chọn sổ khác.")
        )
    now = timezone.now()
    received = document.received_at or now
    if received > now + timedelta(minutes=5):
        _add(errors, "received_at", E.RECEIVED_IN_FUTURE, _("Thời điểm đến không thể ở tương lai."))
    if document.issued_on and document.issued_on > timezone.localdate(received):
        _add(
            errors, "issued_on", E.ISSUED_AFTER_RECEIVED, _("Ngày văn bản không thể sau ngày đến.")
        )
    _file_problems(errors, document, upload)
    return errors


def incoming_receive(*, user, document: Document, upload=None) -> Document:
    """Register a document received: checked, numbered in its register's year, its PDF's
    signatures verified, the timeline begun. `document` carries the form's fields."""
    register = document.register if document.register_id else None
    if register is None:
        raise refuse(E.REGISTER_WRONG_DIRECTION, _("Hãy chọn sổ văn bản đến."), field="register")
    _require(
        user, RECEIVE, register.unit, _("Bạn không có quyền vào sổ văn bản đến của đơn vị này.")
    )
    errors = _model_problems(document, exclude=["file", "registry_number"])
    for field, problems in incoming_problems(document, upload).items():
        errors.setdefault(field, []).extend(problems)
    _raise(errors)
    now = timezone.now()
    received = document.received_at or now

    content = None
    if upload is not None:
        upload.seek(0)
        content = upload.read()
    verdict = (
        _verify(content) if content is not None and upload.name.lower().endswith(".pdf") else None
    )
    with acting(user):
        document.unit = register.unit
        document.direction = Direction.INCOMING
        document.status = Document.Status.RECEIVED
        document.received_at = received
        document.year = timezone.localtime(received).year
        document.registry_number = next_value(f"documents:{register.pk}:{document.year}")
        document.created_by = user
        document.search_text = _search_text(document)
        if verdict is not None:
            _record_verdict(document, verdict)
        if content is not None:
            document.file.save(upload.name.rsplit("/", 1)[-1], ContentFile(content), save=False)
        document.save()
        _event(document, "received", user, number=document.registry_number)
        if verdict is not None:
            _event(document, "verified", user, verdict.first.detail if verdict.first else "",
                   outcome=str(verdict.outcome))  # fmt: skip
    return document


def handling_deadline(received_at: datetime, working_days: int) -> date:
    """The day a document received at `received_at` must be handled by, `working_days`
    working days later on the working-time calendar."""
    return timezone.localdate(get_calendar().add_working_days(received_at, working_days))


def incoming_assign(*, user, document: Document, assignee: Unit | None, deadline: date | None,
                    note: str = "", on: date | None = None) -> Document:  # fmt: skip
    """Assign a received document for handling to an office or unit under its unit: the
    assignment is a task (`assignments`) whose completion is the document's handling."""
    _require(
        user, ASSIGN, document.unit, _("Bạn không có quyền giao xử lý văn bản tại đơn vị này.")
    )
    errors: dict = {}
    if not document.is_incoming:
        _add(errors, "", E.WRONG_STATUS, _("Chỉ giao xử lý văn bản đến."))
    if assignee is None:
        _add(errors, "assignee", E.ASSIGNEE_OUTSIDE_UNIT, _("Hãy chọn cơ quan, người xử lý."))
    elif not assignee.path.startswith(document.unit.path):
        _add(
            errors,
            "assignee",
            E.ASSIGNEE_OUTSIDE_UNIT,
            _("Nơi xử lý phải thuộc đơn vị nhận văn bản."),
        )
    received_on = timezone.localdate(document.received_at)
    on = on or timezone.localdate()
    if on < received_on:
        _add(
            errors,
            "on",
            E.ASSIGNED_BEFORE_RECEIVED,
            _("Ngày giao không thể trước ngày văn bản đến."),
        )
    if deadline is None:
        _add(errors, "deadline", E.DEADLINE_MISSING, _("Hãy chọn hạn xử lý."))
    elif deadline < max(on, received_on):
        _add(errors, "deadline", E.DEADLINE_MISSING, _("Hạn xử lý không thể trước ngày giao (%(d)s).")
             % {"d": f"{max(on, received_on):%d/%m/%Y}"})  # fmt: skip
    _raise(errors)
    with acting(user):
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.task_id is not None:
            raise refuse(E.ALREADY_ASSIGNED, _("Văn bản này đã được giao xử lý."))
        # a document filed for information may still be assigned when it turns out to ask something
        reference = _("Văn bản đến số %(n)s, %(symbol)s ngày %(day)s của %(issuer)s") % {
            "n": locked.registry_number,
            "symbol": locked.number_symbol or _("không số"),
            "day": f"{locked.issued_on:%d/%m/%Y}" if locked.issued_on else "",
            "issuer": locked.issuer,
        }
        task = assignments.task_create(
            user=user,
            task=Task(
                unit=locked.unit,
                assignee=assignee,
                source=Task.Source.DOCUMENT,
                source_reference=reference[:300],
                title=_("Xử lý văn bản: %(excerpt)s") % {"excerpt": locked.excerpt[:250]},
                content=note,
                assigned_by_name=_name(user),
                assigned_on=on,
                deadline=deadline,
                is_public=False,
            ),
        )
        locked.task = task
        locked.status = Document.Status.ASSIGNED
        locked.save(update_fields=["task", "status"])
        said = _("Giao %(who)s, hạn %(day)s.") % {
            "who": assignee.name,
            "day": f"{deadline:%d/%m/%Y}",
        }
        _event(locked, "assigned", user, f"{said} {note or ''}".strip(), assignee=assignee.name,
               deadline=deadline.isoformat())  # fmt: skip
    return locked


def incoming_file(*, user, document: Document, note: str = "") -> Document:
    """A received document that asks nothing of the unit is filed for information."""
    _require(user, ASSIGN, document.unit, _("Bạn không có quyền cho lưu văn bản tại đơn vị này."))
    with acting(user):
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if not locked.is_incoming or locked.status != Document.Status.RECEIVED:
            raise refuse(E.WRONG_STATUS, _("Chỉ cho lưu văn bản đến chưa giao xử lý."))
        locked.status = Document.Status.FILED
        locked.save(update_fields=["status"])
        _event(locked, "filed", user, (note or "").strip())
    return locked


# ---------------------------------------------------------------- outgoing


def outgoing_draft(*, user, document: Document, links: list[tuple[str, Document]] = ()) -> Document:
    """A draft in an outgoing register (new, or a change while still a draft)."""
    register = document.register if document.register_id else None
    if register is None:
        raise refuse(E.REGISTER_WRONG_DIRECTION, _("Hãy chọn sổ văn bản đi."), field="register")
    _require(user, RECEIVE, register.unit, _("Bạn không có quyền soạn văn bản đi của đơn vị này."))
    errors = _model_problems(document, exclude=["file", "registry_number", "issuer"])
    if register.direction != Direction.OUTGOING:
        _add(errors, "register", E.REGISTER_WRONG_DIRECTION, _("Đây không phải sổ văn bản đi."))
    elif not register.is_active:
        _add(
            errors, "register", E.REGISTER_INACTIVE, _("Sổ này đã thôi sử dụng; hãy chọn sổ khác.")
        )
    if not (document.body or "").strip():
        _add(errors, "body", E.BODY_MISSING, _("Hãy nhập nội dung văn bản."))
    if not (document.signer_name or "").strip() or not (document.signer_title or "").strip():
        _add(errors, "signer_name", E.SIGNER_MISSING, _("Hãy ghi chức vụ và họ tên người ký."))
    for _kind, target in links:
        if target.pk == document.pk:
            _add(errors, "links", E.LINK_TO_ITSELF, _("Văn bản không thể có quan hệ với chính nó."))
        elif not user_can(user, "documents.view_document", target.unit):
            _add(
                errors,
                "links",
                E.LINK_OUTSIDE_SCOPE,
                _("Văn bản liên quan nằm ngoài phạm vi của bạn."),
            )
    if document.pk and document.status != Document.Status.DRAFT:
        _add(errors, "", E.WRONG_STATUS, _("Chỉ sửa được văn bản đang là dự thảo."))
    _raise(errors)
    with acting(user):
        new = document.pk is None
        document.unit = register.unit
        document.direction = Direction.OUTGOING
        document.status = Document.Status.DRAFT
        document.issuer = issuer_name(register.unit)
        document.year = document.year or timezone.localdate().year
        document.created_by = document.created_by or user
        document.search_text = _search_text(document)
        document.save()
        document.links.all().delete()
        DocumentLink.objects.bulk_create(
            [DocumentLink(source=document, kind=kind, target=target) for kind, target in links]
        )
        if new:
            _event(document, "drafted", user)
    return document


def issuer_name(unit: Unit) -> str:
    """The issuing body as documents name it: "UBND huyện Lương Tài", an office by its name."""
    if unit.kind == Unit.Kind.OFFICE:
        return unit.name
    return f"UBND {unit.name[0].lower()}{unit.name[1:]}"


def _step(user, document: Document, *, perm: str, allowed: set[str], to: str, action: str,
          note: str = "", message: str) -> Document:  # fmt: skip
    _require(user, perm, document.unit, message)
    with acting(user):
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if locked.direction != Direction.OUTGOING or locked.status not in allowed:
            raise refuse(E.WRONG_STATUS, _("Văn bản đang ở trạng thái «%(s)s»; không thực hiện được bước này.")
                         % {"s": locked.get_status_display()})  # fmt: skip
        locked.status = to
        locked.save(update_fields=["status"])
        _event(locked, action, user, note)
    return locked


def outgoing_submit(*, user, document: Document) -> Document:
    return _step(user, document, perm=CHANGE, allowed={"draft"}, to="submitted", action="submitted",
                 message=_("Bạn không có quyền trình văn bản này."))  # fmt: skip


def outgoing_return(*, user, document: Document, reason: str) -> Document:
    if not (reason or "").strip():
        raise refuse(E.REASON_MISSING, _("Hãy ghi ý kiến khi trả lại dự thảo."), field="reason")
    return _step(user, document, perm=ISSUE, allowed={"submitted", "approved"}, to="draft",
                 action="returned", note=reason.strip(), message=_("Bạn không có quyền duyệt văn bản này."))  # fmt: skip


def outgoing_approve(*, user, document: Document) -> Document:
    return _step(user, document, perm=ISSUE, allowed={"submitted"}, to="approved", action="approved",
                 message=_("Bạn không có quyền duyệt văn bản này."))  # fmt: skip


def _number_symbol(document: Document, number: int) -> str:
    symbol = document.register.symbol or "UBND"
    abbreviation = document.kind.abbreviation
    if document.kind.is_legal:  # a legal document carries its year: 12/2019/QĐ-UBND
        return f"{number}/{document.year}/{abbreviation}-{symbol}"
    return f"{number}/{abbreviation}-{symbol}" if abbreviation else f"{number}/{symbol}"


def _sheet(document: Document, number_symbol: str, day: date) -> layout.Sheet:
    unit = document.unit
    parent = unit.parent if unit.parent_id else None
    above = f"UBND {parent.name}" if parent is not None and parent.kind != Unit.Kind.OFFICE else ""
    body = unit.name if unit.kind == Unit.Kind.OFFICE else f"Ủy ban nhân dân {unit.name}"
    place = unit.short_name or unit.name
    return layout.Sheet(
        above=above,
        body=body,
        number=f"Số: {number_symbol}",
        place_date=layout.place_and_date(place, day),
        kind=document.kind.name if document.kind.abbreviation else "",
        excerpt=document.excerpt,
        text=document.body,
        recipients=[r.strip() for r in document.recipients.splitlines() if r.strip()],
        signer_title=document.signer_title,
        signer_name=document.signer_name,
    )


def credential_for(user) -> SigningCredential | None:
    """The person's signing credential that is valid longest."""
    return (
        SigningCredential.objects.filter(user=user, is_active=True, not_after__gt=timezone.now())
        .order_by("-not_after")
        .first()
    )


def outgoing_issue(*, user, document: Document, credential: SigningCredential | None, pin: str,
                   on: date | None = None) -> Document:  # fmt: skip
    """Number, date, render in the Decree 30 layout, sign with the signer's certificate and
    issue, in one transaction: a failed signature gives the number back (no gap). After
    the commit, a document marked for the portal is announced (`document_issued`)."""
    _require(
        user, ISSUE, document.unit, _("Bạn không có quyền ký ban hành văn bản của đơn vị này.")
    )
    errors: dict = {}
    if credential is None:
        _add(errors, "credential", E.CREDENTIAL_MISSING,
             _("Bạn chưa có chứng thư ký số còn hiệu lực; hãy thêm trong Văn bản → Chứng thư ký số."))  # fmt: skip
    elif credential.user_id != user.pk:
        _add(
            errors,
            "credential",
            E.CREDENTIAL_NOT_YOURS,
            _("Chỉ ký được bằng chứng thư số của chính bạn."),
        )
    elif credential.not_after <= timezone.now() or not credential.is_active:
        _add(
            errors,
            "credential",
            E.CREDENTIAL_EXPIRED,
            _("Chứng thư số này đã hết hạn hoặc thôi sử dụng."),
        )
    if not pin:
        _add(errors, "pin", E.BAD_PIN, _("Hãy nhập mã PIN của chứng thư số."))
    _raise(errors)
    day = on or timezone.localdate()
    with acting(user):
        locked = (
            Document.objects.select_for_update()
            .select_related("register", "kind", "unit")
            .get(pk=document.pk)
        )
        if locked.direction != Direction.OUTGOING or locked.status != Document.Status.APPROVED:
            raise refuse(E.WRONG_STATUS, _("Chỉ ban hành được văn bản đã duyệt (đang: «%(s)s»).")
                         % {"s": locked.get_status_display()})  # fmt: skip
        locked.year = day.year
        number = next_value(f"documents:{locked.register_id}:{day.year}")
        locked.number_symbol = _number_symbol(locked, number)
        pdf, box, page = layout.render(_sheet(locked, locked.number_symbol, day))
        try:
            signed = signing.sign_pdf(pdf, pkcs12=bytes(credential.pkcs12), passphrase=pin,
                                      signer_name=locked.signer_name or _name(user),
                                      reason=_("Ban hành văn bản"), location=locked.unit.name,
                                      box=box, page=page)  # fmt: skip
        except signing.SigningFailed as exc:
            raise refuse(
                E.BAD_PIN if exc.code == "bad_pin" else E.BAD_PDF, str(exc), field="pin"
            ) from exc
        locked.registry_number = number
        locked.issued_on = day
        locked.status = Document.Status.ISSUED
        locked.is_signed = True
        locked.signature = Document.Signature.VALID
        locked.signature_report = _verify(signed).as_json()
        locked.search_text = _search_text(locked)
        filename = f"{locked.number_symbol.replace('/', '-')}.pdf"
        locked.file.save(filename, ContentFile(signed), save=False)
        locked.save()
        _event(locked, "issued", user, number=number, number_symbol=locked.number_symbol,
               credential=credential.serial)  # fmt: skip
        if locked.publish_on_portal:
            transaction.on_commit(
                lambda: document_issued.send(Document, document=locked, user=user)
            )
    return locked


def outgoing_register_file(*, user, register: Register, kind, excerpt: str, render, signer_name: str,
                           signer_title: str, recipients: str, on: date | None = None) -> Document:  # fmt: skip
    """Register a document produced elsewhere in TTTT (a meeting's conclusion notice) in an
    outgoing register: numbered and dated on registration; `render(number_symbol, day)`
    gives its file as (bytes, file name), made once the number is known."""
    _require(
        user, RECEIVE, register.unit, _("Bạn không có quyền vào sổ văn bản đi của đơn vị này.")
    )
    if register.direction != Direction.OUTGOING or not register.is_active:
        raise refuse(
            E.REGISTER_WRONG_DIRECTION, _("Hãy chọn sổ văn bản đi đang dùng."), field="register"
        )
    day = on or timezone.localdate()
    with acting(user):
        document = Document(register=register, unit=register.unit, direction=Direction.OUTGOING,
                            kind=kind, excerpt=excerpt, issuer=issuer_name(register.unit),
                            signer_name=signer_name, signer_title=signer_title, recipients=recipients,
                            status=Document.Status.ISSUED, year=day.year, issued_on=day,
                            medium=Document.Medium.ELECTRONIC, created_by=user)  # fmt: skip
        document.registry_number = next_value(f"documents:{register.pk}:{day.year}")
        document.number_symbol = _number_symbol(document, document.registry_number)
        document.search_text = _search_text(document)
        content, filename = render(document.number_symbol, day)
        document.file.save(filename, ContentFile(content), save=False)
        document.save()
        _event(document, "issued", user, number=document.registry_number,
               number_symbol=document.number_symbol)  # fmt: skip
    return document


# ---------------------------------------------------------------- roots and credentials


def _load_der(blob: bytes) -> bytes:
    from asn1crypto import pem

    return pem.unarmor(blob)[2] if pem.detect(blob) else blob


def trusted_root_add(*, user, name: str, certificate: bytes, crl: bytes | None = None,
                     note: str = "") -> TrustedRoot:  # fmt: skip
    """Trust a root certificate (DER or PEM), optionally with its revocation list."""
    from cryptography import x509

    if not user.is_superuser and not user.has_perm("documents.add_trustedroot"):
        raise PermissionDenied(_("Chỉ quản trị hệ thống khai báo chứng thư gốc tin cậy."))
    errors: dict = {}
    cert = None
    try:
        der = _load_der(certificate)
        cert = x509.load_der_x509_certificate(der)
    except (ValueError, TypeError):
        _add(
            errors,
            "certificate",
            E.NOT_A_CERTIFICATE,
            _("Tệp không phải chứng thư số (DER hoặc PEM)."),
        )
    if cert is not None:
        try:
            is_ca = cert.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
        except x509.ExtensionNotFound:
            is_ca = False
        if not is_ca or cert.issuer != cert.subject:
            _add(
                errors,
                "certificate",
                E.NOT_A_ROOT,
                _("Đây không phải chứng thư gốc (tự ký, của tổ chức chứng thực)."),
            )
        elif TrustedRoot.objects.filter(fingerprint=hashlib.sha256(der).hexdigest()).exists():
            _add(
                errors, "certificate", E.ROOT_EXISTS, _("Chứng thư gốc này đã có trong danh sách.")
            )
    crl_der = None
    if crl:
        try:
            crl_der = _load_der(crl)
            x509.load_der_x509_crl(crl_der)
        except (ValueError, TypeError):
            _add(
                errors,
                "crl",
                E.NOT_A_CRL,
                _("Tệp không phải danh sách chứng thư bị thu hồi (CRL)."),
            )
    if not (name or "").strip():
        _add(errors, "name", "required", _("Hãy đặt tên cho chứng thư gốc."))
    _raise(errors)
    with acting(user):
        return TrustedRoot.objects.create(
            name=name.strip(), subject=cert.subject.rfc4514_string()[:300],
            fingerprint=hashlib.sha256(der).hexdigest(), certificate=der,
            not_after=cert.not_valid_after_utc, crl=crl_der,
            crl_updated_at=timezone.now() if crl_der else None, note=note,
        )  # fmt: skip


def trusted_root_update_crl(*, user, root: TrustedRoot, crl: bytes) -> TrustedRoot:
    from cryptography import x509

    if not user.is_superuser and not user.has_perm("documents.change_trustedroot"):
        raise PermissionDenied(_("Chỉ quản trị hệ thống cập nhật danh sách thu hồi."))
    try:
        der = _load_der(crl)
        x509.load_der_x509_crl(der)
    except (ValueError, TypeError) as exc:
        raise refuse(
            E.NOT_A_CRL, _("Tệp không phải danh sách chứng thư bị thu hồi (CRL)."), field="crl"
        ) from exc
    with acting(user):
        root.crl = der
        root.crl_updated_at = timezone.now()
        root.save(update_fields=["crl", "crl_updated_at"])
    return root


def credential_add(*, user, unit: Unit, pkcs12: bytes, pin: str) -> SigningCredential:
    """A person adds their own signing certificate (the PKCS#12 file their token exports);
    the PIN opens it to read the certificate and is not kept. The certificates register
    entry with the same serial is linked."""
    from tttt.infra.models import DigitalCertificate

    _require(
        user, "documents.add_signingcredential", unit, _("Bạn không có quyền ký số tại đơn vị này.")
    )
    try:
        info = signing.read_credential(pkcs12, pin)
    except signing.SigningFailed as exc:
        raise refuse(E.BAD_PIN, str(exc), field="pin") from exc
    if info.not_after <= timezone.now():
        raise refuse(E.CREDENTIAL_EXPIRED, _("Chứng thư số này đã hết hạn."), field="pkcs12")
    register_entry = DigitalCertificate.objects.filter(serial__iexact=info.serial).first()
    with acting(user):
        credential, _created = SigningCredential.objects.update_or_create(
            user=user, serial=info.serial,
            defaults=dict(unit=unit, subject=info.subject, issuer=info.issuer, not_after=info.not_after,
                          pkcs12=pkcs12, certificate=register_entry, is_active=True),
        )  # fmt: skip
    return credential


# ---------------------------------------------------------------- registers and kinds


def register_save(*, user, register: Register) -> Register:
    """Open or change a unit's register (an administrator of the unit)."""
    perm = "documents.change_register" if register.pk else "documents.add_register"
    _require(user, perm, register.unit, _("Bạn không có quyền mở sổ văn bản cho đơn vị này."))
    if register.pk:
        before = Register.objects.select_related("unit").get(pk=register.pk)
        _require(user, perm, before.unit, _("Sổ này thuộc đơn vị ngoài phạm vi của bạn."))
    with acting(user):
        register.full_clean()
        register.save()
    return register


def trusted_root_change(*, user, root: TrustedRoot) -> TrustedRoot:
    """Rename a trusted root, stop or resume trusting it."""
    if not user.has_perm("documents.change_trustedroot"):
        raise PermissionDenied(_("Chỉ quản trị hệ thống sửa chứng thư gốc tin cậy."))
    with acting(user):
        root.save(update_fields=["name", "is_active", "note"])
    return root


def credential_change(*, user, credential: SigningCredential) -> SigningCredential:
    """A person stops (or resumes) using their own signing certificate."""
    if credential.user_id != user.pk and not user.is_superuser:
        raise PermissionDenied(_("Chỉ người ký thay đổi được chứng thư ký số của mình."))
    with acting(user):
        credential.save(update_fields=["is_active"])
    return credential
