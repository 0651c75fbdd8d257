"""Uploaded files are checked by their content, never by the name or the type the browser claims."""

import os
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.template.defaultfilters import filesizeformat
from django.utils.deconstruct import deconstructible
from django.utils.text import get_valid_filename, slugify
from PIL import Image, UnidentifiedImageError


@dataclass(frozen=True)
class FileType:
    label: str
    extension: str
    content_type: str


PDF = FileType("PDF", "pdf", "application/pdf")
DOCX = FileType("Word (DOCX)", "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
XLSX = FileType("Excel (XLSX)", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
PPTX = FileType(
    "PowerPoint (PPTX)", "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"
)
ODT = FileType("OpenDocument Text (ODT)", "odt", "application/vnd.oasis.opendocument.text")
ODS = FileType("OpenDocument Tabelle (ODS)", "ods", "application/vnd.oasis.opendocument.spreadsheet")
ODP = FileType("OpenDocument Präsentation (ODP)", "odp", "application/vnd.oasis.opendocument.presentation")
DOCUMENT_TYPES = [PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP]

# The file inside an Office Open XML package that tells which kind of document it is.
OOXML_MARKERS = {"word/document.xml": DOCX, "xl/workbook.xml": XLSX, "ppt/presentation.xml": PPTX}
ODF_MIMETYPES = {t.content_type: t for t in (ODT, ODS, ODP)}

IMAGE_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# Larger images are refused before they are decoded (a decompression bomb has few bytes and many pixels).
MAX_IMAGE_PIXELS = 40_000_000


def detect_document_type(file) -> FileType | None:
    """The document type by content: PDF signature, or the parts of a ZIP-based office file."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    if head.startswith(b"%PDF-"):
        return PDF
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(file) as package:
            names = set(package.namelist())
            if "mimetype" in names:
                return ODF_MIMETYPES.get(package.read("mimetype").decode("ascii", "replace").strip())
            return next((t for marker, t in OOXML_MARKERS.items() if marker in names), None)
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    finally:
        file.seek(0)


def validate_document(file, *, max_bytes: int) -> FileType:
    if file.size > max_bytes:
        raise ValidationError(
            f"Die Datei ist {filesizeformat(file.size)} groß; erlaubt sind höchstens {filesizeformat(max_bytes)}."
        )
    file_type = detect_document_type(file)
    if file_type is None:
        allowed = ", ".join(t.label for t in DOCUMENT_TYPES)
        raise ValidationError(
            f"Diese Datei ist kein Dokument, das wir annehmen können. Erlaubt sind: {allowed}. "
            "Maßgeblich ist der Inhalt der Datei, nicht ihre Endung."
        )
    return file_type


def validate_image(file, *, max_bytes: int) -> str:
    """Open, verify and decode the image with Pillow; returns its format (JPEG, PNG or WEBP)."""
    if file.size > max_bytes:
        raise ValidationError(
            f"Das Bild ist {filesizeformat(file.size)} groß; erlaubt sind höchstens {filesizeformat(max_bytes)}."
        )
    message = "Diese Datei ist kein Bild, das wir annehmen können. Erlaubt sind JPEG, PNG und WebP."
    try:
        file.seek(0)
        with Image.open(file) as image:
            if image.format not in IMAGE_FORMATS:
                raise ValidationError(message)
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    f"Das Bild hat {image.width} × {image.height} Pixel; erlaubt sind höchstens 40 Megapixel."
                )
            image_format = image.format
            image.verify()
        # verify() checks the structure, not the pixel data: a cut-off JPEG or a PNG with broken data passes it
        # and fails only when decoded. Decoding is safe now that the size in pixels is known to be allowed.
        file.seek(0)
        with Image.open(file) as image:
            image.load()
    except Image.DecompressionBombError:
        # Pillow refuses on opening what has more than twice its own limit of pixels.
        raise ValidationError(
            "Das Bild hat viel zu viele Pixel; erlaubt sind höchstens 40 Megapixel. Bitte verkleinern Sie es."
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(message) from None
    finally:
        file.seek(0)
    return image_format


def clean_file_name(name: str, extension: str) -> str:
    """A safe download name with the extension the content has: "Vertrag Bauhof.PDF.exe" → "vertrag-bauhof-pdf.pdf"."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    stem = slugify(stem.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss"))[:80]
    return get_valid_filename(f"{stem or 'dokument'}.{extension}")


@deconstructible
class ProtectedStorage(FileSystemStorage):
    """Files outside the public media (settings.PROTECTED_MEDIA_ROOT): only views hand them out."""

    @property
    def base_location(self):
        return settings.PROTECTED_MEDIA_ROOT

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None
