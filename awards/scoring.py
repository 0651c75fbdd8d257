"""The jury's work on a round: which entries a member sees, scores, conflicts of interest, the weighted totals
and the ranking per category, and the chair's decision. The jury views call nothing else.

Totals are computed here and nowhere else (pretalx computes its review scores in one place, too):

- a member's total for an entry = Σ(weight × points) / Σ weight over the round's criteria, counted only when
  the member has scored every criterion;
- the entry's total = the mean of those members' totals; members with a conflict of interest never count.

The sums per member are aggregated by the database in one query for all entries of a category; the mean of
at most a handful of members' totals is taken here, exactly (fractions), and rounded to two places for display.

Visibility, the same rule for everyone, the chair included: a member sees the scores, comments and totals of
an entry only after scoring all its criteria themselves, and never those of an entry they declared a
conflict for (they cannot open it at all).

Blind mode: the jury's pages and messages call an entry "Beitrag <n>", numbered per round in the order of
submission (`jury_name`), and show its title only within the entry's text: titles often name the Kommunen.

The chair decides a category by recording its winners or by closing it without; the round is decided when
every category with entries in the competition is (a category nobody entered has nothing to decide).

Writes lock the category's row first (SELECT … FOR UPDATE): scores, conflicts and the chair's decision on one
category queue up behind each other, so no score slips in after the winners are recorded.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db import transaction
from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum, Value, When
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from awards.models import Category, ConflictOfInterest, Criterion, Entry, JuryMember, Round, Score

SCORING_STATES = (Round.State.OPEN, Round.State.JURY)

# A member's progress on an entry.
SCORED = "scored"  # every criterion scored
PARTIAL = "partial"  # some criteria scored (a criterion was added later)
NOT_SCORED = "open"
CONFLICT = "conflict"

PROGRESS_LABELS = {
    SCORED: "bewertet",
    PARTIAL: "unvollständig bewertet",
    NOT_SCORED: "noch nicht bewertet",
    CONFLICT: "befangen",
}


class JuryRefusedError(Exception):
    """A jury write the rules do not allow (now); the message says why, in German."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- Reads -----------------------------------------------------------------------------------------------


# The round's page texts, which no jury page shows.
ROUND_TEXTS = ["intro", "application_text", "conditions_text", "prizes_text", "faq_text"]


def _seats(user) -> QuerySet:
    return JuryMember.objects.for_user(user).select_related("round").defer(*[f"round__{name}" for name in ROUND_TEXTS])


def membership(*, user, year: int) -> JuryMember | None:
    """The user's seat on the jury of the round of this year, with the round; None if they have none."""
    return _seats(user).filter(round__year=year).first()


def memberships(*, user) -> list[JuryMember]:
    """Every round the user sits on the jury of, newest first."""
    return list(_seats(user).order_by("-round__year"))


def progress(*, own_scores: int, criteria_count: int, is_conflicted: bool = False) -> str:
    if is_conflicted:
        return CONFLICT
    if criteria_count and own_scores >= criteria_count:
        return SCORED
    return PARTIAL if own_scores else NOT_SCORED


def _jury_number() -> Subquery:
    """The entry's number in its round: its place in the order of submission among all entries of the round
    ever submitted (rejected ones too, so rejecting an entry renumbers none). Blind mode calls entries by it:
    the database id would tell the order of entries across rounds."""
    earlier = (
        Entry.objects.filter(round_id=OuterRef("round_id"), submitted_at__isnull=False)
        .filter(
            Q(submitted_at__lt=OuterRef("submitted_at"))
            | Q(submitted_at=OuterRef("submitted_at"), pk__lte=OuterRef("pk"))
        )
        .order_by()
        .values("round_id")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Subquery(earlier)


def _named(entries: QuerySet, *, blind: bool) -> QuerySet:
    """`jury_number` and `jury_name`, the name jury pages and messages use: the title, or in blind mode
    "Beitrag <number>" (titles often name the Kommunen; blind pages show the title only in the entry's text)."""
    entries = entries.annotate(jury_number=_jury_number())
    if blind:
        return entries.annotate(jury_name=Concat(Value("Beitrag "), Cast("jury_number", CharField())))
    return entries.annotate(jury_name=F("title"))


def entries_of_round(*, member: JuryMember) -> QuerySet:
    """The entries of the member's round in the competition, each with its `jury_name` and the member's progress
    (`own_scores`, `is_conflicted`); the list pages show conflicted ones by their name only. Ordered by name
    (in blind mode by number)."""
    blind = member.round.blind_review
    entries = (
        Entry.objects.for_jury_member(member)
        .with_progress_of(member)
        .select_related("lead_municipality")
        .only(
            "pk",
            "title",
            "category_id",
            "state",
            "is_winner",
            "round_id",
            "submitted_at",
            "organisation_name",
            "lead_municipality__name",
        )
    )
    return _named(entries, blind=blind).order_by(*(["jury_number"] if blind else ["title", "pk"]))


def visible_entry(*, member: JuryMember, pk: int) -> Entry | None:
    """The entry if the member may open it (of their round, in the competition, no conflict declared), with
    its `jury_name`."""
    entries = (
        Entry.objects.for_jury_member(member)
        .without_conflict_of(member)
        .select_related("category", "lead_municipality", "project")
        .defer("lead_municipality__shape", "project__search_vector")
        .filter(pk=pk)
    )
    return _named(entries, blind=member.round.blind_review).first()


def has_declared_conflict(*, member: JuryMember, pk: int) -> bool:
    return ConflictOfInterest.objects.filter(member=member, entry_id=pk).exists()


def scoring_closed_reason(*, round_: Round, category: Category) -> str | None:
    """Why scores of this category cannot be given or changed now, or None while they can."""
    if category.is_decided:
        return "Die Preisträger dieser Kategorie stehen fest; die Bewertungen sind endgültig."
    if round_.state == Round.State.DECIDED:
        return "Die Runde ist entschieden; die Bewertungen sind endgültig."
    if round_.state not in SCORING_STATES:
        return "Die Bewertung hat noch nicht begonnen: Die Runde ist erst angekündigt."
    return None


def conflict_closed_reason(*, round_: Round, category: Category) -> str | None:
    """Why the member cannot declare a conflict of interest for an entry of this category now, or None."""
    if category.is_decided or round_.state == Round.State.DECIDED:
        return "Die Preisträger dieser Kategorie stehen fest; eine Befangenheit kann nicht mehr erklärt werden."
    return None


def decision_closed_reason(*, round_: Round, category: Category) -> str | None:
    """Why the chair cannot record the winners of this category now, or None."""
    if category.is_decided:
        return "Die Preisträger dieser Kategorie sind schon festgelegt."
    if round_.state != Round.State.JURY:
        return (
            "Preisträger können erst festgelegt werden, wenn die Redaktion die Runde in den Stand „Jurierung“ "
            "gesetzt hat (nach dem Bewerbungsschluss)."
        )
    return None


def criteria_of(round_: Round) -> list[Criterion]:
    return list(round_.criteria.order_by("position", "pk"))


def member_totals(*, entries: Iterable[int], criteria_count: int) -> dict[int, dict[int, Fraction]]:
    """{entry id: {member id: the member's weighted total}} for members who scored every criterion.

    One query: the database sums Σ(weight × points) and Σ weight per entry and member; conflicted
    members are left out.
    """
    if not criteria_count:
        return {}
    conflicted = ConflictOfInterest.objects.filter(entry=OuterRef("entry_id"), member=OuterRef("member_id"))
    rows = (
        Score.objects.filter(entry__in=list(entries), criterion__round_id=F("entry__round_id"))
        .exclude(Exists(conflicted))
        .values("entry_id", "member_id")
        .annotate(points=Sum(F("value") * F("criterion__weight")), weights=Sum("criterion__weight"), scored=Count("pk"))
        .filter(scored=criteria_count)
        .order_by()
    )
    totals: dict[int, dict[int, Fraction]] = defaultdict(dict)
    for row in rows:
        totals[row["entry_id"]][row["member_id"]] = Fraction(row["points"], row["weights"])
    return dict(totals)


def entry_total(totals: Mapping[int, Fraction]) -> Fraction | None:
    """The mean of the members' totals (None before anyone scored the entry completely)."""
    if not totals:
        return None
    return sum(totals.values(), Fraction(0)) / len(totals)


def rounded(value: Fraction | None) -> Decimal | None:
    """Two decimal places, half up, for display."""
    if value is None:
        return None
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass
class Review:
    """One member's scores of an entry, in the order of the criteria; `total` once every criterion is scored."""

    member: JuryMember
    scores: list[Score]
    total: Decimal | None


@dataclass
class EntryScores:
    """An entry's scores as one member may see them."""

    own: dict[int, Score]  # criterion id → the member's own score
    complete: bool  # the member has scored every criterion: the others' scores are visible
    others: list[Review]  # empty until `complete`
    total: Decimal | None  # the entry's total; None until `complete`
    reviewers: int  # how many members' complete reviews make up the total
    own_total: Decimal | None = None  # the member's own weighted total; None until `complete`


def entry_scores(*, member: JuryMember, entry: Entry, criteria: list[Criterion]) -> EntryScores:
    """The member's own scores of the entry and, once they have scored every criterion, everyone else's."""
    scores = list(
        Score.objects.filter(entry=entry, criterion__in=criteria)
        .exclude(Exists(ConflictOfInterest.objects.filter(entry=entry, member=OuterRef("member_id"))))
        .select_related("member__user", "criterion")
        .order_by("member__user__last_name", "member__user__username", "member_id", "criterion__position", "pk")
    )
    own = {score.criterion_id: score for score in scores if score.member_id == member.pk}
    complete = progress(own_scores=len(own), criteria_count=len(criteria)) == SCORED
    if not complete:
        return EntryScores(own=own, complete=False, others=[], total=None, reviewers=0)
    totals = member_totals(entries=[entry.pk], criteria_count=len(criteria)).get(entry.pk, {})
    by_member: dict[int, list[Score]] = defaultdict(list)
    for score in scores:
        if score.member_id != member.pk:
            by_member[score.member_id].append(score)
    others = [
        Review(member=member_scores[0].member, scores=member_scores, total=rounded(totals.get(member_id)))
        for member_id, member_scores in by_member.items()
    ]
    return EntryScores(
        own=own,
        complete=True,
        others=others,
        total=rounded(entry_total(totals)),
        reviewers=len(totals),
        own_total=rounded(totals.get(member.pk)),
    )


@dataclass
class RankedEntry:
    entry: Entry  # from entries_of_round(): with `jury_name`
    progress: str
    total: Decimal | None = None  # only where the member may see it
    reviewers: int = 0
    place: int | None = None

    @property
    def progress_label(self) -> str:
        return PROGRESS_LABELS[self.progress]

    @property
    def is_done(self) -> bool:
        """Nothing left for the member to do: scored, or conflicted."""
        return self.progress in (SCORED, CONFLICT)


def _rows(entries: Iterable[Entry], *, criteria_count: int) -> list[RankedEntry]:
    return [
        RankedEntry(
            entry=entry,
            progress=progress(
                own_scores=entry.own_scores, criteria_count=criteria_count, is_conflicted=entry.is_conflicted
            ),
        )
        for entry in entries
    ]


@dataclass
class CategoryOverview:
    """A category on the round's overview: its entries with the member's progress."""

    category: Category
    rows: list[RankedEntry]
    closed_reason: str | None  # why scoring is closed, or None

    @property
    def done(self) -> int:
        return sum(1 for row in self.rows if row.is_done)

    @property
    def winners(self) -> list[RankedEntry]:
        return [row for row in self.rows if row.entry.is_winner] if self.category.is_decided else []


@dataclass
class RoundOverview:
    criteria: list[Criterion]
    categories: list[CategoryOverview]


def round_overview(*, member: JuryMember) -> RoundOverview:
    """The member's round: its criteria and, per category, the entries with the member's progress.

    Three queries, however many categories and entries.
    """
    round_ = member.round
    categories = list(round_.categories.order_by("position", "pk"))
    criteria = criteria_of(round_)
    by_category: dict[int, list[Entry]] = defaultdict(list)
    for entry in entries_of_round(member=member):
        by_category[entry.category_id].append(entry)
    return RoundOverview(
        criteria=criteria,
        categories=[
            CategoryOverview(
                category=category,
                rows=_rows(by_category[category.pk], criteria_count=len(criteria)),
                closed_reason=scoring_closed_reason(round_=round_, category=category),
            )
            for category in categories
        ],
    )


def ranking(*, member: JuryMember, category: Category, criteria_count: int) -> list[RankedEntry]:
    """The category's entries for this member: first those the member has scored, by their total (places
    shared on equal totals), then those still to score, then those the member is conflicted for."""
    rows = _rows(entries_of_round(member=member).filter(category=category), criteria_count=criteria_count)
    scored = [row for row in rows if row.progress == SCORED]
    totals = member_totals(entries=[row.entry.pk for row in scored], criteria_count=criteria_count)
    exact = {}
    for row in scored:
        exact[row.entry.pk] = entry_total(totals.get(row.entry.pk, {})) or Fraction(0)
        row.total = rounded(exact[row.entry.pk])
        row.reviewers = len(totals.get(row.entry.pk, {}))
    scored.sort(key=lambda row: -exact[row.entry.pk])
    for index, row in enumerate(scored):
        previous = scored[index - 1] if index else None
        same = previous is not None and exact[previous.entry.pk] == exact[row.entry.pk]
        row.place = previous.place if same else index + 1
    waiting = [row for row in rows if row.progress in (NOT_SCORED, PARTIAL)]
    conflicts = [row for row in rows if row.progress == CONFLICT]
    return scored + waiting + conflicts


# --- Writes ----------------------------------------------------------------------------------------------


def _locked_category(member: JuryMember, category_id: int) -> Category:
    return (
        Category.objects.select_for_update(of=("self",))
        .select_related("round")
        .get(pk=category_id, round_id=member.round_id)
    )


def _competing_entry(member: JuryMember, entry: Entry) -> Entry:
    current = Entry.objects.for_jury_member(member).filter(pk=entry.pk).first()
    if current is None:
        raise JuryRefusedError("Dieser Beitrag nimmt nicht (mehr) am Wettbewerb teil.")
    return current


def record_scores(
    *, member: JuryMember, entry: Entry, values: Mapping[int, tuple[int, str]], now: datetime | None = None
) -> list[Score]:
    """Save the member's points and comment for every criterion of the round: {criterion id: (points, comment)}.

    Refused for a conflicted member, outside the scoring phase, once the category is decided, and for
    points outside 0..round.score_max or a criterion left out.
    """
    now = now or timezone.now()
    with transaction.atomic():
        entry = _competing_entry(member, entry)
        category = _locked_category(member, entry.category_id)
        round_ = category.round
        if reason := scoring_closed_reason(round_=round_, category=category):
            raise JuryRefusedError(reason)
        if ConflictOfInterest.objects.filter(entry=entry, member=member).exists():
            raise JuryRefusedError("Sie haben für diesen Beitrag Befangenheit erklärt und bewerten ihn nicht.")
        criteria = criteria_of(round_)
        if not criteria:
            raise JuryRefusedError("Für diese Runde sind noch keine Kriterien angelegt.")
        if set(values) != {criterion.pk for criterion in criteria}:
            raise JuryRefusedError("Bitte bewerten Sie jedes Kriterium.")
        for points, _ in values.values():
            if not isinstance(points, int) or not 0 <= points <= round_.score_max:
                raise JuryRefusedError(f"Die Punkte müssen zwischen 0 und {round_.score_max} liegen.")
        scores = [
            Score(
                entry=entry,
                member=member,
                criterion=criterion,
                value=values[criterion.pk][0],
                comment=(values[criterion.pk][1] or "").strip(),
                updated_at=now,
            )
            for criterion in criteria
        ]
        Score.objects.bulk_create(
            scores,
            update_conflicts=True,
            unique_fields=["entry", "member", "criterion"],
            update_fields=["value", "comment", "updated_at"],
        )
    return scores


def declare_conflict(*, member: JuryMember, entry: Entry, note: str = "") -> ConflictOfInterest:
    """The member declares a conflict of interest: from now on they neither see nor score the entry, and
    the points they may have given it are deleted (they would not count anyway)."""
    with transaction.atomic():
        entry = _competing_entry(member, entry)
        category = _locked_category(member, entry.category_id)
        if reason := conflict_closed_reason(round_=category.round, category=category):
            raise JuryRefusedError(reason)
        conflict, _ = ConflictOfInterest.objects.get_or_create(
            entry=entry, member=member, defaults={"note": note.strip()}
        )
        Score.objects.filter(entry=entry, member=member).delete()
    return conflict


def record_winners(
    *, member: JuryMember, category: Category, entries: Iterable[Entry], now: datetime | None = None
) -> Category:
    """The chair records the winners of a category (one or more entries); its scores are final from then on.

    When this was the last undecided category of the round, the round is decided (see `_decide`).
    """
    chosen = {entry.pk for entry in entries}
    if not chosen:
        raise JuryRefusedError("Bitte wählen Sie mindestens einen Beitrag.")
    return _decide(member=member, category=category, chosen=chosen, now=now)


def close_without_winners(*, member: JuryMember, category: Category, now: datetime | None = None) -> Category:
    """The chair closes a category in which the jury awards no prize: decided without winners, the scores
    final, as after `record_winners`."""
    return _decide(member=member, category=category, chosen=set(), now=now)


def _decide(*, member: JuryMember, category: Category, chosen: set[int], now: datetime | None) -> Category:
    """Record the decision on a category under the category's and the round's row locks. The round is decided
    once every category with entries in the competition is: a category nobody entered has nothing to decide
    and does not hold the round up."""
    now = now or timezone.now()
    if not member.is_chair:
        raise JuryRefusedError("Nur der Vorsitz der Jury legt die Preisträger fest.")
    with transaction.atomic():
        category = _locked_category(member, category.pk)
        round_ = Round.objects.select_for_update().get(pk=category.round_id)
        if reason := decision_closed_reason(round_=round_, category=category):
            raise JuryRefusedError(reason)
        competing = Entry.objects.for_jury_member(member).filter(category=category)
        if not chosen <= set(competing.values_list("pk", flat=True)):
            raise JuryRefusedError("Ausgewählt ist ein Beitrag, der in dieser Kategorie nicht im Wettbewerb ist.")
        competing.update(is_winner=Case(When(pk__in=chosen, then=Value(True)), default=Value(False)), updated_at=now)
        category.decided_at = now
        category.decided_by = member.user
        category.save(update_fields=["decided_at", "decided_by"])
        in_competition = Entry.objects.for_jury_member(member).filter(category=OuterRef("pk"))
        if not round_.categories.filter(decided_at__isnull=True).filter(Exists(in_competition)).exists():
            round_.state = Round.State.DECIDED
            round_.decided_at = now
            round_.save(update_fields=["state", "decided_at", "updated_at"])
    return category
