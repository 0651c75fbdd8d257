import datetime
import os

import pytest
from django.core.management import call_command
from django.utils import timezone

from awards.models import Entry
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
    )


def test_drafts_are_deleted_with_their_files_a_month_after_the_deadline(
    closed_round, open_round, capsys, django_capture_on_commit_callbacks
):
    old_draft = EntryFactory(round=closed_round, state="draft", title="Vergessen")
    path = EntryAttachmentFactory(entry=old_draft).file.path
    EntryFactory(round=closed_round, title="Eingereicht", lead_municipality=kommune("gescher"))
    EntryFactory(round=open_round, state="draft", title="Läuft noch")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("delete_expired_drafts")

    assert sorted(Entry.objects.values_list("title", flat=True)) == ["Eingereicht", "Läuft noch"]
    assert not os.path.exists(path)
    assert capsys.readouterr().out == (
        "Entwürfe von Runden, deren Bewerbungsschluss mehr als 30 Tage zurückliegt: 1 gelöscht\n"
    )


def test_a_dry_run_only_counts(closed_round, capsys):
    EntryFactory(round=closed_round, state="draft")

    call_command("delete_expired_drafts", "--dry-run", "--days", "7")

    assert Entry.objects.count() == 1
    assert "7 Tage zurückliegt: 1 würden gelöscht" in capsys.readouterr().out


def test_drafts_within_the_retention_period_stay(closed_round):
    EntryFactory(round=closed_round, state="draft")

    call_command("delete_expired_drafts", "--days", "60", verbosity=0)

    assert Entry.objects.count() == 1
