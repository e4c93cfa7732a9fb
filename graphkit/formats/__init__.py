"""Readers for the formats investigators receive: text, PDF, Word, e-mail and web pages (issue 7).

Each reader is a function of a file's bytes that returns the documents the file
holds as :class:`Part` values: one for most files, one per message of an ``.mbox``,
and one more per attachment of an e-mail. A reader raises :class:`Unreadable` with a
one-line reason for a file it cannot use; :func:`read_parts` turns that (and any
library failure on hostile input) into a :class:`Failed` value, so one bad file or
attachment never stops a run. Heavy libraries are imported inside the readers.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..paragraphs import Paragraph, split_paragraphs

__all__ = ["Part", "Failed", "Unreadable", "READERS", "read_parts", "number_paragraphs"]


class Unreadable(Exception):
    """A file or attachment a reader cannot use; the message is the one-line reason."""


@dataclass
class Part:
    """One document found in a file, before it gets the file's name and hash."""

    paragraphs: list[Paragraph]
    format: str
    title: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)
    encoding: str = ""
    # Appended to the file's display name: "" for the file itself, "#3" for the third
    # message of an mbox, "/report.pdf" for an attachment, "#3/report.pdf" for both.
    name: str = ""


@dataclass(frozen=True)
class Failed:
    """A part of a file (or the whole file, ``name == ""``) that could not be read."""

    name: str
    reason: str


Reader = Callable[[bytes], list["Part | Failed"]]


# suffix -> (module, function); a module is imported only when a file of its kind turns up.
_READERS = {
    ".txt": ("text", "read_text"),
    ".md": ("text", "read_text"),
    ".html": ("web", "read_html"),
    ".htm": ("web", "read_html"),
    ".pdf": ("pdf", "read_pdf"),
    ".docx": ("word", "read_docx"),
    ".eml": ("mail", "read_eml"),
    ".mbox": ("mail", "read_mbox"),
}


def _reader(suffix: str) -> Reader | None:
    if suffix not in _READERS:
        return None
    module, function = _READERS[suffix]
    return getattr(importlib.import_module(f"{__name__}.{module}"), function)


READERS = frozenset(_READERS)


def read_parts(data: bytes, suffix: str, *, name: str = "") -> list[Part | Failed]:
    """Read ``data`` as a file with ``suffix`` (``".pdf"``); never raises for bad input.

    ``name`` is prefixed to every part's name (an attachment's ``"/report.pdf"``).
    A part without any paragraph comes back as ``Failed(name, "no text found")``.

    >>> [p.paragraphs[0].text for p in read_parts(b"Alice met Bob.", ".txt")]
    ['Alice met Bob.']
    >>> read_parts(b"junk", ".pdf", name="/x.pdf")
    [Failed(name='/x.pdf', reason='not a PDF (no %PDF header)')]
    """
    reader = _reader(suffix.lower())
    if reader is None:
        return [Failed(name, f"unsupported file type {suffix or '(none)'!r}")]
    try:
        found = reader(data)
    except Unreadable as exc:
        return [Failed(name, str(exc))]
    except RecursionError:
        return [Failed(name, f"cannot read {suffix} file: nested too deeply")]
    except Exception as exc:  # a library choking on a damaged or hostile file must not stop the run
        return [Failed(name, f"cannot read {suffix} file ({type(exc).__name__}: {_one_line(exc)})")]
    out: list[Part | Failed] = []
    for part in found:
        if isinstance(part, Failed):
            out.append(Failed(name + part.name, part.reason))
        elif not part.paragraphs:
            out.append(Failed(name + part.name, "no text found"))
        else:
            part.name = name + part.name
            out.append(part)
    return out


def number_paragraphs(blocks: Iterable[tuple[str, int, int | None]]) -> list[Paragraph]:
    """Paragraphs from ``(text, line, page)`` blocks, numbered 1.. in order.

    Blank blocks are dropped and over-long ones are cut as :func:`split_paragraphs` cuts them.

    >>> [(p.number, p.page, p.text) for p in number_paragraphs([("A  b", 1, 2), ("", 2, 2), ("C", 3, 3)])]
    [(1, 2, 'A b'), (2, 3, 'C')]
    """
    out: list[Paragraph] = []
    for text, line, page in blocks:
        for piece in split_paragraphs(" ".join(text.split())):
            out.append(Paragraph(len(out) + 1, line, piece.text, page))
    return out


def _one_line(exc: BaseException, limit: int = 120) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= limit else text[: limit - 1] + "…"
