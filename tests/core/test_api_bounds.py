"""Numbers the database cannot hold, and ids of the wrong shape, are refused as input (422
with a Vietnamese message), never a server error — the cases the API fuzzing found."""

import json

import pytest

from tttt.org.roles import SPECIALIST

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"


@pytest.fixture
def officer(tree, member):
    return member("tc.vhxh", SPECIALIST, tree.new_trung_chinh)


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/establishments/licensed?offset={HUGE}",
        f"/api/v1/onestop/procedures?unit=1&limit=5&q=a&offset={HUGE}",
        f"/api/v1/onestop/procedures?unit={HUGE}",
        f"/api/v1/units/{HUGE}",
    ],
)
def test_public_lists_refuse_numbers_out_of_range(client, tree, url):
    response = client.get(url)
    assert response.status_code == 422, response.content[:200]
    assert response.json()["detail"]


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/onestop/dossiers?offset={HUGE}",
        f"/api/v1/onestop/dossiers?limit={HUGE}",
        "/api/v1/onestop/dossiers?limit=0",
        f"/api/v1/bts-stations?unit={HUGE}",
        f"/api/v1/bts-stations/{HUGE}",
        f"/api/v1/establishments-statistics?unit={HUGE}&period=2026",
    ],
)
def test_scoped_lists_refuse_numbers_out_of_range(client, officer, url):
    client.force_login(officer)
    assert client.get(url).status_code == 422


def test_a_list_where_ids_belong_is_refused_before_anything_else(client, officer, tree):
    client.force_login(officer)
    for shared_with in ([["a"]], ["a"], [0]):
        response = client.post("/api/v1/bts-stations", json.dumps({"shared_with": shared_with}),
                               content_type="application/json")  # fmt: skip
        assert response.status_code == 422, (shared_with, response.content[:200])
