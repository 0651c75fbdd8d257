import django_filters
from django import forms

from portal.forms_rendering import KernFormMixin
from portal.models import Municipality, NewsItem
from projects.models import Topic


class KernFilterForm(KernFormMixin, forms.Form):
    # Every filter is optional; saying so at each field would only add noise.
    hide_optional_marker = True


class MunicipalityFilter(django_filters.FilterSet):
    """The filters of /kommunen/; the parameters keep the URL readable and shareable."""

    q = django_filters.CharFilter(
        label="Name",
        method="filter_name",
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": "z. B. Mülheim oder Muelheim"}),
    )
    regierungsbezirk = django_filters.ModelChoiceFilter(
        label="Regierungsbezirk",
        queryset=Municipality.objects.regierungsbezirke().only("pk", "slug", "short_name").by_name(),
        to_field_name="slug",
        empty_label="Alle Regierungsbezirke",
        error_messages={
            "invalid_choice": "Diesen Regierungsbezirk gibt es nicht. Bitte wählen Sie einen aus der Liste."
        },
    )
    kreis = django_filters.ModelChoiceFilter(
        label="Kreis",
        queryset=Municipality.objects.kreise().only("pk", "slug", "short_name").by_name(),
        to_field_name="slug",
        empty_label="Alle Kreise",
        error_messages={"invalid_choice": "Diesen Kreis gibt es nicht. Bitte wählen Sie einen aus der Liste."},
    )
    art = django_filters.ChoiceFilter(
        label="Art",
        field_name="kind",
        choices=Municipality.Kind.choices,
        empty_label="Alle Arten",
        error_messages={"invalid_choice": "Diese Art gibt es nicht. Bitte wählen Sie eine aus der Liste."},
    )

    class Meta:
        model = Municipality
        fields = []
        form = KernFilterForm

    def filter_name(self, queryset, name, value):
        return queryset.search(value)


class NewsFilter(django_filters.FilterSet):
    """The Themenfeld of /aktuelles/, as ?themenfeld=<slug> (the links on each Kurzmeldung use it too)."""

    themenfeld = django_filters.ModelChoiceFilter(
        label="Themenfeld",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_topic",
        empty_label="Alle Themenfelder",
        error_messages={"invalid_choice": "Dieses Themenfeld gibt es nicht. Bitte wählen Sie aus der Liste."},
    )

    class Meta:
        model = NewsItem
        fields = []
        form = KernFilterForm

    @property
    def active(self) -> bool:
        return self.is_bound and self.form.is_valid() and self.form.cleaned_data.get("themenfeld") is not None

    def filter_topic(self, queryset, name, value):
        return queryset.filter(pk__in=NewsItem.topics.through.objects.filter(topic=value).values("newsitem_id"))
