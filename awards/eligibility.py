"""The rules an entry must meet to be submitted, read from its round (editors set them per round).

Each problem names the form field it belongs to (None: the whole form), so the form shows the German
message next to that field. `awards.services.submit_entry` runs these checks under the round's row
lock; nothing here writes.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.utils import formats, timezone

from awards.models import Entry, Round
from portal.models import Municipality

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
    if round_.not_yet_open(now):
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

    problems += one_entry_per_lead_problems(
        round_=round_,
        entry_pk=entry.pk,
        lead_id=entry.lead_municipality_id,
        partner_ids=entry.partners.values_list("pk", flat=True),
    )
    return problems


def entrants(lead_id: int | None, partner_ids: Iterable[int]) -> set[int]:
    """The Kommunen that stand behind an entry for "one entry per lead Kommune": its lead, or, when it names
    none, every partner Kommune (their Hauptverwaltungsbeamte confirm the council decisions together)."""
    return {lead_id} if lead_id else set(partner_ids)


def one_entry_per_lead_problems(
    *, round_: Round, entry_pk: int | None, lead_id: int | None, partner_ids: Iterable[int]
) -> list[Problem]:
    """A Kommune stands behind one entry per round: leaving the lead empty and listing oneself as a partner
    does not make a second entry possible. Checked against the entries in the competition (not drafts, not
    rejected ones), under the round's row lock when it matters (submitting, editors' state changes)."""
    mine = entrants(lead_id, partner_ids)
    if not round_.one_entry_per_lead or not mine:
        return []
    others = Entry.objects.submitted().filter(round=round_).exclude(pk=entry_pk)
    as_lead = set(others.filter(lead_municipality_id__in=mine).values_list("lead_municipality_id", flat=True))
    as_partner = (
        set(others.filter(lead_municipality__isnull=True, partners__in=mine).values_list("partners", flat=True)) & mine
    )
    if not as_lead | as_partner:
        return []
    names = dict(Municipality.objects.filter(pk__in=as_lead | as_partner).values_list("pk", "name"))
    if lead_id:
        name = names[lead_id]
        if lead_id in as_lead:
            message = (
                f"{name} hat in dieser Runde schon eine Bewerbung als federführende Kommune eingereicht. Je "
                "federführender Kommune ist nur eine Bewerbung möglich."
            )
        else:
            message = (
                f"{name} hat in dieser Runde schon eine Bewerbung ohne federführende Kommune mit eingereicht, als "
                "beteiligte Kommune, deren Ratsbeschlüsse bestätigt sind. Je Kommune ist nur eine Bewerbung möglich."
            )
        return [Problem("lead_municipality", message)]
    listed = ", ".join(sorted(names.values()))
    verb = "hat" if len(names) == 1 else "haben"
    return [
        Problem(
            "partners",
            "Ohne federführende Kommune reichen alle beteiligten Kommunen die Bewerbung gemeinsam ein. "
            f"{listed} {verb} in dieser Runde aber schon eine Bewerbung eingereicht; je Kommune ist nur eine "
            "Bewerbung möglich.",
        )
    ]


def submission_problems(entry: Entry, now: datetime) -> list[Problem]:
    """Everything that keeps the entry from being submitted now; empty when it may be."""
    if problem := deadline_problem(entry.round, now):
        return [problem]
    return missing_problems(entry) + eligibility_problems(entry)
