"""Bodies: a message's text, decoded, and the paragraphs of its sections (issue 12).

The plain-text body is preferred to the HTML one; a "plain" body that is really HTML (the
CMU release sends every body as ``text/plain``) is read as HTML. In HTML, quoted parts
(``<blockquote>``) become ``> `` lines and signature blocks follow a ``-- `` line, so the
same rules as for plain text find them. Paragraphs are blocks of lines between blank
lines; a block hard-wrapped at a fixed width (78 columns in Notes) is joined, while a
block of short lines (a list of names, a table) keeps one paragraph per line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from email.message import EmailMessage, MIMEPart

from ...paragraphs import decode, html_to_text, split_paragraphs
from ...text import CONTROL_CHARS as _CONTROLS
from .headers import Line
from .signature import continues_signature, is_signature_delimiter, set_aside

__all__ = ["body_text", "part_text", "block_paragraphs", "blocks"]

_LOOKS_HTML = re.compile(r"^\s*<[!a-z].{0,2000}?</?(?:html|head|body|table|div|p|br|font)\b", re.I | re.S)
_BLANKS_ONLY = re.compile(r"^[\W_]*$")  # "*****", "-----", "?": separators, no words
_QUOTED_HTML = "//blockquote[not(ancestor::blockquote)]"
_SIGNATURE_HTML = (
    "//*[contains(@class, 'gmail_signature')] | //*[contains(@class, 'moz-signature')]"
    " | //*[@id = 'Signature'] | //*[contains(@class, 'signature')]"
)
_HEADER_LINE_BYTES = re.compile(rb"\r?\n\r?\n")


def body_text(message: EmailMessage, raw: bytes = b"") -> tuple[str, int]:
    """The body's text and the line of ``raw`` where it starts: 0 when its lines are not the file's (HTML, base64)."""
    for preference in (("plain",), ("html",)):
        body = message.get_body(preferencelist=preference)
        if body is None:
            continue
        text = part_text(body)
        if body.get_content_subtype() == "html" or _LOOKS_HTML.match(text[:2000]):
            return _html_text(text), 0
        if text.strip():
            return text, _first_body_line(message, body, raw)
    return "", 0


def _first_body_line(message: EmailMessage, body: MIMEPart, raw: bytes) -> int:
    """Where a single-part body in 7 or 8 bit starts in the file: evidence can then cite the file's own line."""
    if (
        body is not message
        or not raw
        or message.get("content-transfer-encoding", "7bit").lower()
        not in (
            "7bit",
            "8bit",
            "binary",
        )
    ):
        return 0
    end = _HEADER_LINE_BYTES.search(raw)
    return raw[: end.start()].count(b"\n") + 3 if end else 0


def part_text(part: MIMEPart) -> str:
    """A text part decoded from its transfer encoding and declared charset."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset()
    if charset:
        try:
            return _CONTROLS.sub(" ", payload.decode(charset))
        except (LookupError, UnicodeDecodeError):
            pass  # an unknown charset, or one the sender declared wrongly ("us-ascii" for UTF-8)
    text, _ = decode(payload)
    return text or ""


def _html_text(markup: str) -> str:
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.document_fromstring(markup)
        for element in root.xpath(_QUOTED_HTML):
            _replace_with_lines(element, "> ")
        for element in root.xpath(_SIGNATURE_HTML):
            _replace_with_lines(element, "", first="-- ")
        markup = lxml.html.tostring(root, encoding="unicode")
    except (ValueError, etree.ParserError):
        pass  # not parseable as a tree: the stdlib parser below still reads it
    return html_to_text(markup)[1]


def _replace_with_lines(element: object, prefix: str, *, first: str = "") -> None:
    """Replace an element by one ``<div>`` per line of its text, each line prefixed (``"> "`` for a quote)."""
    import lxml.html
    from lxml import etree

    text = html_to_text(lxml.html.tostring(element, encoding="unicode"))[1]
    box = etree.Element("div")
    for line in ([first] if first else []) + text.split("\n"):
        etree.SubElement(box, "div").text = prefix + line
    box.tail = element.tail  # type: ignore[attr-defined]
    element.getparent().replace(element, box)  # type: ignore[attr-defined]


# -- paragraphs ----------------------------------------------------------------------------------------
def blocks(lines: list[Line]) -> Iterator[list[Line]]:
    """Runs of non-blank lines; a signature delimiter (``-- ``) ends its run and opens one of its own."""
    block: list[Line] = []
    for line in lines:
        if not line[1].strip():
            if block:
                yield block
            block = []
        elif is_signature_delimiter(line[1].strip()):
            if block:
                yield block
            block = [line]
        else:
            block.append(line)
    if block:
        yield block


def block_paragraphs(block: list[Line], *, width: int, signed: bool = False) -> Iterator[tuple[int, str, str]]:
    """``(line, text, reason)`` for the paragraphs of one block; reason ``""`` for prose, else why it is set aside.

    ``signed``: the block follows a signature, and belongs to it if it is a few short lines.
    """
    block = [line for line in block if not _BLANKS_ONLY.match(line[1])]
    texts = [_clean(text) for _, text in block]
    runs = [(0, len(texts), "signature")] if signed and continues_signature(texts) else set_aside(texts)
    for start, end, reason in runs:
        for first, joined in _unwrap(block[start:end], width):
            for piece in split_paragraphs(joined):
                yield first, piece.text, reason


def _clean(text: str) -> str:
    return " ".join(_CONTROLS.sub(" ", text).split())


def wrap_width(lines: list[Line]) -> int:
    """The width a body was hard-wrapped at: its longest lines, 0 when they are too long to be wrapped."""
    lengths = sorted((len(text.rstrip().expandtabs()) for _, text in lines if text.strip()), reverse=True)
    if not lengths:
        return 0
    width = lengths[min(len(lengths) - 1, len(lengths) // 10)]  # ignore the odd overlong line (a URL)
    return width if 40 <= width <= 100 else 0


def _unwrap(block: list[Line], width: int) -> Iterator[tuple[int, str]]:
    """Join lines that were wrapped because they reached ``width``; keep short lines apart."""
    if not block:
        return
    first, parts = block[0][0], [block[0][1]]
    for (_, above), (number, text) in zip(block, block[1:]):
        if width and len(above.rstrip().expandtabs()) >= 0.6 * width:
            parts.append(text)
            continue
        yield first, _join(parts)
        first, parts = number, [text]
    yield first, _join(parts)


def _join(parts: list[str]) -> str:
    out = _clean(parts[0])
    for part in parts[1:]:
        part = _clean(part)
        if out.endswith("-") and len(out) > 1 and out[-2].isalpha() and part[:1].islower():
            out += part  # mail wraps at spaces: a hyphen at a line's end joins a compound ("state-of-the-art")
        else:
            out = f"{out} {part}"
    return out.strip()
