"""A tiny PDF writer for demo documents and test uploads: A4, Helvetica, text only, no dependencies.

The text is written in WinAnsiEncoding (cp1252), so German umlauts, ß, „quotes“, § and € come out right
and text extraction (pypdf, the portal's search) reads them back.
"""

import textwrap

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
MARGIN = 64
TITLE_SIZE, TITLE_LEADING, TITLE_CHARS, TITLE_GAP = 15, 20, 60, 10
BODY_SIZE, BODY_LEADING, BODY_CHARS = 10, 14, 90
MAX_PAGES = 3
# Body lines that fit between the top margin and the footer.
LINES_PER_PAGE = (PAGE_HEIGHT - 2 * MARGIN - 20) // BODY_LEADING


def make_pdf(title: str, paragraphs: list[str]) -> bytes:
    """A PDF of one to three A4 pages: the title in bold, then the paragraphs, wrapped at about 90 characters."""
    title_lines = textwrap.wrap(title, TITLE_CHARS) or [""]
    body = []
    for paragraph in paragraphs:
        body.extend(textwrap.wrap(paragraph, BODY_CHARS, break_long_words=True) or [""])
        body.append("")
    first_page_lines = LINES_PER_PAGE - -(-(len(title_lines) * TITLE_LEADING + TITLE_GAP) // BODY_LEADING)
    pages = [body[:first_page_lines]]
    rest = body[first_page_lines:]
    while rest:
        pages.append(rest[:LINES_PER_PAGE])
        rest = rest[LINES_PER_PAGE:]
    while len(pages) > 1 and not any(pages[-1]):
        pages.pop()
    if len(pages) > MAX_PAGES:
        raise ValueError(f"The text needs {len(pages)} pages; make_pdf writes at most {MAX_PAGES}.")

    streams = [
        _page_stream(title_lines if number == 1 else [], lines, number, len(pages))
        for number, lines in enumerate(pages, start=1)
    ]
    # Objects: 1 catalog, 2 page tree, 3 regular font, 4 bold font, 5 info, then a page and its content each.
    page_ids = [6 + 2 * index for index in range(len(pages))]
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % pid for pid in page_ids) + b"] /Count %d >>" % len(pages),
        _font("Helvetica"),
        _font("Helvetica-Bold"),
        b"<< /Title " + _utf16(title) + b" /Producer (Interkommunales.NRW) >>",
    ]
    for page_id, stream in zip(page_ids, streams, strict=True):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] " % (PAGE_WIDTH, PAGE_HEIGHT)
            + b"/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>" % (page_id + 1)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    return _assemble(objects)


def _page_stream(title_lines: list[str], lines: list[str], number: int, count: int) -> bytes:
    parts = [b"BT", b"%d %d Td" % (MARGIN, PAGE_HEIGHT - MARGIN - TITLE_SIZE)]
    if title_lines:
        parts += [b"/F2 %d Tf" % TITLE_SIZE, b"%d TL" % TITLE_LEADING]
        parts += [_show(line) + b" Tj T*" for line in title_lines]
        parts.append(b"0 %d Td" % -TITLE_GAP)
    parts += [b"/F1 %d Tf" % BODY_SIZE, b"%d TL" % BODY_LEADING]
    parts += [_show(line) + b" Tj T*" if line else b"T*" for line in lines]
    parts += [
        b"ET",
        b"BT /F1 8 Tf %d %d Td " % (MARGIN, MARGIN - 24) + _show(f"Seite {number} von {count}") + b" Tj ET",
    ]
    return b"\n".join(parts)


def _show(text: str) -> bytes:
    """A PDF literal string in WinAnsiEncoding; characters outside cp1252 become "?"."""
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def _utf16(text: str) -> bytes:
    return b"<FEFF" + text.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _font(name: str) -> bytes:
    return b"<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding /WinAnsiEncoding >>" % name.encode("ascii")


def _assemble(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 5 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)
