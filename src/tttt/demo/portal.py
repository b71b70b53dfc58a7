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
from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth
from django.utils import timezone
from django.utils.text import slugify
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, Site

from tttt.core.calendar import get_calendar
from tttt.core.text import fold
from tttt.onestop.models import Dossier, Procedure, ProcedureField, Timing
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

from . import pictures as P
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


def _images(portal: PortalHomePage, count: int, rng, *, year: int) -> list:
    """The portal's photographs (scenes drawn to match their captions) and, when the unit has
    one-stop records that year, a chart of its dossiers by month; in the portal's collection."""
    Image = get_image_model()
    collection = (
        Collection.objects.filter(name=portal.title).first() or Collection.get_first_root_node()
    )
    pictures = []
    for i in range(count):
        caption = C.IMAGE_CAPTIONS[i % len(C.IMAGE_CAPTIONS)]
        data = P.scene(caption, rng, place=portal.unit.name, year=year)
        pictures.append((caption, data))
    months = (
        Dossier.objects.filter(unit__path__startswith=portal.unit.path, received_at__year=year)
        .annotate(month=ExtractMonth("received_at", tzinfo=timezone.get_current_timezone()))
        .values("month")
        .annotate(received=Count("pk"), on_time=Count("pk", filter=~Q(timing=Timing.LATE)))
        .order_by("month")
    )
    if months:
        title = f"Kết quả giải quyết hồ sơ thủ tục hành chính {portal.unit.name} năm {year}"
        data = P.bar_chart(
            title,
            [m["month"] for m in months],
            [m["received"] for m in months],
            [m["on_time"] for m in months],
        )
        pictures[-1] = (f"Biểu đồ: {title}", data)
    images = []
    for i, (title, data) in enumerate(pictures, start=1):
        image = Image(title=title, collection=collection, description=title)
        image.file = ImageFile(io.BytesIO(data), name=f"{portal.slug}-{i}.jpg")
        image.save()
        images.append(image)
    return images


def _body(rng, story: str, closing: list[str], words: dict, pick, extra_images: int) -> list:
    """The story's own sentence, then two closing paragraphs, with `extra_images` pictures."""
    paragraphs = [story, *rng.sample(closing, 2)]
    blocks = []
    for i, text in enumerate(paragraphs):
        blocks.append({"type": "paragraph", "value": f"<p>{text.format(**words)}</p>"})
        if i < extra_images:
            blocks.append(_image_block(pick()))
    for _ in range(extra_images - len(paragraphs)):
        blocks.append(_image_block(pick()))
    return blocks


# Which picture suits a title: the first caption whose words it contains.
TOPICS = [
    ("Biểu đồ", ("một cửa", "thủ tục hành chính", "cải cách hành chính", "dịch vụ công", "hồ sơ")),
    ("Đoàn kiểm tra làm việc tại cơ sở", ("Kiểm tra", "kiểm tra", "Internet", "trò chơi")),
    ("Nhân dân tham gia ra quân", ("ra quân", "vệ sinh", "Chiến dịch", "rác", "môi trường", "hiến máu")),
    ("Trao giấy khen cho các tập thể, cá nhân", ("khen", "trao", "Trao", "mừng thọ", "danh hiệu", "đón nhận")),
    ("Các đại biểu tham quan mô hình", ("lúa", "cánh đồng", "nông thôn", "mô hình", "chăn nuôi", "kênh",
                                       "đường", "nông dân", "gia súc", "Nông dân")),
    ("Lãnh đạo huyện phát biểu chỉ đạo", ("giao ban", "triển khai", "chỉ đạo", "họp", "Ban Chỉ đạo")),
]  # fmt: skip


def _picture(rng, title: str, images: list, shown: set | None = None):
    """A picture that suits the title (a ceremony hall when nothing more fitting), not one
    the story already `shown`; it joins them."""
    shown = set() if shown is None else shown
    images = [i for i in images if i.pk not in shown] or images
    chosen = _fitting(rng, title, images)
    shown.add(chosen.pk)
    return chosen


def _fitting(rng, title: str, images: list):
    for caption, words in TOPICS:
        if any(w in title for w in words):
            fitting = [i for i in images if i.title.startswith(caption)]
            if fitting:
                return rng.choice(fitting)
    halls = [i for i in images if i.title.startswith("Quang cảnh")] or images
    return rng.choice(halls)


def _story(rng, kind, when, communes, district, used: set) -> tuple[str, str, str, bool]:
    """(title, the story's sentence, who acted, whether the district did) for a story
    published on `when`; a title is not used twice in a year while others are left."""
    for _ in range(200):
        commune = rng.choice(communes)
        if kind == NewsPage.Kind.ARTICLE:
            (title, story), by_district = rng.choice(C.ARTICLE_TITLES), False
        elif rng.random() < 0.12:
            (title, story), by_district = rng.choice(C.DISTRICT_NEWS_TITLES), True
        else:
            (title, story), by_district = rng.choice(C.NEWS_TITLES), False
        title = title.format(commune=commune, district=district, month=when.month, year=when.year)
        if (when.year, title) not in used:
            break
    used.add((when.year, title))
    return title, story, district if by_district else commune, by_district


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
    used = {
        (when.year, title)
        for title, when in NewsPage.objects.child_of(section).values_list(
            "title", "first_published_at"
        )
    }
    pages = []
    for n, (kind, extra, when) in enumerate(zip(kinds, extras, moments, strict=True), start=first):
        title, story, actor, by_district = _story(rng, kind, when, communes, district, used)
        words = dict(
            actor=actor, district=district, year=when.year, month=when.month,
            pct=rng.randrange(85, 100), n=rng.randrange(5, 40), n0=rng.randrange(10, 50) * 10,
            km=f"{rng.randrange(8, 45) / 10:.1f}".replace(".", ","),
        )  # fmt: skip
        shown: set[int] = set()
        main = _picture(rng, title, images, shown)
        page = NewsPage(
            title=title,
            slug=f"{slugify(fold(title))[:70]}-{n}",
            kind=kind,
            lead=rng.choice(C.LEADS).format(
                day=when.day, month=when.month, year=when.year, actor=actor
            ),
            main_image=main,
            main_image_alt=main.title,
            body=_body(
                rng,
                story,
                C.DISTRICT_PARAGRAPHS if by_district else C.PARAGRAPHS,
                words,
                lambda: _picture(rng, title, images, shown),  # noqa: B023 (called at once)
                extra,
            ),  # fmt: skip
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
        last = (day.month - 1) // 3 or 4  # the quarter a report of this day covers
        quarter = (
            f"{('I', 'II', 'III', 'IV')[last - 1]}/{day.year - (last == 4 and day.month <= 3)}"
        )
        summary = rng.choice(summaries).format(
            year=day.year, month=day.month, commune=rng.choice(communes), quarter=quarter
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


def _legal(section, *, until: date):
    """The national texts the portal publishes, those issued by `until` (the demo portals'
    content ends in 2019: a later decree would be out of its time)."""
    types = {t.code: t for t in DocumentType.objects.all()}
    by_number = {}
    for number, code, issuer, issued, effective, summary, relations in C.LEGAL:
        if date(*issued) > until:
            continue
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
    from .procedures import DEFAULT_LEGAL_BASIS, FIELDS, LEGAL_BASIS, national_code

    if Procedure.objects.filter(code__startswith="2.").exists():
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
    taken: set[str] = set()
    for level, names, targets in [
        (Procedure.Level.DISTRICT, district_names, [vinh_tuong]),
        (Procedure.Level.COMMUNE, commune_names, communes),
    ]:
        for code, _field, name in names:
            procedure = Procedure(
                code=national_code(2, name, level, taken),
                name=name,
                field=fields[code],
                level=level,
                duration=5,
                legacy_level=2,
                online_service=Procedure.OnlineService.NONE,
                legal_basis=LEGAL_BASIS.get(code, DEFAULT_LEGAL_BASIS),
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
                         signer="Chủ tịch UBND huyện", editor_in_chief="Ông Nguyễn Văn Hùng",
                         address="Khu 1, thị trấn Thứa, huyện Lương Tài, tỉnh Bắc Ninh",
                         phone="0222.3867.113")),
        (vinh_tuong, dict(news=1380, articles=420, extra_images=3520 - 1800, directives=240,
                          start=date(2018, 1, 1), end=date(2019, 9, 30), photos=30, before=None,
                          signer="Phó Chủ tịch UBND huyện Lê Chí Thái", editor_in_chief="Ông Lê Chí Thái",
                          address="Thị trấn Vĩnh Tường, huyện Vĩnh Tường, tỉnh Vĩnh Phúc",
                          phone="0211.3838.262")),
    ]:  # fmt: skip
        portal = services.portal_create(user=admin, unit=unit, today=spec["end"])
        portal.tagline = f"Cơ quan chủ quản: Ủy ban nhân dân {unit.name}"
        portal.licence = (
            f"Cơ quan chủ quản: Ủy ban nhân dân {unit.name}. Chịu trách nhiệm chính: "
            f"{spec['editor_in_chief']}, Phó Chủ tịch UBND huyện, Trưởng Ban Biên tập."
        )
        portal.contact_address = spec["address"]
        portal.contact_phone = spec["phone"]
        portal.contact_email = f"ubnd@{services.portal_slug(unit)}.example.gov.vn"
        portal.point_value = 149_000  # 10% of the base salary from 01/7/2019 (Decree 18/2014)
        portal.save()
        communes = [c.name for c in unit.children.filter(kind=Unit.Kind.COMMUNE).order_by("name")]
        images = _images(portal, spec["photos"], rng, year=spec["end"].year)
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
        _legal(docs, until=spec["end"])
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
