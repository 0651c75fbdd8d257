"""Registrations as CSV for the organisers: opens in Excel as it is (UTF-8 with BOM, semicolons).

The rows hold personal data: only the admin offers this export, to editors who may see registrations.
"""

import csv

from django.http import StreamingHttpResponse

from events.models import BERLIN
from projects.exports import formula_safe

COLUMNS = [
    "Veranstaltung",
    "Termin",
    "Status",
    "Name",
    "E-Mail-Adresse",
    "Kommune",
    "Organisation",
    "Funktion",
    "Hinweise",
    "Angemeldet am",
    "E-Mail bestätigt am",
    "Platz erhalten am",
    "Storniert am",
    "Anwesend seit",
]

CHUNK = 500


def csv_cell(value) -> str:
    if value is None:
        return ""
    if hasattr(value, "astimezone"):
        return value.astimezone(BERLIN).strftime("%d.%m.%Y %H:%M")
    return formula_safe(str(value))


def _row(registration) -> list[str]:
    date = registration.date
    values = [
        date.event.title,
        date.starts_at,
        registration.get_status_display(),
        registration.name,
        registration.email,
        registration.municipality.name if registration.municipality_id else "",
        registration.organisation,
        registration.function,
        registration.notes,
        registration.created_at,
        registration.opted_in_at,
        registration.confirmed_at,
        registration.cancelled_at,
        registration.checked_in_at,
    ]
    return [csv_cell(value) for value in values]


class _Echo:
    def write(self, value):
        return value


def registrations_csv_response(registrations, *, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo(), delimiter=";")
    rows = registrations.select_related("date__event", "municipality").defer(
        "date__dial_in", "date__event__description", "date__event__report", "municipality__shape"
    )

    def lines():
        yield "\ufeff"
        yield writer.writerow(COLUMNS)
        for registration in rows.iterator(chunk_size=CHUNK):
            yield writer.writerow(_row(registration))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
