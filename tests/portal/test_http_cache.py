"""Anonymous portal pages are publicly cacheable, staff views never; publishing purges the
page and the lists that show it, through a real HTTP endpoint that records PURGE requests."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tttt.org import roles as R
from tttt.portal import services
from tttt.portal.cache import purge_targets

from .conftest import HOST, get

pytestmark = pytest.mark.django_db


class Recorder(BaseHTTPRequestHandler):
    seen: list = []

    def do_PURGE(self):  # noqa: N802 — the HTTP method's name
        Recorder.seen.append(f"http://{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def purge_endpoint(settings):
    Recorder.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_address[1]}",
        }
    }
    yield Recorder.seen
    server.shutdown()


def test_anonymous_pages_are_public_and_staff_pages_are_not(
    client, portal, publish_news, member, tree
):
    page = publish_news("Tin được lưu đệm", lead="Tóm tắt.")
    for url in ["/", "/tin-tuc/", page.url, "/hoi-dap/", "/tim-kiem/?q=tin", "/sitemap.xml"]:
        response = get(client, url)
        assert response.status_code == 200, url
        assert (
            "public" in response["Cache-Control"] and "s-maxage=600" in response["Cache-Control"]
        ), url
        assert "Set-Cookie" not in response, url
    client.force_login(member("lt.bientap", R.EDITOR, tree.luong_tai))
    assert "public" not in get(client, page.url).get("Cache-Control", "")
    assert "public" not in client.get("/admin/").get("Cache-Control", "")


def test_purge_targets_are_the_page_its_sections_the_home_feeds_and_sitemap(
    portal, publish_news, section
):
    page = publish_news("Tin mới", lead="Tóm tắt.")
    news = section("tin-tuc")
    targets = purge_targets(page)
    base = f"http://{HOST}"
    assert targets == [
        page.get_full_url(),
        f"{base}/",
        f"{base}/tin-tuc/",
        f"{base}/cong/rss/{news.pk}/",
        f"{base}/sitemap.xml",
    ]


def test_publishing_purges_through_the_cache(
    portal, publish_news, purge_endpoint, django_capture_on_commit_callbacks, board
):
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_news("Tin vừa xuất bản", lead="Tóm tắt.")
    assert page.get_full_url() in purge_endpoint
    assert f"http://{HOST}/" in purge_endpoint and f"http://{HOST}/tin-tuc/" in purge_endpoint
    purge_endpoint.clear()
    comment = services.comment_submit(
        page=page,
        data=services.CommentData(
            title="Hay", sender_name="An", sender_email="an@example.vn", content="Tốt"
        ),
    )
    people = board()
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_moderate(user=people["editor"], comment=comment, publish=True)
    assert purge_endpoint == [page.get_full_url()]
