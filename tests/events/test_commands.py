import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from events.models import Registration
from tests.factories import EventDateFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def test_send_event_reminders_dry_run_counts_and_the_real_run_reminds_once(capsys, settings, sending):
    settings.EVENT_REMINDER_DAYS_BEFORE = 3
    now = timezone.now()
    date = EventDateFactory(starts_at=now + datetime.timedelta(days=2))
    RegistrationFactory(date=date, confirmed_at=now - datetime.timedelta(days=10))

    call_command("send_event_reminders", "--dry-run")
    assert "1 Teilnehmende würden erinnert" in capsys.readouterr().out
    assert not Registration.objects.filter(reminded_at__isnull=False).exists()

    with sending():
        call_command("send_event_reminders")
        call_command("send_event_reminders", "--verbosity", "0")

    assert capsys.readouterr().out == "Termine in den nächsten 3 Tagen: 1 Teilnehmende erinnert\n"
    assert Registration.objects.filter(reminded_at__isnull=False).count() == 1
    assert [m.subject.split(":")[0] for m in mail.outbox] == ["Erinnerung"]


def test_send_event_reminders_takes_the_days_as_an_option(capsys):
    now = timezone.now()
    date = EventDateFactory(starts_at=now + datetime.timedelta(days=6))
    RegistrationFactory(date=date, confirmed_at=now - datetime.timedelta(days=20))

    call_command("send_event_reminders", "--days", "3")
    call_command("send_event_reminders", "--days", "7")

    assert capsys.readouterr().out.splitlines() == [
        "Termine in den nächsten 3 Tagen: 0 Teilnehmende erinnert",
        "Termine in den nächsten 7 Tagen: 1 Teilnehmende erinnert",
    ]


def test_anonymise_registrations_after_the_retention_period_from_the_settings(capsys, settings):
    settings.EVENT_REGISTRATION_RETENTION_DAYS = 30
    now = timezone.now()
    old = EventDateFactory(starts_at=now - datetime.timedelta(days=40))
    RegistrationFactory.create_batch(2, date=old)
    RegistrationFactory(date=old, status="cancelled")
    recent = RegistrationFactory(date=EventDateFactory(starts_at=now - datetime.timedelta(days=10)))

    call_command("anonymise_registrations", "--dry-run")
    dry = capsys.readouterr().out
    assert not Registration.objects.filter(anonymised_at__isnull=False).exists()
    call_command("anonymise_registrations")

    assert "vor mehr als 30 Tagen endeten: 3 würden anonymisiert" in dry
    assert "vor mehr als 30 Tagen endeten: 3 anonymisiert" in capsys.readouterr().out
    assert old.registrations.status_counts() == {"pending": 0, "confirmed": 2, "waitlisted": 0, "cancelled": 1}
    assert not old.registrations.exclude(name="").exists()
    recent.refresh_from_db()
    assert recent.anonymised_at is None and recent.name
