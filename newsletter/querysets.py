from datetime import timedelta

from django.db import models
from django.utils import timezone


class SubscriberQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status="confirmed")

    def unconfirmed_since(self, days: int):
        """Pending sign-ups older than `days`: the person never clicked the link."""
        return self.filter(status="pending", requested_at__lt=timezone.now() - timedelta(days=days))
