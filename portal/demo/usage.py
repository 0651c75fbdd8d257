"""Made-up usage figures for the demo, so that the editors' page "Nutzungszahlen" has something to show.

Page views, visitors and downloads for the 120 days before the day of loading, with quieter weekends and a
few popular pages; the days are marked as demo (VisitorDay.is_demo) and the admin page says so. Nothing is
created when usage figures exist already (the demo never mixes with counted figures).
"""

import datetime
import random

from django.utils import timezone

from portal.models import DownloadDay, PageViewDay, VisitorDay
from projects.models import Document, Project

DEMO_DAYS = 120
# Address → views on an ordinary weekday.
SECTION_VIEWS = {
    "/": 140,
    "/projekte/": 90,
    "/kommunen/": 55,
    "/dokumente/": 40,
    "/veranstaltungen/": 30,
    "/partnersuche/": 14,
    "/landespreis/": 18,
    "/newsletter/": 8,
    "/statistik/": 12,
}


def create_demo_usage(today: datetime.date | None = None) -> int:
    """Create the demo figures unless there are figures already; returns how many rows were created."""
    if PageViewDay.objects.exists() or VisitorDay.objects.exists() or DownloadDay.objects.exists():
        return 0
    today = today or timezone.localdate()
    rng = random.Random(2017)  # the same figures on every run
    pages = dict(SECTION_VIEWS)
    for rank, path in enumerate(
        Project.objects.published().filter(is_lighthouse=True).order_by("title").values_list("slug", flat=True)[:8]
    ):
        pages[f"/projekte/{path}/"] = 16 - rank
    for rank, path in enumerate(["koeln", "kreis-borken", "muenster", "ennepe-ruhr-kreis"]):
        pages[f"/kommunen/{path}/"] = 9 - rank
    documents = list(Document.objects.published().order_by("-date", "title").values_list("pk", flat=True)[:10])
    views, visitors, downloads = [], [], []
    for days_back in range(DEMO_DAYS, 0, -1):
        day = today - datetime.timedelta(days=days_back)
        # Weekends are quiet; the figures grow a little over the months.
        factor = (0.3 if day.weekday() >= 5 else 1.0) * (0.8 + 0.4 * (DEMO_DAYS - days_back) / DEMO_DAYS)
        day_views = 0
        for path, usual in pages.items():
            count = max(0, round(usual * factor * rng.uniform(0.6, 1.4)))
            if count:
                views.append(PageViewDay(date=day, path=path, views=count))
                day_views += count
        visitors.append(VisitorDay(date=day, visitors=round(day_views / rng.uniform(2.6, 3.4)), is_demo=True))
        for rank, pk in enumerate(documents):
            count = round(rng.uniform(0, 6) * factor / (1 + rank / 3))
            if count:
                downloads.append(DownloadDay(date=day, document_id=pk, downloads=count))
    PageViewDay.objects.bulk_create(views)
    VisitorDay.objects.bulk_create(visitors)
    DownloadDay.objects.bulk_create(downloads)
    return len(views) + len(visitors) + len(downloads)
