"""The project list as open data: CSV (opens in Excel: UTF-8 with BOM, semicolons) and JSON.

Contact persons are left out: open data holds what the projects did, not who to call.
"""

import csv

from django.db.models import Prefetch
from django.http import JsonResponse, StreamingHttpResponse
from django.utils import timezone

OPEN_DATA_LICENCE = {
    "name": "Datenlizenz Deutschland – Namensnennung – Version 2.0",
    "id": "dl-de/by-2.0",
    "url": "https://www.govdata.de/dl-de/by-2-0",
    "attribution": "Interkommunales.NRW",
}

COLUMNS = [
    "Titel",
    "Adresse",
    "Kurzbeschreibung",
    "Themenfelder",
    "Stichworte",
    "Form der Zusammenarbeit",
    "Stand",
    "Beginn",
    "Ende",
    "Hauptverantwortlich",
    "AGS hauptverantwortlich",
    "Beteiligte Kommunen",
    "AGS beteiligt",
    "Weitere Beteiligte",
    "Förderung",
    "Website",
    "Leuchtturmprojekt",
    "Einsparung € pro Jahr",
    "Einsparung %",
    "Personaleffekt in Vollzeitstellen",
    "Bearbeitungszeit verkürzt um %",
    "Zuletzt bestätigt",
    "Geändert",
]

CHUNK = 500


def _export_queryset(projects):
    from projects.models import Participant

    participants = Participant.objects.select_related("municipality").defer("municipality__shape")
    return projects.prefetch_related("topics", "tags", Prefetch("participants", queryset=participants)).defer(
        "occasion", "goal", "implementation", "benefit", "search_vector"
    )


def _record(project, request) -> dict:
    participants = list(project.participants.all())
    lead = next((p.municipality for p in participants if p.is_lead), None)
    partners = [p.municipality for p in participants if p.municipality_id and not p.is_lead]
    others = [p.organisation for p in participants if not p.municipality_id]
    return {
        "Titel": project.title,
        "Adresse": request.build_absolute_uri(project.get_absolute_url()),
        "Kurzbeschreibung": project.teaser,
        "Themenfelder": [topic.name for topic in project.topics.all()],
        "Stichworte": sorted(tag.name for tag in project.tags.all()),
        "Form der Zusammenarbeit": project.get_form_display(),
        "Stand": project.get_status_display(),
        "Beginn": project.start.strftime("%Y-%m") if project.start else None,
        "Ende": project.end.strftime("%Y-%m") if project.end else None,
        "Hauptverantwortlich": lead.name if lead else None,
        "AGS hauptverantwortlich": (lead.ags or None) if lead else None,
        "Beteiligte Kommunen": [m.name for m in partners],
        "AGS beteiligt": [m.ags for m in partners if m.ags],
        "Weitere Beteiligte": others,
        "Förderung": project.funding or None,
        "Website": project.website or None,
        "Leuchtturmprojekt": project.is_lighthouse,
        "Einsparung € pro Jahr": project.savings_eur_per_year,
        "Einsparung %": float(project.savings_percent) if project.savings_percent is not None else None,
        "Personaleffekt in Vollzeitstellen": float(project.staff_effect_fte)
        if project.staff_effect_fte is not None
        else None,
        "Bearbeitungszeit verkürzt um %": float(project.processing_time_percent)
        if project.processing_time_percent is not None
        else None,
        "Zuletzt bestätigt": timezone.localdate(project.last_confirmed_at).isoformat()
        if project.last_confirmed_at
        else None,
        "Geändert": project.updated_at.date().isoformat(),
    }


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, list):
        return ", ".join(value)
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return formula_safe(str(value))


# A cell starting with one of these would run as a formula in a spreadsheet.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """The text as a spreadsheet shows it, never run as a formula (CSV exports of projects and events)."""
    return f"'{text}" if text.startswith(FORMULA_START) else text


class _Echo:
    def write(self, value):
        return value


def projects_csv_response(projects, request) -> StreamingHttpResponse:
    writer = csv.writer(_Echo(), delimiter=";")

    def rows():
        yield "\ufeff"
        yield writer.writerow(COLUMNS)
        for project in _export_queryset(projects).iterator(chunk_size=CHUNK):
            record = _record(project, request)
            yield writer.writerow([_csv_cell(record[column]) for column in COLUMNS])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="projekte-{timezone.localdate():%Y-%m-%d}.csv"'
    response["Link"] = f'<{OPEN_DATA_LICENCE["url"]}>; rel="license"'
    return response


def projects_json_response(projects, request) -> JsonResponse:
    records = [_record(project, request) for project in _export_queryset(projects).iterator(chunk_size=CHUNK)]
    data = {
        "quelle": "Interkommunales.NRW – Projektdatenbank",
        "abfrage": request.build_absolute_uri(),
        "stand": timezone.now().isoformat(timespec="seconds"),
        "lizenz": OPEN_DATA_LICENCE,
        "anzahl": len(records),
        "projekte": records,
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Content-Disposition"] = f'attachment; filename="projekte-{timezone.localdate():%Y-%m-%d}.json"'
    response["Link"] = f'<{OPEN_DATA_LICENCE["url"]}>; rel="license"'
    return response
