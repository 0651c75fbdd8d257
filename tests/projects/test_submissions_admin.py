"""Moderation of submissions in the admin: the queue, the comparison, approving, rejecting, asking for changes."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal.models import OutgoingMail
from projects import services
from projects.models import Document, Project, Submission, SubmissionFile
from tests.factories import ProjectFactory, SubmissionFactory
from tests.projects.submissions import jpeg_bytes, kommune, last_mail_to, link, pdf_bytes, truncated_jpeg

pytestmark = pytest.mark.django_db

LIST = reverse("admin:projects_submission_changelist")


def url(name, submission):
    return reverse(f"admin:projects_submission_{name}", args=[submission.pk])


@pytest.fixture
def editor():
    editor = User.objects.create_user("redaktion", email="redaktion@beispiel.de", is_staff=True)
    editor.groups.add(Group.objects.get(name="Redaktion"))
    return editor


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def with_files(submission):
    services.add_submission_file(
        submission=submission,
        upload=SimpleUploadedFile(
            "vereinbarung.pdf", pdf_bytes("§ 1 Das gemeinsame Standesamt hat seinen Sitz in Heiden.")
        ),
        kind="document",
        content_type="application/pdf",
        extension="pdf",
        limit=10,
        title="Öffentlich-rechtliche Vereinbarung Standesamt",
        document_kind="vereinbarung",
    )
    services.add_submission_file(
        submission=submission,
        upload=SimpleUploadedFile("trauzimmer.jpg", jpeg_bytes()),
        kind="image",
        content_type="image/jpeg",
        extension="jpg",
        limit=10,
        alt_text="Das Trauzimmer im Rathaus Heiden",
        credit="© Gemeinde Heiden",
    )
    return submission


def pending(**kwargs):
    """A new project in the queue, with its files (new drafts take files; this one was sent afterwards)."""
    kwargs.setdefault("lead_municipality", kommune("heiden"))
    kwargs.setdefault("municipalities", [kommune("reken"), kommune("velen")])
    kwargs.setdefault("topics", ["allgemeine-verwaltung"])
    submission = with_files(SubmissionFactory(state="draft", **kwargs))
    Submission.objects.filter(pk=submission.pk).update(
        state="pending", submitted_at=timezone.now(), email_confirmed_at=timezone.now()
    )
    submission.refresh_from_db()
    return submission


def test_editors_may_moderate_submissions():
    codenames = set(Group.objects.get(name="Redaktion").permissions.values_list("codename", flat=True))

    assert {"view_submission", "change_submission", "delete_submission", "change_submissionfile"} <= codenames


def test_the_queue_shows_what_waits_for_a_decision_and_all_on_request(editor_client):
    SubmissionFactory(title="Gemeinsames Standesamt", lead_municipality=kommune("heiden"))
    SubmissionFactory(title="Entwurf eines Bauhofs", state="draft")
    SubmissionFactory(title="Unbestätigter Radweg", state="unconfirmed")

    queue = editor_client.get(LIST).content.decode()
    everything = editor_client.get(LIST, {"stand": "alle"}).content.decode()

    assert "Gemeinsames Standesamt" in queue
    assert "Heiden" in queue
    assert "Entwurf eines Bauhofs" not in queue
    assert "Unbestätigter Radweg" not in queue
    assert "Entwurf eines Bauhofs" in everything
    assert "Unbestätigter Radweg" in everything


@pytest.mark.parametrize("count", [1, 3])
def test_the_queue_runs_a_constant_number_of_queries(editor_client, django_assert_num_queries, count):
    project = ProjectFactory()
    for n in range(count):
        SubmissionFactory(lead_municipality=kommune("heiden"), submitter_municipality=kommune("reken"))
        SubmissionFactory(kind="change", project=project, lead_municipality=kommune("heiden"), title=f"Änderung {n}")

    # Session, user, permissions; the count of the filtered and of all rows; the page (one join for Kommunen and
    # project); the kinds for the filter.
    with django_assert_num_queries(7):
        editor_client.get(LIST)


def test_a_new_submission_shows_its_values_and_similar_projects(editor_client):
    ProjectFactory(title="Gemeinsames Standesamt Westmünsterland", slug="standesamt-westmuensterland")
    submission = pending(title="Gemeinsames Standesamt Heiden")

    page = editor_client.get(url("change", submission)).content.decode()

    assert "Neues Projekt: die Angaben der Meldung" in page
    assert "Gemeinsames Standesamt Heiden" in page
    assert "Reken, Velen" in page
    assert "Schon im Portal, mit ähnlichem Titel:" in page
    assert "Gemeinsames Standesamt Westmünsterland" in page
    assert "Übernehmen …" in page
    assert "Das Trauzimmer im Rathaus Heiden" in page


def test_the_files_of_a_submission_are_served_to_editors_only(client, editor_client):
    submission = pending()
    document = submission.files.get(kind="document")
    file_url = reverse("admin:projects_submission_file", args=[submission.pk, document.pk])

    response = editor_client.get(file_url)
    client.logout()
    anonymous = client.get(file_url)

    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert 'attachment; filename="vereinbarung.pdf"' in response["Content-Disposition"]
    assert anonymous.status_code == 302
    assert "/admin/login/" in anonymous["Location"]


def test_approving_a_new_submission_publishes_the_project_with_participants_documents_and_pictures(
    editor_client, editor, settings, sending
):
    submission = pending(
        title="Gemeinsames Standesamt",
        other_participants="GPA NRW",
        submitter_email="kim@heiden.de",
        occasion="Die Standesämter waren klein.\n\nVertretungen im Urlaub fehlten.",
    )
    originals = [settings.PROTECTED_MEDIA_ROOT / f.file.name for f in submission.files.all()]

    confirm_page = editor_client.get(url("approve", submission)).content.decode()
    with sending():
        response = editor_client.post(url("approve", submission), {"publish": "on"}, follow=True)

    assert "Ein neues Projekt wird angelegt" in confirm_page
    project = Project.objects.get(title="Gemeinsames Standesamt")
    assert "Übernommen: „Gemeinsames Standesamt“." in response.content.decode()
    assert project.slug == "gemeinsames-standesamt"
    assert project.is_published
    assert timezone.localdate(project.last_confirmed_at) == timezone.localdate()
    assert project.confirmation_requested_at is None
    assert project.occasion == "<p>Die Standesämter waren klein.</p><p>Vertretungen im Urlaub fehlten.</p>"
    assert [(str(p), p.role) for p in project.participants.all()] == [
        ("Heiden", "lead"),
        ("Reken", "partner"),
        ("Velen", "partner"),
        ("GPA NRW", "partner"),
    ]
    assert list(project.topics.values_list("slug", flat=True)) == ["allgemeine-verwaltung"]
    version = project.history.latest()
    assert (version.history_user, version.history_change_reason) == (editor, f"Meldung Nr. {submission.pk} übernommen")
    document = Document.objects.get()
    assert (document.title, document.kind, document.is_published) == (
        "Öffentlich-rechtliche Vereinbarung Standesamt",
        "vereinbarung",
        True,
    )
    assert list(document.projects.all()) == [project]
    assert "seinen Sitz in Heiden" in document.text
    assert (settings.PROTECTED_MEDIA_ROOT / document.file.name).is_file()
    image = project.images.get()
    assert (image.alt_text, image.credit, image.width) == ("Das Trauzimmer im Rathaus Heiden", "© Gemeinde Heiden", 960)
    assert (settings.MEDIA_ROOT / image.image.name).is_file()
    assert image.small and image.large
    assert not any(path.exists() for path in originals)
    submission.refresh_from_db()
    assert (submission.state, submission.project, submission.decided_by) == ("approved", project, editor)
    assert set(SubmissionFile.objects.values_list("file", flat=True)) == {""}
    assert [p.title for p in Project.objects.published().search("Standesamt")] == ["Gemeinsames Standesamt"]
    message = last_mail_to("kim@heiden.de")
    assert message.subject == "Ihr Projekt ist online: Gemeinsames Standesamt"
    assert "http://127.0.0.1:8000/projekte/gemeinsames-standesamt/" in message.body


def test_the_approved_project_is_on_the_pages_of_its_kommunen(client, editor):
    submission = pending(title="Gemeinsames Standesamt")

    services.approve_submission(submission=submission, by=editor)

    page = client.get("/kommunen/reken/").content.decode()
    assert 'href="/projekte/gemeinsames-standesamt/"' in page
    assert 'href="/projekte/gemeinsames-standesamt/"' in client.get("/kommunen/heiden/").content.decode()


def test_a_new_project_may_be_approved_as_a_draft_and_its_address_is_free(editor):
    ProjectFactory(title="Melden", slug="melden-2")
    ProjectFactory(title="Bauhof", slug="bauhof")
    first = services.approve_submission(submission=pending(title="Melden"), by=editor, publish=False)
    second = services.approve_submission(submission=pending(title="Bauhof"), by=editor)

    assert (first.slug, first.is_published, first.published_at) == ("melden-3", False, None)
    assert second.slug == "bauhof-2"


def test_a_project_approved_as_a_draft_keeps_its_documents_off_the_site(client, editor):
    submission = pending(title="Gemeinsames Standesamt")

    project = services.approve_submission(submission=submission, by=editor, publish=False)

    document = Document.objects.get()
    assert (project.is_published, document.is_published) == (False, False)
    assert client.get(document.get_absolute_url()).status_code == 404
    assert "Standesamt" not in client.get("/dokumente/").content.decode()


def test_approving_twice_says_why_instead_of_failing(editor_client, editor):
    submission = pending()
    services.approve_submission(submission=submission, by=editor)

    response = editor_client.post(url("approve", submission), {"publish": "on"}, follow=True)

    assert "Diese Meldung ist nicht zur Prüfung, sondern „Übernommen“." in response.content.decode()
    assert Project.objects.count() == 1


def stored_files(root) -> list[str]:
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()) if root.exists() else []


def test_a_broken_picture_stops_the_approval_and_nothing_is_left_in_public(editor_client, settings):
    submission = pending(title="Gemeinsames Standesamt")
    # Accepted before pictures were decoded on upload.
    broken = SubmissionFile(
        submission=submission, kind="image", file_name="kaputt.jpg", content_type="image/jpeg", alt_text="Das Rathaus"
    )
    broken.size = len(truncated_jpeg())
    broken.file.save("kaputt.jpg", SimpleUploadedFile("kaputt.jpg", truncated_jpeg()))
    protected_before = stored_files(settings.PROTECTED_MEDIA_ROOT)

    response = editor_client.post(url("approve", submission), {"publish": "on"}, follow=True)

    assert "Das Bild „Das Rathaus“ lässt sich nicht lesen, die Datei ist beschädigt." in response.content.decode()
    assert (Project.objects.count(), Document.objects.count()) == (0, 0)
    assert Submission.objects.get().state == "pending"
    assert stored_files(settings.MEDIA_ROOT) == []
    assert stored_files(settings.PROTECTED_MEDIA_ROOT) == protected_before


def test_files_written_before_an_approval_fails_are_deleted(editor, settings, monkeypatch):
    submission = pending(title="Gemeinsames Standesamt")
    protected_before = stored_files(settings.PROTECTED_MEDIA_ROOT)

    def failing_refresh(**kwargs):
        raise RuntimeError("search index unavailable")

    monkeypatch.setattr(services, "refresh_project", failing_refresh)

    with pytest.raises(RuntimeError):
        services.approve_submission(submission=submission, by=editor)
    assert Project.objects.count() == 0
    assert stored_files(settings.MEDIA_ROOT) == []
    assert stored_files(settings.PROTECTED_MEDIA_ROOT) == protected_before


def test_an_approval_needs_the_steckbrief(editor):
    submission = pending(teaser="")

    with pytest.raises(services.SubmissionError, match="Kurzbeschreibung"):
        services.approve_submission(submission=submission, by=editor)
    assert Project.objects.count() == 0


def test_save_and_approve_goes_to_the_confirmation(editor_client):
    submission = SubmissionFactory(lead_municipality=kommune("heiden"), topics=["personal"])
    page = editor_client.get(url("change", submission))
    data = {
        field.html_name: field.value() or ""
        for field in page.context["adminform"].form
        if field.name not in ("topics", "municipalities")
    }
    data.update(
        {
            "title": "Korrigierter Titel",
            "topics": [t.pk for t in submission.topics.all()],
            "files-TOTAL_FORMS": 0,
            "files-INITIAL_FORMS": 0,
            "_uebernehmen": "1",
        }
    )
    data["contact_consent"] = "on"

    response = editor_client.post(url("change", submission), data)

    assert response["Location"] == url("approve", submission)
    submission.refresh_from_db()
    assert submission.title == "Korrigierter Titel"


def test_rejecting_needs_a_reason_mails_it_and_deletes_the_files(editor_client, settings, sending):
    submission = pending(submitter_email="kim@heiden.de", title="Doppeltes Projekt")
    paths = [settings.PROTECTED_MEDIA_ROOT / f.file.name for f in submission.files.all()]

    empty = editor_client.post(url("reject", submission), {"reason": ""})
    with sending():
        editor_client.post(url("reject", submission), {"reason": "Das Projekt steht schon im Portal."})

    assert "Bitte begründen Sie die Ablehnung." in empty.content.decode()
    submission.refresh_from_db()
    assert (submission.state, submission.reason) == ("rejected", "Das Projekt steht schon im Portal.")
    message = last_mail_to("kim@heiden.de")
    assert message.subject == "Ihre Meldung „Doppeltes Projekt“"
    assert "Das Projekt steht schon im Portal." in message.body
    assert not any(path.exists() for path in paths)
    assert Project.objects.count() == 0


def test_asking_for_changes_sends_the_form_back_and_a_new_sending_is_in_the_queue_at_once(
    client, editor_client, no_min_fill_time, sending
):
    submission = pending(submitter_email="kim@heiden.de", title="Standesamt")

    with sending():
        editor_client.post(url("request_changes", submission), {"message": "Bitte ergänzen Sie die Umsetzung."})

    submission.refresh_from_db()
    assert (submission.state, submission.editor_message) == ("changes_requested", "Bitte ergänzen Sie die Umsetzung.")
    message = last_mail_to("kim@heiden.de")
    assert message.subject == "Bitte ergänzen Sie Ihre Meldung: Standesamt"
    assert "Bleibt die Meldung 30 Tage lang unbearbeitet, löschen wir sie." in message.body
    form_url = link(message, "/projekte/melden/")
    assert form_url.endswith("/schritt-6/")
    client.logout()
    review = client.get(form_url).content.decode()
    assert "Die Redaktion bittet um Änderungen" in review
    assert "Bitte ergänzen Sie die Umsetzung." in review

    rendered_at = client.get(form_url).context["form"]["rendered_at"].initial
    mail.outbox.clear()
    with sending():
        client.post(form_url, {"consent": "on", "rendered_at": rendered_at})

    submission.refresh_from_db()
    assert submission.state == "pending"
    assert sorted(m.subject for m in mail.outbox) == [
        "Eingangsbestätigung: Standesamt",
        "Neues Projekt gemeldet: Standesamt",
    ]


def test_deleting_a_submission_deletes_its_files(editor_client, settings, sending):
    submission = pending()
    paths = [settings.PROTECTED_MEDIA_ROOT / f.file.name for f in submission.files.all()]

    with sending():
        editor_client.post(reverse("admin:projects_submission_delete", args=[submission.pk]), {"post": "yes"})

    assert Submission.objects.count() == 0
    assert not any(path.exists() for path in paths)


def test_a_decided_submission_is_read_only(editor_client, editor):
    submission = pending()
    services.approve_submission(submission=submission, by=editor)

    page = editor_client.get(url("change", submission)).content.decode()

    assert 'name="title"' not in page
    assert "Übernehmen …" not in page
    assert "Entschieden: Übernommen." in page


def test_a_stale_day_counts_from_the_last_edit():
    submission = SubmissionFactory(state="draft")
    Submission.objects.filter(pk=submission.pk).update(updated_at=timezone.now() - datetime.timedelta(days=29))

    assert services.delete_stale_submissions(dry_run=True).submissions == 0


# --- How long submissions are kept ---------------------------------------------------------------------------


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def test_decided_submissions_are_deleted_after_the_retention_period(editor, settings, sending):
    settings.SUBMISSION_RETENTION_DAYS = 180
    approved_long_ago, approved_lately = pending(title="Standesamt alt"), pending(title="Standesamt neu")
    for submission in (approved_long_ago, approved_lately):
        with sending():
            services.approve_submission(submission=submission, by=editor)
    rejected = pending(title="Abgelehnt")
    services.reject_submission(submission=rejected, by=editor, reason="Kein interkommunales Projekt.")
    Submission.objects.filter(pk__in=[approved_long_ago.pk, rejected.pk]).update(decided_at=days_ago(181))
    Submission.objects.filter(pk=approved_lately.pk).update(decided_at=days_ago(179))
    waiting = pending(title="Wartet")
    Submission.objects.filter(pk=waiting.pk).update(submitted_at=days_ago(400))
    out = io.StringIO()

    call_command("delete_stale_submissions", "--dry-run", stdout=out)
    assert Submission.objects.count() == 4
    call_command("delete_stale_submissions", verbosity=0)

    assert "Projektmeldungen: 2 würden gelöscht" in out.getvalue()
    assert sorted(Submission.objects.values_list("title", flat=True)) == ["Standesamt neu", "Wartet"]
    # What was approved lives on in the project.
    assert Project.objects.filter(title="Standesamt alt").exists()


def test_a_submission_sent_back_for_changes_goes_after_30_days_without_reaction(editor):
    forgotten, answered = pending(title="Vergessen"), pending(title="In Arbeit")
    for submission in (forgotten, answered):
        services.request_submission_changes(submission=submission, by=editor, message="Bitte ein Bild.")
    Submission.objects.filter(pk=forgotten.pk).update(updated_at=days_ago(31))
    Submission.objects.filter(pk=answered.pk).update(updated_at=days_ago(29))

    result = services.delete_stale_submissions()

    assert result.submissions == 1
    assert list(Submission.objects.values_list("title", flat=True)) == ["In Arbeit"]


def test_old_mails_about_submissions_are_deleted_and_others_kept(settings):
    settings.SUBMISSION_RETENTION_DAYS = 180
    for template, days in [
        ("projects/mail/submission_received", 181),
        ("projects/mail/change_link", 181),
        ("projects/mail/submission_received", 10),
        ("projects/mail/partner_confirm", 181),
        ("events/mail/confirm", 181),
    ]:
        mail_row = OutgoingMail.objects.create(
            template=template, to=["kim@heiden.de"], subject=template, body_text="…", status="sent"
        )
        OutgoingMail.objects.filter(pk=mail_row.pk).update(created_at=days_ago(days))

    result = services.delete_stale_submissions()

    assert result.mails == 2
    assert sorted(OutgoingMail.objects.values_list("template", flat=True)) == [
        "events/mail/confirm",
        "projects/mail/partner_confirm",
        "projects/mail/submission_received",
    ]


def test_deleting_a_project_deletes_the_files_of_its_submissions(settings, sending):
    project = ProjectFactory(title="Bauhof")
    change = with_files(SubmissionFactory(kind="change", project=project, state="draft"))
    paths = [settings.PROTECTED_MEDIA_ROOT / f.file.name for f in change.files.all()]
    assert all(path.is_file() for path in paths)

    with sending():
        project.delete()

    assert not SubmissionFile.objects.exists()
    assert not any(path.exists() for path in paths)


def test_a_file_deleted_in_the_admin_leaves_no_stored_file(settings, sending):
    submission = with_files(SubmissionFactory(state="draft"))
    submission_file = submission.files.first()
    path = settings.PROTECTED_MEDIA_ROOT / submission_file.file.name

    with sending():
        submission_file.delete()

    assert not path.exists()


def test_the_privacy_notice_says_how_long_submissions_are_kept(client):
    page = client.get("/datenschutz/").content.decode()

    reports = page[page.index("<h2>Projektmeldungen</h2>") :].split("<h2>")[1]
    for fact in [
        "um deren Änderung die Redaktion gebeten hat, die 30 Tage lang niemand bearbeitet hat",
        "Übernommene und abgelehnte Meldungen löschen wir 180 Tage nach der Entscheidung",
        "Die E-Mails, die wir zu Meldungen verschicken, löschen wir nach 180 Tagen.",
        "zeigt das Formular „Änderung melden“ ihre Kontaktdaten nur ihr selbst",
    ]:
        assert fact in reports, fact
    assert "bis die Redaktion sie löscht" not in reports
