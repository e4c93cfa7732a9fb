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

import re

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
_DISCLAIMER_OPENER = re.compile(
    r"^\s*(?:\**\s*)?(?:this|the information|the contents|confidentiality|notice|disclaimer|privileged|warning|"
    r"caution|important|if you|any (?:views|opinions)|diese|ce message|este|questo|dit|esta)\b",
    re.I,
)
SIGNATURE_DELIMITER = re.compile(
    r"^--\s?$|^\s*(?:sent from my|get outlook for|envoyé de mon|von meinem)\s.{1,40}$", re.I
)
_PROSE_WORDS = 5


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
    start = _disclaimer_start(lines)
    if start is not None:
        return (
            [*set_aside(lines[:start]), (start, len(lines), "legal disclaimer")]
            if start
            else [(0, len(lines), "legal disclaimer")]
        )
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


def _disclaimer_start(lines: list[str]) -> int | None:
    """Where a legal disclaimer begins in ``lines``, if they end with one."""
    text = " ".join(lines)
    if (
        not _DISCLAIMER_CORE.search(text)
        or len(set(m.group().lower()[:5] for m in _DISCLAIMER_CUES.finditer(text))) < 2
    ):
        return None
    for i, line in enumerate(lines):
        rest = " ".join(lines[i:])
        if _DISCLAIMER_OPENER.match(line) and _DISCLAIMER_CORE.search(rest) and _is_sentence_start(lines, i):
            return i
    return 0 if len(text.split()) <= 250 else None


def _is_sentence_start(lines: list[str], i: int) -> bool:
    return i == 0 or not lines[i - 1].strip() or bool(re.search(r"[.!?:*]\s*$|^\W*\w+\W*$", lines[i - 1].strip()))


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
