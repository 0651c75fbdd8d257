"""The organisers' tools: events with dates and programme, registrations per date with counts, check-in,
CSV export, cancellations and a message to everyone with a seat. Every change of a seat goes through
events.services, so the waitlist moves up and people are told by mail.
"""

from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Min, Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from events import services
from events.exports import registrations_csv_response
from events.forms import CancellationForm, ParticipantMessageForm
from events.models import AgendaItem, Event, EventDate, EventPhoto, ParticipantMessage, Registration, Venue
from portal.uploads import validate_image


def _changelist(model, **filters) -> str:
    return reverse(f"admin:events_{model}_changelist") + (f"?{urlencode(filters)}" if filters else "")


@admin.register(Venue)
class VenueAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "street"]
    search_fields = ["name", "city", "street"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and {"name", "city"} & set(form.changed_data):
            services.refresh_events_at(venue=obj)


# --- Events ---------------------------------------------------------------------------------------


class EventDateForm(forms.ModelForm):
    class Meta:
        model = EventDate
        fields = [
            "starts_at",
            "ends_at",
            "capacity",
            "waitlist_limit",
            "registration_opens",
            "registration_closes",
            "venue",
            "online_platform",
            "dial_in",
        ]
        help_texts = {
            "dial_in": "Link, Meeting-ID, Kenncode. Nie öffentlich: Wer einen Platz hat, erhält sie per E-Mail – "
            "und nach jeder Änderung sofort noch einmal.",
        }

    def clean(self):
        cleaned_data = super().clean()
        starts_at, closes = cleaned_data.get("starts_at"), cleaned_data.get("registration_closes")
        if starts_at and closes and closes > starts_at:
            self.add_error(
                "registration_closes",
                "Der Anmeldeschluss darf nicht nach dem Beginn des Termins liegen. Lassen Sie das Feld leer, "
                "wenn die Anmeldung bis zum Beginn offen sein soll.",
            )
        return cleaned_data

    def clean_capacity(self):
        capacity = self.cleaned_data["capacity"]
        if self.instance.pk and capacity is not None:
            confirmed = self.instance.registrations.filter(status=Registration.Status.CONFIRMED).count()
            if capacity < confirmed:
                raise forms.ValidationError(
                    f"{confirmed} Personen haben schon einen Platz. Weniger Plätze gehen nur, wenn zuvor "
                    "Anmeldungen storniert werden."
                )
        return capacity


class EventDateInline(admin.StackedInline):
    model = EventDate
    form = EventDateForm
    autocomplete_fields = ["venue"]
    show_change_link = True
    readonly_fields = ["registrations_summary"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("starts_at", "ends_at"),
                    ("capacity", "waitlist_limit"),
                    ("registration_opens", "registration_closes"),
                    "venue",
                    ("online_platform", "dial_in"),
                    "registrations_summary",
                ]
            },
        )
    ]

    def get_extra(self, request, obj=None, **kwargs):
        return 1 if obj is None else 0

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description="Anmeldungen")
    def registrations_summary(self, obj):
        if not obj.pk:
            return "–"
        if obj.is_cancelled:
            return "Abgesagt."
        return format_html(
            '{} angemeldet, {} auf der Warteliste, {} unbestätigt – <a href="{}">Anmeldungen ansehen</a>',
            obj.confirmed,
            obj.waitlisted,
            obj.pending_count,
            _changelist("registration", date__id__exact=obj.pk),
        )


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["position", "time", "title", "speakers", "date"]
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A programme point may belong to one of this event's dates, not to another event's.
        # Each choice is labelled with its event's title: loaded with the dates, not one query per option.
        formset.form.base_fields["date"].queryset = (
            EventDate.objects.filter(event=obj).select_related("event") if obj else EventDate.objects.none()
        )
        return formset


class EventPhotoForm(forms.ModelForm):
    class Meta:
        model = EventPhoto
        fields = ["image", "alt_text", "caption", "credit", "position"]

    def clean_image(self):
        image = self.cleaned_data["image"]
        if isinstance(image, UploadedFile):
            validate_image(image, max_bytes=settings.IMAGE_MAX_BYTES)
            self.instance.small = self.instance.large = ""
        return image


class EventPhotoInline(admin.StackedInline):
    model = EventPhoto
    form = EventPhotoForm
    extra = 0


class EventAdminForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "slug",
            "status",
            "teaser",
            "description",
            "topics",
            "organiser",
            "host_municipality",
            "report",
            "documents",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            # Cancelling goes through the action, which tells everyone registered.
            self.fields["status"].choices = [
                choice for choice in self.fields["status"].choices if choice[0] != Event.Status.CANCELLED
            ]


def _send_access_data(modeladmin, request, date):
    """New or changed dial-in data go to everyone with a seat.

    Called inside the admin's transaction: the mails are stored in it and go out only once it commits,
    so a save that fails sends nothing, and the editor is told how many there are.
    """
    count = services.send_access_data(date=date)
    if count:
        modeladmin.message_user(
            request,
            f"{date}: Die Zugangsdaten gehen an {count} angemeldete Teilnehmende; die E-Mails sind eingereiht.",
            messages.INFO,
        )


@admin.action(description="Ausgewählte Veranstaltungen veröffentlichen", permissions=["change"])
def publish_events(modeladmin, request, queryset):
    count = queryset.filter(status=Event.Status.DRAFT).update(status=Event.Status.PUBLISHED, updated_at=timezone.now())
    modeladmin.message_user(request, f"{count} Veranstaltung(en) veröffentlicht.", messages.SUCCESS)


def _cancellation_step(
    modeladmin, request, queryset, *, title, cancel, what, nothing="nichts – die Auswahl ist schon abgesagt."
):
    """An action with a form: ask for the note to the people registered, then cancel."""
    form = CancellationForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        chosen = list(queryset)
        registrations = sum(cancel(obj, form.cleaned_data["note"]) for obj in chosen)
        modeladmin.message_user(
            request,
            f"{len(chosen)} {what} abgesagt. {registrations} Anmeldung(en) storniert; die E-Mails an die "
            "Angemeldeten sind eingereiht und gehen in den nächsten Minuten hinaus "
            "(Status unter „Ausgehende E-Mails“).",
            messages.SUCCESS,
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "objects": queryset,
        "nothing": nothing,
        "form": form,
        "action": request.POST.get("action"),
        "action_checkbox_name": ACTION_CHECKBOX_NAME,
        "opts": modeladmin.model._meta,
    }
    return TemplateResponse(request, "admin/events/cancel.html", context)


@admin.action(
    description="Ausgewählte Veranstaltungen absagen (alle Angemeldeten werden benachrichtigt)", permissions=["change"]
)
def cancel_events(modeladmin, request, queryset):
    # Drafts are not on the site, so there is nothing to cancel publicly; their dates can be cancelled one by one.
    queryset = queryset.filter(status=Event.Status.PUBLISHED)
    return _cancellation_step(
        modeladmin,
        request,
        queryset,
        title="Veranstaltungen absagen",
        cancel=lambda event, note: services.cancel_event(event=event, note=note),
        what="Veranstaltung(en)",
        nothing="nichts – die Auswahl ist schon abgesagt oder ein Entwurf (Entwürfe sind nicht öffentlich).",
    )


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    form = EventAdminForm
    list_display = ["title", "kind", "status", "first_date", "host_municipality"]
    list_filter = ["status", "kind", "topics"]
    list_select_related = ["host_municipality"]
    search_fields = ["title", "teaser"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["host_municipality", "documents"]
    filter_horizontal = ["topics"]
    readonly_fields = ["cancellation_note", "created_at", "updated_at"]
    actions = [publish_events, cancel_events]
    inlines = [EventDateInline, AgendaItemInline, EventPhotoInline]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "status", "teaser", "description"]}),
        ("Einordnung", {"fields": ["topics", "organiser", "host_municipality"]}),
        (
            "Dokumentation (nach der Veranstaltung)",
            {"fields": ["report", "documents"], "description": "Erscheint im Archiv, sobald alle Termine vorbei sind."},
        ),
        ("Verwaltung", {"fields": ["cancellation_note", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return (
            super().get_queryset(request).annotate(first_start=Min("dates__starts_at")).defer("description", "report")
        )

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.is_cancelled:
            return [*self.readonly_fields, "status"]
        return self.readonly_fields

    @admin.display(description="Erster Termin", ordering="first_start")
    def first_date(self, obj):
        return timezone.localtime(obj.first_start).strftime("%d.%m.%Y %H:%M") if obj.first_start else "–"

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            if formset.model is EventDate:
                for date_form in formset.forms:
                    date = date_form.instance
                    if date.pk and date_form not in formset.deleted_forms and "dial_in" in date_form.changed_data:
                        _send_access_data(self, request, date)
        event = form.instance
        services.refresh_event(event=event)
        for photo in event.photos.filter(small=""):
            services.create_photo_renditions(photo=photo)
        # Raised capacities: people on the waitlist move up at once and are told by mail.
        for date in event.dates.filter(is_cancelled=False, starts_at__gt=timezone.now()):
            promoted = services.fill_free_seats(date=date)
            if promoted:
                self.message_user(
                    request,
                    f"{date}: {len(promoted)} Person(en) von der Warteliste sind nachgerückt und werden "
                    "benachrichtigt.",
                    messages.INFO,
                )


# --- Dates ----------------------------------------------------------------------------------------


class ParticipantMessageInline(admin.TabularInline):
    model = ParticipantMessage
    fields = ["sent_at", "subject", "recipients", "sent_by"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "Gesendete Nachrichten an die Teilnehmenden"

    def has_add_permission(self, request, obj=None):
        return False


class UpcomingFilter(admin.SimpleListFilter):
    title = "Zeitraum"
    parameter_name = "zeitraum"

    def lookups(self, request, model_admin):
        return [("kommend", "Kommende"), ("vergangen", "Vergangene")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "kommend":
            return queryset.filter(ends_at__gt=now)
        if self.value() == "vergangen":
            return queryset.filter(ends_at__lte=now)
        return queryset


@admin.action(
    description="Ausgewählte Termine absagen (alle Angemeldeten werden benachrichtigt)", permissions=["change"]
)
def cancel_dates(modeladmin, request, queryset):
    return _cancellation_step(
        modeladmin,
        request,
        queryset.filter(is_cancelled=False),
        title="Termine absagen",
        cancel=lambda date, note: services.cancel_event_date(date=date, note=note),
        what="Termin(e)",
    )


@admin.register(EventDate)
class EventDateAdmin(admin.ModelAdmin):
    form = EventDateForm
    list_display = [
        "__str__",
        "place",
        "capacity",
        "confirmed_count",
        "waitlisted_count",
        "pending_count",
        "cancelled_count",
        "checked_in_count",
        "is_cancelled",
        "tools",
    ]
    list_filter = [UpcomingFilter, "event__kind", "is_cancelled"]
    search_fields = ["event__title"]
    autocomplete_fields = ["venue"]
    date_hierarchy = "starts_at"
    ordering = ["-starts_at"]
    actions = [cancel_dates]
    inlines = [ParticipantMessageInline]
    list_per_page = 50
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "event_link",
                    ("starts_at", "ends_at"),
                    ("capacity", "waitlist_limit"),
                    ("registration_opens", "registration_closes"),
                    "venue",
                    ("online_platform", "dial_in"),
                    "tools",
                ]
            },
        )
    ]
    readonly_fields = ["event_link", "tools"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts().select_related("event", "venue")

    def has_add_permission(self, request):
        return False  # dates are added on their event's page

    @admin.display(description="Veranstaltung")
    def event_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:events_event_change", args=[obj.event_id]), obj.event.title
        )

    @admin.display(description="Ort")
    def place(self, obj):
        return obj.place

    @admin.display(description="angemeldet", ordering="confirmed_count")
    def confirmed_count(self, obj):
        return obj.confirmed_count

    @admin.display(description="Warteliste", ordering="waitlisted_count")
    def waitlisted_count(self, obj):
        return obj.waitlisted_count

    @admin.display(description="unbestätigt", ordering="pending_count")
    def pending_count(self, obj):
        return obj.pending_count

    @admin.display(description="storniert", ordering="cancelled_count")
    def cancelled_count(self, obj):
        return obj.cancelled_count

    @admin.display(description="anwesend", ordering="checked_in_count")
    def checked_in_count(self, obj):
        return obj.checked_in_count

    @admin.display(description="Werkzeuge")
    def tools(self, obj):
        if not obj.pk:
            return "–"
        links = [
            (_changelist("registration", date__id__exact=obj.pk), "Anmeldungen"),
            (reverse("admin:events_eventdate_checkin", args=[obj.pk]), "Check-in"),
            (reverse("admin:events_eventdate_message", args=[obj.pk]), "Nachricht an alle Angemeldeten"),
            (reverse("admin:events_eventdate_export", args=[obj.pk]), "CSV"),
        ]
        return format_html_join(" · ", '<a href="{}">{}</a>', links)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "venue" in form.changed_data:
            services.refresh_event(event=obj.event)
        if "dial_in" in form.changed_data:
            _send_access_data(self, request, obj)
        promoted = services.fill_free_seats(date=obj)
        if promoted:
            self.message_user(
                request,
                f"{len(promoted)} Person(en) von der Warteliste sind nachgerückt und werden benachrichtigt.",
                messages.INFO,
            )

    def get_urls(self):
        own = [
            path("<int:pk>/nachricht/", self.admin_site.admin_view(self.message_view), name="events_eventdate_message"),
            path("<int:pk>/check-in/", self.admin_site.admin_view(self.checkin_view), name="events_eventdate_checkin"),
            path(
                "<int:pk>/teilnehmende.csv",
                self.admin_site.admin_view(self.export_view),
                name="events_eventdate_export",
            ),
        ]
        return own + super().get_urls()

    def _date(self, request, pk, permission):
        if not request.user.has_perm(f"events.{permission}"):
            raise PermissionDenied
        return get_object_or_404(EventDate.objects.with_counts().select_related("event", "venue"), pk=pk)

    def message_view(self, request, pk):
        """A message to everyone with a seat for the date, one mail each."""
        date = self._date(request, pk, "change_eventdate")
        form = ParticipantMessageForm(request.POST or None, online=date.is_online)
        if request.method == "POST" and form.is_valid():
            message = services.message_participants(
                date=date,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                sent_by=request.user,
                with_dial_in=form.cleaned_data.get("with_dial_in", False),
            )
            self.message_user(
                request,
                f"Nachricht an {message.recipients} angemeldete Teilnehmende eingereiht; die E-Mails gehen in den "
                "nächsten Minuten hinaus.",
                messages.SUCCESS,
            )
            return redirect("admin:events_eventdate_change", date.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": "Nachricht an alle angemeldeten Teilnehmenden",
            "subtitle": str(date),
            "event_date": date,
            "form": form,
            "opts": self.model._meta,
            "original": date,
        }
        return TemplateResponse(request, "admin/events/eventdate/message.html", context)

    def checkin_view(self, request, pk):
        """At the door: the people with a seat, by name, each with a button to check them in (or undo it)."""
        date = self._date(request, pk, "change_registration")
        if request.method == "POST":
            chosen = request.POST.get("registration", "")
            if not chosen.isdigit():
                self.message_user(request, "Bitte wählen Sie eine Person aus der Liste.", messages.ERROR)
            elif request.POST.get("undo"):
                services.undo_check_in(registrations=Registration.objects.filter(date=date, pk=chosen))
            else:
                services.check_in(registrations=Registration.objects.filter(date=date, pk=chosen))
            query = request.POST.get("q", "").strip()
            return redirect(
                reverse("admin:events_eventdate_checkin", args=[date.pk])
                + (f"?{urlencode({'q': query})}" if query else "")
            )
        query = request.GET.get("q", "").strip()
        participants = Registration.objects.filter(date=date, status=Registration.Status.CONFIRMED).select_related(
            "municipality"
        )
        if query:
            participants = participants.filter(
                Q(name__icontains=query)
                | Q(organisation__icontains=query)
                | Q(municipality__short_name__icontains=query)
            )
        context = {
            **self.admin_site.each_context(request),
            "title": "Check-in",
            "subtitle": str(date),
            "event_date": date,
            "participants": participants.order_by("name"),
            "query": query,
            "opts": self.model._meta,
            "original": date,
        }
        return TemplateResponse(request, "admin/events/eventdate/checkin.html", context)

    def export_view(self, request, pk):
        date = self._date(request, pk, "view_registration")
        filename = f"anmeldungen-{date.event.slug[:60]}-{timezone.localtime(date.starts_at):%Y-%m-%d}.csv"
        return registrations_csv_response(
            Registration.objects.filter(date=date).order_by("status", "name"), filename=filename
        )


# --- Registrations --------------------------------------------------------------------------------


class EventListFilter(admin.SimpleListFilter):
    """The events that have registrations, newest first (a list of all dates would be long)."""

    title = "Veranstaltung"
    parameter_name = "veranstaltung"

    def lookups(self, request, model_admin):
        events = (
            Event.objects.filter(dates__registrations__isnull=False)
            .annotate(first_start=Min("dates__starts_at"))
            .order_by("-first_start")
            .distinct()
            .values_list("pk", "title")
        )
        return [(str(pk), title) for pk, title in events]

    def queryset(self, request, queryset):
        return queryset.filter(date__event_id=self.value()) if self.value() and self.value().isdigit() else queryset


class DateListFilter(admin.SimpleListFilter):
    title = "Termin"
    parameter_name = "date__id__exact"

    def lookups(self, request, model_admin):
        dates = EventDate.objects.filter(registrations__isnull=False).distinct().select_related("event")
        event = request.GET.get("veranstaltung")
        if event and event.isdigit():
            dates = dates.filter(event_id=event)
        return [(str(date.pk), str(date)) for date in dates.order_by("-starts_at")[:50]]

    def queryset(self, request, queryset):
        return queryset.filter(date_id=self.value()) if self.value() and self.value().isdigit() else queryset


class CheckedInFilter(admin.SimpleListFilter):
    title = "Anwesend"
    parameter_name = "anwesend"

    def lookups(self, request, model_admin):
        return [("ja", "Ja"), ("nein", "Nein")]

    def queryset(self, request, queryset):
        if self.value() == "ja":
            return queryset.filter(checked_in_at__isnull=False)
        if self.value() == "nein":
            return queryset.filter(checked_in_at__isnull=True)
        return queryset


@admin.action(description="Als anwesend eintragen (Check-in)", permissions=["change"])
def check_in(modeladmin, request, queryset):
    count = services.check_in(registrations=queryset)
    skipped = queryset.count() - count
    text = f"{count} Person(en) als anwesend eingetragen."
    if skipped:
        text += f" {skipped} übersprungen (ohne Platz oder schon eingetragen)."
    modeladmin.message_user(request, text, messages.SUCCESS)


@admin.action(description="Check-in zurücknehmen", permissions=["change"])
def undo_check_in(modeladmin, request, queryset):
    count = services.undo_check_in(registrations=queryset)
    modeladmin.message_user(request, f"Check-in bei {count} Person(en) zurückgenommen.", messages.SUCCESS)


@admin.action(
    description="Ausgewählte Anmeldungen stornieren (Warteliste rückt nach, E-Mail an die Person)",
    permissions=["change"],
)
def cancel_registrations(modeladmin, request, queryset):
    active = list(queryset.filter(status__in=Registration.ACTIVE).order_by("date_id", "pk"))
    for registration in active:
        services.cancel_registration(registration=registration, by=Registration.CancelledBy.ORGANISER)
    modeladmin.message_user(
        request,
        f"{len(active)} Anmeldung(en) storniert. Freie Plätze sind an die Warteliste gegangen; die E-Mails sind "
        "eingereiht und gehen in den nächsten Minuten hinaus.",
        messages.SUCCESS,
    )


@admin.action(description="Als CSV herunterladen (für Excel)", permissions=["view"])
def export_csv(modeladmin, request, queryset):
    return registrations_csv_response(
        queryset.order_by("date__starts_at", "status", "name"),
        filename=f"anmeldungen-{timezone.localdate():%Y-%m-%d}.csv",
    )


class RegistrationAddForm(forms.ModelForm):
    """An editor enters a registration that came by phone or letter (through the service, with its rules)."""

    consent_given = forms.BooleanField(
        label="Die Person ist mit der Speicherung ihrer Angaben einverstanden",
        help_text="Bitte nur ankreuzen, wenn sie das Ihnen gegenüber erklärt hat (z. B. am Telefon oder per E-Mail).",
    )
    notify = forms.BooleanField(
        label="Die Person per E-Mail benachrichtigen",
        required=False,
        initial=True,
        help_text="Mit der Bestätigung, dem Kalendereintrag und bei Online-Terminen den Zugangsdaten.",
    )

    class Meta:
        model = Registration
        fields = ["date", "name", "email", "municipality", "organisation", "function", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].queryset = EventDate.objects.filter(
            is_cancelled=False, ends_at__gt=timezone.now()
        ).select_related("event")
        for name in ("name", "email"):
            self.fields[name].required = True

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean(self):
        cleaned_data = super().clean()
        _require_municipality_or_organisation(self, cleaned_data)
        date, email = cleaned_data.get("date"), cleaned_data.get("email")
        if date and email:
            existing = Registration.objects.active().filter(date=date).for_address(email).first()
            if existing:
                self.add_error(
                    "email",
                    f"Für diese Adresse gibt es zu diesem Termin schon eine Anmeldung "
                    f"(Status: {existing.get_status_display()}).",
                )
        return cleaned_data


def _require_municipality_or_organisation(form, cleaned_data):
    if not cleaned_data.get("municipality") and not cleaned_data.get("organisation"):
        form.add_error("organisation", "Bitte wählen Sie eine Kommune oder nennen Sie eine Organisation.")


class RegistrationChangeForm(forms.ModelForm):
    """Editors correct what people typed; the status changes only through the actions."""

    class Meta:
        model = Registration
        fields = ["name", "municipality", "organisation", "function", "notes"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "name" in self.fields:
            self.fields["name"].required = True

    def clean(self):
        cleaned_data = super().clean()
        if not self.instance.anonymised_at:
            _require_municipality_or_organisation(self, cleaned_data)
        return cleaned_data


class _RefusedError(Exception):
    """The service refused a registration the form had accepted (someone was quicker); `form` says why."""

    def __init__(self, form):
        super().__init__()
        self.form = form


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["name", "email", "organisation_display", "date", "status", "opted_in_at", "checked_in_at"]
    list_filter = ["status", EventListFilter, DateListFilter, CheckedInFilter, "cancelled_by"]
    list_select_related = ["date__event", "municipality"]
    search_fields = ["name", "email", "organisation", "municipality__short_name"]
    search_help_text = "Name, E-Mail-Adresse, Kommune oder Organisation"
    autocomplete_fields = ["municipality"]
    actions = [check_in, undo_check_in, cancel_registrations, export_csv]
    list_per_page = 100
    readonly_fields = [
        "date",
        "email",
        "status",
        "consent_text",
        "consented_at",
        "created_at",
        "opted_in_at",
        "confirmed_at",
        "cancelled_at",
        "cancelled_by",
        "checked_in_at",
        "reminded_at",
        "anonymised_at",
        "manage_link",
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .defer("date__dial_in", "date__event__description", "date__event__report", "municipality__shape")
        )

    def get_form(self, request, obj=None, **kwargs):
        kwargs["form"] = RegistrationChangeForm if obj else RegistrationAddForm
        return super().get_form(request, obj, **kwargs)

    def get_fieldsets(self, request, obj=None):
        if obj is None:
            fields = ["date", "name", "email", "municipality", "organisation", "function", "notes"]
            return [(None, {"fields": [*fields, "consent_given", "notify"]})]
        return [
            (
                None,
                {"fields": ["date", "status", "name", "email", "municipality", "organisation", "function", "notes"]},
            ),
            (
                "Verlauf",
                {
                    "fields": [
                        "created_at",
                        "opted_in_at",
                        "confirmed_at",
                        "reminded_at",
                        "checked_in_at",
                        "cancelled_at",
                        "cancelled_by",
                        "anonymised_at",
                    ]
                },
            ),
            ("Einwilligung", {"fields": ["consent_text", "consented_at"]}),
            ("Für Rückfragen der Person", {"fields": ["manage_link"]}),
        ]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        if obj.anonymised_at:
            return [*self.readonly_fields, *RegistrationChangeForm.Meta.fields]
        return self.readonly_fields

    @admin.display(description="Kommune / Organisation", ordering="municipality__short_name")
    def organisation_display(self, obj):
        return obj.organisation_name or "–"

    @admin.display(description="Eigene Seite der Person")
    def manage_link(self, obj):
        if not obj.email:
            return "–"
        return format_html(
            '<a href="{}">Seite „Ihre Anmeldung“</a> – nicht weitergeben: damit lässt sich die Anmeldung absagen.',
            services.manage_path(obj),
        )

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        data = form.cleaned_data
        try:
            registration = services.add_registration(
                date=data["date"],
                name=data["name"],
                email=data["email"],
                municipality=data["municipality"],
                organisation=data["organisation"],
                function=data["function"],
                notes=data["notes"],
                added_by=request.user.get_username(),
                notify=data["notify"],
            )
        except services.AlreadyRegisteredError as error:
            form.add_error("email", str(error))
            raise _RefusedError(form) from error
        except services.RegistrationError as error:
            form.add_error("date", str(error))
            raise _RefusedError(form) from error
        obj.pk, obj.status = registration.pk, registration.status
        self.message_user(
            request,
            f"{registration.name}: {registration.get_status_display()}"
            + (" – die Person wird per E-Mail benachrichtigt." if data["notify"] else "."),
            messages.SUCCESS,
        )
        return None

    def add_view(self, request, form_url="", extra_context=None):
        try:
            return super().add_view(request, form_url, extra_context)
        except _RefusedError as refused:
            # The transaction is rolled back; the form comes back with the input and the service's reason.
            return self._add_form_again(request, refused.form, form_url)

    def _add_form_again(self, request, form, form_url):
        admin_form = helpers.AdminForm(
            form, list(self.get_fieldsets(request)), {}, self.get_readonly_fields(request), model_admin=self
        )
        context = {
            **self.admin_site.each_context(request),
            "title": f"{self.opts.verbose_name} hinzufügen",
            "subtitle": None,
            "adminform": admin_form,
            "object_id": None,
            "original": None,
            "is_popup": False,
            "to_field": None,
            "media": self.media + admin_form.media,
            "inline_admin_formsets": [],
            "errors": helpers.AdminErrorList(form, []),
            "preserved_filters": self.get_preserved_filters(request),
        }
        return self.render_change_form(request, context, add=True, form_url=form_url)

    def has_delete_permission(self, request, obj=None):
        # Registrations are cancelled (the seat moves on) or anonymised, not deleted; administrators may still
        # delete one on request of the person (DSGVO Art. 17).
        return request.user.is_superuser

    def log_deletions(self, request, queryset):
        # Erased on request: the history keeps that a registration was deleted, not whose it was.
        entries = super().log_deletions(request, queryset)
        services.anonymise_admin_log(registration_ids=[registration.pk for registration in queryset])
        return entries

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            counts = changelist.queryset.status_counts()
            response.context_data["status_counts"] = [
                (label, counts[value]) for value, label in Registration.Status.choices
            ]
        return response
