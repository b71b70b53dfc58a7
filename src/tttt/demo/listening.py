"""Demo online listening: the shipped sample sources (tttt/listening/samples: a provincial
paper's RSS, a local news page's Atom feed, exports of social-network posts, all written for
TTTT) read twice through the services:

- as Lương Tài district followed them in August–September 2019 (with the comments and
  questions its own portal received), with the spike of negative
  posts about land dossiers in the week of 23–29/9/2019 (`luongtai.lanhdao` opens the week's
  picture on it);
- as today's Bắc Ninh province follows them for Xã Lương Tài and Xã Trung Chính, the dates
  moved so that the newest post is today: the spike is this week, and Xã Lương Tài's leader
  has an alert on it (reporting's alert rules, set in `demo.reporting`).

The feeds are read from the files rather than over HTTP (the demo has no network); their
sources are kept inactive so that the worker does not try the sample addresses."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from tttt.listening import services
from tttt.listening.models import Source
from tttt.org.models import Unit, User

SAMPLES = Path(services.__file__).with_name("samples")
FEEDS = [("Báo Bắc Ninh (mẫu)", "bao-bac-ninh.rss", "https://baobacninh.example.vn/rss/"),
         ("Trang tin địa phương (mẫu)", "trang-tin-dia-phuong.atom", "https://tin.example.vn/atom/")]  # fmt: skip
EXPORTS = ["mang-xa-hoi.json", "mang-xa-hoi.csv"]


def build_listening(write, *, luong_tai: Unit, province: Unit, today_communes: list[Unit]) -> int:
    if Source.objects.filter(unit=luong_tai).exists():
        return 0
    write("Theo dõi thông tin trên mạng (nguồn mẫu)…")
    with transaction.atomic():
        specialist = User.objects.get(username="luongtai.chuyenvien")
        services.watchlist_refresh(user=specialist, unit=luong_tai)
        count = _read(specialist, luong_tai, shift=timedelta(0))
        own = services.source_save(user=specialist, source=Source(
            unit=luong_tai, name="Bình luận, câu hỏi trên Cổng thông tin điện tử huyện", kind="portal"))  # fmt: skip
        count += services.source_fetch(source=own)["new"]
        leader = User.objects.get(username="bacninh.lanhdao")
        for commune in today_communes:
            services.watchlist_refresh(user=leader, unit=commune)
        newest = max(
            m.published_at for m in Source.objects.get(unit=luong_tai, kind="upload").mentions.all()
        )
        shift = timedelta(days=(timezone.localdate() - timezone.localdate(newest)).days)
        count += _read(leader, province, shift=shift)
    return count


def _article(url: str) -> str:
    """The text of a sample article (trafilatura, from the shipped page)."""
    import trafilatura

    page = SAMPLES / "bai-viet" / url.rsplit("/", 1)[-1]
    return (trafilatura.extract(page.read_text(encoding="utf-8")) or "") if page.exists() else ""


def _read(user, unit: Unit, *, shift: timedelta) -> int:
    count = 0
    for name, file, base in FEEDS:
        source = services.source_save(user=user, source=Source(unit=unit, name=name, kind="feed", url=base + file,
                                                               full_text=True, is_active=False))  # fmt: skip
        items = services.feed_items((SAMPLES / file).read_bytes(), base + file)
        for item in items:
            item.published_at += shift
            if "/bai-viet/" in item.url:
                item.text = _article(item.url) or item.text
        count += services.ingest(source=source, items=items)["new"]
    export = services.source_save(user=user, source=Source(unit=unit, name="Bài đăng công khai trên mạng xã hội (mẫu)",
                                                           kind="upload"))  # fmt: skip
    for file in EXPORTS:
        items = services.upload_items(file, (SAMPLES / file).read_bytes())
        for item in items:
            item.published_at += shift
        count += services.ingest(source=export, items=items)["new"]
    return count
