"""Annotations: notes and stamps put on top of a page, outside its text (issue 13).

pdfminer.six reads a page's own content only; ``pdftotext`` also shows what was added on
top: a reviewer's note, a highlight's comment, a court's ``REDACTED VERSION`` stamp. Such
text is never dropped in silence: a note's text (``/Contents``) becomes a ``comment``
paragraph, and the drawn text of a stamp (its appearance stream, read like a page of its
own) is set aside with the page furniture. Links, pop-ups (which repeat their parent's
note) and form fields carry no text of their own here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["Annotation", "read_annotations"]

_SKIP = {"Link", "Popup", "Widget"}
_STAMPS = {"Stamp", "Watermark"}


@dataclass
class Annotation:
    kind: str  # "comment" (a note someone wrote) or "stamp" (text drawn over the page)
    text: str


def read_annotations(page: Any, drawn: Callable[[Any, Any], str]) -> list[Annotation]:
    """The text of ``page``'s annotations; ``drawn(stream, resources)`` reads an appearance stream."""
    found = []
    for annot in _annots(page):
        subtype = _name(annot.get("Subtype"))
        if subtype in _SKIP:
            continue
        note = _string(annot.get("Contents"))
        if note and subtype not in _STAMPS:
            found.append(Annotation("comment", note))
        elif text := _appearance_text(annot, drawn) or note:
            found.append(Annotation("stamp" if subtype in _STAMPS else "comment", text))
    return found


def _annots(page: Any) -> Iterator[dict[str, Any]]:
    from pdfminer.pdftypes import resolve1

    for annot in resolve1(page.annots) or []:
        annot = resolve1(annot)
        if isinstance(annot, dict):
            yield annot


def _appearance_text(annot: dict[str, Any], drawn: Callable[[Any, Any], str]) -> str:
    from pdfminer.pdftypes import PDFStream, resolve1

    appearance = resolve1(annot.get("AP"))
    stream = resolve1(appearance.get("N")) if isinstance(appearance, dict) else None
    if isinstance(stream, dict):  # one appearance per state (on/off): none is the text
        return ""
    if not isinstance(stream, PDFStream):
        return ""
    return " ".join(drawn(stream, resolve1(stream.get("Resources"))).split())


def _string(value: Any) -> str:
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    value = resolve1(value)
    if isinstance(value, bytes):
        value = decode_text(value)
    return " ".join(value.split()) if isinstance(value, str) else ""


def _name(value: Any) -> str:
    from pdfminer.pdftypes import resolve1

    return str(getattr(resolve1(value), "name", ""))
