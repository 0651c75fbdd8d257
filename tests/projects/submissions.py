"""Helpers of the submission tests (tests/projects/test_submissions*.py and the browser test)."""

import io
import re
import struct
import zlib

from django.core import mail
from PIL import Image

from portal.models import Municipality
from projects.demo_pdf import make_pdf


def kommune(slug: str) -> Municipality:
    return Municipality.objects.get(slug=slug)


def link(message, path: str) -> str:
    """The first link in a mail's text that contains `path`."""
    return re.search(rf"http://\S+{re.escape(path)}\S+/", message.body).group(0)


def last_mail_to(address: str):
    return [message for message in mail.outbox if address in message.to][-1]


def pdf_bytes(text: str = "§ 1 Die Gemeinden Heek und Schöppingen betreiben einen gemeinsamen Bauhof.") -> bytes:
    return make_pdf("Vereinbarung Bauhof", [text])


def jpeg_bytes(size=(960, 640)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1d3f8c").save(buffer, "JPEG")
    return buffer.getvalue()


PHP_AS_PDF = b"<?php system($_GET['cmd']); ?>\n%PDF-1.4 (not really)\n"


def bomb_png(width: int = 20_000, height: int = 20_000) -> bytes:
    """A PNG of a few kilobytes that unpacks to `width` × `height` pixels (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit per pixel, grey
    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    data = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def truncated_jpeg() -> bytes:
    """A JPEG cut off in the middle: Pillow's verify() passes it, decoding fails."""
    data = jpeg_bytes()
    return data[: len(data) // 2]


def broken_png() -> bytes:
    """A PNG whose chunks are in order (with correct checksums) but whose image data is garbage."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 96, 64, 8, 2, 0, 0, 0)  # 8 bits per channel, RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", bytes(range(256)) * 4) + chunk(b"IEND", b"")
