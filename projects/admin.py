import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import models
from django.db.models import OuterRef, Subquery
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from portal.mail import absolute_url
from portal.models import Municipality
from portal.uploads import validate_document, validate_image
from projects import services
from projects.forms import ApproveForm, PartnerRequestRejectForm, RejectForm, RequestChangesForm
from projects.models import (
    Document,
    Participant,
    PartnerRequest,
    Project,
    ProjectImage,
    Submission,
    SubmissionFile,
    Topic,
)
from projects.services import (
    SubmissionError,
    approve_submission,
    attach_document_file,
    compare_submission,
    delete_submissions,
    publish_projects,
    refresh_document,
    refresh_project,
    reject_submission,
    request_submission_changes,
    restore_participants,
    restore_tags,
    unpublish_projects,
)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class ParticipantFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        leads = [f for f in kept if f.cleaned_data.get("role") == Participant.Role.LEAD]
        if len(leads) > 1:
            raise forms.ValidationError("Bitte nur eine Kommune als hauptverantwortlich eintragen.")
        municipalities = [f.cleaned_data["municipality"] for f in kept if f.cleaned_data.get("municipality")]
        if len(municipalities) != len(set(municipalities)):
            raise forms.ValidationError("Eine Kommune ist doppelt eingetragen.")


class ParticipantInline(admin.TabularInline):
    model = Participant
    formset = ParticipantFormSet
    fields = ["municipality", "organisation", "role", "note", "position"]
    autocomplete_fields = ["municipality"]

    def get_extra(self, request, obj=None, **kwargs):
        return 3 if obj is None else 0


class ProjectImageForm(forms.ModelForm):
    class Meta:
        model = ProjectImage
        fields = ["image", "alt_text", "caption", "credit", "position"]

    def clean_image(self):
        image = self.cleaned_data["image"]
        if isinstance(image, UploadedFile):
            validate_image(image, max_bytes=settings.IMAGE_MAX_BYTES)
            # A new upload gets new renditions.
            self.instance.small = self.instance.large = ""
        return image


class ProjectImageInline(admin.StackedInline):
    model = ProjectImage
    form = ProjectImageForm
    extra = 0


class ProjectDocumentInline(admin.TabularInline):
    model = Document.projects.through
    autocomplete_fields = ["document"]
    extra = 0
    verbose_name = "Dokument"
    verbose_name_plural = "Dokumente (in der Bibliothek anlegen, hier verknüpfen)"


class RegierungsbezirkFilter(admin.SimpleListFilter):
    title = "Regierungsbezirk"
    parameter_name = "regierungsbezirk"

    def lookups(self, request, model_admin):
        return [(rb.slug, rb.short_name) for rb in Municipality.objects.regierungsbezirke().by_name()]

    def queryset(self, request, queryset):
        bezirk = Municipality.objects.regierungsbezirke().filter(slug=self.value()).first() if self.value() else None
        return queryset.involving(bezirk) if bezirk else queryset


@admin.action(description="Ausgewählte Projekte veröffentlichen", permissions=["change"])
def publish(modeladmin, request, queryset):
    count = publish_projects(projects=queryset)
    modeladmin.message_user(request, f"{count} Projekt(e) veröffentlicht.", messages.SUCCESS)


@admin.action(description="Ausgewählte Projekte zurückziehen (Entwurf)", permissions=["change"])
def unpublish(modeladmin, request, queryset):
    count = unpublish_projects(projects=queryset)
    modeladmin.message_user(request, f"{count} Projekt(e) zurückgezogen; sie sind nicht mehr öffentlich.")


class RefreshingHistoryAdmin(SimpleHistoryAdmin):
    """Versions kept by django-simple-history; after a save or a restored version, `refresh` the object's
    stored search vector (a restore saves the object without its inlines, so save_related alone misses it)."""

    def refresh(self, obj):
        raise NotImplementedError

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        self.refresh(form.instance)

    def restore_related(self, obj, *, as_of):
        """After a restore: bring back what the version form leaves out, as it was at `as_of`."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # The moment just before the next version: the state the chosen version's save left behind,
        # with its inlines (saved after the object). Read first, since restoring adds a version.
        versions = self.model.history.filter(**{self.model._meta.pk.attname: object_id})
        chosen = versions.filter(history_id=version_id).first()
        later = chosen and versions.filter(history_date__gt=chosen.history_date).order_by("history_date").first()
        response = super().history_form_view(request, object_id, version_id, extra_context)
        if request.method == "POST" and response.status_code == 302:
            obj = self.model.objects.get(pk=object_id)
            if later:
                self.restore_related(obj, as_of=later.history_date - datetime.timedelta(microseconds=1))
            self.refresh(obj)
        return response


@admin.register(Project)
class ProjectAdmin(RefreshingHistoryAdmin):
    list_display = ["title", "lead_name", "status", "is_published", "is_lighthouse", "updated_at"]
    list_filter = ["is_published", "is_lighthouse", "status", "form", RegierungsbezirkFilter, "topics"]
    search_fields = ["title", "teaser", "participants__municipality__short_name", "participants__organisation"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["published_at", "confirmation_requested_at", "created_at", "updated_at"]
    filter_horizontal = ["topics"]
    actions = [publish, unpublish]
    inlines = [ParticipantInline, ProjectDocumentInline, ProjectImageInline]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "slug", "teaser", "is_published", "is_lighthouse"]}),
        ("Einordnung", {"fields": ["topics", "tags", "form", "status", ("start", "end"), "funding", "website"]}),
        ("Steckbrief", {"fields": ["occasion", "goal", "implementation", "benefit"]}),
        (
            "Wirkung (alle Angaben freiwillig)",
            {
                "fields": [
                    ("savings_eur_per_year", "savings_percent"),
                    ("staff_effect_fte", "processing_time_percent"),
                ]
            },
        ),
        (
            "Ansprechperson",
            {"fields": ["contact_name", "contact_function", "contact_email", "contact_phone", "contact_consent"]},
        ),
        (
            "Pflege",
            {
                "fields": [
                    "last_confirmed_at",
                    "confirmation_requested_at",
                    "published_at",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        lead = Participant.objects.filter(project=OuterRef("pk"), role=Participant.Role.LEAD)
        return (
            super()
            .get_queryset(request)
            .annotate(lead_name=Subquery(lead.values("municipality__short_name")[:1]))
            .defer("occasion", "goal", "implementation", "benefit", "search_vector")
        )

    @admin.display(description="Hauptverantwortlich", ordering="lead_name")
    def lead_name(self, obj):
        return obj.lead_name or "–"

    def refresh(self, obj):
        refresh_project(project=obj)

    def restore_related(self, obj, *, as_of):
        restore_participants(project=obj, as_of=as_of)
        restore_tags(obj=obj, as_of=as_of)


class _StoredFile(str):
    """The stored file as the file widget shows it: its name, linked to the download view."""

    def __new__(cls, name, url):
        value = super().__new__(cls, name)
        value.url = url
        return value


class DocumentFileInput(forms.ClearableFileInput):
    """Documents lie outside the public media; the widget links the current file to its download view."""

    def is_initial(self, value):
        # FieldFile.url raises for a storage without URLs; the name tells whether there is a file.
        return bool(value and getattr(value, "name", None))

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        if self.is_initial(value) and getattr(self, "download_url", None):
            context["widget"]["value"] = _StoredFile(value.name.rsplit("/", 1)[-1], self.download_url)
        return context


class DocumentAdminForm(forms.ModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        widget = DocumentFileInput()
        if self.instance.pk:
            widget.download_url = self.instance.get_download_url()
        self.fields["file"].widget = widget

    class Meta:
        model = Document
        fields = [
            "kind",
            "title",
            "slug",
            "date",
            "description",
            "is_published",
            "file",
            "topics",
            "tags",
            "projects",
            "court",
            "file_number",
            "tenor",
            "author",
            "source",
            "licence",
        ]

    def clean_file(self):
        file = self.cleaned_data["file"]
        if isinstance(file, UploadedFile):
            self.file_type = validate_document(file, max_bytes=settings.DOCUMENT_MAX_BYTES)
        return file

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("kind") == Document.Kind.COURT_DECISION:
            for field in ("court", "file_number", "date"):
                if not cleaned_data.get(field) and field not in self.errors:
                    self.add_error(field, "Bei einer Gerichtsentscheidung bitte angeben.")
        return cleaned_data

    def save(self, commit=True):
        document = super().save(commit=False)
        if getattr(self, "file_type", None):
            attach_document_file(document=document, upload=self.cleaned_data["file"], file_type=self.file_type)
        if commit:
            document.save()
            self.save_m2m()
        return document


@admin.register(Document)
class DocumentAdmin(RefreshingHistoryAdmin):
    form = DocumentAdminForm
    list_display = ["title", "kind", "date", "is_published", "download_count"]
    list_filter = ["kind", "is_published", "topics"]
    date_hierarchy = "date"
    search_fields = ["title", "description", "file_number", "court", "author"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["projects"]
    filter_horizontal = ["topics"]
    readonly_fields = [
        "file_name",
        "content_type",
        "size",
        "download_count",
        "text_excerpt",
        "created_at",
        "updated_at",
    ]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["kind", "title", "slug", "date", "description", "is_published"]}),
        ("Datei", {"fields": ["file", "file_name", "content_type", "size", "text_excerpt", "download_count"]}),
        ("Einordnung", {"fields": ["topics", "tags", "projects"]}),
        (
            "Gerichtsentscheidung",
            {"fields": ["court", "file_number", "tenor"], "description": "Nur bei der Art „Gerichtsentscheidung“."},
        ),
        ("Herkunft", {"fields": ["author", "source", "licence", "created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("search_vector")

    @admin.display(description="Gefundener Text (Anfang)")
    def text_excerpt(self, obj):
        if not obj.pk:
            return "–"
        if not obj.text:
            return "Kein Text gefunden: die Suche findet dieses Dokument nur über Titel, Beschreibung und Schlagworte."
        return f"{obj.text[:400]} … ({len(obj.text):,} Zeichen)".replace(",", ".")

    def refresh(self, obj):
        refresh_document(document=obj)

    def restore_related(self, obj, *, as_of):
        restore_tags(obj=obj, as_of=as_of)


# --- Partnersuche ---------------------------------------------------------------------------------


class PartnerStateFilter(admin.SimpleListFilter):
    """The editors' queue first: without a choice the list shows the requests waiting for a decision."""

    title = "Status"
    parameter_name = "status"
    ALL = "alle"
    EXPIRED = "abgelaufen"

    def lookups(self, request, model_admin):
        state = PartnerRequest.State
        return [
            (state.PENDING, "zur Prüfung"),
            (state.PUBLISHED, "veröffentlicht (läuft)"),
            (self.EXPIRED, "veröffentlicht, abgelaufen"),
            (state.UNCONFIRMED, "E-Mail nicht bestätigt"),
            (state.REJECTED, "abgelehnt"),
            (state.CLOSED, "von der Kommune beendet"),
            (self.ALL, "Alle"),
        ]

    def __init__(self, request, params, model, model_admin):
        # Whoever searches means every request, not only the queue.
        self.searching = bool(request.GET.get("q"))
        super().__init__(request, params, model, model_admin)

    def value(self):
        return super().value() or (self.ALL if self.searching else PartnerRequest.State.PENDING)

    def choices(self, changelist):
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.ALL:
            return queryset
        if value == self.EXPIRED:
            return queryset.published().filter(expires_on__lt=timezone.localdate())
        if value == PartnerRequest.State.PUBLISHED:
            return queryset.open()
        return queryset.filter(state=value)


@admin.action(description="Ausgewählte Partnersuchen veröffentlichen (E-Mail an die Kommune)", permissions=["change"])
def publish_partners(modeladmin, request, queryset):
    selected = queryset.count()
    count = services.publish_partner_requests(partner_requests=queryset, by=request.user)
    text = f"{count} Partnersuche(n) veröffentlicht; die Ansprechpersonen erhalten eine E-Mail."
    if skipped := selected - count:
        text += (
            f" {skipped} übersprungen: Veröffentlichen lassen sich nur bestätigte Partnersuchen, die zur Prüfung "
            "stehen und noch nicht abgelaufen sind."
        )
    modeladmin.message_user(request, text, messages.SUCCESS if count else messages.WARNING)


@admin.action(description="Ausgewählte Partnersuchen ablehnen (mit Begründung an die Kommune)", permissions=["change"])
def reject_partners(modeladmin, request, queryset):
    """An action with a step between: the reason, which every sender gets by mail."""
    chosen = list(
        queryset.filter(state__in=[PartnerRequest.State.PENDING, PartnerRequest.State.PUBLISHED]).select_related(
            "municipality"
        )
    )
    form = PartnerRequestRejectForm(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        for partner_request in chosen:
            services.reject_partner_request(
                partner_request=partner_request, reason=form.cleaned_data["reason"], by=request.user
            )
        modeladmin.message_user(
            request,
            f"{len(chosen)} Partnersuche(n) abgelehnt; die Ansprechpersonen erhalten die Begründung per E-Mail.",
            messages.SUCCESS,
        )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": "Partnersuchen ablehnen",
        "objects": chosen,
        "form": form,
        "action": request.POST.get("action"),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "opts": modeladmin.model._meta,
    }
    return TemplateResponse(request, "projects/partners/admin_reject.html", context)


@admin.register(PartnerRequest)
class PartnerRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "municipality", "state_display", "expires_on", "created_at"]
    list_filter = [PartnerStateFilter, "topics"]
    list_select_related = ["municipality"]
    search_fields = ["title", "description", "municipality__short_name", "contact_name", "contact_email"]
    search_help_text = "Titel, Beschreibung, Kommune, Ansprechperson oder E-Mail-Adresse"
    autocomplete_fields = ["municipality", "region"]
    filter_horizontal = ["topics"]
    actions = [publish_partners, reject_partners]
    list_per_page = 50
    readonly_fields = [
        "state",
        "created_at",
        "email_confirmed_at",
        "published_at",
        "decided_at",
        "decided_by",
        "rejection_reason",
        "closed_at",
        "reminded_for",
        "consent_text",
        "manage_link",
    ]
    fieldsets = [
        (None, {"fields": ["municipality", "title", "topics", "region", "description"]}),
        ("Ansprechperson", {"fields": ["contact_name", "contact_function", "contact_email", "contact_phone"]}),
        ("Laufzeit", {"fields": ["expires_on", "reminded_for"]}),
        (
            "Prüfung",
            {
                "fields": [
                    "state",
                    "created_at",
                    "email_confirmed_at",
                    "published_at",
                    "decided_at",
                    "decided_by",
                    "rejection_reason",
                    "closed_at",
                ],
                "description": "Veröffentlichen und Ablehnen über die Aktionen in der Liste.",
            },
        ),
        ("Einwilligung", {"fields": ["consent_text"]}),
        ("Für Rückfragen der Kommune", {"fields": ["manage_link"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("municipality__shape")

    def has_add_permission(self, request):
        # Requests come through the form on the site, with the confirmed address of the person behind them.
        return False

    @admin.display(description="Status", ordering="state")
    def state_display(self, obj):
        if obj.state == PartnerRequest.State.PUBLISHED and obj.is_expired:
            return "veröffentlicht, abgelaufen"
        return obj.get_state_display()

    @admin.display(description="Eigene Seite der Kommune")
    def manage_link(self, obj):
        if obj.state == PartnerRequest.State.UNCONFIRMED:
            return "– (erst nach der Bestätigung der E-Mail-Adresse)"
        url = absolute_url(services.partner_manage_path(obj))
        return format_html(
            '<a href="{}">{}</a><div class="help">Dort verlängert oder beendet die Kommune ihre Suche; '
            "bitte nur an die Ansprechperson weitergeben.</div>",
            url,
            url,
        )


# --- Submissions: the editors' queue ----------------------------------------------------------------------


class SubmissionStateFilter(admin.SimpleListFilter):
    """The queue first: without a choice the list shows the submissions waiting for a decision."""

    title = "Stand"
    parameter_name = "stand"
    ALL = "alle"

    def lookups(self, request, model_admin):
        return [*Submission.State.choices, (self.ALL, "Alle")]

    def choices(self, changelist):
        current = self.value() or Submission.State.PENDING
        for value, label in self.lookup_choices:
            yield {
                "selected": current == value,
                "query_string": changelist.get_query_string({self.parameter_name: value}),
                "display": label,
            }

    def queryset(self, request, queryset):
        value = self.value() or Submission.State.PENDING
        return queryset if value == self.ALL else queryset.filter(state=value)


def _undecided(submission: Submission) -> bool:
    return submission.state not in (Submission.State.APPROVED, Submission.State.REJECTED)


class SubmissionFileInline(admin.TabularInline):
    model = SubmissionFile
    extra = 0
    fields = ["preview", "kind", "title", "document_kind", "alt_text", "credit", "size_display", "published"]
    readonly_fields = ["preview", "kind", "size_display", "published"]
    verbose_name_plural = "Dateien (erst mit dem Übernehmen öffentlich)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (obj is None or _undecided(obj))

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and (obj is None or _undecided(obj))

    @admin.display(description="Datei")
    def preview(self, obj):
        if not obj.file:
            return obj.file_name
        url = reverse("admin:projects_submission_file", args=[obj.submission_id, obj.pk])
        if obj.is_image:
            return format_html(
                '<a href="{}"><img src="{}" alt="{}" class="submission-thumbnail"></a><br>{}',
                url,
                url,
                obj.alt_text,
                obj.file_name,
            )
        return format_html('<a href="{}">{}</a>', url, obj.file_name)

    @admin.display(description="Größe")
    def size_display(self, obj):
        return filesizeformat(obj.size)

    @admin.display(description="Veröffentlicht als")
    def published(self, obj):
        if obj.document_id:
            return format_html(
                '<a href="{}">{}</a>', reverse("admin:projects_document_change", args=[obj.document_id]), "Dokument"
            )
        if obj.image_id:
            return "Bild des Projekts"
        return "–"


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin):
    """The queue of submissions: each beside the published project it would change, with the decisions
    (approve, reject with a reason, ask for changes) as buttons of its page."""

    change_form_template = "admin/projects/submission/change_form.html"
    list_display = ["__str__", "kind", "state", "submitter", "lead", "submitted_at"]
    list_filter = [SubmissionStateFilter, "kind"]
    search_fields = ["title", "submitter_name", "submitter_email", "submitter_municipality__short_name"]
    autocomplete_fields = ["submitter_municipality", "lead_municipality", "municipalities"]
    filter_horizontal = ["topics"]
    inlines = [SubmissionFileInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_per_page = 50
    readonly_fields = [
        "kind",
        "state",
        "project_link",
        "submitted_at",
        "email_confirmed_at",
        "from_contact",
        "decided_at",
        "decided_by",
        "reason",
        "editor_message",
        "consent_text",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            "Stand",
            {
                "fields": [
                    ("kind", "state"),
                    "project_link",
                    ("submitted_at", "email_confirmed_at"),
                    ("decided_at", "decided_by"),
                    "reason",
                    "editor_message",
                ]
            },
        ),
        (
            "Absender",
            {
                "fields": [
                    "submitter_name",
                    ("submitter_municipality", "submitter_organisation"),
                    "submitter_function",
                    ("submitter_email", "from_contact"),
                    "submitter_phone",
                ]
            },
        ),
        ("Projekt", {"fields": ["title", "teaser", "topics", ("form", "status"), "start", "website"]}),
        ("Beteiligte", {"fields": ["lead_municipality", "municipalities", "other_participants"]}),
        ("Steckbrief (Text, wird beim Übernehmen zu Absätzen)", {"fields": ["occasion", "goal", "implementation"]}),
        (
            "Ansprechperson",
            {"fields": ["contact_name", "contact_function", "contact_email", "contact_phone", "contact_consent"]},
        ),
        ("Einwilligung", {"fields": ["consent_text", ("created_at", "updated_at")], "classes": ["collapse"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_list_data()

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and not _undecided(obj):
            # Decided: kept as it was.
            return [field.name for field in Submission._meta.fields if field.name != "id"] + [
                "project_link",
                "from_contact",
                "topics",
                "municipalities",
            ]
        return self.readonly_fields

    def has_add_permission(self, request):
        return False

    @admin.display(description="Absender", ordering="submitter_name")
    def submitter(self, obj):
        organisation = (
            obj.submitter_municipality.short_name if obj.submitter_municipality_id else obj.submitter_organisation
        )
        return f"{obj.submitter_name} ({organisation})" if organisation else obj.submitter_name

    @admin.display(description="Hauptverantwortlich", ordering="lead_municipality__short_name")
    def lead(self, obj):
        return obj.lead_municipality.short_name if obj.lead_municipality_id else "–"

    @admin.display(description="Projekt")
    def project_link(self, obj):
        if not obj.project_id:
            return "– (neues Projekt)"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">auf der Website</a>',
            reverse("admin:projects_project_change", args=[obj.project_id]),
            obj.project.title,
            obj.project.get_absolute_url(),
        )

    @admin.display(description="Absender ist die Ansprechperson des Projekts", boolean=True)
    def from_contact(self, obj):
        return obj.from_project_contact if obj.is_change else None

    def change_view(self, request, object_id, form_url="", extra_context=None):
        submission = self.get_object(request, object_id)
        extra_context = extra_context or {}
        if submission is not None:
            extra_context["comparison"] = compare_submission(submission)
            extra_context["can_decide"] = submission.state == Submission.State.PENDING
            if not submission.is_change and submission.title:
                extra_context["similar_projects"] = list(
                    Project.objects.titled_like(submission.title).only("title")[:3]
                )
        return super().change_view(request, object_id, form_url, extra_context)

    def response_change(self, request, obj):
        if "_uebernehmen" in request.POST:
            return redirect("admin:projects_submission_approve", obj.pk)
        return super().response_change(request, obj)

    def delete_model(self, request, obj):
        delete_submissions(submissions=Submission.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        delete_submissions(submissions=queryset)

    # --- Decisions ---

    def get_urls(self):
        own = [
            path(
                "<int:pk>/uebernehmen/",
                self.admin_site.admin_view(self.approve_view),
                name="projects_submission_approve",
            ),
            path("<int:pk>/ablehnen/", self.admin_site.admin_view(self.reject_view), name="projects_submission_reject"),
            path(
                "<int:pk>/aenderungen-erbitten/",
                self.admin_site.admin_view(self.request_changes_view),
                name="projects_submission_request_changes",
            ),
            path(
                "<int:pk>/datei/<int:file_pk>/",
                self.admin_site.admin_view(self.file_view),
                name="projects_submission_file",
            ),
        ]
        return own + super().get_urls()

    def _submission(self, request, pk) -> Submission:
        if not self.has_change_permission(request):
            raise PermissionDenied
        return get_object_or_404(Submission.objects.select_related("project", "lead_municipality"), pk=pk)

    def _decision_page(self, request, submission, *, form, title, template, **extra):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "subtitle": str(submission),
            "submission": submission,
            "original": submission,
            "form": form,
            "opts": self.model._meta,
            **extra,
        }
        return TemplateResponse(request, f"admin/projects/submission/{template}.html", context)

    def _decide(self, request, submission, decision, success: str):
        try:
            decision()
        except SubmissionError as error:
            self.message_user(request, str(error), messages.ERROR)
            return redirect("admin:projects_submission_change", submission.pk)
        self.log_change(request, submission, success)
        self.message_user(request, success, messages.SUCCESS)
        return redirect("admin:projects_submission_changelist")

    def approve_view(self, request, pk):
        """Create or update the published project from the submission (after a confirmation page)."""
        submission = self._submission(request, pk)
        needed = "projects.change_project" if submission.is_change else "projects.add_project"
        if not request.user.has_perm(needed):
            raise PermissionDenied
        form = ApproveForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                project = approve_submission(
                    submission=submission, by=request.user, publish=form.cleaned_data["publish"] or submission.is_change
                )
            except SubmissionError as error:
                self.message_user(request, str(error), messages.ERROR)
                return redirect("admin:projects_submission_change", submission.pk)
            self.log_change(request, submission, "Übernommen")
            self.message_user(
                request,
                format_html(
                    'Übernommen: „{}“. <a href="{}">Das Projekt bearbeiten</a> · <a href="{}">auf der Website</a>',
                    submission,
                    reverse("admin:projects_project_change", args=[project.pk]),
                    project.get_absolute_url(),
                ),
                messages.SUCCESS,
            )
            return redirect("admin:projects_submission_changelist")
        return self._decision_page(
            request,
            submission,
            form=form,
            title="Meldung übernehmen",
            template="approve",
            changes=[row for row in compare_submission(submission) if row.proposed_change],
            files=list(submission.files.exclude(file="")),
        )

    def reject_view(self, request, pk):
        submission = self._submission(request, pk)
        form = RejectForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            reason = form.cleaned_data["reason"]
            return self._decide(
                request,
                submission,
                lambda: reject_submission(submission=submission, by=request.user, reason=reason),
                f"Abgelehnt: „{submission}“; die absendende Person ist benachrichtigt.",
            )
        return self._decision_page(
            request,
            submission,
            form=form,
            title="Meldung ablehnen",
            template="decide",
            intro="Die absendende Person erhält eine E-Mail mit Ihrer Begründung. Die hochgeladenen Dateien werden "
            "gelöscht. Das lässt sich nicht rückgängig machen.",
            button="Ablehnen und benachrichtigen",
        )

    def request_changes_view(self, request, pk):
        submission = self._submission(request, pk)
        form = RequestChangesForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            message = form.cleaned_data["message"]
            return self._decide(
                request,
                submission,
                lambda: request_submission_changes(submission=submission, by=request.user, message=message),
                f"Änderungen erbeten: „{submission}“; die absendende Person hat den Link zum Formular erhalten.",
            )
        return self._decision_page(
            request,
            submission,
            form=form,
            title="Änderungen erbitten",
            template="decide",
            intro="Die absendende Person erhält eine E-Mail mit Ihrer Bitte und einem Link zum ausgefüllten Formular. "
            "Sendet sie die Meldung erneut ab, steht sie wieder hier zur Prüfung.",
            button="Bitte senden",
        )

    def file_view(self, request, pk, file_pk):
        """A file of a submission for the editors (it lies outside the public media until approved)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        submission_file = get_object_or_404(SubmissionFile, pk=file_pk, submission_id=pk)
        try:
            file = submission_file.file.open("rb")
        except (FileNotFoundError, ValueError):
            raise Http404("Die Datei ist nicht mehr vorhanden.") from None
        response = FileResponse(
            file,
            as_attachment=not submission_file.is_image,
            filename=submission_file.file_name,
            content_type=submission_file.content_type,
        )
        response["X-Content-Type-Options"] = "nosniff"
        return response
