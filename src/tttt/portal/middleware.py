"""Find the Wagtail site of a request from the cache instead of the database.

Every public page asks which site (portal) the host name belongs to, then loads that
site's root page; both change rarely. The site, with its root page already loaded, is
kept in the cache per host and port, under a version that changes whenever a site is
saved or deleted or a portal's home page is published (each entry carries the version it
was made under, so one round trip reads both).
"""

from django.core.cache import cache
from django.http.request import split_domain_port
from wagtail.models import Site

VERSION_KEY = "portal:sites:version"
SECONDS = 300


def forget_sites() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 1, None)


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
            found = cache.get_many([VERSION_KEY, key])  # one round trip
            version = found.get(VERSION_KEY)
            if version is None:
                version = 1
                cache.add(VERSION_KEY, version, None)
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
