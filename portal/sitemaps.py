"""sitemap.xml: an index of one sitemap per kind of page, only what visitors may see.

Each section reads its rows in one query (slug and day of change only) and builds the addresses by
replacing the slug in one reversed URL, so thousands of documents or Kommunen cost no query and no
reverse() each. Addresses are absolute from PUBLIC_BASE_URL, never from the request's host.
django.contrib.sitemaps lends the Sitemap class (pagination); its views and templates are not used.
"""

from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import InvalidPage
from django.db.models.functions import TruncDate
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_safe

from awards.models import Round
from awards.views import SUBPAGES
from events.models import Event
from portal.models import Municipality, NewsItem, Page
from projects.models import Document, Project

# Lists and section start pages, by URL name; a name whose app is not installed is left out.
SECTION_URL_NAMES = [
    "portal:home",
    "projects:list",
    "projects:documents",
    "projects:court_decisions",
    "municipalities:list",
    "partners:list",
    "events:list",
    "events:archive",
    "news:list",
    "newsletter:subscribe",
    "newsletter:archive",
    "awards:current",
    "awards:archive",
    "portal:statistics",
]


class PortalSitemap(Sitemap):
    """Items with a path (location) and the day of their last change (lastmod, a date or None).

    10,000 to a file (the protocol allows 50,000) keeps each response near a megabyte.
    """

    limit = 10_000

    def lastmod(self, item):
        return None


class SlugSitemap(PortalSitemap):
    """Rows as (slug, day of the last change in Germany) pairs; the address is the URL pattern with the slug put in."""

    url_name = ""

    def rows(self):
        raise NotImplementedError

    def items(self):
        return self.rows().order_by("pk").values_list("slug", TruncDate("updated_at"))

    def location(self, item):
        if not hasattr(self, "_pattern"):
            self._pattern = reverse(self.url_name, kwargs={"slug": "SLUG"})
        return self._pattern.replace("SLUG", item[0])

    def lastmod(self, item):
        return item[1]


class SectionSitemap(PortalSitemap):
    def items(self):
        paths = []
        for name in SECTION_URL_NAMES:
            try:
                paths.append(reverse(name))
            except NoReverseMatch:
                continue
        return paths

    def location(self, item):
        return item


class PageSitemap(SlugSitemap):
    url_name = "portal:page"

    def rows(self):
        return Page.objects.all()


class ProjectSitemap(SlugSitemap):
    url_name = "projects:detail"

    def rows(self):
        return Project.objects.published()


class DocumentSitemap(SlugSitemap):
    url_name = "projects:document"

    def rows(self):
        return Document.objects.published()


class MunicipalitySitemap(SlugSitemap):
    url_name = "municipalities:detail"

    def rows(self):
        return Municipality.objects.all()


class EventSitemap(SlugSitemap):
    url_name = "events:detail"

    def rows(self):
        return Event.objects.published()


class NewsSitemap(SlugSitemap):
    url_name = "news:detail"

    def rows(self):
        return NewsItem.objects.published()


class AwardsSitemap(PortalSitemap):
    """Each published round of the Landespreis with its pages."""

    def items(self):
        return [
            (path, updated_at)
            for year, updated_at in Round.objects.published()
            .order_by("-year")
            .values_list("year", TruncDate("updated_at"))
            for path in [
                reverse("awards:round", kwargs={"year": year}),
                *(reverse("awards:page", kwargs={"year": year, "page": slug}) for slug, _, _ in SUBPAGES),
            ]
        ]

    def location(self, item):
        return item[0]

    def lastmod(self, item):
        return item[1]


SITEMAPS = {
    "seiten": SectionSitemap,
    "inhalte": PageSitemap,
    "projekte": ProjectSitemap,
    "dokumente": DocumentSitemap,
    "kommunen": MunicipalitySitemap,
    "veranstaltungen": EventSitemap,
    "aktuelles": NewsSitemap,
    "landespreis": AwardsSitemap,
}


@require_safe
def sitemap_index(request):
    """/sitemap.xml: the sections, each in as many files as it needs (PortalSitemap.limit addresses each)."""
    entries = []
    for section, sitemap_class in SITEMAPS.items():
        path = reverse("sitemap_section", kwargs={"section": section})
        pages = sitemap_class().paginator.num_pages
        entries += [f"{path}?p={number}" if number > 1 else path for number in range(1, pages + 1)]
    body = render_to_string(
        "portal/sitemap_index.xml", {"locations": [settings.PUBLIC_BASE_URL + entry for entry in entries]}
    )
    return HttpResponse(body, content_type="application/xml; charset=utf-8")


@require_safe
def sitemap_section(request, section):
    """One section's sitemap (?p=2 for its second file), written without a template: Django's sitemap view
    takes seconds for 30,000 documents, joining the lines takes milliseconds."""
    sitemap_class = SITEMAPS.get(section)
    if sitemap_class is None:
        raise Http404("Diese Sitemap gibt es nicht.")
    sitemap = sitemap_class()
    try:
        items = sitemap.paginator.page(request.GET.get("p", "1")).object_list
    except InvalidPage:
        raise Http404("Diese Seite der Sitemap gibt es nicht.") from None
    base = settings.PUBLIC_BASE_URL
    lines = []
    for item in items:
        lastmod = sitemap.lastmod(item)
        lastmod = f"<lastmod>{lastmod.isoformat()}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(base + sitemap.location(item))}</loc>{lastmod}</url>")
    head = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    return HttpResponse("\n".join([*head, *lines, "</urlset>", ""]), content_type="application/xml; charset=utf-8")


# Addresses that only a personal link or a login opens; sent with noindex too, but crawlers need not try.
ROBOTS_DISALLOW = [
    "/admin/",
    "/landespreis/jury/",
    "/landespreis/*/bewerbung/*/",
    "/veranstaltungen/anmeldung/",
    "/newsletter/bestaetigen/",
    "/newsletter/abmelden/",
    "/partnersuche/bestaetigen/",
    "/partnersuche/verwalten/",
    "/projekte/*/bestaetigen/",
    # A project submission's draft and its change link (the form's first page /projekte/melden/ stays open).
    "/projekte/melden/*/",
]


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {settings.PUBLIC_BASE_URL}{reverse('sitemap')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
