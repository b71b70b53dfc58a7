"""Online listening (DESIGN.md: listening): the sources a unit follows (news feeds, its own
portal's comments and questions, exports from social platforms), the mentions read from
them, deduplicated, with their sentiment and topics, and the watch list of names each unit
follows (its own name, its offices, its licensed businesses, its procedures, its campaigns)
that links a mention to what it names. The sentiment lexicon is data an administrator keeps.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tttt.assignments.models import Task
from tttt.establishments.models import Establishment
from tttt.onestop.models import Procedure
from tttt.org.models import Unit
from tttt.security.models import Incident


class Sentiment(models.TextChoices):
    NEGATIVE = "negative", _("Tiêu cực")
    NEUTRAL = "neutral", _("Trung tính")
    POSITIVE = "positive", _("Tích cực")


class Source(models.Model):
    class Kind(models.TextChoices):
        FEED = "feed", _("Nguồn tin RSS/Atom (báo, trang tin)")
        UPLOAD = "upload", _("Tệp xuất từ mạng xã hội (CSV, JSON)")
        PORTAL = "portal", _("Bình luận, câu hỏi trên cổng thông tin của đơn vị")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị theo dõi")
    )
    name = models.CharField(_("tên nguồn"), max_length=200)
    kind = models.CharField(_("loại nguồn"), max_length=8, choices=Kind.choices)
    url = models.URLField(_("địa chỉ RSS/Atom"), max_length=500, blank=True)
    full_text = models.BooleanField(
        _("lấy toàn văn bài viết"), default=False,
        help_text=_("Đọc trang của từng bài để lấy toàn văn khi nguồn tin chỉ có tóm tắt."),
    )  # fmt: skip
    is_active = models.BooleanField(_("đang theo dõi"), default=True)
    last_fetched_at = models.DateTimeField(_("đọc lần cuối"), null=True, blank=True)
    last_error = models.CharField(_("lỗi lần đọc cuối"), max_length=500, blank=True)
    etag = models.CharField(max_length=200, blank=True)
    modified = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["unit__path", "name"]
        verbose_name = _("nguồn theo dõi")
        verbose_name_plural = _("nguồn theo dõi")
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="lis_source_unique_name"),
            models.CheckConstraint(
                condition=~Q(kind="feed") | ~Q(url=""), name="lis_source_feed_url"
            ),
        ]

    def __str__(self):
        return self.name


class WatchTerm(models.Model):
    """A name a unit watches for. Terms made from the unit's records (its name, offices,
    licensed businesses, procedures) keep the record they stand for, so that a mention
    naming them links to it."""

    class Kind(models.TextChoices):
        UNIT = "unit", _("Tên đơn vị, địa danh")
        OFFICE = "office", _("Cơ quan, phòng ban, lãnh đạo")
        BUSINESS = "business", _("Cơ sở kinh doanh")
        PROCEDURE = "procedure", _("Thủ tục hành chính")
        CAMPAIGN = "campaign", _("Chiến dịch, sự kiện đang diễn ra")
        OTHER = "other", _("Khác")

    unit = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="+", verbose_name=_("đơn vị theo dõi")
    )
    term = models.CharField(_("từ khóa"), max_length=200)
    folded = models.CharField(max_length=200, editable=False)
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices, default=Kind.OTHER)
    named_unit = models.ForeignKey(Unit, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                                   verbose_name=_("đơn vị được nêu"))  # fmt: skip
    establishment = models.ForeignKey(Establishment, on_delete=models.CASCADE, null=True, blank=True,
                                      related_name="+", verbose_name=_("cơ sở kinh doanh"))  # fmt: skip
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
                                  verbose_name=_("thủ tục"))  # fmt: skip
    is_active = models.BooleanField(_("đang theo dõi"), default=True)

    class Meta:
        ordering = ["unit__path", "kind", "term"]
        verbose_name = _("từ khóa theo dõi")
        verbose_name_plural = _("danh sách theo dõi")
        constraints = [models.UniqueConstraint(fields=["unit", "folded"], name="lis_term_once")]

    def __str__(self):
        return self.term


class Mention(models.Model):
    """One post, article, comment or question read from a source, analysed and linked."""

    class Status(models.TextChoices):
        NEW = "new", _("Chưa xem")
        REVIEWED = "reviewed", _("Đã xem")
        ACTED = "acted", _("Đã xử lý")
        DISMISSED = "dismissed", _("Không cần xử lý")

    source = models.ForeignKey(
        Source, on_delete=models.CASCADE, related_name="mentions", verbose_name=_("nguồn")
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị"),
                             help_text=_("Đơn vị được nêu cụ thể nhất, nếu không thì đơn vị của nguồn."))  # fmt: skip
    url = models.URLField(_("đường dẫn"), max_length=500, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=300, blank=True)
    text = models.TextField(_("nội dung"))
    author = models.CharField(_("tác giả"), max_length=150, blank=True)
    published_at = models.DateTimeField(_("đăng lúc"))
    fetched_at = models.DateTimeField(_("thu thập lúc"), default=timezone.now)
    fingerprint = models.CharField(max_length=40, editable=False)
    sentiment = models.CharField(_("sắc thái"), max_length=8, choices=Sentiment.choices)
    score = models.DecimalField(_("điểm sắc thái"), max_digits=6, decimal_places=2, default=0)
    phrases = models.JSONField(_("cụm từ sắc thái"), default=list, blank=True)
    topics = models.JSONField(_("chủ đề"), default=list, blank=True)
    search_text = models.TextField(editable=False, blank=True)
    watch_hits = models.ManyToManyField(WatchTerm, blank=True, related_name="mentions",
                                        verbose_name=_("từ khóa theo dõi được nêu"))  # fmt: skip
    watched = models.BooleanField(_("nêu từ khóa theo dõi"), default=False)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.NEW
    )
    incident = models.ForeignKey(Incident, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name=_("sự cố"))  # fmt: skip
    task = models.ForeignKey(Task, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                             verbose_name=_("nhiệm vụ"))  # fmt: skip
    correction_url = models.CharField(_("tin cải chính"), max_length=300, blank=True)

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("tin được theo dõi")
        verbose_name_plural = _("tin được theo dõi")
        indexes = [
            models.Index(fields=["unit", "published_at"], name="lis_mention_unit_time"),
            models.Index(fields=["sentiment", "published_at"], name="lis_mention_sentiment"),
            models.Index(fields=["source", "published_at"], name="lis_mention_source"),
            models.Index(fields=["status"], name="lis_mention_status"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["source", "fingerprint"], name="lis_mention_once"),
            models.CheckConstraint(condition=Q(sentiment__in=["negative", "neutral", "positive"]),
                                   name="lis_mention_sentiment_known"),
        ]  # fmt: skip

    def __str__(self):
        return self.title or self.text[:80]


class SentimentTerm(models.Model):
    """A phrase of the sentiment lexicon and its weight (−3 very negative … +3 very positive)."""

    phrase = models.CharField(_("cụm từ"), max_length=100, unique=True)
    weight = models.DecimalField(_("trọng số"), max_digits=3, decimal_places=1,
                                 help_text=_("Từ −3 (rất tiêu cực) đến +3 (rất tích cực); 0 cho cụm từ trung tính "
                                             "che cụm ngắn hơn (an toàn thông tin)."))  # fmt: skip

    class Meta:
        ordering = ["weight", "phrase"]
        verbose_name = _("từ điển sắc thái")
        verbose_name_plural = _("từ điển sắc thái")
        constraints = [
            models.CheckConstraint(
                condition=Q(weight__gte=-3, weight__lte=3), name="lis_term_weight"
            ),
        ]

    def __str__(self):
        return self.phrase


AUDITED = [Source, WatchTerm, SentimentTerm]
