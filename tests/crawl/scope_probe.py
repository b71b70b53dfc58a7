"""Every back-office page of a record keeps to the scope, for every viewset TTTT registers.

Run on the full demo (tests/crawl/test_crawl.py). It enumerates the viewsets Wagtail
registered from TTTT's apps and every URL each one generates; a viewset added later is
probed without anyone writing a line. A viewset of records that belong to units must be a
`ScopedModelViewSet`; the others are the shared catalogues listed in SHARED. For each
scoped viewset it picks a demo account that may read the model somewhere, and records of
the model outside that account's scope (one of the same province, one of another): every
page of such a record is refused with nothing of the record in the answer, and no list of
the viewset holds it.
"""

from __future__ import annotations

from django.urls import URLPattern, reverse
from wagtail.admin.viewsets import viewsets

from tttt.org.admin_views import ScopedModelViewSet
from tttt.org.models import Unit, User
from tttt.org.queries import unit_of

from .crawler import signed_in

# Data every unit shares, changed by administrators only: no unit of their own.
SHARED = {
    "auditlog.logentry", "core.calendarday", "establishments.businesstype",
    "infra.operator", "inspections.regulation", "onestop.slip_template", "onestop.sliptemplate",
    "org.securityevent", "portal.documenttype", "portal.requiredcategory",
    "portal.royaltyrate", "reporting.manualindicator", "reporting.reportform",
}  # fmt: skip


def _label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def tttt_viewsets() -> list:
    return [
        v
        for v in viewsets.viewsets
        if type(v).__module__.startswith("tttt.") and getattr(v, "model", None)
    ]


def _probe_user(viewset, users):
    """An account (communes first) that may read the model and has records of it outside
    its scope — preferably one with records inside it too — and those outside records."""
    perm = f"{viewset.model._meta.app_label}.view_{viewset.model._meta.model_name}"
    fallback = (None, None)
    for user in users:
        if not user.has_perm(perm):
            continue
        mine = viewset.scoped(user, perm)
        outside = viewset.model._default_manager.exclude(pk__in=mine.values("pk"))
        if outside.exists():
            if mine.exists():
                return user, outside
            fallback = fallback if fallback[0] else (user, outside)
    return fallback


def _targets(viewset, user, outside):
    """An outside record of the account's own province, and one of another."""
    home = (
        Unit.objects.filter(pk__in=user.memberships.values("unit"), valid_to__isnull=True).first()
        or user.memberships.first().unit
    )
    province = home.path.split("/")[1] if home else ""
    found = {}
    for obj in outside.order_by("-pk")[:400]:
        unit = obj if viewset.scope_field is None else unit_of(obj, viewset.scope_field)
        if hasattr(unit, "all"):  # through a many-to-many relation (a procedure's catalogues)
            unit = unit.order_by("path").first()
        same = bool(unit) and unit.path.split("/")[1] == province
        found.setdefault(same, obj)
        if len(found) == 2:
            break
    return list(found.values())


def _object_urls(viewset, obj) -> list[str]:
    urls = []
    for pattern in viewset.get_urlpatterns():
        if not isinstance(pattern, URLPattern) or not pattern.name:
            continue
        args = list(pattern.pattern.converters)
        if args == ["pk"]:
            urls.append(reverse(f"{viewset.url_namespace}:{pattern.name}", args=[obj.pk]))
    return urls


def every_record_page_keeps_to_the_scope() -> int:
    """Probe every object URL of every scoped viewset; returns the number of URLs probed."""
    users = sorted(
        User.objects.filter(memberships__isnull=False, is_superuser=False).distinct(),
        key=lambda u: (not u.memberships.filter(unit__kind=Unit.Kind.COMMUNE).exists(), u.username),
    )
    problems, probed = [], 0
    for viewset in tttt_viewsets():
        label = _label(viewset.model)
        if not isinstance(viewset, ScopedModelViewSet):
            assert label in SHARED, (
                f"{type(viewset).__name__} ({label}) is not a ScopedModelViewSet"
            )
            continue
        user, outside = _probe_user(viewset, users)
        assert user is not None, (
            f"the demo has no {label} outside the scope of an account that reads it"
        )
        targets = _targets(viewset, user, outside)
        assert targets, f"the demo has no {label} outside {user.username}'s scope"
        client = signed_in(user)
        home = reverse("wagtailadmin_home")
        index = reverse(f"{viewset.url_namespace}:index")
        listed = client.get(index)
        if listed.status_code == 200 and listed.context and "paginator" in listed.context:
            shown = listed.context["paginator"].object_list
            for obj in targets:
                if shown.filter(pk=obj.pk).exists():
                    problems.append(f"{user.username} {index}: lists {label} {obj.pk}")
        for obj in targets:
            title = str(obj)
            for url in _object_urls(viewset, obj):
                probed += 1
                response = client.get(url, follow=True)
                body = response.content.decode("utf-8", "replace")
                # Wagtail answers a refusal with its home page and a message
                refused = response.status_code in (403, 404) or (
                    response.redirect_chain and response.redirect_chain[-1][0] == home
                )
                if not refused or (len(title) > 3 and title in body):
                    problems.append(
                        f"{user.username} {url}: {response.status_code} for {label} «{title}»"
                    )
    assert not problems, f"{len(problems)} pages leak records out of scope:\n" + "\n".join(problems)
    return probed
