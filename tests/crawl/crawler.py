"""A bounded crawl of the site as one visitor, with the checks every page must pass.

Used by test_crawl.py on the full demo: pages are fetched with Django's test client (the
whole request path: middleware, templates, the database), GET only, never a destructive
URL. Each page is checked for server errors, Django's debug page, unrendered template
syntax, links to another host or port than the one served, numbers localized inside
attributes (`?unit=1.664`), and English UI strings (the message ids of Django's and
Wagtail's catalogues that the Vietnamese catalogues leave untranslated).
"""

from __future__ import annotations

import json
import re
import time
from collections import deque
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.core.signals import got_request_exception
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

# GET requests that change something, or lead away from the session being crawled.
SKIP = re.compile(
    r"/logout|/2fa/|/unlock/|/lock/|/revisions/\d+/revert|/workflow/(action|collect)|"
    r"/preview|/view_draft/|/password_reset|/login|/static/|/media/|/documents/\d+/|/_util/|"
    r"/admin/(jsi18n|autocomplete|bulk)/|/api/v1/|\.(pdf|xlsx|docx|csv|png|jpg|svg|zip)$"
)
EXPORTS = re.compile(r"(export|xuat)=(csv|xlsx|register)")
LOCAL_HOSTS = re.compile(r"^(localhost|127\.\d+\.\d+\.\d+|\[::1\]|testserver|[\w-]+\.localhost)$")
LOCALIZED_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:\.\d{3})+(?![\w.])")
# Text that is English in any context, beyond the catalogues (Wagtail builds a few from code).
ENGLISH_WORDS = re.compile(r"\b(ago|Draft|Live|Edit|Delete|Search|Filter|Inspect|Save|Page|Sort)\b")


@cache
def english_messages() -> tuple[frozenset[str], re.Pattern]:
    """Message ids of Django's, Wagtail's and auditlog's own catalogues that the active Vietnamese
    catalogues (theirs and ours) do not translate: each one on a page is English. Plain ids
    as a set; ids with placeholders ("Pages using %(page_type)s") as one pattern."""
    import auditlog
    import django
    import wagtail

    roots = [Path(m.__file__).parent for m in (django, wagtail, auditlog)]
    ids: set[str] = set()
    for root in roots:
        # English catalogues where a package ships them; else any one (same message ids).
        found = list(root.rglob("locale/en/LC_MESSAGES/django.po"))
        for po in found or list(root.glob("locale/*/LC_MESSAGES/django.po"))[:1]:
            ids.update(po_message_ids(po.read_text(encoding="utf-8")))
    plain, patterns = set(), []
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
    with translation.override("vi"):
        for msgid in ids:
            text = " ".join(msgid.split())
            if (
                len(text) < 3
                or not re.search(r"[A-Za-z]{3}", text)
                or "<" in text
                or translation.gettext(msgid) != msgid
                or text in NOT_ENGLISH
            ):
                continue
            if not placeholder.search(text):
                plain.add(text)
                continue
            words = placeholder.sub(" ", text)
            english = re.findall(r"[A-Za-z]{2,}", words)
            if len(english) < 2 and not any(len(w) >= 4 for w in english):  # "%(count)s min"
                continue
            parts = placeholder.split(text)
            patterns.append(".+?".join(re.escape(part) for part in parts))
    return frozenset(plain), re.compile("^(?:" + "|".join(sorted(patterns)) + ")$")


ASCII_WORD = re.compile("[A-Za-z]{3}")
# "UBND huyện huyện Lương Tài": a unit word in prose followed by a name that starts with it
# (names themselves may double: "Phường Phường Đúc" is a real ward).
DOUBLED = re.compile(r"\b(huyện|xã|tỉnh|phường) (?:Huyện|Xã|Tỉnh|Phường|huyện|xã|tỉnh|phường)\b")


def po_message_ids(text: str) -> list[str]:
    """The msgid and msgid_plural strings of a .po file."""
    ids, current, taking = [], [], False
    for line in text.splitlines() + [""]:
        if line.startswith(("msgid ", "msgid_plural ")):
            if current:
                ids.append("".join(current))
            current, taking = [json.loads(line.split(" ", 1)[1])], True
        elif line.startswith('"') and taking:
            current.append(json.loads(line))
        else:
            if taking and current:
                ids.append("".join(current))
            current, taking = [], False
    return [i for i in ids if i]


# Message ids that read the same in Vietnamese (names, formats, codes).
NOT_ENGLISH = {
    "TTTT",
    "Email",
    "E-mail",
    "URL",
    "CSV",
    "XLSX",
    "PDF",
    "OK",
    "ID",
    "Wagtail",
    "HTML",
    "JSON",
    "Twitter",
    "Facebook",
    "YouTube",
    "Instagram",
    "Vimeo",
    "Logo",
    "Slug",
    "Tags",
    "Menu",
    "Online",
    "Internet",
    "Website",
    "Karaoke",
    "Video",
    "Audio",
    "Blog",
    "Email:",
}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.texts: list[str] = []
        self.sidebar = ""
        self._skip = 0
        self._in_sidebar = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "template", "textarea"):
            self._skip += 1
            self._in_sidebar = attrs.get("id") == "wagtail-sidebar-props"
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name, value in attrs.items():
            if value is None:
                continue
            if name in ("href", "src", "action", "value") or name.startswith("data-"):
                self.attrs.append((tag, name, value))
            if name in ("title", "aria-label", "placeholder", "alt") and not self._skip:
                self.texts.append(value)
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "textarea") and self._skip:
            self._skip -= 1
            self._in_sidebar = False

    def handle_data(self, data):
        if self._in_sidebar:
            self.sidebar += data
        elif not self._skip:
            text = " ".join(data.split())
            if text:
                self.texts.append(text)


@dataclass
class Visit:
    who: str
    url: str
    status: int
    ms: float
    queries: int


@dataclass
class Crawl:
    client: object
    who: str
    host: str
    start: list[str]
    max_pages: int = 110
    max_depth: int = 3
    per_pattern: int = 2
    downloads: set[str] = field(default_factory=set)  # export patterns: shared, fetched once
    visits: list[Visit] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def pattern(self, url: str) -> str:
        parts = urlsplit(url)
        keys = sorted({k for k, _ in parse_qsl(parts.query) if k not in ("p", "page")})
        return re.sub(r"\d+", "N", parts.path) + "?" + "&".join(keys)

    def run(self) -> Crawl:
        seen_urls: set[str] = set()
        per_pattern: dict[str, int] = {}
        queue = deque((url, 0, "(start)") for url in self.start)
        while queue and len(self.visits) < self.max_pages:
            url, depth, source = queue.popleft()
            if url in seen_urls:
                continue
            pattern = self.pattern(url)
            if per_pattern.get(pattern, 0) >= self.per_pattern and depth > 0:
                continue
            if export := EXPORTS.search(url):  # a list's export once, whatever its order
                download = f"{urlsplit(url).path}?{export.group(0)}"
                if download in self.downloads:
                    continue
                self.downloads.add(download)
            seen_urls.add(url)
            per_pattern[pattern] = per_pattern.get(pattern, 0) + 1
            page = self.fetch(url, source)
            if page is None or depth >= self.max_depth:
                continue
            for link in page.links + self.menu(page):
                target = self.same_host(url, link)
                if target and target not in seen_urls and not SKIP.search(target):
                    queue.append((target, depth + 1, url))
        return self

    def menu(self, page: _Page) -> list[str]:
        if not page.sidebar:
            return []
        return [u for u in re.findall(r'"(/admin/[^"]*)"', page.sidebar)]

    def same_host(self, base: str, link: str) -> str | None:
        if link.startswith(("mailto:", "tel:", "javascript:", "#", "data:")):
            return None
        absolute = urljoin(f"http://{self.host}{base}", link)
        parts = urlsplit(absolute)
        if parts.netloc != self.host:
            return None
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        return path

    def problem(self, url: str, what: str):
        self.problems.append(f"[{self.who}] {url}: {what}")

    def fetch(self, url: str, source: str) -> _Page | None:
        errors = []

        def caught(sender, request=None, **kwargs):
            import sys
            import traceback

            kind, error, tb = sys.exc_info()
            where = traceback.extract_tb(tb)[-1] if tb else None
            errors.append(
                f"{kind.__name__}: {error} at {where.filename}:{where.lineno}"
                if where
                else repr(error)
            )

        connection.queries_log.clear()  # the log keeps 9.000 queries: count from empty
        started = time.perf_counter()
        got_request_exception.connect(caught)
        try:
            with CaptureQueriesContext(connection) as queries:
                response = self.client.get(url, HTTP_HOST=self.host)
        finally:
            got_request_exception.disconnect(caught)
        ms = (time.perf_counter() - started) * 1000
        self.visits.append(Visit(self.who, url, response.status_code, ms, len(queries)))
        status = response.status_code
        if status >= 500:
            self.problem(url, f"HTTP {status} (linked from {source}) {' '.join(errors)}")
            return None
        if status in (301, 302, 303, 307, 308):
            location = response.get("Location", "")
            target = self.same_host(url, location)
            if location and target is None and "://" in location:
                self.problem(url, f"redirects to another host: {location}")
            return None
        if status >= 400:
            if source != "(start)" and status != 403:
                self.problem(url, f"HTTP {status}: a dead link (linked from {source})")
            return None
        content_type = response.get("Content-Type", "")
        if "text/html" not in content_type:
            return None
        html = response.content.decode("utf-8", "replace")
        if "technical_500" in html or 'id="traceback"' in html:
            self.problem(url, "Django's debug page")
        page = _Page()
        page.feed(html)
        self.check(url, page)
        return page

    def check(self, url: str, page: _Page):
        english, english_with_values = english_messages()
        menu = [
            json.loads(f'"{m}"') for m in re.findall(r'"label": "((?:[^"\\]|\\.)*)"', page.sidebar)
        ]
        for text in page.texts + menu:
            if any(m.group(0).split()[1].lower() == m.group(1) for m in DOUBLED.finditer(text)):
                self.problem(url, f"a unit word written twice: {text[:80]!r}")
            if "{{" in text or "{%" in text:
                self.problem(url, f"unrendered template syntax: {text[:80]!r}")
            if text in english or (ASCII_WORD.search(text) and english_with_values.match(text)):
                self.problem(url, f"English UI string: {text!r}")
        for tag, name, value in page.attrs:
            if name in ("href", "src", "action"):
                parts = urlsplit(value)
                host = parts.netloc
                if (
                    host
                    and LOCAL_HOSTS.match(parts.hostname or "")
                    and port(host) != port(self.host)
                ):
                    self.problem(url, f"link to another host or port: {value}")
                if LOCALIZED_NUMBER.search(parts.query) or LOCALIZED_NUMBER.search(parts.path):
                    self.problem(url, f"localized number in {tag}[{name}]: {value}")
            elif (
                name == "value" and tag in ("input", "option") and LOCALIZED_NUMBER.fullmatch(value)
            ):
                self.problem(url, f"localized number in {tag}[value]: {value}")


def port(netloc: str) -> str:
    return netloc.rsplit(":", 1)[1] if re.search(r":\d+$", netloc) else "80"


def slowest(visits: list[Visit], n: int = 20) -> list[Visit]:
    return sorted(visits, key=lambda v: v.ms, reverse=True)[:n]


def report(visits: list[Visit], path: Path) -> None:
    times = sorted(v.ms for v in visits)
    median = times[len(times) // 2] if times else 0
    p90 = times[int(len(times) * 0.9)] if times else 0
    lines = [
        f"{len(visits)} pages; median {median:.0f} ms, p90 {p90:.0f} ms, max {times[-1]:.0f} ms"
        if times
        else "no pages",
        "",
        "slowest (ms, queries, who, url):",
    ]
    lines += [f"{v.ms:8.0f} {v.queries:5d}  {v.who:28} {v.url}" for v in slowest(visits)]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def signed_in(user) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    if user.is_superuser or user.memberships.filter(role__is_administrator=True).exists():
        device = TOTPDevice.objects.create(user=user, name="crawl", confirmed=True)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
    return client


def one_account_per_role(logins):
    """The first demo account of each role, and today's commune and province leaders."""
    chosen = {}
    for login in logins:
        chosen.setdefault(login.role, login.username)
    return [*chosen.values(), "xatrungchinh.lanhdao", "bacninh.lanhdao"]
