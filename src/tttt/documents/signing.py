"""Digital signatures on PDFs with pyHanko (the adapter: nothing else imports pyHanko).

`sign_pdf` signs with a PKCS#12 credential (a certificate and its key, protected by the
signer's PIN) and draws a visible stamp; hardware tokens (PKCS#11) and remote signing
would be other signers behind the same function. `verify_pdf` checks every signature of a
PDF against the trusted roots and revocation lists given as data, offline (nothing is
fetched), and says in one word what a clerk needs to know.
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from django.utils import timezone

FONT = Path(__file__).resolve().parent.parent / "core" / "fonts" / "DejaVuSerif.ttf"


class SigningFailed(ValueError):
    """The credential cannot sign: wrong PIN, not a PKCS#12 file, or an unusable PDF."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Credential:
    """What a PKCS#12 file holds, read with its PIN."""

    subject: str
    issuer: str
    serial: str
    not_before: datetime
    not_after: datetime


def _load(pkcs12: bytes, passphrase: str):
    from pyhanko.sign import signers

    try:
        return signers.SimpleSigner.load_pkcs12_data(
            pkcs12, other_certs=[], passphrase=passphrase.encode() if passphrase else None
        )
    except (ValueError, TypeError) as exc:
        raise SigningFailed(
            "bad_pin", "Mã PIN không đúng hoặc tệp không phải chứng thư số PKCS#12."
        ) from exc


def _common_name(name) -> str:
    return name.native.get("common_name") or name.human_friendly


def read_credential(pkcs12: bytes, passphrase: str) -> Credential:
    signer = _load(pkcs12, passphrase)
    if signer is None or signer.signing_cert is None:
        raise SigningFailed(
            "bad_pin", "Mã PIN không đúng hoặc tệp không phải chứng thư số PKCS#12."
        )
    cert = signer.signing_cert
    return Credential(
        subject=_common_name(cert.subject),
        issuer=_common_name(cert.issuer),
        serial=format(cert.serial_number, "X"),
        not_before=cert.not_valid_before,
        not_after=cert.not_valid_after,
    )


def _outside_any_loop(func):
    """pyHanko's synchronous calls start an asyncio loop; where one already runs in this
    thread (an async server, a browser test driving Playwright), run them in another."""
    import asyncio
    import functools

    @functools.wraps(func)
    def run(*args, **kwargs):
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return func(*args, **kwargs)
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(func, *args, **kwargs).result()

    return run


@_outside_any_loop
def sign_pdf(pdf: bytes, *, pkcs12: bytes, passphrase: str, signer_name: str, reason: str,
             location: str, box: tuple[int, int, int, int], page: int = -1) -> bytes:  # fmt: skip
    """The PDF signed by the credential, with a visible stamp in `box` (points, from the
    bottom left) on `page` (the last by default)."""
    from pyhanko.pdf_utils.content import ImportedPdfPage
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers
    from pyhanko.stamp import StaticStampStyle

    signer = _load(pkcs12, passphrase)
    if signer is None:
        raise SigningFailed(
            "bad_pin", "Mã PIN không đúng hoặc tệp không phải chứng thư số PKCS#12."
        )
    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    except Exception as exc:  # pyHanko raises several kinds for a broken file
        raise SigningFailed("bad_pdf", "Tệp PDF không đọc được nên không ký được.") from exc
    pages = int(writer.root["/Pages"]["/Count"])
    on_page = page if page >= 0 else pages + page
    meta = signers.PdfSignatureMetadata(
        field_name="ChuKySo", reason=reason, location=location, name=signer_name
    )
    out = io.BytesIO()
    with tempfile.NamedTemporaryFile(suffix=".pdf") as stamp:
        stamp.write(_stamp(box, signer_name, signer.signing_cert, timezone.localtime()))
        stamp.flush()
        style = StaticStampStyle(background=ImportedPdfPage(stamp.name), border_width=0)
        signers.PdfSigner(
            meta,
            signer=signer,
            stamp_style=style,
            new_field_spec=fields.SigFieldSpec("ChuKySo", on_page=on_page, box=box),
        ).sign_pdf(writer, output=out)
    return out.getvalue()


def _stamp(box, signer_name: str, cert, when: datetime) -> bytes:
    """The visible stamp as a one-page PDF the size of the box: who signed, for which
    body, with which certificate, when (drawn with fpdf2 so Vietnamese renders)."""
    from fpdf import FPDF

    width, height = box[2] - box[0], box[3] - box[1]
    pdf = FPDF(unit="pt", format=(width, height))
    pdf.set_margin(0)
    pdf.set_auto_page_break(False)
    pdf.add_font("serif", "", str(FONT))
    pdf.add_page()
    pdf.set_draw_color(200, 0, 0)
    pdf.set_text_color(200, 0, 0)
    pdf.set_line_width(1.2)
    pdf.rect(1, 1, width - 2, height - 2)
    org = cert.subject.native.get("organization_name") or ""
    lines = [f"Ký bởi: {signer_name}", org and f"Cơ quan: {org}",
             f"Chứng thư số: {format(cert.serial_number, 'X')[:20]}",
             f"Thời gian ký: {when:%H:%M:%S, %d/%m/%Y}"]  # fmt: skip
    lines = [line for line in lines if line]
    size = min(9.0, (height - 8) / len(lines) / 1.25)
    pdf.set_font("serif", size=size)
    pdf.set_xy(6, (height - len(lines) * size * 1.25) / 2)
    for line in lines:
        pdf.cell(width - 12, size * 1.25, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_x(6)
    return bytes(pdf.output())


class Outcome(StrEnum):
    """What a signature check found, for people and for the API."""

    VALID = "valid"  # intact, trusted, nothing changed after signing
    MODIFIED = "modified"  # the signed bytes were changed, or content was added after signing
    EXPIRED = "expired"  # the signer's certificate is out of its validity period
    REVOKED = "revoked"  # the issuer revoked the signer's certificate
    UNTRUSTED = "untrusted"  # the certificate does not chain to a trusted root
    INVALID = "invalid"  # the signature itself does not verify
    UNSIGNED = "unsigned"  # the file has no signature


@dataclass
class Signature:
    outcome: Outcome
    signer: str = ""
    issuer: str = ""
    serial: str = ""
    signed_at: datetime | None = None
    not_after: datetime | None = None
    detail: str = ""


@dataclass
class Verdict:
    """All signatures of a file; the file's outcome is its worst signature's."""

    signatures: list[Signature] = field(default_factory=list)
    error: str = ""

    @property
    def outcome(self) -> Outcome:
        if not self.signatures:
            return Outcome.INVALID if self.error else Outcome.UNSIGNED
        order = [Outcome.MODIFIED, Outcome.INVALID, Outcome.REVOKED, Outcome.EXPIRED,
                 Outcome.UNTRUSTED, Outcome.VALID]  # fmt: skip
        return min((s.outcome for s in self.signatures), key=order.index)

    @property
    def first(self) -> Signature | None:
        return self.signatures[0] if self.signatures else None

    def as_json(self) -> dict:
        return {
            "outcome": str(self.outcome),
            "error": self.error,
            "signatures": [
                {"outcome": str(s.outcome), "signer": s.signer, "issuer": s.issuer,
                 "serial": s.serial, "signed_at": s.signed_at.isoformat() if s.signed_at else None,
                 "not_after": s.not_after.isoformat() if s.not_after else None, "detail": s.detail}
                for s in self.signatures
            ],
        }  # fmt: skip


def _outcome(status) -> tuple[Outcome, str]:
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if not status.intact:
        return Outcome.MODIFIED, "Nội dung đã bị sửa sau khi ký."
    if not status.valid:
        return Outcome.INVALID, "Chữ ký không hợp lệ về mặt mật mã."
    if status.coverage != SignatureCoverageLevel.ENTIRE_FILE and (
        status.modification_level is None or status.modification_level > ModificationLevel.LTA_UPDATES
    ) and not status.docmdp_ok:  # fmt: skip
        return Outcome.MODIFIED, "Tệp có nội dung được thêm sau khi ký."
    if status.revoked:
        return Outcome.REVOKED, "Chứng thư số của người ký đã bị thu hồi."
    indic = str(status.trust_problem_indic or "")
    if "EXPIRED" in indic or "OUT_OF_BOUNDS" in indic or "NOT_YET_VALID" in indic:
        return Outcome.EXPIRED, "Chứng thư số của người ký đã hết hạn (hoặc chưa có hiệu lực)."
    if "REVOKED" in indic:
        return Outcome.REVOKED, "Chứng thư số của người ký đã bị thu hồi."
    if not status.trusted:
        return (
            Outcome.UNTRUSTED,
            "Chứng thư số không thuộc tổ chức chứng thực tin cậy nào đã khai báo.",
        )
    return Outcome.VALID, "Chữ ký hợp lệ, nội dung nguyên vẹn từ khi ký."


@_outside_any_loop
def verify_pdf(pdf: bytes, *, roots: list[bytes], crls: list[bytes] = ()) -> Verdict:
    """Check every signature of the PDF against the trusted `roots` (DER or PEM) and the
    revocation lists `crls` (DER), offline."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception:  # any unreadable file is "not a PDF we can check"
        return Verdict(error="Tệp không phải PDF đọc được.")
    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    trust = []
    for blob in roots:
        der = pem.unarmor(blob)[2] if pem.detect(blob) else blob
        trust.append(asn1_x509.Certificate.load(der))
    verdict = Verdict()
    for sig in embedded:
        context = ValidationContext(
            trust_roots=trust, crls=list(crls), allow_fetching=False, revocation_mode="soft-fail"
        )
        try:
            status = validate_pdf_signature(sig, context)
        except Exception as exc:  # a malformed signature is a finding, not a crash
            verdict.signatures.append(
                Signature(Outcome.INVALID, detail=f"Không kiểm tra được chữ ký: {exc}")
            )
            continue
        outcome, detail = _outcome(status)
        cert = status.signing_cert
        verdict.signatures.append(
            Signature(
                outcome=outcome,
                signer=_common_name(cert.subject),
                issuer=_common_name(cert.issuer),
                serial=format(cert.serial_number, "X"),
                signed_at=status.signer_reported_dt,
                not_after=cert.not_valid_after,
                detail=detail,
            )
        )
    return verdict
