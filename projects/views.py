from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from portal.maps import participants_map
from portal.views import without_empty_parameters
from projects.exports import OPEN_DATA_LICENCE, projects_csv_response, projects_json_response
from projects.filters import DocumentFilter, ProjectFilter
from projects.models import Document, Participant, Project
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
