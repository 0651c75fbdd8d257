"""sitemap.xml: an index of one sitemap per kind of page, only what visitors may see.

Each section reads its rows in one query (slug and date of change only) and builds the addresses by
replacing the slug in one reversed URL, so thousands of documents or Kommunen cost no query and no
reverse() each. Addresses are absolute from PUBLIC_BASE_URL, never from the request's host.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap
from django.http import HttpResponse
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
    "stats:index",
]


class PortalSitemap(Sitemap):
    """Absolute addresses from PUBLIC_BASE_URL."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.PUBLIC_BASE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.PUBLIC_BASE_URL).netloc


class SlugSitemap(PortalSitemap):
    """Rows as (slug, last change) pairs; the address is the URL pattern with the slug put in."""

    url_name = ""

    def rows(self):
        raise NotImplementedError

    def items(self):
        return self.rows().order_by("pk").values_list("slug", "updated_at")

    def location(self, item):
        if not hasattr(self, "_pattern"):
            self._pattern = reverse(self.url_name, kwargs={"slug": "SLUG"})
        return self._pattern.replace("SLUG", item[0])

    def lastmod(self, item):
        return item[1]


class SectionSitemap(PortalSitemap):
    changefreq = "daily"

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
            for year, updated_at in Round.objects.published().order_by("-year").values_list("year", "updated_at")
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
    """/sitemap.xml: the sections, each with as many pages as it needs (50,000 addresses per page)."""
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
    return sitemap(request, SITEMAPS, section=section)


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
]


@require_safe
def robots_txt(request):
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {path}" for path in ROBOTS_DISALLOW), ""]
    lines.append(f"Sitemap: {settings.PUBLIC_BASE_URL}{reverse('sitemap')}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
