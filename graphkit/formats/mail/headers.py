"""Header blocks inside a message body: the From/Sent/To/Subject lines of forwards and replies (issue 12).

Mail programs put the header of the message they forward or answer into the body, in
the user's language (``Von:``, ``Envoyé :``, ``Asunto:``...), and Lotus Notes writes its own
shapes: ``From: Jeff Skilling on 05/17/2000 02:04 PM``, a sender line and a date line
above ``To:``, or everything on one line. None of it is prose: :func:`read_header_block`
and :func:`read_notes_header` parse these lines into a :class:`Header` (its correspondents
and date), so they never reach NER.

Lines are ``(line number, text)`` pairs, as :mod:`~graphkit.formats.mail.thread` walks them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .people import ROLES, Person, as_header, parse_people

__all__ = ["Header", "Line", "read_header_block", "read_notes_header", "header_key", "is_blank"]

Line = tuple[int, str]

# Field names as mail programs write them in English, German, French, Spanish, Italian,
# Dutch and Portuguese, and what each means.
_KEYS = {
    "from": "from von de da van absender expéditeur remitente mittente afzender remetente",
    "date": "sent date gesendet datum envoyé fecha enviado enviada inviato data verzonden verstuurd",
    "to": "to an à a para aan destinataire destinatario destinatário",
    "cc": "cc kopie copie copia cópia",
    "bcc": "bcc cci cco ccn blindkopie",
    "subject": "subject subj betreff objet asunto oggetto onderwerp assunto",
    "reply-to": "reply-to antwort-an",
}
KEYS = {word: key for key, words in _KEYS.items() for word in words.split()}
KEYS |= {
    "envoyé le": "date",
    "enviado el": "date",
    "enviado em": "date",
    "enviada em": "date",
    "please respond to": "reply-to",
}
# "Sent:", "Betreff :", "Please respond to" — and any other "Field: value" line, which a block keeps as it is.
_KEY_LINE = re.compile(r"^\s*(?P<key>[^\W\d_][\w'’ .#-]{0,30}?)\s*:(?:\s+|$)(?P<value>.*)$")
_TRANSPORT = frozenset(
    "return-path received message-id mime-version content-type content-transfer-encoding delivered-to".split()
)
_ADDRESS_KEYS = frozenset({"to", "cc", "bcc", "from", "reply-to"})
# "06/12/2000 11:53 AM", "18/04/2001 08:22", "04/24/01 07:40 PM CDT", "2019-03-04 10:15"
DATE_TIME = (
    r"(?:\d{1,2}/\d{1,2}/\d{2,4}|\d{4}-\d{2}-\d{2}),?\s+\d{1,2}:\d{2}(?::\d{2})?"
    r"(?:\s*[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4}\b)?"
)
_TRAILING_DATE = re.compile(rf"\s+(?:on\s+)?(?P<date>{DATE_TIME})\s*$")
# Notes puts the sender above the To: line: "Jere C Overdyke" + "05/18/2000 08:50 AM", or
# '"Chris Hayes" <c@x.com> on 06/10/2000 03:21:08 PM', or one line that holds the whole header.
_SENDER_DATE = re.compile(rf"^\s*(?P<who>\S.{{0,120}}?)\s+(?:on\s+)?(?P<date>{DATE_TIME})\s*(?P<rest>.*)$")
_DATE_ONLY = re.compile(rf"^\s*(?P<date>{DATE_TIME})\s*$")
_SENT_BY = re.compile(r"\s+Sent by:.*$", re.I)
_INLINE_KEY = re.compile(r"(?:^|\s)(To|cc|bcc|Subject)\s*:", re.I)


@dataclass
class Header:
    """The header of a message quoted or forwarded inside another one."""

    fields: dict[str, str] = field(default_factory=dict)  # from, date, to, cc, bcc, subject, reply-to
    other: list[str] = field(default_factory=list)  # other lines of the block ("Phone No: ...")
    first: int = 0  # line numbers of the block
    last: int = 0

    @property
    def subject(self) -> str:
        return self.fields.get("subject", "")

    def people(self) -> list[tuple[str, Person]]:
        """``(role, person)`` for the block's From, To, Cc and Bcc."""
        return [(role, p) for role in ROLES for p in parse_people(self.fields.get(role, ""))]

    def summary(self) -> dict[str, object]:
        """What the document's metadata keeps of this header: correspondents, date, subject."""
        people = self.people()
        out: dict[str, object] = {
            role: as_header(p for r, p in people if r == role) for role in ROLES if self.fields.get(role)
        }
        out |= {key: self.fields[key] for key in ("date", "subject") if self.fields.get(key)}
        out["participants"] = [p.as_dict(role) for role, p in people]
        out["other"] = self.other  # "Please respond to ...", a Notes sender's company: kept, not prose
        return {k: v for k, v in out.items() if v}

    def attribution(self) -> str:
        """'Jeff Dasovich, 07/05/2001 12:07 PM' — who wrote the quoted text, and when."""
        names = [p.name or p.address for role, p in self.people() if role == "from"]
        return ", ".join(x for x in [", ".join(names), self.fields.get("date", "")] if x)


def is_blank(line: Line) -> bool:
    return not line[1].strip()


def header_key(text: str) -> str:
    """The meaning of a header line's field (``"from"``, ``"date"``...), ``"?"`` for another field, ``""`` for none."""
    found = _KEY_LINE.match(text)
    if found is None:
        return ""
    return KEYS.get(" ".join(found["key"].lower().split()), "?")


def read_header_block(lines: list[Line], i: int, *, after_separator: bool = False) -> tuple[Header, int] | None:
    """The header block that starts at ``lines[i]``, and the index of the first line after it.

    Without a separator line above it, a block must name a subject and two of sender
    (``From:``, ``Von:``...), recipients and date, so ``Date: May 30`` in a meeting note
    is prose. A raw RFC 822 header pasted into a body (AOL forwards) is read to its end,
    ``Received:`` lines and all. After a separator (``-----Original Message-----``) any
    header field may open it, and up to three lines before the first field (Notes prints
    the sender's company there) belong to it.
    """
    start = i
    raw = _raw_header_run(lines, i)
    if after_separator:
        first = _skip_preamble(lines, i)
        if first is None:
            return None
        i = first
    elif header_key(lines[i][1]) in ("", "?") and not raw:
        return None
    header, end = _read_fields(lines, i, raw=raw)
    header.other[:0] = [text.strip() for _, text in lines[start:i] if text.strip()]
    found = set(header.fields)
    if after_separator and found & {"from", "date", "to", "subject"}:
        return _finish(header, lines, start, end)
    if "subject" in found and len(found & {"from", "date", "to", "cc"}) >= 2 and found & {"from", "to"}:
        return _finish(header, lines, start, end)
    return None


def _skip_preamble(lines: list[Line], i: int) -> int | None:
    seen = 0
    while i < len(lines):
        text = lines[i][1]
        if header_key(text) not in ("", "?"):
            return i
        if text.strip():
            seen += 1
            if seen > 3 or len(text.split()) > 6:
                return None
        i += 1
    return None


def _raw_header_run(lines: list[Line], i: int) -> bool:
    """True at a raw RFC 822 header pasted into a body (AOL forwards): three or more field lines."""
    run, transport = 0, False
    for _, text in lines[i : i + 40]:
        if (found := _KEY_LINE.match(text)) and not text[:1].isspace():
            run += 1
            transport = transport or found["key"].lower() in _TRANSPORT or found["key"].lower().startswith("x-")
        elif not (text[:1] in " \t" and text.strip() and run):
            break
    return run >= 3 and transport


def _read_fields(lines: list[Line], i: int, *, raw: bool = False) -> tuple[Header, int]:
    header = Header()
    key = ""
    while i < len(lines):
        number, text = lines[i]
        if not text.strip():
            following = _next_filled(lines, i)
            if raw or "subject" in header.fields or following is None or not header_key(lines[following][1]):
                break
            i = following  # Notes leaves blank lines between From: and To:
            continue
        meaning = header_key(text)
        if meaning == "?" and not raw and ("subject" in header.fields or len(text) > 100):
            break  # "Note: ..." under the subject line opens the body
        if raw and not meaning:
            i += 1  # a folded "Received:" line: a raw header ends only at a blank line
            continue
        if meaning:
            found = _KEY_LINE.match(text)
            assert found is not None
            key = _store(header, meaning, found["key"], found["value"])
        elif not _continues(header, key, lines, i):
            break
        else:
            header.fields[key] = f"{header.fields[key]} {text.strip()}".strip()
        i += 1
    return header, i


def _store(header: Header, meaning: str, name: str, value: str) -> str:
    value = value.strip()
    if meaning == "?" or meaning in header.fields:
        header.other.append(f"{name.strip()}: {value}")
        return ""
    header.fields[meaning] = value
    return meaning


def _continues(header: Header, key: str, lines: list[Line], i: int) -> bool:
    """Whether ``lines[i]`` carries on the field ``key`` of the line above (a wrapped address list or subject)."""
    text, above = lines[i][1], lines[i - 1][1]
    if not key:
        return False
    if text[:1] in " \t" and key not in ("subject",):
        return True  # RFC 822 folding
    if key in _ADDRESS_KEYS:
        return bool(re.search(r"[@/;]", text)) or above.rstrip().endswith((",", ";"))
    following = _next_filled(lines, i + 1)
    return key == "subject" and len(above.rstrip()) >= 60 and (following is None or following > i + 1)


def _next_filled(lines: list[Line], i: int) -> int | None:
    return next((j for j in range(i, len(lines)) if lines[j][1].strip()), None)


def _finish(header: Header, lines: list[Line], start: int, end: int) -> tuple[Header, int]:
    """Move a date written after the sender ("Jeff Skilling on 05/17/2000 02:04 PM") to the date field."""
    sender = header.fields.get("from", "")
    if (found := _TRAILING_DATE.search(sender)) and "date" not in header.fields:
        header.fields["from"], header.fields["date"] = sender[: found.start()].strip(), found["date"]
    if "cc" in header.fields and (bcc := re.search(r"\(bcc:\s*(.*?)\)", header.fields["cc"], re.I)):
        header.fields["bcc"] = bcc.group(1)
        header.fields["cc"] = header.fields["cc"].replace(bcc.group(0), "").strip()
    header.first, header.last = lines[start][0], lines[end - 1][0]
    return header, end


def read_notes_header(lines: list[Line], i: int) -> tuple[Header, int] | None:
    """A Lotus Notes header without a ``From:`` field, at ``lines[i]``; ``None`` if there is none.

    The sender and date open it (on one line, or on two), and ``To:`` follows on the same
    line or within the next few lines: a date and a To: field after a short name is
    not prose.
    """
    sender = _notes_sender(lines, i)
    if sender is None:
        return None
    who, date, rest, j = sender
    header = Header(fields={"from": _SENT_BY.sub("", who).strip(" \t\"'"), "date": date})
    if rest:
        if not re.match(r"To\s*:", rest, re.I):
            return None
        _inline_fields(header, rest)
        return _finish(header, lines, i, j)
    to = _find_to(lines, j, header)
    if to is None:
        return None
    found, end = _read_fields(lines, to)
    if "to" not in found.fields:
        return None
    header.fields |= {k: v for k, v in found.fields.items() if k != "from"}
    header.other += found.other
    return _finish(header, lines, i, end)


def _notes_sender(lines: list[Line], i: int) -> tuple[str, str, str, int] | None:
    """``(who, date, rest of line, next index)`` when ``lines[i]`` opens a Notes header."""
    text = lines[i][1]
    if not text.strip() or header_key(text) not in ("", "?") or len(text) > 2000:
        return None
    text = re.sub(r"^.{0,60}?\s(?:From|Von|De|Da|Van)\s*:\s*", "", text)  # "Enron Energy Services  From:  Name  date"
    if (found := _SENDER_DATE.match(text)) and _name_like(found["who"]):
        return found["who"], found["date"], found["rest"].strip(), i + 1
    following = _next_filled(lines, i + 1)
    if following is not None and following <= i + 2 and (date := _DATE_ONLY.match(lines[following][1])):
        if _name_like(text):
            return text.strip(), date["date"], "", following + 1
    return None


def _name_like(text: str) -> bool:
    """A sender: a few words or an address, not a sentence."""
    text = re.sub(r"<[^<>]*>|\S+@\S+", "", _SENT_BY.sub("", text)).strip(" \t\"'")
    return 0 < len(text.split()) <= 8 and not re.search(r"[!?]|:\s|\b[a-z]{3,}[.,;]", text)


def _find_to(lines: list[Line], j: int, header: Header) -> int | None:
    """The ``To:`` line within a few lines of a Notes sender, past "Please respond to" and blank lines."""
    skipped = 0
    while j < len(lines) and skipped <= 4:
        text = lines[j][1]
        meaning = header_key(text)
        if meaning == "to":
            return j
        if meaning == "reply-to" or (not meaning and text.strip() and skipped < 2):
            header.other.append(text.strip())
        elif text.strip():
            return None
        skipped += 1
        j += 1
    return None


def _inline_fields(header: Header, rest: str) -> None:
    """``To: a, b  cc: c  Subject: d`` written on one line."""
    keys = list(_INLINE_KEY.finditer(rest))
    for found, following in zip(keys, keys[1:] + [None]):
        value = rest[found.end() : following.start() if following else len(rest)]
        header.fields.setdefault(found.group(1).lower(), " ".join(value.split()))
