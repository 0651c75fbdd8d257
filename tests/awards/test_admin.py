"""The editors' admin: entries with filters, search, CSV, state changes, attachments; rounds with their jury."""

import csv
import io
import os

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import timezone

from awards.models import ConflictOfInterest, Entry, JuryMember, Round
from tests.awards.conftest import kommune
from tests.factories import (
    ConflictOfInterestFactory,
    CriterionFactory,
    EntryAttachmentFactory,
    EntryFactory,
    JuryMemberFactory,
    RoundFactory,
    ScoreFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ENTRIES = reverse("admin:awards_entry_changelist")


def titles(response) -> list[str]:
    return sorted(entry.title for entry in response.context["cl"].result_list)


@pytest.fixture
def entries(open_round):
    other_round = RoundFactory(year=2022, state="decided")
    return {
        "submitted": EntryFactory(round=open_round, title="Standesamt", category=open_round.categories.first()),
        "draft": EntryFactory(
            round=open_round,
            state="draft",
            title="Bauhof",
            lead_municipality=kommune("gescher"),
            contact_name="Ali Beispiel",
            category=None,
        ),
        "umwelt": EntryFactory(
            round=open_round,
            title="Radwege",
            category=open_round.categories.get(name__startswith="Umwelt"),
            lead_municipality=kommune("heiden"),
            state="accepted",
        ),
        "old": EntryFactory(round=other_round, title="Archiv", lead_municipality=kommune("ahaus")),
    }


def test_entries_are_filtered_by_round_category_and_state(admin_client, entries, open_round):
    umwelt = open_round.categories.get(name__startswith="Umwelt")

    assert titles(admin_client.get(ENTRIES, {"runde": 2027})) == ["Bauhof", "Radwege", "Standesamt"]
    assert titles(admin_client.get(ENTRIES, {"runde": 2027, "kategorie": umwelt.pk})) == ["Radwege"]
    assert titles(admin_client.get(ENTRIES, {"state__exact": "draft"})) == ["Bauhof"]
    assert titles(admin_client.get(ENTRIES, {"q": "Ali Beispiel"})) == ["Bauhof"]
    assert titles(admin_client.get(ENTRIES, {"q": "Heiden"})) == ["Radwege"]


def test_the_category_filter_offers_the_categories_of_the_chosen_round(admin_client, entries, open_round):
    response = admin_client.get(ENTRIES, {"runde": 2027})

    category_filter = next(spec for spec in response.context["cl"].filter_specs if spec.parameter_name == "kategorie")
    assert [label for _, label in category_filter.lookup_choices] == [
        "Innere Verwaltung",
        "Umwelt, Planung & Infrastruktur",
    ]


@pytest.mark.parametrize("count", [1, 3])
def test_the_entry_list_runs_a_constant_number_of_queries(admin_client, open_round, django_assert_num_queries, count):
    for lead in ["borken", "gescher", "heiden"][:count]:
        EntryFactory(round=open_round, lead_municipality=kommune(lead))
    admin_client.get(ENTRIES)  # the session and the user are loaded once per request, like any other

    # Session, user, the count, the filtered count, the page with round, category and lead, the rounds and
    # the categories of the filters, the date hierarchy.
    with django_assert_num_queries(9):
        admin_client.get(ENTRIES)


def test_accepting_and_rejecting_skip_drafts_and_winners(admin_client, entries):
    winner = EntryFactory(
        round=entries["submitted"].round, title="Sieger", lead_municipality=kommune("ahaus"), is_winner=True
    )
    chosen = [entries["submitted"].pk, entries["draft"].pk, winner.pk]

    response = admin_client.post(ENTRIES, {"action": "mark_accepted", "_selected_action": chosen}, follow=True)

    states = dict(Entry.objects.filter(pk__in=chosen).values_list("title", "state"))
    assert states == {"Standesamt": "accepted", "Bauhof": "draft", "Sieger": "submitted"}
    assert "1 Bewerbung(en): zugelassen. 2 übersprungen" in response.content.decode()
    admin_client.post(ENTRIES, {"action": "mark_rejected", "_selected_action": [entries["submitted"].pk]})
    assert Entry.objects.get(pk=entries["submitted"].pk).state == "rejected"
    admin_client.post(ENTRIES, {"action": "mark_submitted", "_selected_action": [entries["submitted"].pk]})
    assert Entry.objects.get(pk=entries["submitted"].pk).state == "submitted"


def test_the_csv_export_holds_every_field_and_guards_formulas(admin_client, entries):
    entry = entries["submitted"]
    entry.title = '=HYPERLINK("http://boese.example")'
    entry.save()
    EntryAttachmentFactory(entry=entry)

    response = admin_client.post(
        ENTRIES, {"action": "export_csv", "_selected_action": [entry.pk, entries["umwelt"].pk]}
    )

    content = b"".join(response.streaming_content).decode("utf-8")
    assert content.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff")), delimiter=";"))
    assert [row["Titel des Projekts"] for row in rows] == ['\'=HYPERLINK("http://boese.example")', "Radwege"]
    first = rows[0]
    assert first["Runde"] == "2027"
    assert first["Federführende Kommune"] == "Stadt Borken"
    assert first["Beteiligte Kommunen"] == "Gemeinde Heiden"
    assert first["Kommunale Partner (Zahl)"] == "2"
    assert first["Anhänge"] == "1"
    assert first["Stand"] == "eingereicht"
    assert first["E-Mail-Adresse"] == entry.email
    assert response["Content-Disposition"].startswith('attachment; filename="landespreis-bewerbungen-')


def test_editors_download_attachments_and_visitors_cannot(admin_client, client, open_round):
    attachment = EntryAttachmentFactory(entry=EntryFactory(round=open_round))
    url = reverse("admin:awards_entry_attachment", args=[attachment.entry_id, attachment.pk])

    assert b"".join(admin_client.get(url).streaming_content).startswith(b"%PDF-")
    assert client.get(url).status_code == 302  # to the login


def test_the_entry_page_links_its_attachments(admin_client, open_round):
    attachment = EntryAttachmentFactory(entry=EntryFactory(round=open_round))

    html = admin_client.get(reverse("admin:awards_entry_change", args=[attachment.entry_id])).content.decode()

    assert f'href="/admin/awards/entry/{attachment.entry_id}/anhang/{attachment.pk}/">konzept.pdf</a>' in html


def test_entries_come_from_the_public_form_only(admin_client):
    assert admin_client.get(reverse("admin:awards_entry_add")).status_code == 403


def test_editors_of_the_group_redaktion_may_manage_rounds_and_entries():
    codenames = set(Group.objects.get(name="Redaktion").permissions.values_list("codename", flat=True))

    assert {
        "change_round",
        "add_round",
        "change_entry",
        "view_entry",
        "add_jurymember",
        "delete_jurymember",
    } <= codenames


def round_form(round_, **changes) -> dict:
    data = {
        "year": round_.year,
        "title": round_.title,
        "state": round_.state,
        "is_published": "on",
        "entries_open_at_0": "01.12.2026",
        "entries_open_at_1": "00:00:00",
        "entries_close_at_0": "09.02.2027",
        "entries_close_at_1": "23:59:59",
        "earliest_project_start": "01.09.2016",
        "min_municipal_partners": 2,
        "one_entry_per_lead": "on",
        "excluded_organisation_kinds": ["sparkasse", "privat"],
        "score_max": 10,
        "intro": "<p>Start</p>",
        "application_text": "",
        "conditions_text": "",
        "prizes_text": "",
        "faq_text": "",
    }
    for prefix in ("categories", "criteria", "jury_members"):
        data[f"{prefix}-TOTAL_FORMS"] = 0
        data[f"{prefix}-INITIAL_FORMS"] = 0
    data.update(changes)
    return data


def test_a_round_is_set_up_with_categories_criteria_and_jury(admin_client):
    chair = UserFactory(username="vorsitz", groups=["Jury"])
    round_ = Round(year=2031, title="Landespreis 2031", state="announced")
    data = round_form(
        round_,
        **{
            "categories-TOTAL_FORMS": 1,
            "categories-0-position": 1,
            "categories-0-name": "Shared Service Center",
            "categories-0-prize_money": "10000",
            "criteria-TOTAL_FORMS": 1,
            "criteria-0-position": 1,
            "criteria-0-name": "Grad der Innovation",
            "criteria-0-weight": 2,
            "jury_members-TOTAL_FORMS": 1,
            "jury_members-0-user": chair.pk,
            "jury_members-0-affiliation": "NRW.BANK",
            "jury_members-0-is_chair": "on",
        },
    )

    response = admin_client.post(reverse("admin:awards_round_add"), data)

    assert response.status_code == 302, response.context["errors"] if response.context else response
    round_ = Round.objects.get(year=2031)
    assert round_.excluded_organisation_kinds == ["sparkasse", "privat"]
    assert [c.name for c in round_.categories.all()] == ["Shared Service Center"]
    assert [(c.name, c.weight) for c in round_.criteria.all()] == [("Grad der Innovation", 2)]
    assert [(m.user.username, m.is_chair, m.affiliation) for m in round_.jury_members.all()] == [
        ("vorsitz", True, "NRW.BANK")
    ]


def test_only_accounts_of_the_group_jury_can_be_assigned(admin_client, open_round):
    UserFactory(username="redakteurin")
    UserFactory(username="jurorin", groups=["Jury"])

    html = admin_client.get(reverse("admin:awards_round_change", args=[open_round.pk])).content.decode()

    select = html.split('name="jury_members-__prefix__-user"', 1)[1].split("</select>", 1)[0]
    assert "redakteurin" not in select
    assert "Kim Muster" in select and "(jurorin)</option>" in select


def test_a_second_chair_is_refused_with_a_message(admin_client, open_round):
    JuryMemberFactory(round=open_round, is_chair=True)
    second = UserFactory(groups=["Jury"])

    data = round_form(
        open_round,
        **{
            "jury_members-TOTAL_FORMS": 1,
            "jury_members-0-user": second.pk,
            "jury_members-0-is_chair": "on",
        },
    )
    data["year"] = open_round.year
    response = admin_client.post(reverse("admin:awards_round_change", args=[open_round.pk]), data)

    assert "Eine Runde hat genau einen Vorsitz." in response.content.decode()
    assert JuryMember.objects.filter(round=open_round).count() == 1


def test_the_entry_window_must_close_after_it_opens(admin_client, open_round):
    data = round_form(open_round, entries_close_at_0="01.11.2026")

    response = admin_client.post(reverse("admin:awards_round_change", args=[open_round.pk]), data)

    assert "Der Bewerbungsschluss muss nach dem Beginn der Bewerbung liegen." in response.content.decode()


def test_editors_without_permission_cannot_export(client, entries):
    user = UserFactory(username="gast", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_round"))
    client.force_login(user)

    assert client.get(ENTRIES).status_code == 403


def test_deleting_an_entry_deletes_its_files(admin_client, open_round, django_capture_on_commit_callbacks):
    attachment = EntryAttachmentFactory(entry=EntryFactory(round=open_round, state="draft"))
    path = attachment.file.path

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("admin:awards_entry_delete", args=[attachment.entry_id]), {"post": "yes"})

    assert not Entry.objects.exists()
    assert not os.path.exists(path)


INLINES = ["attachments", "scores", "conflicts"]


def change_data(entry, **changes) -> dict:
    """The admin's change form of the entry as it is, with `changes`."""
    data = {
        field: getattr(entry, field)
        for field in [
            "title",
            "short_description",
            "cooperation_form",
            "other_partners",
            "organisation_kind",
            "organisation_name",
            "department",
            "contact_name",
            "email",
            "phone",
            "occasion",
            "goal",
            "implementation",
            "benefit",
            "innovation",
            "sustainability",
        ]
    }
    data.update(
        category=entry.category_id or "",
        project=entry.project_id or "",
        project_start=entry.project_start.strftime("%d.%m.%Y") if entry.project_start else "",
        lead_municipality=entry.lead_municipality_id or "",
        partners=[partner.pk for partner in entry.partners.all()],
        **({"hvb_confirms": "on"} if entry.hvb_confirms else {}),
        **{f"{inline}-{count}": 0 for inline in INLINES for count in ("TOTAL_FORMS", "INITIAL_FORMS")},
    )
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_editors_correct_an_entry(admin_client, open_round):
    entry = EntryFactory(round=open_round, title="Standesamt Bokren")
    url = reverse("admin:awards_entry_change", args=[entry.pk])

    response = admin_client.post(
        url,
        change_data(
            entry,
            title="Standesamt Borken",
            project_start="01.01.2019",
            partners=[kommune("heiden").pk, kommune("gescher").pk],
        ),
    )

    assert response.status_code == 302, response.context["adminform"].form.errors
    entry.refresh_from_db()
    assert entry.title == "Standesamt Borken"
    assert sorted(p.slug for p in entry.partners.all()) == ["gescher", "heiden"]
    assert entry.state == "submitted"


def errors_of(response) -> dict[str, list[str]]:
    return {field: list(messages) for field, messages in response.context["adminform"].form.errors.items()}


def test_a_submitted_entry_keeps_its_category_in_the_admin(admin_client, open_round):
    entry = EntryFactory(round=open_round)

    response = admin_client.post(reverse("admin:awards_entry_change", args=[entry.pk]), change_data(entry, category=""))

    assert errors_of(response) == {"category": ["Eine eingereichte Bewerbung braucht eine Kategorie."]}
    assert "Eine eingereichte Bewerbung braucht eine Kategorie." in response.content.decode()
    entry.refresh_from_db()
    assert entry.category is not None


def test_a_submitted_entry_keeps_a_lead_or_the_hvb_confirmation_in_the_admin(admin_client, open_round):
    entry = EntryFactory(round=open_round, hvb_confirms=False)
    url = reverse("admin:awards_entry_change", args=[entry.pk])

    refused = admin_client.post(url, change_data(entry, lead_municipality=""))
    confirmed = admin_client.post(url, change_data(entry, lead_municipality="", hvb_confirms="on"))

    assert errors_of(refused) == {
        "lead_municipality": [
            "Eine eingereichte Bewerbung braucht eine federführende Kommune oder die Bestätigung der Ratsbeschlüsse "
            "durch die Hauptverwaltungsbeamtin oder den Hauptverwaltungsbeamten."
        ]
    }
    assert confirmed.status_code == 302
    entry.refresh_from_db()
    assert (entry.lead_municipality, entry.hvb_confirms) == (None, True)


def test_the_consent_is_the_applicants_not_the_editors(admin_client, open_round):
    submitted = EntryFactory(round=open_round)
    draft = EntryFactory(round=open_round, state="draft", consent=False, lead_municipality=kommune("gescher"))

    unticked = admin_client.post(
        reverse("admin:awards_entry_change", args=[submitted.pk]), change_data(submitted)
    )  # no "consent" in the form
    ticked = admin_client.post(reverse("admin:awards_entry_change", args=[draft.pk]), change_data(draft, consent="on"))

    assert (unticked.status_code, ticked.status_code) == (302, 302)
    submitted.refresh_from_db()
    draft.refresh_from_db()
    assert (submitted.consent, draft.consent) == (True, False)
    html = admin_client.get(reverse("admin:awards_entry_change", args=[draft.pk])).content.decode()
    assert 'name="consent"' not in html


def test_editors_cannot_give_a_submitted_entry_a_lead_that_has_entered_already(admin_client, open_round):
    EntryFactory(round=open_round, lead_municipality=kommune("borken"), title="Erste")
    entry = EntryFactory(round=open_round, lead_municipality=kommune("gescher"), title="Zweite")

    response = admin_client.post(
        reverse("admin:awards_entry_change", args=[entry.pk]),
        change_data(entry, lead_municipality=kommune("borken").pk),
    )

    assert errors_of(response) == {
        "lead_municipality": [
            "Stadt Borken hat in dieser Runde schon eine Bewerbung als federführende Kommune eingereicht. Je "
            "federführender Kommune ist nur eine Bewerbung möglich."
        ]
    }


def test_a_rejected_second_entry_of_a_lead_is_not_revived(admin_client, open_round):
    EntryFactory(round=open_round, lead_municipality=kommune("borken"), title="Erste")
    second = EntryFactory(round=open_round, lead_municipality=kommune("borken"), title="Zweite", state="rejected")
    other = EntryFactory(round=open_round, lead_municipality=kommune("gescher"), title="Andere", state="rejected")

    response = admin_client.post(
        ENTRIES, {"action": "mark_accepted", "_selected_action": [second.pk, other.pk]}, follow=True
    )

    assert dict(Entry.objects.filter(pk__in=[second.pk, other.pk]).values_list("title", "state")) == {
        "Zweite": "rejected",
        "Andere": "accepted",
    }
    html = response.content.decode()
    assert "1 Bewerbung(en): zugelassen." in html
    assert (
        "„Zweite“ bleibt „nicht zugelassen“: Stadt Borken hat in dieser Runde schon eine Bewerbung als "
        "federführende Kommune eingereicht." in html
    )


def test_the_entry_page_shows_the_jurys_scores_and_conflicts(admin_client, open_round):
    entry = EntryFactory(round=open_round)
    member = JuryMemberFactory(round=open_round, user=UserFactory(first_name="Jo", last_name="Jurorin"))
    ScoreFactory(entry=entry, member=member, criterion=CriterionFactory(round=open_round, name="Innovation"), value=8)
    ConflictOfInterestFactory(
        entry=entry,
        member=JuryMemberFactory(round=open_round, user=UserFactory(first_name="Bo", last_name="Befangen")),
        note="War Projektleiter.",
    )

    html = admin_client.get(reverse("admin:awards_entry_change", args=[entry.pk])).content.decode()

    scores = html.split("Bewertungen der Jury", 1)[1].split("</fieldset>", 1)[0]
    assert "Jo Jurorin (NRW.BANK)" in scores and "Innovation" in scores and "<p>8</p>" in scores
    conflicts = html.split("Befangenheiten", 1)[1].split("</fieldset>", 1)[0]
    assert "Bo Befangen (NRW.BANK)" in conflicts and "War Projektleiter." in conflicts
    assert 'name="scores-0-DELETE"' not in html and 'name="conflicts-0-DELETE"' in html


def test_editors_withdraw_a_conflict_declared_by_mistake_and_the_history_says_who(admin_client, open_round):
    entry = EntryFactory(round=open_round, title="Standesamt")
    member = JuryMemberFactory(round=open_round, user=UserFactory(first_name="Bo", last_name="Befangen"))
    conflict = ConflictOfInterestFactory(entry=entry, member=member)

    response = admin_client.post(
        reverse("admin:awards_entry_change", args=[entry.pk]),
        change_data(
            entry,
            **{
                "conflicts-TOTAL_FORMS": 1,
                "conflicts-INITIAL_FORMS": 1,
                "conflicts-0-id": conflict.pk,
                "conflicts-0-entry": entry.pk,
                "conflicts-0-DELETE": "on",
            },
        ),
    )

    assert response.status_code == 302
    assert not ConflictOfInterest.objects.exists()
    log = LogEntry.objects.get(object_id=str(entry.pk))
    assert log.user.username == "admin"
    assert log.get_change_message() == "Befangenheit „Bo Befangen (NRW.BANK) – Standesamt“ gelöscht."


def test_conflicts_stay_once_the_category_is_decided(admin_client, open_round):
    entry = EntryFactory(round=open_round)
    ConflictOfInterestFactory(entry=entry)
    entry.category.decided_at = timezone.now()
    entry.category.save()

    html = admin_client.get(reverse("admin:awards_entry_change", args=[entry.pk])).content.decode()

    assert "Befangenheiten" in html
    assert 'name="conflicts-0-DELETE"' not in html


def test_a_round_set_to_decided_by_an_editor_records_when(admin_client, open_round):
    url = reverse("admin:awards_round_change", args=[open_round.pk])

    admin_client.post(url, round_form(open_round, state="decided"))
    open_round.refresh_from_db()
    decided_at = open_round.decided_at
    admin_client.post(url, round_form(open_round, state="jury"))
    open_round.refresh_from_db()

    assert decided_at is not None and abs(decided_at - timezone.now()).total_seconds() < 60
    assert (open_round.state, open_round.decided_at) == ("jury", None)
