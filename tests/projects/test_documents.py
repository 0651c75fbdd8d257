import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from portal.models import Municipality
from projects.demo_pdf import make_pdf
from projects.models import Document
from projects.services import restore_tags
from tests.factories import DocumentFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def admin_add(admin_client, upload, **fields):
    data = {
        "kind": "vereinbarung",
        "title": "Vereinbarung über die Atemschutzwerkstatt",
        "slug": "vereinbarung-atemschutzwerkstatt",
        "is_published": "on",
        "file": upload,
        **fields,
    }
    return admin_client.post(reverse("admin:projects_document_add"), data)


def docx(text: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", f"<w:document><w:body><w:p><w:t>{text}</w:t></w:p></w:body></w:document>")
    return buffer.getvalue()


def test_pdf_upload_is_stored_with_its_text_for_search(admin_client):
    pdf = make_pdf("Vereinbarung", ["Die Kommunen warten ihre Atemschutzgeräte gemeinsam in Borken."])

    response = admin_add(admin_client, SimpleUploadedFile("Vertrag Atemschutz (final).PDF", pdf, "text/plain"))

    assert response.status_code == 302
    document = Document.objects.get()
    assert document.file_name == "vertrag-atemschutz-final.pdf"
    assert document.content_type == "application/pdf"
    assert document.size == len(pdf)
    assert "Atemschutzgeräte" in document.text
    assert list(Document.objects.search("Atemschutzgerät")) == [document]


def test_docx_upload_is_recognised_by_content(admin_client):
    response = admin_add(
        admin_client, SimpleUploadedFile("muster.bin", docx("Mustervertrag Bauhof"), "application/zip")
    )

    assert response.status_code == 302
    document = Document.objects.get()
    assert document.file_name == "muster.docx"
    assert document.content_type.endswith("wordprocessingml.document")
    assert "Mustervertrag Bauhof" in document.text


def test_php_file_named_pdf_is_refused_with_a_message(admin_client):
    response = admin_add(
        admin_client, SimpleUploadedFile("vertrag.pdf", b"<?php system($_GET['c']); ?>", "application/pdf")
    )

    assert response.status_code == 200
    assert "Diese Datei ist kein Dokument, das wir annehmen können" in response.content.decode()
    assert not Document.objects.exists()


def test_too_large_file_is_refused(admin_client, settings):
    settings.DOCUMENT_MAX_BYTES = 1000
    pdf = make_pdf("Groß", ["Text " * 400])

    response = admin_add(admin_client, SimpleUploadedFile("gross.pdf", pdf, "application/pdf"))

    assert "erlaubt sind höchstens" in response.content.decode()
    assert not Document.objects.exists()


def test_damaged_pdf_is_accepted_without_text(admin_client):
    response = admin_add(
        admin_client, SimpleUploadedFile("kaputt.pdf", b"%PDF-1.7\n garbage without objects", "application/pdf")
    )

    assert response.status_code == 302
    assert Document.objects.get().text == ""


def test_court_decision_needs_court_file_number_and_date(admin_client):
    pdf = make_pdf("Urteil", ["Tenor"])

    response = admin_add(
        admin_client, SimpleUploadedFile("urteil.pdf", pdf, "application/pdf"), kind="gerichtsentscheidung"
    )

    assert response.status_code == 200
    assert response.content.decode().count("Bei einer Gerichtsentscheidung bitte angeben.") == 3


def test_download_serves_name_and_type_and_counts(client):
    document = DocumentFactory(slug="vereinbarung", title="Vereinbarung")

    response = client.get(document.get_download_url())

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="vereinbarung.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    document.refresh_from_db()
    assert document.download_count == 1


def test_unpublished_document_is_not_served(client):
    document = DocumentFactory(slug="intern", is_published=False)

    assert client.get(document.get_download_url()).status_code == 404
    assert client.get(document.get_absolute_url()).status_code == 404


def test_library_searches_inside_documents_and_filters(client):
    project = ProjectFactory(slug="p", participants__lead=Municipality.objects.get(slug="borken"))
    DocumentFactory(
        slug="a", title="Vereinbarung Bauhof", text="Die Atemschutzgeräte werden gewartet.", projects=[project]
    )
    DocumentFactory(slug="b", title="Satzung Zweckverband", kind="satzung", text="Wasserversorgung")

    found = client.get("/dokumente/", {"q": "Atemschutzgerät"})
    by_kind = client.get("/dokumente/", {"art": "satzung"})
    by_kommune = client.get("/dokumente/", {"kommune": "borken"})

    assert [d.slug for d in found.context["page_obj"]] == ["a"]
    assert "<mark>Atemschutzgeräte</mark>" in found.content.decode()
    assert [d.slug for d in by_kind.context["page_obj"]] == ["b"]
    assert [d.slug for d in by_kommune.context["page_obj"]] == ["a"]


@pytest.mark.parametrize("count", [1, 3])
def test_library_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    for n in range(count):
        DocumentFactory(slug=f"d-{n}")

    # Count of court decisions; count and page of the list, Themenfelder of the page; the choices of the
    # Themenfeld and Kommune filters.
    with django_assert_num_queries(6):
        client.get("/dokumente/")


def test_court_decisions_are_a_table_with_one_row_each(client):
    DocumentFactory(
        slug="c-480-06",
        kind="gerichtsentscheidung",
        title="Stadtreinigung Hamburg",
        court="Gerichtshof der Europäischen Union",
        file_number="C-480/06",
        tenor="Zusammenarbeit von Kommunen ohne Ausschreibung ist zulässig.",
    )
    DocumentFactory(slug="other", kind="vereinbarung")

    response = client.get("/dokumente/rechtsprechung/")

    html = response.content.decode()
    assert html.count('<tr class="kern-table__row">') == 2  # header and one decision
    assert "C-480/06" in html
    assert "Zusammenarbeit von Kommunen ohne Ausschreibung ist zulässig." in html


@pytest.mark.parametrize("count", [1, 3])
def test_court_decisions_run_a_constant_number_of_queries(client, django_assert_num_queries, count):
    for n in range(count):
        DocumentFactory(slug=f"c-{n}", kind="gerichtsentscheidung", court="EuGH", file_number=f"C-{n}/20")

    with django_assert_num_queries(3):
        client.get("/dokumente/rechtsprechung/")


def test_editor_opens_a_document_and_its_history_in_the_admin(admin_client):
    document = DocumentFactory(slug="vereinbarung", title="Vereinbarung")
    version = document.history.first()

    change = admin_client.get(reverse("admin:projects_document_change", args=[document.pk]))
    history = admin_client.get(
        reverse("admin:projects_document_simple_history", args=[document.pk, version.history_id])
    )

    assert change.status_code == history.status_code == 200
    assert f'href="{document.get_download_url()}"' in change.content.decode()


def test_library_kommune_filter_ignores_draft_projects(client):
    draft = ProjectFactory(
        slug="entwurf", is_published=False, participants__lead=Municipality.objects.get(slug="heiden")
    )
    DocumentFactory(slug="d", projects=[draft])

    response = client.get("/dokumente/", {"kommune": "heiden"})

    assert response.context["page_obj"].paginator.count == 0


def test_restore_tags_gives_a_document_its_schlagworte_of_that_moment():
    document = DocumentFactory(title="Mustervereinbarung")
    document.tags.add("Vergabe", "Bauhof")
    moment = timezone.now()
    document.tags.set(["Friedhof"])

    restore_tags(obj=document, as_of=moment)

    assert sorted(document.tags.names()) == ["Bauhof", "Vergabe"]
