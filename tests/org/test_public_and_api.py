import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tttt.org.models import Unit
from tttt.org.roles import CLERK


def test_lookup_without_diacritics_finds_the_commune_and_where_it_went(client, tree):
    page = client.get("/don-vi/", {"q": "trung chinh"}).content.decode()
    assert "Xã Trung Chính" in page
    assert "Huyện Lương Tài, Tỉnh Bắc Ninh" in page
    assert "đơn vị cũ, đến 30/06/2025" in page
    assert "Từ 01/07/2025 thuộc:" in page
    assert "Xã Lương Tài</a>, Tỉnh Bắc Ninh (một phần)" in page


def test_lookup_filters_by_era_and_guides_on_short_input(client, tree):
    current = client.get("/don-vi/", {"q": "trung chinh", "era": "current"}).content.decode()
    assert "đơn vị cũ" not in current and "Xã Trung Chính" in current
    short = client.get("/don-vi/", {"q": "x"}).content.decode()
    assert "ít nhất 2 ký tự" in short
    none = client.get("/don-vi/", {"q": "khong ton tai"}).content.decode()
    assert "Không tìm thấy đơn vị nào" in none


def test_lookup_query_count_does_not_grow_with_results(client, tree):
    for i in range(30):
        Unit.objects.create(
            name=f"Xã Trung Hòa {i}",
            kind="commune",
            type_word="xã",
            parent=tree.luong_tai,
            code=f"9{i:04d}",
            source="test-legacy",
            valid_to=tree.luong_tai.valid_to,
        )
    client.get("/don-vi/", {"q": "trung"})  # fills the per-host site cache
    with CaptureQueriesContext(connection) as few:
        client.get("/don-vi/", {"q": "trung chinh"})
    with CaptureQueriesContext(connection) as many:
        client.get("/don-vi/", {"q": "trung"})
    assert len(many) == len(few) <= 6


def test_unit_detail_shows_chain_successors_and_predecessors(client, tree):
    old = client.get(f"/don-vi/{tree.trung_chinh.pk}/").content.decode()
    assert "Nay thuộc" in old and "Xã Trung Chính</a>, Tỉnh Bắc Ninh" in old
    new = client.get(f"/don-vi/{tree.bac_ninh.pk}/").content.decode()
    assert "Hình thành từ" in new and "Tỉnh Bắc Giang" in new and "Huyện Lương Tài" in new
    assert client.get("/don-vi/999999/").status_code == 404
    assert (
        client.get(f"/don-vi/{tree.office.pk}/").status_code == 404
    )  # offices are not administrative units


def test_api_search_and_detail(client, tree):
    rows = client.get("/api/v1/units", {"q": "trung chinh"}).json()
    former = next(r for r in rows if not r["is_current"])
    assert [c["name"] for c in former["chain"]] == ["Tỉnh Bắc Ninh", "Huyện Lương Tài"]
    assert {link["unit"]["name"] for link in former["became_part_of"]} == {
        "Xã Trung Chính",
        "Xã Lương Tài",
    }
    detail = client.get(f"/api/v1/units/{tree.bac_ninh.pk}").json()
    assert {link["unit"]["name"] for link in detail["formed_from"]} >= {
        "Tỉnh Bắc Ninh",
        "Tỉnh Bắc Giang",
    }
    assert sorted(c["name"] for c in detail["children"]) == [
        "Xã Bố Hạ",
        "Xã Lương Tài",
        "Xã Trung Chính",
    ]
    assert client.get("/api/v1/units/999999").status_code == 404
    assert client.get("/api/v1/units").status_code == 422  # q is required


def test_openapi_schema_is_published(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/units" in schema["paths"] and "/api/v1/me/scope" in schema["paths"]


def test_api_scope_requires_sign_in_and_shows_only_own_units(client, tree, member):
    assert client.get("/api/v1/me/scope").status_code == 401
    client.force_login(member("thua.canbo", CLERK, tree.thua))
    scope = client.get("/api/v1/me/scope").json()
    assert [u["name"] for u in scope["units"]] == ["Thị trấn Thứa"] and not scope["unrestricted"]


@pytest.mark.parametrize("path", ["/", "/don-vi/", "/api/v1/docs"])
def test_public_pages_render_without_cdn(client, path, tree):
    response = client.get(path)
    assert response.status_code == 200
    body = response.content.decode()
    assert "cdn." not in body and "unpkg" not in body and "jsdelivr" not in body
    assert "script-src 'self'" in response["Content-Security-Policy"]
