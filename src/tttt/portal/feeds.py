"""RSS per section: the newest news items and documents under it."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed

from .models import DocumentPage, NewsPage, SectionPage

FEED_SIZE = 30


class SectionFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request, page_id: int):
        self.request = request
        return get_object_or_404(SectionPage.objects.live().select_related("unit"), pk=page_id)

    def title(self, section):
        return section.title

    def link(self, section):
        return section.get_url(self.request)

    def description(self, section):
        return f"{section.title} — {section.unit.name if section.unit else ''}"

    def items(self, section):
        news = list(
            NewsPage.objects.live()
            .descendant_of(section)
            .order_by("-first_published_at")[:FEED_SIZE]
        )
        docs = list(
            DocumentPage.objects.live()
            .descendant_of(section)
            .order_by("-first_published_at")[:FEED_SIZE]
        )
        return sorted(news + docs, key=lambda p: p.first_published_at, reverse=True)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.lead if isinstance(item, NewsPage) else f"{item.number}: {item.summary}"

    def item_link(self, item):
        return item.get_full_url(self.request)

    def item_pubdate(self, item):
        return item.first_published_at
