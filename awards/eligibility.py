"""The rules an entry must meet to be submitted, read from its round (editors set them per round).

Each problem names the form field it belongs to (None: the whole form), so the form shows the German
message next to that field. `awards.services.submit_entry` runs these checks under the round's row
lock; nothing here writes.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import formats, timezone

from awards.models import Entry, Round

# What an entry needs before it can be submitted (a draft may leave them empty).
REQUIRED_FOR_SUBMISSION = [
    "title",
    "category",
    "organisation_kind",
    "department",
    "contact_name",
    "email",
    "phone",
    "short_description",
    "occasion",
    "goal",
    "implementation",
    "benefit",
    "innovation",
    "sustainability",
    "project_start",
    "cooperation_form",
]


@dataclass(frozen=True)
class Problem:
    field: str | None
    message: str


def when(value: datetime) -> str:
    """ "11. Februar 2022, 23:59 Uhr" in German time."""
    return f"{formats.date_format(timezone.localtime(value), 'j. F Y, H:i')} Uhr"


def deadline_problem(round_: Round, now: datetime) -> Problem | None:
    """Why nothing can be saved or submitted now, or None while the round takes entries."""
    if round_.accepts_entries(now):
        return None
    if round_.deadline_passed(now):
        return Problem(
            None,
            f"Der Bewerbungsschluss war am {when(round_.entries_close_at)}. Danach können wir keine Bewerbung "
            "mehr annehmen, auch keinen gespeicherten Entwurf.",
        )
    if round_.not_yet_open(now) or round_.state == Round.State.ANNOUNCED:
        return Problem(None, f"Die Bewerbung beginnt am {when(round_.entries_open_at)}.")
    return Problem(None, "Für diese Runde ist keine Bewerbung mehr möglich.")


def missing_problems(entry: Entry) -> list[Problem]:
    """Fields a submitted entry needs, with a message each."""
    problems = []
    for name in REQUIRED_FOR_SUBMISSION:
        value = getattr(entry, f"{name}_id" if name == "category" else name)
        if value in (None, ""):
            label = Entry._meta.get_field(name).verbose_name
            problems.append(Problem(name, f"Zum Einreichen brauchen wir noch: {label}."))
    if entry.lead_municipality_id is None and not entry.hvb_confirms:
        problems.append(
            Problem(
                "lead_municipality",
                "Bitte wählen Sie die federführende Kommune – oder bestätigen Sie unten, dass die "
                "Hauptverwaltungsbeamtin oder der Hauptverwaltungsbeamte die Ratsbeschlüsse aller Partner bestätigt.",
            )
        )
    if entry.lead_municipality_id is None and entry.hvb_confirms and not entry.organisation_name:
        problems.append(
            Problem("organisation_name", "Ohne federführende Kommune: Bitte nennen Sie, wer die Bewerbung einreicht.")
        )
    if not entry.consent:
        problems.append(Problem("consent", "Bitte willigen Sie ein, damit wir Ihre Bewerbung bearbeiten dürfen."))
    return problems


def municipal_partner_count(entry: Entry) -> int:
    """The Kommunen in NRW that take part: the lead and the partners, each counted once."""
    ids = set(entry.partners.values_list("pk", flat=True))
    if entry.lead_municipality_id:
        ids.add(entry.lead_municipality_id)
    return len(ids)


def eligibility_problems(entry: Entry) -> list[Problem]:
    """The round's conditions of participation, checked against the entry as saved."""
    round_ = entry.round
    problems = []

    count = municipal_partner_count(entry)
    if count < round_.min_municipal_partners:
        problems.append(
            Problem(
                "partners",
                f"Am Projekt müssen mindestens {round_.min_municipal_partners} Kommunen aus NRW beteiligt sein "
                f"(federführende und beteiligte Kommunen zusammen); angegeben {'ist' if count == 1 else 'sind'} "
                f"{count}. Weitere Beteiligte wie Verbände, Unternehmen oder Gemeinden außerhalb von NRW zählen "
                "dabei nicht mit.",
            )
        )

    cutoff = round_.earliest_project_start
    if cutoff and entry.project_start and entry.project_start < cutoff:
        ongoing = round_.ongoing_projects_eligible and entry.still_in_implementation
        if not ongoing:
            start, limit = (formats.date_format(d, "j. F Y") for d in (entry.project_start, cutoff))
            message = (
                f"Zugelassen sind Projekte, die am {limit} oder später begonnen haben; Ihr Projekt begann am {start}."
            )
            if round_.ongoing_projects_eligible:
                message += " Früher begonnene Projekte nehmen teil, wenn sie sich noch in der Umsetzung befinden."
            problems.append(Problem("project_start", message))

    if entry.organisation_kind in (round_.excluded_organisation_kinds or []):
        label = Entry.OrganisationKind(entry.organisation_kind).label
        problems.append(
            Problem(
                "organisation_kind",
                f"Bewerbungen von „{label}“ sind in dieser Runde ausgeschlossen (siehe Teilnahmebedingungen).",
            )
        )

    if round_.one_entry_per_lead and entry.lead_municipality_id:
        others = Entry.objects.submitted().filter(round=round_, lead_municipality_id=entry.lead_municipality_id)
        if others.exclude(pk=entry.pk).exists():
            problems.append(
                Problem(
                    "lead_municipality",
                    f"{entry.lead_municipality.name} hat in dieser Runde schon eine Bewerbung als federführende "
                    "Kommune eingereicht. Je federführender Kommune ist nur eine Bewerbung möglich.",
                )
            )
    return problems


def submission_problems(entry: Entry, now: datetime) -> list[Problem]:
    """Everything that keeps the entry from being submitted now; empty when it may be."""
    if problem := deadline_problem(entry.round, now):
        return [problem]
    return missing_problems(entry) + eligibility_problems(entry)
