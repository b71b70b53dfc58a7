"""With a shared cache (Redis, as in production) an article is read in one query: its
comments and its section's newest items come from the cache, and whatever changes them
makes the cache forget them. Runs against the real Redis of this machine."""

import socket

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from tttt.org import roles as R
from tttt.portal import services
from tttt.portal.models import Comment, ContentPage

from .conftest import get


def _redis_answers() -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", 6379)) == 0


@pytest.fixture
def shared_cache():
    if not _redis_answers():
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    redis = {"BACKEND": "tttt.core.rediscache.RedisCache",
             "LOCATION": "redis://127.0.0.1:6379/13"}  # fmt: skip
    with override_settings(CACHES={"default": redis}):
        cache.clear()
        yield
        cache.clear()


def test_an_article_is_one_query_and_forgets_moderated_comments_and_new_items(
    shared_cache, client, publish_news, member, tree
):
    old = publish_news("Hội nghị chuyển đổi số huyện", lead="Tóm tắt.")
    get(client, old.url)  # fills the caches
    with CaptureQueriesContext(connection) as queries:
        html = get(client, old.url).content.decode()
    assert len(queries) == 1, [q["sql"][:80] for q in queries]
    assert "Chưa có ý kiến nào được đăng." in html
    comment = Comment.objects.create(page=old, unit=tree.luong_tai, title="Ý kiến", sender_name="An",
                                     sender_email="an@example.vn", content="Rất thiết thực.", rating=4)  # fmt: skip
    assert "Rất thiết thực." not in get(client, old.url).content.decode()  # pending
    editor = member("lt.bientap", R.EDITOR, tree.luong_tai)
    services.comment_moderate(user=editor, comment=comment, publish=True)
    assert "Rất thiết thực." in get(client, old.url).content.decode()
    new = publish_news("Khai trương điểm bưu điện văn hóa xã", lead="Tóm tắt.")
    assert "Khai trương điểm bưu điện văn hóa xã" in get(client, old.url).content.decode()
    new.unpublish()
    assert "Khai trương điểm bưu điện văn hóa xã" not in get(client, old.url).content.decode()


def test_a_url_whose_page_changed_type_or_went_away_is_looked_up_again(
    shared_cache, client, publish_news, section
):
    page = publish_news("Tin cũ", lead="Tóm tắt.", slug="trang-doi-loai")
    url = page.url
    assert get(client, url).status_code == 200  # the URL's page type is remembered
    page.delete()
    assert get(client, url).status_code == 404
    parent = section("tin-tuc")
    other = ContentPage(title="Trang giới thiệu", slug="trang-doi-loai")
    parent.add_child(instance=other)
    other.save_revision().publish()
    response = get(client, url)
    assert response.status_code == 200 and "Trang giới thiệu" in response.content.decode()


def test_the_redis_cache_reuses_one_client(shared_cache):
    cache.set("tttt:test", {"a": 1})
    assert cache.get("tttt:test") == {"a": 1}
    assert cache._cache.get_client(write=True) is cache._cache.get_client(write=True)
