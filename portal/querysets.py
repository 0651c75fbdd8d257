from datetime import timedelta

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import models
from django.db.models import F, Func, Value
from django.utils import timezone

SEARCH_CONFIG = "german"


class PageQuerySet(models.QuerySet):
    def search(self, query: str):
        """Pages matching a German full-text query, best first, with the matching passage."""
        search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        vector = SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
            "lead", "body", weight="B", config=SEARCH_CONFIG
        )
        return (
            self.annotate(rank=SearchRank(vector, search_query))
            .filter(rank__gt=0)
            .annotate(
                headline=SearchHeadline(
                    # The passage is taken from the text without its HTML tags.
                    Func(F("body"), Value("<[^>]+>"), Value(" "), Value("g"), function="regexp_replace"),
                    search_query,
                    config=SEARCH_CONFIG,
                    start_sel="<mark>",
                    stop_sel="</mark>",
                    max_words=30,
                    min_words=12,
                )
            )
            .order_by("-rank", "title")
        )


class OutgoingMailQuerySet(models.QuerySet):
    def due_for_retry(self):
        """Mails whose last attempt failed and whose next attempt is due."""
        return self.filter(status="retrying", next_attempt_at__lte=timezone.now())

    def waiting(self):
        """Mails queued longer than a few minutes: their task was lost (e.g. worker down)."""
        return self.filter(status="queued", created_at__lte=timezone.now() - timedelta(minutes=10))
