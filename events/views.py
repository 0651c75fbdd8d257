from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from events import ics, services
from events.filters import EventFilter
from events.forms import RegistrationForm
from events.models import AgendaItem, Event, EventDate
from portal.decorators import personal
from portal.mail import SITE_NAME
from portal.spam import rate_limited
from portal.views import without_empty_parameters

EVENTS_PER_PAGE = 20
RATE_LIMIT_MESSAGE = (
    "Von Ihrem Anschluss kamen sehr viele Anmeldungen. Bitte versuchen Sie es in einer Stunde noch einmal "
    "oder schreiben Sie uns eine E-Mail."
)


def _query_string(request) -> str:
    query = request.GET.copy()
    query.pop("seite", None)
    return query.urlencode()


def _listing(request, events, template, extra=None):
    if response := without_empty_parameters(request):
        return response
    filterset = EventFilter(request.GET or None, queryset=events)
    page_obj = Paginator(filterset.qs.with_list_data(), EVENTS_PER_PAGE).get_page(request.GET.get("seite"))
    context = {"filter": filterset, "page_obj": page_obj, "query_string": _query_string(request), **(extra or {})}
    return render(request, template, context)


@require_safe
def event_list(request):
    now = timezone.now()
    return _listing(request, Event.objects.published().upcoming(now), "events/event_list.html", {"now": now})


@require_safe
def event_archive(request):
    now = timezone.now()
    return _listing(request, Event.objects.published().past(now).with_documentation(), "events/event_archive.html")


def _not_found(request):
    return render(request, "events/not_found.html", status=404)


@require_http_methods(["GET", "HEAD", "POST"])
def event_detail(request, slug):
    event = Event.objects.visible_to(request.user).select_related("host_municipality").filter(slug=slug).first()
    if event is None:
        return _not_found(request)
    now = timezone.now()
    dates = list(event.dates.with_counts().select_related("venue").defer("dial_in"))
    open_dates = [date for date in dates if date.accepts_registrations(now)]
    form = None
    status = 200
    if open_dates or request.method == "POST":
        form = RegistrationForm(request.POST or None, dates=open_dates)
    if request.method == "POST" and form.is_valid():
        if rate_limited(request, "events", limit=settings.EVENT_REGISTRATION_RATE_LIMIT):
            form.add_error(None, RATE_LIMIT_MESSAGE)
            status = 429
        else:
            data = form.cleaned_data
            try:
                services.register_for_date(
                    date=data["date"],
                    name=data["name"],
                    email=data["email"],
                    municipality=data["municipality"],
                    organisation=data["organisation"],
                    function=data["function"],
                    notes=data["notes"],
                )
            except services.RegistrationError as error:
                form.add_error("date", str(error))
            else:
                return redirect("events:registration_sent", slug=event.slug)
    past = bool(dates) and all(date.ends_at <= now for date in dates)
    # A cancelled event has nothing to document.
    documentation = past and not event.is_cancelled
    context = {
        "event": event,
        "dates": dates,
        "upcoming_dates": [date for date in dates if date.ends_at > now],
        "past": past,
        "documentation": documentation,
        "now": now,
        "form": form,
        "topics": list(event.topics.all()),
        "programme": _programme(list(AgendaItem.objects.filter(event=event)), dates),
        "photos": list(event.photos.all()) if documentation else [],
        "documents": list(event.documents.published().defer("text", "search_vector").order_by("kind", "title"))
        if documentation
        else [],
    }
    return render(request, "events/event_detail.html", context, status=status)


def _programme(agenda, dates) -> list[tuple[EventDate | None, list[AgendaItem]]]:
    """The programme points for all dates first, then those of single dates, under their date."""
    groups = [(None, [item for item in agenda if item.date_id is None])]
    groups += [(date, [item for item in agenda if item.date_id == date.pk]) for date in dates]
    return [(date, items) for date, items in groups if items]


@require_safe
def registration_sent(request, slug):
    event = Event.objects.published().filter(slug=slug).only("title", "slug").first()
    if event is None:
        return _not_found(request)
    return render(request, "events/registration_sent.html", {"event": event, "days": services.CONFIRMATION_DAYS})


@personal
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """The link in the mail shows a button; only the button confirms (mail scanners open links on their own)."""
    registration = services.registration_to_confirm(token)
    if registration is None:
        return render(request, "events/link_invalid.html", {"kind": "confirm"}, status=404)
    if registration.status != registration.Status.PENDING:
        return redirect(services.manage_path(registration))
    error = ""
    if request.method == "POST":
        try:
            registration = services.confirm_registration(registration=registration)
        except services.RegistrationError as exc:
            error = str(exc)
        else:
            return redirect(services.manage_path(registration))
    context = {"registration": registration, "event_date": registration.date, "event": registration.date.event}
    return render(request, "events/confirm.html", {**context, "error": error})


@personal
@require_http_methods(["GET", "HEAD", "POST"])
def registration(request, token):
    """The person's own page, linked from every mail: where they stand, and a button to cancel."""
    registration = services.registration_to_manage(token)
    if registration is None:
        return render(request, "events/link_invalid.html", {"kind": "manage"}, status=404)
    if request.method == "POST":
        if registration.is_active:
            try:
                services.cancel_registration(registration=registration)
            except services.RegistrationError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, "Sie haben sich abgemeldet. Wir haben Ihnen eine Bestätigung geschickt.")
        return redirect(request.path)
    context = {"registration": registration, "event_date": registration.date, "event": registration.date.event}
    return render(request, "events/registration.html", context)


@require_safe
def event_calendar(request, slug):
    event = Event.objects.visible_to(request.user).filter(slug=slug).first()
    if event is None:
        return _not_found(request)
    dates = EventDate.objects.filter(event=event).select_related("event", "venue").defer("dial_in")
    return ics.calendar_response(dates, filename=f"{event.slug}.ics", name=event.title)


@require_safe
def calendar_feed(request):
    """The events on the site as a calendar to subscribe to (those of the last 12 months too, cancelled ones marked)."""
    dates = EventDate.objects.for_feed().order_by("starts_at")
    return ics.calendar_response(
        dates, filename="veranstaltungen.ics", name=f"Veranstaltungen – {SITE_NAME}", download=False
    )
