"""Every rule of a round, checked when an entry is submitted, with the message the applicant reads."""

import datetime
import threading

import pytest
from django.core import mail
from django.db import connection, transaction

from awards import services
from awards.models import Entry, Round
from tests.awards.conftest import kommune
from tests.factories import EntryFactory

pytestmark = pytest.mark.django_db


def draft(round_, **fields):
    fields.setdefault("category", round_.categories.first())
    return EntryFactory(round=round_, state="draft", **fields)


def refusal(entry, now=None) -> dict[str | None, list[str]]:
    with pytest.raises(services.EntryRefusedError) as refused:
        services.submit_entry(entry=entry, now=now)
    problems = {}
    for problem in refused.value.problems:
        problems.setdefault(problem.field, []).append(problem.message)
    return problems


# --- The deadline -----------------------------------------------------------------------------------------


def test_an_entry_submitted_at_the_closing_second_is_accepted(open_round):
    entry = draft(open_round)

    services.submit_entry(entry=entry, now=open_round.entries_close_at)

    entry.refresh_from_db()
    assert (entry.state, entry.submitted_at) == ("submitted", open_round.entries_close_at)


def test_a_draft_submitted_one_second_late_is_refused_and_stays_a_draft(open_round):
    open_round.entries_close_at = datetime.datetime(2027, 2, 9, 23, 59, 59, tzinfo=datetime.UTC)
    open_round.entries_open_at = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
    open_round.save()
    entry = draft(open_round)

    problems = refusal(entry, now=open_round.entries_close_at + datetime.timedelta(seconds=1))

    assert problems == {
        None: [
            "Der Bewerbungsschluss war am 10. Februar 2027, 00:59 Uhr. Danach können wir keine Bewerbung mehr "
            "annehmen, auch keinen gespeicherten Entwurf."
        ]
    }
    entry.refresh_from_db()
    assert (entry.state, entry.submitted_at) == ("draft", None)
    assert mail.outbox == []


def test_a_draft_cannot_be_saved_after_the_deadline(open_round):
    entry = draft(open_round, title="Vorher")
    late = open_round.entries_close_at + datetime.timedelta(seconds=1)

    with pytest.raises(services.EntryRefusedError) as refused:
        services.save_draft(round_=open_round, entry=entry, values={"title": "Nachher"}, partners=[], now=late)

    assert refused.value.problems[0].message.startswith("Der Bewerbungsschluss war am ")
    entry.refresh_from_db()
    assert entry.title == "Vorher"


def test_nothing_is_accepted_before_the_round_opens(open_round):
    entry = draft(open_round)
    early = open_round.entries_open_at - datetime.timedelta(seconds=1)

    assert list(refusal(entry, now=early)) == [None]
    assert refusal(entry, now=early)[None][0].startswith("Die Bewerbung beginnt am ")


def test_an_announced_round_takes_entries_once_its_window_opens(open_round):
    open_round.state = "announced"
    open_round.save()
    entry = draft(open_round)
    early = open_round.entries_open_at - datetime.timedelta(seconds=1)

    assert refusal(entry, now=early)[None][0].startswith("Die Bewerbung beginnt am ")
    assert services.submit_entry(entry=entry, now=open_round.entries_open_at).state == "submitted"


def test_a_round_the_editors_closed_early_takes_no_entries(open_round):
    open_round.state = "jury"
    open_round.save()

    assert refusal(draft(open_round)) == {None: ["Für diese Runde ist keine Bewerbung mehr möglich."]}


# --- Kommunale partners -----------------------------------------------------------------------------------


def test_fewer_kommunen_than_required_are_refused(open_round):
    entry = draft(open_round, lead_municipality=kommune("borken"), partners=[])

    assert refusal(entry) == {
        "partners": [
            "Am Projekt müssen mindestens 2 Kommunen aus NRW beteiligt sein (federführende und beteiligte Kommunen "
            "zusammen); angegeben ist 1. Weitere Beteiligte wie Verbände, Unternehmen oder Gemeinden außerhalb von "
            "NRW zählen dabei nicht mit."
        ]
    }


def test_the_lead_named_again_as_partner_counts_once(open_round):
    entry = draft(open_round, lead_municipality=kommune("borken"), partners=[kommune("borken")])

    assert list(refusal(entry)) == ["partners"]


def test_other_participants_do_not_count_as_kommunen(open_round):
    entry = draft(
        open_round, lead_municipality=kommune("borken"), partners=[], other_partners="Gemeente Winterswijk\nGPA NRW"
    )

    assert list(refusal(entry)) == ["partners"]


def test_lead_and_one_partner_are_enough_for_two(open_round):
    entry = draft(open_round, lead_municipality=kommune("borken"), partners=[kommune("heiden")])

    assert services.submit_entry(entry=entry).state == "submitted"


def test_the_minimum_is_the_rounds_setting(open_round):
    open_round.min_municipal_partners = 3
    open_round.save()
    entry = draft(open_round, lead_municipality=kommune("borken"), partners=[kommune("heiden")])

    assert "mindestens 3 Kommunen" in refusal(entry)["partners"][0]
    entry.partners.add(kommune("gescher"))
    assert services.submit_entry(entry=entry).state == "submitted"


def test_without_a_lead_the_hvb_confirmation_and_two_partners_suffice(open_round):
    entry = draft(
        open_round,
        lead_municipality=None,
        hvb_confirms=True,
        organisation_name="Zweckverband Beispiel",
        organisation_kind="zweckverband",
        partners=[kommune("borken"), kommune("heiden")],
    )

    assert services.submit_entry(entry=entry).state == "submitted"


def test_without_lead_and_without_the_hvb_confirmation_it_is_refused(open_round):
    entry = draft(
        open_round, lead_municipality=None, hvb_confirms=False, partners=[kommune("borken"), kommune("heiden")]
    )

    assert refusal(entry)["lead_municipality"] == [
        "Bitte wählen Sie die federführende Kommune – oder bestätigen Sie unten, dass die Hauptverwaltungsbeamtin "
        "oder der Hauptverwaltungsbeamte die Ratsbeschlüsse aller Partner bestätigt."
    ]


# --- Project start ----------------------------------------------------------------------------------------


def test_a_project_begun_before_the_cutoff_is_refused(open_round):
    entry = draft(open_round, project_start=datetime.date(2016, 8, 31))

    assert refusal(entry) == {
        "project_start": [
            "Zugelassen sind Projekte, die am 1. September 2016 oder später begonnen haben; Ihr Projekt begann am "
            "31. August 2016."
        ]
    }


def test_a_project_begun_on_the_cutoff_day_is_accepted(open_round):
    entry = draft(open_round, project_start=datetime.date(2016, 9, 1))

    assert services.submit_entry(entry=entry).state == "submitted"


def test_an_earlier_project_still_in_implementation_takes_part_when_the_round_allows_it(open_round):
    open_round.ongoing_projects_eligible = True
    open_round.save()
    finished = draft(open_round, project_start=datetime.date(2015, 1, 1), still_in_implementation=False)
    running = draft(
        open_round,
        project_start=datetime.date(2015, 1, 1),
        still_in_implementation=True,
        lead_municipality=kommune("gescher"),
    )

    assert refusal(finished)["project_start"][0].endswith(
        "Früher begonnene Projekte nehmen teil, wenn sie sich noch in der Umsetzung befinden."
    )
    assert services.submit_entry(entry=running).state == "submitted"


def test_still_in_implementation_does_not_help_when_the_round_does_not_allow_it(open_round):
    entry = draft(open_round, project_start=datetime.date(2015, 1, 1), still_in_implementation=True)

    assert list(refusal(entry)) == ["project_start"]


def test_without_a_cutoff_any_start_is_fine(open_round):
    open_round.earliest_project_start = None
    open_round.save()
    entry = draft(open_round, project_start=datetime.date(1999, 1, 1))

    assert services.submit_entry(entry=entry).state == "submitted"


# --- One entry per lead Kommune ---------------------------------------------------------------------------


def test_a_second_entry_of_the_same_lead_kommune_is_refused(open_round):
    EntryFactory(round=open_round, lead_municipality=kommune("borken"), title="Erste Bewerbung")
    second = draft(open_round, lead_municipality=kommune("borken"), title="Zweite Bewerbung")

    assert refusal(second) == {
        "lead_municipality": [
            "Stadt Borken hat in dieser Runde schon eine Bewerbung als federführende Kommune eingereicht. Je "
            "federführender Kommune ist nur eine Bewerbung möglich."
        ]
    }


def test_drafts_and_rejected_entries_of_the_same_lead_do_not_block(open_round):
    draft(open_round, lead_municipality=kommune("borken"))
    EntryFactory(round=open_round, lead_municipality=kommune("borken"), state="rejected")
    entry = draft(open_round, lead_municipality=kommune("borken"))

    assert services.submit_entry(entry=entry).state == "submitted"


def test_the_same_lead_may_enter_in_another_round(open_round):
    EntryFactory(lead_municipality=kommune("borken"))  # in a round of its own
    entry = draft(open_round, lead_municipality=kommune("borken"))

    assert services.submit_entry(entry=entry).state == "submitted"


def test_a_round_may_allow_several_entries_per_lead(open_round):
    open_round.one_entry_per_lead = False
    open_round.save()
    EntryFactory(round=open_round, lead_municipality=kommune("borken"))
    entry = draft(open_round, lead_municipality=kommune("borken"))

    assert services.submit_entry(entry=entry).state == "submitted"


def test_a_kommune_may_be_partner_in_several_entries(open_round):
    EntryFactory(round=open_round, lead_municipality=kommune("borken"), partners=[kommune("heiden")])
    entry = draft(open_round, lead_municipality=kommune("gescher"), partners=[kommune("heiden")])

    assert services.submit_entry(entry=entry).state == "submitted"


def test_a_lead_cannot_enter_again_without_a_lead_as_its_own_partner(open_round):
    EntryFactory(round=open_round, lead_municipality=kommune("borken"), title="Erste Bewerbung")
    second = draft(
        open_round,
        lead_municipality=None,
        hvb_confirms=True,
        organisation_name="Stadt Borken",
        partners=[kommune("borken"), kommune("heiden")],
    )

    assert refusal(second) == {
        "partners": [
            "Ohne federführende Kommune reichen alle beteiligten Kommunen die Bewerbung gemeinsam ein. Stadt Borken "
            "hat in dieser Runde aber schon eine Bewerbung eingereicht; je Kommune ist nur eine Bewerbung möglich."
        ]
    }


def test_a_partner_of_an_entry_without_lead_cannot_lead_another(open_round):
    EntryFactory(
        round=open_round, lead_municipality=None, hvb_confirms=True, partners=[kommune("borken"), kommune("heiden")]
    )
    second = draft(open_round, lead_municipality=kommune("heiden"), partners=[kommune("gescher")])

    assert refusal(second) == {
        "lead_municipality": [
            "Gemeinde Heiden hat in dieser Runde schon eine Bewerbung ohne federführende Kommune mit eingereicht, "
            "als beteiligte Kommune, deren Ratsbeschlüsse bestätigt sind. Je Kommune ist nur eine Bewerbung möglich."
        ]
    }


def test_entries_without_lead_of_other_kommunen_do_not_block(open_round):
    EntryFactory(round=open_round, lead_municipality=kommune("borken"), partners=[kommune("heiden")])
    entry = draft(
        open_round,
        lead_municipality=None,
        hvb_confirms=True,
        organisation_name="Zweckverband Beispiel",
        organisation_kind="zweckverband",
        partners=[kommune("gescher"), kommune("ahaus")],
    )

    assert services.submit_entry(entry=entry).state == "submitted"


@pytest.mark.django_db(transaction=True)
def test_two_parallel_submits_of_the_same_lead_kommune_cannot_both_pass(reference_data, open_round):
    """Both drafts pass the check on their own; the round's row lock lets only the first through."""
    entries = [draft(open_round, lead_municipality=kommune("borken"), title=f"Bewerbung {n}") for n in range(2)]
    start = threading.Barrier(len(entries))
    outcomes, errors = [], []

    def submit(entry):
        try:
            start.wait()
            services.submit_entry(entry=entry)
            outcomes.append("submitted")
        except services.EntryRefusedError as refused:
            outcomes.append(refused.problems[0].field)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(entry,)) for entry in entries]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(outcomes) == ["lead_municipality", "submitted"]
    assert Entry.objects.filter(round=open_round, state="submitted").count() == 1


@pytest.mark.django_db(transaction=True)
def test_saving_a_draft_does_not_wait_for_the_rounds_lock(reference_data, open_round):
    """Submitting holds the round's row lock; drafts (and their uploads) are saved beside it meanwhile."""
    entry = draft(open_round, title="Vorher")
    outcome = []

    def save():
        try:
            services.save_draft(round_=open_round, entry=entry, values={"title": "Nachher"}, partners=[])
            outcome.append("gespeichert")
        finally:
            connection.close()

    with transaction.atomic():
        Round.objects.select_for_update().get(pk=open_round.pk)  # as a submission in progress does
        saver = threading.Thread(target=save)
        saver.start()
        saver.join(timeout=10)
        finished_during_the_lock = not saver.is_alive()
    saver.join(timeout=30)

    assert finished_during_the_lock is True
    assert outcome == ["gespeichert"]
    entry.refresh_from_db()
    assert entry.title == "Nachher"


# --- Excluded organisations -------------------------------------------------------------------------------


def test_an_excluded_kind_of_organisation_is_refused(open_round):
    entry = draft(open_round, organisation_kind="sparkasse", organisation_name="Sparkasse Westmünsterland")

    assert refusal(entry) == {
        "organisation_kind": [
            "Bewerbungen von „Sparkasse“ sind in dieser Runde ausgeschlossen (siehe Teilnahmebedingungen)."
        ]
    }


def test_the_excluded_kinds_are_the_rounds_setting(open_round):
    open_round.excluded_organisation_kinds = ["sparkasse", "privat"]
    open_round.save()

    assert list(refusal(draft(open_round, organisation_kind="privat"))) == ["organisation_kind"]
    open_round.excluded_organisation_kinds = []
    open_round.save()
    assert services.submit_entry(entry=draft(open_round, organisation_kind="sparkasse")).state == "submitted"


# --- Completeness -----------------------------------------------------------------------------------------


def test_what_submitting_needs_is_named_field_by_field(open_round):
    entry = draft(open_round, category=None, goal="", phone="", project_start=None, consent=False)

    assert refusal(entry) == {
        "category": ["Zum Einreichen brauchen wir noch: Kategorie."],
        "phone": ["Zum Einreichen brauchen wir noch: Telefon."],
        "goal": ["Zum Einreichen brauchen wir noch: Ziel."],
        "project_start": ["Zum Einreichen brauchen wir noch: Projektbeginn oder Vertragsdatum."],
        "consent": ["Bitte willigen Sie ein, damit wir Ihre Bewerbung bearbeiten dürfen."],
    }


def test_an_entry_is_submitted_only_once(open_round):
    entry = EntryFactory(round=open_round)

    assert refusal(entry) == {None: ["Diese Bewerbung ist schon eingereicht."]}
