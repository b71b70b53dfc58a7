"""With a shared cache (Redis, as in production) an article is read without a query: the
page found for its path, its comments and its section's newest items come from the cache,
and whatever changes them makes the cache forget them. Runs against the real Redis of this machine."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings

from conftest import redis_answers
from tttt.org import roles as R
from tttt.portal import services
from tttt.portal.models import Comment, ContentPage

from .conftest import get


@pytest.fixture
def shared_cache():
    if not redis_answers():
        pytest.skip("Redis does not answer on 127.0.0.1:6379")
    redis = {"BACKEND": "tttt.core.rediscache.RedisCache",
             "LOCATION": "redis://127.0.0.1:6379/13"}  # fmt: skip
    with override_settings(CACHES={"default": redis}):
        cache.clear()
        yield
        cache.clear()


def test_an_article_is_read_without_a_query_and_forgets_moderated_comments_and_new_items(
    shared_cache, client, publish_news, member, tree
):
    old = publish_news("Hội nghị chuyển đổi số huyện", lead="Tóm tắt.")
    get(client, old.url)  # fills the caches
    with CaptureQueriesContext(connection) as queries:
        html = get(client, old.url).content.decode()
    assert len(queries) == 0, [q["sql"][:80] for q in queries]
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


def test_a_republished_unpublished_or_moved_page_is_never_served_from_the_cache(
    shared_cache, client, publish_news, section
):
    page = publish_news("Tiêu đề ban đầu", lead="Tóm tắt.", slug="bai-sua")
    url = page.url
    assert "Tiêu đề ban đầu" in get(client, url).content.decode()  # now cached
    page.title = "Tiêu đề đã sửa"
    page.save_revision().publish()
    assert "Tiêu đề đã sửa" in get(client, url).content.decode()
    page.unpublish()
    assert get(client, url).status_code == 404
    page.save_revision().publish()
    assert get(client, url).status_code == 200
    target = section("van-ban")
    page.move(target, pos="last-child")
    moved = get(client, url)  # Wagtail leaves a redirect from the old address
    assert moved.status_code == 301 and moved["Location"].endswith("/van-ban/bai-sua/")
    page.refresh_from_db()
    assert "Tiêu đề đã sửa" in get(client, page.url).content.decode()


def test_the_redis_cache_reuses_one_client(shared_cache):
    cache.set("tttt:test", {"a": 1})
    assert cache.get("tttt:test") == {"a": 1}
    assert cache._cache.get_client(write=True) is cache._cache.get_client(write=True)


def test_a_page_moved_to_another_portal_belongs_to_that_portals_unit(
    portal, superuser, tree, publish_news
):
    """Every concrete page type under the moved page follows (an abstract type in between
    once made any move fail)."""
    from datetime import date

    from tttt.portal.models import SectionPage

    page = publish_news("Tin chuyển cổng", lead="Tóm tắt.")
    other = services.portal_create(user=superuser, unit=tree.thua, today=date(2019, 9, 30))
    target = SectionPage.objects.get(path__startswith=other.path, slug="tin-tuc")
    page.move(target, pos="last-child")
    page.refresh_from_db()
    assert page.unit == tree.thua and page.url_path.startswith(other.url_path)
