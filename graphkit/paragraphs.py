"""Bytes to paragraphs: the pieces every reader shares (issue 11).

:class:`Paragraph`, decoding bytes of unknown encoding, cutting text into paragraphs and
the visible text of HTML. :mod:`graphkit.corpus` (which finds and reads files) and the
readers in :mod:`graphkit.formats` both import this module, and it imports neither, so
there is no import cycle between them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from html.parser import HTMLParser

from .text import CONTROL_CHARS as _CONTROLS
from .text import join_lines
from .unwrap import line_groups

__all__ = [
    "MAX_PARAGRAPH_CHARS",
    "Paragraph",
    "decode",
    "split_paragraphs",
    "cut_long_paragraphs",
    "html_to_text",
]

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
    # A reader's hint of the paragraph's kind when it knows it: "footnote", "body" for a table row
    # or a speaker turn (PDF, issue 13), "quote", "boilerplate" (e-mail, issue 12); None lets
    # graphkit.classify decide. ``why`` says why, for the user.
    kind: str | None = None
    why: str = ""


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
            if codec == "utf-32" and not _valid(data, codec):
                continue  # UTF-16 text that begins with NUL starts like the UTF-32 BOM: "\xff\xfe" + "\x00\x00"
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


def _valid(data: bytes, codec: str) -> bool:
    try:
        data.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


def _looks_textual(text: str) -> bool:
    sample = text[:65536]
    bad = sum(1 for ch in sample if (ch < " " and ch not in "\t\n\r\f") or ch == "\ufffd")
    return bad <= len(sample) * _BINARY_CONTROL_SHARE


def _clean_controls(text: str) -> str:
    # Control characters are noise to NER and forbidden in XML exports.
    return _CONTROLS.sub(" ", text)


_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*\s+")


def split_paragraphs(text: str) -> list[Paragraph]:
    """Cut text into paragraphs: one per line, hard-wrapped lines joined (:func:`graphkit.unwrap.line_groups`).

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


def cut_long_paragraphs(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """``paragraphs`` with every one longer than :data:`MAX_PARAGRAPH_CHARS` cut as :func:`split_paragraphs` cuts, renumbered.

    Run on what every reader returns, after all of them (issue 11): no format's
    paragraph reaches NER longer than the model takes, whatever its reader did.

    >>> [(p.number, len(p.text)) for p in cut_long_paragraphs([Paragraph(1, 1, "x " * 6_000), Paragraph(2, 3, "y")])]
    [(1, 9999), (2, 2000), (3, 1)]
    """
    if all(len(p.text) <= MAX_PARAGRAPH_CHARS for p in paragraphs):
        return paragraphs
    out: list[Paragraph] = []
    for paragraph in paragraphs:
        for piece in _cut(paragraph.text):
            out.append(replace(paragraph, number=len(out) + 1, text=piece))
    return out


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


def _join_wrapped(lines: list[str]) -> str:
    return _fold_spaces(join_lines(lines))  # text.join_lines: one rule for hyphenated line breaks


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
