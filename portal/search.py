"""The site search (/suche/): one query over projects, documents, events, news, pages and Kommunen.

Each kind has a function that returns how many match and the best hits (`Found`), built on the app's own
QuerySet `search()`: German full-text search (stemmed, so "Feuerwehren" finds "Feuerwehr"), best first, with
`headline`, the passage where the words were found (shown with the template filter `passage`). Kommunen are
matched by name. The overview costs two queries per kind (count and hits; none for the hits when nothing
matched; one for the few editorial pages) and the prefetches of the cards. A page that lists one kind counts
every kind (`counts()`, for the filter links) and pages through that kind (`page_of()`).

`suggestions()` feeds the search field of the header: Kommunen and projects whose name or title has a word
starting with what was typed, cached briefly.
"""

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Count, Max

from events.models import Event
from portal.models import Municipality, NewsItem, Page
from projects.models import Document, Project

# Hits of each kind on the overview; all of them are a link away (?typ=…).
PREVIEW = 5
MUNICIPALITIES_PREVIEW = 10
PER_PAGE = 10
# More editorial pages than the portal will ever have.
MAX_PAGES = 100
PAGES_TIMEOUT = 600

SUGGESTIONS_PER_KIND = 5
SUGGESTIONS_MIN_CHARS = 2
SUGGESTIONS_MAX_CHARS = 100
SUGGESTIONS_TIMEOUT = 60


def database_query(query: str) -> str:
    """The query for PostgreSQL's websearch syntax: "oder" between words (a stopword anyway) means OR."""
    return re.sub(r"(?<=\S)\s+oder\s+(?=\S)", " or ", query, flags=re.IGNORECASE)


# --- What each kind finds --------------------------------------------------------------------------


def matching_projects(query: str):
    return Project.objects.published().search(database_query(query)).with_list_data()


def matching_documents(query: str):
    return Document.objects.published().search(database_query(query)).defer("text", "search_vector", "rank_vector")


def matching_events(query: str):
    return Event.objects.published().search(database_query(query)).with_dates()


def matching_news(query: str):
    return NewsItem.objects.published().search(database_query(query)).defer("body", "search_vector")


def matching_pages(query: str):
    return Page.objects.search(database_query(query)).defer("body")


def matching_municipalities(query: str):
    return (
        Municipality.objects.search(query)
        .select_related("kreis")
        .defer("shape", "kreis__shape")
        .closest_names_first(query)
    )


@dataclass(frozen=True)
class Kind:
    slug: str  # the value of ?typ=
    label: str  # the filter link
    singular: str  # "1 Projekt"
    plural: str  # "12 Projekte"
    matching: Callable[[str], models.QuerySet]
    template: str  # a hit, as `hit`
    preview: int = PREVIEW
    # The section's own search with its filters: URL name and link text.
    elsewhere: tuple[str, str] | None = None


KINDS = {
    kind.slug: kind
    for kind in [
        Kind(
            "projekte",
            "Projekte",
            "Projekt",
            "Projekte",
            matching_projects,
            "portal/includes/search_project.html",
            elsewhere=("projects:list", "In der Projektdatenbank mit Filtern weitersuchen"),
        ),
        Kind(
            "dokumente",
            "Dokumente",
            "Dokument",
            "Dokumente",
            matching_documents,
            "portal/includes/search_document.html",
            elsewhere=("projects:documents", "In der Dokumentbibliothek mit Filtern weitersuchen"),
        ),
        Kind(
            "veranstaltungen",
            "Veranstaltungen",
            "Veranstaltung",
            "Veranstaltungen",
            matching_events,
            "portal/includes/search_event.html",
        ),
        Kind("aktuelles", "Aktuelles", "Meldung", "Meldungen", matching_news, "portal/includes/search_news.html"),
        Kind("seiten", "Seiten", "Seite", "Seiten", matching_pages, "portal/includes/search_page.html"),
        Kind(
            "kommunen",
            "Kommunen",
            "Kommune",
            "Kommunen",
            matching_municipalities,
            "portal/includes/search_municipality.html",
            preview=MUNICIPALITIES_PREVIEW,
            elsewhere=("municipalities:list", "Im Kommunen-Verzeichnis weitersuchen"),
        ),
    ]
}


@dataclass
class Found:
    kind: Kind
    count: int
    hits: list


def _found(slug: str, query: str, limit: int | None) -> Found:
    # Counting apart is cheaper than COUNT(*) OVER () with the hits: the window keeps every matching row
    # (documents with their text) until it has counted them all, 20 ms for 4,000 documents in bench/search.py.
    kind = KINDS[slug]
    matching = kind.matching(query)
    count = matching.count()
    return Found(kind, count, list(matching[: kind.preview if limit is None else limit]) if count else [])


def projects(query: str, *, limit: int | None = None) -> Found:
    return _found("projekte", query, limit)


def documents(query: str, *, limit: int | None = None) -> Found:
    """Documents, their extracted text included."""
    return _found("dokumente", query, limit)


def events(query: str, *, limit: int | None = None) -> Found:
    """Events on the site (published or cancelled, past ones with their documentation too)."""
    return _found("veranstaltungen", query, limit)


def news(query: str, *, limit: int | None = None) -> Found:
    return _found("aktuelles", query, limit)


def pages(query: str, *, limit: int | None = None) -> Found:
    """Editorial pages. They have no stored search vector (a few dozen), so PostgreSQL analyses the text of
    every page for each search (5 ms for the seven standard pages). Their hits are read in one query and kept
    in the cache under the query and the pages' state (number and last change), which one small query reads:
    an edited, added or deleted page is found as it is at once."""
    kind = KINDS["seiten"]
    state = Page.objects.aggregate(number=Count("pk"), changed=Max("updated_at"))
    key = "portal:search-pages:" + hashlib.sha256(repr((query, state)).encode()).hexdigest()
    hits = cache.get(key)
    if hits is None:
        hits = list(kind.matching(query)[:MAX_PAGES])
        cache.set(key, hits, PAGES_TIMEOUT)
    return Found(kind, len(hits), hits[: kind.preview if limit is None else limit])


def municipalities(query: str, *, limit: int | None = None) -> Found:
    """Kommunen by name, however umlauts are typed; the closest names first."""
    return _found("kommunen", query, limit)


def overview(query: str) -> list[Found]:
    """Every kind with its count and best hits, in the order of KINDS."""
    return [function(query) for function in (projects, documents, events, news, pages, municipalities)]


def counts(query: str) -> dict[str, int]:
    """How many of each kind match (for the filter links of a page that lists one kind).

    One query per kind: a single UNION ALL statement was slower (14 against 22 ms in bench/search.py),
    because PostgreSQL plans it as a parallel append and starting the workers costs more than it saves.
    """
    return {
        slug: pages(query).count if slug == "seiten" else kind.matching(query).count() for slug, kind in KINDS.items()
    }


class SearchPaginator(Paginator):
    """Pages of hits, told their number (counted with the other kinds), so that it does not count again.

    PostgreSQL computes the passage (ts_headline, the costly part) of every row it reads up to the page,
    skipped ones included; beyond the first page the page's rows are therefore chosen first, by their ids,
    and then read with their passages: page 20 of 4,000 documents took ten times as long as page 1, now as long.
    """

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.count = count

    def page(self, number):
        number = self.validate_number(number)
        if number == 1:
            return super().page(number)
        bottom = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page])
        hits = {hit.pk: hit for hit in self.object_list.filter(pk__in=ids)}
        return self._get_page([hits[pk] for pk in ids if pk in hits], number, self)


def page_of(slug: str, query: str, number, *, count: int):
    """One page of the hits of a kind (`number` as it came in the URL; out of range gives the last page)."""
    return SearchPaginator(KINDS[slug].matching(query), PER_PAGE, count=count).get_page(number)


# --- Suggestions for the search field --------------------------------------------------------------


def suggestions(query: str) -> list[dict[str, str]]:
    """Up to SUGGESTIONS_PER_KIND Kommunen and projects for what was typed so far, as label, kind and URL."""
    query = " ".join(query.split())[:SUGGESTIONS_MAX_CHARS]
    if len(query) < SUGGESTIONS_MIN_CHARS:
        return []
    key = "portal:search-suggestions:" + hashlib.sha256(query.casefold().encode()).hexdigest()
    if (cached := cache.get(key)) is not None:
        return cached
    found = [
        {"label": m.display_name, "kind": "Kommune", "detail": m.get_kind_display(), "url": m.get_absolute_url()}
        for m in Municipality.objects.name_starts_with(query).only("name", "short_name", "kind", "slug")[
            :SUGGESTIONS_PER_KIND
        ]
    ]
    found += [
        {"label": p.title, "kind": "Projekt", "detail": "Projekt", "url": p.get_absolute_url()}
        for p in Project.objects.published().title_starts_with(query).only("title", "slug")[:SUGGESTIONS_PER_KIND]
    ]
    cache.set(key, found, SUGGESTIONS_TIMEOUT)
    return found
