"""Readers for the formats investigators receive: text, PDF, Word, e-mail and web pages (issue 7).

Every format is one entry of :data:`FORMATS` (issue 11): its suffixes, the reader that
reads it, a content signature for files whose name says nothing (or the wrong thing),
the library the reader needs and the limits a file of it must stay within. Suffix lists,
help texts and messages are made from it; nothing else lists formats.

Each reader is a function of a file's bytes that returns the documents the file
holds as :class:`Part` values: one for most files, one per message of an ``.mbox``,
and one more per attachment of an e-mail. A reader raises :class:`Unreadable` with a
one-line reason for a file it cannot use; :func:`read_parts` turns that (and any
library failure on hostile input) into a :class:`Failed` value, so one bad file or
attachment never stops a run. Readers are imported only when a file of their kind turns
up, and they import their heavy libraries inside.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from ..paragraphs import Paragraph, split_paragraphs
from .limits import DEFAULT_LIMITS, LimitExceeded, Limits, budget, out_of_memory

__all__ = [
    "Format",
    "Limits",
    "LimitExceeded",
    "FORMATS",
    "BY_SUFFIX",
    "SUFFIXES",
    "READERS",
    "MEDIA_TYPES",
    "SNIFF_BYTES",
    "Part",
    "Failed",
    "Unreadable",
    "read_parts",
    "choose_format",
    "sniff",
    "real_suffix",
    "describe_formats",
    "number_paragraphs",
]


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


@dataclass(frozen=True)
class Format:
    """One kind of file graphkit reads."""

    name: str
    description: str  # for help texts: what a user calls these files
    suffixes: tuple[str, ...]  # lower case, with the dot; the first is the usual one
    reader: str  # "module:function" in graphkit.formats
    sniff: Callable[[bytes], bool] | None = None  # does the start of a file look like this format?
    binary: bool = False  # its signature is unmistakable: it wins over a suffix that says otherwise
    # Its signature wins over the suffix of any format but its siblings': e-mail is read as e-mail
    # whatever the file is called, a message saved as .txt too; an .eml stays an .eml (issue 12).
    any_name: bool = False
    container: bool = False  # a file may hold several documents
    media_types: tuple[str, ...] = ()  # MIME types of e-mail attachments in this format
    requires: str = ""  # the distribution (pip install ...) the reader needs
    imports: str = ""  # ... and the module it imports
    limits: Limits = field(default_factory=Limits)

    def read(self, data: bytes) -> list[Part | Failed]:
        """The parts of ``data``; raises :class:`LimitExceeded` when reading passes one of the format's caps."""
        module, function = self.reader.split(":")
        reader = getattr(importlib.import_module(f"{__name__}.{module}"), function)
        with budget(self.limits):
            return reader(data)


# -- content signatures ----------------------------------------------------------------
# Enough of a file's start to recognise it (issue 11: cheap, whatever the file's size).
SNIFF_BYTES = 8192
_HTML = re.compile(rb"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE | re.DOTALL)


def _is_pdf(head: bytes) -> bool:
    return b"%PDF-" in head[:1024]  # readers allow junk before the header


def _is_docx(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04") and b"word/" in head


def _is_mbox(head: bytes) -> bool:
    from .mail.sniff import looks_like_mbox  # the mail reader's own test (issue 12), imported when needed

    return looks_like_mbox(head)


def _is_mail(head: bytes) -> bool:
    from .mail.sniff import looks_like_mail

    return looks_like_mail(head)


def _is_html(head: bytes) -> bool:
    return _HTML.match(head.removeprefix(b"\xef\xbb\xbf")) is not None


# -- the registry -------------------------------------------------------------------------
# Every format graphkit reads; to add one, write its reader module and add an entry here.
# Sniffing tries them in this order; plain text (no signature) is the fallback.
# The caps a format declares are the ones its reader charges (graphkit.formats.limits);
# time and memory apply to every file (graphkit.reading).
_PDF_LIMITS = Limits(
    **{k: getattr(DEFAULT_LIMITS, k) for k in ("unpacked_mb", "objects", "xobject_depth", "draws", "pages")}
)
_ZIP_LIMITS = Limits(unpacked_mb=DEFAULT_LIMITS.unpacked_mb)
FORMATS: tuple[Format, ...] = (
    Format("pdf", "PDF (text layer)", (".pdf",), "pdf:read_pdf", _is_pdf, binary=True,
           media_types=("application/pdf",), requires="pdfminer.six", imports="pdfminer", limits=_PDF_LIMITS),
    Format("docx", "Word", (".docx",), "word:read_docx", _is_docx, binary=True,
           media_types=("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
           requires="python-docx", imports="docx", limits=_ZIP_LIMITS),
    Format("mbox", "mail archive", (".mbox",), "mail:read_mbox", _is_mbox, any_name=True, container=True,
           media_types=("application/mbox",)),
    Format("eml", "e-mail", (".eml",), "mail:read_eml", _is_mail, any_name=True, container=True,
           media_types=("message/rfc822",)),
    Format("html", "web page", (".html", ".htm"), "web:read_html", _is_html, media_types=("text/html",),
           requires="trafilatura", imports="trafilatura"),
    Format("text", "plain text or Markdown", (".txt", ".md"), "text:read_text",
           media_types=("text/plain", "text/markdown")),
)  # fmt: skip
BY_SUFFIX: dict[str, Format] = {suffix: f for f in FORMATS for suffix in f.suffixes}
SUFFIXES: frozenset[str] = frozenset(BY_SUFFIX)
READERS = SUFFIXES  # the name older code uses
MEDIA_TYPES: dict[str, str] = {media: f.suffixes[0] for f in FORMATS for media in f.media_types}
_TEXT = BY_SUFFIX[".txt"]
_REAL_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,8}")


def real_suffix(name: str) -> str:
    """The suffix of a file name, lower case; "" when there is none or it is not a file type.

    >>> real_suffix("Report.PDF"), real_suffix("1."), real_suffix("1234.M5P.host:2,S")
    ('.pdf', '', '')
    """
    dot = name.rfind(".")
    suffix = name[dot:] if dot > 0 else ""
    return suffix.lower() if _REAL_SUFFIX.fullmatch(suffix) else ""


def sniff(head: bytes) -> Format | None:
    """The format whose signature the start of a file has, if any.

    >>> sniff(b"%PDF-1.7 ...").name, sniff(b"Message-ID: <1@x>\\nFrom: a@x\\nSubject: hi\\n\\nBody").name
    ('pdf', 'eml')
    """
    head = head[:SNIFF_BYTES]
    return next((f for f in FORMATS if f.sniff is not None and f.sniff(head)), None)


def choose_format(suffix: str, head: bytes, *, fallback: bool = True) -> Format | None:
    """The format to read a file as.

    A binary signature wins over a suffix that says otherwise (a PDF named ``.txt``), and
    so does e-mail's (a message saved as ``.txt``); a known suffix decides next; a file
    without one is read as whatever its start looks like, and as plain text
    (``fallback``) when it looks like nothing in particular.
    """
    by_suffix = BY_SUFFIX.get(suffix.lower())
    sniffed = sniff(head)
    if by_suffix is not None:
        return sniffed if sniffed is not None and _overrides(sniffed, by_suffix) else by_suffix
    if suffix:  # a file type graphkit does not read (.csv, .jpg)
        return sniffed if sniffed is not None and (sniffed.binary or sniffed.any_name) else None
    return sniffed or (_TEXT if fallback else None)


def _overrides(sniffed: Format, by_suffix: Format) -> bool:
    if sniffed is by_suffix:
        return False
    return sniffed.binary or (sniffed.any_name and not by_suffix.any_name)


def describe_formats() -> str:
    """'.pdf (PDF (text layer)), .docx (Word), ...' for help texts."""
    return ", ".join(f"{'/'.join(f.suffixes)} ({f.description})" for f in FORMATS)


def read_parts(data: bytes, suffix: str, *, name: str = "") -> list[Part | Failed]:
    """Read ``data`` as a file with ``suffix`` (``".pdf"``, or ``""`` for none); never raises for bad input.

    The format is the one :func:`choose_format` picks. ``name`` is prefixed to every
    part's name (an attachment's ``"/report.pdf"``). A part without any paragraph comes
    back as ``Failed(name, "no text found")``.

    >>> [p.paragraphs[0].text for p in read_parts(b"Alice met Bob.", ".txt")]
    ['Alice met Bob.']
    >>> read_parts(b"junk", ".pdf", name="/x.pdf")
    [Failed(name='/x.pdf', reason='not a PDF (no %PDF header)')]
    """
    fmt = choose_format(suffix, data[:SNIFF_BYTES])
    if fmt is None:
        return [Failed(name, f"unsupported file type {suffix or '(none)'!r}")]
    kind = fmt.suffixes[0]
    try:
        found = fmt.read(data)
    except (Unreadable, LimitExceeded) as exc:
        return [Failed(name, str(exc))]
    except MemoryError:  # the reading process's ceiling (graphkit.reading): this part alone is lost
        return [Failed(name, out_of_memory())]
    except RecursionError:
        return [Failed(name, f"cannot read {kind} file: nested too deeply")]
    except ModuleNotFoundError as exc:
        if fmt.imports and (exc.name or "").split(".")[0] == fmt.imports:
            return [Failed(name, f"reading {kind} files needs {fmt.requires}: pip install {fmt.requires}")]
        return [Failed(name, f"cannot read {kind} file ({type(exc).__name__}: {_one_line(exc)})")]
    except Exception as exc:  # a library choking on a damaged or hostile file must not stop the run
        return [Failed(name, f"cannot read {kind} file ({type(exc).__name__}: {_one_line(exc)})")]
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
