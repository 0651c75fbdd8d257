import django_filters
from django import forms

from portal.forms_rendering import KernFormMixin
from portal.models import Municipality


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
