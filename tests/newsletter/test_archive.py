import datetime

import pytest
from django.contrib.auth.models import Group, User
from django.utils import timezone

from tests.factories import BlockFactory, EventDateFactory, IssueFactory, ProjectFactory

pytestmark = pytest.mark.django_db

ARCHIVE = "/newsletter/archiv/"


def test_archive_lists_the_issues_that_went_out_newest_first(client):
    old = IssueFactory(
        status="sent", label="Newsletter V / 2017", started_at=timezone.now() - datetime.timedelta(days=900)
    )
    new = IssueFactory(status="sent", label="Newsletter I / 2022")
    IssueFactory(status="draft", subject="Noch geheim")
    IssueFactory(status="scheduled", scheduled_at=timezone.now(), subject="Noch nicht versendet")

    response = client.get(ARCHIVE)

    assert list(response.context["page_obj"]) == [new, old]
    html = response.content.decode()
    assert "2 Ausgaben" in html
    assert new.get_absolute_url() in html
    assert "Noch geheim" not in html and "Noch nicht versendet" not in html


def test_archive_without_issues_says_so_and_points_to_the_sign_up(client):
    response = client.get(ARCHIVE)

    html = response.content.decode()
    assert "Es ist noch keine Ausgabe erschienen." in html
    assert 'href="/newsletter/"' in html


def test_archive_is_paginated(client):
    for n in range(21):
        IssueFactory(status="sent", started_at=timezone.now() - datetime.timedelta(days=n))

    second = client.get(ARCHIVE, {"seite": 2})

    assert len(second.context["page_obj"]) == 1
    assert "Seite 2 von 2" in second.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_archive_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    IssueFactory.create_batch(count, status="sent")

    # The count and the page.
    with django_assert_num_queries(2):
        response = client.get(ARCHIVE)

    assert len(response.context["page_obj"]) == count


def test_web_version_shows_the_issue_without_a_personal_unsubscribe_link(client):
    issue = IssueFactory(status="sent", subject="Landespreis: jetzt bewerben", closing="Ihre Redaktion")
    BlockFactory(issue=issue, heading="Aus den Kommunen", text="<p>Ein gemeinsamer Bauhof.</p>")
    project = ProjectFactory(title="Finanzzentrum Baumberge", teaser="Vier Gemeinden, eine Finanzbuchhaltung.")
    BlockFactory(issue=issue, kind="project", project=project)
    BlockFactory(issue=issue, kind="button", link_label="Alle Projekte", url="/projekte/")

    response = client.get(issue.get_absolute_url())

    html = response.content.decode()
    assert '<h1 class="kern-heading-x-large">Landespreis: jetzt bewerben</h1>' in html
    assert [b.kind for b in response.context["blocks"]] == ["text", "project", "button"]
    assert "Ein gemeinsamer Bauhof." in html and "Vier Gemeinden, eine Finanzbuchhaltung." in html
    assert f'href="{project.get_absolute_url()}"' in html
    assert "/newsletter/abmelden/" not in html
    assert "Ihre Redaktion" in html


def test_web_version_leaves_out_teasers_of_what_is_no_longer_public(client):
    issue = IssueFactory(status="sent")
    hidden = ProjectFactory(title="Zurückgezogenes Projekt", is_published=False)
    BlockFactory(issue=issue, kind="project", project=hidden)

    response = client.get(issue.get_absolute_url())

    assert response.context["blocks"] == []
    assert "Zurückgezogenes Projekt" not in response.content.decode()


def test_drafts_are_not_found_by_visitors_but_previewed_by_editors(client):
    issue = IssueFactory(status="draft", subject="Entwurf im Januar")
    editor = User.objects.create_user("redaktion", is_staff=True)
    editor.groups.add(Group.objects.get(name="Redaktion"))

    visitor = client.get(issue.get_absolute_url())
    client.force_login(editor)
    preview = client.get(issue.get_absolute_url())

    assert visitor.status_code == 404
    assert "Diese Ausgabe gibt es (noch) nicht" in visitor.content.decode()
    assert "Vorschau: Diese Ausgabe ist noch nicht versendet" in preview.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_web_version_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    issue = IssueFactory(status="sent")
    for n in range(count):
        BlockFactory(issue=issue, kind="project", project=ProjectFactory())
        BlockFactory(issue=issue, kind="event", event=EventDateFactory(event__slug=f"e-{n}").event)
        BlockFactory(issue=issue)

    # The issue; the blocks with their projects and events; the events' dates.
    with django_assert_num_queries(3):
        response = client.get(issue.get_absolute_url())

    assert len(response.context["blocks"]) == 3 * count
