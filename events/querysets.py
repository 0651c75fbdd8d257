from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchRank, SearchVector
from django.db import models
from django.db.models import Count, Exists, F, Max, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Concat
from django.utils import timezone

from portal.querysets import SEARCH_CONFIG, StripTags, headline
from projects.querysets import search_query

# How far back the calendar feed goes.
FEED_PAST_DAYS = 365


def _status_count(status: str) -> Count:
    return Count("registrations", filter=Q(registrations__status=status))


class EventQuerySet(models.QuerySet):
    def published(self):
        """On the site: published events and cancelled ones (they show the cancellation); not drafts."""
        return self.exclude(status="draft")

    def visible_to(self, user):
        """Drafts too for editors (their preview), only what is on the site for everyone else."""
        return self if user.has_perm("events.view_event") else self.published()

    def upcoming(self, now=None):
        """Events with a date that has not ended, soonest first (`next_start`: the first such date)."""
        from events.models import EventDate

        now = now or timezone.now()
        running = EventDate.objects.filter(event=OuterRef("pk"), ends_at__gt=now)
        return (
            self.filter(Exists(running))
            .annotate(next_start=Min("dates__starts_at", filter=Q(dates__ends_at__gt=now)))
            .order_by("next_start", "title")
        )

    def past(self, now=None):
        """Events whose dates are all over, latest first (`last_start`: the last date)."""
        from events.models import EventDate

        now = now or timezone.now()
        running = EventDate.objects.filter(event=OuterRef("pk"), ends_at__gt=now)
        return (
            self.filter(Exists(EventDate.objects.filter(event=OuterRef("pk"))))
            .exclude(Exists(running))
            .annotate(last_start=Max("dates__starts_at"))
            .order_by("-last_start", "title")
        )

    def with_list_data(self):
        """What an event card shows: Themenfelder and the dates with their places and seat counts."""
        from events.models import EventDate

        dates = EventDate.objects.with_counts().select_related("venue").defer("dial_in")
        return self.prefetch_related("topics", models.Prefetch("dates", queryset=dates)).defer("description", "report")

    def with_documentation(self):
        """Whether each event has a report, photos and documents (`photo_count`, `document_count`)."""
        from events.models import EventPhoto

        documents = self.model.documents.through.objects.filter(event=OuterRef("pk"), document__is_published=True)
        return self.annotate(
            has_report=models.Case(
                models.When(report="", then=False), default=True, output_field=models.BooleanField()
            ),
            photo_count=models.Subquery(
                EventPhoto.objects.filter(event=OuterRef("pk"))
                .order_by()
                .values("event")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=models.IntegerField(),
            ),
            document_count=models.Subquery(
                documents.order_by().values("event").annotate(n=Count("pk")).values("n"),
                output_field=models.IntegerField(),
            ),
        )

    def with_dates(self):
        """The dates with their venues (a search hit shows when and where), without the dial-in data and texts."""
        from events.models import EventDate

        dates = EventDate.objects.select_related("venue").defer("dial_in")
        return self.prefetch_related(models.Prefetch("dates", queryset=dates)).defer(
            "description", "report", "search_vector"
        )

    def search(self, query: str):
        """Events matching a German full-text query (stemmed), best first and then the latest, with `rank` and
        `headline` (the passage of Kurzbeschreibung, Beschreibung or Bericht where the words were found)."""
        found = search_query(query)
        text = Concat(
            "teaser",
            Value(" "),
            StripTags("description"),
            Value(" "),
            StripTags("report"),
            output_field=models.TextField(),
        )
        from events.models import EventDate

        dates = EventDate.objects.filter(event=OuterRef("pk"))
        return (
            self.filter(search_vector=found)
            .annotate(
                rank=SearchRank(F("search_vector"), found),
                headline=headline(text, found),
                last_start=Subquery(dates.order_by("-starts_at").values("starts_at")[:1]),
            )
            .order_by("-rank", F("last_start").desc(nulls_last=True), "title")
        )

    def update_search_vectors(self) -> int:
        """Store each event's search vector: the title weighs most, then Kurzbeschreibung, Art and Themenfelder,
        then the texts, the programme, the places and the hosting Kommune.

        Written with the model's relations only, so that the migration can call it on the historical model.
        """
        related = {
            name: self.model._meta.get_field(name).related_model for name in ("agenda", "dates", "host_municipality")
        }

        def joined(queryset, field):
            names = queryset.order_by().values("event").annotate(names=StringAgg(field, " ")).values("names")
            return Subquery(names, output_field=models.TextField())

        topics = joined(self.model.topics.through.objects.filter(event=OuterRef("pk")), "topic__name")
        agenda = joined(
            related["agenda"].objects.filter(event=OuterRef("pk")),
            Concat("title", Value(" "), "speakers", output_field=models.TextField()),
        )
        places = joined(
            related["dates"].objects.filter(event=OuterRef("pk"), venue__isnull=False),
            Concat("venue__name", Value(" "), "venue__city", output_field=models.TextField()),
        )
        # An update cannot join: the hosting Kommune's name comes from a subquery too. SearchVector treats
        # NULL (no programme, no venue, no host) as empty text.
        host = Subquery(
            related["host_municipality"].objects.filter(pk=OuterRef("host_municipality")).values("short_name"),
            output_field=models.TextField(),
        )
        vector = (
            SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("teaser", "kind", topics, weight="B", config=SEARCH_CONFIG)
            + SearchVector(
                StripTags("description"),
                StripTags("report"),
                agenda,
                places,
                "organiser",
                host,
                weight="C",
                config=SEARCH_CONFIG,
            )
        )
        return self.update(search_vector=vector)


class EventDateQuerySet(models.QuerySet):
    def with_counts(self):
        """Seats taken and places on the waitlist per date (`confirmed_count`, `waitlisted_count`, …)."""
        return self.annotate(
            confirmed_count=_status_count("confirmed"),
            waitlisted_count=_status_count("waitlisted"),
            pending_count=_status_count("pending"),
            cancelled_count=_status_count("cancelled"),
            checked_in_count=Count("registrations", filter=Q(registrations__checked_in_at__isnull=False)),
        )

    def on_the_site(self):
        return self.exclude(event__status="draft")

    def for_feed(self, now=None):
        """The dates of the events on the site for the calendar feed (without the dial-in data): all to come
        and those that ended in the last 12 months, so the feed does not grow for ever."""
        from datetime import timedelta

        now = now or timezone.now()
        return (
            self.on_the_site()
            .filter(ends_at__gte=now - timedelta(days=FEED_PAST_DAYS))
            .select_related("event", "venue")
            .defer("dial_in", "event__description", "event__report")
        )


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=["pending", "confirmed", "waitlisted"])

    def for_address(self, email: str):
        return self.filter(email=email.strip().lower())

    def waitlist(self):
        """The waitlist in the order people joined it (when they confirmed their address)."""
        return self.filter(status="waitlisted").order_by("opted_in_at", "pk")

    def due_for_reminder(self, *, days_before: int, now=None):
        """Confirmed, not yet reminded, for dates starting within `days_before` days.

        Only people who had their seat before that period began: whoever registered later has just
        received the confirmation with the same information.
        """
        from datetime import timedelta

        now = now or timezone.now()
        window = timedelta(days=days_before)
        return self.filter(
            status="confirmed",
            reminded_at__isnull=True,
            anonymised_at__isnull=True,
            date__is_cancelled=False,
            date__event__status="published",
            date__starts_at__gt=now,
            date__starts_at__lte=now + window,
            confirmed_at__lte=models.F("date__starts_at") - window,
        )

    def due_for_anonymisation(self, *, retention_days: int, now=None):
        """Not yet anonymised, of dates that ended more than `retention_days` days ago."""
        from datetime import timedelta

        now = now or timezone.now()
        return self.filter(anonymised_at__isnull=True, date__ends_at__lt=now - timedelta(days=retention_days))

    def unconfirmed_since(self, days: int, now=None):
        """Pending registrations older than `days`: the person never clicked the link."""
        from datetime import timedelta

        now = now or timezone.now()
        return self.filter(status="pending", created_at__lt=now - timedelta(days=days))

    def status_counts(self) -> dict[str, int]:
        counts = dict(self.order_by().values_list("status").annotate(n=Count("pk")))
        return {status: counts.get(status, 0) for status in ("pending", "confirmed", "waitlisted", "cancelled")}
