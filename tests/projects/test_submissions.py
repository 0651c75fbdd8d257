"""The submission form /projekte/melden/: steps, drafts, spam protection, sending and confirming."""

import re
import uuid

import pytest
from django.core import mail, signing

from projects import services
from projects.models import Submission
from tests.factories import SubmissionFactory
from tests.projects.submissions import kommune, last_mail_to, link

pytestmark = pytest.mark.django_db

START = "/projekte/melden/"
FIRE = "feuerwehr-und-katastrophenschutz"


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """`with sending(): …` runs the code and then delivers its mails, as the commit does in production."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def step_1_data(client, **overrides):
    rendered_at = client.get(START).context["form"]["rendered_at"].initial
    data = {
        "submitter_name": "Kim Muster",
        "submitter_email": "kim.muster@heiden.de",
        "submitter_municipality": kommune("heiden").pk,
        "submitter_organisation": "",
        "submitter_function": "Leiterin des Hauptamts",
        "submitter_phone": "02867 12-34",
        "rendered_at": rendered_at,
        "website": "",
        "aktion": "weiter",
    }
    return {**data, **overrides}


def start(client, **overrides):
    return client.post(START, step_1_data(client, **overrides))


def step_url(submission, step):
    return services.draft_path(submission, step)


def draft(**kwargs):
    """A draft that has reached `step` (default: all six), with everything filled in."""
    kwargs.setdefault("lead_municipality", kommune("heiden"))
    kwargs.setdefault("municipalities", [kommune("reken")])
    kwargs.setdefault("topics", [FIRE])
    kwargs.setdefault("state", "draft")
    return SubmissionFactory(**kwargs)


def test_the_project_list_the_home_page_and_the_footer_link_to_the_form(client):
    project_list = client.get("/projekte/").content.decode()
    empty_list = client.get("/projekte/", {"q": "Gibtesnicht"}).content.decode()
    home = client.get("/").content.decode()
    imprint = client.get("/impressum/").content.decode()

    button = '<a class="kern-btn kern-btn--secondary" href="/projekte/melden/"><span class="kern-label">Projekt melden'
    assert button in project_list
    assert 'Ihr Projekt fehlt? <a class="kern-link" href="/projekte/melden/">Projekt melden</a>' in empty_list
    assert 'href="/projekte/melden/">Projekt melden</a></h3>' in home
    footer = imprint[imprint.index("<footer") :]
    assert 'href="/projekte/melden/">Projekt melden</a>' in footer


# --- Step 1 and the draft ----------------------------------------------------------------------------


def test_start_page_explains_the_form_and_shows_step_1(client):
    response = client.get(START)

    page = response.content.decode()
    assert '<h1 class="kern-heading-x-large">Absender</h1>' in page
    assert "Projekt melden · Schritt 1 von 6" in page
    assert '<span aria-current="step"><span class="submission-steps__number">1</span> Absender</span>' in page
    assert "etwa zehn Minuten" in page
    assert response["Cache-Control"] == "private, no-store" or "no-store" in response["Cache-Control"]


def test_step_1_creates_a_draft_and_goes_on_to_step_2(client, no_min_fill_time):
    response = start(client)

    submission = Submission.objects.get()
    assert response.status_code == 302
    assert response["Location"] == step_url(submission, 2)
    assert (submission.state, submission.kind, submission.step) == ("draft", "new", 2)
    assert (submission.submitter_name, submission.submitter_email) == ("Kim Muster", "kim.muster@heiden.de")
    assert submission.submitter_municipality == kommune("heiden")
    assert submission.email_confirmed_at is None
    assert response.cookies["projektmeldung"]["path"] == "/projekte/melden/"
    assert response.cookies["projektmeldung"]["httponly"]


def test_step_1_errors_are_next_to_the_fields_and_the_input_is_kept(client, no_min_fill_time):
    response = start(client, submitter_municipality="", submitter_function="", submitter_email="kim@")

    page = response.content.decode()
    assert Submission.objects.count() == 0
    assert "<title>Fehler: Absender" in page
    assert "Bitte wählen Sie Ihre Kommune oder nennen Sie Ihre Organisation." in page
    assert "Bitte nennen Sie Ihre Funktion." in page
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@kommune.de." in page
    assert 'value="Kim Muster"' in page
    assert 'id="id_submitter_function_error"' in page
    assert 'aria-describedby="id_submitter_function_helptext id_submitter_function_error"' in page


def test_a_filled_honeypot_or_a_form_sent_too_fast_starts_no_draft(client, settings):
    settings.FORM_MIN_FILL_SECONDS = 0
    bot = start(client, website="http://spam.example")
    settings.FORM_MIN_FILL_SECONDS = 60
    hasty = start(client)

    assert Submission.objects.count() == 0
    assert "Ihre Nachricht konnte nicht angenommen werden." in bot.content.decode()
    assert "Das ging sehr schnell." in hasty.content.decode()


def test_starting_is_rate_limited_per_client(client, no_min_fill_time, settings):
    settings.SUBMISSION_RATE_LIMIT = (2, 3600)
    for _ in range(2):
        start(client)

    response = start(client)

    assert Submission.objects.count() == 2
    assert response.status_code == 429
    assert "sehr viele Meldungen" in response.content.decode()


def test_the_start_page_offers_the_draft_begun_in_this_browser(client, no_min_fill_time):
    start(client, submitter_email="kim@heiden.de")
    submission = Submission.objects.get()
    services.save_submission_step(submission=submission, values={"title": "Gemeinsamer Bauhof"}, reached_step=2)

    page = client.get(START).content.decode()

    assert "Sie haben in diesem Browser schon eine Meldung: „Gemeinsamer Bauhof“ begonnen." in page
    assert f'href="{services.draft_path(submission)}"' in page


def test_an_unknown_or_forged_draft_link_says_so(client):
    submission = draft()
    forged = signing.Signer(salt="projects.submission.draft").sign_object([submission.pk, str(uuid.uuid4())])

    response = client.get(f"/projekte/melden/{forged}/schritt-2/")

    assert response.status_code == 404
    assert "Dieser Link gilt nicht (mehr)" in response.content.decode()


def test_draft_pages_are_kept_by_no_cache_and_no_search_engine(client):
    submission = draft()

    response = client.get(step_url(submission, 2))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex"


# --- Going through the steps ------------------------------------------------------------------------------


def test_a_step_shows_what_was_saved_when_reloaded(client):
    submission = draft(title="Gemeinsamer Bauhof Heek", step=3)

    page = client.get(step_url(submission, 2)).content.decode()

    assert 'value="Gemeinsamer Bauhof Heek"' in page
    assert 'value="feuerwehr-und-katastrophenschutz"' not in page  # topics are sent as ids
    assert re.search(r'<input[^>]+value="\d+" id="id_topics_\d+" checked>', page)


def test_next_needs_the_required_fields(client):
    submission = draft(step=2, title="", teaser="", form="", status="", topics=[])

    response = client.post(step_url(submission, 2), {"title": "Bauhof", "aktion": "weiter"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Bitte beschreiben Sie das Projekt in zwei bis drei Sätzen." in page
    assert "Bitte wählen Sie mindestens ein Themenfeld." in page
    assert 'href="#id_topics_0"' in page
    submission.refresh_from_db()
    assert (submission.title, submission.step) == ("", 2)


def test_back_stores_what_is_valid_even_when_required_fields_are_missing(client):
    submission = draft(step=2, title="", teaser="", topics=[])

    response = client.post(step_url(submission, 2), {"title": "Gemeinsamer Bauhof", "aktion": "zurueck"})

    assert response["Location"] == step_url(submission, 1)
    submission.refresh_from_db()
    assert submission.title == "Gemeinsamer Bauhof"
    assert submission.step == 2


def test_back_with_wrong_input_stays_and_says_why(client):
    submission = draft(step=2)

    response = client.post(
        step_url(submission, 2), {"title": "Bauhof", "website": "kein link", "start": "13/2021", "aktion": "zurueck"}
    )

    page = response.content.decode()
    assert "Bitte geben Sie Monat und Jahr ein, zum Beispiel 03.2021." in page
    assert 'value="kein link"' in page


def test_a_step_not_reached_yet_leads_to_the_furthest_step(client):
    submission = draft(step=2)

    response = client.get(step_url(submission, 5))

    assert response["Location"] == step_url(submission, 2)


def test_step_2_stores_the_project_and_goes_on(client):
    submission = draft(step=2, topics=[])
    fire = submission.topics.model.objects.get(slug=FIRE)

    response = client.post(
        step_url(submission, 2),
        {
            "title": "Gemeinsame Atemschutzwerkstatt",
            "teaser": "Drei Feuerwehren warten ihre Geräte gemeinsam.",
            "topics": [fire.pk],
            "form": "vereinbarung",
            "status": "planung",
            "start": "03.2024",
            "website": "www.heiden.de/atemschutz",
            "aktion": "weiter",
        },
    )

    assert response["Location"] == step_url(submission, 3)
    submission.refresh_from_db()
    assert submission.title == "Gemeinsame Atemschutzwerkstatt"
    assert list(submission.topics.all()) == [fire]
    assert submission.start.isoformat() == "2024-03-01"
    assert submission.website == "https://www.heiden.de/atemschutz"
    assert submission.step == 3


def test_changing_the_address_in_step_1_needs_a_new_confirmation(client):
    submission = draft(step=2, submitter_email="kim@heiden.de")
    Submission.objects.filter(pk=submission.pk).update(email_confirmed_at="2026-01-01T00:00:00Z")

    client.post(
        step_url(submission, 1),
        {**step_1_data(client, submitter_email="andere@heiden.de"), "rendered_at": ""},
    )

    submission.refresh_from_db()
    assert submission.submitter_email == "andere@heiden.de"
    assert submission.email_confirmed_at is None


# --- Step 3: Kommunen, with and without JavaScript ---------------------------------------------------------


def test_searching_a_kommune_without_javascript_lists_checkboxes_and_keeps_the_choice(client):
    submission = draft(step=3, lead_municipality=None, municipalities=[kommune("reken")])

    searched = client.post(
        step_url(submission, 3),
        {
            "lead_municipality": kommune("heiden").pk,
            "municipalities": [kommune("reken").pk],
            "q": "Velen",
            "aktion": "suchen",
        },
    )
    results = client.get(searched["Location"])

    assert searched["Location"] == f"{step_url(submission, 3)}?suche=Velen#suche"
    submission.refresh_from_db()
    assert submission.lead_municipality == kommune("heiden")
    page = results.content.decode()
    velen = kommune("velen").pk
    assert "1 Kommune gefunden für „Velen“." in page
    assert f'name="municipalities" value="{velen}" id="kommune-{velen}">' in page
    assert "Gemeinde im Kreis Borken" in page
    reken = kommune("reken").pk
    assert f'name="municipalities" value="{reken}" id="kommune-{reken}" checked>' in page

    client.post(
        step_url(submission, 3),
        {"lead_municipality": kommune("heiden").pk, "municipalities": [reken, velen], "aktion": "weiter"},
    )
    assert set(submission.municipalities.values_list("slug", flat=True)) == {"reken", "velen"}


def test_the_lead_kommune_is_not_counted_twice(client):
    submission = draft(step=3)
    heiden = kommune("heiden").pk

    client.post(
        step_url(submission, 3),
        {"lead_municipality": heiden, "municipalities": [heiden, kommune("reken").pk], "aktion": "weiter"},
    )

    assert list(submission.municipalities.values_list("slug", flat=True)) == ["reken"]


def test_step_3_needs_a_second_participant(client):
    submission = draft(step=3)

    response = client.post(step_url(submission, 3), {"lead_municipality": kommune("heiden").pk, "aktion": "weiter"})

    assert "Zur Zusammenarbeit gehören mindestens zwei" in response.content.decode()
    assert list(submission.municipalities.values_list("slug", flat=True)) == ["reken"]


def test_other_participants_are_enough_as_the_second(client):
    submission = draft(step=3, municipalities=[])

    response = client.post(
        step_url(submission, 3),
        {"lead_municipality": kommune("heiden").pk, "other_participants": "GPA NRW\n\n GPA NRW\nITK Rheinland\n"},
    )

    assert response["Location"] == step_url(submission, 4)
    submission.refresh_from_db()
    assert submission.other_participants == "GPA NRW\nITK Rheinland"


def test_the_kommune_search_answers_in_json_however_umlauts_are_typed(client):
    response = client.get("/projekte/melden/kommunen.json", {"q": "Muelheim"})

    results = response.json()["results"]
    assert response["Content-Type"] == "application/json"
    assert {"id": kommune("muelheim-an-der-ruhr").pk, "name": "Mülheim an der Ruhr", "detail": "kreisfreie Stadt"} in (
        results
    )
    assert client.get("/projekte/melden/kommunen.json", {"q": "M"}).json()["results"] == []


def test_the_kommune_search_ignores_nul_characters(client):
    results = client.get("/projekte/melden/kommunen.json", {"q": "Hei\x00den"}).json()["results"]

    assert [result["name"] for result in results] == ["Heiden"]


def test_step_3_searches_without_nul_characters_from_the_address(client):
    submission = draft(step=3)

    response = client.get(step_url(submission, 3), {"suche": "Ve\x00len"})

    assert "1 Kommune gefunden für „Velen“." in response.content.decode()


@pytest.mark.parametrize(
    ("aktion", "shown"), [("suchen", "1 Kommune gefunden für „Velen“."), ("weiter", "Schritt 4 von 6")]
)
def test_step_3_searches_without_nul_characters_from_the_form(client, aktion, shown):
    submission = draft(step=3)
    data = {"lead_municipality": kommune("heiden").pk, "municipalities": [kommune("reken").pk], "q": "Ve\x00len"}

    response = client.post(step_url(submission, 3), {**data, "aktion": aktion}, follow=True)

    assert shown in response.content.decode()


def test_step_3_with_nul_characters_elsewhere_says_what_is_wrong(client):
    submission = draft(step=3)
    data = {"lead_municipality": kommune("heiden").pk, "other_participants": "GPA\x00 NRW", "q": "Ve\x00len"}

    response = client.post(step_url(submission, 3), {**data, "aktion": "suchen"})

    page = response.content.decode()
    assert "Nullzeichen sind nicht erlaubt." in page
    assert "1 Kommune gefunden für „Velen“." in page


@pytest.mark.parametrize("value", ["²", "٣", "99999999999999999999", "-1", ""])
def test_step_3_takes_no_harm_from_strange_kommune_ids(client, value):
    submission = draft(step=3)

    response = client.post(
        step_url(submission, 3), {"lead_municipality": value, "municipalities": [value], "aktion": "suchen"}
    )

    assert response.status_code == 200
    assert "Schritt 3 von 6" in response.content.decode()


# --- Step 6: checking and sending --------------------------------------------------------------------------


def test_review_shows_everything_and_what_is_missing(client):
    submission = draft(goal="", contact_email="", municipalities=[], other_participants="")

    page = client.get(step_url(submission, 6)).content.decode()

    assert "Bevor Sie absenden können, fehlt noch etwas:" in page
    assert f'<a class="kern-link" href="{step_url(submission, 3)}">Schritt 3, Beteiligte Kommunen</a>' in page
    assert "mindestens eine weitere Kommune oder Organisation" in page
    assert "Schritt 4, Inhalte und Kontakt</a>: Ziel, E-Mail der Ansprechperson" in page
    assert submission.title in page


def test_an_incomplete_submission_cannot_be_sent(client, no_min_fill_time):
    submission = draft(goal="")
    rendered_at = client.get(step_url(submission, 6)).context["form"]["rendered_at"].initial

    response = client.post(step_url(submission, 6), {"consent": "on", "rendered_at": rendered_at})

    assert "Es fehlen noch Angaben" in response.content.decode()
    submission.refresh_from_db()
    assert submission.state == "draft"


def send(client, submission):
    rendered_at = client.get(step_url(submission, 6)).context["form"]["rendered_at"].initial
    return client.post(step_url(submission, 6), {"consent": "on", "rendered_at": rendered_at, "website": ""})


def test_sending_asks_to_confirm_the_address_and_confirming_puts_it_in_the_queue(client, no_min_fill_time, sending):
    submission = draft(submitter_email="kim@heiden.de", title="Gemeinsamer Bauhof")

    with sending():
        response = send(client, submission)

    submission.refresh_from_db()
    assert submission.state == "unconfirmed"
    assert submission.consent_text == services.submission_consent_text()
    assert response["Location"] == services.draft_path(submission)
    status = client.get(response["Location"]).content.decode()
    assert "Fast geschafft: Bitte bestätigen Sie Ihre E-Mail-Adresse" in status
    assert [m.subject for m in mail.outbox] == ["Bitte bestätigen Sie Ihre Meldung: Gemeinsamer Bauhof"]
    confirm_url = link(mail.outbox[0], "/projekte/melden/bestaetigen/")

    shown = client.get(confirm_url)
    assert "Meldung bestätigen" in shown.content.decode()
    submission.refresh_from_db()
    assert submission.state == "unconfirmed"  # opening the link (a mail scanner) confirms nothing

    with sending():
        confirmed = client.post(confirm_url)

    submission.refresh_from_db()
    assert submission.state == "pending"
    assert submission.email_confirmed_at is not None
    assert "Vielen Dank: Ihre Meldung ist bei der Redaktion" in client.get(confirmed["Location"]).content.decode()
    receipt = last_mail_to("kim@heiden.de")
    assert receipt.subject == "Eingangsbestätigung: Gemeinsamer Bauhof"
    assert "Hauptverantwortlich: Gemeinde Heiden" in receipt.body
    editors = [m for m in mail.outbox if m.subject == "Neues Projekt gemeldet: Gemeinsamer Bauhof"]
    assert len(editors) == 1
    assert editors[0].reply_to == ["kim@heiden.de"]
    assert f"/admin/projects/submission/{submission.pk}/change/" in editors[0].body


def test_a_sent_submission_can_no_longer_be_edited(client, no_min_fill_time, sending):
    submission = draft()
    with sending():
        send(client, submission)

    response = client.get(step_url(submission, 2))
    posted = client.post(step_url(submission, 2), {"title": "Anders", "aktion": "weiter"})

    assert response["Location"] == services.draft_path(submission)
    assert posted["Location"] == services.draft_path(submission)
    submission.refresh_from_db()
    assert submission.title != "Anders"


def test_sending_twice_from_two_tabs_is_no_error(client, no_min_fill_time, sending, monkeypatch):
    submission = draft(submitter_email="kim@heiden.de")
    rendered_at = client.get(step_url(submission, 6)).context["form"]["rendered_at"].initial
    # The second tab's request found the draft before the first tab sent it.
    second_tab = Submission.objects.get(pk=submission.pk)
    with sending():
        send(client, submission)
    monkeypatch.setattr(services, "submission_from_draft_token", lambda token: second_tab)

    with sending():
        response = client.post(step_url(submission, 6), {"consent": "on", "rendered_at": rendered_at, "website": ""})

    monkeypatch.undo()
    assert response["Location"] == services.draft_path(submission)
    page = client.get(response["Location"]).content.decode()
    assert services.NOT_EDITABLE_MESSAGE not in page
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in page
    assert [m.subject for m in mail.outbox].count(mail.outbox[0].subject) == 1


def test_the_confirmation_link_can_be_sent_again(client, no_min_fill_time, sending):
    submission = draft(submitter_email="kim@heiden.de")
    with sending():
        send(client, submission)

    with sending():
        response = client.post(services.draft_path(submission), follow=True)

    assert "Wir haben den Link noch einmal an kim@heiden.de geschickt." in response.content.decode()
    assert len([m for m in mail.outbox if m.subject.startswith("Bitte bestätigen")]) == 2


def test_a_confirmation_link_older_than_a_week_is_refused(client, monkeypatch):
    submission = draft(state="unconfirmed")
    import time

    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() - 8 * 86400)
    old_url = services.confirmation_url(submission)
    monkeypatch.setattr(time, "time", real_time)

    response = client.post(old_url)

    assert response.status_code == 404
    assert "Bestätigungslinks gelten 7 Tage" in response.content.decode()
    submission.refresh_from_db()
    assert submission.state == "unconfirmed"


def test_stale_drafts_and_unconfirmed_submissions_are_deleted_with_their_files(settings):
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    old = timezone.now() - timedelta(days=40)
    stale = draft()
    unconfirmed = draft(state="unconfirmed")
    kept = draft()
    Submission.objects.filter(pk=stale.pk).update(updated_at=old)
    Submission.objects.filter(pk=unconfirmed.pk).update(submitted_at=old)
    SubmissionFactory()  # pending: never deleted

    call_command("delete_stale_submissions", "--dry-run", verbosity=0)
    assert Submission.objects.count() == 4
    call_command("delete_stale_submissions", verbosity=0)

    assert set(Submission.objects.values_list("pk", flat=True)) >= {kept.pk}
    assert not Submission.objects.filter(pk__in=[stale.pk, unconfirmed.pk]).exists()
    assert Submission.objects.count() == 2


def test_the_step_navigation_saves_what_is_valid_before_it_leaves(client):
    # What static/js/submission-steps.js sends when a step's link is clicked.
    submission = draft(step=6, title="Alt", teaser="")

    response = client.post(step_url(submission, 2), {"title": "Neu", "aktion": "schritt-6"})

    assert response["Location"] == step_url(submission, 6)
    submission.refresh_from_db()
    assert submission.title == "Neu"


@pytest.mark.parametrize(
    ("aktion", "step"),
    [("schritt-²", 2), ("schritt-99999999999999999999999", 2), ("schritt-8", 6), ("schritt-0", 1), ("zurueck", 1)],
)
def test_strange_buttons_lead_to_a_step_that_exists(client, aktion, step):
    submission = draft(step=6)

    response = client.post(step_url(submission, 2), {"title": "Neu", "aktion": aktion})

    assert response["Location"] == step_url(submission, step)
