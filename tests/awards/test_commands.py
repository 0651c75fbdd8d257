"""Data protection: drafts deleted after the deadline, entries anonymised after the round's decision."""

import datetime
import os

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from awards import services
from awards.models import Entry
from portal.models import OutgoingMail
from tests.awards.conftest import kommune
from tests.factories import EntryAttachmentFactory, EntryFactory, RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_round():
    return RoundFactory(
        year=2022,
        state="decided",
        entries_open_at=timezone.now() - datetime.timedelta(days=120),
        entries_close_at=timezone.now() - datetime.timedelta(days=31),
        decided_at=timezone.now() - datetime.timedelta(days=10),
    )


def test_drafts_are_deleted_with_their_files_a_month_after_the_deadline(
    closed_round, open_round, capsys, django_capture_on_commit_callbacks
):
    old_draft = EntryFactory(round=closed_round, state="draft", title="Vergessen")
    path = EntryAttachmentFactory(entry=old_draft).file.path
    EntryFactory(round=closed_round, title="Eingereicht", lead_municipality=kommune("gescher"))
    EntryFactory(round=open_round, state="draft", title="Läuft noch")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("anonymise_award_entries")

    assert sorted(Entry.objects.values_list("title", flat=True)) == ["Eingereicht", "Läuft noch"]
    assert not os.path.exists(path)
    assert capsys.readouterr().out == (
        "Entwürfe von Runden, deren Bewerbungsschluss mehr als 30 Tage zurückliegt: 1 gelöscht\n"
        "Bewerbungen von Runden, die vor mehr als 365 Tagen entschieden wurden: 0 anonymisiert, 0 Anhänge gelöscht\n"
        "E-Mails zum Landespreis älter als 365 Tage: 0 gelöscht\n"
    )


def test_a_dry_run_only_counts(closed_round, capsys):
    EntryFactory(round=closed_round, state="draft")
    EntryAttachmentFactory(entry=EntryFactory(round=closed_round, lead_municipality=kommune("gescher")))

    call_command("anonymise_award_entries", "--dry-run", "--draft-days", "7", "--days", "5")

    assert Entry.objects.count() == 2
    assert Entry.objects.filter(anonymised_at__isnull=False).count() == 0
    out = capsys.readouterr().out
    assert "7 Tage zurückliegt: 1 würden gelöscht" in out
    assert "vor mehr als 5 Tagen entschieden wurden: 1 würden anonymisiert, 1 Anhänge würden gelöscht" in out


def test_drafts_within_the_retention_period_stay(closed_round):
    EntryFactory(round=closed_round, state="draft")

    call_command("anonymise_award_entries", "--draft-days", "60", verbosity=0)

    assert Entry.objects.count() == 1


def test_entries_lose_contact_and_files_a_year_after_the_decision_and_winners_keep_what_is_public(
    closed_round, open_round, django_capture_on_commit_callbacks
):
    closed_round.decided_at = timezone.now() - datetime.timedelta(days=366)
    closed_round.save()
    winner = EntryFactory(
        round=closed_round,
        title="Standesamt Borken-Heiden",
        is_winner=True,
        short_description="Ein Amt für zwei Städte.",
        contact_name="Kim Muster",
        email="kim@borken.de",
        phone="02861 1",
        department="Bürgerdienste",
    )
    rejected = EntryFactory(round=closed_round, state="rejected", lead_municipality=kommune("gescher"))
    path = EntryAttachmentFactory(entry=rejected).file.path
    running = EntryFactory(round=open_round, email="bleibt@heiden.de")
    secret = winner.secret

    with django_capture_on_commit_callbacks(execute=True):
        call_command("anonymise_award_entries", verbosity=0)

    winner.refresh_from_db()
    rejected.refresh_from_db()
    running.refresh_from_db()
    assert [getattr(winner, name) for name in ("contact_name", "email", "phone", "department")] == ["", "", "", ""]
    assert (winner.title, winner.short_description, winner.lead_municipality.slug, winner.is_winner) == (
        "Standesamt Borken-Heiden",
        "Ein Amt für zwei Städte.",
        "borken",
        True,
    )
    assert [p.slug for p in winner.partners.all()] == ["heiden"]
    assert winner.secret != secret and winner.anonymised_at is not None
    assert (rejected.email, rejected.attachments.count(), os.path.exists(path)) == ("", 0, False)
    assert running.email == "bleibt@heiden.de"


def test_entries_of_a_round_decided_less_than_a_year_ago_stay(closed_round):
    entry = EntryFactory(round=closed_round, email="kim@borken.de")

    call_command("anonymise_award_entries", verbosity=0)

    entry.refresh_from_db()
    assert (entry.email, entry.anonymised_at) == ("kim@borken.de", None)


def test_old_landespreis_mails_go_with_the_period(closed_round, sending, open_round):
    with sending():
        services.send_links(round_=open_round, email=EntryFactory(round=open_round).email)
    OutgoingMail.objects.update(created_at=timezone.now() - datetime.timedelta(days=400))
    assert len(mail.outbox) == 1

    call_command("anonymise_award_entries", verbosity=0)

    assert OutgoingMail.objects.filter(template__startswith="awards/").count() == 0
