"""Find the Wagtail site of a request from the cache instead of the database.

Every public page asks which site (portal) the host name belongs to, then loads that
site's root page; both change rarely. The site, with its root page already loaded, is
kept in the cache per host and port, under a version that changes whenever a site is
saved or deleted or a portal's home page is published (each entry carries the version it
was made under, so one round trip reads both).

With a cache shared by every process (Redis), the same round trip also reads the page the
path led to last time, under a version that changes whenever any page is saved, moved or
deleted (`PortalHomePage.route` uses it, and stores what it finds): an article is then
served without a database query.
"""

from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Site

from .cache import shared_cache

VERSION_KEY = "portal:sites:version"
PAGES_VERSION_KEY = "portal:pages:version"
SECONDS = 300
PAGE_KEY_MAX_PATH = 200


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, None)


def forget_sites() -> None:
    _bump(VERSION_KEY)


def forget_pages() -> None:
    _bump(PAGES_VERSION_KEY)


class PageEntry:
    """The cached page for a request's path: `page` (None when not cached or stale) and
    `remember(page)` to store what the route found."""

    __slots__ = ("key", "version", "page")

    def __init__(self, key, version, entry):
        self.key, self.version = key, version
        self.page = entry[1] if entry is not None and entry[0] == version else None

    def remember(self, page) -> None:
        cache.set(self.key, (self.version, page), SECONDS)


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(("/admin/", "/api/", "/static/")):
            try:
                hostname = split_domain_port(request._get_raw_host())[0]
                port = request.get_port()
            except Exception:  # noqa: BLE001 — a malformed Host: let Django answer it later
                return self.get_response(request)
            key = f"portal:site:{hostname}:{port}"
            keys = [VERSION_KEY, key]
            page_key = None
            if (
                shared_cache()
                and request.method in ("GET", "HEAD")
                and len(request.path) <= PAGE_KEY_MAX_PATH
            ):
                page_key = f"portal:page:{hostname}:{port}:{request.path}"
                keys += [PAGES_VERSION_KEY, page_key]
            found = cache.get_many(keys)  # one round trip
            version = found.get(VERSION_KEY)
            if version is None:
                version = 1
                cache.add(VERSION_KEY, version, None)
            if page_key is not None:
                pages_version = found.get(PAGES_VERSION_KEY)
                if pages_version is None:
                    pages_version = 1
                    cache.add(PAGES_VERSION_KEY, pages_version, None)
                request._tttt_page_entry = PageEntry(page_key, pages_version, found.get(page_key))
            entry = found.get(key)
            if entry is not None and entry[0] == version:
                site = entry[1]
            else:
                site = Site._find_for_request(request)
                if site is not None:
                    site.root_page.specific  # noqa: B018 — load it into the cached object
                cache.set(key, (version, site or False), SECONDS)
            request._wagtail_site = site or None
        return self.get_response(request)
