from functools import wraps

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_safe

from portal.maps import participants_map
from portal.models import Municipality
from portal.spam import rate_limited
from portal.views import without_empty_parameters
from projects import services
from projects.exports import OPEN_DATA_LICENCE, projects_csv_response, projects_json_response
from projects.filters import DocumentFilter, PartnerRequestFilter, ProjectFilter
from projects.forms import PartnerRequestExtendForm, PartnerRequestForm
from projects.models import Document, Participant, PartnerRequest, Project
from projects.services import count_download

PROJECTS_PER_PAGE = 20
DOCUMENTS_PER_PAGE = 25
COURT_DECISIONS_PER_PAGE = 50


class CountedPaginator(Paginator):
    """A paginator for a list that another query has already counted."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.count = count


def _query_string(request) -> str:
    """The current filters without the page number, for pagination and export links."""
    query = request.GET.copy()
    query.pop("seite", None)
    return query.urlencode()


@require_safe
def project_list(request):
    if response := without_empty_parameters(request):
        return response
    filterset = ProjectFilter(request.GET or None, queryset=Project.objects.published())
    facets = filterset.facets()
    paginator = CountedPaginator(filterset.qs.with_list_data(), PROJECTS_PER_PAGE, count=filterset.total)
    page_obj = paginator.get_page(request.GET.get("seite"))
    context = {
        "filter": filterset,
        "facets": facets,
        "page_obj": page_obj,
        "query_string": _query_string(request),
        "licence": OPEN_DATA_LICENCE,
    }
    return render(request, "projects/project_list.html", context)


@require_safe
def project_export(request, file_format):
    """The filtered list as open data (CSV for spreadsheets, JSON for programs), every page at once."""
    filterset = ProjectFilter(request.GET or None, queryset=Project.objects.published())
    if filterset.is_bound and not filterset.is_valid():
        return HttpResponseBadRequest(
            "Ein Filter ist ungültig; bitte wählen Sie die Filter auf /projekte/ neu.", content_type="text/plain"
        )
    projects = filterset.narrowed().by_title()
    if file_format == "csv":
        return projects_csv_response(projects, request)
    return projects_json_response(projects, request)


@require_safe
def project_detail(request, slug):
    project = get_object_or_404(Project.objects.visible_to(request.user), slug=slug)
    participants = list(
        Participant.objects.filter(project=project).select_related(
            "municipality", "municipality__kreis", "municipality__regierungsbezirk"
        )
    )
    context = {
        "project": project,
        "participants": participants,
        "lead": next((p for p in participants if p.is_lead), None),
        "topics": list(project.topics.all()),
        "tags": list(project.tags.all()),
        "images": list(project.images.all()),
        "documents": list(project.documents.published().defer("text", "search_vector").order_by("kind", "-date")),
        "similar": list(Project.objects.similar_to(project).prefetch_related("topics")),
        "map": participants_map(participants),
        "award_entries": list(project.award_entries.public_winners().for_badges()),
    }
    return render(request, "projects/project_detail.html", context)


@require_safe
def document_list(request):
    if response := without_empty_parameters(request):
        return response
    filterset = DocumentFilter(request.GET or None, queryset=Document.objects.published().with_list_data())
    page_obj = Paginator(filterset.qs, DOCUMENTS_PER_PAGE).get_page(request.GET.get("seite"))
    context = {
        "filter": filterset,
        "page_obj": page_obj,
        "query_string": _query_string(request),
        "court_decisions": Document.objects.published().court_decisions().count(),
    }
    return render(request, "projects/document_list.html", context)


@require_safe
def court_decisions(request):
    decisions = Document.objects.published().court_decisions().prefetch_related("tags").defer("text", "search_vector")
    page_obj = Paginator(decisions.order_by("-date", "court"), COURT_DECISIONS_PER_PAGE).get_page(
        request.GET.get("seite")
    )
    return render(request, "projects/court_decisions.html", {"page_obj": page_obj, "query_string": ""})


@require_safe
def document_detail(request, slug):
    document = get_object_or_404(Document.objects.visible_to(request.user).defer("text", "search_vector"), slug=slug)
    context = {
        "document": document,
        "topics": list(document.topics.all()),
        "tags": list(document.tags.all()),
        "projects": list(document.projects.published().only("title", "slug", "teaser")),
    }
    return render(request, "projects/document_detail.html", context)


@require_safe
def document_download(request, slug):
    document = get_object_or_404(Document.objects.visible_to(request.user).defer("text", "search_vector"), slug=slug)
    try:
        file = document.file.open("rb")
    except FileNotFoundError:
        raise Http404("Die Datei ist nicht mehr vorhanden.") from None
    if request.method == "GET":
        count_download(document=document)
    response = FileResponse(file, as_attachment=True, filename=document.file_name, content_type=document.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Partnersuche ---------------------------------------------------------------------------------

PARTNER_REQUESTS_PER_PAGE = 20
PARTNER_RATE_LIMIT_MESSAGE = (
    "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Partnersuchen. Bitte versuchen Sie es in einer Stunde "
    "noch einmal oder schreiben Sie uns eine E-Mail."
)


def personal(view):
    """For pages reached by a personal link: kept by no cache on the way and by no search engine."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapped


@require_safe
def partner_list(request):
    if response := without_empty_parameters(request):
        return response
    filterset = PartnerRequestFilter(request.GET or None, queryset=PartnerRequest.objects.open())
    partner_requests = filterset.qs.with_list_data().newest_first()
    page_obj = Paginator(partner_requests, PARTNER_REQUESTS_PER_PAGE).get_page(request.GET.get("seite"))
    context = {"filter": filterset, "page_obj": page_obj, "query_string": _query_string(request)}
    return render(request, "projects/partners/list.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def partner_new(request):
    initial = {}
    if slug := request.GET.get("kommune"):
        # "Partnersuche aufgeben" on a Kommune's page chooses that Kommune.
        initial["municipality"] = Municipality.objects.filter(slug=slug).values_list("pk", flat=True).first()
    form = PartnerRequestForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        if rate_limited(request, "partnersuche"):
            form.add_error(None, PARTNER_RATE_LIMIT_MESSAGE)
            status = 429
        else:
            try:
                form.create()
            except services.PartnerRequestError as error:
                form.add_error("expires_on", str(error))
            else:
                return redirect("partners:sent")
    return render(request, "projects/partners/form.html", {"form": form}, status=status)


@require_safe
def partner_sent(request):
    return render(request, "projects/partners/sent.html", {"days": services.PARTNER_CONFIRMATION_DAYS})


@require_safe
def partner_detail(request, pk):
    partner_request = (
        PartnerRequest.objects.visible_to(request.user)
        .select_related("municipality", "region")
        .defer("municipality__shape", "region__shape")
        .filter(pk=pk)
        .first()
    )
    if partner_request is None:
        return render(request, "projects/partners/not_found.html", status=404)
    context = {"partner_request": partner_request}
    if partner_request.state == PartnerRequest.State.CLOSED or (
        partner_request.state == PartnerRequest.State.PUBLISHED and partner_request.is_expired
    ):
        # Gone for good: the page says so (without the contact), instead of a bare 404.
        return render(request, "projects/partners/gone.html", context, status=410)
    context["topics"] = list(partner_request.topics.all())
    return render(request, "projects/partners/detail.html", context)


@personal
@require_http_methods(["GET", "HEAD", "POST"])
def partner_confirm(request, token):
    """The link in the mail shows a button; only the button confirms (mail scanners open links on their own)."""
    partner_request = services.partner_request_to_confirm(token)
    if partner_request is None:
        context = {"kind": "confirm", "days": services.PARTNER_CONFIRMATION_DAYS}
        return render(request, "projects/partners/link_invalid.html", context, status=404)
    if partner_request.state != PartnerRequest.State.UNCONFIRMED:
        return redirect(services.partner_manage_path(partner_request))
    if request.method == "POST":
        partner_request = services.confirm_partner_request(partner_request=partner_request)
        messages.success(request, "Vielen Dank: Ihre E-Mail-Adresse ist bestätigt. Wir prüfen Ihre Partnersuche.")
        return redirect(services.partner_manage_path(partner_request))
    return render(request, "projects/partners/confirm.html", {"partner_request": partner_request})


@personal
@require_http_methods(["GET", "HEAD", "POST"])
def partner_manage(request, token):
    """The sender's own page, linked from every mail: the state, and extending or ending the search."""
    partner_request = services.partner_request_to_manage(token)
    if partner_request is None:
        return render(request, "projects/partners/link_invalid.html", {"kind": "manage"}, status=404)
    published = partner_request.state == PartnerRequest.State.PUBLISHED
    form = PartnerRequestExtendForm(
        request.POST if request.POST.get("action") == "extend" else None, partner_request=partner_request
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "close":
            services.close_partner_request(partner_request=partner_request)
            messages.success(request, "Ihre Partnersuche ist beendet und nicht mehr auf der Website zu sehen.")
            return redirect(request.path)
        if action == "extend" and published and form.is_valid():
            try:
                partner_request = services.extend_partner_request(
                    partner_request=partner_request, expires_on=form.cleaned_data["expires_on"]
                )
            except services.PartnerRequestError as error:
                form.add_error("expires_on", str(error))
            else:
                day = formats.date_format(partner_request.expires_on, "j. F Y")
                messages.success(request, f"Verlängert: Ihre Partnersuche ist bis zum {day} zu sehen.")
                return redirect(request.path)
    context = {
        "partner_request": partner_request,
        "form": form if published else None,
        "topics": list(partner_request.topics.all()),
    }
    return render(request, "projects/partners/manage.html", context)


# --- Freshness: confirming a project's Steckbrief -------------------------------------------------


@personal
@require_http_methods(["GET", "HEAD", "POST"])
def project_confirm(request, slug, token):
    """The page behind the yearly mail: the Steckbrief at a glance, "Angaben sind aktuell", or "Änderungen melden"."""
    project = services.project_to_confirm(token)
    if project is None:
        return render(
            request, "projects/confirm/link_invalid.html", {"days": services.CONFIRMATION_LINK_DAYS}, status=404
        )
    if project.slug != slug:  # renamed since the mail went out
        return redirect("projects:confirm", slug=project.slug, token=token)
    if request.method == "POST":
        services.confirm_project(project=project)
        messages.success(request, "Vielen Dank! Wir haben vermerkt, dass die Angaben aktuell sind.")
        return redirect(request.path)
    participants = list(Participant.objects.filter(project=project).select_related("municipality"))
    context = {
        "project": project,
        "participants": participants,
        "topics": list(project.topics.all()),
        "report_change_url": services.report_change_path(project),
        "confirmed_today": bool(
            project.last_confirmed_at and timezone.localdate(project.last_confirmed_at) == timezone.localdate()
        ),
    }
    return render(request, "projects/confirm/confirm.html", context)
