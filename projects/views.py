from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_safe

from portal.decorators import personal
from portal.maps import participants_map
from portal.models import Municipality
from portal.spam import rate_limited
from portal.views import without_empty_parameters
from projects import services
from projects.exports import OPEN_DATA_LICENCE, projects_csv_response, projects_json_response
from projects.filters import DocumentFilter, PartnerRequestFilter, ProjectFilter
from projects.forms import (
    FILES_STEP,
    LAST_STEP,
    SEARCH_RESULTS,
    STEP_FORMS,
    STEPS,
    FilesForm,
    PartnerRequestExtendForm,
    PartnerRequestForm,
    ReportChangeForm,
    SenderForm,
    SendForm,
    file_to_remove,
    missing_by_step,
    municipality_detail_label,
    municipality_details,
    search_text,
)
from projects.models import Document, Participant, PartnerRequest, Project, Submission
from projects.services import count_download
from projects.upload_handlers import SizeLimitHandler

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
    extendable = partner_request.state in (PartnerRequest.State.PENDING, PartnerRequest.State.PUBLISHED)
    form = PartnerRequestExtendForm(
        request.POST if request.POST.get("action") == "extend" else None, partner_request=partner_request
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "close":
            try:
                partner_request = services.close_partner_request(partner_request=partner_request)
            except services.PartnerRequestError as error:
                messages.error(request, str(error))
            else:
                if partner_request.published_at:
                    messages.success(request, "Ihre Partnersuche ist beendet und nicht mehr auf der Website zu sehen.")
                else:
                    messages.success(
                        request, "Sie haben Ihre Partnersuche zurückgezogen; sie wird nicht veröffentlicht."
                    )
            return redirect(request.path)
        if action == "extend" and not extendable:
            messages.error(
                request, "Verlängern lässt sich nur eine Partnersuche, die veröffentlicht ist oder zur Prüfung steht."
            )
            return redirect(request.path)
        if action == "extend" and form.is_valid():
            try:
                partner_request = services.extend_partner_request(
                    partner_request=partner_request, expires_on=form.cleaned_data["expires_on"]
                )
            except services.PartnerRequestError as error:
                form.add_error("expires_on", str(error))
            else:
                day = formats.date_format(partner_request.expires_on, "j. F Y")
                if partner_request.state == PartnerRequest.State.PUBLISHED:
                    messages.success(request, f"Verlängert: Ihre Partnersuche ist bis zum {day} zu sehen.")
                else:
                    messages.success(request, f"Geändert: Sie suchen jetzt bis zum {day} Partner.")
                return redirect(request.path)
    context = {
        "partner_request": partner_request,
        "form": form if extendable else None,
        "topics": list(partner_request.topics.all()),
    }
    return render(request, "projects/partners/manage.html", context)


# --- Freshness: confirming a project's Steckbrief -------------------------------------------------


@personal
@require_http_methods(["GET", "HEAD", "POST"])
def project_confirm(request, slug, token):
    """The page behind the yearly mail: the Steckbrief at a glance, "Angaben sind aktuell", or "Änderungen melden",
    which opens the change form at once, filled in (the link came to the contact's own address)."""
    project = services.project_to_confirm(token)
    if project is None:
        return _confirmation_link_invalid(request)
    if project.slug != slug:  # renamed since the mail went out
        return redirect("projects:confirm", slug=project.slug, token=token)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "change":
                submission = services.start_change_from_confirmation(project=project)
                response = redirect(services.draft_path(submission, 1))
                _remember(request, response, submission)
                return response
            services.confirm_project(project=project)
        except services.ProjectConfirmationError:  # used in another tab meanwhile
            return _confirmation_link_invalid(request)
        messages.success(request, "Vielen Dank! Wir haben vermerkt, dass die Angaben aktuell sind.")
        return redirect(project.get_absolute_url())
    participants = list(Participant.objects.filter(project=project).select_related("municipality"))
    context = {"project": project, "participants": participants, "topics": list(project.topics.all())}
    return render(request, "projects/confirm/confirm.html", context)


def _confirmation_link_invalid(request):
    context = {"days": services.CONFIRMATION_LINK_DAYS}
    return render(request, "projects/confirm/link_invalid.html", context, status=404)


# --- Submissions: /projekte/melden/ and "Änderung melden" ----------------------------------------------------

SUBMISSION_COOKIE = "projektmeldung"
SUBMISSION_COOKIE_SALT = "projects.submission.cookie"
SUBMISSION_RATE_LIMIT_MESSAGE = (
    "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Meldungen. Bitte versuchen Sie es in einer Stunde noch "
    "einmal oder schreiben Sie uns eine E-Mail."
)
UPLOAD_RATE_LIMIT_MESSAGE = (
    "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele Dateien. Bitte versuchen Sie es in einer Stunde noch einmal."
)


def _link_invalid(request, kind: str):
    return render(request, "projects/submission/link_invalid.html", {"kind": kind}, status=404)


def _remember(request, response, submission: Submission) -> None:
    """The draft's address in a cookie of this browser, so that /projekte/melden/ offers to go on with it."""
    response.set_signed_cookie(
        SUBMISSION_COOKIE,
        services.draft_path(submission),
        salt=SUBMISSION_COOKIE_SALT,
        max_age=services.DRAFT_RETENTION_DAYS * 86400,
        path="/projekte/melden/",
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def _remembered(request) -> Submission | None:
    """The submission this browser's cookie leads to, whatever its state."""
    path = request.get_signed_cookie(SUBMISSION_COOKIE, default="", salt=SUBMISSION_COOKIE_SALT)
    token = path.rstrip("/").rsplit("/", 1)[-1] if path else ""
    return services.submission_from_draft_token(token) if token else None


def _remembered_draft(request) -> Submission | None:
    submission = _remembered(request)
    return submission if submission and submission.is_editable else None


def _step_context(submission: Submission | None, step: int, **extra) -> dict:
    reached = submission.step if submission else 1
    steps = [
        {
            "number": number,
            "label": label,
            "url": services.draft_path(submission, number) if submission and number <= reached else "",
        }
        for number, label in STEPS.items()
    ]
    return {"submission": submission, "step": step, "step_label": STEPS[step], "steps": steps, **extra}


@personal
@require_http_methods(["GET", "HEAD", "POST"])
def submission_start(request):
    """Step 1 of a new submission; a draft begun in this browser is offered to go on with."""
    form = SenderForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if rate_limited(request, "submissions", limit=settings.SUBMISSION_RATE_LIMIT):
            form.add_error(None, SUBMISSION_RATE_LIMIT_MESSAGE)
            status = 429
        else:
            submission = services.start_submission(values=form.values())
            response = redirect(services.draft_path(submission, 2))
            _remember(request, response, submission)
            return response
    draft = _remembered_draft(request) if request.method != "POST" else None
    draft_url = services.draft_path(draft) if draft else ""
    context = _step_context(None, 1, form=form, draft=draft, draft_url=draft_url)
    return render(request, "projects/submission/step_1.html", context, status=status)


@personal
@csrf_exempt  # the upload handlers must be in place before the body is read; CSRF is checked right after
@require_http_methods(["GET", "HEAD", "POST"])
def submission_step(request, token, step):
    submission = services.submission_from_draft_token(token)
    if submission is None:
        return _link_invalid(request, "draft")
    if not submission.is_editable:
        return redirect(services.draft_path(submission))
    if not 1 <= step <= min(submission.step, LAST_STEP):
        return redirect(services.draft_path(submission, min(submission.step, LAST_STEP)))
    if step == FILES_STEP and request.method == "POST":
        limits = {"document": settings.DOCUMENT_MAX_BYTES, "image": settings.IMAGE_MAX_BYTES}
        request.upload_handlers.insert(0, SizeLimitHandler(request, limits=limits))
    return _submission_step(request, submission, step)


@csrf_protect
def _submission_step(request, submission: Submission, step: int):
    if step == FILES_STEP:
        return _files_step(request, submission)
    if step == LAST_STEP:
        return _review_step(request, submission)
    return _form_step(request, submission, step)


def _form_step(request, submission: Submission, step: int):
    """Steps 1–4: the form stores what the button allows (SubmissionStepForm.save)."""
    form = STEP_FORMS[step](request.POST or None, submission=submission)
    if request.method == "POST":
        action = request.POST.get("aktion", "weiter")
        try:
            target = form.save(action=action)
        except services.SubmissionNotEditableError as error:  # sent meanwhile, in another tab
            messages.error(request, str(error))
            return redirect(services.draft_path(submission))
        if target is not None:
            return redirect(services.draft_path(submission, target) + form.redirect_suffix(action))
    context = _step_context(submission, step, form=form)
    if step == 3:
        query = form.query if request.method == "POST" else search_text(request.GET.get("suche"))
        context.update(form.search(query))
    return render(request, f"projects/submission/step_{step}.html", context)


def _files_step(request, submission: Submission):
    """Step 5: a document and/or a picture per upload (FilesForm.save), listed with a button to remove each."""
    existing = list(submission.files.all())
    refused = getattr(request, "refused_uploads", {})
    form = FilesForm(
        request.POST or None, request.FILES or None, submission=submission, existing=existing, refused=refused
    )
    status = 200
    if request.method == "POST":
        action = request.POST.get("aktion", "hochladen")
        try:
            if (file_id := file_to_remove(action)) is not None:
                if removed := services.remove_submission_file(submission=submission, pk=file_id):
                    messages.success(request, f"„{removed}“ ist entfernt.")
                return redirect(services.draft_path(submission, FILES_STEP))
            if form.has_upload() and rate_limited(
                request, "submission-uploads", limit=settings.SUBMISSION_UPLOAD_RATE_LIMIT
            ):
                form.add_error(None, UPLOAD_RATE_LIMIT_MESSAGE)
                status = 429
            else:
                target = form.save(action=action)
                for stored in form.stored:
                    messages.success(request, f"„{stored}“ ist hochgeladen.")
                if target is not None:
                    return redirect(services.draft_path(submission, target))
        except services.SubmissionNotEditableError as error:  # sent meanwhile, in another tab
            messages.error(request, str(error))
            return redirect(services.draft_path(submission))
    context = _step_context(
        submission,
        FILES_STEP,
        form=form,
        documents=[f for f in existing if not f.is_image],
        images=[f for f in existing if f.is_image],
        max_documents=settings.SUBMISSION_MAX_DOCUMENTS,
        max_images=settings.SUBMISSION_MAX_IMAGES,
        max_bytes=settings.SUBMISSION_MAX_BYTES,
        used_bytes=sum(f.size for f in existing),
    )
    return render(request, "projects/submission/step_5.html", context, status=status)


def _review_step(request, submission: Submission):
    """Step 6: everything at a glance, with links to change it; sending needs every step complete."""
    missing = missing_by_step(submission)
    form = SendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if missing:
            form.add_error(None, "Es fehlen noch Angaben; bitte ergänzen Sie sie über die Links unten.")
        else:
            # Sent already (a second click, another tab): the page of the sent submission all the same.
            submission = services.submit_submission(submission=submission)
            return redirect(services.draft_path(submission))
    context = _step_context(
        submission,
        LAST_STEP,
        form=form,
        missing=missing,
        topics=list(submission.topics.all()),
        partners=list(municipality_details().filter(pk__in=submission.municipalities.values("pk"))),
        files=list(submission.files.all()),
        changes=[row for row in services.compare_submission(submission, for_submitter=True) if row.proposed_change]
        if submission.is_change
        else [],
    )
    return render(request, "projects/submission/step_6.html", context)


@personal
@require_http_methods(["GET", "HEAD", "POST"])
def submission_status(request, token):
    """Where a submission stands; a draft goes on at its step. Unconfirmed: the link can be sent again."""
    submission = services.submission_from_draft_token(token)
    if submission is None:
        return _link_invalid(request, "draft")
    if submission.is_editable:
        return redirect(services.draft_path(submission, min(submission.step, LAST_STEP)))
    if request.method == "POST":
        if rate_limited(request, "submission-resend", limit=settings.SUBMISSION_RATE_LIMIT):
            messages.error(request, SUBMISSION_RATE_LIMIT_MESSAGE)
        elif services.resend_confirmation(submission=submission):
            messages.success(request, f"Wir haben den Link noch einmal an {submission.submitter_email} geschickt.")
        return redirect(request.path)
    context = {"submission": submission, "days": services.CONFIRMATION_DAYS}
    return render(request, "projects/submission/status.html", context)


@personal
@require_http_methods(["GET", "HEAD", "POST"])
def submission_confirm(request, token):
    """The link in the mail shows a button; only the button confirms (mail scanners open links on their own)."""
    submission = services.submission_to_confirm(token)
    if submission is None:
        return _link_invalid(request, "confirm")
    if submission.state != Submission.State.UNCONFIRMED:
        return redirect(services.draft_path(submission))
    if request.method == "POST":
        submission = services.confirm_submission(submission=submission)
        messages.success(request, "Vielen Dank, Ihre E-Mail-Adresse ist bestätigt.")
        return redirect(services.draft_path(submission))
    return render(request, "projects/submission/confirm.html", {"submission": submission})


@personal
@require_http_methods(["GET", "HEAD", "POST"])
def submission_change_link(request, token):
    """The single-use link of "Änderung melden": a button opens the form with the project's values (once)."""
    submission = services.submission_from_change_link(token)
    if submission is None:
        return _link_invalid(request, "change")
    error = ""
    if submission.link_used_at is not None:
        remembered = _remembered(request)
        if remembered is not None and remembered.pk == submission.pk:
            # Opened again in the browser that used it: back to the change (or where it stands).
            return redirect(services.draft_path(submission))
        error = "Dieser Link wurde schon benutzt."
    elif request.method == "POST":
        try:
            submission = services.open_change_link(submission=submission)
        except services.SubmissionError as exc:
            error = str(exc)
        else:
            response = redirect(services.draft_path(submission, 1))
            _remember(request, response, submission)
            return response
    context = {"submission": submission, "project": submission.project, "error": error}
    return render(request, "projects/submission/change_link.html", context, status=410 if error else 200)


@require_http_methods(["GET", "HEAD", "POST"])
def report_change(request, slug):
    """ "Änderung melden": a link to the form, filled in with the project, is mailed to the given address."""
    project = get_object_or_404(Project.objects.published().only("title", "slug"), slug=slug)
    form = ReportChangeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if rate_limited(request, "submissions", limit=settings.SUBMISSION_RATE_LIMIT):
            form.add_error(None, SUBMISSION_RATE_LIMIT_MESSAGE)
            status = 429
        else:
            services.request_change_link(project=project, email=form.cleaned_data["email"])
            return redirect("projects:report_change_sent", slug=project.slug)
    context = {"project": project, "form": form, "days": services.CHANGE_LINK_DAYS}
    return render(request, "projects/submission/report_change.html", context, status=status)


@require_safe
def report_change_sent(request, slug):
    project = get_object_or_404(Project.objects.published().only("title", "slug"), slug=slug)
    context = {"project": project, "days": services.CHANGE_LINK_DAYS}
    return render(request, "projects/submission/report_change_sent.html", context)


@require_safe
def municipality_search(request):
    """Kommunen matching the typed name, for the search of step 3 (JSON; the step works without it)."""
    query = search_text(request.GET.get("q"))
    found = list(municipality_details().search(query)[:SEARCH_RESULTS]) if len(query) >= 2 else []
    results = [{"id": m.pk, "name": m.display_name, "detail": municipality_detail_label(m)} for m in found]
    return JsonResponse({"query": query, "results": results})
