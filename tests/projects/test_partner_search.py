"""Partnersuche: the public form, the confirmation by mail, the editors' moderation, the list, the pages,
the sender's own page and the reminder before a request expires."""

import datetime
import re
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone

from portal.models import Municipality
from projects import services
from projects.demo import create_demo_partner_requests
from projects.models import PartnerRequest
from tests.factories import PartnerRequestFactory

pytestmark = pytest.mark.django_db

FIRE = "feuerwehr-und-katastrophenschutz"
BUILDING = "bauen-und-planen"
ADMIN_LIST = reverse("admin:projects_partnerrequest_changelist")


def kommune(slug):
    return Municipality.objects.get(slug=slug)


def today():
    return timezone.localdate()


def link(message, path: str) -> str:
    """The first link in a mail's text that contains `path`."""
    return re.search(rf"http://\S+{re.escape(path)}\S+/", message.body).group(0)


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    """`with sending(): …` runs the code and then delivers its mails, as the commit does in production."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def form_data(client, **overrides):
    rendered_at = client.get("/partnersuche/neu/").context["form"]["rendered_at"].initial
    data = {
        "municipality": kommune("ahaus").pk,
        "title": "eine gemeinsame Vergabestelle",
        "topics": [kommune_topic("allgemeine-verwaltung")],
        "region": "kreis-borken",
        "description": "Wir möchten Ausschreibungen gemeinsam mit Nachbarkommunen abwickeln.",
        "contact_name": "Miriam Terhalle",
        "contact_function": "Leiterin der Vergabestelle",
        "contact_email": "Miriam.Terhalle@Ahaus.example.org",
        "contact_phone": "02561 0000-210",
        "expires_on": (today() + datetime.timedelta(days=120)).isoformat(),
        "consent": "on",
        "rendered_at": rendered_at,
        "website": "",
    }
    return {**data, **overrides}


def kommune_topic(slug):
    from projects.models import Topic

    return Topic.objects.get(slug=slug).pk


def post_request(client, sending, **overrides):
    data = form_data(client, **overrides)
    with sending():
        return client.post("/partnersuche/neu/", data)


@pytest.fixture
def editor_client(django_user_model):
    """A member of the Redaktion, logged in; a client of its own beside the visitor's `client`."""
    user = django_user_model.objects.create_user("redakteurin", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Redaktion"))
    editor = Client()
    editor.force_login(user)
    return editor


# --- The form ---


def test_form_creates_an_unconfirmed_request_and_mails_the_confirmation_link(client, sending, no_min_fill_time):
    response = post_request(client, sending)

    assert response.status_code == 302
    assert response["Location"] == "/partnersuche/neu/gesendet/"
    request = PartnerRequest.objects.get()
    assert (request.state, request.title, request.contact_email) == (
        "unconfirmed",
        "eine gemeinsame Vergabestelle",
        "miriam.terhalle@ahaus.example.org",
    )
    assert request.region == kommune("kreis-borken")
    assert request.consent_text == services.partner_consent_text()
    assert [m.to for m in mail.outbox] == [["miriam.terhalle@ahaus.example.org"]]
    assert mail.outbox[0].subject == "Bitte bestätigen Sie Ihre Partnersuche: eine gemeinsame Vergabestelle"
    assert "/partnersuche/bestaetigen/" in mail.outbox[0].body
    assert "eine gemeinsame Vergabestelle" not in client.get("/partnersuche/").content.decode()
    sent = client.get(response["Location"]).content.decode()
    assert "Fast geschafft: bitte bestätigen Sie Ihre E-Mail-Adresse" in sent


@pytest.mark.parametrize(
    "typed",
    [
        "Wir suchen Partner für einen Bürgerbus.",
        "wir suchen  Partner für … einen Bürgerbus",
        "Wir suchen Partner für...einen Bürgerbus",
        "WIR SUCHEN PARTNER FÜR: einen Bürgerbus …",
        "… einen Bürgerbus",
    ],
)
def test_form_takes_the_whole_sentence_once(client, sending, no_min_fill_time, typed):
    post_request(client, sending, title=typed)

    assert PartnerRequest.objects.get().title == "einen Bürgerbus"


@pytest.mark.parametrize(
    "typed",
    ["Wir suchen Partner für ", "Wir suchen Partner für …", "wir suchen partner für.", "Wir suchen Partner für..."],
)
def test_form_refuses_the_sentence_alone(client, no_min_fill_time, typed):
    response = client.post("/partnersuche/neu/", form_data(client, title=typed))

    assert "Bitte ergänzen Sie, wofür Sie Partner suchen." in response.content.decode()
    assert not PartnerRequest.objects.exists()


def test_form_keeps_a_title_that_only_begins_like_the_sentence(client, sending, no_min_fill_time):
    post_request(client, sending, title="Wir suchen Partner fürs Ehrenamt")

    assert PartnerRequest.objects.get().title == "Wir suchen Partner fürs Ehrenamt"


def test_form_without_region_seeks_in_all_of_nrw(client, sending, no_min_fill_time):
    post_request(client, sending, region="")

    assert PartnerRequest.objects.get().region is None


def test_form_is_preset_with_the_kommune_of_the_page_it_came_from(client):
    response = client.get("/partnersuche/neu/", {"kommune": "heiden"})

    assert response.context["form"]["municipality"].value() == kommune("heiden").pk
    assert client.get("/partnersuche/neu/", {"kommune": "atlantis"}).status_code == 200


def test_form_says_what_is_missing_next_to_the_field_and_keeps_the_input(client, no_min_fill_time):
    data = form_data(client, municipality="", topics=[], consent="", contact_email="kein-at-zeichen")

    response = client.post("/partnersuche/neu/", data)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Bitte wählen Sie Ihre Kommune." in page
    assert "Bitte wählen Sie mindestens ein Themenfeld." in page
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@kommune.de." in page
    assert "Bitte stimmen Sie zu, damit wir Ihre Partnersuche veröffentlichen dürfen." in page
    assert 'value="eine gemeinsame Vergabestelle"' in page
    assert '<a class="kern-link" href="#id_topics_0">Themenfelder:' in page
    assert not PartnerRequest.objects.exists()


def test_form_refuses_more_than_three_topics_and_dates_outside_the_next_twelve_months(client, no_min_fill_time):
    from projects.models import Topic

    four = list(Topic.objects.values_list("pk", flat=True)[:4])
    latest = services.latest_partner_expiry()

    too_far = client.post(
        "/partnersuche/neu/",
        form_data(client, topics=four, expires_on=(latest + datetime.timedelta(days=1)).isoformat()),
    ).content.decode()
    past = client.post("/partnersuche/neu/", form_data(client, expires_on="01.01.2020")).content.decode()
    garbage = client.post("/partnersuche/neu/", form_data(client, expires_on="bald")).content.decode()

    assert "Bitte wählen Sie höchstens 3 Themenfelder." in too_far
    assert f"Höchstens 12 Monate im Voraus: spätestens am {formats.date_format(latest, 'j. F Y')}." in too_far
    assert "Bitte wählen Sie ein Datum in der Zukunft." in past
    assert "Bitte geben Sie ein Datum ein, z. B. 31.05.2027." in garbage
    assert not PartnerRequest.objects.exists()


def test_form_asks_for_a_run_of_at_least_fourteen_days(client, sending, no_min_fill_time):
    first = today() + datetime.timedelta(days=14)

    too_short = client.post("/partnersuche/neu/", form_data(client, expires_on=(first - datetime.timedelta(days=1))))
    post_request(client, sending, expires_on=first.isoformat())

    assert (
        f"Bitte wählen Sie ein Datum frühestens am {formats.date_format(first, 'j. F Y')}: Die Suche soll "
        "mindestens 14 Tage zu sehen sein."
    ) in too_short.content.decode()
    assert f'min="{first.isoformat()}"' in too_short.content.decode()
    assert PartnerRequest.objects.get().expires_on == first
    with pytest.raises(services.PartnerRequestError):
        services.create_partner_request(
            municipality=kommune("ahaus"),
            title="einen Bauhof",
            topics=[],
            region=None,
            description="Kurz.",
            contact_name="Miriam Terhalle",
            contact_email="m@ahaus.example.org",
            expires_on=first - datetime.timedelta(days=1),
        )


def test_form_accepts_a_german_date(client, sending, no_min_fill_time):
    day = today() + datetime.timedelta(days=30)

    post_request(client, sending, expires_on=day.strftime("%d.%m.%Y"))

    assert PartnerRequest.objects.get().expires_on == day


def test_form_refuses_bots_by_honeypot_and_fill_time(client, settings):
    settings.FORM_MIN_FILL_SECONDS = 3600

    too_fast = client.post("/partnersuche/neu/", form_data(client)).content.decode()
    settings.FORM_MIN_FILL_SECONDS = 0
    honeypot = client.post("/partnersuche/neu/", form_data(client, website="http://spam.example")).content.decode()

    assert "Das ging sehr schnell." in too_fast
    assert "Ihre Nachricht konnte nicht angenommen werden." in honeypot
    assert not PartnerRequest.objects.exists()


def test_form_is_rate_limited_per_client(client, sending, settings, no_min_fill_time):
    settings.FORM_RATE_LIMIT = (2, 3600)
    for _ in range(2):
        post_request(client, sending)

    response = post_request(client, sending)

    assert response.status_code == 429
    assert "sehr viele Partnersuchen" in response.content.decode()
    assert PartnerRequest.objects.count() == 2


# --- Confirming the address ---


def test_confirmation_link_shows_a_button_and_only_the_button_confirms(client, sending, no_min_fill_time):
    post_request(client, sending)
    url = link(mail.outbox[0], "/partnersuche/bestaetigen/")

    shown = client.get(url)
    assert PartnerRequest.objects.get().state == "unconfirmed"
    with sending():
        confirmed = client.post(url, follow=True)

    request = PartnerRequest.objects.get()
    assert "Partnersuche bestätigen" in shown.content.decode()
    assert shown["Cache-Control"] == "private, no-store"
    assert (request.state, request.email_confirmed_at is not None) == ("pending", True)
    page = confirmed.content.decode()
    assert "Vielen Dank: Ihre E-Mail-Adresse ist bestätigt." in page
    assert "Die Redaktion prüft Ihre Partnersuche." in page
    assert [m.subject for m in mail.outbox[1:]] == [
        "Ihre Partnersuche ist eingegangen: eine gemeinsame Vergabestelle",
        "Neue Partnersuche zur Prüfung: Ahaus – eine gemeinsame Vergabestelle",
    ]
    assert mail.outbox[2].to == ["IKZ@Interkommunales.NRW"]
    assert f"/admin/projects/partnerrequest/{request.pk}/change/" in mail.outbox[2].body
    assert "/partnersuche/verwalten/" in mail.outbox[1].body
    # Confirming again changes nothing and leads to the sender's own page.
    assert client.get(url)["Location"].startswith("/partnersuche/verwalten/")
    assert len(mail.outbox) == 3


def test_confirmation_link_expires_after_a_week_and_a_forged_one_is_refused(client, sending, no_min_fill_time):
    post_request(client, sending)
    url = link(mail.outbox[0], "/partnersuche/bestaetigen/")
    eight_days_later = timezone.now().timestamp() + 8 * 86400

    with mock.patch("django.core.signing.time.time", return_value=eight_days_later):
        expired = client.post(url)
    forged = client.get("/partnersuche/bestaetigen/" + signing.dumps([1, "nix"], salt="other") + "/")

    assert expired.status_code == 404
    assert "Bestätigungslinks gelten 7 Tage." in expired.content.decode()
    assert forged.status_code == 404
    assert PartnerRequest.objects.get().state == "unconfirmed"


# --- Moderation in the admin ---


def test_editors_queue_shows_the_requests_waiting_for_a_decision(editor_client):
    waiting = PartnerRequestFactory(state="pending", title="einen Bauhof")
    PartnerRequestFactory(state="unconfirmed", title="ein Schwimmbad")
    PartnerRequestFactory(title="eine Kläranlage")

    queue = editor_client.get(ADMIN_LIST)
    everything = editor_client.get(ADMIN_LIST, {"status": "alle"})

    assert list(queue.context["cl"].result_list) == [waiting]
    assert everything.context["cl"].result_count == 3
    found = editor_client.get(ADMIN_LIST, {"q": "Kläranlage"})
    assert [r.title for r in found.context["cl"].result_list] == ["eine Kläranlage"]


def test_editor_publishes_a_pending_request_and_the_sender_is_told(editor_client, sending):
    request = PartnerRequestFactory(state="pending", title="einen Bauhof")
    unconfirmed = PartnerRequestFactory(state="unconfirmed", title="ein Schwimmbad")

    with sending():
        response = editor_client.post(
            f"{ADMIN_LIST}?status=alle",
            {"action": "publish_partners", "_selected_action": [request.pk, unconfirmed.pk]},
            follow=True,
        )

    request.refresh_from_db()
    unconfirmed.refresh_from_db()
    assert (request.state, request.decided_by.username) == ("published", "redakteurin")
    assert request.published_at is not None
    assert unconfirmed.state == "unconfirmed"
    assert "1 Partnersuche(n) veröffentlicht" in response.content.decode()
    assert "1 übersprungen" in response.content.decode()
    assert [m.subject for m in mail.outbox] == ["Ihre Partnersuche ist veröffentlicht: einen Bauhof"]
    assert f"/partnersuche/{request.pk}/" in mail.outbox[0].body
    assert "Borken sucht Partner für einen Bauhof" in editor_client.get("/partnersuche/").content.decode()


def test_editor_gives_a_request_that_expired_in_the_queue_a_new_date_when_publishing(editor_client, sending):
    late = PartnerRequestFactory(state="pending", title="einen Bauhof", expires_on=today() - datetime.timedelta(days=2))
    fresh = PartnerRequestFactory(state="pending", title="eine Kläranlage")
    fresh_date = fresh.expires_on
    new_date = today() + datetime.timedelta(days=60)
    action = {"action": "publish_partners", "_selected_action": [late.pk, fresh.pk]}

    asked = editor_client.post(ADMIN_LIST, action).content.decode()
    past = editor_client.post(ADMIN_LIST, {**action, "apply": "1", "expires_on": today().isoformat()})
    assert PartnerRequest.objects.filter(state="published").count() == 0
    with sending():
        done = editor_client.post(ADMIN_LIST, {**action, "apply": "1", "expires_on": new_date.isoformat()}, follow=True)

    assert "Neues Datum: gesucht bis" in asked
    assert "Borken: einen Bauhof (gesucht bis" in asked and "Kläranlage" not in asked.split("<form")[0]
    assert "Bitte wählen Sie ein Datum in der Zukunft." in past.content.decode()
    late.refresh_from_db()
    fresh.refresh_from_db()
    assert (late.state, late.expires_on) == ("published", new_date)
    assert (fresh.state, fresh.expires_on) == ("published", fresh_date)
    assert "2 Partnersuche(n) veröffentlicht" in done.content.decode()
    assert f"1 davon mit dem neuen Datum {new_date:%d.%m.%Y}." in done.content.decode()
    told = next(m for m in mail.outbox if m.to == [late.contact_email])
    day = formats.date_format(new_date, "j. F Y")
    assert f"sie hat es deshalb auf den {day} gesetzt" in told.body
    assert "gesetzt" not in next(m for m in mail.outbox if m.to == [fresh.contact_email]).body
    assert "einen Bauhof" in editor_client.get("/partnersuche/").content.decode()


def test_editors_correct_a_request_with_the_rules_of_the_form(editor_client):
    request = PartnerRequestFactory(state="pending", title="einen Bauhof")
    url = reverse("admin:projects_partnerrequest_change", args=[request.pk])
    data = {
        "municipality": request.municipality_id,
        "title": "Wir suchen Partner für … einen größeren Bauhof.",
        "topics": list(request.topics.values_list("pk", flat=True)),
        "region": "",
        "description": request.description,
        "contact_name": request.contact_name,
        "contact_function": "",
        "contact_email": "Petra.Beispiel@Borken.DE",
        "contact_phone": "",
        "expires_on": request.expires_on.strftime("%d.%m.%Y"),
        "_save": "Sichern",
    }
    too_late = (services.latest_partner_expiry() + datetime.timedelta(days=1)).strftime("%d.%m.%Y")

    far = editor_client.post(url, {**data, "expires_on": too_late}).content.decode()
    past = editor_client.post(url, {**data, "expires_on": "01.01.2020"}).content.decode()
    saved = editor_client.post(url, data)

    assert "Höchstens 12 Monate im Voraus" in far
    assert "Bitte wählen Sie ein Datum in der Zukunft." in past
    assert saved.status_code == 302
    request.refresh_from_db()
    assert (request.contact_email, request.title) == ("petra.beispiel@borken.de", "einen größeren Bauhof")


def test_editors_may_keep_the_past_date_of_an_expired_request(editor_client):
    request = PartnerRequestFactory(expires_on=today() - datetime.timedelta(days=3))
    url = reverse("admin:projects_partnerrequest_change", args=[request.pk])
    form = editor_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields}
    data = {key: value for key, value in data.items() if value is not None}
    data["contact_name"] = "Paul Beispiel"

    response = editor_client.post(url, {**data, "expires_on": request.expires_on.strftime("%d.%m.%Y")})

    assert response.status_code == 302
    request.refresh_from_db()
    assert request.contact_name == "Paul Beispiel"


def test_the_constraints_explain_themselves_in_german():
    from django.core.exceptions import ValidationError

    request = PartnerRequestFactory.build(contact_email="Petra@Borken.de")

    with pytest.raises(ValidationError) as error:
        request.validate_constraints()

    assert error.value.messages == ["Bitte schreiben Sie die E-Mail-Adresse in Kleinbuchstaben."]


def test_editor_rejects_with_a_reason_that_the_sender_gets(editor_client, sending):
    request = PartnerRequestFactory(state="pending", title="einen Bauhof")
    action = {"action": "reject_partners", "_selected_action": [request.pk]}

    asked = editor_client.post(ADMIN_LIST, action)
    without_reason = editor_client.post(ADMIN_LIST, {**action, "apply": "1", "reason": ""})
    with sending():
        editor_client.post(ADMIN_LIST, {**action, "apply": "1", "reason": "Bitte nennen Sie eine Ansprechperson."})

    request.refresh_from_db()
    assert "Begründung für die Kommune" in asked.content.decode()
    assert "Bitte begründen Sie die Ablehnung" in without_reason.content.decode()
    assert (request.state, request.rejection_reason) == ("rejected", "Bitte nennen Sie eine Ansprechperson.")
    assert [m.subject for m in mail.outbox] == ["Ihre Partnersuche wurde nicht veröffentlicht: einen Bauhof"]
    assert "Bitte nennen Sie eine Ansprechperson." in mail.outbox[0].body


def test_a_published_request_taken_down_leaves_the_site(editor_client, client, sending):
    request = PartnerRequestFactory(title="einen Bauhof")
    action = {"action": "reject_partners", "_selected_action": [request.pk], "apply": "1", "reason": "Doppelt."}

    with sending():
        editor_client.post(f"{ADMIN_LIST}?status=published", action)

    assert [m.subject for m in mail.outbox] == ["Ihre Partnersuche ist nicht mehr veröffentlicht: einen Bauhof"]
    assert client.get(request.get_absolute_url()).status_code == 404


def test_the_admin_cannot_add_requests_and_shows_the_senders_link(editor_client):
    request = PartnerRequestFactory(state="pending")

    page = editor_client.get(reverse("admin:projects_partnerrequest_change", args=[request.pk])).content.decode()

    assert editor_client.get(reverse("admin:projects_partnerrequest_add")).status_code == 403
    assert "http://127.0.0.1:8000/partnersuche/verwalten/" in page


def test_the_database_refuses_a_rejection_without_reason():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        PartnerRequestFactory(state="rejected", rejection_reason="")


# --- The list ---


def test_list_shows_open_requests_newest_first(client):
    older = PartnerRequestFactory(title="einen Bauhof", published_at=timezone.now() - datetime.timedelta(days=3))
    newer = PartnerRequestFactory(title="eine Kläranlage", municipality=kommune("bonn"))
    PartnerRequestFactory(title="ein Schwimmbad", state="pending")
    PartnerRequestFactory(title="eine Musikschule", expires_on=today() - datetime.timedelta(days=1))
    last_day = PartnerRequestFactory(
        title="eine Bibliothek", expires_on=today(), published_at=timezone.now() - datetime.timedelta(days=9)
    )

    response = client.get("/partnersuche/")

    page = response.content.decode()
    assert list(response.context["page_obj"]) == [newer, older, last_day]
    assert "3 offene Partnersuchen" in page
    assert "Bonn sucht Partner für eine Kläranlage" in page
    assert "Schwimmbad" not in page
    assert "Musikschule" not in page


def test_list_filters_by_themenfeld_and_regierungsbezirk(client):
    fire_in_borken = PartnerRequestFactory(title="eine Atemschutzwerkstatt", topics=[FIRE])
    PartnerRequestFactory(title="einen Bauhof", topics=[BUILDING])
    fire_in_bonn = PartnerRequestFactory(
        title="eine Leitstelle", municipality=kommune("bonn"), region=kommune("regierungsbezirk-koeln"), topics=[FIRE]
    )
    # Düren (Bezirk Köln) seeks partners in the Kreis Borken (Bezirk Münster).
    seeking_in_muenster = PartnerRequestFactory(
        title="ein Übungsgelände", municipality=kommune("dueren"), region=kommune("kreis-borken"), topics=[FIRE]
    )

    fire = client.get("/partnersuche/", {"themenfeld": FIRE})
    fire_in_muenster = client.get(
        "/partnersuche/", {"themenfeld": FIRE, "regierungsbezirk": "regierungsbezirk-muenster"}
    )

    assert set(fire.context["page_obj"]) == {fire_in_borken, fire_in_bonn, seeking_in_muenster}
    assert set(fire_in_muenster.context["page_obj"]) == {fire_in_borken, seeking_in_muenster}
    assert "2 Partnersuchen passen zu Ihrer Auswahl" in fire_in_muenster.content.decode()


def test_a_request_seeking_partners_in_all_of_nrw_counts_for_every_bezirk(client):
    nrw_wide = PartnerRequestFactory(title="eine gemeinsame Cloud", municipality=kommune("muenster"), region=None)
    PartnerRequestFactory(title="eine Leitstelle", municipality=kommune("bonn"), region=kommune("kreis-euskirchen"))

    duesseldorf = client.get("/partnersuche/", {"regierungsbezirk": "regierungsbezirk-duesseldorf"})

    assert list(duesseldorf.context["page_obj"]) == [nrw_wide]
    assert "Münster sucht Partner für eine gemeinsame Cloud" in duesseldorf.content.decode()


def test_list_explains_an_invalid_filter_and_an_empty_result(client):
    PartnerRequestFactory(topics=[BUILDING])

    invalid = client.get("/partnersuche/", {"regierungsbezirk": "atlantis"})
    empty = client.get("/partnersuche/", {"themenfeld": FIRE})
    nothing = client.get("/partnersuche/", {"themenfeld": "", "regierungsbezirk": ""})

    assert "Diesen Regierungsbezirk gibt es nicht. Bitte wählen Sie aus der Liste." in invalid.content.decode()
    assert len(invalid.context["page_obj"]) == 1
    assert "Dazu sucht gerade keine Kommune Partner." in empty.content.decode()
    assert f'href="/projekte/?themenfeld={FIRE}"' in empty.content.decode()
    assert nothing["Location"] == "/partnersuche/"


def test_list_paginates_twenty_per_page(client):
    for n in range(21):
        PartnerRequestFactory(title=f"Aufgabe {n:02d}", published_at=timezone.now() - datetime.timedelta(hours=n))

    response = client.get("/partnersuche/", {"themenfeld": BUILDING, "seite": 2})

    assert [r.title for r in response.context["page_obj"]] == ["Aufgabe 20"]
    assert f'href="?themenfeld={BUILDING}&amp;seite=1"' in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_list_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    for _ in range(count):
        PartnerRequestFactory(municipality=kommune("heiden"), region=kommune("kreis-borken"), topics=[FIRE, BUILDING])

    # The chosen Themenfeld and Bezirk; the count; the page with Kommune and region; its Themenfelder; the
    # choices of both filters. An anonymous visit needs no session query.
    with django_assert_num_queries(7):
        client.get("/partnersuche/", {"themenfeld": FIRE, "regierungsbezirk": "regierungsbezirk-muenster"})


def test_navigation_leads_to_the_partner_search_after_the_projects(client):
    html = client.get("/partnersuche/").content.decode()

    links = re.findall(r'<a class="site-nav__link" href="([^"]+)"', html)
    assert links[:3] == ["/projekte/", "/partnersuche/", "/kommunen/"]
    assert '<a class="site-nav__link" href="/partnersuche/" aria-current="page">Partnersuche</a>' in html


# --- The page of a request ---


def test_detail_shows_the_request_with_its_contact(client):
    request = PartnerRequestFactory(title="einen Bauhof", region=kommune("kreis-borken"), topics=[BUILDING, FIRE])

    page = client.get(request.get_absolute_url()).content.decode()

    assert '<h1 class="kern-heading-x-large">Wir suchen Partner für einen Bauhof</h1>' in page
    assert "Petra Beispiel" in page
    assert f'href="mailto:{request.contact_email}"' in page
    assert "im Kreis Borken" in page
    assert f'href="/partnersuche/?themenfeld={FIRE}"' in page
    assert 'href="/kommunen/borken/"' in page


def test_detail_of_an_expired_or_ended_request_says_so_without_the_contact(client):
    expired = PartnerRequestFactory(title="einen Bauhof", expires_on=today() - datetime.timedelta(days=2))
    ended = PartnerRequestFactory(title="eine Kläranlage", state="closed")

    gone = client.get(expired.get_absolute_url())
    closed = client.get(ended.get_absolute_url())

    assert gone.status_code == 410
    assert "Diese Partnersuche ist abgelaufen" in gone.content.decode()
    assert expired.contact_email not in gone.content.decode()
    assert closed.status_code == 410
    assert "Diese Partnersuche ist beendet" in closed.content.decode()


def test_a_request_withdrawn_before_the_editors_published_it_is_never_shown(
    client, editor_client, sending, no_min_fill_time
):
    post_request(client, sending, title="ein Bürgermeisteramt zum Verkauf")
    with sending():
        client.post(link(mail.outbox[0], "/partnersuche/bestaetigen/"))
    request = PartnerRequest.objects.get()
    client.post(manage_url(request), {"action": "close"})
    request.refresh_from_db()
    assert request.state == "closed"

    visitor = client.get(request.get_absolute_url())
    preview = editor_client.get(request.get_absolute_url())

    assert visitor.status_code == 404
    assert "Bürgermeisteramt" not in visitor.content.decode() and "Ahaus" not in visitor.content.decode()
    assert "Bürgermeisteramt" in preview.content.decode()


def test_detail_of_an_unpublished_request_is_hidden_from_visitors_and_previewed_for_editors(client, editor_client):
    pending = PartnerRequestFactory(state="pending")

    hidden = client.get(pending.get_absolute_url())
    preview = editor_client.get(pending.get_absolute_url()).content.decode()

    assert hidden.status_code == 404
    assert "Diese Partnersuche gibt es nicht (mehr)" in hidden.content.decode()
    assert "Vorschau für die Redaktion" in preview


# --- The sender's own page ---


def manage_url(request):
    return services.partner_manage_path(request)


def test_sender_extends_a_request_within_twelve_months(client):
    request = PartnerRequestFactory(expires_on=today() + datetime.timedelta(days=5))
    new_date = today() + datetime.timedelta(days=100)

    too_late = client.post(
        manage_url(request),
        {"action": "extend", "expires_on": (services.latest_partner_expiry() + datetime.timedelta(days=1)).isoformat()},
    )
    earlier = client.post(manage_url(request), {"action": "extend", "expires_on": today().isoformat()})
    extended = client.post(manage_url(request), {"action": "extend", "expires_on": new_date.isoformat()}, follow=True)

    request.refresh_from_db()
    assert "Höchstens 12 Monate im Voraus" in too_late.content.decode()
    assert "Bitte wählen Sie ein Datum nach dem" in earlier.content.decode()
    assert request.expires_on == new_date
    assert "Verlängert: Ihre Partnersuche ist bis zum" in extended.content.decode()


def test_sender_brings_back_an_expired_request_by_extending_it(client):
    request = PartnerRequestFactory(title="einen Bauhof", expires_on=today() - datetime.timedelta(days=3))
    page = client.get(manage_url(request)).content.decode()

    client.post(
        manage_url(request), {"action": "extend", "expires_on": (today() + datetime.timedelta(days=30)).isoformat()}
    )

    assert "ist am" in page and "abgelaufen" in page
    assert "Borken sucht Partner für einen Bauhof" in client.get("/partnersuche/").content.decode()


def test_sender_ends_a_request_and_it_leaves_the_site(client):
    request = PartnerRequestFactory(title="einen Bauhof")

    response = client.post(manage_url(request), {"action": "close"}, follow=True)

    request.refresh_from_db()
    assert request.state == "closed"
    assert "Ihre Partnersuche ist beendet" in response.content.decode()
    assert "einen Bauhof" not in client.get("/partnersuche/").content.decode()
    assert client.get(request.get_absolute_url()).status_code == 410
    # Ended is ended: neither extending nor a second close changes it.
    client.post(
        manage_url(request), {"action": "extend", "expires_on": (today() + datetime.timedelta(days=30)).isoformat()}
    )
    request.refresh_from_db()
    assert request.state == "closed"


def test_a_pending_request_can_be_given_a_later_date_or_withdrawn(client):
    # Its date passed while it waited for the editors.
    request = PartnerRequestFactory(state="pending", title="einen Bauhof", expires_on=today() - datetime.timedelta(1))
    new_date = today() + datetime.timedelta(days=45)

    page = client.get(manage_url(request)).content.decode()
    extended = client.post(manage_url(request), {"action": "extend", "expires_on": new_date.isoformat()}, follow=True)
    request.refresh_from_db()
    assert (request.state, request.expires_on) == ("pending", new_date)
    withdrawn = client.post(manage_url(request), {"action": "close"}, follow=True).content.decode()

    assert "Das Datum, bis zu dem Sie Partner suchen, ist inzwischen vorbei" in page
    assert "Partnersuche verlängern" in page and "Partnersuche zurückziehen" in page
    assert "verschwindet sofort von der Website" not in page
    assert f"Geändert: Sie suchen jetzt bis zum {formats.date_format(new_date, 'j. F Y')} Partner." in (
        extended.content.decode()
    )
    assert "Sie haben Ihre Partnersuche zurückgezogen; sie wird nicht veröffentlicht." in withdrawn
    assert "Sie haben diese Partnersuche zurückgezogen, bevor sie veröffentlicht wurde." in withdrawn
    assert "beendet und nicht mehr auf der Website" not in withdrawn
    request.refresh_from_db()
    assert (request.state, request.published_at) == ("closed", None)


@pytest.mark.parametrize(
    ("state", "message"),
    [
        ("rejected", "Die Redaktion hat diese Partnersuche nicht veröffentlicht; es gibt nichts zu beenden."),
        ("unconfirmed", "Diese Partnersuche ist nicht bestätigt. Sie wird nicht veröffentlicht und nach 7 Tagen"),
        ("closed", "Diese Partnersuche ist schon beendet."),
    ],
)
def test_ending_a_request_that_cannot_be_ended_says_so_and_changes_nothing(client, state, message):
    request = PartnerRequestFactory(state=state)
    before = PartnerRequest.objects.values("state", "closed_at", "updated_at").get(pk=request.pk)

    closed = client.post(manage_url(request), {"action": "close"}, follow=True).content.decode()
    extended = client.post(
        manage_url(request),
        {"action": "extend", "expires_on": (today() + datetime.timedelta(30)).isoformat()},
        follow=True,
    ).content.decode()

    assert message in closed
    assert "Ihre Partnersuche ist beendet" not in closed and "zurückgezogen" not in closed
    assert "Verlängern lässt sich nur eine Partnersuche, die veröffentlicht ist oder zur Prüfung steht." in extended
    assert PartnerRequest.objects.values("state", "closed_at", "updated_at").get(pk=request.pk) == before


def test_a_forged_manage_link_shows_a_page_not_an_error(client):
    response = client.get("/partnersuche/verwalten/kaputt/")

    assert response.status_code == 404
    assert "Dieser Link gilt nicht (mehr)" in response.content.decode()


# --- The Kommune's page ---


def test_municipality_page_shows_its_open_requests(client):
    PartnerRequestFactory(title="einen Bauhof", region=kommune("kreis-borken"))
    PartnerRequestFactory(title="eine Kläranlage", expires_on=today() - datetime.timedelta(days=1))
    PartnerRequestFactory(title="ein Schwimmbad", state="pending")
    PartnerRequestFactory(title="eine Bibliothek", municipality=kommune("heiden"))

    page = client.get("/kommunen/borken/").content.decode()
    other = client.get("/kommunen/gescher/").content.decode()

    assert "Borken sucht Partner" in page
    assert "Partner für einen Bauhof</a>" in page
    assert "im Kreis Borken" in page
    assert "Kläranlage" not in page and "Schwimmbad" not in page and "Bibliothek" not in page
    assert "Diese Kommune sucht gerade keine Partner über das Portal." in other
    assert 'href="/partnersuche/neu/?kommune=gescher"' in other


# --- The reminder before expiry ---


def test_remind_partner_requests_dry_run_then_once_per_expiry_date(capsys, sending):
    soon = PartnerRequestFactory(title="einen Bauhof", expires_on=today() + datetime.timedelta(days=6))
    PartnerRequestFactory(title="eine Kläranlage", expires_on=today() + datetime.timedelta(days=30))
    PartnerRequestFactory(title="ein Schwimmbad", expires_on=today() + datetime.timedelta(days=2), state="closed")

    call_command("remind_partner_requests", "--dry-run")
    assert "2 würden erinnert" not in (dry := capsys.readouterr().out)
    assert "1 würden erinnert" in dry
    assert mail.outbox == []
    with sending():
        call_command("remind_partner_requests")
        call_command("remind_partner_requests", "--verbosity", "0")

    assert capsys.readouterr().out == "Partnersuchen, die in den nächsten 7 Tagen ablaufen: 1 erinnert\n"
    assert [m.subject for m in mail.outbox] == [
        f"Ihre Partnersuche läuft am {soon.expires_on:%-d.%-m.%Y} ab: einen Bauhof"
    ]
    assert "/partnersuche/verwalten/" in mail.outbox[0].body
    assert "(noch 6 Tage)" in mail.outbox[0].body

    # Extended, it is reminded again before the new date, not before.
    soon.refresh_from_db()
    services.extend_partner_request(partner_request=soon, expires_on=today() + datetime.timedelta(days=40))
    with sending():
        call_command("remind_partner_requests", "--verbosity", "0")
    assert len(mail.outbox) == 1
    with sending():
        call_command("remind_partner_requests", "--days", "40", "--verbosity", "0")
    assert sorted(m.subject.split(": ")[1] for m in mail.outbox[1:]) == ["eine Kläranlage", "einen Bauhof"]


def test_a_failing_reminder_does_not_stop_the_others(capsys, caplog):
    first = PartnerRequestFactory(title="einen Bauhof", expires_on=today() + datetime.timedelta(days=3))
    second = PartnerRequestFactory(title="eine Kläranlage", expires_on=today() + datetime.timedelta(days=4))
    real = services.send_templated_mail

    def broken_for_the_first(**kwargs):
        if kwargs["context"]["partner_request"].pk == first.pk:
            raise RuntimeError("Vorlage kaputt")
        return real(**kwargs)

    with mock.patch("projects.services.send_templated_mail", side_effect=broken_for_the_first):
        call_command("remind_partner_requests")

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.reminded_for, second.reminded_for) == (None, second.expires_on)
    assert "1 erinnert" in capsys.readouterr().out
    assert "Reminder for partner request" in caplog.text


# --- Demo content ---


def test_demo_partner_requests_are_idempotent_and_some_expire_soon():
    created = create_demo_partner_requests()
    again = create_demo_partner_requests()

    open_requests = PartnerRequest.objects.open()
    assert (created, again) == (PartnerRequest.objects.count(), 0)
    assert open_requests.count() >= 4
    assert PartnerRequest.objects.due_for_reminder(days_before=7).count() >= 1
    assert PartnerRequest.objects.filter(state="pending").exists()
    assert PartnerRequest.objects.published().filter(expires_on__lt=today()).exists()


@pytest.mark.django_db
def test_old_requests_are_deleted_after_their_deadlines(settings, capsys):
    settings.PARTNER_REQUEST_RETENTION_DAYS = 180
    now = timezone.now()
    long_ago = now - datetime.timedelta(days=181)
    keep = [
        PartnerRequestFactory(title="offen"),
        PartnerRequestFactory(title="unbestätigt, frisch", state="unconfirmed"),
        PartnerRequestFactory(title="wartet", state="pending"),
        PartnerRequestFactory(
            title="wartet, kürzlich abgelaufen",
            state="pending",
            expires_on=timezone.localdate(long_ago) + datetime.timedelta(2),
        ),
        PartnerRequestFactory(title="kürzlich beendet", state="closed"),
        PartnerRequestFactory(
            title="kürzlich abgelaufen", expires_on=timezone.localdate() - datetime.timedelta(days=30)
        ),
    ]
    PartnerRequest.objects.filter(title="wartet").update(created_at=long_ago)
    old = [
        PartnerRequestFactory(title="unbestätigt, alt", state="unconfirmed"),
        PartnerRequestFactory(title="abgelehnt", state="rejected", decided_at=long_ago),
        PartnerRequestFactory(title="beendet", state="closed", closed_at=long_ago),
        PartnerRequestFactory(title="abgelaufen", expires_on=timezone.localdate(long_ago)),
        PartnerRequestFactory(
            title="wartet, längst abgelaufen", state="pending", expires_on=timezone.localdate(long_ago)
        ),
    ]
    PartnerRequest.objects.filter(title="unbestätigt, alt").update(created_at=now - datetime.timedelta(days=8))

    call_command("delete_old_partner_requests", "--dry-run")
    assert PartnerRequest.objects.count() == len(keep) + len(old)
    call_command("delete_old_partner_requests")

    assert sorted(PartnerRequest.objects.values_list("title", flat=True)) == sorted(r.title for r in keep)
    assert "5 würden gelöscht" in capsys.readouterr().out


# --- Data protection ---


def test_the_privacy_notice_explains_the_partner_search_and_project_reports(client):
    page = client.get("/datenschutz/").content.decode()
    form = client.get("/partnersuche/neu/").content.decode()

    assert 'Mehr dazu in der <a class="kern-link" href="/datenschutz/">Datenschutzerklärung</a>.' in form
    partners = page[page.index("<h2>Partnersuche</h2>") :].split("<h2>")[1]
    for fact in [
        "Namen, Funktion, E-Mail-Adresse und Telefonnummer",
        "für alle sichtbar",
        "jederzeit beenden",
        "nach sieben Tagen",
        "180 Tage",
        "Art. 6 Abs. 1 lit. a DSGVO",
    ]:
        assert fact in partners, fact
    reports = page[page.index("<h2>Projektmeldungen</h2>") :].split("<h2>")[1]
    for fact in ["/projekte/melden/", "30 Tage lang niemand", "drei Tagen", "nur die Redaktion", "einmal im Jahr"]:
        assert fact in reports, fact
    assert "<h2>Server-Logdateien</h2>" in page and "<h2>Newsletter</h2>" in page  # the other sections stay
