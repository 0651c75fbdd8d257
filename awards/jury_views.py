"""The jury area below /landespreis/jury/: login, the rounds a member sits on, entries, scores, ranking, winners.

Every page checks on the server who may see it: anonymous visitors are sent to the login; a user who is not
on the jury of the round gets 403; an entry, attachment or category of another round, an entry that is not
in the competition and one the member declared a conflict of interest for are 404. Pages are never cached.
"""

import mimetypes
from functools import wraps

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from awards import scoring
from awards.jury_forms import ConflictForm, JuryLoginForm, ScoreForm, WinnersForm
from awards.models import Entry, EntryAttachment, JuryMember, Round
from awards.views import attachment_response
from portal.decorators import personal
from portal.mail import SITE_NAME


def _forbidden(request, message: str, member: JuryMember | None = None):
    return render(request, "awards/jury/forbidden.html", {"message": message, "member": member}, status=403)


def jury_login_required(view):
    """Anonymous visitors go to the jury's login and come back afterwards."""

    @personal
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("awards:jury:login"))
        return view(request, *args, **kwargs)

    return wrapped


def jury_member_required(view):
    """Looks up the user's seat on the jury of the round <year> and passes it on instead of the year.

    No such round: 404; a round the user does not sit on: 403.
    """

    @jury_login_required
    @wraps(view)
    def wrapped(request, year, *args, **kwargs):
        member = scoring.membership(user=request.user, year=year)
        if member is None:
            if not Round.objects.filter(year=year).exists():
                raise Http404("Diese Runde gibt es nicht.")
            return _forbidden(request, f"Sie gehören nicht der Jury des Landespreises {year} an.")
        return view(request, member, *args, **kwargs)

    return wrapped


# --- Login -----------------------------------------------------------------------------------------------


def _lockout_minutes(request) -> int | None:
    cool_off = get_cool_off(request)
    return int(cool_off.total_seconds() // 60) if cool_off else None


class JuryLoginView(auth_views.LoginView):
    """Django's login; django-axes counts the failures and locks out as for the admin."""

    template_name = "awards/jury/login.html"
    authentication_form = JuryLoginForm
    redirect_authenticated_user = True
    next_page = reverse_lazy("awards:jury:home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(
            failure_limit=settings.AXES_FAILURE_LIMIT, lockout_minutes=_lockout_minutes(self.request), **kwargs
        )
        # LoginView sets `site_name` to the host name; the page title needs the portal's name.
        context["site_name"] = SITE_NAME
        return context

    def form_invalid(self, form):
        if getattr(self.request, "axes_locked_out", False):
            # Axes refused the attempt, or this one reached the limit. The page says so in the jury's design;
            # without the flag, AxesMiddleware does not swap it for the admin's lockout page.
            self.request.axes_locked_out = False
            context = {"lockout_minutes": _lockout_minutes(self.request)}
            return render(self.request, "awards/jury/locked_out.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
        return super().form_invalid(form)


class JuryLogoutView(auth_views.LogoutView):
    """POST only (Django's LogoutView refuses GET)."""

    next_page = reverse_lazy("awards:jury:login")

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        messages.info(request, "Sie haben sich abgemeldet.")
        return response


login = JuryLoginView.as_view()
logout = JuryLogoutView.as_view()


# --- Pages -----------------------------------------------------------------------------------------------


@require_safe
@jury_login_required
def home(request):
    """The rounds the user sits on the jury of."""
    seats = scoring.memberships(user=request.user)
    if not seats:
        return _forbidden(request, "Ihr Konto gehört keiner Jury des Landespreises an.")
    return render(request, "awards/jury/home.html", {"seats": seats})


@require_safe
@jury_member_required
def round_overview(request, member: JuryMember):
    """The round's categories with their entries and the member's progress on each."""
    context = {"member": member, "round": member.round, "overview": scoring.round_overview(member=member)}
    return render(request, "awards/jury/round.html", context)


@require_safe
@jury_member_required
def category_ranking(request, member: JuryMember, pk: int):
    round_ = member.round
    category = get_object_or_404(round_.categories.select_related("decided_by"), pk=pk)
    criteria = scoring.criteria_of(round_)
    rows = scoring.ranking(member=member, category=category, criteria_count=len(criteria))
    context = {
        "member": member,
        "round": round_,
        "category": category,
        "criteria": criteria,
        "rows": rows,
        "winners": [row for row in rows if row.entry.is_winner] if category.is_decided else [],
        "decision_closed": scoring.decision_closed_reason(round_=round_, category=category),
        "scoring": scoring,
    }
    return render(request, "awards/jury/category.html", context)


def _entry_or_404(member: JuryMember, pk: int) -> Entry:
    entry = scoring.visible_entry(member=member, pk=pk)
    if entry is None:
        raise Http404("Diesen Beitrag gibt es nicht, oder Sie haben Befangenheit erklärt.")
    return entry


@require_http_methods(["GET", "HEAD", "POST"])
@jury_member_required
def entry_detail(request, member: JuryMember, pk: int):
    """The whole entry, the member's scoring form and, once they have scored it, everyone's scores."""
    entry = _entry_or_404(member, pk)
    round_ = member.round
    criteria = scoring.criteria_of(round_)
    scores = scoring.entry_scores(member=member, entry=entry, criteria=criteria)
    closed = scoring.scoring_closed_reason(round_=round_, category=entry.category)
    form = ScoreForm(
        request.POST if request.method == "POST" else None,
        criteria=criteria,
        score_max=round_.score_max,
        own=scores.own,
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            scoring.record_scores(member=member, entry=entry, values=form.values())
        except scoring.JuryRefusedError as refused:
            form.add_error(None, refused.message)
            status = 409
        else:
            messages.success(request, "Ihre Bewertung ist gespeichert.")
            return redirect("awards:jury:entry", year=round_.year, pk=entry.pk)
    return _entry_page(request, member, entry, criteria, scores, form=form, closed=closed, status=status)


def _entry_page(request, member, entry, criteria, scores, *, form, closed, conflict_form=None, status=200):
    round_ = member.round
    attachments = list(entry.attachments.all())
    for number, attachment in enumerate(attachments, start=1):
        attachment.jury_name = _attachment_name(attachment, number, blind=round_.blind_review)
    context = {
        "member": member,
        "round": round_,
        "entry": entry,
        "blind": round_.blind_review,
        "partners": [] if round_.blind_review else list(entry.partners.order_by("short_name")),
        "attachments": attachments,
        "criteria": criteria,
        "scores": scores,
        "own_rows": [(criterion, scores.own.get(criterion.pk)) for criterion in criteria],
        "form": form,
        "closed": closed,
        "conflict_closed": scoring.conflict_closed_reason(round_=round_, category=entry.category),
        "conflict_form": conflict_form or ConflictForm(),
    }
    return render(request, "awards/jury/entry.html", context, status=status)


@require_POST
@jury_member_required
def declare_conflict(request, member: JuryMember, pk: int):
    """The member declares a conflict of interest for the entry and goes back to the round's overview."""
    round_ = member.round
    if scoring.has_declared_conflict(member=member, pk=pk):
        # Sent twice (a double click, a second tab): the first one did it.
        messages.info(request, "Ihre Befangenheit für diesen Beitrag ist bereits erklärt.")
        return redirect("awards:jury:round", year=round_.year)
    entry = _entry_or_404(member, pk)
    if reason := scoring.conflict_closed_reason(round_=round_, category=entry.category):
        # The page was opened before the chair decided; it showed the form, now it would not.
        messages.error(request, reason)
        return redirect("awards:jury:entry", year=round_.year, pk=entry.pk)
    form = ConflictForm(request.POST)
    if form.is_valid():
        try:
            scoring.declare_conflict(member=member, entry=entry, note=form.cleaned_data["note"])
        except scoring.JuryRefusedError as refused:
            messages.error(request, refused.message)
            return redirect("awards:jury:entry", year=round_.year, pk=entry.pk)
        messages.success(
            request,
            f"Sie haben Befangenheit für „{entry.jury_name}“ erklärt. Sie sehen den Beitrag und seine Bewertungen "
            "nicht mehr und bewerten ihn nicht.",
        )
        return redirect("awards:jury:round", year=round_.year)
    criteria = scoring.criteria_of(round_)
    scores = scoring.entry_scores(member=member, entry=entry, criteria=criteria)
    score_form = ScoreForm(criteria=criteria, score_max=round_.score_max, own=scores.own)
    closed = scoring.scoring_closed_reason(round_=round_, category=entry.category)
    return _entry_page(request, member, entry, criteria, scores, form=score_form, closed=closed, conflict_form=form)


def _attachment_name(attachment: EntryAttachment, number: int, *, blind: bool) -> str:
    """In blind mode "Anlage 2.pdf": a file name may name the applicant."""
    if not blind:
        return attachment.name
    extension = attachment.name.rsplit(".", 1)[-1] if "." in attachment.name else ""
    extension = extension or (mimetypes.guess_extension(attachment.content_type) or "").lstrip(".")
    return f"Anlage {number}.{extension}" if extension else f"Anlage {number}"


@require_safe
@jury_member_required
def entry_attachment(request, member: JuryMember, pk: int, attachment_pk: int):
    entry = _entry_or_404(member, pk)
    attachment_pks = list(entry.attachments.values_list("pk", flat=True))
    if attachment_pk not in attachment_pks:
        raise Http404("Diesen Anhang gibt es nicht.")
    attachment = EntryAttachment.objects.get(pk=attachment_pk)
    response = attachment_response(attachment)
    if member.round.blind_review:
        name = _attachment_name(attachment, attachment_pks.index(attachment_pk) + 1, blind=True)
        response["Content-Disposition"] = content_disposition_header(True, name)
    return response


@require_http_methods(["GET", "HEAD", "POST"])
@jury_member_required
def decide_category(request, member: JuryMember, pk: int):
    """The chair records the winners of a category, or closes it without: choose, confirm, done (the scores
    are then final)."""
    round_ = member.round
    category = get_object_or_404(round_.categories.all(), pk=pk)
    if not member.is_chair:
        return _forbidden(request, "Nur der Vorsitz der Jury legt die Preisträger fest.", member)
    if category.is_decided:
        messages.info(request, "Die Preisträger dieser Kategorie sind schon festgelegt.")
        return redirect("awards:jury:category", year=round_.year, pk=category.pk)
    criteria = scoring.criteria_of(round_)
    rows = scoring.ranking(member=member, category=category, criteria_count=len(criteria))
    form = WinnersForm(request.POST if request.method == "POST" else None, entries=[row.entry for row in rows])
    status = 200
    if form.step == form.RECORD:
        try:
            if form.without_winners:
                scoring.close_without_winners(member=member, category=category)
            else:
                scoring.record_winners(member=member, category=category, entries=form.chosen())
        except scoring.JuryRefusedError as refused:
            form.add_error(None, refused.message)
            status = 409
        else:
            if form.without_winners:
                message = f"Die Kategorie „{category.name}“ ist ohne Preisträger abgeschlossen."
            else:
                names = ", ".join(f"„{entry.jury_name}“" for entry in form.chosen())
                message = f"Die Preisträger in der Kategorie „{category.name}“ sind festgelegt: {names}."
            messages.success(request, message)
            return redirect("awards:jury:category", year=round_.year, pk=category.pk)
    chosen = {entry.pk for entry in form.chosen()}
    context = {
        "member": member,
        "round": round_,
        "category": category,
        "rows": rows,
        "form": form,
        "chosen": chosen,
        "chosen_rows": [row for row in rows if row.entry.pk in chosen],
        "confirming": form.step == form.CONFIRM,
        "closed": scoring.decision_closed_reason(round_=round_, category=category),
    }
    return render(request, "awards/jury/decide.html", context, status=status)
