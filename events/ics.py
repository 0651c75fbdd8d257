"""iCalendar files (RFC 5545) of event dates: one event, the feed of all events, and a participant's own.

Written by hand, it is short: times in Europe/Berlin with its VTIMEZONE (calendar programs show them
right wherever the reader is), text escaped, lines folded at 75 octets, CRLF line endings. The dial-in
data of an online date go only into a participant's own file, attached to their confirmation mail.
"""

from datetime import UTC, datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse

from portal.mail import SITE_NAME, absolute_url

TZID = "Europe/Berlin"
BERLIN = ZoneInfo(TZID)
PRODID = "-//Interkommunales.NRW//Veranstaltungen//DE"
CONTENT_TYPE = "text/calendar; charset=utf-8"
LINE_OCTETS = 75
SEQUENCE_EPOCH = datetime(2025, 1, 1, tzinfo=UTC)

# The rules of Central European (Summer) Time since 1996.
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon, comma and line breaks escaped."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """A content line in lines of at most 75 octets, never split inside a UTF-8 character."""
    if len(line.encode()) <= LINE_OCTETS:
        return line
    parts, current, size = [], "", 0
    for char in line:
        octets = len(char.encode())
        if size + octets > LINE_OCTETS:
            parts.append(current)
            # A continuation line starts with one space, which counts towards its 75 octets.
            current, size = " ", 1
        current += char
        size += octets
    parts.append(current)
    return "\r\n".join(parts)


def _local(moment: datetime) -> str:
    return moment.astimezone(BERLIN).strftime("%Y%m%dT%H%M%S")


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _uid(date) -> str:
    host = urlsplit(settings.PUBLIC_BASE_URL).hostname or "interkommunales.nrw"
    return f"termin-{date.pk}@{host}"


def sequence(moment: datetime) -> int:
    """SEQUENCE from the time of the last change: seconds since 2025, so every later change counts higher."""
    return max(0, int((moment - SEQUENCE_EPOCH).total_seconds()))


def _param(value: str) -> str:
    """A parameter value (CN=…), quoted; it may not hold double quotes or line breaks."""
    return '"' + " ".join(value.replace('"', "'").split()) + '"'


def _vevent(date, *, now: datetime, registration=None, registration_url: str = "") -> list[str]:
    """One date as a VEVENT. With `registration_url` it is a participant's own: with the dial-in data.

    A participant's own for a cancelled registration (`registration`) withdraws the entry from their calendar.
    """
    event = date.event
    url = absolute_url(event.get_absolute_url())
    date_cancelled = date.is_cancelled or event.is_cancelled
    withdrawn = registration is not None and registration.status == "cancelled"
    cancelled = date_cancelled or withdrawn
    changed = max(moment for moment in (date.updated_at, event.updated_at) if moment)
    if withdrawn:
        # Later than the file the person got with their seat, so calendars take this one as the newer.
        changed = max(changed, registration.cancelled_at)
    elif registration is not None and registration.confirmed_at:
        # Later than a cancellation of an earlier registration for the same date, should there be one.
        changed = max(changed, registration.confirmed_at)
    description = [event.teaser]
    if date_cancelled:
        description.insert(0, "Dieser Termin ist abgesagt. " + event.cancellation_note)
    elif withdrawn:
        description.insert(0, "Ihre Anmeldung für diesen Termin ist storniert.")
    if date.is_online:
        if registration_url and date.dial_in:
            description.append(f"Online über {date.online_platform}. Zugangsdaten:\n{date.dial_in}")
        else:
            description.append(
                f"Online über {date.online_platform}. Die Zugangsdaten erhalten angemeldete Teilnehmende per E-Mail."
            )
    description.append(f"Programm und Anmeldung: {url}")
    if registration_url:
        description.append(f"Ihre Anmeldung ansehen oder absagen: {registration_url}")
    location = date.venue.address_line if date.venue_id else f"Online ({date.online_platform})"
    prefix = "Abgesagt: " if date_cancelled else "Storniert: " if withdrawn else ""
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_uid(date)}",
        f"DTSTAMP:{_utc(now)}",
        # A calendar that imported the date before takes a changed or cancelled one as the newer version.
        f"SEQUENCE:{sequence(changed) + (1 if withdrawn else 0)}",
        f"LAST-MODIFIED:{_utc(changed)}",
        f"DTSTART;TZID={TZID}:{_local(date.starts_at)}",
        f"DTEND;TZID={TZID}:{_local(date.ends_at)}",
        f"SUMMARY:{escape_text(prefix + event.title)}",
        f"DESCRIPTION:{escape_text(chr(10).join(description))}",
        f"LOCATION:{escape_text(location)}",
        f"URL:{url}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
    ]
    if registration is not None and cancelled:
        # What METHOD:CANCEL requires (RFC 5546): who cancels, and for whom.
        lines += [
            f"ORGANIZER;CN={_param(event.organiser)}:mailto:{settings.EVENTS_EMAIL}",
            f"ATTENDEE;CN={_param(registration.name)}:mailto:{registration.email}",
        ]
    return [*lines, "END:VEVENT"]


def calendar(
    dates,
    *,
    name: str = "",
    registration=None,
    registration_url: str = "",
    method: str = "PUBLISH",
    now: datetime | None = None,
) -> str:
    """A VCALENDAR of the dates (each with its event loaded), as text with CRLF line endings."""
    now = now or datetime.now(UTC)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", f"METHOD:{method}"]
    if name:
        lines += [f"X-WR-CALNAME:{escape_text(name)}", f"X-WR-TIMEZONE:{TZID}"]
    lines += VTIMEZONE
    for date in dates:
        lines += _vevent(date, now=now, registration=registration, registration_url=registration_url)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def participant_calendar(registration, *, registration_url: str) -> dict:
    """The participant's date as a mail attachment (see portal.mail.send_templated_mail).

    For a confirmed registration the entry to import; once the registration is cancelled (by the person,
    or with the date), a cancellation (METHOD:CANCEL, STATUS:CANCELLED, a higher SEQUENCE) that removes
    the entry imported before.
    """
    if registration.status == "cancelled":
        method, mimetype = "CANCEL", "text/calendar; method=CANCEL"
    else:
        method, mimetype = "PUBLISH", "text/calendar"
    content = calendar([registration.date], registration=registration, registration_url=registration_url, method=method)
    return {"filename": "termin.ics", "content": content, "mimetype": mimetype}


def calendar_response(dates, *, filename: str, name: str = "", download: bool = True) -> HttpResponse:
    response = HttpResponse(calendar(dates, name=name or SITE_NAME), content_type=CONTENT_TYPE)
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
