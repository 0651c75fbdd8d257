""" "Änderung melden": a single-use link by mail, the form filled in with the project, moderation of the change."""

import time

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.utils import timezone

from projects import services
from projects.models import Project, Submission
from tests.factories import ProjectFactory, SubmissionFactory
from tests.projects.submissions import kommune, last_mail_to, link

pytestmark = pytest.mark.django_db

FIRE = "feuerwehr-und-katastrophenschutz"


@pytest.fixture
def sending(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def project():
    return ProjectFactory(
        title="Gemeinsame Atemschutzwerkstatt",
        slug="atemschutzwerkstatt",
        participants__lead=kommune("borken"),
        participants__partners=[kommune("heiden"), kommune("reken"), "GPA NRW"],
        participants__topics=[FIRE],
        occasion="<p>Jede Wehr wartete allein.</p><ul><li>teuer</li><li>langsam</li></ul>",
        contact_name="Petra Beispiel",
        contact_email="petra.beispiel@borken.de",
        contact_consent=True,
    )


def ask_for_link(client, project, email):
    rendered_at = client.get(f"/projekte/{project.slug}/aenderung-melden/").context["form"]["rendered_at"].initial
    return client.post(
        f"/projekte/{project.slug}/aenderung-melden/", {"email": email, "rendered_at": rendered_at, "website": ""}
    )


def open_link(client, project, email, sending):
    with sending():
        ask_for_link(client, project, email)
    change_url = link(last_mail_to(email), "/projekte/melden/aenderung/")
    return change_url, client.post(change_url)


def test_every_published_project_links_to_report_a_change(client, project):
    page = client.get(project.get_absolute_url()).content.decode()

    assert '<a class="kern-link" href="/projekte/atemschutzwerkstatt/aenderung-melden/">Änderung melden</a>' in page


def test_a_link_is_mailed_to_whoever_asks(client, project, no_min_fill_time, sending):
    with sending():
        response = ask_for_link(client, project, "Petra.Beispiel@Borken.de")

    assert response["Location"] == "/projekte/atemschutzwerkstatt/aenderung-melden/gesendet/"
    assert "Bitte sehen Sie in Ihr Postfach" in client.get(response["Location"]).content.decode()
    message = last_mail_to("petra.beispiel@borken.de")
    assert message.subject == "Änderung melden: Gemeinsame Atemschutzwerkstatt"
    assert "Der Link gilt 3 Tage und öffnet das Formular einmal." in message.body
    submission = Submission.objects.get()
    assert (submission.kind, submission.state, submission.project) == ("change", "draft", project)
    assert submission.link_used_at is None


def test_no_link_for_a_draft_project(client, no_min_fill_time):
    ProjectFactory(slug="entwurf", is_published=False)

    assert client.get("/projekte/entwurf/aenderung-melden/").status_code == 404


def test_asking_for_links_is_rate_limited(client, project, no_min_fill_time, settings):
    settings.SUBMISSION_RATE_LIMIT = (1, 3600)
    ask_for_link(client, project, "a@beispiel.de")

    response = ask_for_link(client, project, "b@beispiel.de")

    assert response.status_code == 429
    assert Submission.objects.count() == 1


def test_the_link_opens_the_form_once_filled_in_with_the_project(client, project, no_min_fill_time, sending):
    with sending():
        ask_for_link(client, project, "petra.beispiel@borken.de")
    change_url = link(last_mail_to("petra.beispiel@borken.de"), "/projekte/melden/aenderung/")

    shown = client.get(change_url)
    assert "Formular öffnen" in shown.content.decode()
    assert Submission.objects.get().link_used_at is None  # opening the link alone (a mail scanner) uses nothing
    opened = client.post(change_url)
    again = Client().post(change_url)  # another browser
    again_here = client.get(change_url)

    submission = Submission.objects.get()
    assert opened["Location"] == services.draft_path(submission, 1)
    assert submission.link_used_at is not None
    assert submission.email_confirmed_at is not None
    assert (submission.title, submission.lead_municipality) == ("Gemeinsame Atemschutzwerkstatt", kommune("borken"))
    assert set(submission.municipalities.values_list("slug", flat=True)) == {"heiden", "reken"}
    assert submission.other_participants == "GPA NRW"
    assert list(submission.topics.values_list("slug", flat=True)) == [FIRE]
    assert submission.occasion == "Jede Wehr wartete allein.\n\n- teuer\n- langsam"
    # The project's contact asked: the sender's fields come from the contact.
    assert (submission.submitter_name, submission.submitter_email) == ("Petra Beispiel", "petra.beispiel@borken.de")
    assert submission.submitter_municipality == kommune("borken")
    assert submission.baseline == services.project_values(project)
    page = client.get(opened["Location"]).content.decode()
    assert "Änderung an „Gemeinsame Atemschutzwerkstatt“ melden · Schritt 1 von 6" in page
    assert again.status_code == 410
    assert "Dieser Link wurde schon benutzt." in again.content.decode()
    # The browser that used it goes back to the change.
    assert again_here["Location"] == services.draft_path(submission)
    assert client.get(again_here["Location"])["Location"] == services.draft_path(submission, 6)


def test_a_change_link_older_than_three_days_is_refused(client, project, monkeypatch):
    submission = services.request_change_link(project=project, email="petra@borken.de")
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() - 4 * 86400)
    old_url = services.change_link_url(submission)
    monkeypatch.setattr(time, "time", real_time)

    response = client.post(old_url)

    assert response.status_code == 404
    assert "Links zum Ändern eines Projekts gelten 3 Tage." in response.content.decode()


def test_a_change_goes_to_the_queue_without_another_confirmation(client, project, no_min_fill_time, sending):
    _, opened = open_link(client, project, "jan@heiden.de", sending)
    submission = Submission.objects.get()
    for step, data in [
        (
            1,
            {
                "submitter_name": "Jan Muster",
                "submitter_email": "jan@heiden.de",
                "submitter_municipality": kommune("heiden").pk,
                "submitter_function": "Wehrführer",
            },
        ),
        (
            2,
            {
                "title": "Atemschutzwerkstatt Westmünsterland",
                "teaser": project.teaser,
                "topics": [t.pk for t in project.topics.all()],
                "form": project.form,
                "status": project.status,
            },
        ),
    ]:
        client.post(services.draft_path(submission, step), {**data, "aktion": "weiter"})
    Submission.objects.filter(pk=submission.pk).update(step=6)  # steps 3 to 5 stay as filled in
    rendered_at = client.get(services.draft_path(submission, 6)).context["form"]["rendered_at"].initial
    review = client.get(services.draft_path(submission, 6)).content.decode()
    mail.outbox.clear()

    with sending():
        client.post(services.draft_path(submission, 6), {"consent": "on", "rendered_at": rendered_at})

    assert "Ihre Änderungen" in review
    assert "Atemschutzwerkstatt Westmünsterland" in review
    submission.refresh_from_db()
    assert submission.state == "pending"
    assert sorted(m.subject for m in mail.outbox) == [
        "Eingangsbestätigung: Änderung an Atemschutzwerkstatt Westmünsterland",
        "Änderung gemeldet: Atemschutzwerkstatt Westmünsterland",
    ]


def change(project, **values):
    """A change in the queue that began from the project as it is now, with `values` changed."""
    baseline = services.project_values(project)
    submission = SubmissionFactory(kind="change", project=project, baseline=baseline, submitter_email="jan@heiden.de")
    services._set_from_values(submission, baseline)
    many = {name: values.pop(name) for name in ("topics", "municipalities") if name in values}
    for name, value in values.items():
        setattr(submission, f"{name}_id" if name == "lead_municipality" else name, value)
    submission.save()
    submission.topics.set(many.get("topics", baseline["topics"]))
    submission.municipalities.set(many.get("municipalities", baseline["municipalities"]))
    return submission


def test_approving_a_change_applies_only_what_the_submitter_changed(project, sending):
    editor = User.objects.create_user("redaktion", is_staff=True)
    submission = change(
        project,
        title="Atemschutzwerkstatt Westmünsterland",
        municipalities=[kommune("heiden").pk, kommune("velen").pk],
        other_participants="",
        status="abgeschlossen",
    )
    # Meanwhile the editors improved the teaser; the submitter did not touch it.
    Project.objects.filter(pk=project.pk).update(teaser="Die Redaktion hat den Text verbessert.")

    with sending():
        services.approve_submission(submission=submission, by=editor)

    project.refresh_from_db()
    assert project.title == "Atemschutzwerkstatt Westmünsterland"
    assert project.status == "abgeschlossen"
    assert project.teaser == "Die Redaktion hat den Text verbessert."
    assert project.occasion == "<p>Jede Wehr wartete allein.</p><ul><li>teuer</li><li>langsam</li></ul>"
    assert project.slug == "atemschutzwerkstatt"
    assert [(str(p), p.role) for p in project.participants.all()] == [
        ("Borken", "lead"),
        ("Heiden", "partner"),
        ("Velen", "partner"),
    ]
    assert project.history.latest().history_user == editor
    assert last_mail_to("jan@heiden.de").subject == "Ihre Änderung ist übernommen: Atemschutzwerkstatt Westmünsterland"


def test_a_new_lead_takes_over_and_the_old_one_stays_when_still_named(project):
    editor = User.objects.create_user("redaktion", is_staff=True)
    submission = change(
        project,
        lead_municipality=kommune("heiden").pk,
        municipalities=[kommune("borken").pk, kommune("reken").pk],
    )

    services.approve_submission(submission=submission, by=editor)

    assert sorted((str(p), p.role) for p in project.participants.all()) == [
        ("Borken", "partner"),
        ("GPA NRW", "partner"),
        ("Heiden", "lead"),
        ("Reken", "partner"),
    ]


def test_the_comparison_marks_the_submitters_changes_and_what_changed_meanwhile(project):
    submission = change(project, title="Neuer Titel", teaser="Neuer Text")
    Project.objects.filter(pk=project.pk).update(teaser="Von der Redaktion geändert.")

    rows = {row.name: row for row in services.compare_submission(submission)}

    assert (rows["title"].current, rows["title"].proposed) == ("Gemeinsame Atemschutzwerkstatt", "Neuer Titel")
    assert rows["title"].proposed_change and not rows["title"].changed_meanwhile
    assert rows["teaser"].changed_meanwhile
    assert not rows["status"].proposed_change
    assert rows["municipalities"].current == "Heiden, Reken"
    assert rows["lead_municipality"].current == "Borken"


def test_the_admin_shows_the_change_beside_the_project(admin_client, project):
    submission = change(project, title="Neuer Titel")

    page = admin_client.get(f"/admin/projects/submission/{submission.pk}/change/").content.decode()

    assert "Vergleich mit dem veröffentlichten Projekt" in page
    assert '<tr class="submission-compare__changed">' in page
    assert "Neuer Titel" in page
    assert "Gemeinsame Atemschutzwerkstatt" in page
    assert "Absender ist die Ansprechperson des Projekts" in page


def test_text_and_paragraphs_convert_both_ways():
    html = "<h2>Ablauf</h2><p>Erst <strong>planen</strong>,<br>dann bauen &amp; prüfen.</p><ol><li>eins</li></ol>"

    text = services.html_to_text(html)

    assert text == "Ablauf\n\nErst planen,\ndann bauen & prüfen.\n\n- eins"
    assert services.text_to_html("Erst <planen>,\ndann bauen.\n\n\nZweiter Absatz") == (
        "<p>Erst &lt;planen&gt;,<br>dann bauen.</p><p>Zweiter Absatz</p>"
    )


@pytest.fixture
def hidden_contact(project):
    """The project's contact is not published (no consent)."""
    Project.objects.filter(pk=project.pk).update(contact_consent=False, contact_phone="02861 82-1234")
    project.refresh_from_db()
    return project


def test_an_unpublished_contact_is_not_shown_to_someone_else(client, hidden_contact, no_min_fill_time, sending):
    open_link(client, hidden_contact, "jan@heiden.de", sending)
    submission = Submission.objects.get()
    step_4 = client.get(services.draft_path(submission, 4)).content.decode()

    # Left empty, the step is complete: the contact stays as it is.
    moved_on = client.post(
        services.draft_path(submission, 4),
        {"occasion": "Jede Wehr wartete allein.", "goal": "Eine Werkstatt für drei Wehren.", "aktion": "weiter"},
    )
    client.post(
        services.draft_path(submission, 2), {**_project_step(hidden_contact), "title": "Neu", "aktion": "weiter"}
    )
    sender = {"submitter_name": "Jan Muster", "submitter_email": "jan@heiden.de", "submitter_function": "Wehrführer"}
    client.post(
        services.draft_path(submission, 1), {**sender, "submitter_organisation": "Feuerwehr", "aktion": "weiter"}
    )
    review = client.get(services.draft_path(submission, 6)).content.decode()

    for private in ("Petra Beispiel", "petra.beispiel@borken.de", "82-1234"):
        assert private not in step_4
        assert private not in review
    assert "Die Ansprechperson dieses Projekts ist nicht veröffentlicht" in step_4
    assert moved_on["Location"] == services.draft_path(submission, 5)
    submission.refresh_from_db()
    assert (submission.contact_name, submission.contact_email, submission.contact_phone) == ("", "", "")
    assert submission.baseline["contact_email"] == "petra.beispiel@borken.de"
    assert "Bevor Sie absenden können" not in review
    assert "wie bisher (nicht veröffentlicht)" in review
    assert "title" in services.changed_fields(submission)
    assert not set(services.CONTACT_FIELDS) & set(services.changed_fields(submission))


def _project_step(project):
    return {
        "title": project.title,
        "teaser": project.teaser,
        "topics": [t.pk for t in project.topics.all()],
        "form": project.form,
        "status": project.status,
    }


def test_the_contact_sees_the_own_unpublished_data(client, hidden_contact, no_min_fill_time, sending):
    open_link(client, hidden_contact, "petra.beispiel@borken.de", sending)
    submission = Submission.objects.get()

    step_4 = client.get(services.draft_path(submission, 4)).content.decode()

    assert 'value="petra.beispiel@borken.de"' in step_4
    assert 'value="02861 82-1234"' in step_4
    assert submission.hidden_fields == []


def test_approving_a_change_keeps_the_unpublished_contact_left_empty(client, hidden_contact, no_min_fill_time, sending):
    open_link(client, hidden_contact, "jan@heiden.de", sending)
    submission = Submission.objects.get()
    Submission.objects.filter(pk=submission.pk).update(
        title="Atemschutzwerkstatt Westmünsterland", state="pending", submitted_at=timezone.now()
    )
    submission.refresh_from_db()
    editor = User.objects.create_user("redaktion", is_staff=True)
    rows = {row.name: row for row in services.compare_submission(submission)}

    services.approve_submission(submission=submission, by=editor)

    hidden_contact.refresh_from_db()
    assert (hidden_contact.contact_name, hidden_contact.contact_email, hidden_contact.contact_phone) == (
        "Petra Beispiel",
        "petra.beispiel@borken.de",
        "02861 82-1234",
    )
    assert hidden_contact.title == "Atemschutzwerkstatt Westmünsterland"
    # The editors see the contact, unmarked: it is not part of the change.
    assert rows["contact_email"].current == "petra.beispiel@borken.de"
    assert not rows["contact_email"].proposed_change


def test_a_contact_typed_into_the_empty_fields_replaces_the_unpublished_one(
    client, hidden_contact, no_min_fill_time, sending
):
    open_link(client, hidden_contact, "jan@heiden.de", sending)
    submission = Submission.objects.get()
    Submission.objects.filter(pk=submission.pk).update(
        contact_name="Jan Muster", contact_email="jan@heiden.de", state="pending", submitted_at=timezone.now()
    )
    submission.refresh_from_db()

    services.approve_submission(submission=submission, by=User.objects.create_user("redaktion", is_staff=True))

    hidden_contact.refresh_from_db()
    assert (hidden_contact.contact_name, hidden_contact.contact_email, hidden_contact.contact_phone) == (
        "Jan Muster",
        "jan@heiden.de",
        "02861 82-1234",
    )


def test_lines_with_a_dash_become_a_list_again():
    html = "<p>Jede Wehr wartete allein.</p><ul><li>teuer</li><li>langsam</li></ul>"

    assert services.text_to_html(services.html_to_text(html)) == html
    assert services.text_to_html("Gründe:\n- teuer & <langsam>\n• allein\nDanach: besser.\n\nEnde") == (
        "<p>Gründe:</p><ul><li>teuer &amp; &lt;langsam&gt;</li><li>allein</li></ul><p>Danach: besser.</p><p>Ende</p>"
    )


def test_a_small_change_of_a_text_keeps_its_list(project):
    submission = change(project, occasion="Jede Wehr wartete lange allein.\n\n- teuer\n- langsam")

    services.approve_submission(submission=submission, by=User.objects.create_user("redaktion", is_staff=True))

    project.refresh_from_db()
    assert project.occasion == "<p>Jede Wehr wartete lange allein.</p><ul><li>teuer</li><li>langsam</li></ul>"


def test_the_approval_page_warns_when_a_text_loses_the_editors_formatting(admin_client, project):
    Project.objects.filter(pk=project.pk).update(
        goal='<h2>Ziele</h2><p>Siehe <a href="https://www.borken.de">Borken</a>.</p>'
    )
    project.refresh_from_db()
    submission = change(project, occasion="Anders.", goal="Ziele\n\nSiehe Borken, und mehr.")
    Submission.objects.filter(pk=submission.pk).update(state="pending", submitted_at=timezone.now())

    page = admin_client.get(f"/admin/projects/submission/{submission.pk}/uebernehmen/").content.decode()
    compared = admin_client.get(f"/admin/projects/submission/{submission.pk}/change/").content.decode()

    assert "Ziel: Der Text des Projekts hat Formatierungen" in page
    assert "Anlass: Der Text des Projekts hat Formatierungen" not in page  # paragraphs and a list only
    assert compared.count("Formatierung geht verloren") == 1
