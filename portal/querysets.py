from datetime import timedelta

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import models
from django.db.models import Case, Count, Exists, F, Func, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Concat
from django.utils import timezone

SEARCH_CONFIG = "german"


class StripTags(Func):
    """The text of sanitised HTML without its tags, for search vectors and matching passages."""

    function = "regexp_replace"
    output_field = models.TextField()

    def __init__(self, expression, **extra):
        super().__init__(expression, Value("<[^>]+>"), Value(" "), Value("g"), **extra)


# Marks around the words found in a passage; the template filter `passage` escapes the text and makes them <mark>.
MARK_START, MARK_STOP = "\x02", "\x03"


def headline(expression, search_query, **options):
    """The matching passage of a text (plain text, to be shown with the filter `passage`)."""
    return SearchHeadline(
        expression,
        search_query,
        config=SEARCH_CONFIG,
        start_sel=MARK_START,
        stop_sel=MARK_STOP,
        max_words=options.get("max_words", 30),
        min_words=options.get("min_words", 12),
    )


class PageQuerySet(models.QuerySet):
    def search(self, query: str):
        """Pages matching a German full-text query, best first, with the matching passage."""
        search_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        vector = SearchVector("title", weight="A", config=SEARCH_CONFIG) + SearchVector(
            "lead", "body", weight="B", config=SEARCH_CONFIG
        )
        return (
            self.annotate(rank=SearchRank(vector, search_query))
            .filter(rank__gt=0)
            .annotate(headline=headline(StripTags("body"), search_query))
            .order_by("-rank", "title")
        )


class OutgoingMailQuerySet(models.QuerySet):
    def due_for_retry(self):
        """Mails whose last attempt failed and whose next attempt is due."""
        return self.filter(status="retrying", next_attempt_at__lte=timezone.now())

    def waiting(self):
        """Mails queued longer than a few minutes: their task was lost (e.g. worker down)."""
        return self.filter(status="queued", created_at__lte=timezone.now() - timedelta(minutes=10))


# German letters spelt out (as people type them without umlauts) and reduced to their base letter.
UMLAUTS_SPELT = [("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")]
UMLAUTS_BASE = [("ä", "a"), ("ö", "o"), ("ü", "u"), ("ß", "ss")]


def fold_text(text: str, pairs=UMLAUTS_SPELT) -> str:
    text = text.lower()
    for letter, replacement in pairs:
        text = text.replace(letter, replacement)
    return text


class Folded(Func):
    """The text in lower case with the umlauts replaced as `pairs` says (fold_text in the database).

    One SQL expression with the letters written into its template: built from Replace() and Value() nodes it
    cost Django about a millisecond to compile each time, and the Kommunen search uses it five times.
    """

    output_field = models.TextField()

    def __init__(self, expression, pairs, **extra):
        sql = "%(expressions)s"
        # Capital umlauts first: lower() leaves them alone in databases with a plain "C" ctype.
        for letter, replacement in pairs:
            if letter != "ß":
                sql = f"replace({sql}, '{letter.upper()}', '{replacement}')"
        sql = f"lower({sql})"
        for letter, replacement in pairs:
            sql = f"replace({sql}, '{letter}', '{replacement}')"
        super().__init__(expression, template=sql, **extra)


def folded(expression, pairs):
    return Folded(expression, pairs)


class MunicipalityQuerySet(models.QuerySet):
    def gemeinden(self):
        """The 396 Städte und Gemeinden (kreisfreie Städte included)."""
        return self.filter(kind__in=self.model.GEMEINDE_KINDS)

    def kreise(self):
        return self.filter(kind=self.model.Kind.KREIS)

    def kreis_level(self):
        """Kreise and kreisfreie Städte: the units whose borders the map draws."""
        return self.filter(kind__in=self.model.KREIS_LEVEL_KINDS)

    def regierungsbezirke(self):
        return self.filter(kind=self.model.Kind.REGIERUNGSBEZIRK)

    def members_of(self, area):
        """A Kreis's Gemeinden; the Kreise and kreisfreie Städte of a Bezirk or a Landschaftsverband."""
        kind = self.model.Kind
        if area.kind == kind.KREIS:
            return self.filter(kreis=area)
        if area.kind == kind.REGIERUNGSBEZIRK:
            return self.kreis_level().filter(regierungsbezirk=area)
        if area.kind == kind.LANDSCHAFTSVERBAND:
            return self.kreis_level().filter(landschaftsverband=area)
        return self.none()

    def search(self, query: str):
        """Match names however umlauts are typed: "Muelheim", "Mulheim" and "Mülheim" find Mülheim an der Ruhr.

        The short names only ("Stadt …" in every official name would match everything), except for the
        Landschaftsverbände, whose short names are abbreviations.
        """
        query = " ".join(query.split())
        if not query:
            return self
        names = Case(
            When(kind=self.model.Kind.LANDSCHAFTSVERBAND, then=Concat("short_name", Value(" "), "name")),
            default=F("short_name"),
        )
        return self.alias(
            name_spelt=folded(names, UMLAUTS_SPELT),
            name_base=folded(names, UMLAUTS_BASE),
        ).filter(
            Q(name_spelt__contains=fold_text(query, UMLAUTS_SPELT))
            | Q(name_base__contains=fold_text(query, UMLAUTS_BASE))
        )

    def closest_names_first(self, query: str):
        """The name itself first, then names starting with `query`, then alphabetical: "Münster" lists the city
        before Bad Münstereifel and Marienmünster."""
        spelt, base = fold_text(query.strip(), UMLAUTS_SPELT), fold_text(query.strip(), UMLAUTS_BASE)
        return self.alias(
            short_spelt=folded(F("short_name"), UMLAUTS_SPELT), short_base=folded(F("short_name"), UMLAUTS_BASE)
        ).order_by(
            Case(
                When(Q(short_spelt=spelt) | Q(short_base=base), then=Value(0)),
                When(Q(short_spelt__startswith=spelt) | Q(short_base__startswith=base), then=Value(1)),
                default=Value(2),
            ),
            folded(F("short_name"), UMLAUTS_BASE),
            "short_name",
        )

    def name_starts_with(self, prefix: str):
        """Kommunen with a word of the short name starting with `prefix`, however umlauts are typed (for the
        suggestions of the search field): "mül" and "muel" find Mülheim an der Ruhr, "ruhr" finds it too.
        The closest names first."""
        prefix = " ".join(prefix.split())
        if not prefix:
            return self.none()
        word_starts = Q()
        for field, pairs in (("name_spelt", UMLAUTS_SPELT), ("name_base", UMLAUTS_BASE)):
            folded_prefix = fold_text(prefix, pairs)
            for before in ("", " ", "-"):
                lookup = "startswith" if before == "" else "contains"
                word_starts |= Q(**{f"{field}__{lookup}": before + folded_prefix})
        return (
            self.alias(
                name_spelt=folded(F("short_name"), UMLAUTS_SPELT), name_base=folded(F("short_name"), UMLAUTS_BASE)
            )
            .filter(word_starts)
            .closest_names_first(prefix)
        )

    def by_name(self):
        """Alphabetical as in German dictionaries (Ä with A), whatever the database's collation."""
        return self.order_by(folded(F("short_name"), UMLAUTS_BASE), "short_name")

    def cooperation_figures(self) -> dict[str, int]:
        """In one statement: the Kommunen of any kind taking part in a published project (`participating`),
        the Städte und Gemeinden (`gemeinden`) and those of them taking part in at least one (`cooperating_gemeinden`).
        """
        from projects.models import Participant

        taking_part = Q(Exists(Participant.objects.filter(municipality=OuterRef("pk"), project__is_published=True)))
        gemeinde = Q(kind__in=self.model.GEMEINDE_KINDS)
        return self.aggregate(
            participating=Count("pk", filter=taking_part),
            gemeinden=Count("pk", filter=gemeinde),
            cooperating_gemeinden=Count("pk", filter=gemeinde & taking_part),
        )

    def without_shapes(self):
        """For lists: the boundaries (and those of the related Kreis and Bezirk) stay in the database."""
        return self.defer("shape", "kreis__shape", "regierungsbezirk__shape")


class NewsItemQuerySet(models.QuerySet):
    def published(self):
        """Published Kurzmeldungen whose date has come (a later date publishes on that day)."""
        return self.filter(is_published=True, published_on__lte=timezone.localdate())

    def visible_to(self, user):
        """Drafts and future dates too for editors (their preview), only published news for everyone else."""
        return self if user.has_perm("portal.view_newsitem") else self.published()

    def newest_first(self):
        return self.order_by("-published_on", "-created_at", "-pk")

    def older_than(self, item):
        """The items before `item` in the list (newest first): earlier date, or the same date and created earlier."""
        return self.filter(
            Q(published_on__lt=item.published_on)
            | Q(published_on=item.published_on, created_at__lt=item.created_at)
            | Q(published_on=item.published_on, created_at=item.created_at, pk__lt=item.pk)
        ).newest_first()

    def newer_than(self, item):
        """The items after `item` in the list, the closest first."""
        return self.filter(
            Q(published_on__gt=item.published_on)
            | Q(published_on=item.published_on, created_at__gt=item.created_at)
            | Q(published_on=item.published_on, created_at=item.created_at, pk__gt=item.pk)
        ).order_by("published_on", "created_at", "pk")

    def with_list_data(self):
        """What a card shows: the Themenfelder prefetched, the text and the search vector left in the database."""
        return self.prefetch_related("topics").defer("body", "search_vector")

    def search(self, query: str):
        """Kurzmeldungen matching a German full-text query (stemmed), best first, with `rank` and `headline`."""
        found = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        text = Concat("teaser", Value(" "), StripTags("body"), output_field=models.TextField())
        return (
            self.filter(search_vector=found)
            .annotate(rank=SearchRank(F("search_vector"), found), headline=headline(text, found))
            .order_by("-rank", "-published_on", "title")
        )

    def update_search_vectors(self) -> int:
        """Store each item's search vector: the title weighs most, then Kurztext and Themenfelder, then the text."""
        links = self.model.topics.through.objects.filter(newsitem=OuterRef("pk")).order_by()
        topics = Subquery(
            links.values("newsitem").annotate(names=StringAgg("topic__name", " ")).values("names"),
            output_field=models.TextField(),
        )
        vector = (
            SearchVector("title", weight="A", config=SEARCH_CONFIG)
            + SearchVector("teaser", topics, weight="B", config=SEARCH_CONFIG)
            + SearchVector(StripTags("body"), weight="C", config=SEARCH_CONFIG)
        )
        return self.update(search_vector=vector)
