"""Reads for portals: listings, document validity, search, compliance, statistics."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    F,
    Func,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from wagtail.models import Page

from tttt.core.text import fold

from .models import (
    PATH_STEP,
    Comment,
    ContactPage,
    ContentPage,
    DocumentPage,
    DocumentRelation,
    DocumentType,
    NewsPage,
    PortalHomePage,
    ProcedureCatalogPage,
    Question,
    QuestionIndexPage,
    RequiredCategory,
    SearchPage,
    SectionPage,
    TaskFollowUpPage,
)

# Page types that can stand for a required category (compliance).
CATEGORY_PAGES = (
    SectionPage,
    ContentPage,
    ProcedureCatalogPage,
    QuestionIndexPage,
    ContactPage,
    TaskFollowUpPage,
)

PAGE_SIZE = 20


def page_of(items, number, size: int = PAGE_SIZE):
    return Paginator(items, size).get_page(number)


# ---------------------------------------------------------------- portals


def parent_portal(home: PortalHomePage) -> PortalHomePage | None:
    """The portal of the nearest unit above this one that has a portal."""
    unit = home.unit
    ancestors = [p for p in unit.path.strip("/").split("/")[:-1]]
    if not ancestors:
        return None
    paths = ["/" + "/".join(ancestors[: i + 1]) + "/" for i in range(len(ancestors))]
    return (
        PortalHomePage.objects.live()
        .filter(unit__path__in=paths)
        .select_related("unit")
        .order_by("-unit__path")
        .first()
    )


def child_portals(home: PortalHomePage) -> QuerySet[PortalHomePage]:
    """Component portals of units under this one (the nearest level that has portals)."""
    return (
        PortalHomePage.objects.live()
        .filter(unit__path__startswith=home.unit.path)
        .exclude(pk=home.pk)
        .select_related("unit")
        .order_by("unit__name")
    )


def home_context(home: PortalHomePage) -> dict:
    news = (
        NewsPage.objects.live()
        .descendant_of(home)
        .select_related("main_image")
        .order_by("-first_published_at")
    )
    documents = (
        DocumentPage.objects.live()
        .descendant_of(home)
        .select_related("doc_type")
        .order_by("-issued_on", "-pk")
    )
    # Lazy: the template keeps its lists in the cache (`content_version`), and a page
    # served from there asks the database nothing.
    return {
        "latest_news": news[:10],
        "latest_documents": documents[:6],
        "child_portals": SimpleLazyObject(lambda: list(child_portals(home))),
    }


def portal_of(page: Page) -> PortalHomePage | None:
    if isinstance(page, PortalHomePage):
        return page
    return (
        PortalHomePage.objects.filter(path=page.path[: 2 * PATH_STEP])
        .select_related("unit")
        .first()
    )


CHROME_SECONDS = 300


def _chrome_key(home_path: str) -> str:
    return f"portal:chrome:{home_path}"


def forget_chrome(page: Page) -> None:
    """Called when a portal's pages are published, withdrawn or moved: its menu, and
    (with the content version) every list the portal's pages keep in the cache."""
    key = _chrome_key(page.path[: 2 * PATH_STEP])
    cache.delete_many([key, f"{key}:home", f"{key}:version"])


def local_url(home: PortalHomePage, page: Page) -> str:
    """The URL of `page` on its own portal's site: "/tin-tuc/…/"."""
    return "/" + page.url_path[len(home.url_path) :]


def _chrome_data(home: PortalHomePage, data: dict | None = None) -> dict:
    """The parts around every page of a portal, kept in the cache: the menu, the search
    page, the parent portal (`data`: what the cache already gave)."""
    if data is None:
        menu = home.get_children().live().in_menu().only("title", "url_path").order_by("path")
        search = SearchPage.objects.live().child_of(home).only("url_path").first()
        parent = parent_portal(home)
        data = {
            "menu": [(p.title, local_url(home, p)) for p in menu],
            "search_url": local_url(home, search) if search else "",
            "parent_portal": (parent.title, parent.url) if parent else None,
        }
        cache.set(_chrome_key(home.path), data, CHROME_SECONDS)
    return data


def chrome(page: Page) -> dict:
    """What every portal page shows around its content: the portal, its menu, the search
    page, the parent portal and the breadcrumb."""
    key = _chrome_key(page.path[: 2 * PATH_STEP])
    found = cache.get_many([key, f"{key}:home", f"{key}:version"])  # one round trip
    if isinstance(page, PortalHomePage):
        home = page
    else:
        home = found.get(f"{key}:home")
        if home is None:
            home = portal_of(page)
            if home is None:
                return {}
            cache.set(f"{key}:home", home, CHROME_SECONDS)
    data = _chrome_data(home, found.get(key))
    crumbs = []
    if page.depth > 3:  # sections between the home page and this one
        parent_url = local_url(home, page).rstrip("/").rsplit("/", 1)[0] + "/"
        in_menu = [(title, url) for title, url in data["menu"] if url == parent_url]
        if page.depth == 4 and in_menu:  # the usual case: a page in a top-level section
            crumbs = in_menu
        else:
            for ancestor in page.get_ancestors().filter(depth__gt=2).only("title", "url_path"):
                crumbs.append((ancestor.title, local_url(home, ancestor)))
    version = found.get(f"{key}:version")
    if version is None:
        version = uuid.uuid4().hex[:12]
        cache.set(f"{key}:version", version, CHROME_SECONDS)
    return {
        "portal": home,
        "content_version": version,  # changes whenever a page of the portal does
        "cache_seconds": CHROME_SECONDS,
        "crumbs": crumbs,
        "page_url": local_url(home, page) if page.pk != home.pk else "/",
        **data,
    }


# ---------------------------------------------------------------- sections and documents


DOC_STATUS_LABELS = {
    "not_yet": _l("Chưa có hiệu lực"),
    "in_force": _l("Còn hiệu lực"),
    "amended": _l("Còn hiệu lực, đã được sửa đổi, bổ sung"),
    "expired": _l("Hết hiệu lực"),
}


@dataclass(frozen=True)
class Validity:
    code: str
    label: str
    by: list  # the documents that ended or amended it


def _terminating(day: date):
    """Relations that end a document's force by `day`: replaced or repealed by a document
    that is itself in effect."""
    return DocumentRelation.objects.filter(
        kind__in=[DocumentRelation.Kind.REPLACES, DocumentRelation.Kind.REPEALS],
        source__live=True,
    ).filter(
        Q(source__effective_on__lte=day)
        | Q(source__effective_on__isnull=True, source__issued_on__lte=day)
    )


def _amending(day: date):
    return DocumentRelation.objects.filter(
        kind=DocumentRelation.Kind.AMENDS, source__live=True
    ).filter(
        Q(source__effective_on__lte=day)
        | Q(source__effective_on__isnull=True, source__issued_on__lte=day)
    )


def with_validity(qs: QuerySet[DocumentPage], day: date) -> QuerySet[DocumentPage]:
    """Annotate `ended` and `amended` (booleans) for filtering by validity in SQL."""
    return qs.annotate(
        ended=Exists(_terminating(day).filter(target=OuterRef("pk"))),
        amended=Exists(_amending(day).filter(target=OuterRef("pk"))),
    )


def validity_filter(status: str, day: date) -> Q:
    started = Q(effective_on__isnull=True, issued_on__lte=day) | Q(effective_on__lte=day)
    expired = Q(expires_on__lte=day) | Q(ended=True)
    if status == "not_yet":
        return ~started
    if status == "expired":
        return started & expired
    if status == "amended":
        return started & ~expired & Q(amended=True)
    if status == "in_force":
        return started & ~expired
    return Q()


def listed_status(doc: DocumentPage, day: date) -> tuple[str, str]:
    """(code, label) of a document annotated by `with_validity`, as `document_validity`
    would say, without its queries."""
    if (doc.effective_on or doc.issued_on) > day:
        code = "not_yet"
    elif doc.ended or (doc.expires_on and doc.expires_on <= day):
        code = "expired"
    else:
        code = "amended" if doc.amended else "in_force"
    return code, DOC_STATUS_LABELS[code]


def document_validity(doc: DocumentPage, day: date) -> Validity:
    """Whether a document is in force on `day`, computed from its dates and from the
    documents that replace, repeal or amend it."""
    start = doc.effective_on or doc.issued_on
    if start > day:
        return Validity("not_yet", DOC_STATUS_LABELS["not_yet"], [])
    ending = list(_terminating(day).filter(target=doc).select_related("source"))
    if ending or (doc.expires_on and doc.expires_on <= day):
        return Validity("expired", DOC_STATUS_LABELS["expired"], [r.source for r in ending])
    amending = list(_amending(day).filter(target=doc).select_related("source"))
    if amending:
        return Validity("amended", DOC_STATUS_LABELS["amended"], [r.source for r in amending])
    return Validity("in_force", DOC_STATUS_LABELS["in_force"], [])


def is_security_section(section: SectionPage) -> bool:
    """Whether the section stands for the required "An toàn thông tin" category."""
    return (
        bool(section.category_id)
        and RequiredCategory.objects.filter(
            pk=section.category_id, code="an-toan-thong-tin"
        ).exists()
    )


def section_listing(section: SectionPage, params) -> dict:
    """A section's children: news and documents newest first, with filters for documents."""
    today = timezone.localdate()
    docs = DocumentPage.objects.live().descendant_of(section)
    has_documents = docs.exists()
    context = {
        "subsections": section.get_children().live().type(SectionPage).specific().order_by("path")
    }
    if has_documents:
        q = fold(params.get("q", ""))
        docs = with_validity(docs.select_related("doc_type", "file"), today)
        if params.get("loai"):
            docs = docs.filter(doc_type__code=params["loai"])
        if params.get("nam", "").isdigit():
            docs = docs.filter(issued_on__year=int(params["nam"]))
        if params.get("hieu_luc") in DOC_STATUS_LABELS:
            docs = docs.filter(validity_filter(params["hieu_luc"], today))
        for word in q.split():
            docs = docs.filter(search_text__contains=word)
        documents = page_of(docs.order_by("-issued_on", "-pk"), params.get("page"))
        for doc in documents:  # from the annotations: no query per row
            doc.status = listed_status(doc, today)
        context.update(
            documents=documents,
            doc_types=DocumentType.objects.all(),
            statuses=DOC_STATUS_LABELS,
            filters=params,
        )
    news = (
        NewsPage.objects.live()
        .descendant_of(section)
        .select_related("main_image")
        .order_by("-first_published_at")
    )
    others = ContentPage.objects.live().child_of(section).order_by("path")
    context.update(news=page_of(news, params.get("page")), pages=others)
    return context


RELATED = 5
EXTRAS_SECONDS = 600


def _extras_keys(page) -> tuple[str, str]:
    """Cache keys of an article's published comments and of its section's newest items (by
    the section's URL, so a page that moves away leaves the old list behind)."""
    return f"portal:comments:{page.pk}", f"portal:related:{page.url_path.rsplit('/', 2)[0]}/"


def forget_comments(page_id: int) -> None:
    cache.delete(f"portal:comments:{page_id}")


def forget_related(url_path: str) -> None:
    """The newest-items list of the section that holds the page at `url_path`."""
    cache.delete(f"portal:related:{url_path.rstrip('/').rsplit('/', 1)[0]}/")


def news_context(page: NewsPage) -> dict:
    """An article's published comments, rating and the newest items of its section. Both
    come from the shared cache when there is one (forgotten when a comment is moderated or
    an item of the section is published, withdrawn or moved)."""
    from .cache import shared_cache

    comments_key, related_key = _extras_keys(page)
    found = cache.get_many([comments_key, related_key]) if shared_cache() else {}
    comments = found.get(comments_key)
    if comments is None:
        comments = list(
            Comment.objects.filter(page=page, status=Comment.Status.PUBLISHED).order_by(
                "created_at"
            )
        )
        if shared_cache():
            cache.set(comments_key, comments, EXTRAS_SECONDS)
    newest = found.get(related_key)
    if newest is None:
        rows = (
            NewsPage.objects.live()
            .sibling_of(page, inclusive=True)
            .only("title", "url_path", "first_published_at")
            .order_by("-first_published_at")[: RELATED + 1]
        )
        # url_path is "/<portal>/<section>/<slug>/"; on the portal's site it is "/<section>/<slug>/".
        newest = [
            (r.pk, "/" + r.url_path.split("/", 2)[2], r.title, r.first_published_at) for r in rows
        ]
        if shared_cache():
            cache.set(related_key, newest, EXTRAS_SECONDS)
    ratings = [c.rating for c in comments if c.rating]
    return {
        "comments": comments,
        "rating_average": sum(ratings) / len(ratings) if ratings else None,
        "rating_count": len(ratings),
        "related": [(url, title, when) for pk, url, title, when in newest if pk != page.pk][
            :RELATED
        ],
    }


def procedure_listing(page: ProcedureCatalogPage, params) -> dict:
    """The one-stop catalog of the portal's unit and the units under it."""
    from tttt.onestop.models import Procedure, ProcedureField

    qs = (
        Procedure.objects.filter(is_active=True, units__path__startswith=page.unit.path)
        .distinct()
        .select_related("field")
        .order_by("field__name", "code")
    )
    q = fold(params.get("q", ""))
    for word in q.split():
        qs = qs.filter(search_name__contains=word)
    if params.get("cap") in dict(Procedure.Level.choices):
        qs = qs.filter(level=params["cap"])
    if params.get("linh_vuc", "").isdigit():
        qs = qs.filter(field_id=int(params["linh_vuc"]))
    if params.get("truc_tuyen") in dict(Procedure.OnlineService.choices):
        qs = qs.filter(online_service=params["truc_tuyen"])
    fields = (
        ProcedureField.objects.filter(
            procedures__is_active=True, procedures__units__path__startswith=page.unit.path
        )
        .distinct()
        .order_by("name")
    )
    chosen = params.get("thu_tuc", "")
    if chosen.isdigit():  # one procedure: papers, fee, time limit, legal basis, forms, where
        procedure = qs.filter(pk=int(chosen)).first()
        if procedure is None:
            raise Http404("Không có thủ tục này trong danh mục của đơn vị.")
        units = procedure.units.filter(path__startswith=page.unit.path).order_by("path")
        return {
            "procedure": procedure,
            "documents": procedure.documents.all(),
            "procedure_units": units,
            "online_unit": units.first() if procedure.online_service != "none" else None,
        }
    return {
        "procedures": page_of(qs, params.get("page"), 30),
        "levels": Procedure.Level.choices,
        "online_choices": Procedure.OnlineService.choices,
        "fields": fields,
        "filters": params,
    }


def published_questions(page: QuestionIndexPage, params) -> dict:
    qs = Question.objects.filter(page=page, status=Question.Status.PUBLISHED).order_by(
        "-published_at"
    )
    for word in fold(params.get("q", "")).split():
        qs = qs.filter(search_text__contains=word)
    return {"questions": page_of(qs, params.get("page"))}


# ---------------------------------------------------------------- search


@dataclass
class Hit:
    title: str
    url: str
    kind: str
    summary: str
    when: datetime | date | None
    score: float


SEARCHED = [
    (NewsPage, _l("Tin, bài"), "lead"),
    (DocumentPage, _l("Văn bản"), "summary"),
    (ContentPage, _l("Trang"), "search_description"),
    (SectionPage, _l("Chuyên mục"), "search_description"),
]
CANDIDATES = 500


class FoldedMatch(Func):
    """`to_tsvector('simple', search_text) @@ plainto_tsquery('simple', query)`: the same
    expression as the GIN indexes of migration 0002, so PostgreSQL uses them."""

    template = "(to_tsvector('simple'::regconfig, %(expressions)s))"
    arg_joiner = ") @@ plainto_tsquery('simple'::regconfig, "
    output_field = BooleanField()


def _match(qs: QuerySet, words: list[str]) -> QuerySet:
    """Pages whose folded text has every word: PostgreSQL full-text (GIN index), or a
    substring test elsewhere."""
    if connection.vendor == "postgresql":
        return qs.filter(FoldedMatch(F("search_text"), Value(" ".join(words))))
    for word in words:
        qs = qs.filter(search_text__contains=word)
    return qs


def _score(title: str, text: str, phrase: str, words: list[str]) -> float:
    title = fold(title)
    score = 0.0
    if phrase in title:
        score += 20
    elif phrase in text:
        score += 8
    score += sum(4 for w in words if w in title.split())
    score += sum(min(text.count(w), 5) * 0.5 for w in words)
    return score


def _procedure_hits(home: PortalHomePage, phrase: str, words: list[str]) -> list[Hit]:
    """The unit's administrative procedures matching every word, linked to their page in the
    portal's procedure catalog (a citizen searching "khai sinh" finds the procedure)."""
    from tttt.onestop.models import Procedure

    catalog = ProcedureCatalogPage.objects.live().descendant_of(home).first()
    if catalog is None:
        return []
    qs = Procedure.objects.filter(is_active=True, units__path__startswith=home.unit.path)
    for word in words:
        qs = qs.filter(search_name__contains=word)
    url = catalog.get_url()
    return [
        Hit(p.name, f"{url}?thu_tuc={p.pk}", _("Thủ tục hành chính"),
            f"{p.code} — {p.duration_label}", None, _score(p.name, p.search_name, phrase, words))
        for p in qs.distinct().order_by("code")[:CANDIDATES]
    ]  # fmt: skip


def portal_search(home: PortalHomePage, query: str, page_number=None) -> dict:
    """Pages, documents and answered questions of one portal matching `query`, ignoring
    diacritics ("ha noi" finds "Hà Nội"), best first."""
    phrase = fold(query)
    words = [w for w in phrase.split() if w]
    if not words:
        return {"query": query, "results": None}
    hits: list[Hit] = []
    for model, kind, summary_field in SEARCHED:
        qs = _match(model.objects.live().descendant_of(home), words).order_by("-first_published_at")
        for page in qs.only(
            "title", "url_path", "search_text", "first_published_at", summary_field
        )[:CANDIDATES]:
            hits.append(
                Hit(
                    page.title,
                    page.get_url(),
                    kind,
                    getattr(page, summary_field) or "",
                    page.first_published_at,
                    _score(page.title, page.search_text, phrase, words),
                )
            )
    questions = _match(
        Question.objects.filter(page__path__startswith=home.path, status=Question.Status.PUBLISHED),
        words,
    ).select_related("page")
    for question in questions[:CANDIDATES]:
        hits.append(
            Hit(
                question.title,
                f"{question.page.get_url()}#cau-hoi-{question.pk}",
                _("Hỏi đáp"),
                question.body[:300],
                question.published_at,
                _score(question.title, question.search_text, phrase, words),
            )
        )
    hits += _procedure_hits(home, phrase, words)
    epoch = timezone.make_aware(datetime(1970, 1, 1))

    def recency(hit: Hit):
        when = hit.when
        if isinstance(when, datetime):
            return when
        if isinstance(when, date):
            return timezone.make_aware(datetime.combine(when, datetime.min.time()))
        return epoch

    hits.sort(key=lambda h: (h.score, recency(h)), reverse=True)
    return {"query": query, "results": page_of(hits, page_number), "total": len(hits)}


# ---------------------------------------------------------------- compliance


@dataclass
class CategoryStatus:
    category: RequiredCategory
    pages: list
    items: int
    latest: datetime | None
    state: str  # missing / empty / stale / ok

    @property
    def label(self) -> str:
        return {
            "missing": _("Chưa có chuyên mục"),
            "empty": _("Chưa có nội dung"),
            "stale": _("Lâu chưa cập nhật"),
            "ok": _("Đạt"),
        }[self.state]


def _freshness(page) -> tuple[int, datetime | None]:
    """How many items a category page offers and when the newest appeared."""
    specific = page.specific
    if isinstance(specific, ProcedureCatalogPage):
        from tttt.onestop.models import Procedure

        n = (
            Procedure.objects.filter(is_active=True, units__path__startswith=specific.unit.path)
            .values("pk")
            .distinct()
            .count()
        )
        return n, page.last_published_at
    if isinstance(specific, TaskFollowUpPage):
        from django.db.models.functions import Greatest

        from tttt.assignments.queries import public_tasks

        agg = public_tasks(specific.unit).aggregate(
            n=Count("pk"), latest=Max(Greatest("assigned_on", "completed_on"))
        )
        latest = agg["latest"]
        if latest is not None and not isinstance(latest, datetime):
            latest = timezone.make_aware(datetime.combine(latest, datetime.min.time()))
        return agg["n"], latest
    if isinstance(specific, QuestionIndexPage):
        agg = Question.objects.filter(page=specific, status=Question.Status.PUBLISHED).aggregate(
            n=Count("pk"), latest=Max("published_at")
        )
        return agg["n"], agg["latest"]
    descendants = Page.objects.live().descendant_of(page).exclude(content_type=page.content_type)
    agg = descendants.aggregate(n=Count("pk"), latest=Max("last_published_at"))
    if agg["n"]:
        return agg["n"], agg["latest"]
    if isinstance(specific, ContentPage) and specific.body:
        return 1, page.last_published_at
    return 0, None


def compliance(home: PortalHomePage, now: datetime | None = None) -> list[CategoryStatus]:
    """For each required category in force: the portal's pages for it, how many items and
    how fresh; a category is missing, empty, stale or fine."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    pages_by_category: dict[int, list] = {}
    for model in CATEGORY_PAGES:
        for page in model.objects.live().descendant_of(home).filter(category__isnull=False):
            pages_by_category.setdefault(page.category_id, []).append(page)
    result = []
    for category in RequiredCategory.objects.all():
        if not category.in_force_on(today):
            continue
        pages = pages_by_category.get(category.pk, [])
        items, latest = 0, None
        for page in pages:
            n, when = _freshness(page)
            if isinstance(page, ContactPage):  # its items are the directory's entries
                n = max(n, page.entries.count())
                when = when or page.last_published_at
            items += n
            if when and (latest is None or when > latest):
                latest = when
        if not pages:
            state = "missing"
        elif not items:
            state = "empty"
        elif category.max_age_days and (
            latest is None or latest < now - timedelta(days=category.max_age_days)
        ):
            state = "stale"
        else:
            state = "ok"
        result.append(CategoryStatus(category, pages, items, latest, state))
    return result


def portals_in_scope(user) -> QuerySet[PortalHomePage]:
    from tttt.org.queries import restrict_to_scope

    return restrict_to_scope(PortalHomePage.objects.all(), user, unit_field="unit").select_related(
        "unit"
    )


VIEW = "portal.view_portalhomepage"


def published_pages(model, user) -> QuerySet:
    """Live news items or documents of the portals in the user's scope, newest first."""
    from tttt.org.queries import restrict_to_scope

    qs = restrict_to_scope(model.objects.live(), user, unit_field="unit", perm=VIEW)
    related = ("unit", "doc_type") if model is DocumentPage else ("unit",)
    return qs.select_related(*related).order_by("-first_published_at", "-pk")


def containing(qs: QuerySet, words: str) -> QuerySet:
    """Pages that hold every word of `words` (accents and case ignored)."""
    for word in fold(words).split():
        qs = qs.filter(search_text__contains=word)
    return qs


def figures(units, period) -> list[tuple]:
    """The portal indicators for `units` in `period`: (indicator, value, formatted, the
    list of its records for the first unit)."""
    from tttt.core.indicators import all_indicators

    rows = []
    for ind in all_indicators():
        if ind.code.startswith("portal."):
            value = ind.compute(units, period)
            rows.append((ind, value, ind.format(value), ind.records_url(units[0], period)))
    return rows


def task_listing(page, params) -> dict:
    """The unit's published tasks, filtered by state, newest first."""
    from tttt.assignments.models import Task
    from tttt.assignments.queries import in_state, public_tasks

    state = params.get("tinh_trang", "")
    tasks = in_state(public_tasks(page.unit), state).order_by("-assigned_on", "-pk")
    return {
        "tasks": page_of(tasks, params.get("page")),
        "states": Task.STATE_LABELS,
        "chosen_state": state,
        "today": timezone.localdate(),
    }


def press_listing(page, params) -> dict:
    """The unit's spokespeople in office today and its public statements, newest first."""
    from tttt.press.queries import public_register

    register = public_register(page.unit)
    return {**register, "statements": page_of(register["statements"], params.get("page"))}


def royalty_month(home: PortalHomePage, month: date) -> dict:
    """The items published on a portal in a month with their grades, and the statement:
    per contributor, the items, the sum of coefficients and the amount."""
    from django.db.models import Sum

    from .models import RoyaltyGrade, RoyaltyRate

    start = timezone.make_aware(datetime.combine(month, datetime.min.time()))
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    end = timezone.make_aware(datetime.combine(following, datetime.min.time()))
    items = (
        NewsPage.objects.live()
        .descendant_of(home)
        .filter(first_published_at__gte=start, first_published_at__lt=end)
        .select_related("royalty__rate", "owner")
        .order_by("first_published_at")
    )
    grades = RoyaltyGrade.objects.filter(unit_id=home.unit_id, month=month)
    statement = list(
        grades.values("contributor_name")
        .annotate(items=Count("pk"), coefficients=Sum("coefficient"), amount=Sum("amount"))
        .order_by("contributor_name")
    )
    totals = grades.aggregate(
        items=Count("pk"), coefficients=Sum("coefficient"), amount=Sum("amount")
    )
    return {
        "items": items,
        "statement": statement,
        "totals": totals,
        "rates": [r for r in RoyaltyRate.objects.all() if r.in_force_on(month)],
    }
