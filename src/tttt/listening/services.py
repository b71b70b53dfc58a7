"""Writes of online listening: sources and watch lists kept by the unit, mentions read from
feeds (by the worker) and from uploaded exports, analysed and linked to what they name,
deduplicated; a mention reviewed, or turned into an incident, an assigned task or a
correction on the portal. Each write by a person checks permission on the unit and writes
in one transaction; an upload with a bad row writes nothing and names every bad row."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from tttt.assignments import services as assignments
from tttt.assignments.models import Task
from tttt.core.text import fold
from tttt.core.uploads import upload_problems
from tttt.establishments.models import Establishment
from tttt.onestop.models import Procedure
from tttt.org.models import Unit
from tttt.org.queries import user_can
from tttt.org.services import acting
from tttt.security import services as security
from tttt.security.models import Incident

from . import analysis
from .errors import ListeningError as E
from .models import Mention, SentimentTerm, Source, WatchTerm
from .signals import correction_requested, portal_posts_wanted

WORK = "listening.change_mention"
KEEP = "listening.change_source"
TIMEOUT = 15  # seconds for a feed or an article to answer
USER_AGENT = "TTTT-listening/1.0 (+https://github.com/tttt)"
MAX_UPLOAD_MB = 20


def _require(user, perm: str, unit: Unit, message: str) -> None:
    if not user_can(user, perm, unit):
        raise PermissionDenied(message)


def _refuse(code, message, field=None) -> ValidationError:
    error = ValidationError(message, code=code)
    return ValidationError({field: error}) if field else error


@dataclass
class Item:
    """One post or article as read, before analysis."""

    text: str
    published_at: datetime
    title: str = ""
    url: str = ""
    author: str = ""


def fingerprint(item: Item) -> str:
    """Equal for the same story read twice (whitespace, case and diacritics aside)."""
    words = analysis.syllables(f"{item.title} {item.text}")
    return hashlib.sha1(" ".join(words).encode(), usedforsecurity=False).hexdigest()


def lexicon() -> analysis.Lexicon:
    return analysis.Lexicon.of(SentimentTerm.objects.values_list("phrase", "weight"))


def terms_for(unit: Unit) -> dict[tuple[str, ...], WatchTerm]:
    """The active watch terms of the unit and the units under it, as folded syllables."""
    found = {}
    for term in WatchTerm.objects.filter(
        unit__path__startswith=unit.path, is_active=True
    ).select_related("named_unit", "establishment__unit"):
        found.setdefault(tuple(term.folded.split()), term)
    return found


def _unit_named(hits: list[WatchTerm], default: Unit) -> Unit:
    """The most specific unit the hits name (a commune over its district), else `default`."""
    named = [t.named_unit for t in hits if t.named_unit_id] + [
        t.establishment.unit for t in hits if t.establishment_id
    ]
    named = [u for u in named if u.path.startswith(default.path)]
    return max(named, key=lambda u: len(u.path)) if named else default


def ingest(*, source: Source, items: list[Item], lexicon_=None, terms=None) -> dict[str, int]:
    """Analyse and keep the items not read before (by their fingerprint); each in its own
    savepoint, so that a story another worker kept a moment ago is only skipped."""
    lexicon_ = lexicon_ or lexicon()
    terms = terms if terms is not None else terms_for(source.unit)
    urls = {item.url for item in items if item.url}
    seen = (
        set(Mention.objects.filter(source=source, url__in=urls).values_list("url", flat=True))
        if urls
        else set()
    )
    prints = {
        fingerprint(item): item for item in items if item.text.strip() and item.url not in seen
    }
    known = set(
        Mention.objects.filter(source=source, fingerprint__in=prints).values_list(
            "fingerprint", flat=True
        )
    )
    counts = {"new": 0, "duplicate": len(items) - len(prints) + len(known)}
    for mark, item in prints.items():
        if mark in known:
            continue
        whole = f"{item.title}. {item.text}" if item.title else item.text
        found = analysis.analyse(whole, lexicon_)
        hits = analysis.find_terms(whole, terms)
        mention = Mention(
            source=source, unit=_unit_named(hits, source.unit), url=item.url[:500], title=item.title[:300],
            text=item.text, author=item.author[:150], published_at=item.published_at, fingerprint=mark,
            sentiment=found.sentiment, score=found.score, phrases=[p for p, _w in found.hits],
            topics=found.topics, search_text=fold(whole), watched=bool(hits),
        )  # fmt: skip
        try:
            with transaction.atomic():
                mention.save()
                mention.watch_hits.set(hits)
        except IntegrityError:
            counts["duplicate"] += 1
            continue
        counts["new"] += 1
    return counts


# ---------------------------------------------------------------- feeds


def _get(url: str, headers: dict | None = None) -> tuple[int, bytes, dict]:
    """GET over http(s) only: a feed's entry may link anywhere (file:///etc/passwd too)."""
    if not url.lower().startswith(("http://", "https://")):
        raise ValueError(_("Chỉ đọc địa chỉ http:// hoặc https://: %(u)s") % {"u": url[:100]})
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})  # noqa: S310 — checked above
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310 — checked above
            return answer.status, answer.read(), dict(answer.headers)
    except urllib.error.HTTPError as error:
        if error.code == 304:
            return 304, b"", dict(error.headers)
        raise


def _moment(parsed) -> datetime | None:
    if not parsed:
        return None
    from calendar import timegm

    return datetime.fromtimestamp(timegm(parsed), tz=UTC)


def feed_items(content: bytes, base_url: str = "") -> list[Item]:
    """The entries of an RSS or Atom document (feedparser), as items; relative links read
    against `base_url`, the feed's own address."""
    import feedparser

    parsed = feedparser.parse(
        content,
        response_headers={"content-location": base_url, "content-type": "application/xml"}
        if base_url
        else None,
    )
    if not parsed.entries and (parsed.bozo or not parsed.get("version")):
        raise _refuse(E.NOT_A_FEED, _("Địa chỉ không trả về nguồn tin RSS/Atom."))
    now = timezone.now()
    items = []
    for entry in parsed.entries:
        text = strip_tags(entry.get("summary") or entry.get("description") or "").strip()
        if entry.get("content"):
            text = strip_tags(entry.content[0].get("value", "")).strip() or text
        when = _moment(entry.get("published_parsed") or entry.get("updated_parsed")) or now
        items.append(Item(text=text or entry.get("title", ""), title=strip_tags(entry.get("title", "")).strip(),
                          url=entry.get("link", ""), author=entry.get("author", ""), published_at=min(when, now)))  # fmt: skip
    return items


def article_text(url: str) -> str:
    """The main text of an article's page (trafilatura), "" when it cannot be read."""
    import trafilatura

    try:
        status, body, _headers = _get(url)
    except (OSError, ValueError):
        return ""
    return (
        (trafilatura.extract(body.decode("utf-8", "replace"), include_comments=False) or "")
        if status == 200
        else ""
    )


def source_fetch(*, source: Source) -> dict[str, int]:
    """Read a feed source (the worker does, every quarter of an hour): only what changed
    since the last read (ETag, Last-Modified); the error, if any, kept on the source. A
    portal source reads what citizens wrote on the unit's portal since the last read."""
    if source.kind == Source.Kind.PORTAL:
        return _portal_fetch(source)
    if source.kind != Source.Kind.FEED:
        raise _refuse(E.WRONG_KIND, _("Tệp xuất từ mạng xã hội được tải lên, không đọc tự động."))
    headers = {
        k: v
        for k, v in (("If-None-Match", source.etag), ("If-Modified-Since", source.modified))
        if v
    }
    try:
        status, body, answer = _get(source.url, headers)
        items = [] if status == 304 else feed_items(body, source.url)
    except (OSError, ValueError, ValidationError) as error:
        message = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
        Source.objects.filter(pk=source.pk).update(
            last_fetched_at=timezone.now(), last_error=message[:500]
        )
        return {"new": 0, "duplicate": 0, "error": 1}
    if source.full_text:
        known = set(
            Mention.objects.filter(source=source, url__in=[i.url for i in items]).values_list(
                "url", flat=True
            )
        )
        for item in items:
            if item.url and item.url not in known and len(item.text) < 400:
                item.text = article_text(item.url) or item.text
    counts = ingest(source=source, items=items)
    Source.objects.filter(pk=source.pk).update(
        last_fetched_at=timezone.now(), last_error="", etag=answer.get("ETag", "")[:200],
        modified=answer.get("Last-Modified", "")[:100],
    )  # fmt: skip
    return {**counts, "error": 0}


def _portal_fetch(source: Source) -> dict[str, int]:
    now = timezone.now()
    # The first read takes everything; then a day's overlap: a post saved while the last
    # read ran is read again, then skipped as already known.
    since = source.last_fetched_at - timedelta(days=1) if source.last_fetched_at else None
    items = [item for _r, found in portal_posts_wanted.send(Source, unit=source.unit, since=since)
             for item in found or []]  # fmt: skip
    counts = ingest(source=source, items=items)
    Source.objects.filter(pk=source.pk).update(last_fetched_at=now, last_error="")
    return {**counts, "error": 0}


def sources_fetch() -> dict[str, int]:
    totals = {"sources": 0, "new": 0, "duplicate": 0, "error": 0}
    read = [Source.Kind.FEED, Source.Kind.PORTAL]
    for source in Source.objects.filter(kind__in=read, is_active=True).select_related("unit"):
        counts = source_fetch(source=source)
        totals["sources"] += 1
        for key in ("new", "duplicate", "error"):
            totals[key] += counts[key]
    return totals


# ---------------------------------------------------------------- uploads

TEXT_KEYS = ("text", "message", "content", "noi_dung", "body")
URL_KEYS = ("url", "link", "permalink", "permalink_url", "duong_dan")
AUTHOR_KEYS = ("author", "from", "user", "tac_gia", "name")
TIME_KEYS = ("published_at", "created_time", "created_at", "date", "time", "thoi_gian", "timestamp")
TITLE_KEYS = ("title", "tieu_de")


def _pick(row: dict, keys) -> str:
    lowered = {fold(str(k)).replace(" ", "_"): v for k, v in row.items()}
    for key in keys:
        value = lowered.get(key)
        if isinstance(value, dict):  # {"from": {"name": …}} as the platforms export it
            value = value.get("name") or value.get("username")
        if value not in (None, ""):
            return str(value).strip()
    return ""


def _when(text: str) -> datetime | None:
    text = text.strip()
    if text.isdigit():
        return datetime.fromtimestamp(int(text), tz=timezone.get_current_timezone())
    for pattern in ("%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y"):
        try:
            return timezone.make_aware(datetime.strptime(text, pattern))
        except ValueError:
            continue
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else timezone.make_aware(moment)


def upload_items(name: str, content: bytes) -> list[Item]:
    """The posts of an export (CSV with a header row, or JSON: a list of posts or {"data": […]});
    every bad row named at once."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refuse(
            E.BAD_FILE, _("Tệp phải là văn bản UTF-8 (CSV hoặc JSON)."), "upload"
        ) from None
    if name.lower().endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise _refuse(
                E.BAD_FILE,
                _("Tệp JSON không đọc được (dòng %(n)s).") % {"n": error.lineno},
                "upload",
            ) from None
        rows = data.get("data", data.get("posts", [])) if isinstance(data, dict) else data
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            raise _refuse(E.BAD_FILE, _("Tệp JSON phải là danh sách bài đăng."), "upload")
        first = 1
    else:
        rows, first = list(csv.DictReader(io.StringIO(text))), 2
    items, problems, now = [], [], timezone.now()
    for number, row in enumerate(rows, start=first):
        body, stamp = _pick(row, TEXT_KEYS), _pick(row, TIME_KEYS)
        when, wrong = (_when(stamp) if stamp else None), []
        if not body:
            wrong.append(_("Dòng %(n)s: thiếu nội dung bài đăng.") % {"n": number})
        if when is None:
            wrong.append(_("Dòng %(n)s: thời gian đăng «%(t)s» không đọc được (dùng 2026-11-30T08:15 hoặc "
                           "30/11/2026 08:15).") % {"n": number, "t": stamp})  # fmt: skip
        elif when > now + timedelta(minutes=5):
            wrong.append(_("Dòng %(n)s: thời gian đăng ở tương lai.") % {"n": number})
        problems += [ValidationError(message, code=E.BAD_ROW) for message in wrong]
        if not wrong:
            items.append(Item(text=body, published_at=when, title=_pick(row, TITLE_KEYS),
                              url=_pick(row, URL_KEYS), author=_pick(row, AUTHOR_KEYS)))  # fmt: skip
    if not rows:
        problems.append(ValidationError(_("Tệp không có bài đăng nào."), code=E.BAD_FILE))
    if problems:
        raise ValidationError({"upload": problems})
    return items


def upload_ingest(*, user, source: Source, upload) -> dict[str, int]:
    _require(user, KEEP, source.unit, _("Bạn không có quyền nạp dữ liệu cho nguồn này."))
    if source.kind != Source.Kind.UPLOAD:
        raise _refuse(E.WRONG_KIND, _("Chỉ nạp tệp cho nguồn «Tệp xuất từ mạng xã hội»."), "upload")
    if problems := upload_problems(upload, allowed=("csv", "json"), max_mb=MAX_UPLOAD_MB):
        raise ValidationError({"upload": problems})
    items = upload_items(upload.name, upload.read())
    with acting(user):
        counts = ingest(source=source, items=items)
        Source.objects.filter(pk=source.pk).update(last_fetched_at=timezone.now(), last_error="")
    return counts


# ---------------------------------------------------------------- sources and watch lists


def source_save(*, user, source: Source) -> Source:
    perm = KEEP if source.pk else "listening.add_source"
    _require(
        user, perm, source.unit, _("Bạn không có quyền cập nhật nguồn theo dõi của đơn vị này.")
    )
    errors = {}
    if source.kind == Source.Kind.FEED and not source.url:
        errors["url"] = [ValidationError(_("Hãy nhập địa chỉ RSS/Atom."), code=E.URL_REQUIRED)]
    elif source.url and not source.url.lower().startswith(("http://", "https://")):
        errors["url"] = [
            ValidationError(
                _("Địa chỉ phải bắt đầu bằng http:// hoặc https://."), code=E.URL_NOT_HTTP
            )
        ]
    if errors:
        raise ValidationError(errors)
    with acting(user):
        source.full_clean()
        source.save()
    return source


def watchterm_save(*, user, term: WatchTerm) -> WatchTerm:
    perm = "listening.change_watchterm" if term.pk else "listening.add_watchterm"
    _require(user, perm, term.unit, _("Bạn không có quyền sửa danh sách theo dõi của đơn vị này."))
    term.term = " ".join((term.term or "").split())
    term.folded = " ".join(analysis.syllables(term.term))
    if len(term.folded.replace(" ", "")) < 3:
        raise _refuse(E.TERM_TOO_SHORT, _("Từ khóa phải có ít nhất 3 chữ cái."), "term")
    if WatchTerm.objects.filter(unit=term.unit, folded=term.folded).exclude(pk=term.pk).exists():
        raise _refuse(
            E.TERM_EXISTS, _("Đơn vị đã theo dõi từ khóa «%(t)s».") % {"t": term.term}, "term"
        )
    with acting(user):
        term.full_clean()
        term.save()
    return term


def watchterm_delete(*, user, term: WatchTerm) -> None:
    _require(
        user,
        "listening.delete_watchterm",
        term.unit,
        _("Bạn không có quyền sửa danh sách theo dõi."),
    )
    with acting(user):
        term.delete()


def watchlist_refresh(*, user, unit: Unit) -> int:
    """Add to the unit's watch list the names of its records: the unit and the units under
    it, its offices, the businesses licensed there, the procedures of its catalogue. Terms
    already there are kept as they are; the number added."""
    _require(
        user,
        "listening.add_watchterm",
        unit,
        _("Bạn không có quyền sửa danh sách theo dõi của đơn vị này."),
    )
    K = WatchTerm.Kind
    wanted: list[WatchTerm] = []
    for named in Unit.objects.filter(path__startswith=unit.path).order_by("path"):
        if named.kind == Unit.Kind.OFFICE:
            wanted.append(
                WatchTerm(unit=unit, term=named.name, kind=K.OFFICE, named_unit=named.parent)
            )
        else:
            for text in {named.name, named.short_name} - {""}:
                wanted.append(WatchTerm(unit=unit, term=text, kind=K.UNIT, named_unit=named))
    for place in Establishment.objects.filter(unit__path__startswith=unit.path).exclude(
        status="closed"
    ):
        wanted.append(WatchTerm(unit=unit, term=place.name, kind=K.BUSINESS, establishment=place))
    for procedure in Procedure.objects.filter(units=unit).distinct():
        wanted.append(
            WatchTerm(unit=unit, term=procedure.name[:200], kind=K.PROCEDURE, procedure=procedure)
        )
    have = set(WatchTerm.objects.filter(unit=unit).values_list("folded", flat=True))
    fresh = {}
    for term in wanted:
        term.folded = " ".join(analysis.syllables(term.term))[:200]
        if len(term.folded.replace(" ", "")) >= 3 and term.folded not in have:
            fresh.setdefault(term.folded, term)
    with acting(user):
        WatchTerm.objects.bulk_create(fresh.values(), ignore_conflicts=True)
    return len(fresh)


# ---------------------------------------------------------------- acting on a mention


def mention_set_status(*, user, mention: Mention, status: str) -> Mention:
    _require(user, WORK, mention.unit, _("Bạn không có quyền xử lý tin này."))
    if status not in Mention.Status.values:
        raise _refuse(E.UNKNOWN_ACTION, _("Tình trạng không hợp lệ."))
    with acting(user):
        Mention.objects.filter(pk=mention.pk).update(status=status)
    mention.status = status
    return mention


def _administrative(unit: Unit) -> Unit:
    while unit.kind == Unit.Kind.OFFICE and unit.parent_id:
        unit = unit.parent
    return unit


def mention_to_incident(*, user, mention: Mention, kind: str, severity: int) -> Incident:
    """Report the mention as an information-security incident (fake pages, disinformation,
    a leak): its text and link become the incident's description."""
    _require(user, WORK, mention.unit, _("Bạn không có quyền xử lý tin này."))
    with acting(user):
        mention = Mention.objects.select_for_update().select_related("source").get(pk=mention.pk)
        if mention.incident_id:
            raise _refuse(E.ALREADY_LINKED, _("Tin này đã được báo cáo thành sự cố."))
        incident = security.incident_report(user=user, incident=Incident(
            unit=_administrative(mention.unit), title=(mention.title or mention.text)[:250], kind=kind,
            severity=int(severity), source=Incident.Source.LISTENING, detected_at=min(mention.fetched_at, timezone.now()),
            description=f"{mention.text}\n\n{_('Nguồn')}: {mention.source.name} {mention.url}".strip(),
        ))  # fmt: skip
        mention.incident, mention.status = incident, Mention.Status.ACTED
        mention.save(update_fields=["incident", "status"])
    return incident


def mention_to_task(
    *, user, mention: Mention, assignee: Unit, deadline: date, title: str, note: str = ""
) -> Task:
    """Assign what the mention calls for (to check it, answer it, fix it) to an office or
    unit, with a deadline; the task refers back to the mention."""
    _require(user, WORK, mention.unit, _("Bạn không có quyền xử lý tin này."))
    with acting(user):
        mention = Mention.objects.select_for_update().select_related("source").get(pk=mention.pk)
        if mention.task_id:
            raise _refuse(E.ALREADY_LINKED, _("Tin này đã được giao xử lý."))
        task = assignments.task_create(user=user, task=Task(
            unit=_administrative(mention.unit), assignee=assignee, source=Task.Source.LISTENING,
            source_reference=(mention.url or mention.source.name)[:200], title=(title or mention.title or mention.text)[:300],
            content="\n\n".join(p for p in [note, mention.text] if p), assigned_on=timezone.localdate(),
            deadline=deadline, assigned_by_name=user.get_full_name() or user.get_username(),
        ))  # fmt: skip
        mention.task, mention.status = task, Mention.Status.ACTED
        mention.save(update_fields=["task", "status"])
    return task


def mention_correction(*, user, mention: Mention) -> str:
    """Ask the unit's portal for a draft of official information answering the mention
    (its editors finish and publish it through the editorial workflow): the draft's URL."""
    _require(user, WORK, mention.unit, _("Bạn không có quyền xử lý tin này."))
    if mention.correction_url:
        raise _refuse(E.ALREADY_LINKED, _("Đã có bản tin cải chính cho tin này."))
    with acting(user):
        urls = [
            url
            for _receiver, url in correction_requested.send(
                sender=Mention, mention=mention, user=user
            )
            if url
        ]
        if not urls:
            raise _refuse(
                E.NO_PORTAL,
                _("Đơn vị chưa có cổng thông tin (chuyên mục Tin tức) để đăng tin cải chính."),
            )
        Mention.objects.filter(pk=mention.pk).update(
            correction_url=urls[0][:300], status=Mention.Status.ACTED
        )
    mention.correction_url = urls[0]
    return urls[0]


def source_fetch_now(*, user, source: Source) -> dict[str, int]:
    """A person asks for a feed to be read now, rather than at the worker's next round."""
    _require(user, KEEP, source.unit, _("Bạn không có quyền đọc nguồn này."))
    return source_fetch(source=source)
