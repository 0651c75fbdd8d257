from datetime import timedelta

from django.db import models
from django.db.models import Count, Q
from django.utils import timezone


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status="confirmed")

    def unconfirmed_since(self, days: int):
        """Pending sign-ups older than `days`: the person never clicked the link."""
        return self.filter(status="pending", requested_at__lt=timezone.now() - timedelta(days=days))

    def unsubscribed_since(self, days: int):
        """Unsubscribed longer than `days` ago: the proof of consent is no longer needed."""
        return self.filter(status="unsubscribed", unsubscribed_at__lt=timezone.now() - timedelta(days=days))


class IssueQuerySet(models.QuerySet):
    def published(self):
        """In the archive: issues that went out (or are going out: the mail links to its web version)."""
        return self.filter(status__in=["sending", "sent"])

    def visible_to(self, user):
        """Drafts too for editors (their preview), only what went out for everyone else."""
        return self if user.has_perm("newsletter.view_issue") else self.published()

    def archive(self):
        return (
            self.published()
            .order_by("-started_at", "-pk")
            .only("label", "slug", "subject", "preheader", "status", "started_at")
        )

    def due(self, now=None):
        """Scheduled issues whose time has come."""
        return self.filter(status="scheduled", scheduled_at__lte=now or timezone.now())

    def stalled(self, minutes: int, now=None):
        """Issues being sent whose job has not run for `minutes` although deliveries are due (e.g. the
        worker was stopped or its task was lost)."""
        from newsletter.models import Delivery

        now = now or timezone.now()
        due = Delivery.objects.filter(issue=models.OuterRef("pk")).due(now)
        quiet_since = now - timedelta(minutes=minutes)
        return self.filter(
            models.Exists(due),
            Q(last_batch_at__lt=quiet_since) | Q(last_batch_at__isnull=True, started_at__lt=quiet_since),
            status="sending",
        )


class DeliveryQuerySet(models.QuerySet):
    def due(self, now=None):
        """Pending deliveries that may be tried now (new ones, and retries whose time has come)."""
        now = now or timezone.now()
        return self.filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now), status="pending")

    def counts(self) -> dict[str, int]:
        """How many deliveries per status, in one query: {"pending": …, "sent": …, "failed": …, "skipped": …}."""
        statuses = ["pending", "sent", "failed", "skipped"]
        return self.aggregate(
            total=Count("pk"), **{status: Count("pk", filter=Q(status=status)) for status in statuses}
        )

    def with_errors(self):
        """Deliveries whose last attempt failed (retried later, or failed for good), latest first."""
        return self.exclude(last_error="").order_by("-attempted_at", "-pk")


class BlockQuerySet(models.QuerySet):
    def for_display(self):
        """The blocks in order with what they show, in three queries whatever their number: projects and
        events joined, the events' dates (not cancelled) with their venues. Teasers for a project or an
        event that is no longer public are left out."""
        from events.models import EventDate

        dates = EventDate.objects.filter(is_cancelled=False).select_related("venue").defer("dial_in")
        return (
            self.exclude(kind="project", project__is_published=False)
            .exclude(kind="event", event__status="draft")
            .select_related("project", "event")
            .defer("project__search_vector", "event__description", "event__report")
            .prefetch_related(models.Prefetch("event__dates", queryset=dates))
            .order_by("position", "pk")
        )
