"""Writes for portals: creating a unit's portal (site, sections, editorial board and
workflow), citizens' questions and answers, readers' comments and their moderation.

Pages themselves are written through Wagtail's editor and its workflow (contributor →
editor → editor-in-chief); the editorial board behind that workflow comes from `org`
memberships and is kept in step by `board_sync`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from tttt.core.calendar import get_calendar
from tttt.core.errors import refuse
from tttt.core.text import ascii_slug, fold
from tttt.org import roles as R
from tttt.org.models import Membership, Unit
from tttt.org.queries import user_can
from tttt.org.services import acting

from .errors import PortalError as E
from .models import (
    Comment,
    ContactPage,
    ContentPage,
    DocumentPage,
    DocumentRelation,
    DocumentType,
    NewsPage,
    PortalHomePage,
    PressPage,
    ProcedureCatalogPage,
    Question,
    QuestionIndexPage,
    RequiredCategory,
    RoyaltyGrade,
    RoyaltyRate,
    SearchPage,
    SectionPage,
    TaskFollowUpPage,
    TipPage,
    coefficient_text,
)

# What citizens look for first is always in the portal's menu.
IN_MENU_ALWAYS = ("procedures", "questions", "contact", "press")

PAGE_KINDS = {
    "section": SectionPage,
    "content": ContentPage,
    "procedures": ProcedureCatalogPage,
    "questions": QuestionIndexPage,
    "contact": ContactPage,
    "tasks": TaskFollowUpPage,
    "press": PressPage,
}

# The editorial board: org role → (group suffix, page permissions, workflow step).
BOARD = [
    (R.REPORTER, _l("Phóng viên, cộng tác viên"), ["add_page"]),
    (R.EDITOR, _l("Biên tập viên"), ["add_page", "change_page"]),
    (
        R.EDITOR_IN_CHIEF,
        _l("Trưởng ban biên tập"),
        ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    ),
]
MEDIA_PERMS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def portal_slug(unit: Unit) -> str:
    """`Huyện Lương Tài` → `luongtai` (hostname label)."""
    return "".join(ch for ch in fold(unit.short_name or unit.name) if ch.isalnum())


def portal_hostname(unit: Unit) -> str:
    return f"{portal_slug(unit)}.{settings.TTTT_PORTAL_DOMAIN}"


def _board_groups(home: PortalHomePage) -> dict[str, Group]:
    groups = {}
    for role, label, _perms in BOARD:
        groups[role], _created = Group.objects.get_or_create(name=f"{home.title} — {label}"[:150])
    return groups


@transaction.atomic
def portal_create(
    *, user, unit: Unit, hostname: str = "", title: str = "", today=None
) -> PortalHomePage:
    """Create `unit`'s portal: home page, site, the sections the law requires, a media
    collection, the editorial board's groups and the three-step workflow."""
    if not user_can(user, "portal.add_portalhomepage", unit):
        raise PermissionDenied(_("Bạn không có quyền tạo cổng thông tin cho đơn vị này."))
    if unit.kind == Unit.Kind.OFFICE:
        raise refuse(
            E.PORTAL_OF_OFFICE,
            _("Cổng thông tin thuộc một đơn vị hành chính, không phải cơ quan."),
            field="unit",
        )
    if PortalHomePage.objects.filter(unit=unit).exists():
        raise refuse(E.PORTAL_EXISTS, _("Đơn vị này đã có cổng thông tin."), field="unit")
    hostname = (hostname or portal_hostname(unit)).lower()
    if Site.objects.filter(hostname=hostname).exists():
        raise refuse(
            E.HOSTNAME_TAKEN,
            _("Tên miền %(host)s đã được dùng cho cổng khác.") % {"host": hostname},
            field="hostname",
        )
    today = today or timezone.localdate()
    title = title or _("Cổng thông tin điện tử %(unit)s") % {"unit": unit.name}
    with acting(user):
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=PortalHomePage(title=title, slug=portal_slug(unit), unit=unit, owner=user)
        )
        home.save_revision(user=user).publish(user=user)
        Site.objects.create(
            hostname=hostname, port=settings.TTTT_PORTAL_PORT, root_page=home, site_name=title
        )
        # The sections are made live as they are added: nothing of a new portal is cached
        # or listed yet, so publishing each through a revision (1.600 queries a portal,
        # half of its creation) would purge and log nothing anyone needs; an editor's
        # first change gives a section its first revision.
        now = timezone.now()
        live = {"live": True, "first_published_at": now, "last_published_at": now, "owner": user}
        for order, category in enumerate(
            c for c in RequiredCategory.objects.all() if c.in_force_on(today) and c.page_kind
        ):
            model = PAGE_KINDS[category.page_kind]
            home.add_child(instance=model(
                title=category.name,
                slug=category.code,
                category=category,
                show_in_menus=order < 8 or category.page_kind in IN_MENU_ALWAYS,
                **live,
            ))  # fmt: skip
        home.add_child(instance=TipPage(title=_("Phản ánh vi phạm"), slug="phan-anh-vi-pham",
                                        show_in_menus=True, **live))  # fmt: skip
        home.add_child(instance=SearchPage(title=_("Tìm kiếm"), slug="tim-kiem", **live))
        _board_setup(home)
    return home


def _board_setup(home: PortalHomePage) -> None:
    groups = _board_groups(home)
    collection = Collection.get_first_root_node().add_child(name=home.title)
    perms = {
        p.codename: p for p in Permission.objects.filter(content_type__app_label="wagtailcore")
    }
    media = [Permission.objects.get(content_type__app_label=a, codename=c) for a, c in MEDIA_PERMS]
    for role, _label, codenames in BOARD:
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=groups[role], page=home, permission=perms[codename]
            )
        for permission in media:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[role], collection=collection, permission=permission
            )
    workflow = Workflow.objects.create(name=_("Biên tập – %(portal)s") % {"portal": home.title})
    for order, (role, step) in enumerate(
        [(R.EDITOR, _("Biên tập viên duyệt")), (R.EDITOR_IN_CHIEF, _("Trưởng ban biên tập duyệt"))]
    ):
        task = GroupApprovalTask.objects.create(name=f"{step} ({home.title})"[:255])
        task.groups.set([groups[role]])
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.create(workflow=workflow, page=home)
    board_sync(home)


def board_members(home: PortalHomePage, role_code: str, day=None):
    """Users on the editorial board in `role_code`: active memberships on the portal's unit
    or on an office directly under it."""
    day = day or timezone.localdate()
    return (
        Membership.objects.active_on(day)
        .filter(role__code=role_code, user__is_active=True)
        .filter(
            unit__in=Unit.objects.filter(pk=home.unit_id)
            | Unit.objects.filter(parent_id=home.unit_id, kind=Unit.Kind.OFFICE)
        )
        .values_list("user_id", flat=True)
    )


def board_sync(home: PortalHomePage, day=None) -> None:
    """Make the portal's editorial groups hold exactly the board from `org` memberships."""
    for role, group in _board_groups(home).items():
        wanted = set(board_members(home, role, day))
        current = set(group.user_set.values_list("pk", flat=True))
        if wanted - current:
            group.user_set.add(*(wanted - current))
        if current - wanted:
            group.user_set.remove(*(current - wanted))


def board_sync_for_unit(unit_id: int) -> None:
    """Resync the portal(s) a membership on `unit_id` can belong to."""
    parent_id = Unit.objects.filter(pk=unit_id).values_list("parent_id", flat=True).first()
    for home in PortalHomePage.objects.filter(unit_id__in=[unit_id, parent_id]):
        board_sync(home)


# ---------------------------------------------------------------- questions


@dataclass
class QuestionData:
    title: str
    body: str
    asker_name: str
    asker_email: str
    asker_phone: str = ""
    asker_address: str = ""


def question_submit(*, page: QuestionIndexPage, data: QuestionData, now=None) -> Question:
    """A citizen's question; the answer is due `answer_days` working days later."""
    now = now or timezone.now()
    portal = page.portal
    question = Question(
        page=page,
        unit_id=page.unit_id,
        title=data.title.strip(),
        body=data.body.strip(),
        asker_name=data.asker_name.strip(),
        asker_email=data.asker_email.strip(),
        asker_phone=data.asker_phone.strip(),
        asker_address=data.asker_address.strip(),
        received_at=now,
        due_at=get_calendar().add_working_days(now, portal.answer_days if portal else 5),
    )
    question.full_clean(exclude=["due_at", "search_text"])
    question.save()
    return question


def _require_unit(user, perm: str, unit_id: int, message: str) -> None:
    if not user_can(user, perm, Unit.objects.get(pk=unit_id)):
        raise PermissionDenied(message)


def question_answer(
    *,
    user,
    question: Question,
    answer: str,
    answerer_title: str = "",
    publish: bool = True,
    now=None,
) -> Question:
    """Answer a question; publishing shows question and answer on the portal."""
    _require_unit(
        user,
        "portal.change_question",
        question.unit_id,
        _("Bạn không có quyền trả lời câu hỏi của đơn vị này."),
    )
    answer = (answer or "").strip()
    if not answer:
        raise refuse(E.ANSWER_MISSING, _("Hãy nhập nội dung trả lời."), field="answer")
    now = now or timezone.now()
    with acting(user):
        question = Question.objects.select_for_update().get(pk=question.pk)
        if question.status == Question.Status.REJECTED:
            raise refuse(E.QUESTION_REJECTED, _("Câu hỏi đã bị từ chối đăng; không thể trả lời."))
        question.answer = answer
        question.answerer_title = answerer_title.strip()
        question.answered_by = user
        question.answered_at = question.answered_at or now
        if publish:
            question.status = Question.Status.PUBLISHED
            question.published_at = question.published_at or now
        elif question.status == Question.Status.NEW:
            question.status = Question.Status.ANSWERED
        question.save()
    return question


def question_reject(*, user, question: Question) -> Question:
    """Not published (spam, offensive, out of competence); the record is kept."""
    _require_unit(
        user,
        "portal.change_question",
        question.unit_id,
        _("Bạn không có quyền xử lý câu hỏi của đơn vị này."),
    )
    with acting(user):
        question = Question.objects.select_for_update().get(pk=question.pk)
        if question.status == Question.Status.PUBLISHED:
            raise refuse(
                E.QUESTION_PUBLISHED, _("Câu hỏi đã đăng; hãy sửa câu trả lời thay vì từ chối.")
            )
        question.status = Question.Status.REJECTED
        question.save()
    return question


# ---------------------------------------------------------------- comments


@dataclass
class CommentData:
    title: str
    sender_name: str
    sender_email: str
    content: str
    rating: int | None = None


def comment_submit(*, page: NewsPage, data: CommentData, now=None) -> Comment:
    """A reader's comment; it waits for moderation and is never shown before."""
    if not page.allow_comments or not page.live:
        raise refuse(E.COMMENTS_CLOSED, _("Bài viết này không nhận bình luận."))
    comment = Comment(
        page=page,
        unit_id=page.unit_id,
        title=data.title.strip(),
        sender_name=data.sender_name.strip(),
        sender_email=data.sender_email.strip(),
        content=data.content.strip(),
        rating=data.rating,
        created_at=now or timezone.now(),
    )
    comment.full_clean()
    comment.save()
    return comment


def comment_moderate(*, user, comment: Comment, publish: bool, now=None) -> Comment:
    _require_unit(
        user,
        "portal.change_comment",
        comment.unit_id,
        _("Bạn không có quyền duyệt bình luận của đơn vị này."),
    )
    with acting(user):
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        comment.status = Comment.Status.PUBLISHED if publish else Comment.Status.REJECTED
        comment.moderated_by = user
        comment.moderated_at = now or timezone.now()
        comment.save()
    return comment


# ---------------------------------------------------------------- royalties


GRADE = "portal.add_royaltygrade"


def royalty_grade(
    *, user, page: NewsPage, rate: RoyaltyRate, coefficient, now=None
) -> RoyaltyGrade:
    """Grade a published item (or regrade it): the coefficient must lie in the rate's range
    and the rate must fit the item; the amount is the coefficient times the portal's value
    of one point, fixed at grading."""
    from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

    if not user_can(user, GRADE, page.unit):
        raise PermissionDenied(_("Chỉ trưởng ban biên tập của cổng này được chấm nhuận bút."))
    if not page.live or page.first_published_at is None:
        raise refuse(E.NOT_PUBLISHED, _("Chỉ chấm nhuận bút tin, bài đã đăng."))
    try:
        coefficient = Decimal(str(coefficient).replace(",", ".")).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise refuse(
            E.BAD_COEFFICIENT, _("Hệ số phải là một số, ví dụ 2,5."), field="coefficient"
        ) from None
    published = timezone.localtime(page.first_published_at).date()
    if rate.kind != page.kind:
        raise refuse(
            E.RATE_WRONG_KIND,
            _("Khung “%(rate)s” không dùng cho loại %(kind)s.")
            % {"rate": rate.name, "kind": page.get_kind_display().lower()},
            field="rate",
        )
    if not rate.in_force_on(published):
        raise refuse(
            E.RATE_NOT_IN_FORCE,
            _("Khung “%(rate)s” không áp dụng vào ngày đăng.") % {"rate": rate.name},
            field="rate",
        )
    if not rate.coefficient_min <= coefficient <= rate.coefficient_max:
        raise refuse(
            E.COEFFICIENT_OUTSIDE_RANGE,
            _("Hệ số phải từ %(low)s đến %(high)s.")
            % {
                "low": coefficient_text(rate.coefficient_min),
                "high": coefficient_text(rate.coefficient_max),
            },
            field="coefficient",
        )
    portal = page.portal
    if not portal or not portal.point_value:
        raise refuse(
            E.NO_ROYALTY_UNIT_VALUE,
            _("Cổng chưa khai báo giá trị một hệ số nhuận bút (trang chủ cổng → Quy định)."),
        )
    amount = int((coefficient * portal.point_value).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    owner = page.owner
    with acting(user):
        grade, _created = RoyaltyGrade.objects.select_for_update().update_or_create(
            page=page,
            defaults=dict(
                unit_id=page.unit_id,
                month=published.replace(day=1),
                rate=rate,
                coefficient=coefficient,
                point_value=portal.point_value,
                amount=amount,
                contributor=owner,
                contributor_name=(owner.get_full_name() if owner else "")
                or page.byline
                or _("(chưa ghi tác giả)"),
                graded_by=user,
                graded_at=now or timezone.now(),
            ),
        )
    return grade


# ---------------------------------------------------------------- documents from the register

_RELATION_KINDS = {
    "amends": "amends",
    "replaces": "replaces",
    "repeals": "repeals",
    "guides": "guides",
}


def document_page_from_register(*, document, user) -> DocumentPage | None:
    """The portal page of an outgoing document issued in the unit's register: its data and
    signed file taken from the register, its relations to documents already published from
    it, published in the portal's "Văn bản" section. None when the unit has no portal."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    from tttt.documents.models import DocumentEvent

    portal = PortalHomePage.objects.filter(unit=document.unit).first()
    section = (
        SectionPage.objects.filter(path__startswith=portal.path, slug="van-ban").first()
        if portal
        else None
    )
    if section is None:
        DocumentEvent.objects.create(document=document, action="published", actor=user,
                                     note=_("Đơn vị chưa có cổng thông tin (chuyên mục Văn bản); chưa đăng."))  # fmt: skip
        return None
    kind = document.kind
    doc_type = DocumentType.objects.filter(name=kind.name).first() or DocumentType.objects.create(
        code=ascii_slug(kind.name, 30), name=kind.name, is_legal=kind.is_legal
    )
    with acting(user):
        file = None
        if document.file:
            with document.file.open("rb") as handle:
                file = get_document_model()(title=document.number_symbol, collection=Collection.get_first_root_node(),
                                            uploaded_by_user=user)  # fmt: skip
                file.file.save(
                    document.file.name.rsplit("/", 1)[-1], ContentFile(handle.read()), save=False
                )
                file.save()
        page = DocumentPage(
            title=f"{document.number_symbol} — {document.excerpt}"[:255],
            doc_type=doc_type,
            number=document.number_symbol,
            issuer=document.issuer,
            issued_on=document.issued_on,
            effective_on=document.issued_on,
            signer=document.signer_name,
            summary=document.excerpt,
            file=file,
            register_document=document,
            owner=user,
        )
        for link in document.links.all():
            target = DocumentPage.objects.filter(register_document=link.target_id).first()
            if target is not None and link.kind in _RELATION_KINDS:
                page.relations.add(DocumentRelation(kind=_RELATION_KINDS[link.kind], target=target))
        section.add_child(instance=page)
        # The signer decided the publication when issuing (publish_on_portal); the text is
        # the signed original, so the editorial board has nothing to edit.
        page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
        DocumentEvent.objects.create(document=document, action="published", actor=user,
                                     actor_name=user.get_full_name() or user.get_username(),
                                     note=page.full_url or page.url or "")  # fmt: skip
    return page


def nearest_portal(unit: Unit) -> PortalHomePage | None:
    """The unit's portal, else the portal of the nearest unit above it."""
    path = unit.path
    prefixes = [path[: i + 1] for i, ch in enumerate(path) if ch == "/" and i > 0]
    return PortalHomePage.objects.filter(unit__path__in=prefixes).order_by("-unit__path").first()


def correction_draft(*, mention, user) -> str:
    """A draft news item of official information answering a mention followed online, in
    the "Tin tức, sự kiện" section of the portal of the mention's unit (or of the nearest
    unit above with a portal), for its editors to finish and publish through the editorial
    workflow: the draft's edit URL, "" when no portal has that section."""
    from django.urls import reverse
    from wagtail.rich_text import RichText

    from .models import NewsPage

    portal = nearest_portal(mention.unit)
    section = (
        SectionPage.objects.filter(path__startswith=portal.path, slug="tin-tuc").first()
        if portal
        else None
    )
    if section is None:
        return ""
    title = _("Thông tin chính thức về: %(t)s") % {"t": (mention.title or mention.text)[:200]}
    source = f"{mention.source.name} {mention.url}".strip()
    page = NewsPage(
        title=title[:255], lead=_("Trước thông tin «%(t)s» đăng trên %(s)s, %(u)s thông tin như sau:") % {
            "t": (mention.title or mention.text)[:300], "s": mention.source.name, "u": portal.unit.name},
        body=[("paragraph", RichText(_("<p>(Ban biên tập bổ sung nội dung thông tin chính thức.)</p>"))),
              ("quote", _("Thông tin được phản ánh: %(x)s — nguồn: %(s)s") % {"x": mention.text[:1500], "s": source})],
        live=False, owner=user,
    )  # fmt: skip
    with acting(user):
        section.add_child(instance=page)
        page.save_revision(user=user, log_action=True)
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


SECURITY_CATEGORY = "an-toan-thong-tin"  # the required category of Decree 42/2022 (data)


def advisory_page(*, advisory, user) -> str:
    """Publish a security advisory as a news item in the "An toàn thông tin" section of the
    nearest portal, or its correction as a new revision of the same page: its public URL,
    "" when no portal has that section. The leader approved it in the security app, so the
    editorial board has nothing to decide (as for a document issued from the register)."""
    from django.utils.html import linebreaks
    from wagtail.rich_text import RichText

    page = NewsPage.objects.filter(advisory=advisory).first()
    if page is None:
        portal = nearest_portal(advisory.unit)
        section = (
            SectionPage.objects.filter(path__startswith=portal.path, category__code=SECURITY_CATEGORY)
            .order_by("path").first() if portal else None
        )  # fmt: skip
        if section is None:
            return ""
        page = NewsPage(advisory=advisory, owner=user, allow_comments=False)
    page.title = f"{advisory.get_kind_display()}: {advisory.title}"[:255]
    page.lead, page.byline = advisory.summary[:600], advisory.unit.name
    page.body = [("paragraph", RichText(linebreaks(advisory.body, autoescape=True)))]
    with acting(user):
        if page.pk is None:
            section.add_child(instance=page)
        page.save_revision(user=user).publish(user=user, skip_permission_checks=True)
    return page.full_url or page.url


def advisory_unpublish(*, advisory, user) -> None:
    """Withdraw the advisory's page: the leader decided it in the security app."""
    from wagtail.actions.unpublish_page import UnpublishPageAction

    page = NewsPage.objects.filter(advisory=advisory, live=True).first()
    if page is not None:
        with acting(user):
            UnpublishPageAction(page, user=user).execute(skip_permission_checks=True)


def portal_posts(*, unit: Unit, since=None) -> list:
    """The comments and questions sent to the unit's portal since `since` (all when None),
    as items for online listening (what citizens write there is public opinion too,
    moderated or not)."""
    from tttt.listening.services import Item

    items = []
    urls: dict[int, str] = {}

    def url_of(page) -> str:
        if page.pk not in urls:
            urls[page.pk] = page.full_url or ""
        return urls[page.pk]

    comments = Comment.objects.filter(unit=unit).select_related("page")
    questions = Question.objects.filter(unit=unit).select_related("page")
    if since is not None:
        comments, questions = (
            comments.filter(created_at__gte=since),
            questions.filter(received_at__gte=since),
        )
    for c in comments.order_by("created_at", "pk"):
        base = url_of(c.page)
        items.append(Item(text=c.content, title=c.title, author=c.sender_name, published_at=c.created_at,
                          url=f"{base}#binh-luan-{c.pk}" if base else ""))  # fmt: skip
    for q in questions.order_by("received_at", "pk"):
        base = url_of(q.page)
        items.append(Item(text=q.body, title=q.title, author=q.asker_name, published_at=q.received_at,
                          url=f"{base}#cau-hoi-{q.pk}" if base else ""))  # fmt: skip
    return items
