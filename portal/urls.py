from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from portal import sitemaps, views
from portal.feeds import NewsFeed
from projects.urls import partner_patterns

admin.site.site_header = "Interkommunales.NRW – Redaktion"
admin.site.site_title = "Interkommunales.NRW Redaktion"
admin.site.index_title = "Inhalte pflegen"

portal_patterns = (
    [
        path("", views.home, name="home"),
        path("suche/", views.search, name="search"),
        path("statistik/", views.statistics_page, name="statistics"),
        path("suche/vorschlaege/", views.search_suggestions, name="search_suggestions"),
        path("<slug:slug>/danke/", views.form_sent, name="form_sent"),
        # Editorial pages (Impressum, Datenschutz, …) live at the top level; app URLs come first.
        path("<slug:slug>/", views.page, name="page"),
    ],
    "portal",
)

municipality_patterns = (
    [
        path("", views.municipality_list, name="list"),
        path("karte.svg", views.map_teaser, name="map_teaser"),
        path("<slug:slug>/", views.municipality_detail, name="detail"),
    ],
    "municipalities",
)

news_patterns = (
    [
        path("", views.news_list, name="list"),
        path("feed/", NewsFeed(), name="feed"),
        path("<slug:slug>/", views.news_detail, name="detail"),
    ],
    "news",
)

urlpatterns = [
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages without an icon link, e.g. in the admin.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("img/favicon.svg"), permanent=True)),
    path("robots.txt", sitemaps.robots_txt, name="robots"),
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap"),
    path("sitemap-<slug:section>.xml", sitemaps.sitemap_section, name="sitemap_section"),
    path("kommunen/", include(municipality_patterns)),
    path("", include("projects.urls")),
    path("partnersuche/", include(partner_patterns)),
    path("veranstaltungen/", include("events.urls")),
    path("newsletter/", include("newsletter.urls")),
    path("landespreis/", include("awards.urls")),
    path("aktuelles/", include(news_patterns)),
    path("", include(portal_patterns)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns = static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT) + urlpatterns

handler400 = "portal.views.bad_request"
handler403 = "portal.views.permission_denied"
handler404 = "portal.views.page_not_found"
handler500 = "portal.views.server_error"
