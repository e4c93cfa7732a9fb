"""Files to documents: find the files and read each with the reader its format needs.

Nothing here knows about spaCy or the database. Every problem with one file is a
:class:`Skipped` value, never an exception, so one bad file cannot stop a run.
Decoding and paragraph splitting live in :mod:`graphkit.paragraphs`, the readers in
:mod:`graphkit.formats`.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .formats import SNIFF_BYTES, SUFFIXES, Part, choose_format, read_parts, real_suffix
from .paragraphs import MAX_PARAGRAPH_CHARS, Paragraph, cut_long_paragraphs, decode, html_to_text, split_paragraphs
from .text import inert

__all__ = [
    "SUFFIXES",
    "MAX_PARAGRAPH_CHARS",
    "Document",
    "Paragraph",
    "Skipped",
    "find_files",
    "read_document",
    "read_documents",
    "decode",
    "split_paragraphs",
    "html_to_text",
]


@dataclass
class Document:
    path: Path
    name: str  # what evidence shows: the path relative to the folder given to ingest
    sha256: str
    size: int
    format: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    title: str = ""
    encoding: str = "utf-8"
    metadata: dict[str, Any] = field(default_factory=dict)  # e-mail headers, PDF info: shown with evidence


@dataclass(frozen=True)
class Skipped:
    """A file that was not ingested, and why (one line, for a warning)."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{printable_path(self.path)}: {self.reason}"


def printable_path(path: str | os.PathLike[str]) -> str:
    """A path for one line of output: undecodable bytes and control characters escaped.

    File names are bytes on POSIX: a leaked archive can hold ``bad\\xff.txt``, a name
    with a line break in it (issue 6) or one that sets the terminal's title (issue 11).
    """
    return inert(os.fsencode(path).decode("utf-8", "backslashreplace"))


def _found(path: Path, display: str) -> tuple[Path, str] | Skipped:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:  # the store keeps paths as UTF-8 text; sqlite3 refuses lone surrogates
        return Skipped(path, "file name is not valid UTF-8; rename the file to ingest it")
    return path, display


def find_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, str] | Skipped]:
    """Yield ``(file, display name)`` for every supported file under ``paths``.

    A file is supported when its suffix is one of :data:`graphkit.formats.SUFFIXES`; a
    file without a suffix (a maildir message, an mbox called ``Inbox``, a saved page) when
    its first few kilobytes look like a format graphkit reads, or, named explicitly, as
    plain text. Folders are walked recursively in sorted order; symbolic links to folders
    are not followed (a link loop cannot hang the walk) and each is reported as
    :class:`Skipped`, as are a missing path, a file of another type when named
    explicitly, and a file whose name is not valid UTF-8.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            if _readable(path, named=True):
                yield _found(path, path.name)
            else:
                suffix = real_suffix(path.name) or path.suffix
                yield Skipped(
                    path,
                    f"unsupported file type {suffix or '(none)'!r}; graphkit reads {', '.join(sorted(SUFFIXES))}",
                )
        elif path.is_symlink():
            yield Skipped(path, "broken symbolic link")
        else:
            yield Skipped(path, "no such file or folder")


def _readable(path: Path, *, named: bool) -> bool:
    """Whether graphkit reads ``path``: by its suffix, or by its first bytes (issue 11)."""
    suffix = real_suffix(path.name)
    if suffix in SUFFIXES:
        return True
    if suffix and not named:
        return False  # a file type graphkit does not read (.jpg, .csv): not even opened
    return choose_format(suffix, _head(path), fallback=named) is not None


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as fh:
            return fh.read(SNIFF_BYTES)
    except OSError:
        return b""  # reading it properly will say why


def _walk(root: Path) -> Iterator[tuple[Path, str] | Skipped]:
    def onerror(exc: OSError) -> None:
        errors.append(Skipped(Path(exc.filename or root), f"cannot read folder: {exc.strerror}"))

    errors: list[Skipped] = []
    for folder, dirs, files in os.walk(root, onerror=onerror):
        links = sorted(d for d in dirs if os.path.islink(os.path.join(folder, d)))
        dirs[:] = sorted(d for d in dirs if d not in links)
        for name in sorted(files):
            path = Path(folder, name)
            if not name.startswith(".") and _readable(path, named=False):
                yield _found(path, str(Path(root.name, path.relative_to(root))))
        for name in links:
            yield Skipped(
                Path(folder, name), "symbolic link to a folder, not followed; pass the folder itself to ingest it"
            )
        yield from errors
        errors.clear()


def read_document(path: Path, name: str) -> Document | Skipped:
    """Read a file that holds one document (the first, for an e-mail). Never raises for a bad file."""
    found = read_documents(path, name)
    return next((doc for doc in found if isinstance(doc, Document)), found[0])


def read_documents(path: Path, name: str) -> list[Document | Skipped]:
    """Read one file into the documents it holds. Never raises for a bad file.

    Most files hold one; an ``.mbox`` holds one per message (``inbox.mbox#3``) and an
    e-mail one more per attachment (``mail.eml/report.pdf``). A part that cannot be read
    is a :class:`Skipped` naming it, and the rest of the file is still read. Every
    document of a file carries the file's hash, so an unchanged file is never read again;
    all but the last get ``path#n`` as their identity in the store, and the last gets
    the file's own path, so a file counts as done only once its last document is stored.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        return [Skipped(path, f"cannot read: {exc.strerror or exc}")]
    if not data.strip():
        return [Skipped(path, "empty file")]
    digest = hashlib.sha256(data).hexdigest()
    found: list[Document | Skipped] = [
        Document(
            path,
            name + part.name,
            digest,
            len(data),
            part.format,
            cut_long_paragraphs(part.paragraphs),  # whatever the reader did (issue 11)
            part.title,
            part.encoding,
            part.metadata,
        )
        if isinstance(part, Part)
        else Skipped(Path(f"{path}{part.name}"), part.reason)
        for part in read_parts(data, real_suffix(path.name))
    ]
    docs = [doc for doc in found if isinstance(doc, Document)]
    for number, doc in enumerate(docs[:-1], 1):
        doc.path = Path(f"{path.resolve()}#{number}")
    return found or [Skipped(path, "no text found")]
