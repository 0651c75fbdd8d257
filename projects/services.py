"""Writes of the project database: publishing, uploaded files, and the stored search vectors."""

import datetime
import io
import logging
import re
import zipfile

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from PIL import Image, ImageOps
from pypdf import PdfReader
from taggit.models import TaggedItem

from portal.uploads import DOCX, ODT, PDF, FileType, clean_file_name
from projects.models import Document, Participant, Project, ProjectImage

logger = logging.getLogger(__name__)

# Widths of the renditions the site shows (the upload itself is kept for later needs).
RENDITION_WIDTHS = {"small": 480, "large": 1200}
# Enough for any agreement or council paper; a 2,000-page PDF is not read to the end.
MAX_TEXT_PAGES = 500
MAX_TEXT_CHARS = 2_000_000
# The XML of a DOCX or ODT is read only up to this size unpacked.
MAX_XML_BYTES = 20_000_000


def publish_projects(*, projects: QuerySet[Project]) -> int:
    """Publish the given projects, each saved as a new version; the first publication date is kept."""
    return _set_published(projects.filter(is_published=False), True)


def unpublish_projects(*, projects: QuerySet[Project]) -> int:
    return _set_published(projects.filter(is_published=True), False)


def _set_published(projects, published: bool) -> int:
    count = 0
    with transaction.atomic():
        for project in projects.select_for_update().defer("search_vector"):
            project.is_published = published
            if published and project.published_at is None:
                project.published_at = timezone.now()
            # Saved one by one, so that the history keeps the change as a version.
            project.save(update_fields=["is_published", "published_at", "updated_at"])
            count += 1
    return count


def refresh_project(*, project: Project) -> None:
    """After an edit (fields, participants, images, Stichworte): renditions, publication date, search vector, facets."""
    for image in project.images.filter(small=""):
        create_renditions(image=image)
    if project.is_published and project.published_at is None:
        Project.objects.filter(pk=project.pk).update(published_at=timezone.now())
    Project.objects.filter(pk=project.pk).update_search_vectors()
    Project.objects.filter(pk=project.pk).update_facet_fields()


def restore_participants(*, project: Project, as_of: datetime.datetime) -> None:
    """Give the project the participants it had at that moment: restoring a version restores its
    participant list too (the version form holds only the project's own fields; participants keep their
    own history). Each row is saved again, so the restore is itself a version of the participants."""
    then = list(Participant.history.as_of(as_of).filter(project_id=project.pk))
    with transaction.atomic():
        for participant in project.participants.all():
            participant.delete()
        for participant in then:
            participant.save(force_insert=True)


def restore_tags(*, obj: Project | Document, as_of: datetime.datetime) -> None:
    """Give a project or document the Stichworte it had at that moment (see restore_participants)."""
    content_type = ContentType.objects.get_for_model(obj)
    then = list(TaggedItem.history.as_of(as_of).filter(content_type_id=content_type.pk, object_id=obj.pk))
    with transaction.atomic():
        for item in TaggedItem.objects.filter(content_type=content_type, object_id=obj.pk):
            item.delete()
        for item in then:
            item.save(force_insert=True)


def create_renditions(*, image: ProjectImage) -> ProjectImage:
    """WebP renditions of an uploaded picture, turned upright as the camera meant it."""
    with image.image.open("rb") as file, Image.open(file) as original:
        picture = ImageOps.exif_transpose(original).convert("RGB")
    stem = image.image.name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    for field, width in RENDITION_WIDTHS.items():
        copy = picture.copy()
        copy.thumbnail((width, width * 4))
        buffer = io.BytesIO()
        copy.save(buffer, "WEBP", quality=80)
        getattr(image, field).save(f"{stem}-{width}.webp", ContentFile(buffer.getvalue()), save=False)
    image.save(update_fields=list(RENDITION_WIDTHS))
    return image


def attach_document_file(*, document: Document, upload, file_type: FileType) -> None:
    """Set the file of a document (not saved yet): download name, type, size and the text for search.

    A file whose text cannot be read is still accepted; it is then found by its title and description only.
    """
    document.file = upload
    document.file_name = clean_file_name(upload.name, file_type.extension)
    document.content_type = file_type.content_type
    document.size = upload.size
    document.text = extract_text(upload, file_type)


def extract_text(file, file_type: FileType) -> str:
    try:
        file.seek(0)
        if file_type == PDF:
            reader = PdfReader(file)
            parts = []
            for page in reader.pages[:MAX_TEXT_PAGES]:
                parts.append(page.extract_text() or "")
                if sum(map(len, parts)) > MAX_TEXT_CHARS:
                    break
            text = "\n".join(parts)
        elif file_type in (DOCX, ODT):
            part = "word/document.xml" if file_type == DOCX else "content.xml"
            with zipfile.ZipFile(file) as package:
                if package.getinfo(part).file_size > MAX_XML_BYTES:  # a zip bomb, or a book
                    raise ValueError(f"{part} is larger than {MAX_XML_BYTES} bytes unpacked")
                xml = package.read(part).decode("utf-8", "replace")
            text = re.sub(r"<[^>]+>", " ", re.sub(r"</(w:p|text:p|text:h)>", "\n", xml))
        else:
            text = ""
    except Exception:  # noqa: BLE001 - a damaged file must not block the upload
        logger.warning("Text of %s could not be read", getattr(file, "name", "a file"), exc_info=True)
        text = ""
    finally:
        file.seek(0)
    # PostgreSQL text cannot hold NUL characters.
    return text.replace("\x00", " ")[:MAX_TEXT_CHARS].strip()


def refresh_document(*, document: Document) -> None:
    """After an edit (fields, Themenfelder, Schlagworte): the stored search vector."""
    Document.objects.filter(pk=document.pk).update_search_vectors()


def count_download(*, document: Document) -> None:
    """One more download; nothing about the person is stored."""
    Document.objects.filter(pk=document.pk).update(download_count=F("download_count") + 1)
