"""Entries as CSV for the editors: opens in Excel as it is (UTF-8 with BOM, semicolons).

The rows hold personal data (contact person, address, phone): only the admin offers this export.
"""

import csv

from django.db.models import Count, Prefetch
from django.http import StreamingHttpResponse

from awards.models import BERLIN
from portal.mail import absolute_url
from portal.models import Municipality
from projects.exports import formula_safe

COLUMNS = [
    "Runde",
    "Kategorie",
    "Stand",
    "Preisträger",
    "Titel des Projekts",
    "Federführende Kommune",
    "HVB bestätigt Ratsbeschlüsse",
    "Beteiligte Kommunen",
    "Kommunale Partner (Zahl)",
    "Weitere Beteiligte",
    "Art der einreichenden Organisation",
    "Einreichende Kommune oder Organisation",
    "Fachbereich",
    "Ansprechperson",
    "E-Mail-Adresse",
    "Telefon",
    "Kurzbeschreibung",
    "Anlass",
    "Ziel",
    "Umsetzung",
    "Gewinn der Kooperation",
    "Innovation",
    "Nachhaltigkeit und Übertragbarkeit",
    "Projektbeginn",
    "Noch in der Umsetzung",
    "Form der Zusammenarbeit",
    "Projekt in der Datenbank",
    "Anhänge",
    "Angelegt",
    "Eingereicht",
]

CHUNK = 500


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if hasattr(value, "astimezone"):
        return value.astimezone(BERLIN).strftime("%d.%m.%Y %H:%M")
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return formula_safe(str(value))


def _row(entry) -> list[str]:
    partners = list(entry.partners.all())
    municipal = {p.pk for p in partners} | ({entry.lead_municipality_id} if entry.lead_municipality_id else set())
    values = [
        entry.round.year,
        entry.category.name if entry.category_id else "",
        entry.get_state_display(),
        entry.is_winner,
        entry.title,
        entry.lead_municipality.name if entry.lead_municipality_id else "",
        entry.hvb_confirms,
        ", ".join(partner.name for partner in partners),
        len(municipal),
        entry.other_partners,
        entry.get_organisation_kind_display(),
        entry.organisation_name,
        entry.department,
        entry.contact_name,
        entry.email,
        entry.phone,
        entry.short_description,
        entry.occasion,
        entry.goal,
        entry.implementation,
        entry.benefit,
        entry.innovation,
        entry.sustainability,
        entry.project_start,
        entry.still_in_implementation,
        entry.get_cooperation_form_display(),
        absolute_url(entry.project.get_absolute_url()) if entry.project_id else "",
        entry.attachment_count,
        entry.created_at,
        entry.submitted_at,
    ]
    return [csv_cell(value) for value in values]


class _Echo:
    def write(self, value):
        return value


def entries_csv_response(entries, *, filename: str) -> StreamingHttpResponse:
    writer = csv.writer(_Echo(), delimiter=";")
    partners = Municipality.objects.only("pk", "name").order_by("name")
    rows = (
        entries.select_related("round", "category", "lead_municipality", "project")
        .only(
            *[f.name for f in entries.model._meta.concrete_fields],
            "round__year",
            "category__name",
            "lead_municipality__name",
            "project__slug",
        )
        .prefetch_related(Prefetch("partners", queryset=partners))
        .annotate(attachment_count=Count("attachments", distinct=True))
    )

    def lines():
        yield "\ufeff"
        yield writer.writerow(COLUMNS)
        for entry in rows.iterator(chunk_size=CHUNK):
            yield writer.writerow(_row(entry))

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
