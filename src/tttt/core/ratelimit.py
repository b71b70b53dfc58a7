"""A fixed-window rate limit per client address, kept in the cache (public forms)."""

from django.conf import settings
from django.core.cache import cache


def client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limited(request, bucket: str, rate: str | None = None) -> bool:
    """True once an address has used up its attempts in the window.

    `rate` is "attempts/seconds"; the default is the TTTT_LOOKUP_RATE setting.
    """
    limit, window = (int(x) for x in (rate or settings.TTTT_LOOKUP_RATE).split("/"))
    key = f"rate:{bucket}:{client_ip(request)}"
    cache.add(key, 0, window)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        used = 1
    return used > limit
