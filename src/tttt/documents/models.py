"""The incoming and outgoing registers (sổ văn bản đến, sổ văn bản đi), their documents and
timelines, and what signatures are checked against (DESIGN.md: documents).

A register belongs to a unit and numbers its documents from 1 each year; an incoming
document takes its number when it is received, an outgoing one when it is issued, through
`core.sequences` (never a gap, never a duplicate: the number commits with the document).
Whether an incoming document is being handled, handled, or late is read from the task its
assignment created (`assignments`), never stored twice.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tttt.assignments.models import Task
from tttt.core.formatting import format_date
from tttt.core.storage import private_storage
from tttt.org.models import Unit


class Direction(models.TextChoices):
    INCOMING = "in", _("Văn bản đến")
    OUTGOING = "out", _("Văn bản đi")


class DocumentKind(models.Model):
    """A kind of administrative document with its abbreviation (Decree 30/2020, Appendix
    III); data an administrator keeps."""

    name = models.CharField(_("tên loại văn bản"), max_length=100, unique=True)
    abbreviation = models.CharField(
        _("chữ viết tắt"),
        max_length=10,
        blank=True,
        help_text=_("Ví dụ QĐ, KH, TB; để trống cho công văn (số ký hiệu dạng 12/UBND-VP)."),
    )
    is_legal = models.BooleanField(_("văn bản quy phạm pháp luật"), default=False)
    published_by_default = models.BooleanField(
        _("đăng cổng thông tin khi ban hành"),
        default=False,
        help_text=_("Văn bản chỉ đạo, điều hành và văn bản QPPL đăng công khai trên cổng."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")

    def __str__(self):
        return self.name


class Register(models.Model):
    """A unit's register of incoming or outgoing documents; numbers restart each year."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="document_registers", verbose_name=_("đơn vị")
    )
    direction = models.CharField(_("loại sổ"), max_length=3, choices=Direction.choices)
    name = models.CharField(_("tên sổ"), max_length=120)
    symbol = models.CharField(
        _("ký hiệu cơ quan"),
        max_length=30,
        blank=True,
        help_text=_("Phần sau dấu gạch ngang của số ký hiệu văn bản đi, ví dụ UBND hoặc UBND-VP."),
    )
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["unit__path", "direction", "name"]
        verbose_name = _("sổ văn bản")
        verbose_name_plural = _("sổ văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "direction", "name"], name="documents_register_unique_name"
            )
        ]

    def __str__(self):
        return f"{self.name} — {self.unit.name}"


class Document(models.Model):
    """One entry of a register: a document received or a document drafted and issued here."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Đã tiếp nhận")
        ASSIGNED = "assigned", _("Đã giao xử lý")
        FILED = "filed", _("Lưu, để biết")
        DRAFT = "draft", _("Dự thảo")
        SUBMITTED = "submitted", _("Trình duyệt")
        APPROVED = "approved", _("Đã duyệt, chờ ký ban hành")
        ISSUED = "issued", _("Đã ban hành")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("Thường")
        URGENT = "urgent", _("Khẩn")
        VERY_URGENT = "very_urgent", _("Thượng khẩn")
        FLASH = "flash", _("Hỏa tốc")

    class Secrecy(models.TextChoices):
        NORMAL = "normal", _("Thường")
        CONFIDENTIAL = "confidential", _("Mật")
        SECRET = "secret", _("Tối mật")
        TOP_SECRET = "top_secret", _("Tuyệt mật")

    class Medium(models.TextChoices):
        ELECTRONIC = "electronic", _("Văn bản điện tử")
        SCANNED = "scanned", _("Bản giấy, đã số hóa")
        PAPER = "paper", _("Bản giấy")

    class Signature(models.TextChoices):
        VALID = "valid", _("Chữ ký số hợp lệ")
        MODIFIED = "modified", _("Đã bị sửa sau khi ký")
        EXPIRED = "expired", _("Chứng thư số hết hạn")
        REVOKED = "revoked", _("Chứng thư số đã bị thu hồi")
        UNTRUSTED = "untrusted", _("Không rõ tổ chức chứng thực")
        INVALID = "invalid", _("Chữ ký không hợp lệ")
        UNSIGNED = "unsigned", _("Không có chữ ký số")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="documents", verbose_name=_("đơn vị")
    )
    register = models.ForeignKey(
        Register, on_delete=models.PROTECT, related_name="documents", verbose_name=_("sổ")
    )
    direction = models.CharField(_("loại"), max_length=3, choices=Direction.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    registry_number = models.PositiveIntegerField(_("số đến/số đi"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices)
    kind = models.ForeignKey(
        DocumentKind, on_delete=models.PROTECT, related_name="+", verbose_name=_("loại văn bản")
    )
    number_symbol = models.CharField(_("số, ký hiệu"), max_length=80, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    issued_on = models.DateField(_("ngày văn bản"), null=True, blank=True)
    received_at = models.DateTimeField(_("thời điểm đến"), null=True, blank=True)
    excerpt = models.TextField(_("trích yếu"))
    urgency = models.CharField(
        _("độ khẩn"), max_length=12, choices=Urgency.choices, default=Urgency.NORMAL
    )
    secrecy = models.CharField(
        _("độ mật"), max_length=12, choices=Secrecy.choices, default=Secrecy.NORMAL
    )
    medium = models.CharField(
        _("hình thức"), max_length=10, choices=Medium.choices, default=Medium.ELECTRONIC
    )
    body = models.TextField(_("nội dung"), blank=True)
    recipients = models.TextField(
        _("nơi nhận"),
        blank=True,
        help_text=_("Mỗi dòng một nơi nhận; dòng cuối thường là Lưu: VT."),
    )
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    file = models.FileField(
        _("tệp văn bản"),
        upload_to="documents/%Y/%m/",
        storage=private_storage,
        max_length=300,
        blank=True,
    )
    is_signed = models.BooleanField(_("đã ký số"), default=False)
    signature = models.CharField(
        _("kiểm tra chữ ký số"), max_length=10, choices=Signature.choices, blank=True
    )
    signature_report = models.JSONField(_("kết quả kiểm tra chữ ký"), default=dict, blank=True)
    publish_on_portal = models.BooleanField(_("đăng cổng thông tin"), default=False)
    task = models.OneToOneField(
        Task,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="document",
        verbose_name=_("nhiệm vụ xử lý"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-year", "-registry_number", "-pk"]
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        permissions = [("issue_document", _("Ký số, cấp số và ban hành văn bản đi"))]
        indexes = [
            models.Index(fields=["unit", "direction", "status"], name="documents_unit_dir_status"),
            models.Index(fields=["direction", "received_at"], name="documents_received_at"),
            models.Index(fields=["direction", "issued_on"], name="documents_issued_on"),
            models.Index(fields=["register", "year"], name="documents_register_year"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "year", "registry_number"],
                condition=Q(registry_number__isnull=False),
                name="documents_number_unique",
            ),
            models.CheckConstraint(
                condition=~Q(direction="in")
                | Q(registry_number__isnull=False, received_at__isnull=False),
                name="documents_incoming_numbered",
            ),
            models.CheckConstraint(
                condition=~Q(status="issued")
                | Q(registry_number__isnull=False, issued_on__isnull=False),
                name="documents_issued_numbered",
            ),
            models.CheckConstraint(
                condition=Q(direction="in", status__in=["received", "assigned", "filed"])
                | Q(direction="out", status__in=["draft", "submitted", "approved", "issued"]),
                name="documents_status_of_direction",
            ),
        ]

    def __str__(self):
        return f"{self.number_symbol or _('(chưa cấp số)')} — {self.excerpt[:80]}"

    @property
    def is_incoming(self) -> bool:
        return self.direction == Direction.INCOMING

    def handling_state(self, today=None) -> str:
        """For an incoming document: received (not assigned), handling, overdue, handled
        on time, handled late; read from its task."""
        if not self.is_incoming:
            return ""
        if self.task_id is None:
            return "filed" if self.status == self.Status.FILED else "received"
        state = self.task.state(today)
        return {"on_time": "handling", "cancelled": "cancelled"}.get(state, state)

    HANDLING_LABELS = {
        "received": _("Chưa giao xử lý"),
        "filed": _("Lưu, để biết"),
        "handling": _("Đang xử lý, trong hạn"),
        "overdue": _("Quá hạn xử lý"),
        "done_on_time": _("Đã xử lý đúng hạn"),
        "done_late": _("Đã xử lý quá hạn"),
        "cancelled": _("Dừng xử lý"),
    }


class DocumentEvent(models.Model):
    """One step of a document's timeline: received, verified, assigned, submitted,
    returned, approved, issued, published (the Saleor pattern: a typed action with
    its parameters)."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=20)
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=200, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    params = models.JSONField(default=dict, blank=True)

    ACTIONS = {
        "received": _("Tiếp nhận, vào sổ văn bản đến"),
        "verified": _("Kiểm tra chữ ký số"),
        "assigned": _("Giao xử lý"),
        "filed": _("Lưu, để biết (không phải xử lý)"),
        "drafted": _("Lập dự thảo"),
        "submitted": _("Trình duyệt"),
        "returned": _("Trả lại dự thảo"),
        "approved": _("Duyệt dự thảo"),
        "issued": _("Ký số, cấp số và ban hành"),
        "published": _("Đăng cổng thông tin"),
    }

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("bước xử lý văn bản")
        verbose_name_plural = _("quá trình xử lý văn bản")
        indexes = [models.Index(fields=["document", "at"], name="documents_event_doc_at")]

    def __str__(self):
        return f"{format_date(self.at)} {self.action_label}"

    @property
    def action_label(self) -> str:
        return str(self.ACTIONS.get(self.action, self.action))


class DocumentLink(models.Model):
    """This outgoing document amends, replaces, repeals or guides another one of the
    registers; carried to the portal's document pages."""

    class Kind(models.TextChoices):
        AMENDS = "amends", _("sửa đổi, bổ sung")
        REPLACES = "replaces", _("thay thế")
        REPEALS = "repeals", _("bãi bỏ")
        GUIDES = "guides", _("hướng dẫn")
        REPLIES = "replies", _("trả lời")

    source = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(_("quan hệ"), max_length=10, choices=Kind.choices)
    target = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="linked_from", verbose_name=_("văn bản")
    )

    class Meta:
        verbose_name = _("quan hệ văn bản")
        verbose_name_plural = _("quan hệ văn bản")
        constraints = [
            models.UniqueConstraint(fields=["source", "kind", "target"], name="documents_link_unique"),
            models.CheckConstraint(condition=~Q(source=models.F("target")), name="documents_link_not_self"),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.get_kind_display()} {self.target}"


class TrustedRoot(models.Model):
    """A root certificate signatures are checked against, with its revocation list (data:
    the Government's specialised root, the licensed public CAs' roots)."""

    name = models.CharField(_("tên"), max_length=200)
    subject = models.CharField(_("chủ thể"), max_length=300, editable=False)
    fingerprint = models.CharField(
        _("dấu vân tay SHA-256"), max_length=64, unique=True, editable=False
    )
    certificate = models.BinaryField(_("chứng thư gốc (DER)"))
    not_after = models.DateTimeField(_("hiệu lực đến"), editable=False)
    crl = models.BinaryField(_("danh sách thu hồi (CRL, DER)"), null=True, blank=True)
    crl_updated_at = models.DateTimeField(_("cập nhật CRL lúc"), null=True, blank=True)
    is_active = models.BooleanField(_("đang tin cậy"), default=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("chứng thư gốc tin cậy")
        verbose_name_plural = _("chứng thư gốc tin cậy")

    def __str__(self):
        return self.name


class SigningCredential(models.Model):
    """A person's signing certificate with its key, as the PKCS#12 file their token
    exports, protected by their PIN (never stored); linked to the certificates register.
    Hardware tokens and remote signing would be other kinds of credential."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="signing_credentials",
        verbose_name=_("người ký"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    certificate = models.ForeignKey(
        "infra.DigitalCertificate",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="signing_credentials",
        verbose_name=_("chứng thư số trong sổ theo dõi"),
    )
    subject = models.CharField(_("chủ thể"), max_length=200, editable=False)
    issuer = models.CharField(_("tổ chức cấp"), max_length=200, editable=False)
    serial = models.CharField(_("số hiệu"), max_length=64, editable=False)
    not_after = models.DateTimeField(_("hiệu lực đến"), editable=False)
    pkcs12 = models.BinaryField(editable=False)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("chứng thư ký số")
        verbose_name_plural = _("chứng thư ký số")
        constraints = [
            models.UniqueConstraint(fields=["user", "serial"], name="documents_credential_unique")
        ]

    def __str__(self):
        return f"{self.subject} ({self.serial[:12]}…)"


AUDITED = [DocumentKind, Register, Document, DocumentLink, TrustedRoot, SigningCredential]
