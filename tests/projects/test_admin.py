import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from portal.models import Municipality
from projects.models import Project, ProjectImage
from tests.factories import ProjectFactory

pytestmark = pytest.mark.django_db

CHANGE_URL = "admin:projects_project_change"


def form_data(project, **changes):
    """The admin change form of a project as a browser would send it, with `changes` applied."""
    data = {
        "title": project.title,
        "slug": project.slug,
        "teaser": project.teaser,
        "form": project.form,
        "status": project.status,
        "topics": [t.pk for t in project.topics.all()],
        "tags": "",
        "occasion": project.occasion,
        "goal": project.goal,
        "implementation": project.implementation,
        "is_published": "on" if project.is_published else "",
    }
    participants = list(project.participants.all())
    prefixes = {"participants": participants, "Document_projects": [], "images": []}
    for prefix, rows in prefixes.items():
        data[f"{prefix}-TOTAL_FORMS"] = len(rows)
        data[f"{prefix}-INITIAL_FORMS"] = len(rows)
    for i, p in enumerate(participants):
        data.update(
            {
                f"participants-{i}-id": p.pk,
                f"participants-{i}-project": project.pk,
                f"participants-{i}-municipality": p.municipality_id or "",
                f"participants-{i}-organisation": p.organisation,
                f"participants-{i}-role": p.role,
                f"participants-{i}-position": p.position,
            }
        )
    data.update(changes)
    return {key: value for key, value in data.items() if value != ""}


def png(width=800, height=600) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), "#1d3f8c").save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def project():
    return ProjectFactory(
        title="Gemeinsamer Bauhof",
        slug="bauhof",
        participants__lead=Municipality.objects.get(slug="borken"),
        participants__partners=[Municipality.objects.get(slug="heiden")],
        participants__topics=["allgemeine-verwaltung"],
    )


def test_editor_change_updates_the_search(admin_client, project):
    response = admin_client.post(
        reverse(CHANGE_URL, args=[project.pk]), form_data(project, title="Gemeinsame Kläranlage")
    )

    assert response.status_code == 302
    assert list(Project.objects.search("Kläranlagen")) == [project]


def test_two_leads_are_refused_with_a_message(admin_client, project):
    data = form_data(project, **{"participants-1-role": "lead"})

    response = admin_client.post(reverse(CHANGE_URL, args=[project.pk]), data)

    assert response.status_code == 200
    assert "Bitte nur eine Kommune als hauptverantwortlich eintragen." in response.content.decode()


def test_participant_needs_a_kommune_or_an_organisation(admin_client, project):
    data = form_data(
        project,
        **{
            "participants-TOTAL_FORMS": 3,
            "participants-2-role": "partner",
            "participants-2-position": 3,
            "participants-2-note": "Beratung",
        },
    )

    response = admin_client.post(reverse(CHANGE_URL, args=[project.pk]), data)

    assert "Bitte wählen Sie entweder eine Kommune oder nennen Sie eine Organisation." in response.content.decode()


def test_publish_and_unpublish_actions(admin_client, project):
    draft = ProjectFactory(slug="entwurf", is_published=False, published_at=None)
    changelist = reverse("admin:projects_project_changelist")

    admin_client.post(changelist, {"action": "publish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_published and draft.published_at is not None

    admin_client.post(changelist, {"action": "unpublish", "_selected_action": [draft.pk, project.pk]})
    assert not Project.objects.published().exists()
    # Each change is a version: restoring the newest gives the state after the action.
    assert draft.history.first().is_published is False
    assert project.history.first().is_published is False


def test_unknown_bezirk_in_the_admin_filter_shows_all(admin_client, project):
    response = admin_client.get(reverse("admin:projects_project_changelist"), {"regierungsbezirk": "atlantis"})

    assert response.status_code == 200


def test_editor_restores_an_earlier_version(admin_client, project):
    admin_client.post(reverse(CHANGE_URL, args=[project.pk]), form_data(project, title="Versehentlich überschrieben"))
    first = project.history.order_by("history_date").first()

    revert_url = reverse("admin:projects_project_simple_history", args=[project.pk, first.history_id])
    response = admin_client.post(revert_url, form_data(project, title="Gemeinsamer Bauhof"))

    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Gemeinsamer Bauhof"
    titles = [version.title for version in project.history.order_by("history_date")]
    assert titles[-2:] == ["Versehentlich überschrieben", "Gemeinsamer Bauhof"]
    assert list(Project.objects.search("Bauhof")) == [project]


def test_restoring_a_version_restores_its_participants_and_stichworte(admin_client, project):
    project.tags.add("Winterdienst")
    before = project.history.latest()
    removed = {"title": "Bauhof ohne Heiden", "participants-1-DELETE": "on", "tags": ""}
    admin_client.post(reverse(CHANGE_URL, args=[project.pk]), form_data(project, **removed))
    assert [p.municipality.short_name for p in project.participants.all()] == ["Borken"]
    assert list(project.tags.names()) == []

    revert_url = reverse("admin:projects_project_simple_history", args=[project.pk, before.history_id])
    response = admin_client.post(revert_url, form_data(project, title="Gemeinsamer Bauhof"))

    assert response.status_code == 302
    participants = project.participants.order_by("position")
    assert [(p.municipality.short_name, p.role) for p in participants] == [("Borken", "lead"), ("Heiden", "partner")]
    assert list(Project.objects.published().involving(Municipality.objects.get(slug="heiden"))) == [project]
    assert list(project.tags.names()) == ["Winterdienst"]
    assert list(Project.objects.search("Winterdienst")) == [project]


def test_image_upload_gets_renditions(admin_client, project):
    data = form_data(
        project,
        **{
            "images-TOTAL_FORMS": 1,
            "images-0-image": SimpleUploadedFile("foto.png", png(), "image/png"),
            "images-0-alt_text": "Fahrzeughalle des Bauhofs",
            "images-0-position": 0,
        },
    )

    response = admin_client.post(reverse(CHANGE_URL, args=[project.pk]), data)

    assert response.status_code == 302
    image = ProjectImage.objects.get()
    assert (image.width, image.height) == (800, 600)
    assert image.small.name.endswith("-480.webp")
    with Image.open(image.small) as small:
        assert small.size == (480, 360)


def test_image_without_alt_text_or_not_an_image_is_refused(admin_client, project):
    data = form_data(
        project,
        **{
            "images-TOTAL_FORMS": 1,
            "images-0-image": SimpleUploadedFile("foto.png", b"<?php echo 1; ?>", "image/png"),
            "images-0-position": 0,
        },
    )

    html = admin_client.post(reverse(CHANGE_URL, args=[project.pk]), data).content.decode()

    assert "Dieses Feld ist zwingend erforderlich." in html
    assert not ProjectImage.objects.exists()


def test_view_on_site_previews_a_draft(admin_client, project):
    Project.objects.filter(pk=project.pk).update(is_published=False)

    html = admin_client.get(reverse(CHANGE_URL, args=[project.pk])).content.decode()
    view_on_site = reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(Project).pk, project.pk])
    preview = admin_client.get(view_on_site, follow=True)

    assert f'href="{view_on_site}"' in html
    assert preview.redirect_chain[-1][0].endswith("/projekte/bauhof/")
    assert "Vorschau: Dieses Projekt ist ein Entwurf" in preview.content.decode()
