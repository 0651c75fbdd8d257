from datetime import datetime
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_http_methods, require_safe

from awards import services
from awards.eligibility import deadline_problem, submission_problems, when
from awards.forms import (
    EntryForm,
    LinkRequestForm,
    MunicipalitySearchForm,
    ProjectSearchForm,
    ProjectStartForm,
    contact_hint,
    initial_from_project,
)
from awards.models import Entry, EntryAttachment, Round
from portal.decorators import personal
from portal.spam import rate_limited
from projects.models import Project

RATE_LIMIT_MESSAGE = (
    "Von Ihrem Anschluss kamen in kurzer Zeit sehr viele neue Bewerbungen. Bitte versuchen Sie es in einer Stunde "
    "noch einmal oder schreiben Sie uns eine E-Mail."
)
# New entries per client address and hour (several people of one administration share a gateway).
NEW_ENTRY_RATE_LIMIT = (20, 3600)
PROJECT_SEARCH_RESULTS = 10

# The sub-pages of a round: address, name in the navigation, template.
SUBPAGES = [
    ("bewerbung", "Bewerbung", "awards/application.html"),
    ("teilnahmebedingungen", "Teilnahmebedingungen", "awards/conditions.html"),
    ("preise", "Preise", "awards/prizes.html"),
    ("faq", "Häufige Fragen", "awards/faq.html"),
]


def _not_found(request):
    return render(request, "awards/not_found.html", status=404)


def _round(request, year: int, rounds=None) -> Round | None:
    rounds = Round.objects.all() if rounds is None else rounds
    return rounds.visible_to(request.user).select_related("ceremony").filter(year=year).first()


def countdown(round_: Round, now: datetime) -> dict:
    """The entry window as the page says it: "noch 12 Tage" (the server's count; a script may refine it)."""
    close = timezone.localtime(round_.entries_close_at)
    window = {"opens": when(round_.entries_open_at), "closes": when(round_.entries_close_at)}
    phase = round_.phase(now)
    if phase == Round.State.ANNOUNCED:
        return {"state": "not_yet", **window}
    if phase == Round.State.OPEN:
        days = (close.date() - timezone.localtime(now).date()).days
        if days == 0:
            remaining = f"Heute ist Bewerbungsschluss, um {close:%H:%M} Uhr"
        else:
            remaining = f"noch {days} Tag{'e' if days != 1 else ''}"
        return {"state": "open", "remaining": remaining, "days": days, **window}
    return {"state": "closed", "ended_early": not round_.deadline_passed(now), **window}


def _round_context(request, round_: Round, current_page: str) -> dict:
    now = timezone.now()
    return {
        "round": round_,
        "now": now,
        "phase": round_.phase(now),
        "countdown": countdown(round_, now),
        "accepts_entries": round_.accepts_entries(now),
        "subpages": [(slug, label) for slug, label, _ in SUBPAGES],
        "current_page": current_page,
        "is_current": Round.objects.current() == round_ if round_.is_published else False,
    }


@require_safe
def current(request):
    """/landespreis/: the latest published round, its start page."""
    round_ = Round.objects.current()
    if round_ is None:
        return render(request, "awards/no_round.html", {"archive": list(Round.objects.published())})
    return _start_page(request, round_)


@require_safe
def round_detail(request, year):
    round_ = _round(request, year)
    if round_ is None:
        return _not_found(request)
    return _start_page(request, round_)


def _start_page(request, round_: Round):
    context = _round_context(request, round_, "start")
    context["categories"] = list(round_.categories.all())
    context["has_winners"] = Entry.objects.public_winners().filter(round=round_).exists()
    return render(request, "awards/round.html", context)


@require_safe
def round_page(request, year, page):
    round_ = _round(request, year)
    template = next((template for slug, _, template in SUBPAGES if slug == page), None)
    if round_ is None or template is None:
        return _not_found(request)
    context = _round_context(request, round_, page)
    if page == "preise":
        context["categories"] = list(round_.categories.all())
    if page == "teilnahmebedingungen":
        context["excluded_kinds"] = [Entry.OrganisationKind(kind).label for kind in round_.excluded_organisation_kinds]
    if page == "bewerbung":
        form = ProjectSearchForm(request.GET or None)
        query = form.cleaned_data["suche"].strip() if form.is_valid() else ""
        found = Project.objects.published().search(query) if query else Project.objects.none()
        context.update(
            search_form=form,
            query=query,
            found_projects=list(found.with_list_data()[:PROJECT_SEARCH_RESULTS]) if query else [],
        )
    return render(request, template, context)


@require_safe
def winners(request, year):
    round_ = _round(request, year, Round.objects.with_winners())
    if round_ is None:
        return _not_found(request)
    context = _round_context(request, round_, "preistraeger")
    context["categories"] = [category for category in round_.categories.all() if category.winners]
    return render(request, "awards/winners.html", context)


@require_safe
def archive(request):
    rounds = list(Round.objects.archived().with_winners())
    return render(request, "awards/archive.html", {"rounds": rounds, "current": Round.objects.current()})


# --- Entries ----------------------------------------------------------------------------------------------


@personal
@require_http_methods(["GET", "HEAD", "POST"])
def entry_new(request, year):
    """A new entry, empty or from a project of the database (?projekt=<slug>)."""
    round_ = _round(request, year)
    if round_ is None:
        return _not_found(request)
    project = ProjectStartForm(request.GET).project()
    if project is None:
        return _entry_form(request, round_, entry=None)
    return _entry_form(
        request, round_, entry=None, initial=initial_from_project(project), contact_hint=contact_hint(project)
    )


@personal
@require_http_methods(["GET", "HEAD", "POST"])
def entry(request, year, token):
    """The applicant's own page, reached by the link in the mail: the draft to complete, or what was submitted."""
    entry = services.entry_from_token(token, year=year)
    if entry is None:
        return render(request, "awards/link_invalid.html", {"year": year}, status=404)
    if not entry.is_draft:
        return _entry_summary(request, entry, token)
    return _entry_form(request, entry.round, entry=entry, token=token)


def _entry_summary(request, entry: Entry, token: str, status: int = 200):
    context = {
        "round": entry.round,
        "entry": entry,
        "token": token,
        "partners": list(entry.partners.order_by("short_name")),
        "attachments": list(entry.attachments.all()),
        "problem": deadline_problem(entry.round, timezone.now()) if entry.is_draft else None,
        "link_days": services.link_max_age_days(),
        "awards_email": settings.AWARDS_EMAIL,
    }
    return render(request, "awards/entry_summary.html", context, status=status)


# After a refused "Bewerbung einreichen" the entry's page is shown with this parameter: the form then says
# again, at each field, what keeps the draft from being submitted (worked out afresh, so a reload is safe).
CHECK_PARAMETER = "pruefung"


def _entry_form(
    request,
    round_: Round,
    *,
    entry: Entry | None,
    token: str = "",
    initial: dict | None = None,
    contact_hint: str = "",
):
    now = timezone.now()
    if request.method != "POST" and (problem := deadline_problem(round_, now)):
        if entry is not None:
            return _entry_summary(request, entry, token)
        return render(request, "awards/entries_closed.html", {"round": round_, "problem": problem})
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        round_=round_,
        instance=entry,
        initial=initial,
        contact_hint=contact_hint,
    )
    status = 200
    refused_submission = False
    if request.method == "POST" and form.is_valid():
        if entry is None and rate_limited(request, "awards-entry", limit=NEW_ENTRY_RATE_LIMIT):
            form.add_error(None, RATE_LIMIT_MESSAGE)
            status = 429
        else:
            try:
                return _save(request, round_, form, entry=entry, token=token)
            except services.StaleEntryError as stale:
                form.add_problems(stale.problems)
                form.set_version(stale.updated_at)
            except services.EntryRefusedError as refused:
                form.add_problems(refused.problems)
    elif request.method != "POST" and entry is not None and request.GET.get(CHECK_PARAMETER):
        problems = submission_problems(entry, now)
        form.add_problems(problems)
        refused_submission = bool(problems)
    source = request.POST.get("municipality_query", "") if request.method == "POST" else request.GET.get("kommune", "")
    query = MunicipalitySearchForm({"q": source}).query()
    results, more_results = form.municipality_results(query)
    action = services.entry_path(entry, token) if entry else request.get_full_path()
    context = {
        "round": round_,
        "entry": entry,
        "form": form,
        "action": action,
        "picker_action": f"{action}#kommunen",
        "attachments": list(entry.attachments.all()) if entry else [],
        "token": token,
        "saved_but_refused": refused_submission,
        "files_lost": form.is_bound and form.files_were_chosen and bool(form.errors),
        "closes": when(round_.entries_close_at),
        "chosen_partners": form.chosen_partners(),
        "query": query,
        "results": results,
        "more_results": more_results,
    }
    return render(request, "awards/entry_form.html", context, status=status)


def _save(request, round_: Round, form: EntryForm, *, entry: Entry | None, token: str):
    """Save the valid form as a draft, or save and submit it; redirect to the entry's page (post/redirect/get)."""
    arguments = {
        "round_": round_,
        "entry": entry,
        "values": form.entry_values(),
        "partners": form.cleaned_data["partners"],
        "uploads": form.cleaned_data["attachments"],
        "remove_attachments": form.cleaned_data.get("remove_attachments") or [],
        "version": form.cleaned_data.get("version"),
    }
    action = request.POST.get("action")
    if action != "submit":
        saved = services.save_draft(**arguments)
        text = "Ihr Entwurf ist gespeichert."
        if entry is None:
            text += " " + _link_mailed(saved)
        messages.success(request, text)
        url = services.entry_path(saved, token)
        # "Kommune suchen" without JavaScript: saved first, then the entry's page shows what the search found.
        query = MunicipalitySearchForm({"q": form.cleaned_data["municipality_query"]}).query()
        if action == "search" and query:
            url += "?" + urlencode({"kommune": query}) + "#kommunen"
        return redirect(url)
    submission = services.save_and_submit_entry(**arguments)
    saved = submission.entry
    if submission.submitted:
        messages.success(
            request,
            f"Ihre Bewerbung ist eingereicht. Eine Bestätigung mit allen Angaben haben wir an {saved.email} geschickt.",
        )
        return redirect(services.entry_path(saved, token))
    if submission.created:
        messages.info(request, _link_mailed(saved))
    return redirect(f"{services.entry_path(saved, token)}?{CHECK_PARAMETER}=1")


def _link_mailed(entry: Entry) -> str:
    return (
        f"Den Link, mit dem Sie weiterarbeiten, haben wir an {entry.email} geschickt; er gilt "
        f"{services.link_max_age_days()} Tage, eingereicht werden kann bis zum Bewerbungsschluss."
    )


@personal
@require_safe
def entry_attachment(request, year, token, pk):
    entry = services.entry_from_token(token, year=year)
    attachment = EntryAttachment.objects.filter(pk=pk, entry=entry).first() if entry else None
    if attachment is None:
        raise Http404("Diesen Anhang gibt es nicht.")
    return attachment_response(attachment)


def attachment_response(attachment: EntryAttachment) -> FileResponse:
    """The file as a download with its clean name and the type its content has.

    Only for who may see the entry: the applicant (signed link), the editors (admin) and the jury.
    """
    try:
        file = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404("Die Datei ist nicht mehr vorhanden.") from None
    response = FileResponse(file, as_attachment=True, filename=attachment.name, content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
def request_links(request, year):
    """Lost or expired link: we mail fresh links to the entries made with this address."""
    round_ = _round(request, year)
    if round_ is None:
        return _not_found(request)
    if timezone.now() > services.links_end_at(round_):
        context = {"round": round_, "links_ended": when(services.links_end_at(round_))}
        return render(request, "awards/request_links.html", context)
    form = LinkRequestForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if rate_limited(request, "awards-links"):
            form.add_error(
                None, "Von Ihrem Anschluss kamen sehr viele Anfragen. Bitte versuchen Sie es später noch einmal."
            )
            status = 429
        else:
            services.send_links(round_=round_, email=form.cleaned_data["email"])
            messages.success(
                request,
                "Wenn es zu dieser Adresse Bewerbungen gibt, ist die E-Mail mit den Links unterwegs. Bitte sehen Sie "
                "auch im Spam-Ordner nach.",
            )
            return redirect("awards:request_links", year=round_.year)
    return render(request, "awards/request_links.html", {"round": round_, "form": form}, status=status)
