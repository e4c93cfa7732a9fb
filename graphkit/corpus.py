"""Files to documents: find the files, decode them, cut them into paragraphs.

Nothing here knows about spaCy or the database. Every problem with one file is a
:class:`Skipped` value, never an exception, so one bad file cannot stop a run.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from .unwrap import line_groups

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

# Every suffix has a reader in graphkit.formats (issue 7); CONTAINERS may hold several documents.
SUFFIXES = frozenset({".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".eml", ".mbox"})
CONTAINERS = frozenset({".eml", ".mbox"})
# A paragraph longer than this is cut at a sentence end: co-occurrence in a 50 MB
# one-line dump means nothing, and spaCy's memory grows with the text it is given.
MAX_PARAGRAPH_CHARS = 10_000
_BINARY_CONTROL_SHARE = 0.10


@dataclass(frozen=True)
class Paragraph:
    number: int  # 1-based, in reading order
    line: int  # 1-based line of the file where it starts (0 when unknown)
    text: str
    page: int | None = None
    # A kind the reader already knows ("footnote", "quote") and why; None lets graphkit.classify decide (issue 10).
    kind: str | None = None
    why: str = ""


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


_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f]")


def printable_path(path: str | os.PathLike[str]) -> str:
    """A path for one line of output: undecodable bytes and control characters escaped.

    File names are bytes on POSIX: a leaked archive can hold ``bad\\xff.txt`` or a name
    with a line break in it, and either would break a one-line warning (issue 6).
    """
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return _UNPRINTABLE.sub(lambda m: repr(m.group())[1:-1], text)


def _found(path: Path, display: str) -> tuple[Path, str] | Skipped:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:  # the store keeps paths as UTF-8 text; sqlite3 refuses lone surrogates
        return Skipped(path, "file name is not valid UTF-8; rename the file to ingest it")
    return path, display


def find_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, str] | Skipped]:
    """Yield ``(file, display name)`` for every supported file under ``paths``.

    Folders are walked recursively in sorted order; symbolic links to folders are
    not followed (a link loop cannot hang the walk) and each is reported as
    :class:`Skipped`, as are a missing path, a file whose suffix is not supported when
    named explicitly, and a file whose name is not valid UTF-8.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            if path.suffix.lower() in SUFFIXES:
                yield _found(path, path.name)
            else:
                yield Skipped(
                    path,
                    f"unsupported file type {path.suffix or '(none)'!r}; graphkit reads {', '.join(sorted(SUFFIXES))}",
                )
        elif path.is_symlink():
            yield Skipped(path, "broken symbolic link")
        else:
            yield Skipped(path, "no such file or folder")


def _walk(root: Path) -> Iterator[tuple[Path, str] | Skipped]:
    def onerror(exc: OSError) -> None:
        errors.append(Skipped(Path(exc.filename or root), f"cannot read folder: {exc.strerror}"))

    errors: list[Skipped] = []
    for folder, dirs, files in os.walk(root, onerror=onerror):
        links = sorted(d for d in dirs if os.path.islink(os.path.join(folder, d)))
        dirs[:] = sorted(d for d in dirs if d not in links)
        for name in sorted(files):
            path = Path(folder, name)
            if path.suffix.lower() in SUFFIXES and not name.startswith("."):
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
    from .formats import Part, read_parts

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
            part.paragraphs,
            part.title,
            part.encoding,
            part.metadata,
        )
        if isinstance(part, Part)
        else Skipped(Path(f"{path}{part.name}"), part.reason)
        for part in read_parts(data, path.suffix.lower())
    ]
    docs = [doc for doc in found if isinstance(doc, Document)]
    for number, doc in enumerate(docs[:-1], 1):
        doc.path = Path(f"{path.resolve()}#{number}")
    return found or [Skipped(path, "no text found")]


def decode(data: bytes) -> tuple[str | None, str]:
    """Decode bytes to text: BOMs first, then UTF-8, then Windows-1252 with replacement.

    Returns ``(None, reason)`` for data that is not text at all.
    """
    # UTF-32 first: its little-endian BOM begins with UTF-16's.
    boms = (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe\x00\x00", "utf-32"),
        (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    )
    for bom, codec in boms:
        if data.startswith(bom):
            return _clean_controls(data.decode(codec, errors="replace")), codec
    sample = data[:65536]
    if sample.count(0) > len(sample) // 4:
        for codec in ("utf-16-le", "utf-16-be"):
            text = data.decode(codec, errors="replace")
            if _looks_textual(text):
                return _clean_controls(text), codec
        return None, "binary"
    try:
        text, codec = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, codec = data.decode("cp1252", errors="replace"), "cp1252"
        if text.count("\ufffd") > len(text) // 20:
            text, codec = data.decode("utf-8", errors="replace"), "utf-8 (with replacements)"
    if not _looks_textual(text):
        return None, "binary"
    return _clean_controls(text), codec


def _looks_textual(text: str) -> bool:
    sample = text[:65536]
    bad = sum(1 for ch in sample if (ch < " " and ch not in "\t\n\r\f") or ch == "\ufffd")
    return bad <= len(sample) * _BINARY_CONTROL_SHARE


_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _clean_controls(text: str) -> str:
    # Control characters are noise to NER and forbidden in XML exports.
    return _CONTROLS.sub(" ", text)


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")


def split_paragraphs(text: str) -> list[Paragraph]:
    """Cut text into paragraphs: one per line, or per blank-line block for hard-wrapped text.

    Over-long paragraphs are cut at sentence ends (or spaces) into pieces of at most
    :data:`MAX_PARAGRAPH_CHARS` characters; each piece is a paragraph of its own.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    lines = text.split("\n")
    blocks = ((start, _join_wrapped(group)) for start, group in line_groups(lines))  # issue 10
    paragraphs: list[Paragraph] = []
    for line_no, block in blocks:
        for piece in _cut(block):
            paragraphs.append(Paragraph(len(paragraphs) + 1, line_no, piece))
    return paragraphs


def _line_blocks(lines: list[str]) -> Iterator[tuple[int, str]]:
    for i, line in enumerate(lines, 1):
        stripped = _fold_spaces(line)
        if stripped:
            yield i, stripped


_SPACES = re.compile(r"\s+")
_FOLD_CHUNK = 1 << 20


def _fold_spaces(text: str) -> str:
    """``" ".join(text.split())`` in bounded memory (issue 6).

    ``split()`` and ``re.sub`` both hold every word of their input as a string of its
    own: on a 50 MB line that is millions of objects and most of a gigabyte. Folding a
    megabyte at a time keeps that to one chunk; a run of spaces cut by a chunk boundary
    leaves a double space, folded again at the end.
    """
    if len(text) <= _FOLD_CHUNK:
        return _SPACES.sub(" ", text).strip()
    folded = "".join(_SPACES.sub(" ", text[i : i + _FOLD_CHUNK]) for i in range(0, len(text), _FOLD_CHUNK))
    while "  " in folded:
        folded = folded.replace("  ", " ")
    return folded.strip()


def _wrapped_blocks(lines: list[str]) -> Iterator[tuple[int, str]]:
    start, buf = 0, []
    for i, line in enumerate(lines + [""], 1):
        if line.strip():
            if not buf:
                start = i
            buf.append(line.strip())
        elif buf:
            yield start, _join_wrapped(buf)
            buf = []


def _join_wrapped(lines: list[str]) -> str:
    out = lines[0]
    for line in lines[1:]:
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and line[:1].islower():
            out = out[:-1] + line  # a word hyphenated at the line break
        else:
            out += " " + line
    return _fold_spaces(out)


def _is_hard_wrapped(lines: list[str]) -> bool:
    """True for text wrapped at a fixed width with blank lines between paragraphs."""
    filled = [ln.rstrip() for ln in lines if ln.strip()]
    if len(filled) < 8 or len(filled) == len(lines):
        return False
    continued = sum(
        1
        for a, b in zip(lines, lines[1:], strict=False)
        if a.strip()
        and b.strip()
        and 40 <= len(a.rstrip()) <= 100
        and not a.rstrip().endswith((".", ":", "!", "?", '"', "”"))
    )
    return continued >= 0.4 * len(filled)


_LEADING_SPACE = re.compile(r"\s*")


def _cut(text: str) -> Iterator[str]:
    # Walk an offset instead of re-slicing the remainder: slicing made a 50 MB line
    # cost 5,000 copies of tens of megabytes (quadratic; issue 6).
    start = 0
    while len(text) - start > MAX_PARAGRAPH_CHARS:
        window = text[start : start + MAX_PARAGRAPH_CHARS]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = ends[-1] if ends and ends[-1] > MAX_PARAGRAPH_CHARS // 2 else window.rfind(" ") + 1
        if cut <= 0:
            cut = MAX_PARAGRAPH_CHARS
        yield window[:cut].strip()
        space = _LEADING_SPACE.match(text, start + cut)  # always matches, if only the empty string
        start = space.end() if space else start + cut
    if start < len(text):
        yield text[start:]


class _TextParser(HTMLParser):
    _BLOCK = frozenset(
        "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
        "header hr li main nav ol p pre section table td th tr ul".split()
    )
    _HIDDEN = frozenset({"script", "style", "noscript", "template", "svg", "head"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._hidden = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._HIDDEN:
            self._hidden += 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._HIDDEN and self._hidden:
            self._hidden -= 1
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._hidden:
            self.parts.append(data.replace("\n", " "))


def html_to_text(markup: str) -> tuple[str, str]:
    """The visible text of an HTML page, one block element per line, and its title."""
    parser = _TextParser()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:  # html.parser is lenient; anything it still chokes on becomes plain text
        return "", html.unescape(re.sub(r"<[^>]*>", " ", markup))
    return " ".join("".join(parser.title).split()), "".join(parser.parts)
