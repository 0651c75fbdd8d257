from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseNotAllowed, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import urlencode
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from awards.models import Entry, Round
from awards.views import countdown
from events.models import Event
from portal import search as site_search
from portal import statistics
from portal.filters import MunicipalityFilter, NewsFilter
from portal.forms import AccessibilityFeedbackForm, ContactForm, SearchForm
from portal.maps import ATTRIBUTION, PROJECT_COUNT_CLASSES, directory_map, locator_map
from portal.models import Municipality, NewsItem, Page
from portal.services import submit_contact_message
from portal.spam import rate_limited
from projects.models import Document, Participant, PartnerRequest, Project

# Pages that carry a form below their text.
PAGE_FORMS = {"kontakt": ContactForm, "barrierefreiheit": AccessibilityFeedbackForm}

RATE_LIMIT_MESSAGE = (
    "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Nachrichten. Bitte versuchen Sie es in einer Stunde "
    "noch einmal oder schreiben Sie uns eine E-Mail."
)


# --- Home ----------------------------------------------------------------------------------------

# The key figures change with every project and document; a few minutes late is fine for the most visited
# page, so they are cached for this long and never invalidated (README, "Home, news, feeds").
HOME_FIGURES_KEY = "portal:home-figures"
HOME_FIGURES_TIMEOUT = 300
HOME_PROJECTS = 3
HOME_EVENTS = 3
HOME_NEWS = 3
# The map teaser is an image: cached by the server and by browsers for this long.
MAP_TEASER_KEY = "portal:map-teaser"
MAP_TEASER_TIMEOUT = 600
# The colours of portal.css for the classes of portal.maps.PROJECT_COUNT_CLASSES.
MAP_TEASER_FILLS = {
    "map-area--n0": "#f4f6fa",
    "map-area--n1": "#a9bce6",
    "map-area--n2": "#6f8dcf",
    "map-area--n3": "#1d3f8c",
}


def home_figures() -> dict:
    """Projects, participating Kommunen, the share of the Städte und Gemeinden in a cooperation, documents.

    Three queries, then from the cache for HOME_FIGURES_TIMEOUT seconds.
    """
    figures = cache.get(HOME_FIGURES_KEY)
    if figures is None:
        figures = {
            **Municipality.objects.cooperation_figures(),
            "projects": Project.objects.published().count(),
            "documents": Document.objects.published().count(),
        }
        gemeinden = figures["gemeinden"]
        figures["cooperating_percent"] = round(100 * figures["cooperating_gemeinden"] / gemeinden) if gemeinden else 0
        cache.set(HOME_FIGURES_KEY, figures, HOME_FIGURES_TIMEOUT)
    return figures


@require_safe
def home(request):
    now = timezone.now()
    current_round = Round.objects.only(
        "year", "title", "state", "is_published", "entries_open_at", "entries_close_at"
    ).current()
    open_round = current_round if current_round and current_round.accepts_entries(now) else None
    context = {
        "figures": home_figures(),
        # Newest first along the index on (is_published, -published_at): a few rows read, not all projects.
        "lighthouse_projects": list(
            Project.objects.published()
            .filter(is_lighthouse=True, published_at__isnull=False)
            .with_list_data()
            .order_by("-published_at", "-pk")[:HOME_PROJECTS]
        ),
        "events": list(
            Event.objects.published().upcoming(now).only("slug", "title", "kind", "status", "teaser")[:HOME_EVENTS]
        ),
        "news": list(NewsItem.objects.published().newest_first().defer("body", "search_vector")[:HOME_NEWS]),
        "open_round": open_round,
        "countdown": countdown(open_round, now) if open_round else None,
        "map_legend": [(f"map-area--n{i}", label) for i, (_, label) in enumerate(PROJECT_COUNT_CLASSES)],
        "map_attribution": ATTRIBUTION,
    }
    return render(request, "portal/home.html", context)


@require_safe
@cache_control(public=True, max_age=MAP_TEASER_TIMEOUT)
def map_teaser(request):
    """The small NRW map of the home page: each Stadt und Gemeinde coloured by its number of projects.

    An image, not inline SVG: the home page stays small and browsers keep the map. Colours are presentation
    attributes, because the strict Content-Security-Policy allows no <style> in the SVG either.
    """
    svg = cache.get(MAP_TEASER_KEY)
    if svg is None:
        nrw_map = directory_map(counts=Participant.objects.project_counts())
        shapes = {css_class: [] for css_class in MAP_TEASER_FILLS}
        for area in nrw_map.areas:
            shapes[area.css_class].append(area.shape)
        groups = [(fill, shapes[css_class]) for css_class, fill in MAP_TEASER_FILLS.items()]
        svg = render_to_string("portal/map_teaser.svg", {"map": nrw_map, "groups": groups})
        cache.set(MAP_TEASER_KEY, svg, MAP_TEASER_TIMEOUT)
    return HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")


def page(request, slug):
    page = get_object_or_404(Page, slug=slug)
    form_class = PAGE_FORMS.get(slug)
    if request.method not in ("GET", "HEAD") and not (form_class and request.method == "POST"):
        return HttpResponseNotAllowed(["GET", "POST"] if form_class else ["GET"])
    form = form_class(request.POST or None) if form_class else None
    status = 200
    if request.method == "POST" and form.is_valid():
        if rate_limited(request, slug):
            form.add_error(None, RATE_LIMIT_MESSAGE)
            status = 429
        else:
            submit_contact_message(kind=form.kind, **form.message_data())
            return redirect("portal:form_sent", slug=slug)
    return render(request, "portal/page.html", {"page": page, "form": form}, status=status)


def form_sent(request, slug):
    page = get_object_or_404(Page, slug=slug)
    if slug not in PAGE_FORMS:
        return redirect(page)
    return render(request, "portal/form_sent.html", {"page": page})


@require_safe
def search(request):
    """/suche/: everything that matches, grouped by kind (portal.search); ?typ= lists one kind, page by page."""
    if response := without_empty_parameters(request):
        return response
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    kind = form.cleaned_data["typ"] if query else ""
    context = {"form": form, "query": query}
    if kind:
        counts = site_search.counts(query)
        context |= {
            "kind": site_search.KINDS[kind],
            "page_obj": site_search.page_of(kind, query, request.GET.get("seite"), count=counts[kind]),
            "query_string": urlencode({"q": query, "typ": kind}),
        }
    elif query:
        context["groups"] = groups = site_search.overview(query)
        counts = {found.kind.slug: found.count for found in groups}
    if query:
        context |= {
            "total": sum(counts.values()),
            "filters": [(each, counts[slug]) for slug, each in site_search.KINDS.items()],
        }
    response = render(request, "portal/search.html", context)
    if query:
        # Result pages are for visitors, not for the indexes of search engines.
        response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
@cache_control(public=True, max_age=site_search.SUGGESTIONS_TIMEOUT)
def search_suggestions(request):
    """/suche/vorschlaege/?q=: Kommunen and projects for the search field of the header, as JSON."""
    query = request.GET.get("q", "")
    return JsonResponse({"suggestions": site_search.suggestions(query)})


# --- Kommunen ------------------------------------------------------------------------------------

MUNICIPALITIES_PER_PAGE = 50
# Projects of a Kommune shown on its page per role; all of them are a link away in the project list.
PROJECTS_SHOWN = 12


def without_empty_parameters(request):
    """A redirect to the same list without empty filter parameters, or None when there are none.

    A GET form sends every field; dropping the empty ones keeps shared and bookmarked URLs short.
    """
    query = QueryDict(mutable=True)
    for key, values in request.GET.lists():
        if kept := [value for value in values if value.strip()]:
            query.setlist(key, kept)
    if query == request.GET:
        return None
    return redirect(f"{request.path}?{query.urlencode()}" if query else request.path)


def municipality_list(request):
    if response := without_empty_parameters(request):
        return response
    municipalities = Municipality.objects.select_related("kreis", "regierungsbezirk").without_shapes().by_name()
    filterset = MunicipalityFilter(request.GET or None, queryset=municipalities)
    page_obj = Paginator(filterset.qs, MUNICIPALITIES_PER_PAGE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    context = {
        "filter": filterset,
        "page_obj": page_obj,
        "filtered": bool(filterset.is_bound and any(filterset.form.cleaned_data.values())),
        "query_string": query.urlencode(),
        "map": directory_map(counts=Participant.objects.project_counts()),
    }
    return render(request, "portal/municipality_list.html", context)


def municipality_detail(request, slug):
    if slug.isdigit():
        # /kommunen/<AGS>/; a kreisfreie Stadt is also found by its 8-digit key (05315000 for Köln).
        municipality = Municipality.objects.filter(ags=slug).first()
        if municipality is None and len(slug) == 8 and slug.endswith("000"):
            municipality = Municipality.objects.filter(ags=slug[:5], kind=Municipality.Kind.KREISFREIE_STADT).first()
        if municipality is None:
            return page_not_found(request)
        return redirect(municipality, permanent=True)
    municipality = get_object_or_404(
        Municipality.objects.select_related("kreis", "regierungsbezirk", "landschaftsverband"), slug=slug
    )
    projects = Project.objects.published().with_list_data().by_title()
    context = {
        "municipality": municipality,
        "members": list(Municipality.objects.members_of(municipality).defer("shape").by_name()),
        "map": locator_map(municipality),
        "project_counts": Participant.objects.project_counts_of(municipality),
        "lead_projects": list(projects.with_participant(municipality, role=Participant.Role.LEAD)[:PROJECTS_SHOWN]),
        "partner_projects": list(
            projects.with_participant(municipality, role=Participant.Role.PARTNER)[:PROJECTS_SHOWN]
        ),
        "partners": list(Participant.objects.partners_of(municipality)),
        # A Regierungsbezirk seeks no partners; its page links to the list filtered by it instead.
        "partner_requests": []
        if municipality.kind == Municipality.Kind.REGIERUNGSBEZIRK
        else list(
            PartnerRequest.objects.open()
            .filter(municipality=municipality)
            .select_related("region")
            .defer("region__shape")
        ),
        # Regierungsbezirke take part in no entry.
        "award_entries": []
        if municipality.kind == Municipality.Kind.REGIERUNGSBEZIRK
        else list(Entry.objects.public_winners().involving(municipality).for_badges()),
    }
    return render(request, "portal/municipality_detail.html", context)


# --- News ---------------------------------------------------------------------------------------

NEWS_PER_PAGE = 12


@require_safe
def news_list(request):
    """/aktuelles/: the Kurzmeldungen, newest first, by Themenfeld."""
    if response := without_empty_parameters(request):
        return response
    filterset = NewsFilter(request.GET or None, queryset=NewsItem.objects.published().newest_first())
    page_obj = Paginator(filterset.qs.with_list_data(), NEWS_PER_PAGE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    context = {"filter": filterset, "page_obj": page_obj, "query_string": query.urlencode()}
    return render(request, "portal/news/news_list.html", context)


@require_safe
def news_detail(request, slug):
    """A Kurzmeldung; editors also see drafts and those dated later (their preview)."""
    item = get_object_or_404(NewsItem.objects.visible_to(request.user).defer("search_vector"), slug=slug)
    published = NewsItem.objects.published().only("slug", "title", "published_on")
    context = {
        "item": item,
        "topics": list(item.topics.all()),
        # Neighbours in the public list; a preview of a draft shows where it will stand.
        "older": published.older_than(item).first(),
        "newer": published.newer_than(item).first(),
    }
    return render(request, "portal/news/news_detail.html", context)


# --- Error pages (rendered with the site's design) ------------------------------------------------


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)


# --- Statistics -----------------------------------------------------------------------------------


@require_safe
def statistics_page(request):
    figures = statistics.figures()
    context = {
        "figures": figures,
        "charts": statistics.page_charts(figures),
        "cache_minutes": max(1, settings.STATISTICS_CACHE_SECONDS // 60),
    }
    return render(request, "portal/statistics.html", context)
