"""The e-portal: one Wagtail site per unit, the content Decree 42/2022 requires, citizens'
questions, comments and ratings, royalties.

Every portal lives under Wagtail's root as a `PortalHomePage` bound to a unit; a province
hosts its communes' component portals as sibling sites, linked through the unit tree.
Content pages carry their portal's unit (kept on save and on move) so that statistics and
scope are one indexed filter, and a folded copy of their text for diacritic-insensitive
search.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable, Page

from tttt.core.errors import refuse
from tttt.core.text import ascii_slug, fold
from tttt.org.models import Unit

from .cache import SkipsEmptyViewRestrictions
from .errors import PortalError as E
from .forms import PortalPageForm, available_slug

PORTAL_DEPTH = 2  # portal home pages are children of Wagtail's root page
PATH_STEP = 4  # treebeard's step length in Page.path


# ---------------------------------------------------------------- data


class RequiredCategory(models.Model):
    """A kind of content the law requires on a state portal (Decree 42/2022 Art. 4), as data:
    the list changes with the law (Decree 224/2026 replaces it), so it has validity dates."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên chuyên mục"), max_length=200)
    description = models.TextField(_("nội dung phải có"), blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=300)
    max_age_days = models.PositiveIntegerField(
        _("cập nhật tối thiểu (ngày)"),
        null=True,
        blank=True,
        help_text=_(
            "Chuyên mục bị coi là cũ khi không có nội dung mới trong số ngày này; để trống nếu không áp dụng."
        ),
    )
    page_kind = models.CharField(
        _("loại trang tạo sẵn"),
        max_length=12,
        blank=True,
        choices=[
            ("section", _("Chuyên mục")),
            ("content", _("Trang nội dung")),
            ("procedures", _("Danh mục thủ tục")),
            ("questions", _("Hỏi đáp")),
            ("contact", _("Danh bạ")),
            ("tasks", _("Theo dõi thực hiện nhiệm vụ")),
            ("press", _("Phát ngôn, cung cấp thông tin cho báo chí")),
        ],
        help_text=_("Trang được tạo sẵn cho chuyên mục này khi lập cổng mới."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("chuyên mục bắt buộc")
        verbose_name_plural = _("chuyên mục bắt buộc")

    def __str__(self):
        return self.name

    def in_force_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


class DocumentType(models.Model):
    """Kind of document (Luật, Nghị định, Quyết định, Chỉ thị, Công văn, …); data."""

    code = models.SlugField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên loại văn bản"), max_length=100, unique=True)
    is_legal = models.BooleanField(
        _("văn bản quy phạm pháp luật"),
        default=False,
        help_text=_("Bỏ chọn cho văn bản chỉ đạo, điều hành (công văn, kế hoạch, thông báo…)."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")

    def __str__(self):
        return self.name


# ---------------------------------------------------------------- pages


# The page type last found at a URL, per process: a page is then read in one query. A stale
# entry costs nothing but the full lookup (the typed query finds no live page there).
_PAGE_TYPES: dict[str, type] = {}


class PortalHomePage(SkipsEmptyViewRestrictions, Page):
    """The home page of one unit's portal; a Wagtail site points at it."""

    unit = models.OneToOneField(
        Unit, on_delete=models.PROTECT, related_name="portal", verbose_name=_("đơn vị")
    )
    tagline = models.CharField(_("dòng giới thiệu"), max_length=250, blank=True)
    intro = RichTextField(_("giới thiệu ngắn"), blank=True)
    answer_days = models.PositiveSmallIntegerField(
        _("thời hạn trả lời câu hỏi (ngày làm việc)"),
        default=5,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("Mặc định 5 ngày làm việc, tối đa 10."),
    )
    point_value = models.PositiveBigIntegerField(
        _("giá trị một hệ số nhuận bút (đồng)"),
        default=0,
        help_text=_("Mức tiền của một hệ số theo quy định của đơn vị."),
    )
    contact_address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    contact_phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    contact_email = models.EmailField(_("thư điện tử"), blank=True)
    licence = models.CharField(
        _("giấy phép, người chịu trách nhiệm"),
        max_length=300,
        blank=True,
        help_text=_("Dòng chân trang: cơ quan chủ quản, người chịu trách nhiệm chính."),
    )

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "portal.SectionPage",
        "portal.ContentPage",
        "portal.ProcedureCatalogPage",
        "portal.QuestionIndexPage",
        "portal.ContactPage",
        "portal.TaskFollowUpPage",
        "portal.SearchPage",
    ]
    max_count_per_parent = None

    content_panels = Page.content_panels + [
        FieldPanel("unit", read_only=True),
        FieldPanel("tagline"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("contact_address"),
                FieldPanel("contact_phone"),
                FieldPanel("contact_email"),
                FieldPanel("licence"),
            ],
            heading=_("Liên hệ, chân trang"),
        ),
        MultiFieldPanel(
            [FieldPanel("answer_days"), FieldPanel("point_value")], heading=_("Quy định")
        ),
    ]

    class Meta:
        verbose_name = _("trang chủ cổng thông tin")

    def clean(self):
        super().clean()
        if self.unit_id and self.unit.kind == Unit.Kind.OFFICE:
            raise refuse(
                E.PORTAL_OF_OFFICE,
                _("Cổng thông tin thuộc một đơn vị hành chính, không phải cơ quan."),
                field="unit",
            )

    def get_context(self, request, *args, **kwargs):
        from . import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.chrome(self))
        context.update(queries.home_context(self))
        return context

    def route(self, request, path_components):
        """Find a page of this portal by its URL in one indexed query (Wagtail's default
        walks the tree one level at a time)."""
        if not path_components:
            return super().route(request, path_components)
        from django.http import Http404
        from wagtail.url_routing import RouteResult

        url_path = self.url_path + "/".join(path_components) + "/"
        entry = getattr(request, "_tttt_page_entry", None)  # see portal.middleware
        if entry is not None and entry.page is not None and entry.page.url_path == url_path:
            page = entry.page
        else:
            page = self._find_live(url_path)
            if entry is not None and page is not None:
                entry.remember(page)
        if page is None or not page.path.startswith(self.path):
            raise Http404
        return RouteResult(page)

    @staticmethod
    def _find_live(url_path: str):
        model = _PAGE_TYPES.get(url_path)
        page = model.objects.live().filter(url_path=url_path).first() if model else None
        if page is None:  # not seen yet, or gone or replaced since: look it up in full
            page = Page.objects.live().filter(url_path=url_path).specific().first()
            if page is not None:
                if len(_PAGE_TYPES) > 50_000:
                    _PAGE_TYPES.clear()
                _PAGE_TYPES[url_path] = type(page)
        return page

    def serve(self, request, *args, **kwargs):
        from .cache import public_cache

        return public_cache(request, super().serve(request, *args, **kwargs))


class PortalContent(SkipsEmptyViewRestrictions, Page):
    """Fields every page inside a portal shares (abstract)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, editable=False, related_name="+"
    )
    category = models.ForeignKey(
        RequiredCategory,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chuyên mục bắt buộc"),
        help_text=_(
            "Chuyên mục theo Nghị định 42/2022 mà trang này đáp ứng (để kiểm tra tuân thủ)."
        ),
    )
    search_text = models.TextField(editable=False, default="")

    promote_panels = Page.promote_panels + [FieldPanel("category")]
    base_form_class = PortalPageForm
    # Pages that shape the portal (sections, fixed pages) are made by those who may publish
    # there; reporters create only what they write (news, articles, documents).
    written_by_reporters = False

    @classmethod
    def creatable_by(cls, user, parent: Page) -> bool:
        return cls.written_by_reporters or parent.permissions_for_user(user).can_publish_subpage()

    class Meta:
        abstract = True

    def full_clean(self, *args, **kwargs):
        # Slugs from the title without diacritics ("huyen-luong-tai-…"), with a suffix when
        # a sibling holds it; Wagtail's own would keep them or drop "đ".
        if not self.slug and self.title:
            parent = self.get_parent() if self.path else getattr(self, "_cached_parent_obj", None)
            if parent is not None:
                self.slug = available_slug(ascii_slug(self.title), parent, self)
        super().full_clean(*args, **kwargs)

    def search_parts(self) -> list[str]:
        return [self.title, self.search_description]

    def refresh_derived(self, unit_id: int | None = None) -> None:
        """Fill what is derived from the page: its portal's unit (looked up from the tree
        unless given) and the folded search text."""
        if unit_id is not None:
            self.unit_id = unit_id
        elif self.path and len(self.path) >= PORTAL_DEPTH * PATH_STEP:
            self.unit_id = (
                PortalHomePage.objects.filter(path=self.path[: PORTAL_DEPTH * PATH_STEP])
                .values_list("unit_id", flat=True)
                .first()
            )
        self.search_text = fold(" ".join(p for p in self.search_parts() if p))

    def save(self, *args, **kwargs):
        self.refresh_derived()
        return super().save(*args, **kwargs)

    @property
    def portal(self) -> PortalHomePage | None:
        from .queries import portal_of

        return portal_of(self)

    def get_context(self, request, *args, **kwargs):
        from . import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.chrome(self))
        return context

    def serve(self, request, *args, **kwargs):
        from .cache import public_cache

        return public_cache(request, super().serve(request, *args, **kwargs))


# Full-text indexes over `search_text` exist on PostgreSQL only (migration 0002).
SEARCHABLE = ["sectionpage", "newspage", "documentpage", "contentpage", "question"]


def _raw_blocks(stream) -> list[dict]:
    """The stream's blocks as stored (no image lookups)."""
    return list(stream.raw_data) if stream else []


def _stream_text(stream) -> str:
    parts = []
    for block in _raw_blocks(stream):
        value = block.get("value")
        if block.get("type") in ("paragraph", "quote"):
            parts.append(strip_tags(str(value or "")))
        elif block.get("type") == "image" and isinstance(value, dict):
            parts.append(value.get("alt_text") or "")
    return " ".join(parts)


def _count_images(stream) -> int:
    return sum(1 for block in _raw_blocks(stream) if block.get("type") == "image")


BODY_BLOCKS = [
    ("paragraph", blocks.RichTextBlock(label=_("Đoạn văn"))),
    ("image", ImageBlock(label=_("Ảnh (bắt buộc có mô tả thay thế)"))),
    ("quote", blocks.BlockQuoteBlock(label=_("Trích dẫn"))),
]


class SectionPage(PortalContent):
    """A section (chuyên mục) listing its children: news, documents or content pages."""

    intro = RichTextField(_("giới thiệu"), blank=True)

    parent_page_types = ["portal.PortalHomePage", "portal.SectionPage"]
    subpage_types = [
        "portal.SectionPage",
        "portal.NewsPage",
        "portal.DocumentPage",
        "portal.ContentPage",
    ]
    content_panels = PortalContent.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("chuyên mục")

    def search_parts(self):
        return [*super().search_parts(), strip_tags(self.intro)]

    def get_context(self, request, *args, **kwargs):
        from . import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.section_listing(self, request.GET))
        return context

    def serve(self, request, *args, **kwargs):
        from . import views

        return views.section_page(request, self)


class NewsPage(PortalContent):
    """A news item (tin) or an article (bài)."""

    written_by_reporters = True

    class Kind(models.TextChoices):
        NEWS = "news", _("Tin")
        ARTICLE = "article", _("Bài")

    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices, default=Kind.NEWS)
    lead = models.TextField(_("sapo (tóm tắt)"), max_length=600)
    main_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ảnh đại diện"),
    )
    main_image_alt = models.CharField(
        _("mô tả ảnh đại diện"),
        max_length=250,
        blank=True,
        help_text=_("Bắt buộc khi có ảnh: mô tả nội dung ảnh cho người không nhìn thấy."),
    )
    body = StreamField(BODY_BLOCKS, verbose_name=_("nội dung"), use_json_field=True)
    byline = models.CharField(
        _("tác giả"),
        max_length=200,
        blank=True,
        help_text=_("Ví dụ: Tin: Nguyên Hồng. Ảnh: Trung Thành"),
    )
    allow_comments = models.BooleanField(_("cho phép bình luận"), default=True)
    image_count = models.PositiveSmallIntegerField(_("số ảnh"), default=0, editable=False)
    advisory = models.OneToOneField(
        "security.Advisory", on_delete=models.SET_NULL, null=True, blank=True, editable=False,
        related_name="+", verbose_name=_("cảnh báo, hướng dẫn an toàn thông tin"),
    )  # fmt: skip  # the page is published from the security app's advisory

    parent_page_types = ["portal.SectionPage"]
    subpage_types: list[str] = []
    content_panels = PortalContent.content_panels + [
        FieldPanel("kind"),
        FieldPanel("lead"),
        MultiFieldPanel(
            [FieldPanel("main_image"), FieldPanel("main_image_alt")], heading=_("Ảnh đại diện")
        ),
        FieldPanel("body"),
        FieldPanel("byline"),
        FieldPanel("allow_comments"),
    ]

    class Meta:
        verbose_name = _("tin, bài")
        verbose_name_plural = _("tin, bài")
        indexes = [
            models.Index(fields=["unit", "kind"], name="portal_news_unit_kind"),
        ]

    def clean(self):
        super().clean()
        if self.main_image_id and not self.main_image_alt.strip():
            raise refuse(
                E.IMAGE_ALT_MISSING,
                _("Hãy nhập mô tả ảnh đại diện (văn bản thay thế)."),
                field="main_image_alt",
            )

    def search_parts(self):
        return [*super().search_parts(), self.lead, _stream_text(self.body), self.byline]

    def refresh_derived(self, unit_id: int | None = None) -> None:
        self.image_count = (1 if self.main_image_id else 0) + _count_images(self.body)
        super().refresh_derived(unit_id)

    def serve(self, request, *args, **kwargs):
        from . import views

        return views.news_page(request, self)


class DocumentPage(PortalContent):
    """A legal or directive document with its metadata, file and relations."""

    written_by_reporters = True

    doc_type = models.ForeignKey(
        DocumentType, on_delete=models.PROTECT, related_name="+", verbose_name=_("loại văn bản")
    )
    number = models.CharField(_("số, ký hiệu"), max_length=80, help_text=_("Ví dụ: 42/2022/NĐ-CP"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=200)
    issued_on = models.DateField(_("ngày ban hành"))
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expires_on = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    field_name = models.CharField(_("lĩnh vực"), max_length=120, blank=True)
    summary = models.TextField(_("trích yếu"))
    file = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tệp văn bản"),
    )
    register_document = models.ForeignKey(
        "documents.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="portal_pages",
        verbose_name=_("văn bản trong sổ văn bản đi"),
    )

    parent_page_types = ["portal.SectionPage"]
    subpage_types: list[str] = []
    content_panels = PortalContent.content_panels + [
        FieldPanel("doc_type"),
        FieldPanel("number"),
        FieldPanel("issuer"),
        FieldPanel("field_name"),
        MultiFieldPanel(
            [FieldPanel("issued_on"), FieldPanel("effective_on"), FieldPanel("expires_on")],
            heading=_("Ngày"),
        ),
        FieldPanel("signer"),
        FieldPanel("summary"),
        FieldPanel("file"),
        InlinePanel("relations", label=_("Quan hệ với văn bản khác")),
    ]

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        indexes = [
            models.Index(fields=["unit", "doc_type"], name="portal_doc_unit_type"),
            models.Index(fields=["issued_on"], name="portal_doc_issued"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_on__isnull=True) | Q(effective_on__gte=models.F("issued_on")),
                name="portal_doc_effective_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__isnull=True)
                | Q(effective_on__isnull=True)
                | Q(expires_on__gt=models.F("effective_on")),
                name="portal_doc_expires_after_effective",
            ),
        ]

    def clean(self):
        super().clean()
        if self.effective_on and self.issued_on and self.effective_on < self.issued_on:
            raise refuse(
                E.EFFECTIVE_BEFORE_ISSUED,
                _("Ngày có hiệu lực không thể trước ngày ban hành."),
                field="effective_on",
            )
        if self.expires_on and self.effective_on and self.expires_on <= self.effective_on:
            raise refuse(
                E.EXPIRES_BEFORE_EFFECTIVE,
                _("Ngày hết hiệu lực phải sau ngày có hiệu lực."),
                field="expires_on",
            )

    def search_parts(self):
        return [
            *super().search_parts(),
            self.number,
            self.summary,
            self.issuer,
            self.signer,
            self.field_name,
        ]

    def validity(self, on: date | None = None):
        from .queries import document_validity

        return document_validity(self, on or timezone.localdate())


class DocumentRelation(Orderable):
    """This document amends, replaces, repeals or guides another one."""

    class Kind(models.TextChoices):
        AMENDS = "amends", _("sửa đổi, bổ sung")
        REPLACES = "replaces", _("thay thế")
        REPEALS = "repeals", _("bãi bỏ")
        GUIDES = "guides", _("hướng dẫn")

    source = ParentalKey(DocumentPage, on_delete=models.CASCADE, related_name="relations")
    kind = models.CharField(_("quan hệ"), max_length=10, choices=Kind.choices)
    target = models.ForeignKey(
        DocumentPage,
        on_delete=models.PROTECT,
        related_name="incoming_relations",
        verbose_name=_("văn bản"),
    )

    panels = [FieldPanel("kind"), FieldPanel("target")]

    class Meta(Orderable.Meta):
        verbose_name = _("quan hệ văn bản")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "target"], name="portal_docrel_unique"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="portal_docrel_not_self"
            ),
        ]

    def clean(self):
        if self.source_id and self.source_id == self.target_id:
            raise refuse(
                E.RELATION_TO_ITSELF,
                _("Một văn bản không thể có quan hệ với chính nó."),
                field="target",
            )


class ContentPage(PortalContent):
    """A plain page: introduction, leaders' profiles, strategies, financial statements…"""

    body = StreamField(BODY_BLOCKS, verbose_name=_("nội dung"), use_json_field=True, blank=True)
    attachment = models.ForeignKey(
        "wagtaildocs.Document",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("tệp đính kèm"),
    )

    parent_page_types = ["portal.PortalHomePage", "portal.SectionPage"]
    subpage_types = ["portal.ContentPage"]
    content_panels = PortalContent.content_panels + [FieldPanel("body"), FieldPanel("attachment")]

    class Meta:
        verbose_name = _("trang nội dung")

    def search_parts(self):
        return [*super().search_parts(), _stream_text(self.body)]


class IntroPage(PortalContent):
    """A page with an introduction that lists records of another app (procedures,
    questions, contacts, tasks); it has no child pages (abstract)."""

    intro = RichTextField(_("giới thiệu"), blank=True)

    parent_page_types = ["portal.PortalHomePage", "portal.SectionPage"]
    subpage_types: list[str] = []
    content_panels = PortalContent.content_panels + [FieldPanel("intro")]

    class Meta:
        abstract = True


class ProcedureCatalogPage(IntroPage):
    """The unit's administrative procedures, from the one-stop-shop catalog."""

    class Meta:
        verbose_name = _("danh mục thủ tục hành chính")

    def get_context(self, request, *args, **kwargs):
        from . import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.procedure_listing(self, request.GET))
        return context


class QuestionIndexPage(IntroPage):
    """Q&A: citizens ask, staff answer within the portal's time limit, answers are published."""

    class Meta:
        verbose_name = _("hỏi đáp")

    def serve(self, request, *args, **kwargs):
        from . import views

        return views.questions_page(request, self)


class ContactPage(IntroPage):
    """The contact directory (danh bạ)."""

    content_panels = IntroPage.content_panels + [InlinePanel("entries", label=_("Danh bạ"))]

    class Meta:
        verbose_name = _("danh bạ liên hệ")

    def search_parts(self):
        return [
            *super().search_parts(),
            *(f"{e.office} {e.person} {e.position}" for e in self.entries.all()),
        ]


class ContactEntry(Orderable):
    page = ParentalKey(ContactPage, on_delete=models.CASCADE, related_name="entries")
    office = models.CharField(_("cơ quan, bộ phận"), max_length=200)
    person = models.CharField(_("họ tên"), max_length=120, blank=True)
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    class Meta(Orderable.Meta):
        verbose_name = _("mục danh bạ")


class TaskFollowUpPage(IntroPage):
    """The section "Theo dõi thực hiện nhiệm vụ": the tasks the unit assigned, their
    deadlines and whether they were done on time (from `assignments`)."""

    class Meta:
        verbose_name = _("theo dõi thực hiện nhiệm vụ")

    def get_context(self, request, *args, **kwargs):
        from . import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.task_listing(self, request.GET))
        return context


class PressPage(IntroPage):
    """Who speaks for the unit to the press, and the statements and press conferences it
    made public (from `press`; Decree 09/2017/NĐ-CP)."""

    class Meta:
        verbose_name = _("phát ngôn, cung cấp thông tin cho báo chí")

    def get_context(self, request, *args, **kwargs):
        from . import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.press_listing(self, request.GET))
        return context


class TipPage(IntroPage):
    """Citizens report a business breaking the rules (a SIM seller selling cards registered
    to someone else, a game point open at night…) to the unit's inspectors."""

    parent_page_types = ["portal.PortalHomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("phản ánh cơ sở kinh doanh vi phạm")

    def serve(self, request, *args, **kwargs):
        from . import views

        return views.tip_page(request, self)


class SearchPage(SkipsEmptyViewRestrictions, Page):
    """The portal's search page (one per portal)."""

    parent_page_types = ["portal.PortalHomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("tìm kiếm")

    def get_context(self, request, *args, **kwargs):
        from . import queries

        context = super().get_context(request, *args, **kwargs)
        context.update(queries.chrome(self))
        return context

    def serve(self, request, *args, **kwargs):
        from . import views

        return views.search_page(request, self)


# ---------------------------------------------------------------- citizens' input


class Question(models.Model):
    """A citizen's question to a portal and the staff answer."""

    class Status(models.TextChoices):
        NEW = "new", _("Chờ trả lời")
        ANSWERED = "answered", _("Đã trả lời, chờ đăng")
        PUBLISHED = "published", _("Đã đăng")
        REJECTED = "rejected", _("Không đăng (không phù hợp)")

    page = models.ForeignKey(
        QuestionIndexPage,
        on_delete=models.PROTECT,
        related_name="questions",
        verbose_name=_("mục hỏi đáp"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    title = models.CharField(_("tiêu đề"), max_length=250)
    body = models.TextField(_("nội dung câu hỏi"), max_length=5000)
    asker_name = models.CharField(_("người hỏi"), max_length=120)
    asker_email = models.EmailField(_("thư điện tử"))
    asker_phone = models.CharField(_("điện thoại"), max_length=15, blank=True)
    asker_address = models.CharField(_("địa chỉ"), max_length=250, blank=True)
    received_at = models.DateTimeField(_("ngày gửi"), default=timezone.now)
    due_at = models.DateTimeField(_("hạn trả lời"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    answer = models.TextField(_("trả lời"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answerer_title = models.CharField(
        _("cơ quan trả lời"), max_length=200, blank=True, help_text=_("Hiển thị cùng câu trả lời.")
    )
    answered_at = models.DateTimeField(_("ngày trả lời"), null=True, blank=True)
    published_at = models.DateTimeField(_("ngày đăng"), null=True, blank=True)
    search_text = models.TextField(editable=False, default="")

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi của công dân")
        indexes = [
            models.Index(fields=["unit", "status", "due_at"], name="portal_question_queue"),
            models.Index(fields=["page", "status", "published_at"], name="portal_question_public"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["new", "rejected"])
                | ~Q(answer="") & Q(answered_at__isnull=False),
                name="portal_question_answered_has_answer",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="portal_question_published_has_date",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {self.body} {self.answer}")
        super().save(*args, **kwargs)

    @property
    def is_overdue(self) -> bool:
        return self.status == self.Status.NEW and self.due_at < timezone.now()


class Comment(models.Model):
    """A reader's comment and star rating on a news page; shown only after moderation."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        PUBLISHED = "published", _("Đã đăng")
        REJECTED = "rejected", _("Không đăng")

    page = models.ForeignKey(NewsPage, on_delete=models.CASCADE, related_name="reader_comments")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    title = models.CharField(_("tiêu đề"), max_length=200)
    sender_name = models.CharField(_("người gửi"), max_length=120)
    sender_email = models.EmailField(_("thư điện tử"))
    content = models.TextField(_("nội dung bình luận"), max_length=3000)
    rating = models.PositiveSmallIntegerField(
        _("đánh giá (sao)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("ngày gửi"), default=timezone.now)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    moderated_at = models.DateTimeField(_("ngày duyệt"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bình luận")
        verbose_name_plural = _("bình luận của bạn đọc")
        indexes = [
            models.Index(fields=["unit", "status", "created_at"], name="portal_comment_queue"),
            models.Index(fields=["page", "status"], name="portal_comment_page"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__range=(1, 5)),
                name="portal_comment_rating_1_5",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(moderated_at__isnull=False),
                name="portal_comment_moderated_has_date",
            ),
        ]

    def __str__(self):
        return self.title


# ---------------------------------------------------------------- royalties (nhuận bút)


def coefficient_text(value) -> str:
    """2.50 → "2,5"; 10.00 → "10"."""
    return f"{value.normalize():f}".replace(".", ",")


class RoyaltyRate(models.Model):
    """A line of the royalty table: a kind of work and its coefficient range; data, with
    its legal basis (the unit's own rules apply the national frame)."""

    class Kind(models.TextChoices):
        NEWS = "news", _("Tin")
        ARTICLE = "article", _("Bài")

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("loại tác phẩm"), max_length=200)
    kind = models.CharField(_("áp dụng cho"), max_length=8, choices=Kind.choices)
    coefficient_min = models.DecimalField(_("hệ số từ"), max_digits=5, decimal_places=2)
    coefficient_max = models.DecimalField(_("hệ số đến"), max_digits=5, decimal_places=2)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)
    is_verified = models.BooleanField(
        _("đã kiểm chứng"),
        default=False,
        help_text=_("Bỏ chọn khi khung hệ số chưa được đối chiếu với văn bản gốc."),
    )
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = _("khung nhuận bút")
        verbose_name_plural = _("khung nhuận bút")
        constraints = [
            models.CheckConstraint(
                condition=Q(coefficient_min__gt=0)
                & Q(coefficient_max__gte=models.F("coefficient_min")),
                name="portal_royaltyrate_range",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({coefficient_text(self.coefficient_min)}–{coefficient_text(self.coefficient_max)})"

    def in_force_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )


class RoyaltyGrade(models.Model):
    """The editor-in-chief's grading of one published news item or article: a coefficient
    within the rate's range, times the portal's value of one coefficient point."""

    page = models.OneToOneField(
        NewsPage, on_delete=models.PROTECT, related_name="royalty", verbose_name=_("tin, bài")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    month = models.DateField(
        _("tháng"), help_text=_("Ngày đầu tháng đăng bài; bảng kê tính theo tháng này.")
    )
    rate = models.ForeignKey(
        RoyaltyRate, on_delete=models.PROTECT, related_name="+", verbose_name=_("khung")
    )
    coefficient = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2)
    point_value = models.PositiveBigIntegerField(_("giá trị một hệ số (đồng)"))
    amount = models.PositiveBigIntegerField(_("thành tiền (đồng)"))
    contributor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    contributor_name = models.CharField(_("tác giả"), max_length=200)
    graded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    graded_at = models.DateTimeField(_("ngày chấm"), default=timezone.now)

    class Meta:
        ordering = ["month", "contributor_name", "pk"]
        verbose_name = _("chấm nhuận bút")
        verbose_name_plural = _("chấm nhuận bút")
        indexes = [models.Index(fields=["unit", "month"], name="portal_royalty_unit_month")]
        constraints = [
            models.CheckConstraint(
                condition=Q(coefficient__gt=0), name="portal_royalty_coefficient_pos"
            ),
        ]

    def __str__(self):
        return f"{self.page_id}: {self.coefficient} × {self.point_value}"
