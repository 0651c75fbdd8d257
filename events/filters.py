"""The filters of /veranstaltungen/ and its archive: kind and Themenfeld, in a readable, shareable URL."""

import django_filters

from events.models import Event
from portal.filters import KernFilterForm
from projects.filters import CatalogueFilterSet
from projects.models import Topic


class EventFilter(CatalogueFilterSet):
    art = django_filters.ChoiceFilter(
        label="Art",
        field_name="kind",
        choices=Event.Kind.choices,
        empty_label="Alle Arten",
        error_messages={"invalid_choice": "Diese Art gibt es nicht. Bitte wählen Sie aus der Liste."},
    )
    themenfeld = django_filters.ModelChoiceFilter(
        label="Themenfeld",
        queryset=Topic.objects.all(),
        to_field_name="slug",
        method="filter_topic",
        empty_label="Alle Themenfelder",
        error_messages={"invalid_choice": "Dieses Themenfeld gibt es nicht. Bitte wählen Sie aus der Liste."},
    )

    class Meta:
        model = Event
        fields = []
        form = KernFilterForm

    def filter_topic(self, queryset, name, value):
        return queryset.filter(pk__in=Event.topics.through.objects.filter(topic=value).values("event_id"))
