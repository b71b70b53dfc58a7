"""Is an uploaded file what its name says? The first bytes of each type TTTT accepts
(settings' file types, photos), checked against the extension: a file named `.pdf` whose
content is HTML is refused, whatever the browser declared as its content type."""

from __future__ import annotations

import os

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from tttt.core.errors import CoreError

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Word 97–2003, Excel 97–2003
ZIP = b"PK\x03\x04"  # docx, xlsx (Office Open XML is a zip)


def _heic(head: bytes) -> bool:
    return head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc")


def _text(head: bytes) -> bool:
    """Plain text (logs, e-mails, CSV, JSON): UTF-8 without NUL bytes, and not a web page."""
    if b"\0" in head or head.lstrip().lower().startswith((b"<!doctype html", b"<html", b"<script")):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as cut:  # a character cut at the end of the bytes read is fine
        return cut.start >= len(head) - 3
    return True


SIGNATURES = {
    "pdf": lambda h: h.startswith(b"%PDF-"),
    "jpg": lambda h: h.startswith(b"\xff\xd8\xff"),
    "jpeg": lambda h: h.startswith(b"\xff\xd8\xff"),
    "png": lambda h: h.startswith(b"\x89PNG\r\n\x1a\n"),
    "webp": lambda h: h[:4] == b"RIFF" and h[8:12] == b"WEBP",
    "heic": _heic,
    "doc": lambda h: h.startswith(OLE),
    "xls": lambda h: h.startswith(OLE),
    "docx": lambda h: h.startswith(ZIP),
    "xlsx": lambda h: h.startswith(ZIP),
    "zip": lambda h: h.startswith(ZIP),
    **dict.fromkeys(("txt", "log", "csv", "eml", "json"), _text),
}


def extension(name: str) -> str:
    return os.path.splitext(name)[1].lstrip(".").lower()


def content_problem(upload, name: str | None = None) -> str | None:
    """A Vietnamese message when the file's content is not of the type its name gives (or
    the type is not one TTTT knows), None when it is. Reads the first bytes and rewinds."""
    name = name or upload.name
    ext = extension(name)
    check = SIGNATURES.get(ext)
    position = upload.tell() if hasattr(upload, "tell") else 0
    upload.seek(0)
    head = upload.read(16)
    upload.seek(position)
    if check is None or not check(head or b""):
        return _("Tệp «{name}» không phải tệp {ext} thật (nội dung không đúng loại); hãy chọn "
                 "đúng tệp gốc.").format(name=name, ext=ext.upper() or "?")  # fmt: skip
    return None


def upload_problems(upload, *, allowed, max_mb: int, name: str | None = None,
                    size: int | None = None) -> list[ValidationError]:  # fmt: skip
    """Every reason to refuse an upload, coded: a type not `allowed`, content that is not
    of its type, a size over `max_mb`. Empty when the file is acceptable."""
    name = name or upload.name
    size = upload.size if size is None else size
    allowed = {t.lower() for t in allowed}
    problems = []
    if extension(name) not in allowed:
        message = _("Tệp «{name}»: chỉ nhận các loại {types}.").format(
            name=name, types=", ".join(sorted(allowed)))  # fmt: skip
        problems.append(ValidationError(message, code=CoreError.FILE_TYPE))
    elif message := content_problem(upload, name):
        problems.append(ValidationError(message, code=CoreError.FILE_CONTENT))
    if size > max_mb * 1024 * 1024:
        message = _("Tệp «{name}» lớn hơn {mb} MB; hãy nén hoặc tách tệp.").format(
            name=name, mb=max_mb
        )
        problems.append(ValidationError(message, code=CoreError.FILE_TOO_LARGE))
    return problems
