from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Concat, Left

from portal.querysets import SEARCH_CONFIG, UMLAUTS_BASE, StripTags, folded, headline

# A matching passage is taken from the first part of a document's text; the whole text is searched.
HEADLINE_TEXT_CHARS = 20_000


def search_query(query: str) -> SearchQuery:
    """German full-text query as people type it: words, "a phrase", -without, or."""
    return SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")


def _joined(queryset, group: str, field):
    """A subquery of one row's related names joined by spaces (for a search vector)."""
    names = queryset.order_by().values(group).annotate(names=StringAgg(field, " ")).values("names")
    return Subquery(names, output_field=models.TextField())


def _tags_of(model):
    from taggit.models import TaggedItem

    items = TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=OuterRef("pk"))
    return _joined(items, "object_id", "tag__name")


def _participants_filter(prefix: str, area) -> Q:
    """Participants that are the area itself or lie in it (Gemeinde, Kreis, Bezirk or Landschaftsverband)."""
    return (
        Q(**{f"{prefix}municipality": area})
        | Q(**{f"{prefix}municipality__kreis": area})
        | Q(**{f"{prefix}municipality__regierungsbezirk": area})
        | Q(**{f"{prefix}municipality__landschaftsverband": area})
    )


class ProjectQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        """Drafts too for editors (their preview), only published projects for everyone else."""
        return self if user.has_perm("projects.view_project") else self.published()

    def matching(self, query: str):
        """Projects matching a German full-text query (stemmed: "Feuerwehren" finds "Feuerwehr")."""
        return self.filter(search_vector=search_query(query))

    def search(self, query: str):
        return self.matching(query).ranked(query).order_by("-rank", "title")

    def ranked(self, query: str):
        """With `rank` and `headline`, the passage where the words were found."""
        found = search_query(query)
        text = Concat(
            "teaser",
            Value(" "),
            StripTags("occasion"),
            Value(" "),
            StripTags("goal"),
            Value(" "),
            StripTags("implementation"),
            Value(" "),
            "benefit",
            output_field=models.TextField(),
        )
        return self.annotate(rank=SearchRank(F("search_vector"), found), headline=headline(text, found))

    def involving(self, area):
        """Projects with a participant that is the area or lies in it (a Kreis's projects include its Gemeinden's)."""
        from projects.models import Participant

        return self.filter(pk__in=Participant.objects.filter(_participants_filter("", area)).values("project_id"))

    def with_participant(self, municipality, *, role: str):
        """Projects in which the Kommune takes part in this role (lead or partner)."""
        from projects.models import Participant

        participations = Participant.objects.filter(municipality=municipality, role=role)
        return self.filter(pk__in=participations.values("project_id"))

    def with_list_data(self):
        """What a project card shows: Themenfelder and the participating Kommunen, in three queries in all."""
        from projects.models import Participant

        participants = Participant.objects.select_related("municipality").only(
            "project_id", "role", "organisation", "position", "municipality__short_name", "municipality__slug"
        )
        return self.prefetch_related("topics", models.Prefetch("participants", queryset=participants)).defer(
            "occasion", "goal", "implementation", "benefit", "search_vector"
        )

    def by_title(self):
        return self.order_by(folded(F("title"), UMLAUTS_BASE), "title")

    def newest_first(self):
        return self.order_by(F("published_at").desc(nulls_last=True), "-created_at")

    def similar_to(self, project, limit: int = 4):
        """Published projects sharing Themenfelder with the project or working in the same Kreise, best first.

        The project's Themenfelder and Kreise are read first (two small queries), so that the ranking
        query compares with plain lists instead of joining the whole participant table.
        """
        from portal.models import Municipality
        from projects.models import Participant

        links = self.model.topics.through.objects
        topic_ids = list(links.filter(project=project).values_list("topic_id", flat=True))
        # The Kreis or kreisfreie Stadt of each participating Kommune.
        unit_ids = [
            kreis_id or (pk if kind in Municipality.KREIS_LEVEL_KINDS else None)
            for pk, kreis_id, kind in Participant.objects.filter(
                project=project, municipality__isnull=False
            ).values_list("municipality", "municipality__kreis", "municipality__kind")
        ]
        unit_ids = [pk for pk in unit_ids if pk]
        in_units = Participant.objects.filter(Q(municipality__in=unit_ids) | Q(municipality__kreis__in=unit_ids))
        candidates = links.filter(topic_id__in=topic_ids).values("project_id").union(in_units.values("project_id"))
        shared = (
            links.filter(project=OuterRef("pk"), topic_id__in=topic_ids)
            .order_by()
            .values("project")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            self.published()
            .filter(pk__in=candidates)
            .exclude(pk=project.pk)
            .annotate(
                shared_topics=Coalesce(Subquery(shared, output_field=models.IntegerField()), 0),
                nearby=Exists(in_units.filter(project=OuterRef("pk"))),
            )
            .annotate(score=F("shared_topics") * 2 + models.Case(models.When(nearby=True, then=1), default=0))
            .only("title", "slug", "is_lighthouse")
            .order_by("-score", "-is_lighthouse", "title")[:limit]
        )

    def update_search_vectors(self) -> int:
        """Store each project's search vector: title and Stichworte weigh most, then texts, then participants."""
        from projects.models import Participant

        topics = _joined(self.model.topics.through.objects.filter(project=OuterRef("pk")), "project", "topic__name")
        participants = _joined(
            Participant.objects.filter(project=OuterRef("pk")),
            "project",
            Coalesce("municipality__short_name", "organisation"),
        )
        vector = (
            SearchVector("title", _tags_of(self.model), weight="A", config=SEARCH_CONFIG)
            + SearchVector("teaser", topics, participants, weight="B", config=SEARCH_CONFIG)
            + SearchVector(
                StripTags("occasion"),
                StripTags("goal"),
                StripTags("implementation"),
                "benefit",
                "funding",
                weight="C",
                config=SEARCH_CONFIG,
            )
        )
        return self.update(search_vector=vector)


class DocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def visible_to(self, user):
        return self if user.has_perm("projects.view_document") else self.published()

    def court_decisions(self):
        return self.filter(kind=self.model.Kind.COURT_DECISION)

    def search(self, query: str):
        """Documents matching a German full-text query, inside their text too, best first, with the passage."""
        found = search_query(query)
        text = Concat(
            "description",
            Value(" "),
            "tenor",
            Value(" "),
            Left("text", HEADLINE_TEXT_CHARS),
            output_field=models.TextField(),
        )
        return (
            self.filter(search_vector=found)
            .annotate(rank=SearchRank(F("search_vector"), found), headline=headline(text, found))
            .order_by("-rank", F("date").desc(nulls_last=True), "title")
        )

    def involving(self, area):
        """Documents of projects in which the area (or a Kommune in it) takes part."""
        links = self.model.projects.through.objects.filter(
            _participants_filter("project__participants__", area), project__is_published=True
        )
        return self.filter(pk__in=links.values("document_id"))

    def with_list_data(self):
        return self.prefetch_related("topics").defer("text", "search_vector")

    def update_search_vectors(self) -> int:
        """Title, Aktenzeichen and Schlagworte weigh most, then description and tenor, then the file's text."""
        topics = _joined(self.model.topics.through.objects.filter(document=OuterRef("pk")), "document", "topic__name")
        vector = (
            SearchVector("title", "file_number", _tags_of(self.model), weight="A", config=SEARCH_CONFIG)
            + SearchVector("description", "tenor", "court", "author", topics, weight="B", config=SEARCH_CONFIG)
            + SearchVector("text", weight="D", config=SEARCH_CONFIG)
        )
        return self.update(search_vector=vector)


class ParticipantQuerySet(models.QuerySet):
    def project_counts(self) -> dict[int, int]:
        """Municipality id → number of published projects it takes part in (for the map of /kommunen/)."""
        # A Kommune takes part in a project once (a unique constraint), so the rows are the projects.
        return dict(
            self.filter(project__is_published=True, municipality__isnull=False)
            .values_list("municipality")
            .annotate(n=Count("pk"))
            .order_by()
        )

    def project_counts_of(self, municipality) -> dict[str, int]:
        """How many published projects the Kommune leads and takes part in: {"lead": …, "partner": …}."""
        mine = self.filter(municipality=municipality, project__is_published=True)
        return mine.aggregate(
            lead=Count("pk", filter=Q(role="lead")),
            partner=Count("pk", filter=Q(role="partner")),
        )

    def partners_of(self, municipality):
        """The Kommunen that share published projects with this one, with `shared_projects`, most first."""
        from portal.models import Municipality

        projects = self.filter(municipality=municipality, project__is_published=True).values("project_id")
        return (
            Municipality.objects.filter(participations__project__in=projects)
            .exclude(pk=municipality.pk)
            .annotate(shared_projects=Count("participations__project", distinct=True))
            .defer("shape")
            .order_by("-shared_projects", "short_name")
        )
