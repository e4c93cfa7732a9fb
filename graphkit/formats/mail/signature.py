"""Signatures, contact details, legal disclaimers and attachment stubs: mail text that is not prose (issue 12).

``Jeff Skilling 713.853.5984`` and ``Houston, TX 77002`` are not evidence that two
entities are related, and a confidentiality notice under every message would make its
words the strongest link in the graph. :func:`set_aside` splits a block of lines (the
lines between two blank ones) into runs and says which runs are not prose, and why; the
reader keeps them as ``boilerplate`` paragraphs with that reason, so nothing is lost and
``--include boilerplate`` brings them back.

The signals are general: phone-number and postal-address shapes, a closing word
(``Regards``, ``Mit freundlichen Grüßen``...) above a few short lines, short title-case
lines, and the vocabulary every disclaimer shares (an intended recipient, an error, a
prohibition).
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator

__all__ = ["set_aside", "continues_signature", "SIGNATURE_DELIMITER", "is_signature_delimiter"]

_PHONE = re.compile(
    r"(?<![\d/])(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s./-])\d{3}[\s.-]\d{4}(?!\d)"  # 713.853.5984, (415) 782-7802
    r"|\+\d{1,3}[\s.-]?(?:\(0\)\s?)?\d{1,4}(?:[\s.-]?\d{2,4}){2,4}(?!\d)"  # +44 20 7123 4567
    r"|(?:tel|phone|ph|fax|cell|mobile|mob|pager|direct|office|work|home)\b\W{0,4}(?:no\.?|#|number)?\W{0,3}\(?\+?\d{2}",
    re.I,
)
_SHORT_PHONE = re.compile(r"(?<![\d/.-])\d{3}-\d{4}(?![\d/-])")  # "Zulie 853-3908": only in a short line
_POSTAL = re.compile(
    r"\b[A-Z]{2}\.?,?\s+\d{5}(?:-\d{4})?\b"  # Houston, TX 77002
    r"|\bP\.?\s?O\.?\s+Box\b"
    r"|^\s*\d{1,6}\s+(?:[A-Z][\w.'-]*\s+){1,4}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Drive|Dr|Lane|Ln|Way|"
    r"Place|Pl|Court|Ct|Parkway|Pkwy|Plaza|Square|Sq|Strasse|Straße)\b\.?"
    r"|\b(?:Suite|Ste\.|Floor)\s+\d+"
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b"  # a UK postcode
)
_ADDRESS_ONLY = re.compile(r"^\s*(?:e-?mail\s*:?\s*|web\s*:?\s*)?(?:\S+@\S+\.\w+|(?:https?://|www\.)\S+)\s*$", re.I)
_CLOSING = re.compile(
    r"^\s*-*\s*(?:best|best regards|best wishes|kind regards|regards|warm regards|warmest regards|rgds|many thanks|"
    r"thanks|thank you|thanks again|thanks much|thx|cheers|sincerely|yours|yours truly|sincerely yours|"
    r"respectfully|talk soon|all the best|take care|mit freundlichen grüßen|mit freundlichen grüssen|viele grüße|"
    r"beste grüße|gruß|grüße|cordialement|bien cordialement|bien à vous|amitiés|saludos|atentamente|un saludo|"
    r"cordiali saluti|distinti saluti|saluti|met vriendelijke groet(?:en)?|groeten|atenciosamente|abraços|"
    r"cumprimentos)\b[\s,.!-]*(?P<rest>.*)$",
    re.I,
)
_ATTACHMENT = re.compile(
    r"^\s*(?:-\s+\S.{0,80}\.\w{2,5}|<<.{1,120}>>|<Embedded [^>]{1,60}>|\[IMAGE\]|\[cid:[^\]]+\])\s*$", re.I
)
# Every disclaimer names the intended recipient or a message received in error, in some language.
_DISCLAIMER_CORE = re.compile(
    r"intended (?:solely |only )?for (?:the )?(?:use|individual|person|addressee|named|recipient)|"
    r"(?:intended|named|authori[sz]ed) recipient|received (?:this|it|the) .{0,40}in error|sole use of the|"
    r"(?:are|is) not the (?:intended|addressee)|destinataire|empfänger|destinatari[oa]|geadresseerde|destinatário",
    re.I,
)
_DISCLAIMER_CUES = re.compile(
    r"confidential|privileged|prohibited|notify|delete|disclos|distribut|dissemina|copying|virus|binding|"
    r"legally|attorney|liab|vertraulich|confidentiel|confidencial|riservat|vertrouwelijk|proibid|"
    r"absender|vernicht|lösch|expéditeur|détrui|supprim|avertir|remitente|destru|elimin|mittente|distrugg|"
    r"cancell|afzender|vernietig|verwijder|remetente|apag",
    re.I,
)
SIGNATURE_DELIMITER = re.compile(
    r"^--\s?$|^\s*(?:sent from my|get outlook for|envoyé de mon|von meinem)\s.{1,40}$", re.I
)
_PROSE_WORDS = 5
# A sentence: up to its full stop (not one inside "Corp." or "e.g." followed by lower case) or the text's end.
_SENTENCE = re.compile(r".+?(?:[.!?]+(?=\s+[^a-z\s]|\s*$)|$)", re.S)
_CLOSING_WORDS = 4  # "Thank you." after a disclaimer is part of it
_SHORT_SENTENCE = 10  # words: "This e-mail is the property of Acme Corp." joins the disclaimer around it


def is_signature_delimiter(text: str) -> bool:
    return bool(SIGNATURE_DELIMITER.match(text))


def set_aside(lines: list[str]) -> list[tuple[int, int, str]]:
    """``(start, end, reason)`` runs covering ``lines`` in order; ``reason`` is ``""`` for prose.

    >>> set_aside(["Thanks,", "Ginger Dernehl", "Administrative Coordinator", "Phone# 713-853-7751"])
    [(0, 4, 'signature')]
    >>> set_aside(["The board met Kenneth Lay on Monday and agreed the plan.", "Regards", "Delainey"])
    [(0, 1, ''), (1, 3, 'signature')]
    >>> set_aside(["Please call Kenneth Lay at 713-853-7751 about the board meeting."])
    [(0, 1, '')]
    """
    if not lines:
        return []
    span = _disclaimer_span(lines)
    if span is not None:
        start, end = span
        return [*set_aside(lines[:start]), (start, end, "legal disclaimer"), *_shift(set_aside(lines[end:]), end)]
    if all(_ATTACHMENT.match(line) for line in lines):
        return [(0, len(lines), "attachment name")]
    reason = _signature(lines)
    if reason:
        return [(0, len(lines), reason)]
    cut = _signature_tail(lines)
    if cut is not None:
        return [(0, cut, ""), (cut, len(lines), _signature(lines[cut:]) or "signature")]
    return [(0, len(lines), "")]


def continues_signature(lines: list[str]) -> bool:
    """Whether a block under a signature still belongs to it: a few short lines, none of them a sentence.

    Signatures are often spaced out: "Talk soon," / blank / "Christopher D. Hayes" / blank / "GLOWJAX LLC".

    >>> continues_signature(["GLOWJAX LLC"]), continues_signature(["P.S. Ken Lay called me."])
    (True, False)
    """
    return len(lines) <= 6 and all(_signature_line(line) for line in lines)


def _signature_line(line: str) -> bool:
    words = line.split()
    return len(words) <= 6 and not _is_prose(line) and not (len(words) >= 3 and re.search(r"[.!?]$", line))


def _disclaimer_span(lines: list[str]) -> tuple[int, int] | None:
    """The lines ``[start, end)`` of the first legal disclaimer in ``lines``, if there is one.

    A disclaimer is a run of sentences that each speak its vocabulary (a cue such as
    "confidential" or "delete", or the intended recipient), short sentences between them
    included ("This e-mail is the property of Acme Corp."; "Thank you."). It needs the
    recipient clause and two kinds of cue. A sentence of ordinary prose ends the run, so
    the run never carries across running text before or after it (issue 10).

    >>> _disclaimer_span(["We agreed the price with Dynegy on Monday and will sign the deal next week.",
    ...     "This message is confidential. If you are not the intended recipient, delete it.",
    ...     "Call Sally Beck about the gas contracts before the board meets on Friday afternoon."])
    (1, 2)
    """
    text = " ".join(lines)
    if not _DISCLAIMER_CORE.search(text) or len(_cue_kinds(text)) < 2:
        return None
    starts = list(itertools.accumulate((len(line) + 1 for line in lines), initial=0))
    for run in _sentence_runs(lines):
        chars = text[run[0] : run[1]]
        if _DISCLAIMER_CORE.search(chars) and len(_cue_kinds(chars)) >= 2:
            first = bisect.bisect_right(starts, run[0]) - 1
            last = bisect.bisect_left(starts, run[1])
            # a line shared with prose stays prose: the evidence is kept, not the disclaimer
            first += not _starts_line(text, starts[first], run[0])
            last -= _is_prose(text[run[1] : starts[last] - 1])
            if first < last:
                return first, last
    return None


def _cue_kinds(text: str) -> set[str]:
    return {m.group().lower()[:5] for m in _DISCLAIMER_CUES.finditer(text)}


def _sentence_runs(lines: list[str]) -> Iterator[tuple[int, int]]:
    """Character spans (in the lines joined by spaces) of the runs of disclaimer sentences.

    Short sentences between two disclaimer sentences belong to the run, and so does a short closing
    ("Thank you."); short lines before it do not ("Your document references Pablo Acevedo.").
    """
    spans = list(_sentences(lines))
    text = " ".join(lines)
    marks = [_sentence_mark(text[a:b]) for a, b in spans]
    i = 0
    while i < len(spans):
        if marks[i] == "prose":
            i += 1
            continue
        j = i
        while j < len(spans) and marks[j] != "prose":
            j += 1
        run = [k for k in range(i, j) if marks[k] == "disclaimer"]
        if run:  # short sentences between disclaimer sentences join it, and a closing "Thank you."
            end = run[-1] + 1
            while end < j and end - run[-1] <= 2 and len(text[slice(*spans[end])].split()) <= _CLOSING_WORDS:
                end += 1
            yield spans[run[0]][0], spans[end - 1][1]
        i = j


def _sentences(lines: list[str]) -> Iterator[tuple[int, int]]:
    """Sentence spans in the lines joined by spaces. A line well short of the block's width ends its sentence:
    header-like lines ("was   Greg Whalley", "at: 09/10/2001") do not run into the text below them."""
    full = 0.7 * max(len(line) for line in lines)
    offset, group = 0, ""
    for i, line in enumerate(lines):
        group += line + " "
        if len(line) < full or i == len(lines) - 1:
            for m in _SENTENCE.finditer(group):
                if m.group().strip():
                    yield offset + m.start(), offset + m.end()
            offset += len(group)
            group = ""


def _sentence_mark(sentence: str) -> str:
    if _DISCLAIMER_CORE.search(sentence) or _DISCLAIMER_CUES.search(sentence):
        return "disclaimer"
    return "short" if len(sentence.split()) < _SHORT_SENTENCE else "prose"


def _starts_line(text: str, line_start: int, at: int) -> bool:
    return not text[line_start:at].strip() or not _is_prose(text[line_start:at])


def _shift(runs: list[tuple[int, int, str]], by: int) -> list[tuple[int, int, str]]:
    return [(start + by, end + by, reason) for start, end, reason in runs]


def _signature(lines: list[str]) -> str:
    """``"signature"`` or ``"contact details"`` when every line of ``lines`` belongs to a signature, else ``""``."""
    if len(lines) > 10 or any(_is_prose(line) for line in lines):
        return ""
    contact = sum(bool(_contact(line)) for line in lines)
    if _CLOSING.match(lines[0]) and len(lines) <= 5 and len(lines[0].split()) <= 6:
        return "signature"
    if contact and contact == len(lines):
        return "contact details"
    if contact:
        return "signature"
    return ""


def _signature_tail(lines: list[str]) -> int | None:
    """Where a signature starts at the end of a block that opens with prose."""
    for i in range(max(1, len(lines) - 10), len(lines)):
        if lines[i][:1].islower() and not _contact(lines[i]):
            continue  # "...the attention of the country on" / "the" / "impact of price caps.": a sentence goes on
        if _signature(lines[i:]) and (_CLOSING.match(lines[i]) or _contact(lines[-1])):
            return i
    return None


def _contact(line: str) -> bool:
    if _PHONE.search(line) or _POSTAL.search(line) or _ADDRESS_ONLY.match(line):
        return True
    return bool(_SHORT_PHONE.search(line)) and len(line.split()) <= 6


def _is_prose(line: str) -> bool:
    """A line of running text: five or more words, many of them lower-case."""
    words = re.findall(r"[^\W\d_][\w'’-]*", line)
    if len(words) < _PROSE_WORDS:
        return False
    return len(words) >= 9 or sum(w[0].islower() for w in words) >= 0.4 * len(words)
