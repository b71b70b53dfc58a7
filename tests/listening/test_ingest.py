"""Reading the sources: the worker reads feeds from an HTTP server (RSS and Atom, full text
with trafilatura, only what changed), uploads of exports (CSV, JSON; every bad row named,
nothing kept), deduplication, and the watch list linking mentions to what they name."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from tttt.establishments.models import BusinessType, Establishment
from tttt.listening import services
from tttt.listening.errors import ListeningError as E
from tttt.listening.models import Mention, Source, WatchTerm

from .conftest import SAMPLES

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def codes(error: ValidationError) -> set[str]:
    found = set()
    for items in error.error_dict.values() if hasattr(error, "error_dict") else [error.error_list]:
        found |= {e.code for e in items}
    return found


def feed(user, unit, url, **kw):
    return services.source_save(user=user, source=Source(unit=unit, name=kw.pop("name", "Báo Bắc Ninh"),
                                                         kind="feed", url=url, **kw))  # fmt: skip


def test_a_feed_is_read_with_full_text_deduplicated_and_linked_to_the_units_it_names(
    people, tree, feeds
):
    services.watchlist_refresh(user=people.leader, unit=tree.luong_tai)
    source = feed(people.leader, tree.luong_tai, f"{feeds}/bao-bac-ninh.rss", full_text=True)
    counts = services.source_fetch(source=source)
    assert counts == {"new": 9, "duplicate": 0, "error": 0}
    land = Mention.objects.get(title="Hồ sơ đất đai ở Lương Tài bị hẹn đi hẹn lại")
    assert "Ông Phạm Văn Hòa ở xã Trung Chính" in land.text  # the article's text, by trafilatura
    assert "Trang chủ" not in land.text and "quảng cáo" not in land.text  # not its menus
    assert land.sentiment == "negative" and land.published_at == datetime(
        2019, 9, 23, 8, 20, tzinfo=VN
    )
    trung_chinh = Mention.objects.get(title__startswith="Dư luận về việc chậm trễ")
    assert trung_chinh.unit == tree.trung_chinh  # the most specific unit it names
    assert Mention.objects.get(title__startswith="Thị trấn Thứa ra quân").unit == tree.thua
    again = services.source_fetch(source=source)
    assert again["new"] == 0 and Mention.objects.count() == 9


def test_the_worker_reads_the_feeds_on_its_schedule(
    people, tree, feeds, settings, transactional_db
):
    from tttt.core.worker import run_worker
    from tttt.listening.tasks import fetch_sources

    assert settings.TTTT_SCHEDULE["listening-feeds"]["task"] == "tttt.listening.tasks.fetch_sources"
    services.watchlist_refresh(user=people.leader, unit=tree.luong_tai)
    feed(people.leader, tree.luong_tai, f"{feeds}/bao-bac-ninh.rss")
    feed(
        people.leader,
        tree.luong_tai,
        f"{feeds}/trang-tin-dia-phuong.atom",
        name="Trang tin địa phương",
    )
    broken = feed(
        people.leader, tree.luong_tai, f"{feeds}/khong-co.rss", name="Nguồn đã đổi địa chỉ"
    )
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        fetch_sources.enqueue()
        run_worker(batch=True, schedule=False, interval=0)
    assert Mention.objects.count() == 13
    assert Mention.objects.filter(watched=True, unit=tree.luong_tai).exists()
    broken.refresh_from_db()
    assert "404" in broken.last_error and broken.last_fetched_at


def test_an_address_that_is_not_a_feed_is_an_error_kept_on_the_source(people, tree, feeds):
    source = feed(people.leader, tree.luong_tai, f"{feeds}/bai-viet/luong-tai-ho-so-dat-dai.html")
    assert services.source_fetch(source=source)["error"] == 1
    source.refresh_from_db()
    assert "RSS/Atom" in source.last_error and not Mention.objects.exists()


def test_an_upload_names_every_bad_row_and_keeps_nothing(people, tree):
    source = services.source_save(user=people.leader, source=Source(unit=tree.luong_tai, name="Mạng xã hội",
                                                                    kind="upload"))  # fmt: skip
    bad = "thoi_gian,noi_dung\n10/09/2019 08:30,Tốt\nhôm qua,Chậm quá\n12/09/2019 09:00,\n01/01/2099 08:00,Sau này\n"
    with pytest.raises(ValidationError) as refused:
        services.upload_ingest(
            user=people.leader, source=source, upload=SimpleUploadedFile("x.csv", bad.encode())
        )
    assert codes(refused.value) == {E.BAD_ROW}
    assert [m.split(":")[0] for m in refused.value.messages] == ["Dòng 3", "Dòng 4", "Dòng 5"]
    assert not Mention.objects.exists()
    with pytest.raises(PermissionDenied):
        services.upload_ingest(user=people.stranger, source=source,
                               upload=SimpleUploadedFile("x.csv", (SAMPLES / "mang-xa-hoi.csv").read_bytes()))  # fmt: skip


def test_exports_in_csv_and_json_are_read_and_the_same_post_kept_once(people, tree):
    services.watchlist_refresh(user=people.leader, unit=tree.luong_tai)
    source = services.source_save(user=people.leader, source=Source(unit=tree.luong_tai, name="Mạng xã hội",
                                                                    kind="upload"))  # fmt: skip
    json_file = SimpleUploadedFile("mang-xa-hoi.json", (SAMPLES / "mang-xa-hoi.json").read_bytes())
    assert services.upload_ingest(user=people.specialist, source=source, upload=json_file) == {
        "new": 10,
        "duplicate": 0,
    }
    csv_file = SimpleUploadedFile("mang-xa-hoi.csv", (SAMPLES / "mang-xa-hoi.csv").read_bytes())
    assert services.upload_ingest(user=people.specialist, source=source, upload=csv_file) == {
        "new": 4,
        "duplicate": 0,
    }
    json_file.seek(0)
    assert (
        services.upload_ingest(user=people.specialist, source=source, upload=json_file)["new"] == 0
    )
    post = Mention.objects.get(url="https://mxh.example.vn/posts/1007")
    assert (
        post.author == "Ngô Văn Tuấn"
        and post.sentiment == "negative"
        and post.unit == tree.trung_chinh
    )


def test_the_watch_list_links_a_mention_to_the_business_it_names(people, tree):
    karaoke = Establishment.objects.create(
        business_type=BusinessType.objects.get_or_create(code="karaoke", defaults={"name": "Karaoke"})[0],
        name="Karaoke Hoàng Long", owner_kind="person", owner_name="Lê Văn Long", address="Phố Thứa", unit=tree.thua)  # fmt: skip
    added = services.watchlist_refresh(user=people.leader, unit=tree.luong_tai)
    assert added >= 4 and services.watchlist_refresh(user=people.leader, unit=tree.luong_tai) == 0
    term = WatchTerm.objects.get(establishment=karaoke)
    source = services.source_save(
        user=people.leader, source=Source(unit=tree.luong_tai, name="MXH", kind="upload")
    )
    upload = SimpleUploadedFile(
        "x.csv", b"thoi_gian,noi_dung\n13/09/2019 23:05,Karaoke Hoang Long hat den khuya qua\n"
    )
    services.upload_ingest(user=people.leader, source=source, upload=upload)
    mention = Mention.objects.get()
    assert list(mention.watch_hits.all()) == [term] and mention.unit == tree.thua
    with pytest.raises(ValidationError) as refused:
        services.watchterm_save(
            user=people.leader, term=WatchTerm(unit=tree.luong_tai, term="karaoke hoàng long")
        )
    assert codes(refused.value) == {E.TERM_EXISTS}
    with pytest.raises(ValidationError) as refused:
        services.watchterm_save(user=people.leader, term=WatchTerm(unit=tree.luong_tai, term="Ab"))
    assert codes(refused.value) == {E.TERM_TOO_SHORT}


def test_a_feed_source_needs_an_http_address(people, tree):
    for url, code in [("", E.URL_REQUIRED), ("ftp://bao.example.vn/rss", E.URL_NOT_HTTP)]:
        with pytest.raises(ValidationError) as refused:
            services.source_save(
                user=people.leader,
                source=Source(unit=tree.luong_tai, name="X", kind="feed", url=url),
            )
        assert codes(refused.value) == {code}


def test_an_entry_linking_outside_the_web_is_never_read():
    assert services.article_text("file:///etc/passwd") == ""
    with pytest.raises(ValueError):
        services._get("ftp://bao.example.vn/rss")
