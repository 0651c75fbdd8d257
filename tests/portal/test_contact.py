import smtplib

import pytest
from django.core import mail
from django.urls import reverse

from portal.models import ContactMessage, OutgoingMail

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Kim Muster",
    "email": "kim.muster@beispiel-kommune.de",
    "organisation": "Stadt Beispielstadt",
    "subject": "Gemeinsamer Bauhof",
    "message": "Wir suchen Partner für einen gemeinsamen Bauhof.",
    "privacy": "on",
}


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """A client whose POSTs run the on-commit callbacks (the mail task), as a real request does."""
    post = client.post

    def post_and_commit(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return post(*args, **kwargs)

    client.post = post_and_commit
    return client


def form_data(client, path, **overrides):
    """The fields a browser would send, including the hidden render time stamp."""
    response = client.get(path)
    rendered_at = response.context["form"]["rendered_at"].initial
    return {**VALID, "rendered_at": rendered_at, "website": "", **overrides}


def test_contact_message_is_stored_and_mailed_to_editors(client, no_min_fill_time):
    response = client.post("/kontakt/", form_data(client, "/kontakt/"))

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:form_sent", kwargs={"slug": "kontakt"})
    message = ContactMessage.objects.get()
    assert (message.kind, message.email, message.subject) == ("kontakt", VALID["email"], "Gemeinsamer Bauhof")
    assert len(mail.outbox) == 1
    sent = mail.outbox[0]
    assert sent.to == ['"Redaktion Interkommunales.NRW" <IKZ@Interkommunales.NRW>']
    assert sent.reply_to == [VALID["email"]]
    assert sent.subject == "[Kontakt] Gemeinsamer Bauhof"
    assert "Wir suchen Partner für einen gemeinsamen Bauhof." in sent.body
    assert f"http://127.0.0.1:8000/admin/portal/contactmessage/{message.pk}/change/" in sent.body
    assert sent.alternatives[0].mimetype == "text/html"
    assert OutgoingMail.objects.get().status == OutgoingMail.Status.SENT


def test_contact_confirmation_page_thanks_the_sender(client, no_min_fill_time):
    response = client.post("/kontakt/", form_data(client, "/kontakt/"), follow=True)

    assert "Vielen Dank für Ihre Nachricht" in response.content.decode()


def test_accessibility_feedback_keeps_the_page_it_refers_to(client, no_min_fill_time):
    data = form_data(client, "/barrierefreiheit/", subject="Kontrast zu schwach", page_url="/impressum/")

    client.post("/barrierefreiheit/", data)

    message = ContactMessage.objects.get()
    assert (message.kind, message.page_url) == ("barrierefreiheit", "/impressum/")
    assert mail.outbox[0].subject == "[Barriere melden] Kontrast zu schwach"


def test_contact_invalid_email_shows_german_error_and_keeps_input(client, no_min_fill_time):
    response = client.post("/kontakt/", form_data(client, "/kontakt/", email="kim@", subject="Mein Betreff"))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein" in html
    assert 'value="Mein Betreff"' in html
    assert 'value="kim@"' in html
    assert 'aria-invalid="true"' in html
    assert ContactMessage.objects.count() == 0
    assert mail.outbox == []


def test_contact_overlong_email_is_an_error_not_a_crash(client, no_min_fill_time):
    response = client.post("/kontakt/", form_data(client, "/kontakt/", email="a" * 250 + "@example.de"))

    assert response.status_code == 200
    assert "höchstens 254 Zeichen" in response.content.decode()
    assert ContactMessage.objects.count() == 0


def test_contact_errors_are_listed_with_links_and_in_the_title(client, no_min_fill_time):
    response = client.post("/kontakt/", form_data(client, "/kontakt/", name="", email="kim@"))

    html = response.content.decode()
    assert "<title>Fehler: Kontakt" in html
    assert '<a class="kern-link" href="#id_name">Ihr Name: Dieses Feld ist zwingend erforderlich.</a>' in html
    assert 'href="#id_email">Ihre E-Mail-Adresse: Bitte geben Sie eine gültige E-Mail-Adresse ein' in html


def test_consent_hint_links_to_the_privacy_page(client):
    html = client.get("/kontakt/").content.decode()

    assert 'Mehr dazu in der <a class="kern-link" href="/datenschutz/">Datenschutzerklärung</a>.' in html


def test_contact_missing_consent_is_explained(client, no_min_fill_time):
    data = form_data(client, "/kontakt/")
    del data["privacy"]

    response = client.post("/kontakt/", data)

    assert "Bitte stimmen Sie der Verarbeitung Ihrer Angaben zu." in response.content.decode()
    assert ContactMessage.objects.count() == 0


def test_contact_honeypot_rejects_bots(client, no_min_fill_time):
    response = client.post("/kontakt/", form_data(client, "/kontakt/", website="http://spam.example"))

    assert "Ihre Nachricht konnte nicht angenommen werden." in response.content.decode()
    assert ContactMessage.objects.count() == 0


def test_contact_sent_too_fast_is_refused_with_input_kept(client, settings):
    settings.FORM_MIN_FILL_SECONDS = 60

    response = client.post("/kontakt/", form_data(client, "/kontakt/"))

    html = response.content.decode()
    assert "Das ging sehr schnell." in html
    assert 'value="Gemeinsamer Bauhof"' in html
    assert ContactMessage.objects.count() == 0


def test_contact_without_render_stamp_is_treated_as_expired(client, no_min_fill_time):
    response = client.post("/kontakt/", {**VALID, "rendered_at": "forged"})

    assert "Das Formular ist abgelaufen." in response.content.decode()
    assert ContactMessage.objects.count() == 0


def test_expired_form_can_be_sent_again_as_shown(client, no_min_fill_time):
    response = client.post("/kontakt/", {**VALID, "rendered_at": "expired"})
    fresh_stamp = response.context["form"]["rendered_at"].value()

    response = client.post("/kontakt/", {**VALID, "rendered_at": fresh_stamp})

    assert fresh_stamp != "expired"
    assert response.status_code == 302
    assert ContactMessage.objects.count() == 1


def test_rate_limit_counts_each_visitor_behind_the_proxy(client, settings):
    settings.FORM_MIN_FILL_SECONDS = 0
    settings.FORM_RATE_LIMIT = (1, 3600)
    settings.TRUSTED_PROXY_COUNT = 1
    data = form_data(client, "/kontakt/")
    proxy = {"REMOTE_ADDR": "127.0.0.1"}

    first = client.post("/kontakt/", data, HTTP_X_FORWARDED_FOR="203.0.113.5", **proxy).status_code
    other = client.post("/kontakt/", data, HTTP_X_FORWARDED_FOR="198.51.100.7", **proxy).status_code
    forged = client.post("/kontakt/", data, HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.5", **proxy).status_code

    assert (first, other, forged) == (302, 302, 429)


def test_contact_rate_limit_per_client(client, settings):
    settings.FORM_MIN_FILL_SECONDS = 0
    settings.FORM_RATE_LIMIT = (2, 3600)
    data = form_data(client, "/kontakt/")

    statuses = [client.post("/kontakt/", data).status_code for _ in range(3)]

    assert statuses == [302, 302, 429]
    assert ContactMessage.objects.count() == 2


def test_contact_is_stored_when_smtp_is_down(client, no_min_fill_time, monkeypatch):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPConnectError(421, "Service not available")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)

    response = client.post("/kontakt/", form_data(client, "/kontakt/"))

    assert response.status_code == 302
    assert ContactMessage.objects.count() == 1
    outgoing = OutgoingMail.objects.get()
    assert outgoing.status == OutgoingMail.Status.RETRYING
    assert outgoing.attempts == 1
    assert "Service not available" in outgoing.last_error


def test_post_to_page_without_form_is_not_allowed(client):
    response = client.post("/impressum/", {"x": "y"})

    assert (response.status_code, response["Allow"]) == (405, "GET")
