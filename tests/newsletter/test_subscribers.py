import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from newsletter import services
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db

URL = "/newsletter/"


def sign_up(client, django_capture_on_commit_callbacks, **overrides):
    rendered_at = client.get(URL).context["form"]["rendered_at"].initial
    data = {"email": "kim@beispiel-kommune.de", "consent": "on", "rendered_at": rendered_at, "website": "", **overrides}
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, data)


def test_sign_up_is_pending_until_confirmed_and_mails_a_link(
    client, no_min_fill_time, django_capture_on_commit_callbacks
):
    response = sign_up(client, django_capture_on_commit_callbacks, email="Kim@Beispiel-Kommune.de", name="Kim")

    subscriber = Subscriber.objects.get()
    assert response["Location"] == reverse("newsletter:requested")
    assert (subscriber.email, subscriber.name, subscriber.status) == ("kim@beispiel-kommune.de", "Kim", "pending")
    assert subscriber.consent_text == services.CONSENT_TEXT
    assert subscriber.consent_version == services.CONSENT_VERSION
    assert [m.subject for m in mail.outbox] == ["Bitte bestätigen Sie Ihre Newsletter-Anmeldung"]
    assert "/newsletter/bestaetigen/" in mail.outbox[0].body
    assert "Anmeldung bestätigen" in mail.outbox[0].alternatives[0][0]


def test_opening_the_link_does_not_confirm_only_the_button_does(client):
    subscriber = services.request_subscription(email="kim@beispiel-kommune.de")
    url = services.confirmation_url(subscriber)

    opened = client.get(url)
    subscriber.refresh_from_db()
    assert subscriber.status == "pending"
    assert "Anmeldung bestätigen" in opened.content.decode()

    confirmed = client.post(url)
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"
    assert subscriber.confirmed_at is not None
    assert "Ihre Anmeldung ist bestätigt" in confirmed.content.decode()


def test_changed_or_forged_confirmation_links_are_explained(client):
    subscriber = services.request_subscription(email="kim@beispiel-kommune.de")
    url = services.confirmation_url(subscriber)
    Subscriber.objects.filter(pk=subscriber.pk).update(email="other@beispiel-kommune.de")

    changed = client.get(url)
    forged = client.get(reverse("newsletter:confirm", args=["abc:def"]))

    assert changed.status_code == forged.status_code == 404
    assert "Bestätigungslinks gelten 7 Tage" in forged.content.decode()


def test_the_answer_is_the_same_whether_the_address_is_known_or_not(
    client, no_min_fill_time, django_capture_on_commit_callbacks
):
    new = sign_up(client, django_capture_on_commit_callbacks)
    services.confirm_subscription(subscriber=Subscriber.objects.get())
    known = sign_up(client, django_capture_on_commit_callbacks)

    assert (new.status_code, new["Location"]) == (known.status_code, known["Location"])
    assert Subscriber.objects.get().status == "confirmed"
    assert [m.subject for m in mail.outbox] == [
        "Bitte bestätigen Sie Ihre Newsletter-Anmeldung",
        "Sie erhalten unseren Newsletter bereits",
    ]


def test_form_errors_are_german_and_keep_the_input(client, no_min_fill_time, django_capture_on_commit_callbacks):
    response = sign_up(client, django_capture_on_commit_callbacks, email="kim@", consent="", name="Kim")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein" in html
    assert "Bitte stimmen Sie zu, damit wir Ihnen den Newsletter schicken dürfen." in html
    assert 'value="Kim"' in html
    assert not Subscriber.objects.exists()


def test_unsubscribe_link_shows_a_button_and_post_unsubscribes_at_once(client):
    subscriber = services.confirm_subscription(
        subscriber=services.request_subscription(email="kim@beispiel-kommune.de", name="Kim", organisation="Ahaus")
    )
    url = services.unsubscribe_url(subscriber)

    client.get(url)
    subscriber.refresh_from_db()
    assert subscriber.status == "confirmed"

    response = client.post(url)
    subscriber.refresh_from_db()
    assert "Sie sind abgemeldet" in response.content.decode()
    assert (subscriber.status, subscriber.name, subscriber.organisation) == ("unsubscribed", "", "")
    assert subscriber.unsubscribed_at is not None


def test_one_click_unsubscribe_works_as_a_raw_post_without_csrf_token(client):
    subscriber = services.confirm_subscription(
        subscriber=services.request_subscription(email="kim@beispiel-kommune.de")
    )
    client.handler.enforce_csrf_checks = True

    response = client.post(
        services.unsubscribe_url(subscriber),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert Subscriber.objects.get().status == "unsubscribed"


def test_subscribing_again_after_unsubscribing_needs_a_new_confirmation(client):
    subscriber = services.confirm_subscription(
        subscriber=services.request_subscription(email="kim@beispiel-kommune.de")
    )
    services.unsubscribe(subscriber=subscriber)

    again = services.request_subscription(email="kim@beispiel-kommune.de")

    assert (again.pk, again.status, again.unsubscribed_at) == (subscriber.pk, "pending", None)


def test_unconfirmed_sign_ups_are_deleted_after_seven_days(capsys):
    old = services.request_subscription(email="alt@beispiel-kommune.de")
    Subscriber.objects.filter(pk=old.pk).update(requested_at=timezone.now() - timedelta(days=8))
    services.request_subscription(email="neu@beispiel-kommune.de")
    confirmed = services.request_subscription(email="bestaetigt@beispiel-kommune.de")
    services.confirm_subscription(subscriber=confirmed)
    Subscriber.objects.filter(pk=confirmed.pk).update(requested_at=timezone.now() - timedelta(days=30))

    call_command("delete_unconfirmed_subscribers", "--dry-run")
    assert Subscriber.objects.count() == 3
    call_command("delete_unconfirmed_subscribers")

    assert sorted(Subscriber.objects.values_list("email", flat=True)) == [
        "bestaetigt@beispiel-kommune.de",
        "neu@beispiel-kommune.de",
    ]
    assert "1 würden gelöscht" in capsys.readouterr().out


def test_sign_up_page_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(URL)

    assert "Newsletter abonnieren" in response.content.decode()


def test_confirmation_links_expire_after_seven_days(client):
    subscriber = services.request_subscription(email="kim@beispiel-kommune.de")
    eight_days_ago = time.time() - 8 * 86400
    with mock.patch("time.time", return_value=eight_days_ago):
        url = services.confirmation_url(subscriber)

    response = client.post(url)

    assert response.status_code == 404
    assert Subscriber.objects.get().status == "pending"


@pytest.mark.django_db
def test_delete_command_deletes_unsubscribed_addresses_after_the_retention(settings, capsys):
    settings.NEWSLETTER_UNSUBSCRIBED_RETENTION_DAYS = 1095
    old = services.request_subscription(email="alt-abgemeldet@beispiel-kommune.de")
    services.unsubscribe(subscriber=old)
    Subscriber.objects.filter(pk=old.pk).update(unsubscribed_at=timezone.now() - timedelta(days=1096))
    recent = services.request_subscription(email="neu-abgemeldet@beispiel-kommune.de")
    services.unsubscribe(subscriber=recent)

    call_command("delete_unconfirmed_subscribers", "--dry-run")
    assert Subscriber.objects.count() == 2
    call_command("delete_unconfirmed_subscribers")

    assert list(Subscriber.objects.values_list("email", flat=True)) == ["neu-abgemeldet@beispiel-kommune.de"]
    assert "Abmeldungen älter als 1095 Tage: 1 würden gelöscht" in capsys.readouterr().out
