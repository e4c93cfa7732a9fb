"""Word ``.docx``: the body's paragraphs as the document has them, and tables row by row (issue 7).

python-docx (MIT) reads the file. Paragraphs and tables come in document order; each
table row becomes one paragraph, its cells' text joined with `` | `` (a row says how
its cells belong together; a merged cell is counted once), nested tables included.
Running headers and footers are left out, like a PDF's. The title, author and dates
of the core properties become the document's metadata.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from . import Part, Unreadable, _one_line, number_paragraphs
from .limits import charge

__all__ = ["read_docx"]


def read_docx(data: bytes) -> list[Part]:
    """One document from the bytes of a ``.docx`` file."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE container: Word 97-2003, or a password-protected .docx
        raise Unreadable("a Word 97-2003 or password-protected file, not .docx; save it as .docx first")
    try:
        document = docx.Document(io.BytesIO(_text_parts(data)))
    except (PackageNotFoundError, zipfile.BadZipFile, etree.XMLSyntaxError, KeyError, ValueError) as exc:
        raise Unreadable(f"not a readable Word file ({_one_line(exc)})") from exc
    paragraphs = number_paragraphs((text, 0, None) for text in _blocks(document))
    props = document.core_properties
    metadata = {
        key: value
        for key, value in (
            ("author", props.author),
            ("created", _date(props.created)),
            ("modified", _date(props.modified)),
        )
        if value
    }
    return [Part(paragraphs, "docx", title=" ".join((props.title or "").split()), metadata=metadata)]


def _text_parts(data: bytes) -> bytes:
    """The package with every part but its XML left empty (issue 11).

    python-docx reads every part of a package into memory, pictures included, and a
    4 MB file can hold a picture that inflates to 4 GiB. Text is only in the XML parts;
    their declared sizes are charged to ``unpacked_mb`` before they are inflated (zipfile
    never gives more than a member declares), and the rest are never inflated at all.
    """
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as package, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as text:
        for member in package.infolist():
            if member.filename.lower().endswith((".xml", ".rels")):
                charge("unpacked_mb", member.file_size)
                text.writestr(member.filename, package.read(member))
            else:
                text.writestr(member.filename, b"")
    return out.getvalue()


def _blocks(container: Any) -> Iterator[str]:
    """Paragraph texts and table rows of a document or a table cell, in order."""
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):
            yield from _rows(block)
        else:
            yield block.text


def _rows(table: Any) -> Iterator[str]:
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell appears once per grid column it spans
                continue
            seen.add(id(cell._tc))
            text = " ".join(" ".join(_blocks(cell)).split())
            if text:
                cells.append(text)
        yield " | ".join(cells)


def _date(value: Any) -> str:
    return value.date().isoformat() if value is not None else ""
