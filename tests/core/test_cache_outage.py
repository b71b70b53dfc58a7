"""Redis is a cache, not a dependency: with it unreachable every public page still
answers, a person stays signed in (sessions live in the database too), and an
invalidation lost in the outage never leaves a stale entry once Redis answers again."""

import pytest
from django.test.utils import override_settings
from redis.exceptions import ConnectionError as RedisConnectionError

from conftest import redis_answers
from tttt.core.rediscache import RedisCache
from tttt.org.roles import CLERK

CLOSED = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def redis_down():
    closed = {"BACKEND": "tttt.core.rediscache.RedisCache", "LOCATION": CLOSED}
    with override_settings(CACHES={"default": closed},
                           SESSION_ENGINE="django.contrib.sessions.backends.cached_db"):  # fmt: skip
        yield


@pytest.mark.django_db
def test_pages_answer_and_people_stay_signed_in_without_redis(
    redis_down, client, tree, member, caplog
):
    for url in ("/", "/don-vi/?q=trung+chinh", "/nop-ho-so/", "/tra-cuu-ho-so/"):
        assert client.get(url).status_code == 200, url
    looked_up = client.post("/tra-cuu-ho-so/", {"code": "000.00.00.H00-261201-0001",
                                                "phone": "0912345678"})  # fmt: skip
    assert looked_up.status_code in (200, 400)  # answered, rate limit open, not a 500
    clerk = member("tc.motcua", CLERK, tree.new_trung_chinh)
    client.force_login(clerk)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/").context["request"].user == clerk  # still signed in
    assert "Redis does not answer" in caplog.text


def test_an_invalidation_lost_in_an_outage_leaves_nothing_stale(monkeypatch):
    if not redis_answers():
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    shared = RedisCache("redis://127.0.0.1:6379/12", {})
    shared.clear()
    shared.set("so-lieu", "cũ")
    client = shared._cache
    real = client.get_client

    def unreachable(*args, **kwargs):
        raise RedisConnectionError("connection refused")

    monkeypatch.setattr(client, "get_client", unreachable)
    shared.delete("so-lieu")  # lost: Redis still holds the old value
    assert shared.get("so-lieu", "không có") == "không có"  # a miss, not an error
    monkeypatch.setattr(client, "get_client", real)
    assert shared.get("so-lieu") is None  # still down for a while: not asked
    client._down_until = 0  # the outage is over
    assert shared.get("so-lieu") is None  # emptied before the first answer, not "cũ"
    shared.set("so-lieu", "mới")
    assert shared.get("so-lieu") == "mới"
    shared.clear()
