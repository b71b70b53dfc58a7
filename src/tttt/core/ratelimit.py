"""A fixed-window rate limit per client address, kept in the cache (public forms), and the
client's address itself."""

import ipaddress
from functools import cache as memoize

from django.conf import settings
from django.core.cache import cache


@memoize
def _trusted(networks: tuple[str, ...]):
    return [ipaddress.ip_network(n) for n in networks]


def _is_trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in n for n in _trusted(tuple(settings.TTTT_TRUSTED_PROXIES)))


def client_ip(request) -> str | None:
    """The address of the person, not of the proxy: behind Varnish or a TLS proxy on a
    trusted address (TTTT_TRUSTED_PROXIES) it is the last address of X-Forwarded-For that
    is not a trusted proxy itself (earlier entries are whatever the client sent)."""
    remote = request.META.get("REMOTE_ADDR") or None
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if not forwarded or not _is_trusted(remote):
        return remote
    hops = [h.strip() for h in forwarded.split(",") if h.strip()]
    for hop in reversed(hops):
        if not _is_trusted(hop):
            try:
                return str(ipaddress.ip_address(hop))
            except ValueError:
                return remote  # a forged or broken header: the proxy's own address
    return hops[0] if hops else remote


def rate_limited(request, bucket: str, rate: str | None = None) -> bool:
    """True once an address has used up its attempts in the window.

    `rate` is "attempts/seconds"; the default is the TTTT_LOOKUP_RATE setting.
    """
    limit, window = (int(x) for x in (rate or settings.TTTT_LOOKUP_RATE).split("/"))
    key = f"rate:{bucket}:{client_ip(request) or 'unknown'}"
    cache.add(key, 0, window)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        used = 1
    return used > limit
