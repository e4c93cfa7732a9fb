"""Plain text and Markdown: decoded, then cut into paragraphs by :func:`~graphkit.paragraphs.split_paragraphs`."""

from __future__ import annotations

from ..paragraphs import decode, split_paragraphs
from . import Part, Unreadable

__all__ = ["read_text"]


def read_text(data: bytes) -> list[Part]:
    """One document from text bytes in any common encoding.

    >>> part, = read_text("Café Paris.\\n\\nBerlin.".encode("cp1252"))
    >>> [p.text for p in part.paragraphs], part.encoding
    (['Café Paris.', 'Berlin.'], 'cp1252')
    """
    text, encoding = decode(data)
    if text is None:
        raise Unreadable("looks like a binary file, not text")
    return [Part(split_paragraphs(text), "text", encoding=encoding)]
