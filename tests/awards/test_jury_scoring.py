"""awards/scoring.py: weighted totals, ranking, and the rules of every jury write."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from django.utils import timezone

from awards import scoring
from awards.models import Category, ConflictOfInterest, Entry, Round, Score
from tests.factories import (
    CategoryFactory,
    ConflictOfInterestFactory,
    EntryFactory,
    JuryMemberFactory,
    ScoreFactory,
    jury_round,
    score_entry,
)

pytestmark = pytest.mark.django_db

THREE_CRITERIA = (("Gewinn der Kooperation", 1), ("Grad der Innovation", 2), ("Zukunftsfähigkeit", 3))


@pytest.fixture
def jury():
    round_, category, criteria, members = jury_round(
        year=2027, criteria=THREE_CRITERIA, members=["jury-a", "jury-b", "jury-c", "jury-d"]
    )
    return round_, category, criteria, members


def values(criteria, points):
    return {criterion.pk: (value, "") for criterion, value in zip(criteria, points, strict=True)}


# --- Totals ---


def test_weighted_totals_with_concrete_numbers(jury):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category)
    score_entry(entry, members["jury-a"], [10, 5, 0])  # (1·10 + 2·5 + 3·0) / 6 = 20/6 = 3.33
    score_entry(entry, members["jury-b"], [6, 6, 6])  # 36/6 = 6
    score_entry(entry, members["jury-c"], [10])  # incomplete: does not count
    score_entry(entry, members["jury-d"], [10, 10, 10])  # conflicted: does not count
    ConflictOfInterest.objects.create(entry=entry, member=members["jury-d"])

    totals = scoring.member_totals(entries=[entry.pk], criteria_count=3)

    assert totals == {
        entry.pk: {members["jury-a"].pk: Fraction(10, 3), members["jury-b"].pk: Fraction(6)},
    }
    assert scoring.entry_total(totals[entry.pk]) == Fraction(14, 3)
    assert scoring.rounded(scoring.entry_total(totals[entry.pk])) == Decimal("4.67")


def test_totals_need_one_query_for_a_whole_category(jury, django_assert_num_queries):
    round_, category, criteria, members = jury
    entries = [EntryFactory(round=round_, category=category) for _ in range(3)]
    for entry in entries:
        score_entry(entry, members["jury-a"], [5, 5, 5])

    with django_assert_num_queries(1):
        totals = scoring.member_totals(entries=[entry.pk for entry in entries], criteria_count=3)

    assert {entry_id: list(by_member.values()) for entry_id, by_member in totals.items()} == {
        entry.pk: [Fraction(5)] for entry in entries
    }


def test_ranking_orders_by_total_and_shares_places(jury):
    round_, category, criteria, members = jury
    me = members["jury-a"]
    best = EntryFactory(round=round_, category=category, title="Bester Beitrag")
    tie_one = EntryFactory(round=round_, category=category, title="Gleichstand Eins")
    tie_two = EntryFactory(round=round_, category=category, title="Gleichstand Zwei")
    unscored = EntryFactory(round=round_, category=category, title="Noch offen")
    conflicted = EntryFactory(round=round_, category=category, title="Befangen")
    score_entry(best, me, [9, 9, 9])
    score_entry(tie_one, me, [4, 4, 4])
    score_entry(tie_two, me, [4, 4, 4])
    score_entry(unscored, members["jury-b"], [10, 10, 10])
    score_entry(conflicted, members["jury-b"], [1, 1, 1])
    ConflictOfInterest.objects.create(entry=conflicted, member=me)

    rows = scoring.ranking(member=me, category=category, criteria_count=3)

    assert [(row.entry.title, row.place, row.total, row.progress) for row in rows] == [
        ("Bester Beitrag", 1, Decimal("9.00"), "scored"),
        ("Gleichstand Eins", 2, Decimal("4.00"), "scored"),
        ("Gleichstand Zwei", 2, Decimal("4.00"), "scored"),
        ("Noch offen", None, None, "open"),
        ("Befangen", None, None, "conflict"),
    ]


def test_entry_scores_hide_the_others_until_the_member_has_scored_every_criterion(jury):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category)
    score_entry(entry, members["jury-b"], [8, 8, 8], comment="Sehr überzeugend")
    score_entry(entry, members["jury-a"], [5, 5])  # two of three

    before = scoring.entry_scores(member=members["jury-a"], entry=entry, criteria=criteria)
    ScoreFactory(entry=entry, member=members["jury-a"], criterion=criteria[2], value=2)
    after = scoring.entry_scores(member=members["jury-a"], entry=entry, criteria=criteria)

    assert (before.complete, before.others, before.total, before.own_total) == (False, [], None, None)
    assert after.complete is True
    assert [(review.member, review.total) for review in after.others] == [(members["jury-b"], Decimal("8.00"))]
    assert [score.comment for score in after.others[0].scores] == ["Sehr überzeugend"] * 3
    # a: (1·5 + 2·5 + 3·2) / 6 = 21/6 = 3.5; b: 8; mean 5.75
    assert (after.total, after.reviewers, after.own_total) == (Decimal("5.75"), 2, Decimal("3.50"))


# --- Scores ---


def test_record_scores_saves_and_updates_points_and_comments(jury):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category)
    member = members["jury-a"]

    scoring.record_scores(member=member, entry=entry, values=values(criteria, [3, 4, 5]))
    scoring.record_scores(
        member=member, entry=entry, values={**values(criteria, [3, 4, 5]), criteria[0].pk: (9, " Stark ")}
    )

    assert list(
        Score.objects.filter(member=member).order_by("criterion__position").values_list("value", "comment")
    ) == [(9, "Stark"), (4, ""), (5, "")]


@pytest.mark.parametrize("points", [-1, 11])
def test_points_out_of_range_are_refused(jury, points):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category)

    with pytest.raises(scoring.JuryRefusedError, match="zwischen 0 und 10"):
        scoring.record_scores(member=members["jury-a"], entry=entry, values=values(criteria, [points, 5, 5]))
    assert Score.objects.count() == 0


def test_the_round_sets_the_highest_score(jury):
    round_, category, criteria, members = jury
    Round.objects.filter(pk=round_.pk).update(score_max=5)
    entry = EntryFactory(round=round_, category=category)

    with pytest.raises(scoring.JuryRefusedError, match="zwischen 0 und 5"):
        scoring.record_scores(member=members["jury-a"], entry=entry, values=values(criteria, [6, 5, 5]))


def test_every_criterion_must_be_scored(jury):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category)

    with pytest.raises(scoring.JuryRefusedError, match="jedes Kriterium"):
        scoring.record_scores(
            member=members["jury-a"], entry=entry, values={criteria[0].pk: (5, ""), criteria[1].pk: (5, "")}
        )


def test_a_conflicted_member_cannot_score(jury):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category)
    ConflictOfInterest.objects.create(entry=entry, member=members["jury-a"])

    with pytest.raises(scoring.JuryRefusedError, match="Befangenheit"):
        scoring.record_scores(member=members["jury-a"], entry=entry, values=values(criteria, [5, 5, 5]))


@pytest.mark.parametrize(
    ("state", "message"), [("announced", "noch nicht begonnen"), ("decided", "Die Runde ist entschieden")]
)
def test_scores_only_while_the_round_is_open_or_in_the_jury_phase(jury, state, message):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category)
    Round.objects.filter(pk=round_.pk).update(state=state)

    with pytest.raises(scoring.JuryRefusedError, match=message):
        scoring.record_scores(member=members["jury-a"], entry=entry, values=values(criteria, [5, 5, 5]))


def test_scoring_is_possible_while_the_round_is_still_open(jury):
    round_, category, criteria, members = jury
    Round.objects.filter(pk=round_.pk).update(state="open")
    entry = EntryFactory(round=round_, category=category)

    scoring.record_scores(member=members["jury-a"], entry=entry, values=values(criteria, [5, 5, 5]))

    assert Score.objects.filter(member=members["jury-a"]).count() == 3


def test_a_decided_category_locks_the_scores(jury):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category)
    score_entry(entry, members["jury-a"], [5, 5, 5])
    scoring.record_winners(member=members["jury-vorsitz"], category=category, entries=[entry])

    with pytest.raises(scoring.JuryRefusedError, match="die Bewertungen sind endgültig"):
        scoring.record_scores(member=members["jury-a"], entry=entry, values=values(criteria, [9, 9, 9]))
    with pytest.raises(scoring.JuryRefusedError, match="Befangenheit kann nicht mehr erklärt werden"):
        scoring.declare_conflict(member=members["jury-b"], entry=entry)
    assert list(Score.objects.values_list("value", flat=True)) == [5, 5, 5]


def test_a_rejected_entry_cannot_be_scored(jury):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category, state="rejected")

    with pytest.raises(scoring.JuryRefusedError, match="nicht \\(mehr\\) am Wettbewerb"):
        scoring.record_scores(member=members["jury-a"], entry=entry, values=values(criteria, [5, 5, 5]))


def test_a_member_of_another_round_cannot_score(jury):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category)
    stranger = JuryMemberFactory()

    with pytest.raises(scoring.JuryRefusedError):
        scoring.record_scores(member=stranger, entry=entry, values=values(criteria, [5, 5, 5]))
    assert Score.objects.count() == 0


# --- Conflicts of interest ---


def test_declaring_a_conflict_deletes_the_members_points_and_hides_the_entry(jury):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category)
    score_entry(entry, members["jury-a"], [5, 5, 5])
    score_entry(entry, members["jury-b"], [7, 7, 7])

    conflict = scoring.declare_conflict(member=members["jury-a"], entry=entry, note=" Ich habe beraten. ")

    assert (conflict.member, conflict.note) == (members["jury-a"], "Ich habe beraten.")
    assert set(Score.objects.values_list("member__user__username", flat=True)) == {"jury-b"}
    assert scoring.visible_entry(member=members["jury-a"], pk=entry.pk) is None
    assert scoring.visible_entry(member=members["jury-b"], pk=entry.pk) == entry


def test_declaring_a_conflict_twice_keeps_one(jury):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category)

    scoring.declare_conflict(member=members["jury-a"], entry=entry, note="Erstens")
    scoring.declare_conflict(member=members["jury-a"], entry=entry, note="Zweitens")

    assert list(ConflictOfInterest.objects.values_list("note", flat=True)) == ["Erstens"]


def test_a_conflicted_members_old_scores_never_count(jury):
    # A conflict recorded another way (e.g. by the editors) while scores exist: the totals leave them out.
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category)
    score_entry(entry, members["jury-a"], [0, 0, 0])
    score_entry(entry, members["jury-b"], [9, 9, 9])
    ConflictOfInterestFactory(entry=entry, member=members["jury-a"])

    seen_by_b = scoring.entry_scores(member=members["jury-b"], entry=entry, criteria=criteria)

    assert (seen_by_b.total, seen_by_b.reviewers, seen_by_b.others) == (Decimal("9.00"), 1, [])


# --- Winners ---


def test_chair_records_winners_and_the_last_category_decides_the_round(jury):
    round_, category, criteria, members = jury
    second = CategoryFactory(round=round_, name="Umwelt")
    winner = EntryFactory(round=round_, category=category, title="Sieger")
    also = EntryFactory(round=round_, category=category, title="Auch Sieger")
    loser = EntryFactory(round=round_, category=category, title="Nicht diesmal")
    other = EntryFactory(round=round_, category=second)
    chair = members["jury-vorsitz"]
    now = timezone.now()

    scoring.record_winners(member=chair, category=category, entries=[winner, also], now=now)
    round_.refresh_from_db()
    state_after_first = round_.state
    later = now + datetime.timedelta(minutes=5)
    scoring.record_winners(member=chair, category=second, entries=[other], now=later)

    category.refresh_from_db()
    round_.refresh_from_db()
    assert (category.decided_at, category.decided_by) == (now, chair.user)
    assert set(Entry.objects.filter(is_winner=True).values_list("title", flat=True)) == {
        "Sieger",
        "Auch Sieger",
        other.title,
    }
    assert Entry.objects.get(pk=loser.pk).is_winner is False
    assert state_after_first == "jury"
    assert (round_.state, round_.decided_at) == ("decided", later)  # the entries' retention counts from here
    assert set(Entry.objects.public_winners().values_list("pk", flat=True)) == {winner.pk, also.pk, other.pk}


def test_a_member_who_is_not_chair_cannot_record_winners(jury):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category)

    with pytest.raises(scoring.JuryRefusedError, match="Nur der Vorsitz"):
        scoring.record_winners(member=members["jury-a"], category=category, entries=[entry])
    assert Category.objects.get(pk=category.pk).decided_at is None


def test_winners_are_recorded_once(jury):
    round_, category, criteria, members = jury
    first = EntryFactory(round=round_, category=category)
    second = EntryFactory(round=round_, category=category)
    scoring.record_winners(member=members["jury-vorsitz"], category=category, entries=[first])

    with pytest.raises(scoring.JuryRefusedError, match="schon festgelegt"):
        scoring.record_winners(member=members["jury-vorsitz"], category=category, entries=[second])
    assert list(Entry.objects.filter(is_winner=True)) == [first]


def test_winners_need_the_jury_phase(jury):
    round_, category, criteria, members = jury
    Round.objects.filter(pk=round_.pk).update(state="open")
    entry = EntryFactory(round=round_, category=category)

    with pytest.raises(scoring.JuryRefusedError, match="Jurierung"):
        scoring.record_winners(member=members["jury-vorsitz"], category=category, entries=[entry])


def test_winners_must_be_entries_of_the_category_in_the_competition(jury):
    round_, category, criteria, members = jury
    rejected = EntryFactory(round=round_, category=category, state="rejected")
    elsewhere = EntryFactory(round=round_, category=CategoryFactory(round=round_, name="Umwelt"))

    for entries in ([rejected], [elsewhere], []):
        with pytest.raises(scoring.JuryRefusedError):
            scoring.record_winners(member=members["jury-vorsitz"], category=category, entries=entries)
    assert Entry.objects.filter(is_winner=True).count() == 0
    assert Category.objects.get(pk=category.pk).decided_at is None


def test_a_category_nobody_entered_does_not_hold_up_the_round(jury):
    round_, category, criteria, members = jury
    empty = CategoryFactory(round=round_, name="Sonderkategorie ohne Bewerbungen")
    EntryFactory(round=round_, category=empty, state="rejected")
    EntryFactory(round=round_, category=empty, state="draft")
    winner = EntryFactory(round=round_, category=category)

    scoring.record_winners(member=members["jury-vorsitz"], category=category, entries=[winner])

    round_.refresh_from_db()
    assert round_.state == "decided"
    assert Category.objects.get(pk=empty.pk).decided_at is None


def test_the_round_waits_for_every_category_with_entries(jury):
    round_, category, criteria, members = jury
    other = CategoryFactory(round=round_, name="Umwelt")
    EntryFactory(round=round_, category=other, state="accepted")
    winner = EntryFactory(round=round_, category=category)

    scoring.record_winners(member=members["jury-vorsitz"], category=category, entries=[winner])

    round_.refresh_from_db()
    assert round_.state == "jury"


def test_chair_closes_a_category_without_winners_and_its_scores_are_final(jury):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category)
    score_entry(entry, members["jury-a"], [2, 2, 2])
    now = timezone.now()

    scoring.close_without_winners(member=members["jury-vorsitz"], category=category, now=now)

    category.refresh_from_db()
    round_.refresh_from_db()
    assert (category.decided_at, category.decided_by) == (now, members["jury-vorsitz"].user)
    assert Entry.objects.filter(is_winner=True).count() == 0
    assert round_.state == "decided"
    with pytest.raises(scoring.JuryRefusedError, match="endgültig"):
        scoring.record_scores(member=members["jury-a"], entry=entry, values=values(criteria, [9, 9, 9]))
    with pytest.raises(scoring.JuryRefusedError, match="schon festgelegt"):
        scoring.record_winners(member=members["jury-vorsitz"], category=category, entries=[entry])


def test_only_the_chair_closes_a_category_without_winners(jury):
    round_, category, criteria, members = jury
    EntryFactory(round=round_, category=category)

    with pytest.raises(scoring.JuryRefusedError, match="Nur der Vorsitz"):
        scoring.close_without_winners(member=members["jury-a"], category=category)
    assert Category.objects.get(pk=category.pk).decided_at is None


def test_the_demo_round_is_decided_once_its_categories_with_entries_are():
    from awards.demo import create_demo_rounds

    create_demo_rounds()
    round_ = Round.objects.get(is_demo=True, state="open")
    Round.objects.filter(pk=round_.pk).update(state="jury")
    chair = round_.jury_members.get(is_chair=True)
    chair.round.refresh_from_db()
    entered = [category for category in round_.categories.order_by("position") if category.entries.exists()]
    assert (len(entered), round_.categories.count()) == (3, 6)

    for category in entered:
        scoring.record_winners(member=chair, category=category, entries=[category.entries.first()])

    round_.refresh_from_db()
    assert round_.state == "decided"
    assert Entry.objects.public_winners().filter(round=round_).count() == 3


# --- Names and numbers in blind mode ---


def test_entries_are_numbered_per_round_in_the_order_of_submission(jury):
    round_, category, criteria, members = jury
    Round.objects.filter(pk=round_.pk).update(blind_review=True)
    members["jury-a"].round.refresh_from_db()
    day = timezone.now() - datetime.timedelta(days=10)
    EntryFactory(round=CategoryFactory().round, submitted_at=day)  # another round: its own numbers
    second = EntryFactory(
        round=round_, category=category, title="Zweite", submitted_at=day + datetime.timedelta(days=2)
    )
    first = EntryFactory(round=round_, category=category, title="Erste", submitted_at=day)
    EntryFactory(round=round_, category=category, state="rejected", submitted_at=day + datetime.timedelta(days=1))
    EntryFactory(round=round_, category=category, state="draft")
    fourth = EntryFactory(
        round=round_, category=category, title="Vierte", submitted_at=day + datetime.timedelta(days=3)
    )

    names = {entry.pk: entry.jury_name for entry in scoring.entries_of_round(member=members["jury-a"])}
    opened = scoring.visible_entry(member=members["jury-a"], pk=fourth.pk)

    # The rejected entry keeps number 2: rejecting renumbers nothing.
    assert names == {first.pk: "Beitrag 1", second.pk: "Beitrag 3", fourth.pk: "Beitrag 4"}
    assert list(names) == [first.pk, second.pk, fourth.pk]
    assert (opened.jury_number, opened.jury_name) == (4, "Beitrag 4")


def test_entries_go_by_their_titles_when_the_round_is_not_blind(jury):
    round_, category, criteria, members = jury
    entry = EntryFactory(round=round_, category=category, title="Gemeinsames Standesamt Borken")

    names = [entry.jury_name for entry in scoring.entries_of_round(member=members["jury-a"])]

    assert names == ["Gemeinsames Standesamt Borken"]
    assert scoring.visible_entry(member=members["jury-a"], pk=entry.pk).jury_name == "Gemeinsames Standesamt Borken"


# --- The round's overview ---


def test_round_overview_groups_the_entries_with_the_members_progress(jury, django_assert_num_queries):
    round_, category, criteria, members = jury
    empty = CategoryFactory(round=round_, name="Leer", position=category.position + 1)
    scored = EntryFactory(round=round_, category=category, title="A bewertet")
    partial = EntryFactory(round=round_, category=category, title="B unvollständig")
    conflicted = EntryFactory(round=round_, category=category, title="C befangen")
    EntryFactory(round=round_, category=category, title="D offen")
    score_entry(scored, members["jury-a"], [5, 5, 5])
    score_entry(partial, members["jury-a"], [5])
    ConflictOfInterest.objects.create(entry=conflicted, member=members["jury-a"])

    with django_assert_num_queries(3):
        overview = scoring.round_overview(member=members["jury-a"])

    assert [criterion.name for criterion in overview.criteria] == [name for name, _ in THREE_CRITERIA]
    assert [group.category for group in overview.categories] == [category, empty]
    first = overview.categories[0]
    assert [(row.entry.title, row.progress_label) for row in first.rows] == [
        ("A bewertet", "bewertet"),
        ("B unvollständig", "unvollständig bewertet"),
        ("C befangen", "befangen"),
        ("D offen", "noch nicht bewertet"),
    ]
    assert (first.done, first.closed_reason) == (2, None)
    assert (overview.categories[1].rows, overview.categories[1].done) == ([], 0)
