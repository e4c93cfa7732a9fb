"""Files made to attack graphkit's readers (issue 11), built from nothing in a few milliseconds.

Each function returns the bytes of one hostile file. The bombs are written by streaming
zlib: a gigabyte of zeros deflates to about a megabyte, and a block of zeros compressed
after a full flush always comes out the same, so a bomb of any size costs one block of
compression and a loop of byte copies. ``tests/test_hostile.py`` ingests them beside a
good file; ``bench/hostile.py`` measures the memory an ingest of them takes.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator

__all__ = [
    "GOOD_TEXT",
    "pdf_file",
    "good_pdf",
    "many_pages_pdf",
    "info_cycle_pdf",
    "xobject_tower_pdf",
    "stream_bomb_pdf",
    "docx_file",
    "docx_image_bomb",
    "docx_xml_bomb",
    "deflated_zeros",
    "long_line_eml",
    "junk_attachments_eml",
    "empty_messages_mbox",
    "control_named_attachment_eml",
]

GOOD_TEXT = "Alice Smith met Bob Jones in Paris."
_BLOCK = 1 << 20


# -- deflate bombs ------------------------------------------------------------------------
def _zero_blocks(size: int, *, raw: bool) -> Iterator[bytes]:
    """Deflate data for ``size`` zero bytes (a whole number of MiB), as a zlib or a raw stream."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15 if raw else 15)
    block = bytes(_BLOCK)
    head = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeat = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    blocks = size // _BLOCK
    yield head
    for _ in range(blocks - 1):
        yield repeat
    yield compressor.flush()[:-4] if not raw else compressor.flush()
    if not raw:  # the Adler-32 of `blocks` MiB of zeros: a = 1, b = n mod 65521
        yield struct.pack(">I", ((size % 65521) << 16) | 1)


def deflated_zeros(size: int) -> bytes:
    """A zlib stream that inflates to ``size`` zero bytes (a multiple of 1 MiB).

    >>> len(zlib.decompress(deflated_zeros(4 << 20)))
    4194304
    """
    return b"".join(_zero_blocks(size, raw=False))


# -- PDF -----------------------------------------------------------------------------------------
def pdf_file(objects: dict[int, bytes], *, root: int = 1, info: int | None = None) -> bytes:
    """A PDF with these numbered objects and a correct cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, objects[number]))
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n")
    trailer = b"/Size %d /Root %d 0 R" % (size, root) + (b" /Info %d 0 R" % info if info else b"")
    out.write(b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref))
    return out.getvalue()


def _stream(content: bytes, extra: bytes = b"", *, deflated: bool = False) -> bytes:
    data = zlib.compress(content) if deflated else content
    flate = b" /Filter /FlateDecode" if deflated else b""
    return b"<< /Length %d%s %s >>\nstream\n%s\nendstream" % (len(data), flate, extra, data)


def _text_ops(text: str = GOOD_TEXT) -> bytes:
    return b"BT /F1 12 Tf 72 720 Td (%s) Tj ET" % text.encode("latin-1")


def _page_objects(contents: bytes, resources: bytes = b"") -> dict[int, bytes]:
    """Catalog 1, pages 2, page 3, font 4, content stream 5."""
    return {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 5 0 R"
        b" /Resources << /Font << /F1 4 0 R >> %s >> >>" % resources,
        4: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        5: contents,
    }


def good_pdf(text: str = GOOD_TEXT) -> bytes:
    return pdf_file(_page_objects(_stream(_text_ops(text))))


def many_pages_pdf(pages: int) -> bytes:
    """A harmless PDF of ``pages`` pages, one line of text each: slow to read for its size, and fine."""
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(pages)), pages),
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }
    for i in range(pages):
        objects[5 + 2 * i] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R"
            b" /Resources << /Font << /F1 3 0 R >> >> >>" % (6 + 2 * i)
        )
        objects[6 + 2 * i] = _stream(_text_ops(f"Page {i + 1}: {GOOD_TEXT}"))
    return pdf_file(objects)


def info_cycle_pdf() -> bytes:
    """A one-page PDF whose ``/Info`` is a reference to a reference to itself."""
    objects = _page_objects(_stream(_text_ops()))
    objects[6] = b"7 0 R"
    objects[7] = b"6 0 R"
    return pdf_file(objects, info=6)


def xobject_tower_pdf(levels: int = 30) -> bytes:
    """Form XObjects ``levels`` deep, each drawing the next twice: 2**levels draws of the text at the top."""
    first = 6
    objects = _page_objects(_stream(b"/X Do /X Do"), b"/XObject << /X %d 0 R >>" % first)
    for level in range(levels):
        number = first + level
        last = level == levels - 1
        body = _text_ops() if last else b"/X Do /X Do"
        inner = b"/Font << /F1 4 0 R >>" if last else b"/XObject << /X %d 0 R >>" % (number + 1)
        objects[number] = _stream(
            body, b"/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << %s >>" % inner
        )
    return pdf_file(objects)


def stream_bomb_pdf(size: int = 2 << 30) -> bytes:
    """A page whose content stream is ``size`` bytes of zeros deflated (2 GiB in about 2 MB)."""
    data = deflated_zeros(size)
    contents = b"<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream" % (len(data), data)
    return pdf_file(_page_objects(contents))


# -- Word -----------------------------------------------------------------------------------------
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Default Extension="png" ContentType="image/png"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"'
    ' Target="word/document.xml"/></Relationships>'
)
_DOC_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"'
    ' Target="media/image1.png"/></Relationships>'
)


def _document_xml(text: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    )


def docx_file(text: str = GOOD_TEXT, *, image: int = 0, document: int = 0) -> bytes:
    """A minimal .docx saying ``text``; its picture is ``image`` zero bytes, and ``document`` zeros pad its XML.

    The zero runs are written from precompressed deflate blocks: a 4 GiB member takes seconds.
    """
    members = [
        ("[Content_Types].xml", _CONTENT_TYPES.encode(), 0),
        ("_rels/.rels", _ROOT_RELS.encode(), 0),
        ("word/_rels/document.xml.rels", _DOC_RELS.encode(), 0),
        ("word/document.xml", _document_xml(text).encode(), document),
        ("word/media/image1.png", b"\x89PNG\r\n\x1a\n", image),
    ]
    out = io.BytesIO()
    central = [_raw_member(out, name, head, zeros) for name, head, zeros in members]
    start = out.tell()
    out.write(b"".join(central))
    end, count = out.tell(), len(central)
    out.write(struct.pack("<IQHHIIQQQQ", 0x06064B50, 44, 45, 45, 0, 0, count, count, end - start, start))
    out.write(struct.pack("<IIQI", 0x07064B50, 0, end, 1))
    out.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0))
    return out.getvalue()


def docx_image_bomb(size: int = 4 << 30) -> bytes:
    """A .docx whose picture inflates to ``size`` bytes (4 GiB in about 4 MB)."""
    return docx_file(image=size)


def docx_xml_bomb(size: int = 4 << 30) -> bytes:
    """A .docx whose document.xml inflates to ``size`` bytes: its text, then zeros."""
    return docx_file(document=size)


def _raw_member(out: io.BytesIO, name: str, head: bytes, zeros: int) -> bytes:
    """Write one zip64 local entry (``head`` then ``zeros`` zero bytes, raw deflate); return its central entry."""
    offset = out.tell()
    crc = zlib.crc32(head)
    compressed = zlib.compressobj(9, zlib.DEFLATED, -15)
    data = compressed.compress(head) + compressed.flush(zlib.Z_FULL_FLUSH)
    if zeros:
        data += b"".join(_zero_blocks(zeros, raw=True))
        crc = _crc_of_zeros(crc, zeros)
    else:
        data += compressed.flush()
    size = len(head) + zeros
    encoded = name.encode()
    extra = struct.pack("<HHQQ", 1, 16, size, len(data))
    out.write(
        struct.pack("<IHHHHHIIIHH", 0x04034B50, 45, 0, 8, 0, 0, crc, 0xFFFFFFFF, 0xFFFFFFFF, len(encoded), len(extra))
    )
    out.write(encoded + extra + data)
    central_extra = struct.pack("<HHQQQ", 1, 24, size, len(data), offset)
    return (
        struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50, 45, 45, 0, 8, 0, 0, crc, 0xFFFFFFFF, 0xFFFFFFFF,
            len(encoded), len(central_extra), 0, 0, 0, 0, 0xFFFFFFFF,
        )
        + encoded
        + central_extra
    )  # fmt: skip


def _crc_of_zeros(crc: int, zeros: int) -> int:
    block = bytes(_BLOCK)
    for _ in range(zeros // _BLOCK):
        crc = zlib.crc32(block, crc)
    return zlib.crc32(bytes(zeros % _BLOCK), crc)


# -- e-mail -----------------------------------------------------------------------------------------
_HEADERS = "From: Alice Smith <alice@example.org>\nTo: Bob Jones <bob@example.org>\nSubject: {subject}\n"
_DATE = "Date: Mon, 4 Mar 2019 10:15:00 +0000\n"


def long_line_eml(size: int = 1_600_000) -> bytes:
    """A message whose body is one line of ``size`` characters without a blank line in it."""
    sentence = f"{GOOD_TEXT} "
    body = (sentence * (size // len(sentence) + 1))[:size]
    return (_HEADERS.format(subject="long") + _DATE + "\n" + body + "\n").encode()


def junk_attachments_eml(count: int = 5000) -> bytes:
    """A message with ``count`` attachments that claim to be PDFs and are not."""
    parts = [f"{_HEADERS.format(subject='junk')}{_DATE}MIME-Version: 1.0\n"
             'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n'
             f"{GOOD_TEXT}\n"]  # fmt: skip
    for n in range(count):
        parts.append(f'--b\nContent-Type: application/pdf\nContent-Disposition: attachment; filename="j{n}.pdf"\n\nx\n')
    parts.append("--b--\n")
    return "".join(parts).encode()


def empty_messages_mbox(count: int = 20000) -> bytes:
    """An mbox of one good message and ``count`` messages with nothing in their bodies."""
    good = f"From alice@example.org Mon Mar  4 10:15:00 2019\n{_HEADERS.format(subject='good')}\n{GOOD_TEXT}\n\n"
    empty = "From x@example.org Mon Mar  4 10:15:00 2019\nFrom: x@example.org\nSubject: empty\n\n\n"
    return (good + empty * count).encode()


def control_named_attachment_eml() -> bytes:
    """A message with a text attachment whose RFC 2231 name decodes to ESC, NUL and a terminal title change."""
    return (
        f"{_HEADERS.format(subject='title')}{_DATE}MIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\nCover note.\n'
        "--b\nContent-Type: text/plain\n"
        "Content-Disposition: attachment; filename*=utf-8''%1B%5D0%3Bpwned%07%1B%5B2J%00evil.txt\n\n"
        f"{GOOD_TEXT}\n--b--\n"
    ).encode()
