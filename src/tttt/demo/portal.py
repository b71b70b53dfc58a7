"""Demo portals of Lương Tài (Bắc Ninh) and Vĩnh Tường (Vĩnh Phúc), whose records give the
seed figures when counted:

- Lương Tài, 9 months of 2019 (seeds 000, 003, 004): 197 news items, 65 articles,
  576 images, 151 directive documents;
- Vĩnh Tường, 01/01/2018–30/9/2019 (seed 001): 1.800 news items and articles, 3.520
  images, and 450 procedures in its catalog (283 district-level, 167 commune-level).

Pages are created through Wagtail's tree (`add_child`), already published, with
deterministic dates and words from `portal_content`.
"""

from __future__ import annotations

import io
import random
from datetime import date, datetime, time, timedelta

from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from tttt.core.calendar import get_calendar
from tttt.core.text import fold
from tttt.onestop.models import Procedure, ProcedureField
from tttt.org.models import Unit, User
from tttt.portal import services
from tttt.portal.models import (
    ContactEntry,
    ContactPage,
    ContentPage,
    DocumentPage,
    DocumentRelation,
    DocumentType,
    NewsPage,
    PortalHomePage,
    Question,
    QuestionIndexPage,
    RoyaltyRate,
    SectionPage,
)

from . import portal_content as C
from .pages import bulk_add_children

SEED = 20191003  # the day of the Vĩnh Tường portal inspection


def _moment(day: date, rng) -> datetime:
    return timezone.make_aware(
        datetime.combine(day, time(rng.choice([8, 9, 10, 14, 15, 16]), rng.randrange(60)))
    )


def _days(start: date, end: date) -> list[date]:
    cal = get_calendar()
    out, day = [], start
    while day <= end:
        if cal.is_working_day(day):
            out.append(day)
        day += timedelta(days=1)
    return out


def _images(portal: PortalHomePage, count: int) -> list:
    """Photographs stand-ins: coloured pictures with a caption, in the portal's collection."""
    Image = get_image_model()
    collection = (
        Collection.objects.filter(name=portal.title).first() or Collection.get_first_root_node()
    )
    palette = [
        (139, 16, 20),
        (11, 79, 156),
        (20, 83, 45),
        (124, 58, 237),
        (180, 83, 9),
        (15, 118, 110),
    ]
    images = []
    for i in range(count):
        picture = PILImage.new("RGB", (800, 500), palette[i % len(palette)])
        draw = ImageDraw.Draw(picture)
        draw.rectangle((40, 380, 760, 460), fill=(255, 255, 255))
        draw.text(
            (60, 405), fold(C.IMAGE_CAPTIONS[i % len(C.IMAGE_CAPTIONS)]).upper(), fill=(0, 0, 0)
        )
        buffer = io.BytesIO()
        picture.save(buffer, "JPEG", quality=70)
        title = f"{C.IMAGE_CAPTIONS[i % len(C.IMAGE_CAPTIONS)]} ({i + 1})"
        image = Image(title=title, collection=collection, description=title)
        image.file = ImageFile(buffer, name=f"{portal.slug}-{i + 1}.jpg")
        image.save()
        images.append(image)
    return images


def _body(rng, actor, district, images, extra_images: int) -> list:
    paragraphs = rng.sample(C.PARAGRAPHS, 3)
    blocks = []
    for i, text in enumerate(paragraphs):
        text = text.format(
            actor=actor, district=district, pct=rng.randrange(80, 101), n=rng.randrange(5, 40)
        )
        blocks.append({"type": "paragraph", "value": f"<p>{text}</p>"})
        if i < extra_images:
            blocks.append(_image_block(rng.choice(images)))
    for _ in range(extra_images - len(paragraphs)):
        blocks.append(_image_block(rng.choice(images)))
    return blocks


def _image_block(image) -> dict:
    return {
        "type": "image",
        "value": {"image": image.pk, "alt_text": image.title, "decorative": False},
    }


def _news(
    portal, section, *, rng, images, communes, district, start, end, news, articles, extra_images
):
    """Publish `news` items and `articles` between `start` and `end`; every one has a main
    image and the pages together have `extra_images` more in their bodies."""
    kinds = [NewsPage.Kind.NEWS] * news + [NewsPage.Kind.ARTICLE] * articles
    rng.shuffle(kinds)
    extras = [0] * len(kinds)
    for i in rng.sample(range(len(kinds)), k=min(extra_images, len(kinds))):
        extras[i] += 1
    left = extra_images - sum(extras)
    while left > 0:
        extras[rng.randrange(len(kinds))] += 1
        left -= 1
    days = _days(start, end)
    moments = sorted(_moment(rng.choice(days), rng) for _ in kinds)
    first = section.numchild + 1
    pages = []
    for n, (kind, extra, when) in enumerate(zip(kinds, extras, moments, strict=True), start=first):
        commune = rng.choice(communes)
        if kind == NewsPage.Kind.ARTICLE:
            title = rng.choice(C.ARTICLE_TITLES).format(commune=commune)
        elif rng.random() < 0.3:
            title = rng.choice(C.DISTRICT_NEWS_TITLES).format(district=district, month=when.month)
        else:
            title = rng.choice(C.NEWS_TITLES).format(commune=commune)
        actor = commune if "{commune}" not in title else commune
        main = rng.choice(images)
        page = NewsPage(
            title=title,
            slug=f"{slugify(fold(title))[:70]}-{n}",
            kind=kind,
            lead=rng.choice(C.LEADS).format(
                day=when.day, month=when.month, year=when.year, actor=actor
            ),
            main_image=main,
            main_image_alt=main.title,
            body=_body(rng, actor, district, images, extra),
            byline=rng.choice(C.BYLINES),
            live=True,
            has_unpublished_changes=False,
            first_published_at=when,
            last_published_at=when,
        )
        pages.append(page)
    bulk_add_children(section, pages)


def _directives(portal, section, *, rng, communes, district, start, end, count, issuer, signer):
    days = _days(start, end)
    types = {t.code: t for t in DocumentType.objects.all()}
    numbers: dict[str, int] = {}
    pages = []
    for n, day in enumerate(sorted(rng.choice(days) for _ in range(count)), start=1):
        code, symbol, summaries = rng.choice(C.DIRECTIVES)
        numbers[symbol] = numbers.get(symbol, 0) + rng.randrange(1, 4)
        number = f"{numbers[symbol]}/{symbol}"
        summary = rng.choice(summaries).format(
            year=day.year, month=day.month, commune=rng.choice(communes)
        )
        when = _moment(day, rng)
        pages.append(
            DocumentPage(
                title=f"{number} — {summary}"[:255],
                slug=f"{slugify(fold(number))}-{n}",
                doc_type=types[code],
                number=number,
                issuer=issuer,
                issued_on=day,
                effective_on=day,
                signer=signer,
                field_name="Chỉ đạo, điều hành",
                summary=summary,
                live=True,
                first_published_at=when,
                last_published_at=when,
            )
        )
    bulk_add_children(section, pages)


def _legal(section):
    types = {t.code: t for t in DocumentType.objects.all()}
    by_number = {}
    for number, code, issuer, issued, effective, summary, relations in C.LEGAL:
        when = timezone.make_aware(datetime(*issued, 9, 0))
        page = DocumentPage(
            title=f"{number} — {summary}"[:255],
            slug=slugify(fold(number)),
            doc_type=types[code],
            number=number,
            issuer=issuer,
            issued_on=date(*issued),
            effective_on=date(*effective),
            summary=summary,
            field_name="Thông tin và truyền thông",
            live=True,
            first_published_at=when,
            last_published_at=when,
        )
        for kind, target in relations:
            page.relations.add(DocumentRelation(kind=kind, target=by_number[target]))
        section.add_child(instance=page)
        by_number[number] = page


def _questions(portal, page, *, rng, start, end, editor):
    days = _days(start, end)
    cal = get_calendar()
    for title, body, answer, office in C.QUESTIONS:
        asked = _moment(rng.choice(days), rng)
        question = services.question_submit(
            page=page,
            data=services.QuestionData(
                title=title,
                body=body,
                asker_name=rng.choice(
                    ["Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Minh Đức", "Phạm Thu Trang"]
                ),
                asker_email="nguoidan@example.vn",
            ),
            now=asked,
        )
        services.question_answer(
            user=editor,
            question=question,
            answer=answer,
            answerer_title=office,
            now=cal.add_working_days(asked, rng.randrange(1, 5)),
        )
    for title, body in C.PENDING_QUESTIONS:
        services.question_submit(
            page=page,
            data=services.QuestionData(
                title=title, body=body, asker_name="Đỗ Văn Nam", asker_email="nam@example.vn"
            ),
        )


def _comments(portal, *, rng, editor, count):
    pages = list(NewsPage.objects.filter(unit=portal.unit).order_by("-first_published_at")[:count])
    for i, page in enumerate(pages):
        title, content, rating = C.COMMENTS[i % len(C.COMMENTS)]
        comment = services.comment_submit(
            page=page,
            data=services.CommentData(
                title=title, sender_name="Bạn đọc " + page.unit.name.split()[-1], sender_email="bandoc@example.vn",
                content=content, rating=rating,
            ),
            now=page.first_published_at + timedelta(hours=5),
        )  # fmt: skip
        if i % 5 != 4:  # a few wait for moderation
            services.comment_moderate(
                user=editor,
                comment=comment,
                publish=True,
                now=page.first_published_at + timedelta(days=1),
            )


def _royalties(portal, *, rng, chief, month):
    """The editor-in-chief grades the last month's items (the monthly statement)."""
    rates = {
        r.kind: r for r in RoyaltyRate.objects.filter(code__in=["tin-thoi-su", "bai-phan-anh"])
    }
    start = timezone.make_aware(datetime.combine(month, time.min))
    for page in NewsPage.objects.filter(
        unit=portal.unit,
        first_published_at__gte=start,
        first_published_at__lte=start + timedelta(days=31),
    ):
        low, high = (2, 5) if page.kind == NewsPage.Kind.NEWS else (10, 20)
        services.royalty_grade(
            user=chief,
            page=page,
            rate=rates[page.kind],
            coefficient=rng.randrange(low * 2, high * 2 + 1) / 2,
        )


def _fill_static_pages(portal, *, district, rng, admin):
    intro = ContentPage.objects.get(path__startswith=portal.path, slug="gioi-thieu")
    communes = Unit.objects.filter(parent=portal.unit, kind=Unit.Kind.COMMUNE).count()
    intro.body = [
        ("paragraph", f"<h2>Vị trí địa lý</h2><p>{district} có {communes} đơn vị hành chính cấp xã.</p>"),
        ("paragraph", "<h2>Cơ cấu tổ chức</h2><p>Huyện ủy, HĐND, UBND, Ủy ban MTTQ huyện và các cơ quan chuyên môn: Văn phòng HĐND và UBND, Phòng Nội vụ, Phòng Tư pháp, Phòng Tài chính – Kế hoạch, Phòng Văn hóa và Thông tin, Phòng Kinh tế và Hạ tầng…</p>"),
        ("paragraph", "<h2>Chức năng, nhiệm vụ</h2><p>UBND huyện là cơ quan hành chính nhà nước ở địa phương, thực hiện chức năng quản lý nhà nước trên địa bàn theo Luật Tổ chức chính quyền địa phương.</p>"),
        ("paragraph", "<h2>Lãnh đạo</h2><p>Chủ tịch UBND huyện phụ trách chung; các Phó Chủ tịch phụ trách khối kinh tế, khối văn hóa – xã hội; Trưởng Ban Biên tập Cổng thông tin điện tử là một Phó Chủ tịch UBND huyện.</p>"),
    ]  # fmt: skip
    intro.save_revision(user=admin).publish(user=admin)
    contact = ContactPage.objects.get(path__startswith=portal.path)
    for i, (office, position) in enumerate(C.CONTACTS):
        ContactEntry.objects.create(
            page=contact, sort_order=i, office=office, position=position,
            phone=f"0222.38{rng.randrange(10000, 99999)}", email=f"{slugify(fold(office)).replace('-', '')[:20]}@example.gov.vn",
        )  # fmt: skip


def build_vinh_phuc_catalog(vinh_tuong: Unit) -> int:
    """Vĩnh Phúc's catalog as published on the Vĩnh Tường portal: 283 district-level and
    167 commune-level procedures (seed 001), mostly at level 2 (information only)."""
    from .procedures import FIELDS

    if Procedure.objects.filter(code__startswith="DEMO.VP.").exists():
        return 0
    district_names, commune_names = [], []
    for code, (field, rows) in FIELDS.items():
        for name, levels in rows:
            if "h" in levels:
                district_names.append((code, field, name))
            if "x" in levels:
                commune_names.append((code, field, name))
    district_names += C.family_names(C.EXTRA_DISTRICT, 283 - len(district_names))
    commune_names += C.family_names(C.EXTRA_COMMUNE, 167 - len(commune_names))
    fields = {f.code: f for f in ProcedureField.objects.all()}
    for code, field, _name in district_names + commune_names:
        if code not in fields:
            fields[code] = ProcedureField.objects.create(code=code, name=field)
    communes = list(vinh_tuong.children.filter(kind=Unit.Kind.COMMUNE))
    made = []
    for level, names, targets in [
        (Procedure.Level.DISTRICT, district_names, [vinh_tuong]),
        (Procedure.Level.COMMUNE, commune_names, communes),
    ]:
        for i, (code, _field, name) in enumerate(names, start=1):
            procedure = Procedure(
                code=f"DEMO.VP.{'H' if level == Procedure.Level.DISTRICT else 'X'}.{i:03d}",
                name=name,
                field=fields[code],
                level=level,
                duration=5,
                legacy_level=2,
                online_service=Procedure.OnlineService.NONE,
                legal_basis="Quyết định công bố bộ thủ tục hành chính của Chủ tịch UBND tỉnh Vĩnh Phúc (dữ liệu mẫu).",
            )
            procedure.save()
            made.append((procedure, targets))
    Through = Procedure.units.through
    Through.objects.bulk_create(
        Through(procedure_id=p.pk, unit_id=u.pk) for p, targets in made for u in targets
    )
    return len(made)


def build_portals(write, *, luong_tai: Unit, vinh_tuong: Unit) -> None:
    if PortalHomePage.objects.filter(unit__in=[luong_tai, vinh_tuong]).exists():
        return
    admin = User.objects.filter(is_superuser=True).order_by("pk").first()
    # Wagtail's own first page ("Welcome to your new Wagtail site!") stays as the main
    # site's root; give it a Vietnamese title, as the page explorer shows it.
    Page.objects.filter(depth=2, title="Welcome to your new Wagtail site!").update(
        title="Trang công khai TTTT", draft_title="Trang công khai TTTT"
    )
    rng = random.Random(SEED)
    for unit, spec in [
        (luong_tai, dict(news=197, articles=65, extra_images=576 - 262, directives=151,
                         start=date(2019, 1, 1), end=date(2019, 9, 30), photos=18,
                         before=(date(2018, 10, 1), date(2018, 12, 31), 40, 12, 30),
                         signer="Chủ tịch UBND huyện")),
        (vinh_tuong, dict(news=1380, articles=420, extra_images=3520 - 1800, directives=240,
                          start=date(2018, 1, 1), end=date(2019, 9, 30), photos=30, before=None,
                          signer="Phó Chủ tịch UBND huyện Lê Chí Thái")),
    ]:  # fmt: skip
        portal = services.portal_create(user=admin, unit=unit, today=spec["end"])
        portal.tagline = f"Cơ quan chủ quản: Ủy ban nhân dân {unit.name}"
        portal.licence = (
            f"Cơ quan chủ quản: UBND {unit.name}. Chịu trách nhiệm chính: Trưởng Ban Biên tập."
        )
        portal.contact_email = f"ubnd@{services.portal_slug(unit)}.example.gov.vn"
        portal.point_value = 149_000  # 10% of the base salary from 01/7/2019 (Decree 18/2014)
        portal.save()
        communes = [c.name for c in unit.children.filter(kind=Unit.Kind.COMMUNE).order_by("name")]
        images = _images(portal, spec["photos"])
        news_section = SectionPage.objects.get(path__startswith=portal.path, slug="tin-tuc")
        common = dict(rng=rng, images=images, communes=communes, district=unit.name)
        _news(portal, news_section, start=spec["start"], end=spec["end"], news=spec["news"],
              articles=spec["articles"], extra_images=spec["extra_images"], **common)  # fmt: skip
        if spec["before"]:
            start, end, n, a, extra = spec["before"]
            _news(
                portal,
                news_section,
                start=start,
                end=end,
                news=n,
                articles=a,
                extra_images=extra,
                **common,
            )
        docs = SectionPage.objects.get(path__startswith=portal.path, slug="van-ban")
        _directives(portal, docs, rng=rng, communes=communes, district=unit.name, start=spec["start"],
                    end=spec["end"], count=spec["directives"], issuer=f"UBND {unit.name}",
                    signer=spec["signer"])  # fmt: skip
        _legal(docs)
        _fill_static_pages(portal, district=unit.name, rng=rng, admin=admin)
        qa = QuestionIndexPage.objects.get(path__startswith=portal.path)
        _questions(portal, qa, rng=rng, start=spec["start"], end=spec["end"], editor=admin)
        _comments(portal, rng=rng, editor=admin, count=15)
        _royalties(portal, rng=rng, chief=admin, month=spec["end"].replace(day=1))
        write(
            f"Cổng {unit.name}: {NewsPage.objects.filter(unit=unit).count()} tin, bài; "
            f"{DocumentPage.objects.filter(unit=unit).count()} văn bản; "
            f"{Question.objects.filter(unit=unit).count()} câu hỏi — {Site.objects.get(root_page=portal).root_url}/"
        )
    build_vinh_phuc_catalog(vinh_tuong)
