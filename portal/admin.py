from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html

from portal import mail, usage
from portal.demo import PAGES
from portal.models import ContactMessage, Municipality, NewsItem, OutgoingMail, Page, PageViewDay
from portal.services import refresh_news_item


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "updated_at"]
    search_fields = ["title", "lead", "body"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["updated_at"]

    # Impressum, Datenschutz, Kontakt and the other pages of the footer must always exist.
    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.slug in PAGES)

    def get_readonly_fields(self, request, obj=None):
        if obj and obj.slug in PAGES:
            return [*self.readonly_fields, "slug"]
        return self.readonly_fields

    def get_prepopulated_fields(self, request, obj=None):
        return {} if obj and obj.slug in PAGES else self.prepopulated_fields


# Shown to editors, but owned by the reference data (portal/services.py, sync_municipalities).
MUNICIPALITY_REFERENCE_FIELDS = [
    "ags",
    "kind",
    "slug",
    "kreis",
    "regierungsbezirk",
    "landschaftsverband",
    "area_km2",
    "latitude",
    "longitude",
    "updated_at",
]


class MunicipalityAdminForm(forms.ModelForm):
    website = forms.URLField(label="Website", required=False, max_length=200, assume_scheme="https")

    class Meta:
        model = Municipality
        fields = ["name", "short_name", "spitzenverband", "population", "population_date", "website", "address"]

    def clean(self):
        cleaned_data = super().clean()
        population, date = cleaned_data.get("population"), cleaned_data.get("population_date")
        if population is not None and date is None and "population_date" not in self.errors:
            self.add_error("population_date", "Bitte geben Sie an, auf welchen Tag sich die Einwohnerzahl bezieht.")
        if population is None and date is not None and "population" not in self.errors:
            self.add_error("population", "Bitte geben Sie die Einwohnerzahl zu diesem Stand an.")
        return cleaned_data


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    """The reference data of the BKG: editors correct names and add what the data does not hold.

    Other apps point to Kommunen with `autocomplete_fields`; the search below serves them too.
    A Kommune that other records point to cannot be deleted (the foreign keys protect it).
    """

    form = MunicipalityAdminForm
    list_display = ["short_name", "kind", "kreis", "regierungsbezirk", "spitzenverband", "population", "ags"]
    list_filter = ["kind", "regierungsbezirk", "spitzenverband"]
    list_select_related = ["kreis", "regierungsbezirk"]
    search_fields = ["short_name", "name", "ags"]
    search_help_text = "Name (auch ohne Umlaute, z. B. „Muelheim“) oder Gemeindeschlüssel"
    ordering = ["short_name"]
    list_per_page = 50
    readonly_fields = MUNICIPALITY_REFERENCE_FIELDS
    fieldsets = [
        (None, {"fields": ["name", "short_name", "spitzenverband"]}),
        ("Einwohner und Kontakt", {"fields": ["population", "population_date", "website", "address"]}),
        ("Referenzdaten (BKG, nicht änderbar)", {"fields": MUNICIPALITY_REFERENCE_FIELDS}),
    ]

    # All Kommunen of NRW come from the reference data: editors correct them but neither add nor delete.
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_search_results(self, request, queryset, search_term):
        """Names however umlauts are typed, and the AGS."""
        term = search_term.strip()
        if not term:
            return queryset, False
        if term.isdigit():
            return queryset.filter(ags__startswith=term), False
        return queryset.search(term), False


@admin.register(ContactMessage)
class ContactMessageAdmin(admin.ModelAdmin):
    list_display = ["subject", "kind", "name", "email", "created_at", "handled"]
    list_filter = ["kind", "handled", "created_at"]
    list_editable = ["handled"]
    search_fields = ["subject", "name", "email", "organisation", "message"]
    date_hierarchy = "created_at"
    readonly_fields = ["kind", "name", "email", "organisation", "subject", "message", "page_url", "created_at"]

    def has_add_permission(self, request):
        return False


@admin.register(OutgoingMail)
class OutgoingMailAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipients", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "template", "created_at"]
    search_fields = ["subject", "to"]
    date_hierarchy = "created_at"
    actions = ["send_again"]
    fields = [
        "subject",
        "to",
        "reply_to",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "created_at",
        "sent_at",
        "template",
        "body_text",
    ]
    readonly_fields = fields

    @admin.display(description="An")
    def recipients(self, obj):
        return ", ".join(obj.to)

    @admin.action(description="Ausgewählte E-Mails erneut senden")
    def send_again(self, request, queryset):
        ids = list(queryset.exclude(status=OutgoingMail.Status.SENT).values_list("pk", flat=True))
        for mail_id in ids:
            mail.resend_mail(mail_id=mail_id)
        messages.info(
            request, f"{len(ids)} E-Mail(s) zum Senden eingereiht. Der Status erscheint hier, sobald sie raus sind."
        )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# --- Usage figures -----------------------------------------------------------------------------------


@admin.register(PageViewDay)
class UsageAdmin(admin.ModelAdmin):
    """ "Nutzungszahlen" in the admin index: one page with charts and top lists instead of a list of rows.

    The figures are counted by portal/usage.py and never edited; editors need only the view permission.
    """

    def get_urls(self):
        view = self.admin_site.admin_view(self.changelist_view)
        return [path("", view, name="portal_pageviewday_changelist")]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            days = int(request.GET.get("tage", usage.DEFAULT_PERIOD))
        except ValueError:
            days = usage.DEFAULT_PERIOD
        if days not in usage.PERIODS:
            days = usage.DEFAULT_PERIOD
        report = usage.usage_report(days=days)
        context = {
            **self.admin_site.each_context(request),
            "title": "Nutzungszahlen",
            "opts": self.model._meta,
            "days": days,
            "periods": usage.PERIODS,
            "report": report,
            "views_chart": report.chart("views", f"Seitenaufrufe je Tag, letzte {days} Tage"),
            "visitors_chart": report.chart("visitors", f"Besucherinnen und Besucher je Tag, letzte {days} Tage"),
            "retention_days": settings.USAGE_RETENTION_DAYS,
        }
        return TemplateResponse(request, "admin/portal/usage.html", context)


# --- News ----------------------------------------------------------------------------------------

# Addresses below /aktuelles/ that belong to the section itself.
NEWS_RESERVED_SLUGS = {"feed"}


class NewsItemAdminForm(forms.ModelForm):
    class Meta:
        model = NewsItem
        fields = ["title", "slug", "published_on", "is_published", "teaser", "body", "topics"]
        fields += ["image", "image_alt", "image_credit"]

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in NEWS_RESERVED_SLUGS:
            raise forms.ValidationError(
                f"„{slug}“ ist als Adresse einer Meldung nicht möglich; bitte ergänzen Sie sie."
            )
        return slug

    def clean_image(self):
        image = self.cleaned_data["image"]
        if isinstance(image, UploadedFile):
            # A new upload gets a new rendition (portal.services.refresh_news_item, after saving).
            self.instance.image_rendition = ""
        return image


@admin.action(description="Ausgewählte Meldungen veröffentlichen", permissions=["change"])
def publish_news(modeladmin, request, queryset):
    count = queryset.filter(is_published=False).update(is_published=True, updated_at=timezone.now())
    modeladmin.message_user(request, f"{count} Meldung(en) veröffentlicht.", messages.SUCCESS)


@admin.action(description="Ausgewählte Meldungen zurückziehen (nicht mehr öffentlich)", permissions=["change"])
def unpublish_news(modeladmin, request, queryset):
    count = queryset.filter(is_published=True).update(is_published=False, updated_at=timezone.now())
    modeladmin.message_user(request, f"{count} Meldung(en) zurückgezogen.", messages.SUCCESS)


@admin.register(NewsItem)
class NewsItemAdmin(admin.ModelAdmin):
    """Kurzmeldungen of /aktuelles/: a date, a Kurztext for lists and feeds, the text, an optional picture."""

    form = NewsItemAdminForm
    list_display = ["title", "published_on", "is_published", "topic_names", "has_image"]
    list_filter = ["is_published", "published_on", "topics"]
    date_hierarchy = "published_on"
    search_fields = ["title", "teaser", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["topics"]
    readonly_fields = ["image_preview", "created_at", "updated_at"]
    actions = [publish_news, unpublish_news]
    list_per_page = 50
    fieldsets = [
        (None, {"fields": ["title", "slug", "published_on", "is_published", "teaser", "body"]}),
        ("Themenfelder", {"fields": ["topics"]}),
        (
            "Bild",
            {
                "fields": ["image", "image_preview", "image_alt", "image_credit"],
                "description": "Optional. Mit Bild ist ein Alternativtext Pflicht.",
            },
        ),
        ("Verwaltung", {"fields": ["created_at", "updated_at"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body", "search_vector").prefetch_related("topics")

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the Themenfelder are saved: the rendition of a new picture and the search vector.
        refresh_news_item(news_item=form.instance)

    @admin.display(description="Themenfelder")
    def topic_names(self, obj):
        return ", ".join(topic.name for topic in obj.topics.all()) or "–"

    @admin.display(description="Bild", boolean=True)
    def has_image(self, obj):
        return bool(obj.image)

    @admin.display(description="Vorschau")
    def image_preview(self, obj):
        if not obj.image:
            return "–"
        source = obj.image_rendition or obj.image
        return format_html('<img src="{}" alt="{}" width="320" class="news-image-preview">', source.url, obj.image_alt)
