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

from .crawler import signed_in

# Data every unit shares, changed by administrators only: no unit of their own.
SHARED = {
    "core.calendarday", "documents.documentkind", "documents.trustedroot",
    "establishments.businesstype",
    "infra.operator", "inspections.regulation", "onestop.slip_template", "onestop.sliptemplate",
    "portal.documenttype", "security.incidentrule", "security.levelrule",
    "security.responsetemplate", "portal.requiredcategory", "listening.sentimentterm", "infra.frequencyband",
    "portal.royaltyrate", "reporting.dtiset", "reporting.manualindicator", "reporting.reportform",
}  # fmt: skip


def _label(model) -> str:
    return f"{model._meta.app_label}.{model._meta.model_name}"


def tttt_viewsets() -> list:
    import wagtail.admin.urls  # noqa: F401  (Wagtail registers the viewsets as it loads)

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


def _unit_of(obj, field: str):
    """The record's unit along `field`; through a to-many relation (a procedure's catalogues,
    a person's memberships) the first by path; None where the path ends early."""
    names = field.split("__")
    for i, name in enumerate(names):
        obj = getattr(obj, name) if obj is not None else None
        if hasattr(obj, "all"):
            rest = "__".join(names[i + 1 :])
            ids = obj.values_list(rest, flat=True) if rest else obj.values_list("pk", flat=True)
            return Unit.objects.filter(pk__in=ids).order_by("path").first()
    return obj


def _targets(viewset, user, outside):
    """An outside record of the account's own province, and one of another."""
    home = (
        Unit.objects.filter(pk__in=user.memberships.values("unit"), valid_to__isnull=True).first()
        or user.memberships.first().unit
    )
    province = home.path.split("/")[1] if home else ""
    found = {}
    for obj in outside.order_by("-pk")[:400]:
        unit = obj if viewset.scope_field is None else _unit_of(obj, viewset.scope_field)
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
                response = client.get(url)
                if response.status_code == 302 and response["Location"] != home:
                    response = client.get(
                        response["Location"]
                    )  # an edit form sends to the record's page
                body = response.content.decode("utf-8", "replace")
                # Wagtail answers a refusal with a redirect to its home page and a message
                refused = response.status_code in (403, 404) or (
                    response.status_code == 302 and response["Location"] == home
                )
                if not refused or (len(title) > 3 and title in body):
                    problems.append(
                        f"{user.username} {url}: {response.status_code} for {label} «{title}»"
                    )
    assert not problems, f"{len(problems)} pages leak records out of scope:\n" + "\n".join(problems)
    return probed


# ---------------------------------------------------------------- the API

# Public data (units, a unit's procedure catalogue, licensed businesses, the rules) and
# the caller's own scope: nothing to refuse.
PUBLIC = {
    "/api/v1/units", "/api/v1/units/{unit_id}", "/api/v1/me/scope", "/api/v1/onestop/procedures",
    "/api/v1/establishments/licensed", "/api/v1/regulations", "/api/v1/indicators",
}  # fmt: skip
# The record a path names, for the operations that name one: path → (model label, field).
# Keyed by the path up to the record's parameter: "/api/v1/reports/{pk}/submit" names a
# report too.
RECORD_PATHS = {
    "/api/v1/establishments/{pk}": ("establishments.establishment", "pk"),
    "/api/v1/onestop/dossiers/{code}": ("onestop.dossier", "code"),
    "/api/v1/reports/{pk}": ("reporting.report", "pk"),
    "/api/v1/inspections/{pk}": ("inspections.inspection", "pk"),
    "/api/v1/documents/{pk}": ("documents.document", "pk"),
    "/api/v1/security/incidents/{pk}": ("security.incident", "pk"),
    "/api/v1/inspections/tips/{pk}": ("inspections.tip", "pk"),
    "/api/v1/inspections/recalls/{pk}": ("inspections.recall", "pk"),
    "/api/v1/inspections/recall-checks/{pk}": ("inspections.recallcheck", "pk"),
    "/api/v1/press/issues/{pk}": ("press.pressissue", "pk"),
    "/api/v1/press/statements/{pk}": ("press.pressstatement", "pk"),
}


# Records worked on pages of their own rather than a viewset: how to read them in scope.
OWN_PAGES = {
    "inspections.inspection": ("inspections.Inspection", "establishment__unit"),
    "inspections.recallcheck": ("inspections.RecallCheck", "recall__unit"),
}


def _reader(label: str, scoped: dict):
    """The viewset of a model, or what stands for it: model, scope_field and scoped()."""
    if label in scoped:
        return scoped[label]
    from types import SimpleNamespace

    from django.apps import apps

    from tttt.org.queries import records_for_user

    name, field = OWN_PAGES[label]
    model = apps.get_model(name)
    return SimpleNamespace(model=model, scope_field=field, scoped=lambda user, perm: (
        records_for_user(model, user, perm, unit_field=field)))  # fmt: skip


def _record_path(path: str, op: dict):
    head = path[: path.index("}") + 1]
    if head in RECORD_PATHS:
        return RECORD_PATHS[head]
    op_id = op.get("operationId", "")
    for prefix in ("infra_get_", "infra_change_"):  # every registry's detail and change
        if op_id.startswith(prefix):
            return f"infra.{op_id.removeprefix(prefix)}", "pk"
    return None


def _outside_records(method: str, path: str, op: dict, scoped: dict, users):
    """For an operation naming a record in its path: (account, its client, a record
    outside its scope, the operation's URL for that record), of its province and another."""
    record = _record_path(path, op)
    assert record, f"{method.upper()} {path}: which record does it name? (add it to RECORD_PATHS)"
    viewset = _reader(record[0], scoped)
    user, outside = _probe_user(viewset, users)
    client = signed_in(user)
    key = path[path.index("{") + 1 : path.index("}")]
    for obj in _targets(viewset, user, outside):
        yield user, client, obj, path.replace("{" + key + "}", str(getattr(obj, record[1])))


def _empty(response) -> bool:
    data = response.json()
    items = data.get("items", data) if isinstance(data, dict) else data
    return isinstance(items, list) and not items


def every_api_operation_keeps_to_the_scope() -> int:
    """Every GET operation of the OpenAPI schema that names a record or a unit, asked by
    commune accounts for records and units of another commune and another province:
    refused (or an empty list), with nothing of them in the answer. Returns the number
    of requests."""
    from tttt.reporting.models import ReportForm

    scoped = {_label(v.model): v for v in tttt_viewsets() if isinstance(v, ScopedModelViewSet)}
    users = sorted(
        User.objects.filter(
            memberships__unit__kind=Unit.Kind.COMMUNE, is_superuser=False
        ).distinct(),
        key=lambda u: u.username,
    )
    probers = list({u.memberships.first().role_id: u for u in users}.values())[:4]
    defaults = {"period": "2026", "form": ReportForm.objects.values_list("code", flat=True).first()}
    schema = signed_in(probers[0]).get("/api/v1/openapi.json").json()
    problems, asked = [], 0
    for path, ops in schema["paths"].items():
        op = ops.get("get")
        if op is None or path in PUBLIC:
            continue
        names = {p["name"]: p for p in op.get("parameters", [])}
        if "{" in path and not path.endswith("/value"):
            for user, client, obj, url in _outside_records("GET", path, op, scoped, users):
                response = client.get(url)
                asked += 1
                if response.status_code not in (403, 404) or str(obj).encode() in response.content:
                    problems.append(f"{user.username} GET {url}: {response.status_code}")
        elif "unit" in names:
            for user in probers:
                client = signed_in(user)
                home = user.memberships.first().unit
                province = home.path.split("/")[1]
                others = [
                    Unit.objects.administrative().current().exclude(path__startswith=home.path)
                    .filter(path__startswith=f"/{province}/", kind=Unit.Kind.COMMUNE).first(),
                    Unit.objects.administrative().current().exclude(path__startswith=f"/{province}/")
                    .filter(kind=Unit.Kind.COMMUNE).first(),
                ]  # fmt: skip
                url = path.replace("{code}", "onestop.received")
                for unit in others:
                    query = {
                        n: defaults.get(n, "")
                        for n, p in names.items()
                        if p.get("required") and p["in"] == "query"
                    }
                    response = client.get(url, {**query, "unit": unit.pk})
                    asked += 1
                    if response.status_code in (403, 404) or (
                        response.status_code == 200 and _empty(response)
                    ):
                        continue
                    problems.append(
                        f"{user.username} GET {url}?unit={unit.pk}: {response.status_code}"
                    )
    assert not problems, f"{len(problems)} API answers leak out of scope:\n" + "\n".join(problems)
    return asked


def _resolve(schema: dict, node: dict) -> dict:
    while "$ref" in node:
        node = schema["components"]["schemas"][node["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in node:  # an optional field: its first non-null form
        node = next(n for n in node["anyOf"] if n.get("type") != "null")
        return _resolve(schema, node)
    return node


def _minimal_body(schema: dict, op: dict, unit_pk: int) -> dict:
    """A body of the right shape (its required fields, plain values), naming `unit_pk` as
    its unit: what passes the input's checks and reaches the scope check."""
    content = op.get("requestBody", {}).get("content", {}).get("application/json")
    if not content:
        return {}
    node = _resolve(schema, content["schema"])
    body = {}
    for name in node.get("required", []):
        prop = _resolve(schema, node["properties"][name])
        kind, fmt = prop.get("type"), prop.get("format")
        if name == "unit":
            body[name] = unit_pk
        elif kind == "integer" or kind == "number":
            body[name] = 1
        elif kind == "boolean":
            body[name] = False
        elif kind == "array":
            body[name] = []
        elif kind == "object":
            body[name] = _minimal_body(schema, {"requestBody": {"content": {
                "application/json": {"schema": prop}}}}, unit_pk)  # fmt: skip
        elif fmt == "date":
            body[name] = "2026-11-02"
        elif fmt == "date-time":
            body[name] = "2026-11-02T09:00:00+07:00"
        else:
            body[name] = prop.get("enum", ["x"])[0]
    return body


def every_api_write_keeps_to_the_scope() -> int:
    """Every operation that changes something (POST, PUT) and names a record in its path,
    sent by a commune account for a record of another commune and of another province,
    with a body that passes the input's checks: refused (403 or 404), nothing of the
    record in the answer, the record unchanged. Every write that names a unit in its body,
    sent for another commune's unit: refused, nothing created. Returns the number of
    requests."""
    import json

    from django.apps import apps
    from django.forms.models import model_to_dict

    scoped = {_label(v.model): v for v in tttt_viewsets() if isinstance(v, ScopedModelViewSet)}
    users = sorted(
        User.objects.filter(memberships__unit__kind=Unit.Kind.COMMUNE, is_superuser=False)
        .distinct(), key=lambda u: u.username)  # fmt: skip
    schema = signed_in(users[0]).get("/api/v1/openapi.json").json()
    # Counted before and after: every record kind but the security events (each refusal is
    # itself logged as one).
    counted = [label for label in scoped if label != "org.securityevent"]
    counts = {label: apps.get_model(label)._default_manager.count() for label in counted}
    problems, asked = [], 0
    for path, ops in schema["paths"].items():
        for method, op in ops.items():
            if method not in ("post", "put") or "security" not in op:
                continue  # public writes (lookup) name no record of a unit
            if "{" in path:
                for user, client, obj, url in _outside_records(method, path, op, scoped, users):
                    before = model_to_dict(obj)
                    body = _minimal_body(schema, op, unit_pk=obj.pk)
                    response = getattr(client, method)(url, json.dumps(body),
                                                       content_type="application/json")  # fmt: skip
                    asked += 1
                    obj.refresh_from_db()
                    if (response.status_code not in (403, 404)
                            or str(obj).encode() in response.content
                            or model_to_dict(obj) != before):  # fmt: skip
                        problems.append(f"{user.username} {method.upper()} {url}: "
                                        f"{response.status_code} {response.content[:200]!r}")  # fmt: skip
            elif "unit" in _minimal_body(schema, op, 0):
                user = users[0]
                client = signed_in(user)
                home = user.memberships.first().unit
                other = (Unit.objects.administrative().current().exclude(path__startswith=home.path)
                         .filter(kind=Unit.Kind.COMMUNE).first())  # fmt: skip
                body = _minimal_body(schema, op, unit_pk=other.pk)
                response = getattr(client, method)(path, json.dumps(body),
                                                   content_type="application/json")  # fmt: skip
                asked += 1
                if response.status_code not in (403, 404, 422):
                    problems.append(f"{user.username} {method.upper()} {path} unit={other.pk}: "
                                    f"{response.status_code} {response.content[:200]!r}")  # fmt: skip
    after = {label: apps.get_model(label)._default_manager.count() for label in counted}
    assert after == counts, "records were created out of scope"
    assert not problems, f"{len(problems)} API writes reach out of scope:\n" + "\n".join(problems)
    return asked
