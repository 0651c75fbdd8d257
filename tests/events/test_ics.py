import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.utils import timezone

from events import ics, services
from events.models import Event, EventDate
from tests.factories import EventDateFactory, EventFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")


def test_text_is_escaped_and_lines_are_folded_at_75_octets_without_splitting_characters():
    line = "DESCRIPTION:" + ics.escape_text("Größe; Straße, Köln\\Bonn\nzweite Zeile " + "ä" * 60)

    folded = ics.fold(line)

    assert ics.escape_text("a;b,c\\d\ne") == "a\\;b\\,c\\\\d\\ne"
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert all(part.startswith(" ") for part in folded.split("\r\n")[1:])
    assert folded.replace("\r\n ", "") == line


def test_calendar_of_an_event_in_berlin_time_with_crlf_and_a_vtimezone():
    event = EventFactory(title="Jahrestagung; Teil 1, Münster", slug="jahrestagung")
    date = EventDateFactory(
        event=event,
        starts_at=datetime.datetime(2027, 3, 26, 9, 0, tzinfo=datetime.UTC),  # CET: 10:00
        ends_at=datetime.datetime(2027, 3, 26, 15, 0, tzinfo=datetime.UTC),
    )
    summer = EventDateFactory(
        event=event,
        starts_at=datetime.datetime(2027, 3, 29, 8, 0, tzinfo=datetime.UTC),  # CEST from 28 March: 10:00
        ends_at=datetime.datetime(2027, 3, 29, 14, 0, tzinfo=datetime.UTC),
    )

    text = ics.calendar([date, summer], name="Jahrestagung")

    assert text.endswith("END:VCALENDAR\r\n")
    assert "\n" not in text.replace("\r\n", "")
    assert "DTSTART;TZID=Europe/Berlin:20270326T100000" in text
    assert "DTSTART;TZID=Europe/Berlin:20270329T100000" in text
    assert "SUMMARY:Jahrestagung\\; Teil 1\\, Münster" in text
    calendar = icalendar.Calendar.from_ical(text)
    starts = [component.decoded("DTSTART") for component in calendar.walk("VEVENT")]
    assert starts == [
        datetime.datetime(2027, 3, 26, 10, 0, tzinfo=BERLIN),
        datetime.datetime(2027, 3, 29, 10, 0, tzinfo=BERLIN),
    ]
    assert [s.astimezone(datetime.UTC).hour for s in starts] == [9, 8]
    assert calendar.walk("VTIMEZONE")[0]["TZID"] == "Europe/Berlin"
    assert str(calendar.walk("VEVENT")[0]["UID"]) == f"termin-{date.pk}@127.0.0.1"


def test_public_calendar_never_holds_the_dial_in_data_a_participants_own_does():
    date = EventDateFactory(online=True)

    public = ics.calendar([date])
    own = ics.calendar([date], registration_url="http://127.0.0.1:8000/veranstaltungen/anmeldung/abc/")

    assert "geheim-42" not in public
    assert "Die Zugangsdaten erhalten angemeldete Teilnehmende per E-Mail" in public.replace("\r\n ", "")
    description = str(icalendar.Calendar.from_ical(own).walk("VEVENT")[0]["DESCRIPTION"])
    assert "Kenncode: geheim-42" in description
    assert "http://127.0.0.1:8000/veranstaltungen/anmeldung/abc/" in description


def _vevent(date):
    date.refresh_from_db()
    return icalendar.Calendar.from_ical(ics.calendar([date])).walk("VEVENT")[0]


def _an_hour_ago(date):
    earlier = timezone.now() - datetime.timedelta(hours=1)
    EventDate.objects.filter(pk=date.pk).update(updated_at=earlier)
    Event.objects.filter(pk=date.event_id).update(updated_at=earlier)


def test_a_cancelled_date_is_marked_with_a_higher_sequence_so_calendars_update_it():
    date = EventDateFactory()
    _an_hour_ago(date)
    before = _vevent(date)

    services.cancel_event_date(date=date, note="Fällt aus.")
    after = _vevent(date)

    assert str(before["STATUS"]) == "CONFIRMED"
    assert str(after["STATUS"]) == "CANCELLED"
    assert str(after["SUMMARY"]).startswith("Abgesagt: ")
    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")


@pytest.mark.parametrize("change", ["date", "event"])
def test_every_change_of_a_date_or_its_event_counts_up_the_sequence(change):
    date = EventDateFactory()
    _an_hour_ago(date)
    before = _vevent(date)

    if change == "date":
        date.starts_at += datetime.timedelta(hours=1)
        date.ends_at += datetime.timedelta(hours=1)
        date.save()
    else:
        date.event.title = "Neuer Titel"
        date.event.save()
    after = _vevent(date)

    assert int(after["SEQUENCE"]) > int(before["SEQUENCE"])
    assert after.decoded("LAST-MODIFIED") > before.decoded("LAST-MODIFIED")
