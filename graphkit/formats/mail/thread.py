"""Quotes and forwards: a message body as the sections its senders wrote (issue 12).

A body holds the sender's own text and often other messages under it: forwarded ones
(``---------------------- Forwarded by ...``, ``Begin forwarded message:``) and the ones it
answers (``-----Original Message-----``, ``On Mon, Bob wrote:`` above ``> `` lines, a Notes
sender line above ``To:``). :func:`split_sections` cuts the body at each of these openings
into :class:`Section` values, each with the header it opened with, and gives each a role:

- ``own``: what the sender wrote;
- ``forward``: a message passed on; its text is content of this message (issue 12);
- ``quote``: a message answered; its text is kept, marked, so that a later step can drop
  it where the corpus already holds it, and count a thread's text once.

Mail nests top-down: each opening starts a message inside the one above it. A message
is a forward when an explicit forward marker opens it, or when the message holding it is
itself a forward (``FW:``, ``WG:``, ``TR:``...); it is a quote when the message holding it
answers (``RE:``, ``AW:``...) or is a quote, and when ``> `` lines or an ``On ... wrote:``
line present it. An ``Original Message`` under a subject that says neither is content.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .headers import Header, Line, is_blank, read_header_block, read_notes_header

__all__ = ["Section", "split_sections", "subject_kind"]

Role = Literal["own", "forward", "quote"]

_ORIGINAL = re.compile(
    r"^\s*-{2,}\s*(?:original message|ursprüngliche nachricht|originalnachricht|message d'origine|"
    r"message original|mensaje original|messaggio originale|oorspronkelijk bericht|origineel bericht|"
    r"mensagem original)\s*-{2,}\s*$",
    re.I,
)
_FORWARDED = re.compile(
    r"^\s*-{2,}\s*(?:forwarded message|weitergeleitete nachricht|message transféré|mensaje reenviado|"
    r"messaggio inoltrato|doorgestuurd bericht|mensagem encaminhada|forwarded by\b.*)|"
    r"^\s*(?:begin forwarded message|anfang der weitergeleiteten nachricht|début du message réexpédié|"
    r"inicio del mensaje reenviado|inizio messaggio inoltrato|begin doorgestuurd bericht|"
    r"início da mensagem reencaminhada)\s*:\s*$",
    re.I,
)
_UNDERSCORES = re.compile(r"^\s*_{10,}\s*$")  # newer Outlook: a rule, then From:/Sent:/To:/Subject:
_DASHES_END = re.compile(r"-{3,}\s*$")
# "On Mon, 4 Mar 2019 at 10:15, Bob Jones <bob@x.org> wrote:" and its translations;
# "bob@x.org wrote:" alone is an attribution only when quoted lines follow.
_WROTE = r"(?:wrote|writes|schrieb|a écrit|escribió|ha scritto|schreef|escreveu|skrev)\s*:\s*$"
_ATTRIBUTION = re.compile(rf"^\s*(?:on|am|le|el|il|op|em|den)\s.{{0,300}}?{_WROTE}", re.I)
_BARE_ATTRIBUTION = re.compile(rf"^\s*\S.{{0,120}}?\s{_WROTE}", re.I)
# The writer at the end of an attribution: '"Dasovich, Jeff"', 'Bob Jones <bob@x.org>', 'bob@x.org'.
_WHO = re.compile(r'(?:"[^"]+"|[^,"]*)\s*<[^<>]+>\s*$|"[^"]+"\s*$|\S+@\S+\s*$')
_QUOTED = re.compile(r"^[ \t]{0,6}>")
_REPLY = re.compile(r"^\s*(?:\[[^\]]*\]\s*)?(?:re|aw|antw|sv|vs|r|rif|res|réf|ref|odp)\s*(?:\[\d+\])?\s*:", re.I)
_FORWARD = re.compile(r"^\s*(?:\[[^\]]*\]\s*)?(?:fw|fwd|wg|tr|rv|i|enc|fs|doorst)\s*(?:\[\d+\])?\s*:|^\s*\[fwd?:", re.I)


@dataclass
class Section:
    """Consecutive lines of a body written by one sender."""

    role: Role
    lines: list[Line] = field(default_factory=list)
    header: Header | None = None
    opener: str = ""  # "" for the body's start; "original", "forwarded", "header", "notes", "attribution", "quoted"
    continued: bool = False  # the sender's own text again, after a block of ``>`` lines
    depth: int = 0  # how many levels of ``>`` it sits under
    marker: str = ""  # the separator line that opened it: "Forwarded by Jeff Dasovich/NA/Enron on 07/05/2001 ..."


def subject_kind(subject: str) -> str:
    """``"reply"``, ``"forward"`` or ``""``: what the subject's prefix says of a message.

    >>> subject_kind("RE: FW: Raptor"), subject_kind("WG: Termin"), subject_kind("Raptor")
    ('reply', 'forward', '')
    """
    if _REPLY.match(subject):
        return "reply"
    return "forward" if _FORWARD.match(subject) else ""


def split_sections(text: str, subject: str, *, first_line: int = 1) -> list[Section]:
    """The sections of a body, in order; the first is the sender's own (possibly empty).

    >>> body = "See below.\\n\\n-----Original Message-----\\nFrom: Bob\\nSent: Monday\\nSubject: Plan\\n\\nWe go."
    >>> [(s.role, s.opener, [t for _, t in s.lines if t]) for s in split_sections(body, "RE: Plan")]
    [('own', '', ['See below.']), ('quote', 'original', ['We go.'])]
    >>> [(s.role, s.header.fields["from"]) for s in split_sections(body, "FW: Plan")[1:]]
    [('forward', 'Bob')]
    """
    lines = [(first_line + n, line.rstrip("\r")) for n, line in enumerate(text.split("\n"))]
    return _sections(lines, subject, "own", 0)


def _sections(lines: list[Line], subject: str, role: Role, depth: int) -> list[Section]:
    sections = [Section(role, depth=depth)]
    i = 0
    while i < len(lines):
        if _QUOTED.match(lines[i][1]):
            i = _quoted_run(lines, i, sections, subject, depth)
            continue
        opened = _opening(lines, i)
        if opened is None:
            sections[-1].lines.append(lines[i])
            i += 1
            continue
        opener, header, i, marker = opened
        role = _role(_enclosing(sections, depth), opener, subject)
        sections.append(Section(role, [], header, opener, marker=marker, depth=depth))
    return sections


def _enclosing(sections: list[Section], depth: int) -> Section:
    """The message that text at ``depth`` belongs to: the last one opened at that depth."""
    return next((s for s in reversed(sections) if s.depth == depth and not s.continued), sections[0])


def _role(enclosing: Section, opener: str, subject: str) -> Role:
    if enclosing.role == "quote":
        return "quote"
    if opener == "forwarded":
        return "forward"
    kind = subject_kind(enclosing.header.subject if enclosing.header else subject)
    if kind == "forward":
        return "forward"
    if kind == "reply" or opener in ("attribution", "quoted"):
        return "quote"
    return "forward"


def _opening(lines: list[Line], i: int) -> tuple[str, Header | None, int, str] | None:
    """``(opener, header, next index, marker)`` when a message inside the body starts at ``lines[i]``.

    ``marker`` is the text of a "Forwarded by ..." separator: who passed the message on, and when.
    """
    text = lines[i][1]
    separator = _separator(lines, i)
    if separator:
        opener, after = separator
        start = _skip_blank(lines, after)
        found = None
        if start < len(lines):
            found = read_notes_header(lines, start) or read_header_block(lines, start, after_separator=True)
        if found is None and opener == "underscores":
            return None
        header, end = found if found else (None, after)
        marker = " ".join(" ".join(t.strip(" -") for _, t in lines[i:after]).split()) if opener == "forwarded" else ""
        return ("forwarded" if opener == "forwarded" else "original"), header, end, marker
    if found := read_header_block(lines, i):
        return "header", found[0], found[1], ""
    if found := read_notes_header(lines, i):
        return "notes", found[0], found[1], ""
    if _ATTRIBUTION.match(text) and re.search(r"\d|@", text):
        return "attribution", _attribution_header(text, lines[i][0]), i + 1, ""
    if _BARE_ATTRIBUTION.match(text) and _quote_follows(lines, i + 1):
        return "attribution", _attribution_header(text, lines[i][0]), i + 1, ""
    return None


def _separator(lines: list[Line], i: int) -> tuple[str, int] | None:
    """``(kind, index after it)`` for a separator line; Notes' "Forwarded by" line may wrap onto a second line."""
    text = lines[i][1]
    if _ORIGINAL.match(text):
        return "original", i + 1
    if _FORWARDED.match(text):
        wraps = text.lstrip().startswith("-") and not _DASHES_END.search(text) and i + 1 < len(lines)
        if wraps and _DASHES_END.search(lines[i + 1][1]) and len(lines[i + 1][1].strip()) < 80:
            return "forwarded", i + 2
        return "forwarded", i + 1
    if _UNDERSCORES.match(text):
        return "underscores", i + 1
    return None


def _skip_blank(lines: list[Line], i: int) -> int:
    while i < len(lines) and is_blank(lines[i]):
        i += 1
    return i


def _quote_follows(lines: list[Line], i: int) -> bool:
    following = next((line for line in lines[i:] if not is_blank(line)), None)
    return following is not None and bool(_QUOTED.match(following[1]))


def _attribution_header(text: str, number: int) -> Header:
    """Who wrote the quoted text, from "On Mon, 4 Mar 2019, Bob Jones <bob@x.org> wrote:"."""
    inner = re.sub(rf"^\s*(?:on|am|le|el|il|op|em|den|at)\s+|\s*{_WROTE}", "", text.strip(), flags=re.I)
    found = _WHO.search(inner)
    who = found.group().strip() if found else inner.rsplit(",", 1)[-1].strip()
    who = re.sub(r"^.*\d{1,2}:\d{2}(?:\s*[AaPp]\.?[Mm]\.?)?\s*", "", who).strip() or who
    date = inner[: inner.rfind(who)].strip(" ,") if who in inner else ""
    fields = {"date": date} if date else {}
    if who.lower() not in ("you", "i", "he", "she", "they", "we", "u"):
        fields["from"] = who
    return Header(fields=fields, first=number, last=number)


def _quoted_run(lines: list[Line], i: int, sections: list[Section], subject: str, depth: int) -> int:
    """Read the ``>`` lines from ``lines[i]`` as messages of their own; return the index after them."""
    end = i
    while end < len(lines) and (_QUOTED.match(lines[end][1]) or (is_blank(lines[end]) and _quote_follows(lines, end))):
        end += 1
    inner = [(number, re.sub(r"^[ \t]{0,6}> ?", "", text)) for number, text in lines[i:end]]
    host = sections[-1]
    if host.opener == "attribution" and not any(not is_blank(line) for line in host.lines):
        sections.pop()  # the "On ... wrote:" line opened these quoted lines
        role, header, opener = host.role, host.header, "attribution"
    else:
        role, header, opener = _role(_enclosing(sections, depth), "quoted", subject), None, "quoted"
    inner_subject = header.subject if header and header.subject else subject
    nested = _sections(inner, inner_subject, role, depth + 1)
    nested[0].header, nested[0].opener = header, opener
    sections.extend(nested)
    if end < len(lines):
        enclosing = _enclosing(sections, depth)
        sections.append(Section(enclosing.role, [], enclosing.header, enclosing.opener, continued=True, depth=depth))
    return end
