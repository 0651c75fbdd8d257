import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from newsletter import services
from newsletter.models import Block, Delivery, Issue
from portal.models import OutgoingMail
from tests.factories import BlockFactory, IssueFactory, ProjectFactory, SubscriberFactory

pytestmark = pytest.mark.django_db

ADD = reverse("admin:newsletter_issue_add")
LIST = reverse("admin:newsletter_issue_changelist")


@pytest.fixture
def editor_client(client):
    editor = User.objects.create_user("redaktion", email="redaktion@beispiel.de", is_staff=True)
    editor.groups.add(Group.objects.get(name="Redaktion"))
    client.force_login(editor)
    return client


@pytest.fixture
def issue():
    issue = IssueFactory(subject="Neues aus der Zusammenarbeit")
    BlockFactory(issue=issue, heading="Aus den Kommunen")
    return issue


def url(name, issue):
    return reverse(f"admin:newsletter_issue_{name}", args=[issue.pk])


def issue_data(**changes):
    data = {
        "label": "Newsletter I / 2027",
        "slug": "newsletter-i-2027",
        "subject": "Neues aus den Kommunen",
        "preheader": "",
        "intro": "<p>Liebe Leserinnen und Leser,</p>",
        "closing": "Ihre Redaktion",
        "blocks-TOTAL_FORMS": 0,
        "blocks-INITIAL_FORMS": 0,
        "blocks-MIN_NUM_FORMS": 0,
        "blocks-MAX_NUM_FORMS": 1000,
    }
    return {**data, **changes}


def block_data(n, **fields):
    empty = {"position": n, "kind": "text", "heading": "", "text": "", "project": "", "event": ""}
    empty |= {"link_label": "", "url": "", "alt_text": "", "caption": "", "credit": ""}
    return {f"blocks-{n}-{name}": value for name, value in {**empty, **fields}.items()}


def png(size=(800, 600)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 80, 40)).save(buffer, "PNG")
    return buffer.getvalue()


# --- Composing ---


def test_editor_composes_an_issue_from_blocks(editor_client):
    project = ProjectFactory(title="Finanzzentrum Baumberge")
    data = issue_data(
        **{"blocks-TOTAL_FORMS": 4},
        **block_data(0, heading="Aus den Kommunen", text="<p>Ein neuer Bauhof.</p>"),
        **block_data(1, kind="project", project=project.pk),
        **block_data(2, kind="landespreis", heading="Jetzt bewerben", text="<p>Bis 11. Februar.</p>"),
        **block_data(3, kind="image", image=SimpleUploadedFile("halle.png", png(), "image/png"), alt_text="Die Halle"),
    )

    response = editor_client.post(ADD, data)

    assert response.status_code == 302
    issue = Issue.objects.get()
    blocks = list(issue.blocks.order_by("position"))
    assert [b.kind for b in blocks] == ["text", "project", "landespreis", "image"]
    assert blocks[1].project == project
    # The Landespreis teaser links to the Landespreis pages unless the editors give another link.
    assert (blocks[2].url, blocks[2].link_label) == ("/landespreis/", "Mehr zum Landespreis")
    assert blocks[3].rendition.name.endswith("-1200.jpg")


@pytest.mark.parametrize(
    ("block", "field", "message"),
    [
        ({"kind": "text", "text": "<p></p>"}, "text", "Bitte schreiben Sie den Text."),
        ({"kind": "project"}, "project", "Bitte wählen Sie das Projekt."),
        ({"kind": "button", "url": "/projekte/"}, "link_label", "Bitte beschriften Sie den Button."),
        ({"kind": "button", "link_label": "Los", "url": "javascript:alert(1)"}, "url", "mit https://"),
        ({"kind": "image", "alt_text": "Halle"}, "image", "Bitte laden Sie ein Bild hoch."),
    ],
)
def test_a_block_missing_what_its_kind_needs_gets_a_german_message_at_the_field(editor_client, block, field, message):
    data = issue_data(**{"blocks-TOTAL_FORMS": 1}, **block_data(0, **block))

    response = editor_client.post(ADD, data)

    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.errors[0]
    assert message in " ".join(errors[field])
    assert not Issue.objects.exists()


def test_an_image_is_checked_by_its_content_and_needs_an_alternative_text(editor_client):
    fake = SimpleUploadedFile("foto.png", b"<?php echo 1; ?>", "image/png")
    data = issue_data(**{"blocks-TOTAL_FORMS": 2}, **block_data(0, kind="image", image=fake, alt_text="Foto"))
    data |= block_data(1, kind="image", image=SimpleUploadedFile("halle.png", png(), "image/png"))

    response = editor_client.post(ADD, data)

    errors = response.context["inline_admin_formsets"][0].formset.errors
    assert "ist kein Bild" in errors[0]["image"][0]
    assert errors[1]["alt_text"] == ["Bitte beschreiben Sie, was auf dem Bild zu sehen ist (Alternativtext)."]


def test_changing_a_blocks_kind_leaves_nothing_of_the_old_kind(editor_client, issue):
    block = BlockFactory(issue=issue, kind="project", project=ProjectFactory())
    data = issue_data(
        label=issue.label,
        slug=issue.slug,
        subject=issue.subject,
        **{"blocks-TOTAL_FORMS": 1, "blocks-INITIAL_FORMS": 1},
        **block_data(0, id=block.pk, issue=issue.pk, kind="button", link_label="Alle Projekte", url="/projekte/"),
    )
    Block.objects.exclude(pk=block.pk).delete()

    response = editor_client.post(url("change", issue), data)

    assert response.status_code == 302
    block.refresh_from_db()
    assert (block.kind, block.project, block.link_label) == ("button", None, "Alle Projekte")


def test_an_issue_that_went_out_can_be_looked_at_but_not_changed(editor_client):
    sent = IssueFactory(status="sent")

    page = editor_client.get(url("change", sent))
    attempt = editor_client.post(url("change", sent), issue_data(label="Geändert", slug=sent.slug))

    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert attempt.status_code == 403
    assert Issue.objects.get(pk=sent.pk).label == sent.label


@pytest.mark.parametrize("count", [1, 3])
def test_issue_list_runs_a_constant_number_of_queries(editor_client, django_assert_num_queries, count):
    for _ in range(count):
        issue = IssueFactory(status="sending")
        SubscriberFactory()
        Delivery.objects.create(issue=issue, subscriber=SubscriberFactory())

    # Session, user, its own and its groups' permissions; the count, the total and the page (the counts
    # are kept on the issue).
    with django_assert_num_queries(7):
        response = editor_client.get(LIST)

    assert len(response.context["cl"].result_list) == count


# --- Preview and test send ---


def test_preview_shows_the_html_in_a_sandboxed_frame_and_the_plain_text(editor_client, issue):
    response = editor_client.get(url("preview", issue))

    html = response.content.decode()
    assert "Neues aus der Zusammenarbeit" in html
    assert f'src="{url("preview_html", issue)}"' in html
    assert 'sandbox="allow-popups allow-popups-to-escape-sandbox"' in html
    assert "Aus den Kommunen\n----------------" in html  # the plain text


def test_the_preview_frame_may_be_shown_by_the_admin_only(editor_client, issue):
    response = editor_client.get(url("preview_html", issue))

    html = response.content.decode()
    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert '<head><base target="_blank">' in html
    assert "Aus den Kommunen" in html
    assert "/newsletter/abmelden/" not in html and "abmelden.invalid" not in html


def test_test_send_queues_the_mail_for_the_address(editor_client, issue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url("test_send", issue), {"email": "test@beispiel.de"})

    assert response["Location"] == url("preview", issue)
    assert OutgoingMail.objects.get().to == ["test@beispiel.de"]
    assert [(m.to, m.subject) for m in mail.outbox] == [(["test@beispiel.de"], "[Test] Neues aus der Zusammenarbeit")]
    assert Issue.objects.get(pk=issue.pk).status == "draft"


def test_test_send_to_an_invalid_address_says_so_next_to_the_field(editor_client, issue):
    response = editor_client.post(url("test_send", issue), {"email": "test@"})

    assert response.status_code == 200
    assert "Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@kommune.de." in response.content.decode()
    assert not OutgoingMail.objects.exists()


# --- Sending ---


def test_send_page_shows_how_many_will_get_it(editor_client, issue):
    SubscriberFactory.create_batch(3)
    SubscriberFactory(status="pending")

    html = editor_client.get(url("send", issue)).content.decode()

    assert "3 bestätigte Abonnentinnen und Abonnenten" in html
    assert 'value="An alle bestätigten Abonnentinnen und Abonnenten senden"' in html


def test_sending_from_the_admin_goes_to_everyone_and_shows_the_progress(
    editor_client, issue, django_capture_on_commit_callbacks
):
    SubscriberFactory.create_batch(3)

    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(url("send", issue), {"action": "send"})
    progress = editor_client.get(response["Location"])

    assert response["Location"] == url("progress", issue)
    assert len(mail.outbox) == 3
    assert progress.context["counts"] == {"total": 3, "pending": 0, "sent": 3, "failed": 0, "skipped": 0}
    assert "Der Versand an 3 Abonnentinnen und Abonnenten hat begonnen." in progress.content.decode()


def test_a_problem_stops_the_sending_with_a_message(editor_client, issue):
    BlockFactory(issue=issue, kind="project", project=ProjectFactory(title="Alter Bauhof", is_published=False))
    SubscriberFactory()

    response = editor_client.post(url("send", issue), {"action": "send"}, follow=True)

    assert "„Alter Bauhof“ ist nicht veröffentlicht" in response.content.decode()
    assert Issue.objects.get(pk=issue.pk).status == "draft"


def test_scheduling_from_the_admin(editor_client, issue):
    past = editor_client.post(url("send", issue), {"action": "schedule", "at": "01.01.2020 09:00"})
    at = timezone.localtime() + timedelta(days=2)
    planned = editor_client.post(url("send", issue), {"action": "schedule", "at": at.strftime("%Y-%m-%dT%H:%M")})
    issue.refresh_from_db()

    assert "Der Zeitpunkt liegt in der Vergangenheit." in past.content.decode()
    assert planned["Location"] == url("change", issue)
    assert issue.status == "scheduled"
    assert timezone.localtime(issue.scheduled_at).strftime("%d.%m.%Y %H:%M") == at.strftime("%d.%m.%Y %H:%M")

    editor_client.post(url("send", issue), {"action": "unschedule"})
    assert Issue.objects.get(pk=issue.pk).status == "draft"


# --- Progress ---


def test_progress_refreshes_itself_while_sending_and_lists_the_errors(editor_client, issue):
    SubscriberFactory.create_batch(2)
    services.start_sending(issue=issue, enqueue=False)
    first = Delivery.objects.filter(issue=issue).first()
    Delivery.objects.filter(pk=first.pk).update(
        attempts=1, last_error="SMTPServerDisconnected: weg", attempted_at=timezone.now()
    )

    response = editor_client.get(url("progress", issue))
    stopped = editor_client.get(url("progress", issue), {"anhalten": 1})

    html = response.content.decode()
    assert re.search(r'<meta http-equiv="refresh" content="10">', html)
    assert "SMTPServerDisconnected: weg" in html and first.subscriber.email in html
    assert response.context["counts"]["pending"] == 2
    assert 'http-equiv="refresh"' not in stopped.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_progress_runs_a_constant_number_of_queries(editor_client, issue, django_assert_num_queries, count):
    SubscriberFactory.create_batch(count)
    services.start_sending(issue=issue, enqueue=False)
    Delivery.objects.filter(issue=issue).update(status="failed", last_error="550 No such user", attempts=1)

    # Session, user, its own and its groups' permissions; the issue; the counts; the errors with their addresses.
    with django_assert_num_queries(7):
        response = editor_client.get(url("progress", issue))

    assert len(response.context["errors"]) == count


def test_failed_deliveries_are_tried_again_from_the_progress_page(
    editor_client, issue, django_capture_on_commit_callbacks
):
    SubscriberFactory()
    services.start_sending(issue=issue, enqueue=False)
    Delivery.objects.filter(issue=issue).update(status="failed", last_error="550 Mailbox full", attempts=6)
    Issue.objects.filter(pk=issue.pk).update(status="sent", finished_at=timezone.now())

    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(url("progress", issue), {"action": "retry"})

    assert len(mail.outbox) == 1
    assert Issue.objects.get(pk=issue.pk).status == "sent"
    assert Delivery.objects.get(issue=issue).status == "sent"
