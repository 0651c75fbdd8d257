"""The editors' tools for the Landespreis: rounds with their pages, rules, categories, criteria and jury;
entries with filters, CSV export and state changes. Scoring happens in the jury area of the site, not here.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from awards import services
from awards.eligibility import one_entry_per_lead_problems
from awards.exports import entries_csv_response
from awards.models import (
    Category,
    ConflictOfInterest,
    Criterion,
    Entry,
    EntryAttachment,
    JuryMember,
    OrganisationKind,
    Round,
    Score,
)
from awards.views import attachment_response
from portal.permissions import JURY_GROUP

# --- Rounds ------------------------------------------------------------------------------------------------


class RoundAdminForm(forms.ModelForm):
    excluded_organisation_kinds = forms.MultipleChoiceField(
        label="Ausgeschlossene Organisationen",
        choices=OrganisationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Wer sich in dieser Runde nicht bewerben kann (z. B. Sparkassen).",
    )

    class Meta:
        model = Round
        fields = [
            "year",
            "title",
            "state",
            "is_published",
            "is_demo",
            "ceremony",
            "entries_open_at",
            "entries_close_at",
            "earliest_project_start",
            "ongoing_projects_eligible",
            "min_municipal_partners",
            "one_entry_per_lead",
            "excluded_organisation_kinds",
            "blind_review",
            "score_max",
            "intro",
            "application_text",
            "conditions_text",
            "prizes_text",
            "faq_text",
        ]


class CategoryInline(admin.TabularInline):
    model = Category
    fields = ["position", "name", "prize_money", "description", "decided_at"]
    readonly_fields = ["decided_at"]
    extra = 0
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 50})}}


class CriterionFormSet(forms.BaseInlineFormSet):
    """Once the jury has scored, no criterion is added (every review would turn incomplete and its total
    disappear) and none it scored by is deleted; once a category is decided, the weights are final too."""

    def clean(self):
        # Before super().clean(): it would list every protected score of a criterion deleted.
        self._keep_what_was_scored()
        super().clean()

    def _keep_what_was_scored(self):
        if not self.instance.pk:
            return
        scored = dict(
            Criterion.objects.filter(round=self.instance, scores__isnull=False).distinct().values_list("pk", "name")
        )
        decided = self.instance.categories.decided().exists()
        errors = []
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.has_changed():
                continue
            deleting = form.cleaned_data.get("DELETE", False)
            if form.instance.pk is None:
                if scored and not deleting:
                    errors.append(
                        "Ein neues Kriterium lässt sich nicht mehr anlegen: Die Jury hat schon bewertet, und jede "
                        "Bewertung wäre danach unvollständig."
                    )
            elif deleting and form.instance.pk in scored:
                errors.append(
                    f"Das Kriterium „{scored[form.instance.pk]}“ lässt sich nicht löschen: Die Jury hat danach "
                    "schon bewertet."
                )
            elif decided and "weight" in form.changed_data:
                errors.append(
                    "Die Gewichte lassen sich nicht mehr ändern: Die Preisträger einer Kategorie stehen fest, "
                    "ihre Wertungen sind endgültig."
                )
        if errors:
            raise forms.ValidationError(list(dict.fromkeys(errors)))


class CriterionInline(admin.TabularInline):
    model = Criterion
    formset = CriterionFormSet
    fields = ["position", "name", "weight", "description"]
    extra = 0
    formfield_overrides = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 50})}}


class JuryMemberFormSet(forms.BaseInlineFormSet):
    def clean(self):
        # Before super().clean(): it would list every protected score of a member deleted.
        self._keep_members_who_scored()
        super().clean()
        chairs = [
            form
            for form in self.forms
            if form.cleaned_data.get("is_chair") and not form.cleaned_data.get("DELETE", False)
        ]
        # Members not in this formset (added meanwhile in another window) count too.
        shown = [form.instance.pk for form in self.forms if form.instance.pk]
        elsewhere = self.instance.jury_members.filter(is_chair=True).exclude(pk__in=shown) if self.instance.pk else []
        if len(chairs) + len(elsewhere) > 1:
            raise forms.ValidationError("Eine Runde hat genau einen Vorsitz.")

    def _keep_members_who_scored(self):
        """A member who has scored stays, with their account: their scores count (and would go with them)."""
        if not self.instance.pk:
            return
        scored = {
            member.pk: str(member)
            for member in self.instance.jury_members.filter(scores__isnull=False).distinct().select_related("user")
        }
        errors = []
        for form in self.forms:
            if form.instance.pk not in scored or not hasattr(form, "cleaned_data"):
                continue
            if form.cleaned_data.get("DELETE", False):
                errors.append(
                    f"„{scored[form.instance.pk]}“ hat schon bewertet und bleibt in der Jury: Die Bewertungen "
                    "zählen für die Gesamtwertungen."
                )
            elif "user" in form.changed_data:
                errors.append(
                    f"Das Benutzerkonto von „{scored[form.instance.pk]}“ lässt sich nicht austauschen: Die "
                    "Bewertungen stammen von dieser Person."
                )
        if errors:
            raise forms.ValidationError(errors)


class JuryMemberInline(admin.TabularInline):
    """The jury of the round: accounts in the group "Jury" (administrators create them)."""

    model = JuryMember
    formset = JuryMemberFormSet
    fields = ["user", "affiliation", "is_chair"]
    extra = 0
    verbose_name_plural = "Jury (Benutzerkonten der Gruppe „Jury“)"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name != "user":
            return super().formfield_for_foreignkey(db_field, request, **kwargs)
        kwargs["queryset"] = (
            get_user_model().objects.filter(groups__name=JURY_GROUP, is_active=True).order_by("last_name", "username")
        )
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        field.label_from_instance = lambda user: f"{user.get_full_name() or user.username} ({user.username})"
        return field

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    form = RoundAdminForm
    list_display = [
        "year",
        "title",
        "state",
        "shown_state",
        "is_published",
        "is_demo",
        "entries_close_at",
        "submitted_count",
    ]
    list_filter = ["state", "is_published"]
    search_fields = ["title"]
    inlines = [CategoryInline, CriterionInline, JuryMemberInline]
    autocomplete_fields = ["ceremony"]
    readonly_fields = ["decided_at"]
    fieldsets = [
        (None, {"fields": ["year", "title", "state", "is_published", "is_demo", "ceremony"]}),
        ("Bewerbungsfrist", {"fields": [("entries_open_at", "entries_close_at")]}),
        (
            "Teilnahmebedingungen (werden beim Einreichen geprüft)",
            {
                "fields": [
                    ("earliest_project_start", "ongoing_projects_eligible"),
                    ("min_municipal_partners", "one_entry_per_lead"),
                    "excluded_organisation_kinds",
                ]
            },
        ),
        ("Jury", {"fields": [("blind_review", "score_max"), "decided_at"]}),
        (
            "Seiten",
            {"fields": ["intro", "application_text", "conditions_text", "prizes_text", "faq_text"]},
        ),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(submitted_count=Count("entries", filter=Q(entries__state__in=Entry.SUBMITTED_STATES)))
        )

    def save_model(self, request, obj, form, change):
        # The retention period of the entries counts from the decision; the jury's last decision sets it too.
        if obj.state == Round.State.DECIDED and obj.decided_at is None:
            obj.decided_at = timezone.now()
        elif obj.state != Round.State.DECIDED:
            obj.decided_at = None
        super().save_model(request, obj, form, change)

    @admin.display(description="Auf der Website (nach der Frist)")
    def shown_state(self, obj):
        return obj.phase().label

    @admin.display(description="Bewerbungen", ordering="submitted_count")
    def submitted_count(self, obj):
        url = reverse("admin:awards_entry_changelist") + f"?runde={obj.year}"
        return format_html('<a href="{}">{}</a>', url, obj.submitted_count)


# --- Entries -------------------------------------------------------------------------------------------------


class RoundFilter(admin.SimpleListFilter):
    title = "Runde"
    parameter_name = "runde"

    def lookups(self, request, model_admin):
        return [(str(year), str(year)) for year in Round.objects.order_by("-year").values_list("year", flat=True)]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(round__year=int(self.value()))
        return queryset


class CategoryFilter(admin.SimpleListFilter):
    """The categories of the chosen round (of all rounds, with their year, when none is chosen)."""

    title = "Kategorie"
    parameter_name = "kategorie"

    def lookups(self, request, model_admin):
        categories = Category.objects.select_related("round").order_by("-round__year", "position", "pk")
        year = request.GET.get("runde", "")
        if year.isdigit():
            return [(str(c.pk), c.name) for c in categories.filter(round__year=int(year))]
        return [(str(c.pk), f"{c.round.year}: {c.name}") for c in categories]

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            return queryset.filter(category_id=int(self.value()))
        return queryset


class EntryAttachmentInline(admin.TabularInline):
    model = EntryAttachment
    fields = ["download", "content_type", "size", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="Datei")
    def download(self, obj):
        url = reverse("admin:awards_entry_attachment", args=[obj.entry_id, obj.pk])
        return format_html('<a href="{}">{}</a>', url, obj.name)


class ScoreInline(admin.TabularInline):
    """The jury's points for the entry, to read: the jury scores in its own area of the site."""

    model = Score
    fields = ["member", "criterion", "value", "comment", "updated_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "Bewertungen der Jury"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member__user", "criterion")


class ConflictOfInterestInline(admin.TabularInline):
    """Conflicts of interest the jury declared. Deleting one withdraws it (e.g. declared by mistake): the member
    sees and scores the entry again. The admin's history of the entry records who deleted it. Once the
    category is decided, the conflicts stay as they are, like the scores."""

    model = ConflictOfInterest
    fields = ["member", "declared_at", "note"]
    readonly_fields = fields
    extra = 0
    verbose_name_plural = "Befangenheiten (Löschen zieht eine irrtümlich erklärte Befangenheit zurück)"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.round.is_decided or (obj.category_id and obj.category.is_decided)):
            return False
        return super().has_delete_permission(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("member__user")


def _state_action(state: str, description: str):
    def action(modeladmin, request, queryset):
        result = services.change_entry_state(entries=queryset, state=state)
        skipped = queryset.count() - result.changed - len(result.refused)
        text = f"{result.changed} Bewerbung(en): {Entry.State(state).label}."
        if skipped:
            text += f" {skipped} übersprungen (Entwürfe, Preisträger oder schon in diesem Stand)."
        modeladmin.message_user(request, text, messages.SUCCESS if result.changed else messages.WARNING)
        for entry, reason in result.refused:
            modeladmin.message_user(request, f"„{entry.title}“ bleibt „nicht zugelassen“: {reason}", messages.ERROR)

    action.__name__ = f"mark_{state}"
    return admin.action(description=description, permissions=["change"])(action)


@admin.action(description="Als CSV herunterladen (für Excel)", permissions=["view"])
def export_csv(modeladmin, request, queryset):
    return entries_csv_response(
        queryset.order_by("round__year", "category__position", "title"),
        filename=f"landespreis-bewerbungen-{timezone.localdate():%Y-%m-%d}.csv",
    )


class EntryAdminForm(forms.ModelForm):
    """Editors correct an entry. A submitted one must keep what the database requires of it (the state is
    read-only here, so Django would not check those constraints and the database would refuse the save), and
    it must still meet "one entry per lead Kommune" when the Kommunen change."""

    class Meta:
        model = Entry
        # What editors may correct (the admin's fieldsets show the read-only rest beside them).
        fields = [
            "title",
            "category",
            "project",
            "short_description",
            "project_start",
            "still_in_implementation",
            "cooperation_form",
            "lead_municipality",
            "hvb_confirms",
            "partners",
            "other_partners",
            "organisation_kind",
            "organisation_name",
            "department",
            "contact_name",
            "email",
            "phone",
            "occasion",
            "goal",
            "implementation",
            "benefit",
            "innovation",
            "sustainability",
        ]

    def clean(self):
        cleaned = super().clean()
        entry = self.instance
        if entry.is_draft:
            return cleaned
        if "category" in self.fields and "category" not in self.errors and not cleaned.get("category"):
            self.add_error("category", "Eine eingereichte Bewerbung braucht eine Kategorie.")
        lead = cleaned.get("lead_municipality") if "lead_municipality" in self.fields else entry.lead_municipality
        hvb = cleaned.get("hvb_confirms") if "hvb_confirms" in self.fields else entry.hvb_confirms
        if lead is None and not hvb and "lead_municipality" not in self.errors:
            self.add_error(
                "lead_municipality",
                "Eine eingereichte Bewerbung braucht eine federführende Kommune oder die Bestätigung der "
                "Ratsbeschlüsse durch die Hauptverwaltungsbeamtin oder den Hauptverwaltungsbeamten.",
            )
        if not entry.consent:
            self.add_error(
                None,
                "Diese Bewerbung hat keine Einwilligung; nur die Bewerberin oder der Bewerber kann sie geben.",
            )
        if entry.state in Entry.SUBMITTED_STATES and "partners" in cleaned and not self.errors:
            for problem in one_entry_per_lead_problems(
                round_=entry.round,
                entry_pk=entry.pk,
                lead_id=lead.pk if lead else None,
                partner_ids=[partner.pk for partner in cleaned["partners"]],
            ):
                self.add_error(problem.field, problem.message)
        return cleaned


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    """Entries come from the public form only; editors correct, accept or reject them, the jury decides."""

    list_display = ["title", "round_year", "category", "applicant", "state", "submitted_at", "is_winner"]
    list_display_links = ["title"]
    list_filter = [RoundFilter, CategoryFilter, "state", "is_winner"]
    search_fields = ["title", "organisation_name", "contact_name", "email", "lead_municipality__name"]
    search_help_text = "Titel, einreichende Stelle, Ansprechperson, E-Mail-Adresse oder federführende Kommune"
    date_hierarchy = "submitted_at"
    list_per_page = 50
    actions = [
        _state_action(Entry.State.ACCEPTED, "Ausgewählte Bewerbungen zulassen"),
        _state_action(Entry.State.REJECTED, "Ausgewählte Bewerbungen nicht zulassen"),
        _state_action(Entry.State.SUBMITTED, "Zurück auf „eingereicht“ setzen"),
        export_csv,
    ]
    form = EntryAdminForm
    autocomplete_fields = ["lead_municipality", "partners", "project"]
    inlines = [EntryAttachmentInline, ScoreInline, ConflictOfInterestInline]
    # The consent is the applicant's to give: editors see it, they do not tick it.
    readonly_fields = [
        "round",
        "state",
        "is_winner",
        "submitted_at",
        "created_at",
        "updated_at",
        "consent",
        "consent_text",
        "anonymised_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("round", "state", "is_winner"),
                    ("submitted_at", "created_at", "updated_at", "anonymised_at"),
                ]
            },
        ),
        (
            "Projekt",
            {
                "fields": [
                    "title",
                    "category",
                    "project",
                    "short_description",
                    "project_start",
                    "still_in_implementation",
                    "cooperation_form",
                ]
            },
        ),
        ("Beteiligte", {"fields": ["lead_municipality", "hvb_confirms", "partners", "other_partners"]}),
        (
            "Einreichende Stelle",
            {"fields": ["organisation_kind", "organisation_name", "department", "contact_name", "email", "phone"]},
        ),
        ("Beschreibung", {"fields": ["occasion", "goal", "implementation", "benefit", "innovation", "sustainability"]}),
        ("Einwilligung", {"fields": ["consent", "consent_text"]}),
    ]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("round", "category", "lead_municipality")
            .defer("lead_municipality__shape")
        )

    def has_add_permission(self, request):
        return False

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.anonymised_at:
            return [*fields, *Entry.PERSONAL_FIELDS]  # emptied for good; the address stays empty too
        return fields

    def delete_model(self, request, obj):
        services.delete_entries(entries=Entry.objects.filter(pk=obj.pk))

    def delete_queryset(self, request, queryset):
        services.delete_entries(entries=queryset)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "category":
            object_id = request.resolver_match.kwargs.get("object_id") if request.resolver_match else None
            entry = Entry.objects.filter(pk=object_id).only("round_id").first() if object_id else None
            if entry is not None:
                kwargs["queryset"] = Category.objects.filter(round_id=entry.round_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    @admin.display(description="Runde", ordering="round__year")
    def round_year(self, obj):
        return obj.round.year

    @admin.display(description="Einreichende Stelle", ordering="lead_municipality__name")
    def applicant(self, obj):
        return obj.applicant_name

    def get_urls(self):
        return [
            path(
                "<int:entry_id>/anhang/<int:pk>/",
                self.admin_site.admin_view(self.attachment_view),
                name="awards_entry_attachment",
            ),
            *super().get_urls(),
        ]

    def attachment_view(self, request, entry_id, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        attachment = get_object_or_404(EntryAttachment, pk=pk, entry_id=entry_id)
        return attachment_response(attachment)
