import pytest
from django.db import IntegrityError

from awards.models import Entry, Round
from tests.factories import (
    CategoryFactory,
    ConflictOfInterestFactory,
    EntryAttachmentFactory,
    EntryFactory,
    JuryMemberFactory,
    RoundFactory,
    ScoreFactory,
)

pytestmark = pytest.mark.django_db


def test_factories_build_a_consistent_round():
    score = ScoreFactory()
    conflict = ConflictOfInterestFactory(entry=score.entry)
    attachment = EntryAttachmentFactory(entry=score.entry)

    entry = score.entry
    assert entry.state == Entry.State.SUBMITTED
    assert entry.category.round == entry.round == score.member.round == score.criterion.round
    assert conflict.member.round == entry.round
    assert [m.short_name for m in entry.partners.all()] == ["Heiden"]
    assert entry.lead_municipality.short_name == "Borken"
    assert attachment.file.read().startswith(b"%PDF-")
    assert score.member.user.groups.filter(name="Jury").exists()


def test_round_defaults_exclude_sparkassen():
    round_ = Round.objects.create(
        year=2030,
        title="Landespreis 2030",
        entries_open_at="2030-01-01T00:00+01:00",
        entries_close_at="2030-02-01T00:00+01:00",
    )
    assert round_.excluded_organisation_kinds == ["sparkasse"]
    assert round_.min_municipal_partners == 2
    assert round_.one_entry_per_lead is True
    assert round_.score_max == 10


def test_entry_window_must_close_after_it_opens():
    with pytest.raises(IntegrityError):
        RoundFactory(entries_open_at="2030-02-01T00:00+01:00", entries_close_at="2030-01-01T00:00+01:00")


def test_a_submitted_entry_needs_a_category():
    with pytest.raises(IntegrityError):
        EntryFactory(category=None)


def test_a_draft_cannot_win():
    with pytest.raises(IntegrityError):
        EntryFactory(state="draft", is_winner=True)


def test_a_round_has_one_chair():
    round_ = RoundFactory()
    JuryMemberFactory(round=round_, is_chair=True)
    with pytest.raises(IntegrityError):
        JuryMemberFactory(round=round_, is_chair=True)


def test_a_score_is_never_negative():
    with pytest.raises(IntegrityError):
        ScoreFactory(value=-1)


def test_a_draft_needs_no_category():
    entry = EntryFactory(state="draft", category=None, consent=False, lead_municipality=None)
    assert entry.submitted_at is None
    assert CategoryFactory(round=entry.round).entries.count() == 0
