"""Units API: public lookup, and the signed-in user's scope."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from tttt.core.apischema import Id

from .apiauth import API_AUTH
from .models import Unit
from .queries import describe_units, unit_predecessors, unit_search, user_scope

router = Router(tags=["Đơn vị hành chính"])


class UnitRef(Schema):
    id: int
    code: str
    name: str
    kind: str
    type_word: str
    valid_from: date | None
    valid_to: date | None


class LinkOut(Schema):
    unit: UnitRef
    parent_name: str | None
    date: date
    is_main: bool
    basis: str


class UnitOut(UnitRef):
    latitude: float | None
    longitude: float | None
    is_current: bool
    chain: list[UnitRef]
    became_part_of: list[LinkOut]


class UnitDetailOut(UnitOut):
    formed_from: list[LinkOut]
    children: list[UnitRef]


def _ref(u: Unit) -> dict:
    return {
        f: getattr(u, f)
        for f in ("id", "code", "name", "kind", "type_word", "valid_from", "valid_to")
    }


def _out(view) -> dict:
    u = view.unit
    return {
        **_ref(u),
        "latitude": float(u.latitude) if u.latitude is not None else None,
        "longitude": float(u.longitude) if u.longitude is not None else None,
        "is_current": u.is_current,
        "chain": [_ref(a) for a in view.chain],
        "became_part_of": [_link(link.successor, link) for link in view.successors],
    }


def _link(unit: Unit, link) -> dict:
    return {
        "unit": _ref(unit),
        "parent_name": unit.parent.name if unit.parent_id else None,
        "date": link.date,
        "is_main": link.is_main,
        "basis": link.basis,
    }


@router.get(
    "/units", response=list[UnitOut], summary="Tìm đơn vị hành chính theo tên (không phân biệt dấu)"
)
def search_units(request, q: str, current_only: bool = False, limit: int = 50):
    return [
        _out(v) for v in unit_search(q, limit=min(max(limit, 1), 200), current_only=current_only)
    ]


@router.get(
    "/units/{unit_id}",
    response=UnitDetailOut,
    summary="Chi tiết đơn vị, cấp trên, đơn vị cũ và đơn vị kế thừa",
)
def get_unit(request, unit_id: Id):
    unit = get_object_or_404(Unit.objects.administrative().select_related("parent"), pk=unit_id)
    view = describe_units([unit])[0]
    links = [link for link in unit_predecessors(unit) if link.successor_id == unit.pk]
    return {
        **_out(view),
        "formed_from": [_link(link.predecessor, link) for link in links],
        "children": [_ref(c) for c in unit.children.administrative().order_by("name")],
    }


class ScopeOut(Schema):
    username: str
    unrestricted: bool
    units: list[UnitRef]


@router.get(
    "/me/scope",
    response=ScopeOut,
    auth=API_AUTH,
    summary="Phạm vi dữ liệu của người dùng đang đăng nhập",
)
def my_scope(request):
    scope = user_scope(request.user)
    ids = [int(p.strip("/").split("/")[-1]) for p in scope.paths]
    units = Unit.objects.filter(pk__in=ids).order_by("path")
    return {
        "username": request.user.get_username(),
        "unrestricted": scope.unrestricted,
        "units": [_ref(u) for u in units],
    }
