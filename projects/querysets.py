import hashlib
import re
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, Concat, Left
from django.utils import timezone

from portal.querysets import SEARCH_CONFIG, UMLAUTS_BASE, StripTags, folded, headline

# Words of a prefix query (suggestions) that count; more only slow the query down.
PREFIX_WORDS = 5

# A matching passage is taken from the first part of a document's text; the whole text is searched.
HEADLINE_TEXT_CHARS = 20_000


# The stored id lists of a project that the facet counts of /projekte/ read (see update_facet_fields).
FACET_FIELDS = ["facet_topic_ids", "facet_tag_ids", "facet_municipality_ids", "facet_area_ids"]

# Every participating Kommune with the Kreis, Regierungsbezirk and Landschaftsverband it lies in, each once:
# the areas in which involving() finds the project.
AREA_IDS_SQL = """ARRAY(
    SELECT DISTINCT area FROM projects_participant AS p
    JOIN portal_municipality AS m ON m.id = p.municipality_id
    CROSS JOIN unnest(ARRAY[m.id, m.kreis_id, m.regierungsbezirk_id, m.landschaftsverband_id]) AS area
    WHERE p.project_id = projects_project.id AND area IS NOT NULL ORDER BY area
)"""

# Per group of facet values, how many projects of the filtered list `base` have each value. Values are
# text so that one UNION ALL holds every group.
FACET_COUNTS_SQL = {
    "topics": "SELECT 'topics', v::text, count(*) FROM base CROSS JOIN unnest(base.facet_topic_ids) AS v GROUP BY v",
    "tags": "SELECT 'tags', v::text, count(*) FROM base CROSS JOIN unnest(base.facet_tag_ids) AS v GROUP BY v",
    "municipalities": "SELECT 'municipalities', v::text, count(*) "
    "FROM base CROSS JOIN unnest(base.facet_municipality_ids) AS v GROUP BY v",
    "areas": "SELECT 'areas', v::text, count(*) FROM base CROSS JOIN unnest(base.facet_area_ids) AS v GROUP BY v",
    "form": "SELECT 'form', form, count(*) FROM base GROUP BY form",
    "status": "SELECT 'status', status, count(*) FROM base GROUP BY status",
    "year": "SELECT 'year', extract(year FROM start)::int::text, count(*) FROM base WHERE start IS NOT NULL GROUP BY 2",
    "lighthouse": "SELECT 'lighthouse', 'on', count(*) FROM base WHERE is_lighthouse",
    "total": "SELECT 'total', '', count(*) FROM base",
}


# Facet counts are kept in the cache under the statement that computed them and a version that every
# change of a project, its participants, Stichworte or Themenfelder, or of a Kommune renews; the timeout
# also ends counts that a bulk change in the database (no signals) left behind.
FACET_COUNTS_VERSION_KEY = "projects:facet-counts-version"
FACET_COUNTS_TIMEOUT = 600


def _facet_counts_version() -> str:
    version = cache.get(FACET_COUNTS_VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.add(FACET_COUNTS_VERSION_KEY, version, None)
        version = cache.get(FACET_COUNTS_VERSION_KEY, version)
    return version


def forget_facet_counts(**kwargs) -> None:
    """Drop the cached facet counts: now, and again once the change is committed and visible to everyone
    (a request in between may have cached counts of the old data). Connected to model signals in apps.py."""

    def renew():
        cache.set(FACET_COUNTS_VERSION_KEY, uuid.uuid4().hex, None)

    renew()
    transaction.on_commit(renew)


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

    def title_starts_with(self, prefix: str):
        """Projects whose title has a word starting with each word of `prefix` (for the suggestions of the
        search field), stemmed as the search is ("Feuerwehren" finds "Feuerwehr"); titles starting with it first.

        Matched on the stored vector's weight A (title and Stichworte) through its GIN index, then on the
        title alone, so that only titles are suggested.
        """
        words = re.findall(r"[^\W_]+", prefix)[:PREFIX_WORDS]
        if not words:
            return self.none()
        found = SearchQuery(" & ".join(f"{word}:*" for word in words), config=SEARCH_CONFIG, search_type="raw")
        in_title = SearchQuery(" & ".join(f"{word}:*A" for word in words), config=SEARCH_CONFIG, search_type="raw")
        return (
            self.filter(search_vector=in_title)
            .annotate(title_vector=SearchVector("title", config=SEARCH_CONFIG))
            .filter(title_vector=found)
            .annotate(title_starts=Q(title__istartswith=prefix.strip()))
            .order_by("-title_starts", "-is_lighthouse", "title")
        )

    def involving(self, area):
        """Projects with a participant that is the area or lies in it (a Kreis's projects include its Gemeinden's)."""
        from projects.models import Participant

        return self.filter(pk__in=Participant.objects.filter(_participants_filter("", area)).values("project_id"))

    def with_participant(self, municipality, *, role: str):
        """Projects in which the Kommune takes part in this role (lead or partner)."""
        from projects.models import Participant

        participations = Participant.objects.filter(municipality=municipality, role=role)
        return self.filter(pk__in=participations.values("project_id"))

    def titled_like(self, title: str):
        """Projects whose texts share words of the title (at least one), best first: possible duplicates."""
        words = [word for word in re.findall(r"\w+", title) if len(word) > 3]
        return self.search(" or ".join(words)) if words else self.none()

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

    def update_facet_fields(self) -> int:
        """Store the ids the facet counts read: Themenfelder, Stichworte, participating Kommunen and their areas."""
        from taggit.models import TaggedItem

        from projects.models import Participant

        topics = self.model.topics.through.objects.filter(project=OuterRef("pk")).order_by("topic_id")
        tags = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model), object_id=OuterRef("pk")
        ).order_by("tag_id")
        kommunen = Participant.objects.filter(project=OuterRef("pk"), municipality__isnull=False).order_by(
            "municipality_id"
        )
        return self.update(
            facet_topic_ids=ArraySubquery(topics.values("topic_id")),
            facet_tag_ids=ArraySubquery(tags.values("tag_id")),
            facet_municipality_ids=ArraySubquery(kommunen.values("municipality_id")),
            facet_area_ids=RawSQL(AREA_IDS_SQL, []),
        )

    def facet_counts(self, groups) -> dict[str, dict[str, int]]:
        """How many of these projects have each facet value, per group (see FACET_COUNTS_SQL): one statement.

        The filtered list is read once into a CTE; the stored id lists make every count a scan of it, where
        counting through the link tables took a join per facet.
        """
        columns = ["form", "status", "start", "is_lighthouse", *FACET_FIELDS]
        sql, params = self.order_by().values(*columns).query.sql_with_params()
        counts = " UNION ALL ".join(FACET_COUNTS_SQL[group] for group in sorted(groups))
        statement = f"WITH base AS MATERIALIZED ({sql}) {counts}"
        digest = hashlib.sha256(repr((statement, params)).encode()).hexdigest()
        key = f"projects:facet-counts:{_facet_counts_version()}:{digest}"
        if (result := cache.get(key)) is not None:
            return result
        result = {group: {} for group in groups}
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
            for group, value, count in cursor.fetchall():
                result[group][value] = count
        cache.set(key, result, FACET_COUNTS_TIMEOUT)
        return result

    def due_for_confirmation(self, *, since, asked_before):
        """Published projects whose Steckbrief nobody confirmed since `since` and whose contact was not asked
        after `asked_before`. Never confirmed counts from the publication (a new project is fresh)."""
        confirmed = Coalesce("last_confirmed_at", "published_at", "created_at")
        return (
            self.published()
            .alias(confirmed=confirmed)
            .filter(confirmed__lt=since)
            .filter(Q(confirmation_requested_at__isnull=True) | Q(confirmation_requested_at__lt=asked_before))
        )


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
            .annotate(rank=SearchRank(F("rank_vector"), found), headline=headline(text, found))
            .order_by("-rank", F("date").desc(nulls_last=True), "title")
        )

    def involving(self, area):
        """Documents of projects in which the area (or a Kommune in it) takes part."""
        links = self.model.projects.through.objects.filter(
            _participants_filter("project__participants__", area), project__is_published=True
        )
        return self.filter(pk__in=links.values("document_id"))

    def with_list_data(self):
        return self.prefetch_related("topics").defer("text", "search_vector", "rank_vector")

    def update_search_vectors(self) -> int:
        """Title, Aktenzeichen and Schlagworte weigh most, then description and tenor, then the file's text.

        The rank vector leaves the text out: a match in the title or description decides the order, and
        among matches only in the text the newest comes first. Ranking by the whole text would read every
        matching document's large vector from disk (30 ms for 4,000 matches in bench/projects.py).
        """
        topics = _joined(self.model.topics.through.objects.filter(document=OuterRef("pk")), "document", "topic__name")
        described = SearchVector(
            "title", "file_number", _tags_of(self.model), weight="A", config=SEARCH_CONFIG
        ) + SearchVector("description", "tenor", "court", "author", topics, weight="B", config=SEARCH_CONFIG)
        return self.update(
            rank_vector=described,
            search_vector=described + SearchVector("text", weight="D", config=SEARCH_CONFIG),
        )


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


# --- Partnersuche ---------------------------------------------------------------------------------


class PartnerRequestQuerySet(models.QuerySet):
    def published(self):
        return self.filter(state=self.model.State.PUBLISHED)

    def open(self, today=None):
        """Published and not expired: what the lists show. Expired requests leave them by themselves."""
        return self.published().filter(expires_on__gte=today or timezone.localdate())

    def visible_to(self, user):
        """What a page may show: every request to editors (their preview); to everyone else the published ones
        and those their Kommune ended after publication (a page that says so, instead of "not found"). A request
        withdrawn while it waited for the editors was never public and stays hidden: nobody checked its text."""
        if user.has_perm("projects.view_partnerrequest"):
            return self
        state = self.model.State
        return self.filter(Q(state=state.PUBLISHED) | Q(state=state.CLOSED, published_at__isnull=False))

    def with_topic(self, topic):
        return self.filter(pk__in=self.model.topics.through.objects.filter(topic=topic).values("partnerrequest_id"))

    def in_bezirk(self, bezirk):
        """Requests of a Kommune in the Regierungsbezirk, or seeking partners there (in the Bezirk, a Kreis of it,
        or anywhere in NRW: a request without a region welcomes partners from every Bezirk)."""
        return self.filter(
            Q(municipality=bezirk)
            | Q(municipality__regierungsbezirk=bezirk)
            | Q(region__isnull=True)
            | Q(region=bezirk)
            | Q(region__regierungsbezirk=bezirk)
        )

    def with_list_data(self):
        """What a card shows: the Kommune, the region and the Themenfelder, in two queries."""
        return (
            self.select_related("municipality", "region")
            .prefetch_related("topics")
            .defer("municipality__shape", "region__shape")
        )

    def newest_first(self):
        return self.order_by(F("published_at").desc(nulls_last=True), "-pk")

    def stale(self, *, confirmation_days: int, retention_days: int, now=None):
        """Requests whose data are no longer needed: never confirmed within `confirmation_days`, or
        rejected, ended or expired more than `retention_days` ago. A request still waiting for the editors
        goes too once its date lies that long behind: nobody will publish it any more."""
        now = now or timezone.now()
        cut_off = now - timedelta(days=retention_days)
        state = self.model.State
        return self.filter(
            Q(state=state.UNCONFIRMED, created_at__lt=now - timedelta(days=confirmation_days))
            | Q(state=state.REJECTED, decided_at__lt=cut_off)
            | Q(state=state.CLOSED, closed_at__lt=cut_off)
            | Q(state__in=[state.PUBLISHED, state.PENDING], expires_on__lt=timezone.localdate(cut_off))
        )

    def due_for_reminder(self, *, days_before: int, today=None):
        """Open requests expiring within `days_before` days whose sender was not yet reminded of this expiry date."""
        today = today or timezone.localdate()
        return (
            self.open(today)
            .filter(expires_on__lte=today + timedelta(days=days_before))
            .exclude(reminded_for=F("expires_on"))
        )


class SubmissionQuerySet(models.QuerySet):
    def queue(self):
        """What the editors have to decide: confirmed submissions, oldest first."""
        return self.filter(state="pending").order_by("submitted_at", "pk")

    def with_list_data(self):
        """What the editors' list shows: the submitter's and the lead Kommune, and the project a change is for."""
        return self.select_related("submitter_municipality", "lead_municipality", "project").defer(
            "occasion",
            "goal",
            "implementation",
            "baseline",
            "project__occasion",
            "project__goal",
            "project__implementation",
            "project__benefit",
            "project__search_vector",
            "submitter_municipality__shape",
            "lead_municipality__shape",
        )

    def stale(self, *, now, draft_days: int, unconfirmed_days: int, link_days: int, decided_days: int):
        """Submissions whose personal data and files are no longer needed: drafts, and those sent back for
        changes, nobody touched for `draft_days`; those whose address was not confirmed within
        `unconfirmed_days`; change links not opened within `link_days`; approved and rejected ones
        `decided_days` after the decision (what was approved lives on in the project)."""
        return self.filter(
            Q(state__in=["draft", "changes_requested"], updated_at__lt=now - timedelta(days=draft_days))
            | Q(state="draft", kind="change", link_used_at__isnull=True, created_at__lt=now - timedelta(days=link_days))
            | Q(state="unconfirmed", submitted_at__lt=now - timedelta(days=unconfirmed_days))
            | Q(state__in=["approved", "rejected"], decided_at__lt=now - timedelta(days=decided_days))
        )
