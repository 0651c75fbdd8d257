"""Usage figures counted on the server: page views and document downloads per day, and visitors per day.

No cookie, no IP address, no third party. A page view adds 1 to the row of its address and day
(`PageViewDay`); a download adds 1 to the row of its document and day (`DownloadDay`, through
`projects.services.count_download`). Different visitors of a day are told apart by a hash of a random salt
of that day, the client's address and its browser identification (`VisitorHash`); once the day is over, the
hashes are counted into `VisitorDay.visitors` and deleted together with the salt, so that no visit can be
linked to another day or to a person.

A counted request costs one statement (the page view and the visitor's hash in one `INSERT … ON CONFLICT`);
the first request of a day also closes the days before and creates the day's salt. Counting never makes a
page fail: errors are logged and swallowed.
"""

import contextvars
import datetime
import hashlib
import logging
import math
import re
import secrets
from contextlib import nullcontext
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from portal import charts
from portal.models import DownloadDay, PageViewDay, VisitorDay, VisitorHash
from portal.spam import client_ip

logger = logging.getLogger(__name__)

# Paths never counted: the editors' admin, files, the jury's area. Pages reached by a personal link (a `token`
# in the URL) and pages marked noindex are left out too, see counts_as_page_view().
EXCLUDED_PREFIXES = ("/admin/", "/static/", "/media/", "/landespreis/jury/")
MAX_PATH_LENGTH = 300

# Browsers send "Mozilla/5.0 …"; everything else (curl, feed readers, libraries) is not a visitor. Of the
# Mozilla-like identifications, these words mark crawlers, link previews, monitors and automated browsers.
BOT_WORDS = re.compile(
    r"bot\b|bot[/;-]|crawl|spider|slurp|scrap|fetch|archiv|preview|monitor|uptime|pingdom|lighthouse|"
    r"pagespeed|headless|phantomjs|selenium|playwright|puppeteer|facebookexternalhit|embedly|validator|"
    r"yandex|baidu|bytespider|petalbot|gptbot|claude|anthropic|ccbot|perplexity|meta-external|python|curl|wget",
    re.IGNORECASE,
)

# The counting statements select from this: it lets the commit of their (implicit) transaction return before
# the database has written it to disk. Waiting for that took most of the time of a count (about 1 ms of 1.2 on
# the development machine). Should the database server crash, the last fraction of a second of counts may be
# lost; nothing else is affected (the setting holds for that transaction only).
RELAXED = "(SELECT set_config('synchronous_commit', 'off', true)) AS relaxed"

# Whether the current request may be counted at all (set by the middleware; a download reads it).
_countable = contextvars.ContextVar("usage_countable", default=True)


def is_bot(user_agent: str) -> bool:
    """True for everything that is not a person's browser, judged by the User-Agent header alone."""
    return not user_agent.startswith("Mozilla/") or bool(BOT_WORDS.search(user_agent))


def is_countable_request(request) -> bool:
    """A person's browser asking for a page: no bot, no prefetch, no logged-in editor or jury member."""
    if not settings.USAGE_COUNTING or request.method != "GET":
        return False
    if is_bot(request.headers.get("User-Agent", "")):
        return False
    # Browsers prefetch links the visitor may never open.
    if "prefetch" in request.headers.get("Sec-Purpose", "") or request.headers.get("Purpose") == "prefetch":
        return False
    user = getattr(request, "user", None)
    return not (user is not None and user.is_authenticated)


def counts_as_page_view(request, response) -> bool:
    """A page of the public site delivered in full as HTML, that is not personal."""
    if response.status_code != 200 or response.streaming:
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    path = request.path
    if path.startswith(EXCLUDED_PREFIXES) or len(path) > MAX_PATH_LENGTH:
        return False
    # Personal pages behind links in mails (registrations, drafts, confirmations) say so.
    if "noindex" in response.get("X-Robots-Tag", ""):
        return False
    match = request.resolver_match
    return not (match and "token" in match.kwargs)


class UsageMiddleware:
    """Counts each page view of the public site once the page is rendered (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            countable = is_countable_request(request)
        except Exception:
            logger.exception("Usage: could not tell whether to count %s", request.path)
            countable = False
        reset = _countable.set(countable)
        try:
            response = self.get_response(request)
        finally:
            _countable.reset(reset)
        if countable:
            try:
                if counts_as_page_view(request, response):
                    record_page_view(request)
            except Exception:
                logger.exception("Usage: page view of %s not counted", request.path)
        return response


# --- Writes -------------------------------------------------------------------------------------------


def record_page_view(request) -> None:
    """One view of the request's page today, and the visitor's hash of today: one statement."""
    today = timezone.localdate()
    salt = salt_of_day(today)
    views, hashes = PageViewDay._meta.db_table, VisitorHash._meta.db_table
    count_view = (
        f"INSERT INTO {views} (date, path, views) SELECT %s, %s, 1 FROM {RELAXED} "
        f"ON CONFLICT (date, path) DO UPDATE SET views = {views}.views + 1"
    )
    if salt:
        digest = visitor_digest(salt, client_ip(request), request.headers.get("User-Agent", ""))
        visitor = f"INSERT INTO {hashes} (date, digest) VALUES (%s, %s) ON CONFLICT DO NOTHING"
        _execute(f"WITH visitor AS ({visitor}) {count_view}", [today, digest, today, request.path])
    else:
        _execute(count_view, [today, request.path])


def record_download(*, document_id: int) -> None:
    """One download of the document today, unless the request is not counted (a bot, an editor). Never raises."""
    if not (settings.USAGE_COUNTING and _countable.get()):
        return
    table = DownloadDay._meta.db_table
    try:
        _execute(
            f"INSERT INTO {table} (date, document_id, downloads) SELECT %s, %s, 1 FROM {RELAXED} "
            f"ON CONFLICT (date, document_id) DO UPDATE SET downloads = {table}.downloads + 1",
            [timezone.localdate(), document_id],
        )
    except Exception:
        logger.exception("Usage: download of document %s not counted", document_id)


def visitor_digest(salt: str, address: str, user_agent: str) -> str:
    return hashlib.sha256(f"{salt}\n{address}\n{user_agent}".encode()).hexdigest()


def salt_of_day(day: datetime.date) -> str:
    """The random salt of the day, shared by every process through the database (and cached until midnight).

    The first request of a day closes the days before (their salts are emptied) and creates the day's salt.
    An empty string when the day has been closed already (then visitors are not told apart).
    """
    key = f"portal:usage:salt:{day.isoformat()}"
    salt = cache.get(key)
    if salt is not None:
        return salt
    close_past_days(today=day)
    VisitorDay.objects.bulk_create([VisitorDay(date=day, salt=secrets.token_hex(32))], ignore_conflicts=True)
    salt = VisitorDay.objects.filter(date=day).values_list("salt", flat=True).first() or ""
    cache.set(key, salt, _seconds_until_midnight())
    return salt


def close_past_days(*, today: datetime.date) -> None:
    """Count the visitor hashes of the days before `today` into their VisitorDay, delete them, empty the salts.

    One statement, safe when several processes run it at once (each hash row is deleted, and so counted, once).
    Adds to what a day already has, so a hash written late (a request that began before midnight) still counts.
    """
    days, hashes = VisitorDay._meta.db_table, VisitorHash._meta.db_table
    _execute(
        f"""WITH gone AS (DELETE FROM {hashes} WHERE date < %s RETURNING date),
        due AS (
            SELECT date, count(*) AS n FROM gone GROUP BY date
            UNION ALL SELECT date, 0 FROM {days} WHERE date < %s AND salt <> ''
        )
        INSERT INTO {days} (date, visitors, salt, is_demo) SELECT date, sum(n), '', false FROM due GROUP BY date
        ON CONFLICT (date) DO UPDATE SET visitors = {days}.visitors + EXCLUDED.visitors, salt = ''""",
        [today, today],
    )


def visitors_today(today: datetime.date | None = None) -> int:
    """Different visitors of the running day so far (its hashes, not yet counted into VisitorDay)."""
    return VisitorHash.objects.filter(date=today or timezone.localdate()).count()


def _execute(sql: str, params: list) -> None:
    # Inside a transaction (tests; a caller's atomic block) a savepoint keeps a failure from breaking it.
    with transaction.atomic() if connection.in_atomic_block else nullcontext(), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _seconds_until_midnight() -> int:
    now = timezone.localtime()
    midnight = (now + datetime.timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(1, int((midnight - now).total_seconds()))


# --- Reads for the editors (admin: "Nutzungszahlen") ----------------------------------------------------

# The periods editors can choose, in days back from today (today included).
PERIODS = [7, 30, 90, 365]
DEFAULT_PERIOD = 30
TOP_SHOWN = 20


@dataclass(frozen=True)
class DayFigures:
    date: datetime.date
    views: int
    visitors: int
    downloads: int


@dataclass
class UsageReport:
    first: datetime.date
    last: datetime.date
    days: list[DayFigures]
    top_pages: list[dict]
    top_documents: list[dict]
    demo_days: int = 0  # days of the period made up by load_demo_data

    @property
    def total_views(self) -> int:
        return sum(day.views for day in self.days)

    @property
    def total_downloads(self) -> int:
        return sum(day.downloads for day in self.days)

    @property
    def visitor_days(self) -> int:
        """The daily visitors added up: a person who came on three days counts three times."""
        return sum(day.visitors for day in self.days)

    def chart(self, field: str, title: str) -> charts.ColumnChart:
        count = len(self.days)
        return charts.column_chart(
            [(f"{day.date:%d.%m.}", getattr(day, field)) for day in self.days],
            title=title,
            label_every=max(1, math.ceil(count / 10)),
            value_labels=count <= 31,
        )


def usage_report(*, days: int, today: datetime.date | None = None) -> UsageReport:
    """Page views, visitors and downloads per day of the last `days` days (today included), and the top lists.

    Closes the days before today first, so that yesterday's visitors are counted; today's come from its hashes.
    """
    today = today or timezone.localdate()
    first = today - datetime.timedelta(days=days - 1)
    close_past_days(today=today)
    views = PageViewDay.objects.between(first, today)
    downloads = DownloadDay.objects.between(first, today)
    views_per_day, downloads_per_day = views.per_day(), downloads.per_day()
    visitor_days = VisitorDay.objects.filter(date__gte=first, date__lt=today).values_list("date", "visitors", "is_demo")
    visitors_per_day = {day: visitors for day, visitors, _ in visitor_days}
    visitors_per_day[today] = visitors_today(today)
    return UsageReport(
        first=first,
        last=today,
        days=[
            DayFigures(
                date=day,
                views=views_per_day.get(day, 0),
                visitors=visitors_per_day.get(day, 0),
                downloads=downloads_per_day.get(day, 0),
            )
            for day in (first + datetime.timedelta(days=n) for n in range(days))
        ],
        top_pages=list(views.top_pages(TOP_SHOWN)),
        top_documents=list(downloads.top_documents(TOP_SHOWN)),
        demo_days=sum(1 for *_, is_demo in visitor_days if is_demo),
    )


def prune(*, older_than_days: int, today: datetime.date | None = None, dry_run: bool = False) -> dict[str, int]:
    """Delete the daily figures older than `older_than_days` days; returns how many rows per kind (or would)."""
    today = today or timezone.localdate()
    cut_off = today - datetime.timedelta(days=older_than_days)
    querysets = {
        "Seitenaufrufe": PageViewDay.objects.filter(date__lt=cut_off),
        "Downloads": DownloadDay.objects.filter(date__lt=cut_off),
        "Besucher": VisitorDay.objects.filter(date__lt=cut_off),
    }
    if dry_run:
        return {label: queryset.count() for label, queryset in querysets.items()}
    with transaction.atomic():
        close_past_days(today=today)
        return {label: queryset.delete()[0] for label, queryset in querysets.items()}
