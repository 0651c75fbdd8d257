"""Atom feeds of the news, the new projects and the coming events (django.contrib.syndication).

Every link is absolute from PUBLIC_BASE_URL, never from the request's host. The iCal feed of the events
is events.views.calendar_feed. Django writes each description as `<summary type="html">`: the plain texts
(teasers, dates and places) are escaped to HTML first, so that "<" or "&" in them reach the reader as text.
"""

import datetime

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from events.models import Event
from portal.models import NewsItem
from projects.models import Project

FEED_ITEMS = 20
AUTHOR = "Interkommunales.NRW"


def absolute(path: str) -> str:
    return settings.PUBLIC_BASE_URL + path


class PortalFeed(Feed):
    feed_type = Atom1Feed
    author_name = AUTHOR
    language = "de"
    # The name of the list page the feed belongs to, and of the feed itself.
    list_url_name = ""
    feed_url_name = ""

    def link(self):
        return absolute(reverse(self.list_url_name))

    def feed_url(self):
        return absolute(reverse(self.feed_url_name))

    def item_link(self, item):
        return absolute(item.get_absolute_url())

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]


class NewsFeed(PortalFeed):
    title = "Aktuelles – Interkommunales.NRW"
    subtitle = "Kurzmeldungen zur interkommunalen Zusammenarbeit in Nordrhein-Westfalen."
    list_url_name = "news:list"
    feed_url_name = "news:feed"

    def items(self):
        return NewsItem.objects.published().newest_first().with_list_data()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.teaser)

    def item_pubdate(self, item):
        # The date of the Kurzmeldung, as the site shows it (its morning in Germany).
        return timezone.make_aware(datetime.datetime.combine(item.published_on, datetime.time(8)))

    def item_updateddate(self, item):
        return max(item.updated_at, self.item_pubdate(item))


class ProjectFeed(PortalFeed):
    title = "Neue Projekte – Interkommunales.NRW"
    subtitle = "Neu veröffentlichte Kooperationsprojekte der Kommunen in Nordrhein-Westfalen."
    list_url_name = "projects:list"
    feed_url_name = "projects:feed"

    def items(self):
        return (
            Project.objects.published()
            .filter(published_at__isnull=False)
            .prefetch_related("topics")
            .only("title", "slug", "teaser", "published_at", "updated_at")
            .order_by("-published_at")[:FEED_ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return escape(item.teaser)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)


class EventFeed(PortalFeed):
    title = "Veranstaltungen – Interkommunales.NRW"
    subtitle = "Kommende Veranstaltungen zur interkommunalen Zusammenarbeit: Jahrestagungen, Erfahrungsaustausche."
    list_url_name = "events:list"
    feed_url_name = "events:atom"

    def items(self):
        # The events to come, the latest announced first (a feed reader shows what is new).
        return Event.objects.published().upcoming().with_list_data().order_by("-created_at")[:FEED_ITEMS]

    def item_title(self, item):
        first = item.next_start and timezone.localtime(item.next_start)
        prefix = f"{first:%d.%m.%Y}: " if first else ""
        return f"{prefix}{item.title}{' (abgesagt)' if item.is_cancelled else ''}"

    def item_description(self, item):
        now = timezone.now()
        dates = [
            f"{date.when}{f', {date.place}' if date.place else ''}" for date in item.dates.all() if date.ends_at > now
        ]
        return escape(" · ".join([*dates, item.teaser]))

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.updated_at
