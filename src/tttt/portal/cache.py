"""HTTP caching of anonymous portal pages, and purging when content changes.

Portal pages answer anonymous readers with `Cache-Control: public, s-maxage=…`, so the
cache in front (Varnish, `deploy/varnish/tttt.vcl`) keeps them; signed-in people and
previews are never marked public. When a page is published or withdrawn, the page and
every list that shows it (its sections up to the portal's home, their RSS feeds, the
sitemap) are purged; so is an article when a comment on it is published, the Q&A page
when an answer is published, and the follow-up section when a task changes. Purging goes
through Wagtail's frontend cache (`WAGTAILFRONTENDCACHE`, set from `TTTT_CACHE_PURGE_URL`)
and does nothing when no cache is configured.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils.cache import patch_cache_control
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache


def public_cache(request, response):
    """Mark an anonymous reader's successful GET of a portal page as publicly cacheable."""
    if (
        request.method in ("GET", "HEAD")
        and response.status_code == 200
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not getattr(request, "is_preview", False)
    ):
        # Browsers revalidate every time (so a reader sees a new answer at once); the shared
        # cache in front keeps the page until it expires or is purged.
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.TTTT_PORTAL_CACHE_SECONDS
        )
    return response


def purge_targets(page) -> list[str]:
    """Full URLs to purge when `page` changes: the page, its ancestors within the portal
    (sections list it, the home page shows the latest), their feeds, the sitemap."""
    from .models import PORTAL_DEPTH, SectionPage

    page = page.specific
    urls = []
    own = page.get_full_url()
    if own:
        urls.append(own)
    ancestors = page.get_ancestors().filter(depth__gte=PORTAL_DEPTH).specific()
    root = None
    for ancestor in ancestors:
        url = ancestor.get_full_url()
        if not url:
            continue
        urls.append(url)
        if ancestor.depth == PORTAL_DEPTH:
            root = url.rstrip("/")
        if isinstance(ancestor, SectionPage) and root:
            urls.append(root + reverse("portal_feed", args=[ancestor.pk]))
    if isinstance(page, SectionPage) and root:
        urls.append(root + reverse("portal_feed", args=[page.pk]))
    if root is None and page.depth == PORTAL_DEPTH and own:
        root = own.rstrip("/")
    if root:
        urls.append(root + "/sitemap.xml")
    return list(dict.fromkeys(urls))


def purge_later(urls: list[str]) -> None:
    urls = [u for u in urls if u]
    if urls:
        transaction.on_commit(lambda: purge_urls_from_cache(urls))


def cached_publicly(view):
    """Decorate a public view (RSS, sitemap) like portal pages."""

    def wrapped(request, *args, **kwargs):
        return public_cache(request, view(request, *args, **kwargs))

    wrapped.__name__ = getattr(view, "__name__", "cached_view")
    return wrapped


RESTRICTIONS_KEY = "portal:view-restrictions"


def shared_cache() -> bool:
    """Whether Django's cache is shared by every process (Redis). Facts that another process
    may change are kept in the cache only then; a per-process cache could serve them stale."""
    return "locmem" not in settings.CACHES["default"]["BACKEND"].lower()


def view_restrictions_exist() -> bool:
    """Whether any page has a view restriction (password, login, groups). Known from a cache
    only when the cache is shared by every process (Redis): a per-process cache could miss a
    restriction added in another process."""
    from wagtail.models import PageViewRestriction

    if not shared_cache():
        return True
    from django.core.cache import cache

    value = cache.get(RESTRICTIONS_KEY)
    if value is None:
        value = PageViewRestriction.objects.exists()
        cache.set(RESTRICTIONS_KEY, value, 3600)
    return value


def forget_view_restrictions() -> None:
    from django.core.cache import cache

    cache.delete(RESTRICTIONS_KEY)


class SkipsEmptyViewRestrictions:
    """Page mixin: when no page has a view restriction, skip Wagtail's two queries for them."""

    def get_view_restrictions(self):
        from wagtail.models import PageViewRestriction

        if not view_restrictions_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
