"""The back office's sidebar, built once per person and permission set instead of on every page.

Wagtail builds the sidebar's menu on every admin page: each menu item asks whether the
person may see it, and the whole menu is packed into JSON for the browser — about a third
of a back-office page's time (profiled on the full demo: 40 ms of 124). What it shows
depends only on the person (their permissions, name and avatar), their groups (Wagtail's
page permissions) and the language, so it is cached under a key made of exactly those: a
membership or role that gives or takes a permission changes the key, and the next page
shows the new menu. What the key cannot see — a group's page permissions edited, a new
avatar — shows within `TTL` seconds.

`sidebar_props` replaces Wagtail's tag of the same name in its `wagtailadmin_tags` library
(`CoreConfig.ready`), so Wagtail's own base template uses it.
"""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.utils import translation

TTL = 300


def sidebar_key(user) -> str:
    """The cache key of `user`'s sidebar: their id, name, language, groups and permissions."""
    permissions = ["*"] if user.is_superuser else sorted(user.get_all_permissions())
    groups = sorted(user.groups.values_list("pk", flat=True))
    parts = [
        str(user.pk),
        user.get_username(),
        user.first_name or "",
        user.email or "",
        translation.get_language() or "",
        ",".join(map(str, groups)),
        ",".join(permissions),
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"tttt:sidebar:{user.pk}:{digest}"


def install() -> None:
    """Put the cached tag in place of Wagtail's `sidebar_props`."""
    from wagtail.admin.templatetags import wagtailadmin_tags

    build = wagtailadmin_tags.sidebar_props

    def sidebar_props(context):
        user = getattr(context.get("request"), "user", None)
        if user is None or not user.is_authenticated:
            return build(context)
        key = sidebar_key(user)
        html = cache.get(key)
        if html is None:
            html = build(context)
            cache.set(key, html, TTL)
        return html

    wagtailadmin_tags.register.simple_tag(takes_context=True, name="sidebar_props")(sidebar_props)
