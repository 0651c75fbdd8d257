import datetime
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Max, Q
from django.test import override_settings
from pypdf import PdfReader

from portal.models import Municipality
from projects.demo import create_demo_projects
from projects.demo_pdf import make_pdf
from projects.models import Document, Participant, Project, ProjectImage, Topic

FIRE = "feuerwehr-und-katastrophenschutz"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content, loaded once for this module and rolled back after it (loading takes some seconds)."""
    files = tmp_path_factory.mktemp("demo")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=files / "media", PROTECTED_MEDIA_ROOT=files / "protected"),
        transaction.atomic(),
    ):
        yield create_demo_projects()
        transaction.set_rollback(True)


def snapshot():
    return {
        "projects": Project.objects.count(),
        "participants": Participant.objects.count(),
        "documents": Document.objects.count(),
        "images": ProjectImage.objects.count(),
        "project_history": Project.history.count(),
        "document_history": Document.history.count(),
        "projects_changed": Project.objects.aggregate(latest=Max("updated_at"))["latest"],
        "documents_changed": Document.objects.aggregate(latest=Max("updated_at"))["latest"],
    }


def test_demo_creates_published_projects_and_documents(db, demo):
    assert demo == Project.objects.count() + Document.objects.count()
    assert Project.objects.published().count() >= 150
    assert 80 <= Document.objects.count() <= 150
    assert Project.objects.filter(is_published=False).exists()
    assert Project.objects.filter(is_lighthouse=True).count() >= 5


def test_demo_covers_every_topic_with_five_published_projects(db, demo):
    counts = Topic.objects.annotate(published=Count("projects", filter=Q(projects__is_published=True)))

    assert {topic.name: topic.published >= 5 for topic in counts} == {topic.name: True for topic in counts}
    assert counts.count() == 16


def test_demo_involves_every_regierungsbezirk(db, demo):
    bezirke = Municipality.objects.regierungsbezirke()

    assert {b.slug: Project.objects.published().involving(b).exists() for b in bezirke} == {
        b.slug: True for b in bezirke
    }


def test_demo_projects_have_exactly_one_lead_kommune(db, demo):
    leads = Project.objects.annotate(leads=Count("participants", filter=Q(participants__role="lead")))

    assert set(leads.values_list("leads", flat=True)) == {1}
    assert not Participant.objects.filter(role="lead", municipality__isnull=True).exists()


def test_demo_partners_are_neighbours_in_one_bezirk(db, demo):
    spanning = [
        project.slug
        for project in Project.objects.prefetch_related("participants__municipality")
        if len({p.municipality.regierungsbezirk_id for p in project.participants.all() if p.municipality}) > 1
    ]

    # Only the Arbeitsgemeinschaft of historic towns spans the whole state.
    assert spanning == ["arbeitsgemeinschaft-historische-stadt-und-ortskerne-in-nrw"]


def test_demo_named_projects_are_there(db, demo):
    baumberge = Project.objects.get(slug="finanzzentrum-baumberge")
    viersen = Project.objects.get(slug="grenzueberschreitende-brandbekaempfung-kreis-viersen")

    assert baumberge.title == "Finanzzentrum Baumberge"
    assert [str(p) for p in baumberge.participants.all()] == [
        "Nottuln",
        "Havixbeck",
        "Billerbeck",
        "Rosendahl",
        "GPA NRW",
    ]
    assert "Gemeente Venlo" in [p.organisation for p in viersen.participants.all()]
    assert Project.objects.filter(slug="biooekonomie-netzwerk-krefeld", tags__name="Rohstoffverknappung").exists()
    assert "56 Städte" in Project.objects.get(slug="arbeitsgemeinschaft-historische-stadt-und-ortskerne-in-nrw").teaser


def test_demo_has_fire_projects_in_muenster_with_an_agreement(db, demo):
    muenster = Municipality.objects.get(slug="regierungsbezirk-muenster")

    fire = Project.objects.published().filter(topics__slug=FIRE).involving(muenster)

    assert fire.count() >= 3
    assert Document.objects.published().filter(kind=Document.Kind.AGREEMENT, projects__in=fire).exists()


def test_demo_is_found_by_search_in_texts_and_pdfs(db, demo):
    found = Document.objects.search("Atemschutzgeräte")

    assert Project.objects.search("Feuerwehren").exists()
    assert found.exists()
    # The word stands only in the PDF: the search reads the file's text.
    assert all("Atemschutzgeräte" not in f"{d.title} {d.description}" for d in found)


def test_demo_court_decisions_are_the_real_ones(db, demo):
    decisions = Document.objects.court_decisions().order_by("date")

    assert [(d.file_number, d.date) for d in decisions] == [
        ("C-480/06", datetime.date(2009, 6, 9)),
        ("C-159/11", datetime.date(2012, 12, 19)),
        ("C-51/15", datetime.date(2016, 12, 21)),
        ("C-796/18", datetime.date(2020, 5, 28)),
    ]
    assert {d.licence for d in decisions} == {"Amtliche Entscheidung; Wiedergabe mit Quellenangabe"}
    assert all(d.tenor and d.court == "Gerichtshof der Europäischen Union" for d in decisions)


def test_demo_documents_of_drafts_stay_hidden(db, demo):
    assert Document.objects.filter(projects__is_published=False).exists()
    assert not Document.objects.published().filter(projects__is_published=False).exists()


def test_demo_images_have_renditions_and_alt_texts(db, demo):
    images = ProjectImage.objects.all()

    assert images.exists()
    assert all(image.small and image.large and image.width == 1200 and image.alt_text for image in images)


def test_demo_second_run_creates_nothing_and_changes_nothing(db, demo):
    before = snapshot()

    created = create_demo_projects()

    assert created == 0
    assert snapshot() == before


def test_demo_keeps_an_editors_change(db, demo):
    Project.objects.filter(slug="finanzzentrum-baumberge").update(title="Finanzzentrum Baumberge (geändert)")
    Document.objects.filter(slug="eugh-c-51-15-remondis").delete()

    created = create_demo_projects()

    assert created == 1
    assert Project.objects.get(slug="finanzzentrum-baumberge").title == "Finanzzentrum Baumberge (geändert)"
    assert Document.objects.filter(slug="eugh-c-51-15-remondis").count() == 1


def test_load_demo_data_command_runs_the_project_loader(db, demo):
    out = StringIO()

    call_command("load_demo_data", stdout=out)

    assert "Projekte und Dokumente: 0 neu angelegt" in out.getvalue()


def test_make_pdf_round_trip_keeps_german_words():
    pdf = make_pdf(
        "Zweckvereinbarung (Entwurf)",
        ["§ 1 Die Feuerwehr prüft Atemschutzgeräte jeder Größe; Kostenerstattung 1.200 € \\ Jahr."],
    )

    reader = PdfReader(io.BytesIO(pdf))
    text = reader.pages[0].extract_text()

    assert pdf.startswith(b"%PDF-1.4") and pdf.rstrip().endswith(b"%%EOF")
    assert len(reader.pages) == 1
    assert [float(v) for v in reader.pages[0].mediabox] == [0, 0, 595, 842]
    for word in ["Zweckvereinbarung", "(Entwurf)", "Feuerwehr", "Atemschutzgeräte", "Größe", "§", "€", "\\"]:
        assert word in text


def test_make_pdf_wraps_long_text_onto_up_to_three_pages():
    paragraph = "Die Städte und Gemeinden arbeiten zusammen. " * 40

    two_pages = PdfReader(io.BytesIO(make_pdf("Bericht", [paragraph] * 3)))

    assert len(two_pages.pages) == 2
    assert max(len(line) for line in two_pages.pages[0].extract_text().splitlines()) <= 90
    with pytest.raises(ValueError):
        make_pdf("Zu lang", [paragraph] * 10)
