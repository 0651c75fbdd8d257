"""Step 5 of the submission form: documents and pictures, checked by content, stored outside the public media."""

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.test import Client
from django.utils import timezone

from projects import services
from projects.models import SubmissionFile
from tests.factories import SubmissionFactory
from tests.projects.submissions import (
    PHP_AS_PDF,
    bomb_png,
    broken_png,
    jpeg_bytes,
    kommune,
    pdf_bytes,
    truncated_jpeg,
)

pytestmark = pytest.mark.django_db


def draft(**kwargs):
    kwargs.setdefault("lead_municipality", kommune("heiden"))
    kwargs.setdefault("municipalities", [kommune("reken")])
    kwargs.setdefault("topics", ["bauen-und-planen"])
    return SubmissionFactory(state="draft", **kwargs)


def files_url(submission):
    return services.draft_path(submission, 5)


def upload(client, submission, follow=False, **data):
    fields = {"document_title": "", "document_kind": "sonstiges", "image_alt_text": "", "image_credit": ""}
    return client.post(files_url(submission), {**fields, "aktion": "hochladen", **data}, follow=follow)


def test_a_pdf_and_a_picture_are_stored_outside_the_public_media_with_clean_names(client, settings):
    submission = draft()

    response = upload(
        client,
        submission,
        document=SimpleUploadedFile("Vereinbarung Bauhof (final).PDF", pdf_bytes(), "application/pdf"),
        document_title="Öffentlich-rechtliche Vereinbarung Bauhof",
        document_kind="vereinbarung",
        image=SimpleUploadedFile("IMG_0042.jpeg", jpeg_bytes(), "image/jpeg"),
        image_alt_text="Die Bürgermeister unterzeichnen die Vereinbarung",
        image_credit="© Gemeinde Heiden",
    )

    assert response["Location"] == files_url(submission)
    document, image = SubmissionFile.objects.order_by("kind")
    assert (document.kind, document.file_name, document.content_type) == (
        "document",
        "vereinbarung-bauhof-final.pdf",
        "application/pdf",
    )
    assert (document.title, document.document_kind) == ("Öffentlich-rechtliche Vereinbarung Bauhof", "vereinbarung")
    assert (image.kind, image.file_name, image.content_type) == ("image", "img_0042.jpg", "image/jpeg")
    assert image.alt_text == "Die Bürgermeister unterzeichnen die Vereinbarung"
    for stored in (document, image):
        path = settings.PROTECTED_MEDIA_ROOT / stored.file.name
        assert path.is_file()
        assert stored.file.name.startswith(f"meldungen/{submission.pk}/")
        assert stored.size == path.stat().st_size
    assert not (settings.MEDIA_ROOT / "meldungen").exists()
    page = client.get(files_url(submission)).content.decode()
    assert "„Öffentlich-rechtliche Vereinbarung Bauhof“ ist hochgeladen." in page
    assert "Die Bürgermeister unterzeichnen die Vereinbarung" in page
    assert "Öffentlich-rechtliche Vereinbarung, PDF" in page


def test_a_php_file_named_pdf_is_refused_by_its_content(client, settings):
    submission = draft()

    response = upload(
        client,
        submission,
        document=SimpleUploadedFile("vertrag.pdf", PHP_AS_PDF, "application/pdf"),
        document_title="Vertrag",
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Diese Datei ist kein Dokument, das wir annehmen können." in page
    assert "Maßgeblich ist der Inhalt der Datei, nicht ihre Endung." in page
    assert 'value="Vertrag"' in page
    assert SubmissionFile.objects.count() == 0
    assert not (settings.PROTECTED_MEDIA_ROOT / "meldungen").exists()


def test_a_decompression_bomb_is_refused_before_it_is_unpacked(client):
    submission = draft()

    response = upload(
        client,
        submission,
        image=SimpleUploadedFile("karte.png", bomb_png(), "image/png"),
        image_alt_text="Karte",
    )

    assert "Das Bild hat viel zu viele Pixel; erlaubt sind höchstens 40 Megapixel." in response.content.decode()
    assert SubmissionFile.objects.count() == 0


@pytest.mark.parametrize(("name", "content"), [("foto.jpg", truncated_jpeg()), ("karte.png", broken_png())])
def test_a_picture_that_cannot_be_decoded_is_refused(client, settings, name, content):
    submission = draft()

    response = upload(client, submission, image=SimpleUploadedFile(name, content), image_alt_text="Rathaus")

    assert "Diese Datei ist kein Bild, das wir annehmen können." in response.content.decode()
    assert SubmissionFile.objects.count() == 0
    assert not (settings.PROTECTED_MEDIA_ROOT / "meldungen").exists()


def test_a_picture_over_40_megapixels_says_how_large_it_is(client):
    submission = draft()

    response = upload(
        client,
        submission,
        image=SimpleUploadedFile("karte.png", bomb_png(8000, 6000), "image/png"),
        image_alt_text="Karte",
    )

    assert "Das Bild hat 8000 × 6000 Pixel; erlaubt sind höchstens 40 Megapixel." in response.content.decode()


def test_a_file_over_the_limit_is_refused_while_the_request_is_read_and_the_text_is_kept(client, settings):
    settings.DOCUMENT_MAX_BYTES = 200_000
    submission = draft()
    big = pdf_bytes() + b"%" + b"0" * 300_000

    response = upload(
        client,
        submission,
        document=SimpleUploadedFile("Haushaltsplan.pdf", big, "application/pdf"),
        document_title="Haushaltsplan",
    )

    page = response.content.decode()
    assert f"Die Datei „Haushaltsplan.pdf“ ist zu groß ({filesizeformat(len(big))})." in page
    assert "Erlaubt sind höchstens 195,3\xa0KB." in page
    assert 'value="Haushaltsplan"' in page
    assert SubmissionFile.objects.count() == 0
    assert not (settings.PROTECTED_MEDIA_ROOT / "meldungen").exists()


@pytest.mark.parametrize("extra", ["image", "anderes_feld"])
def test_a_second_file_in_a_crafted_request_is_dropped_and_the_first_kept(client, extra):
    submission = draft()
    first = SimpleUploadedFile("rathaus.jpg", jpeg_bytes(), "image/jpeg")
    second = SimpleUploadedFile("zweites.jpg", jpeg_bytes((300, 200)), "image/jpeg")
    files = {"image": [first, second]} if extra == "image" else {"image": first, extra: second}

    response = upload(client, submission, **files, image_alt_text="Das Rathaus", follow=True)

    assert "„Das Rathaus“ ist hochgeladen." in response.content.decode()
    stored = SubmissionFile.objects.get()
    assert (stored.file_name, stored.size) == ("rathaus.jpg", len(jpeg_bytes()))


def test_a_refused_file_is_named_with_its_own_size_not_that_of_the_request(client, settings):
    settings.IMAGE_MAX_BYTES = 200_000
    submission = draft()
    picture = jpeg_bytes() + b"\0" * 300_000
    document = pdf_bytes() + b"%" + b"0" * 2_000_000

    response = upload(
        client,
        submission,
        document=SimpleUploadedFile("satzung.pdf", document, "application/pdf"),
        document_title="Satzung",
        image=SimpleUploadedFile("foto.jpg", picture, "image/jpeg"),
        image_alt_text="Foto",
    )

    page = response.content.decode()
    assert f"Die Datei „foto.jpg“ ist zu groß ({filesizeformat(len(picture))})." in page
    assert SubmissionFile.objects.count() == 0


def test_a_picture_needs_its_alternative_text_and_the_file_is_asked_for_again(client):
    submission = draft()

    response = upload(
        client,
        submission,
        image=SimpleUploadedFile("foto.jpg", jpeg_bytes(), "image/jpeg"),
        document=SimpleUploadedFile("satzung.pdf", pdf_bytes(), "application/pdf"),
        document_title="Satzung",
    )

    page = response.content.decode()
    assert "Bitte beschreiben Sie, was auf dem Bild zu sehen ist." in page
    # Next to each file field and in the summary above the form.
    assert page.count("Die Datei war in Ordnung; bitte wählen Sie sie noch einmal aus.") == 4
    assert SubmissionFile.objects.count() == 0


def test_no_more_files_than_the_limit(client, settings):
    settings.SUBMISSION_MAX_IMAGES = 1
    submission = draft()
    upload(client, submission, image=SimpleUploadedFile("a.jpg", jpeg_bytes(), "image/jpeg"), image_alt_text="A")

    response = upload(
        client, submission, image=SimpleUploadedFile("b.jpg", jpeg_bytes(), "image/jpeg"), image_alt_text="B"
    )

    assert "Sie haben schon 1 Bilder hochgeladen; mehr sind nicht möglich." in response.content.decode()
    assert SubmissionFile.objects.count() == 1


def test_the_files_of_a_submission_have_a_total_limit(client, settings):
    big_picture = jpeg_bytes((1600, 1200))
    settings.SUBMISSION_MAX_BYTES = len(big_picture) + len(pdf_bytes()) - 1
    submission = draft()
    upload(client, submission, image=SimpleUploadedFile("a.jpg", big_picture, "image/jpeg"), image_alt_text="A")

    response = upload(
        client,
        submission,
        document=SimpleUploadedFile("satzung.pdf", pdf_bytes(), "application/pdf"),
        document_title="Satzung",
    )

    page = response.content.decode()
    assert "Zusammen dürfen die Dateien einer Meldung höchstens" in page
    assert "passt nicht mehr dazu. Bitte entfernen Sie eine Datei oder verkleinern Sie diese." in page
    assert 'value="Satzung"' in page
    assert list(SubmissionFile.objects.values_list("file_name", flat=True)) == ["a.jpg"]
    assert "(bisher " in page


def test_the_total_limit_holds_in_the_service_too(settings):
    settings.SUBMISSION_MAX_BYTES = 1000
    submission = draft()

    with pytest.raises(services.SubmissionError, match="Zusammen dürfen die Dateien einer Meldung höchstens"):
        services.add_submission_file(
            submission=submission,
            upload=SimpleUploadedFile("satzung.pdf", pdf_bytes() + b"%" * 1000),
            kind="document",
            content_type="application/pdf",
            extension="pdf",
            limit=10,
            title="Satzung",
        )
    assert SubmissionFile.objects.count() == 0


def test_uploads_are_rate_limited_per_client(client, settings):
    settings.SUBMISSION_UPLOAD_RATE_LIMIT = (1, 3600)
    submission = draft()
    upload(client, submission, image=SimpleUploadedFile("a.jpg", jpeg_bytes(), "image/jpeg"), image_alt_text="A")

    response = upload(
        client, submission, image=SimpleUploadedFile("b.jpg", jpeg_bytes(), "image/jpeg"), image_alt_text="B"
    )

    assert response.status_code == 429
    assert "sehr viele Dateien" in response.content.decode()


def test_a_file_can_be_removed_and_is_deleted(client, settings, django_capture_on_commit_callbacks):
    submission = draft()
    upload(client, submission, image=SimpleUploadedFile("a.jpg", jpeg_bytes(), "image/jpeg"), image_alt_text="Rathaus")
    stored = SubmissionFile.objects.get()
    path = settings.PROTECTED_MEDIA_ROOT / stored.file.name

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(files_url(submission), {"aktion": f"entfernen-{stored.pk}"}, follow=True)

    assert "„Rathaus“ ist entfernt." in response.content.decode()
    assert SubmissionFile.objects.count() == 0
    assert not path.exists()


def test_another_drafts_file_cannot_be_removed(client):
    submission, other = draft(), draft()
    upload(client, other, image=SimpleUploadedFile("a.jpg", jpeg_bytes(), "image/jpeg"), image_alt_text="Rathaus")

    client.post(files_url(submission), {"aktion": f"entfernen-{SubmissionFile.objects.get().pk}"})

    assert SubmissionFile.objects.count() == 1


@pytest.fixture
def sent_in_another_tab(monkeypatch):
    """The draft as this tab's request found it, although another tab has sent it meanwhile."""

    def send(submission):
        found = type(submission).objects.get(pk=submission.pk)
        type(submission).objects.filter(pk=submission.pk).update(state="unconfirmed", submitted_at=timezone.now())
        monkeypatch.setattr(services, "submission_from_draft_token", lambda token: found)

    return send


def test_removing_a_file_of_a_submission_sent_in_another_tab_says_why(client, sent_in_another_tab):
    submission = draft()
    upload(client, submission, image=SimpleUploadedFile("a.jpg", jpeg_bytes(), "image/jpeg"), image_alt_text="Rathaus")
    stored = SubmissionFile.objects.get()
    sent_in_another_tab(submission)

    response = client.post(files_url(submission), {"aktion": f"entfernen-{stored.pk}"})

    assert response["Location"] == services.draft_path(submission)
    assert SubmissionFile.objects.count() == 1
    assert services.NOT_EDITABLE_MESSAGE in [str(m) for m in get_messages(response.wsgi_request)]


def test_uploading_to_a_submission_sent_in_another_tab_says_why(client, sent_in_another_tab):
    submission = draft()
    sent_in_another_tab(submission)

    response = upload(
        client, submission, image=SimpleUploadedFile("a.jpg", jpeg_bytes(), "image/jpeg"), image_alt_text="Rathaus"
    )

    assert response["Location"] == services.draft_path(submission)
    assert SubmissionFile.objects.count() == 0
    assert services.NOT_EDITABLE_MESSAGE in [str(m) for m in get_messages(response.wsgi_request)]


def test_weiter_uploads_a_chosen_file_and_goes_to_the_review(client):
    submission = draft(step=5)

    response = client.post(
        files_url(submission),
        {
            "document": SimpleUploadedFile("satzung.pdf", pdf_bytes(), "application/pdf"),
            "document_title": "Satzung",
            "aktion": "weiter",
        },
    )

    assert response["Location"] == services.draft_path(submission, 6)
    assert SubmissionFile.objects.get().title == "Satzung"


def test_uploading_needs_the_csrf_token(settings):
    submission = draft()
    client = Client(enforce_csrf_checks=True)

    response = client.post(
        files_url(submission),
        {
            "image": SimpleUploadedFile("a.jpg", jpeg_bytes(), "image/jpeg"),
            "image_alt_text": "A",
            "aktion": "hochladen",
        },
    )

    assert response.status_code == 403
    assert SubmissionFile.objects.count() == 0


@pytest.mark.parametrize("count", [1, 3])
def test_the_files_step_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    submission = draft()
    for n in range(count):
        upload(
            client, submission, image=SimpleUploadedFile(f"{n}.jpg", jpeg_bytes(), "image/jpeg"), image_alt_text=f"{n}"
        )

    # The draft (with its Kommunen and project), its files.
    with django_assert_num_queries(2):
        client.get(files_url(submission))


@pytest.mark.parametrize("count", [1, 3])
def test_the_review_runs_a_constant_number_of_queries(client, django_assert_num_queries, count):
    partners = [kommune(slug) for slug in ["reken", "velen", "gescher"][:count]]
    submission = draft(municipalities=partners, topics=["bauen-und-planen", "personal", "tourismus"][:count])
    for n in range(count):
        upload(
            client, submission, image=SimpleUploadedFile(f"{n}.jpg", jpeg_bytes(), "image/jpeg"), image_alt_text=f"{n}"
        )

    # The draft (with its lead Kommune); what is missing (Themenfelder, Kommunen); the Themenfelder, Kommunen and
    # files shown.
    with django_assert_num_queries(6):
        client.get(services.draft_path(submission, 6))
