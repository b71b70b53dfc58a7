"""Refusals carry codes: every ValidationError TTTT raises names one (from its app's enum,
core.errors), and the API's problem body gives each problem's field, code and message."""

import ast
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

import tttt
from tttt.core.apischema import problem
from tttt.core.errors import CoreError, refuse
from tttt.onestop.errors import OnestopError

SOURCE = Path(tttt.__file__).parent


def _uncoded(path: Path) -> list[str]:
    """`ValidationError(...)` calls with a message but no code. A call whose first argument
    is a name or a dict of coded errors gathers problems built (and checked) elsewhere."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "ValidationError"):
            continue
        if any(k.arg == "code" for k in node.keywords):
            continue
        first = node.args[0] if node.args else None
        if isinstance(first, ast.Name | ast.Subscript) or (
            isinstance(first, ast.Dict) and all(
                isinstance(v, ast.Name)
                or (isinstance(v, ast.Call) and any(k.arg == "code" for k in v.keywords))
                for v in first.values)
        ):  # fmt: skip
            continue
        found.append(f"{path.relative_to(SOURCE)}:{node.lineno}")
    return found


def test_every_validation_error_carries_a_code():
    files = [p for p in SOURCE.rglob("*.py") if "migrations" not in p.parts]
    uncoded = [site for path in files for site in _uncoded(path)]
    assert not uncoded, "ValidationError without a code (use core.errors.refuse):\n" + "\n".join(
        uncoded
    )


def test_each_app_lists_its_codes_once():
    from importlib import import_module

    seen = {}
    for app in ("assignments", "establishments", "infra", "inspections", "onestop", "org",
                "portal", "reporting"):  # fmt: skip
        module = import_module(f"tttt.{app}.errors")
        (enum,) = [v for k, v in vars(module).items() if k.endswith("Error")]
        for member in enum:
            assert member.value == member.name.lower(), member
            seen.setdefault(member.value, []).append(app)
    assert "reason_missing" in seen and len(seen) > 100


def test_the_problem_body_gives_every_problem_with_its_code():
    one = problem(refuse(OnestopError.RATED_ALREADY, "Hồ sơ này đã được đánh giá."))
    assert one == {"code": "rated_already", "detail": "Hồ sơ này đã được đánh giá.", "errors": [
        {"field": "", "code": "rated_already", "message": "Hồ sơ này đã được đánh giá."}]}  # fmt: skip
    several = problem(ValidationError({
        "phone": [ValidationError("Số điện thoại gồm 10 chữ số.", code="invalid")],
        "citizen_id": [ValidationError("Hãy nhập số CCCD.", code=OnestopError.CITIZEN_ID_MISSING)],
    }))  # fmt: skip
    assert several["code"] == CoreError.INVALID
    assert [(e["field"], e["code"]) for e in several["errors"]] == [
        ("phone", "invalid"), ("citizen_id", "citizen_id_missing")]  # fmt: skip


@pytest.mark.django_db
def test_the_api_answers_problems_in_vietnamese_with_codes(client):
    unauthenticated = client.get("/api/v1/onestop/dossiers")
    assert unauthenticated.status_code == 401
    assert unauthenticated.json()["code"] == CoreError.NOT_AUTHENTICATED
    shape = client.get("/api/v1/onestop/procedures", {"unit": "abc", "limit": 5000})
    assert shape.status_code == 422 and shape.json()["code"] == CoreError.INVALID
    assert {(e["field"], e["code"]) for e in shape.json()["errors"]} == {
        ("unit", "int_parsing"), ("limit", "less_than_equal")}  # fmt: skip
    assert "1000" in " ".join(e["message"] for e in shape.json()["errors"])
