"""The filters of /projekte/ and /dokumente/, with the counts shown beside each facet value."""

from dataclasses import dataclass, field

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from taggit.models import Tag, TaggedItem

from portal.filters import KernFilterForm
from portal.forms_rendering import PlainSelect
from portal.models import Municipality
from portal.querysets import UMLAUTS_BASE, fold_text
from projects.models import Document, Participant, PartnerRequest, Project, Topic

SORT_RELEVANCE, SORT_NEWEST, SORT_TITLE = "relevanz", "neueste", "titel"
FIRST_YEAR = 1950


def _years():
    return [(str(year), str(year)) for year in range(timezone.now().year + 1, FIRST_YEAR - 1, -1)]


def _invalid(what: str) -> dict:
    return {"invalid_choice": f"{what} gibt es nicht. Bitte wählen Sie aus der Liste."}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    widget: str  # "checkboxes", "select" or "checkbox"
    options: list[FacetOption]
    empty_label: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def selected(self):
        return [option for option in self.options if option.selected]

    @cached_property
    def options_html(self):
        """The <option> elements of a select facet; joined here, not in a template loop (the Kommune list is long)."""
        return format_html_join(
            "",
            '<option value="{}"{}>{} ({})</option>',
            ((o.value, mark_safe(" selected") if o.selected else "", o.label, o.count) for o in self.options),
        )


class CatalogueFilterSet(django_filters.FilterSet):
    """What the project list and the library share: the valid input, and whether it narrows the list."""

    @property
    def cleaned_data(self) -> dict:
        """The valid part of the input (validating it first), as the list is filtered by it."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return self.form.cleaned_data

    @property
    def active(self) -> bool:
        """Whether anything narrows the list (the sort order does not)."""
        return any(self.narrows(name) for name in self.cleaned_data if name != "sortierung")

    def narrows(self, name: str) -> bool:
        """Whether the filter of this name has a value (an empty choice of Themenfelder is an empty queryset)."""
        value = self.cleaned_data.get(name)
        if isinstance(value, QuerySet):
            return not value.query.is_empty()
        return value not in (None, "", [], False)


class ProjectFilter(CatalogueFilterSet):
    """Search, facets and sort of /projekte/; the parameters make a readable, shareable URL.

    Within a facet the values are alternatives (Feuerwehr or Ordnung), across facets all must hold.
    """

    q = django_filters.CharFilter(
        label="Suchbegriff",
        method="filter_search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "z. B. Feuerwehr, Bauhof, Vergabestelle"}),
    )
    themenfeld = django_filters.ModelMultipleChoiceFilter(
        label="Themenfeld",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_topics",
        widget=forms.CheckboxSelectMultiple,
        error_messages=_invalid("Dieses Themenfeld"),
    )
    regierungsbezirk = django_filters.ModelChoiceFilter(
        label="Regierungsbezirk",
        queryset=Municipality.objects.regierungsbezirke().only("pk", "slug", "short_name"),
        to_field_name="slug",
        method="filter_area",
        empty_label="Alle Regierungsbezirke",
        error_messages=_invalid("Diesen Regierungsbezirk"),
    )
    kreis = django_filters.ModelChoiceFilter(
        label="Kreis",
        queryset=Municipality.objects.kreise().only("pk", "slug", "short_name"),
        to_field_name="slug",
        method="filter_area",
        empty_label="Alle Kreise",
        error_messages=_invalid("Diesen Kreis"),
    )
    kommune = django_filters.ModelChoiceFilter(
        label="Beteiligte Kommune",
        queryset=Municipality.objects.exclude(kind=Municipality.Kind.REGIERUNGSBEZIRK).only("pk", "slug", "short_name"),
        to_field_name="slug",
        method="filter_participant",
        empty_label="Alle Kommunen",
        error_messages=_invalid("Diese Kommune"),
    )
    form = django_filters.MultipleChoiceFilter(
        label="Form der Zusammenarbeit",
        choices=Project.Form.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_invalid("Diese Form"),
    )
    status = django_filters.MultipleChoiceFilter(
        label="Stand",
        choices=Project.Status.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages=_invalid("Diesen Stand"),
    )
    jahr = django_filters.ChoiceFilter(
        label="Beginn im Jahr",
        choices=_years,
        method="filter_start_year",
        empty_label="Alle Jahre",
        error_messages=_invalid("Dieses Jahr"),
    )
    stichwort = django_filters.ModelChoiceFilter(
        label="Stichwort",
        queryset=Tag.objects.all(),
        to_field_name="slug",
        method="filter_tag",
        empty_label="Alle Stichworte",
        error_messages=_invalid("Dieses Stichwort"),
    )
    leuchtturm = django_filters.BooleanFilter(
        label="Nur Leuchtturmprojekte", method="filter_lighthouse", widget=forms.CheckboxInput
    )
    sortierung = django_filters.ChoiceFilter(
        label="Sortierung",
        choices=[(SORT_RELEVANCE, "Relevanz"), (SORT_NEWEST, "Neueste zuerst"), (SORT_TITLE, "Titel (A–Z)")],
        method="filter_nothing",
        empty_label=None,
        error_messages=_invalid("Diese Sortierung"),
    )

    class Meta:
        model = Project
        fields = []
        form = KernFilterForm

    FACETS = ["themenfeld", "regierungsbezirk", "kreis", "kommune", "form", "status", "jahr", "stichwort", "leuchtturm"]

    # --- filtering -----------------------------------------------------------------------------

    def filter_search(self, queryset, name, value):
        return queryset.matching(value)

    def filter_topics(self, queryset, name, value):
        links = Project.topics.through.objects.filter(topic__in=value)
        return queryset.filter(pk__in=links.values("project_id")) if value else queryset

    def filter_area(self, queryset, name, value):
        return queryset.involving(value)

    def filter_participant(self, queryset, name, value):
        return queryset.filter(pk__in=Participant.objects.filter(municipality=value).values("project_id"))

    def filter_start_year(self, queryset, name, value):
        return queryset.filter(start__year=int(value))

    def filter_tag(self, queryset, name, value):
        items = TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(Project), tag=value)
        return queryset.filter(pk__in=items.values("object_id"))

    def filter_lighthouse(self, queryset, name, value):
        return queryset.filter(is_lighthouse=True) if value else queryset

    def filter_nothing(self, queryset, name, value):
        return queryset

    @property
    def query(self) -> str:
        return self.cleaned_data.get("q") or ""

    @property
    def sort(self) -> str:
        chosen = self.cleaned_data.get("sortierung")
        if chosen == SORT_RELEVANCE and not self.query:
            return SORT_NEWEST
        return chosen or (SORT_RELEVANCE if self.query else SORT_NEWEST)

    def narrowed(self):
        """The projects the filters leave, without ranking or order (for the export)."""
        if not self.is_bound:
            return self.queryset
        return super().filter_queryset(self.queryset) if self.is_valid() else self.queryset.none()

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if self.query:
            queryset = queryset.ranked(self.query)
        if self.sort == SORT_RELEVANCE:
            return queryset.order_by("-rank", "title")
        return queryset.by_title() if self.sort == SORT_TITLE else queryset.newest_first()

    # --- facets --------------------------------------------------------------------------------

    # The group of counts (ProjectQuerySet.facet_counts) that each facet shows.
    FACET_GROUPS = {
        "themenfeld": "topics",
        "regierungsbezirk": "areas",
        "kreis": "areas",
        "kommune": "municipalities",
        "form": "form",
        "status": "status",
        "jahr": "year",
        "stichwort": "tags",
        "leuchtturm": "lighthouse",
    }

    def _queryset_without(self, excluded: str | None):
        """The list as filtered by every facet but one: the counts of that facet's values."""
        queryset = self.queryset
        for name, value in self.cleaned_data.items():
            if name != excluded and name != "sortierung":
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def _selected(self, name) -> set[str]:
        return set(self.data.getlist(name)) if self.is_bound else set()

    def _counts(self) -> dict[str, dict[str, int]]:
        """Per facet, the count of each value: a facet's own choice does not narrow its counts.

        The facets nobody narrowed share one statement over the filtered list, which also counts the list
        (`total`); each narrowed facet takes one more, over the list filtered by the others.
        """
        narrowed = [name for name in self.FACETS if self.narrows(name)]
        shared = [name for name in self.FACETS if name not in narrowed]
        groups = self._queryset_without(None).facet_counts({self.FACET_GROUPS[name] for name in shared} | {"total"})
        self.total = groups["total"].get("", 0)
        counts = {name: groups[self.FACET_GROUPS[name]] for name in shared}
        for name in narrowed:
            group = self.FACET_GROUPS[name]
            counts[name] = self._queryset_without(name).facet_counts([group])[group]
        return counts

    def facets(self) -> list[Facet]:
        """Every facet with its values and how many projects each would show; afterwards `total` holds the count."""
        counts = self._counts()
        municipality_ids = {int(pk) for name in ("regierungsbezirk", "kreis", "kommune") for pk in counts[name]}
        # (pk, slug, name, kind) of the Bezirke and Kreise and of every Kommune counted, in German order.
        self._municipalities = list(
            Municipality.objects.filter(
                Q(kind__in=[Municipality.Kind.REGIERUNGSBEZIRK, Municipality.Kind.KREIS]) | Q(pk__in=municipality_ids)
            )
            .by_name()
            .values_list("pk", "slug", "short_name", "kind")
        )
        facets = [getattr(self, f"_facet_{name}")(name, counts[name], self._selected(name)) for name in self.FACETS]
        for facet in facets:  # an invalid value is not applied; its message stands next to the facet
            facet.errors = list(self.form.errors.get(facet.name, [])) if self.is_bound else []
        return facets

    def _options(self, rows, selected, *, keep_empty=False):
        return [
            FacetOption(value=str(value), label=label, count=count, selected=str(value) in selected)
            for value, label, count in rows
            if keep_empty or count or str(value) in selected
        ]

    def _facet_themenfeld(self, name, counts, selected):
        rows = [(t.slug, t.name, counts.get(str(t.pk), 0)) for t in Topic.objects.order_by("position", "name")]
        return Facet(name, "Themenfeld", "checkboxes", self._options(rows, selected, keep_empty=True))

    def _area_rows(self, counts, kind):
        return [(slug, name, counts.get(str(pk), 0)) for pk, slug, name, k in self._municipalities if k == kind]

    def _facet_regierungsbezirk(self, name, counts, selected):
        rows = self._area_rows(counts, Municipality.Kind.REGIERUNGSBEZIRK)
        return Facet(
            name, "Regierungsbezirk", "select", self._options(rows, selected, keep_empty=True), "Alle Regierungsbezirke"
        )

    def _facet_kreis(self, name, counts, selected):
        rows = self._area_rows(counts, Municipality.Kind.KREIS)
        return Facet(name, "Kreis", "select", self._options(rows, selected, keep_empty=True), "Alle Kreise")

    def _facet_kommune(self, name, counts, selected):
        rows = [(slug, name, counts[str(pk)]) for pk, slug, name, _ in self._municipalities if str(pk) in counts]
        return Facet(name, "Beteiligte Kommune", "select", self._options(rows, selected), "Alle Kommunen")

    def _choice_rows(self, counts, choices):
        return [(value, label, counts.get(value, 0)) for value, label in choices]

    def _facet_form(self, name, counts, selected):
        rows = self._choice_rows(counts, Project.Form.choices)
        return Facet(name, "Form der Zusammenarbeit", "checkboxes", self._options(rows, selected, keep_empty=True))

    def _facet_status(self, name, counts, selected):
        rows = self._choice_rows(counts, Project.Status.choices)
        return Facet(name, "Stand", "checkboxes", self._options(rows, selected, keep_empty=True))

    def _facet_jahr(self, name, counts, selected):
        rows = sorted(((year, year, n) for year, n in counts.items()), reverse=True)
        return Facet(name, "Beginn im Jahr", "select", self._options(rows, selected), "Alle Jahre")

    def _facet_stichwort(self, name, counts, selected):
        tags = Tag.objects.filter(pk__in=[int(pk) for pk in counts]).values_list("pk", "slug", "name")
        rows = sorted(
            ((slug, name, counts[str(pk)]) for pk, slug, name in tags), key=lambda row: fold_text(row[1], UMLAUTS_BASE)
        )
        return Facet(name, "Stichwort", "select", self._options(rows, selected), "Alle Stichworte")

    def _facet_leuchtturm(self, name, counts, selected):
        option = FacetOption(
            value="on", label="Nur Leuchtturmprojekte", count=counts.get("on", 0), selected=bool(selected - {""})
        )
        return Facet(name, "Leuchtturmprojekte", "checkbox", [option])


class DocumentFilter(CatalogueFilterSet):
    """Search and filters of /dokumente/."""

    q = django_filters.CharFilter(
        label="Suchbegriff",
        method="filter_search",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "auch im Text der Dokumente"}),
    )
    art = django_filters.ChoiceFilter(
        label="Art",
        field_name="kind",
        choices=Document.Kind.choices,
        empty_label="Alle Arten",
        error_messages=_invalid("Diese Art"),
    )
    jahr = django_filters.ChoiceFilter(
        label="Jahr",
        choices=_years,
        method="filter_year",
        empty_label="Alle Jahre",
        error_messages=_invalid("Dieses Jahr"),
    )
    themenfeld = django_filters.ModelChoiceFilter(
        label="Themenfeld",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_topic",
        empty_label="Alle Themenfelder",
        error_messages=_invalid("Dieses Themenfeld"),
    )
    kommune = django_filters.ModelChoiceFilter(
        label="Kommune",
        queryset=Municipality.objects.exclude(kind=Municipality.Kind.REGIERUNGSBEZIRK)
        .only("pk", "slug", "short_name")
        .by_name(),
        to_field_name="slug",
        method="filter_area",
        empty_label="Alle Kommunen",
        error_messages=_invalid("Diese Kommune"),
        widget=PlainSelect,
    )

    class Meta:
        model = Document
        fields = []
        form = KernFilterForm

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

    def filter_year(self, queryset, name, value):
        return queryset.filter(date__year=int(value))

    def filter_topic(self, queryset, name, value):
        return queryset.filter(pk__in=Document.topics.through.objects.filter(topic=value).values("document_id"))

    def filter_area(self, queryset, name, value):
        return queryset.involving(value)


# --- Partnersuche ---------------------------------------------------------------------------------


class PartnerRequestFilter(CatalogueFilterSet):
    """The filters of /partnersuche/: Themenfeld and Regierungsbezirk, in a readable, shareable URL."""

    themenfeld = django_filters.ModelChoiceFilter(
        label="Themenfeld",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_topic",
        empty_label="Alle Themenfelder",
        error_messages=_invalid("Dieses Themenfeld"),
    )
    regierungsbezirk = django_filters.ModelChoiceFilter(
        label="Regierungsbezirk",
        queryset=Municipality.objects.regierungsbezirke().only("pk", "slug", "short_name").by_name(),
        to_field_name="slug",
        method="filter_bezirk",
        empty_label="Alle Regierungsbezirke",
        error_messages=_invalid("Diesen Regierungsbezirk"),
    )

    class Meta:
        model = PartnerRequest
        fields = []
        form = KernFilterForm

    def filter_topic(self, queryset, name, value):
        return queryset.with_topic(value)

    def filter_bezirk(self, queryset, name, value):
        return queryset.in_bezirk(value)
