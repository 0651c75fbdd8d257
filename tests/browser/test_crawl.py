"""Every page a visitor can reach from the home page: no axe violation, no console error, no request to another host.

The site is the demo content `make run` shows (the loaders of `load_demo_data`, about 8 s): projects with
Kommunen, pictures and documents, court decisions, past and coming events, Kurzmeldungen with Themenfelder, a
decided Landespreis round with winners and an open one, partner requests, sent newsletter issues and the
editorial pages; and one item of each kind made here, which the crawl must reach by links.

axe also runs with the header search's suggestions open. The crawl starts at "/" and at the result page of
the header search, follows every link to this host breadth-first and visits at most PER_PATTERN addresses of
each pattern (view name and the query parameters present). It collects every problem of every page and fails
once at the end with all of them.
"""

import datetime
import re
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from awards.models import Entry, Round
from portal.management.commands.load_demo_data import DEMO_LOADERS
from portal.models import Municipality
from projects.models import ProjectImage
from projects.services import create_renditions
from tests.browser.conftest import axe_violations
from tests.factories import (
    BlockFactory,
    DocumentFactory,
    EventDateFactory,
    EventFactory,
    IssueFactory,
    NewsItemFactory,
    PartnerRequestFactory,
    ProjectFactory,
)
from tests.portal.test_news import picture

pytestmark = pytest.mark.django_db(transaction=True)

PER_PATTERN = 2
FIRE = "feuerwehr-und-katastrophenschutz"
# Views whose pages differ by an argument, not only by their data: each editorial page (the contact and
# feedback forms among them) and each page of a Landespreis round is a pattern of its own.
DISTINCT_BY_ARGUMENT = {"portal:page": "slug", "awards:page": "page"}
# Never visited: the editors' area (its own rules, see README) and files.
SKIPPED_PREFIXES = ("/admin/", settings.STATIC_URL, settings.MEDIA_URL)
# What a visitor must be able to reach by links alone; a page missing here has lost its links.
MUST_REACH = {
    "portal:home",
    "portal:search",
    "portal:statistics",
    "portal:page[impressum]",
    "portal:page[datenschutz]",
    "portal:page[barrierefreiheit]",
    "portal:page[kontakt]",
    "municipalities:list",
    "municipalities:detail",
    "projects:list",
    "projects:detail",
    "projects:report_change",
    "projects:submission_start",
    "projects:documents",
    "projects:document",
    "projects:court_decisions",
    "partners:list",
    "partners:detail",
    "partners:new",
    "events:list",
    "events:archive",
    "events:detail",
    "news:list",
    "news:detail",
    "newsletter:subscribe",
    "newsletter:archive",
    "newsletter:issue",
    "awards:current",
    "awards:round",
    "awards:winners",
    "awards:archive",
}


@pytest.fixture
def crawl_site(site):
    """The demo content, and one of each kind of content built here with everything it can show.

    Returns {address: what it is} of the pages the crawl must reach by links: it visits them even when
    their pattern has had its PER_PATTERN visits, so the fullest page of each kind is checked.
    """
    # A late request of the test before may have cached a content type its flush then deleted (seen once in
    # the full suite as a foreign key error on the demo's tags); the tables are fresh, so is the cache.
    ContentType.objects.clear_cache()
    for _label, loader in DEMO_LOADERS:
        loader()
    now = timezone.now()
    borken, heiden = Municipality.objects.get(slug="borken"), Municipality.objects.get(slug="heiden")
    project = ProjectFactory(
        title="Gemeinsame Atemschutzwerkstatt Borken und Heiden",
        slug="atemschutzwerkstatt-borken-heiden",
        is_lighthouse=True,
        participants__lead=borken,
        participants__partners=[heiden, "Kreisfeuerwehrverband Borken"],
        participants__topics=[FIRE],
        participants__tags=["Atemschutz"],
    )
    image = ProjectImage(project=project, alt_text="Atemschutzgeräte auf dem Prüfstand der Werkstatt")
    image.image = ContentFile(picture(image_format="JPEG"), name="werkstatt.jpg")
    image.save()
    create_renditions(image=image)
    document = DocumentFactory(title="Vereinbarung über die Atemschutzwerkstatt", projects=[project])
    court_decision = DocumentFactory(
        title="Urteil zur Zusammenarbeit von Kommunen",
        kind="gerichtsentscheidung",
        court="Gerichtshof der Europäischen Union",
        file_number="C-999/25",
        date=timezone.localdate(),
        tenor="Kommunen dürfen Aufgaben gemeinsam erfüllen, ohne sie auszuschreiben.",
    )
    event = EventFactory(title="Erfahrungsaustausch Atemschutz", topics=[FIRE])
    for starts_at in (now - datetime.timedelta(days=30), now + datetime.timedelta(days=3)):
        EventDateFactory(event=event, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(hours=4))
    news = NewsItemFactory(title="Feuerwehren warten Atemschutz gemeinsam", topics=[FIRE], picture=True)
    partner_request = PartnerRequestFactory(title="eine gemeinsame Atemschutzwerkstatt", topics=[FIRE])
    issue = IssueFactory(status="sent")
    BlockFactory(issue=issue)
    decided = Round.objects.get(state="decided", is_published=True)
    assert Entry.objects.public_winners().filter(round=decided).exists()
    return {
        project.get_absolute_url(): "a Leuchtturm project with a picture, a document and participants",
        document.get_absolute_url(): "its document",
        borken.get_absolute_url(): "its lead Kommune",
        court_decision.get_absolute_url(): "a court decision",
        event.get_absolute_url(): "an event with a past and a coming date",
        news.get_absolute_url(): "a Kurzmeldung with a picture and a Themenfeld",
        partner_request.get_absolute_url(): "a partner request",
        issue.get_absolute_url(): "a sent newsletter issue",
        reverse("awards:winners", kwargs={"year": decided.year}): "the winners of a decided Landespreis round",
    }


def pattern_of(path: str, query: str) -> str:
    """The pattern of an address: its view's name (with the argument that makes it a page of its own) and the
    names of its query parameters, e.g. "projects:list?seite" or "portal:page[impressum]"."""
    match = resolve(unquote(path))
    name = match.view_name
    if name in DISTINCT_BY_ARGUMENT:
        name += f"[{match.kwargs[DISTINCT_BY_ARGUMENT[name]]}]"
    parameters = sorted({key for key, _value in parse_qsl(query, keep_blank_values=True)})
    return name + ("?" + "&".join(parameters) if parameters else "")


@dataclass
class Crawl:
    page: Page
    host: str
    queue: deque = field(default_factory=deque)
    seen: set = field(default_factory=set)
    visits: Counter = field(default_factory=Counter)
    not_html: set = field(default_factory=set)
    visited: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    wanted: dict = field(default_factory=dict)

    def add(self, url: str, found_on: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or parts.netloc != self.host:
            return  # mailto:, tel:, other hosts
        address = parts.path + (f"?{parts.query}" if parts.query else "")
        if address in self.seen or address.startswith(SKIPPED_PREFIXES):
            return
        self.seen.add(address)
        try:
            pattern = pattern_of(parts.path, parts.query)
        except Resolver404:
            self.problems.append(f"{address} (linked from {found_on}): no page has this address")
            return
        self.queue.append((address, pattern, found_on))

    def run(self) -> None:
        while self.queue:
            address, pattern, found_on = self.queue.popleft()
            if pattern in self.not_html or (self.visits[pattern] >= PER_PATTERN and address not in self.wanted):
                continue
            self.visit(address, pattern, found_on)

    def visit(self, address: str, pattern: str, found_on: str) -> None:
        head = self.page.request.head(address)
        if head.status >= 400:
            self.problems.append(f"{address} (linked from {found_on}): HTTP {head.status}")
            return
        if not head.headers.get("content-type", "").startswith("text/html"):
            self.not_html.add(pattern)  # a file, a feed, a calendar: not a page
            return
        try:
            response = self.page.goto(address)
        except PlaywrightError as error:
            self.problems.append(f"{address} (linked from {found_on}): {error.message.splitlines()[0]}")
            return
        self.visits[pattern] += 1
        self.visited.append(address)
        if response.status >= 400:
            self.problems.append(f"{address} (linked from {found_on}): HTTP {response.status}")
        if urlsplit(self.page.url).path.startswith(SKIPPED_PREFIXES):
            return  # redirected into the editors' area
        self.problems.extend(f"{address}: axe {violation}" for violation in axe_violations(self.page))
        self.collect_browser_problems(address)
        links = self.page.eval_on_selector_all(
            "a[href], area[href]",
            "links => links.map(link => new URL(link.getAttribute('href'), document.baseURI).href)",
        )
        for link in links:
            self.add(link, found_on=address)

    def collect_browser_problems(self, where: str) -> None:
        """Console errors and requests to other hosts, gathered by the page fixture since the last call."""
        self.problems.extend(f"{where}: {problem}" for problem in self.page.problems)
        self.page.problems.clear()


def test_every_page_reached_from_the_home_page_is_accessible_and_talks_to_this_host_only(page, site, crawl_site):
    started = time.monotonic()
    crawl = Crawl(page=page, host=urlsplit(site.url).netloc, wanted=crawl_site)

    # The header search, as a visitor uses it: its suggestions are checked while they are open, its result
    # page is crawled like any other.
    page.goto("/")
    header_search = page.get_by_role("search", name="Portal durchsuchen", exact=True)
    field = header_search.get_by_role("combobox", name="Suchbegriff")
    field.press_sequentially("Heiden")
    expect(page.get_by_role("listbox", name="Vorschläge").get_by_role("option").first).to_have_text(
        re.compile("^Heiden")
    )
    field.press("ArrowDown")
    crawl.problems.extend(f"/ with the header suggestions open: axe {violation}" for violation in axe_violations(page))
    field.press("Escape")
    field.fill("Atemschutzwerkstatt Heiden")
    header_search.get_by_role("button", name="Suchen").click()
    page.wait_for_url(re.compile(r"/suche/\?q=Atemschutzwerkstatt\+Heiden$"))
    expect(page.get_by_role("link", name="Gemeinsame Atemschutzwerkstatt Borken und Heiden")).to_be_visible()
    crawl.collect_browser_problems("/ and the header search")

    crawl.add(f"{site.url}/", found_on="(start)")
    crawl.add(page.url, found_on="(header search)")
    crawl.run()

    reached = {pattern.split("?")[0] for pattern in crawl.visits}
    crawl.problems.extend(f"not reached by any link: {name}" for name in sorted(MUST_REACH - reached))
    crawl.problems.extend(
        f"not reached by any link: {what} ({address})"
        for address, what in crawl_site.items()
        if address not in crawl.visited
    )
    summary = (
        f"crawled {len(crawl.visited)} pages of {len(crawl.visits)} patterns "
        f"({len(crawl.seen)} addresses found, {len(crawl.not_html)} patterns of files and feeds skipped) "
        f"in {time.monotonic() - started:.0f} s"
    )
    print(summary)
    assert crawl.problems == [], summary + "\n" + "\n".join(crawl.problems)
