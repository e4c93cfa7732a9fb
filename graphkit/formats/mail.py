"""E-mail: ``.eml`` messages and ``.mbox`` archives (issue 7).

Python's own ``email`` package parses the messages. Each message is one document:
its subject, date, sender and recipients are the metadata that evidence shows, its
body is decoded from the declared transfer encoding and charset (an unknown or wrong
charset falls back to graphkit's own detection), and the plain-text body is preferred
to the HTML one. Quoted replies (``> ...`` lines, the ``On ... wrote:`` line before
them, Outlook's ``Original Message`` blocks, HTML ``<blockquote>``) and signatures
(after ``-- ``) are cut, so a thread's text is counted once, in the message that
said it first. Paragraphs are blocks of lines between blank lines.

Attachments of the supported types (and attached messages) are read as documents of
their own, named after the message: ``mail.eml/report.pdf``, ``inbox.mbox#3/memo.docx``.
Messages of an mbox are named by position: ``inbox.mbox#3``.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterator
from email.message import EmailMessage, MIMEPart
from pathlib import PurePosixPath
from typing import Any

from ..paragraphs import Paragraph, decode, html_to_text
from ..text import CONTROL_CHARS as _CONTROLS
from . import MEDIA_TYPES as _CONTENT_TYPES  # attachment MIME type -> suffix, from the reader registry
from . import READERS, Failed, Part, Unreadable, _one_line, read_parts

__all__ = ["read_eml", "read_mbox", "message_paragraphs"]

_CARRIED = ("subject", "from", "to", "cc", "date")  # what an attachment's evidence shows of its message
# "On Mon, 4 Mar 2019 at 10:15, Bob Jones <bob@globex.example> wrote:" and its translations.
_ATTRIBUTION = re.compile(
    r"^(?:on|am|le|el|il|op|den)\s.{0,300}?(?:wrote|schrieb|a écrit|escribió|ha scritto|schreef|skrev)\s*:$", re.I
)
_ORIGINAL = re.compile(
    r"^-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original)\s*-{2,}$", re.I
)
_FORWARDED = re.compile(r"^-{2,}\s*forwarded message\s*-{2,}$|^begin forwarded message:$", re.I)
_SIGNATURE = re.compile(r"^--$|^sent from my \S+|^get outlook for \S+", re.I)
_HEADER_LINE = re.compile(r"^(?:from|sent|date|to|cc|subject|von|gesendet|an|betreff|de|envoyé|à|objet)\s*:", re.I)
_QUOTED_HTML = (
    "//blockquote | //*[contains(@class, 'gmail_quote')] | //*[contains(@class, 'gmail_signature')]"
    " | //*[contains(@class, 'moz-cite-prefix')] | //*[contains(@class, 'moz-signature')]"
    " | //*[@id = 'divRplyFwdMsg'] | //*[@id = 'divRplyFwdMsg']/following-sibling::*"
)


def read_eml(data: bytes) -> list[Part | Failed]:
    """The message in ``data`` and its attachments, each a document."""
    return _message_parts(_parse(data), "")


def read_mbox(data: bytes) -> list[Part | Failed]:
    """Every message of an mbox archive (``#1``, ``#2``...) and their attachments."""
    chunks = _split_mbox(data)
    if not chunks:
        raise Unreadable("not an mbox archive (no 'From ' line opens a message)")
    out: list[Part | Failed] = []
    for number, chunk in enumerate(chunks, 1):
        try:
            out.extend(_message_parts(_parse(chunk), f"#{number}"))
        except Unreadable as exc:
            out.append(Failed(f"#{number}", str(exc)))
    return out


def _parse(data: bytes) -> EmailMessage:
    from email import policy
    from email.parser import BytesParser

    message = BytesParser(policy=policy.default).parsebytes(data)
    if not any(_header(message, key) for key in ("from", "to", "subject", "date", "message-id")):
        raise Unreadable("not an e-mail message (no From, To, Subject or Date header)")
    return message  # type: ignore[return-value]


def _header(message: EmailMessage, key: str) -> str:
    try:
        value = message.get(key)
    except Exception:  # a header so malformed that even the lenient parser gives up
        return ""
    if value is None:
        return ""
    if key == "date" and getattr(value, "datetime", None) is not None:
        return value.datetime.isoformat(sep=" ")
    return " ".join(_CONTROLS.sub(" ", str(value)).split())


# -- one message ------------------------------------------------------------------------------
def _message_parts(message: EmailMessage, name: str) -> list[Part | Failed]:
    metadata: dict[str, Any] = {key: value for key in _CARRIED if (value := _header(message, key))}
    carried = dict(metadata)
    attached: list[Part | Failed] = []
    names: list[str] = []
    for number, attachment in enumerate(_attachments(message), 1):
        filename = _filename(attachment, number)
        names.append(filename)
        for found in _read_attachment(attachment, filename, f"{name}/{filename}"):
            if isinstance(found, Part) and found.format != "email":
                found.metadata = {**carried, **found.metadata}
            attached.append(found)
    if names:
        metadata["attachments"] = names
    paragraphs = message_paragraphs(_body_text(message))
    own = [Part(paragraphs, "email", title=metadata.get("subject", ""), metadata=metadata, name=name)]
    # A message that only carries attachments is not worth a "no text" warning.
    return (own if paragraphs or not attached else []) + attached


def _body_text(message: EmailMessage) -> str:
    for preference in (("plain",), ("html",)):
        body = message.get_body(preferencelist=preference)
        if body is None:
            continue
        text = _part_text(body)
        if body.get_content_subtype() == "html":
            text = _html_text(text)
        if text.strip():
            return text
    return ""


def _part_text(part: MIMEPart) -> str:
    """A text part decoded from its transfer encoding and declared charset."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset()
    if charset:
        try:
            return payload.decode(charset)
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
            element.drop_tree()
        markup = lxml.html.tostring(root, encoding="unicode")
    except (ValueError, etree.ParserError):
        pass  # not parseable as a tree: the stdlib parser below still reads it
    return html_to_text(markup)[1]


def message_paragraphs(text: str) -> list[Paragraph]:
    """The paragraphs a message body adds: quoted replies and the signature cut.

    >>> body = "See you in Paris.\\n\\nOn Mon, 4 Mar 2019, Bob <b@x.org> wrote:\\n> Berlin?\\n\\n-- \\nAlice"
    >>> [(p.number, p.line, p.text) for p in message_paragraphs(body)]
    [(1, 1, 'See you in Paris.')]
    """
    paragraphs: list[Paragraph] = []
    block: list[tuple[int, str]] = []
    for number, line in [*_new_lines(text.splitlines()), (0, "")]:
        if line:
            block.append((number, line))
        elif block:
            paragraphs.append(Paragraph(len(paragraphs) + 1, block[0][0], " ".join(ln for _, ln in block)))
            block = []
    return paragraphs


def _new_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """``(line number, text)`` of the lines the sender wrote; blank lines as ``""``."""
    forwarded = header = False
    skip = 0
    for i, raw in enumerate(lines):
        line = " ".join(_CONTROLS.sub(" ", raw).split())
        if i < skip or line.startswith(">"):
            continue
        if _SIGNATURE.match(line) or _ORIGINAL.match(line) or (not forwarded and _outlook_header(lines, i)):
            return  # everything after a signature or above a quoted original is not new
        if _FORWARDED.match(line):
            forwarded = header = True  # a forwarded message is new to this corpus: kept, minus its header
            continue
        if header:
            header = bool(line)
            if _HEADER_LINE.match(line) or not line:
                continue
        if attribution := _attribution(lines, i):
            if _quote_follows(lines, i + attribution):
                skip = i + attribution
                continue
            if re.search(r"\d|@", " ".join(lines[i : i + attribution])):
                return  # an unquoted original under its attribution line
        yield i + 1, line


def _attribution(lines: list[str], i: int) -> int:
    """How many lines (1 or 2) an ``On ... wrote:`` attribution starting at ``i`` takes; 0 if none."""
    one = lines[i].strip()
    if _ATTRIBUTION.match(one):
        return 1
    if i + 1 < len(lines) and _ATTRIBUTION.match(f"{one} {lines[i + 1].strip()}"):
        return 2
    return 0


def _quote_follows(lines: list[str], i: int) -> bool:
    rest = [line.strip() for line in lines[i:] if line.strip()]
    return not rest or rest[0].startswith(">")


def _outlook_header(lines: list[str], i: int) -> bool:
    """True at the "From: / Sent: / To: / Subject:" block Outlook puts above a quoted original."""
    window = [line.strip().lower() for line in lines[i : i + 6]]
    if not window or not window[0].startswith(("from:", "von:", "de:")):
        return False
    return any(w.startswith(("sent:", "date:", "gesendet:", "envoyé:")) for w in window) and any(
        w.startswith(("subject:", "betreff:", "objet:")) for w in window
    )


# -- attachments ----------------------------------------------------------------------------------
def _attachments(message: EmailMessage) -> Iterator[EmailMessage]:
    if not message.is_multipart():
        if message.get_content_maintype() not in {"text", "multipart"}:
            yield message  # the whole message is one attached file
        return
    for part in message.iter_attachments():
        if part.get_content_type() == "message/rfc822" or not part.is_multipart():
            yield part
        else:
            yield from _attachments(part)


def _filename(part: EmailMessage, number: int) -> str:
    try:
        raw = part.get_filename() or ""
    except Exception:
        raw = ""
    name = PurePosixPath(raw.replace("\\", "/")).name.strip()
    if not name:
        name = f"attachment-{number}{mimetypes.guess_extension(part.get_content_type()) or ''}"
    return " ".join(name.split())


def _read_attachment(part: EmailMessage, filename: str, name: str) -> list[Part | Failed]:
    if part.get_content_type() == "message/rfc822":
        try:
            return _message_parts(part.get_payload(0), name)  # type: ignore[arg-type]
        except (Unreadable, IndexError, TypeError) as exc:
            return [Failed(name, f"cannot read the attached message ({_one_line(exc)})")]
    suffix = PurePosixPath(filename).suffix.lower()
    if suffix not in READERS:
        suffix = _CONTENT_TYPES.get(part.get_content_type(), "")
    if not suffix:
        return []  # an image, an archive, a calendar invitation: nothing graphkit reads
    if part.get_content_maintype() == "text":
        data = _part_text(part).encode("utf-8")  # the charset is declared on the part, not in the bytes
    else:
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
    if not data.strip():
        return [Failed(name, "empty attachment")]
    return read_parts(data, suffix, name=name)


# -- mbox ---------------------------------------------------------------------------------------------
# The envelope line that opens each message: "From alice@example.org Mon Mar  4 10:15:00 2019".
# A time on it and a header on the next line tell it from body text that starts with "From ".
_ENVELOPE = re.compile(rb"^From \S*.*\d{1,2}:\d{2}.*\n(?=[!-9;-~]+:)", re.MULTILINE)
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)


def _split_mbox(data: bytes) -> list[bytes]:
    data = data.replace(b"\r\n", b"\n")
    starts = [m for m in _ENVELOPE.finditer(data)]
    if not starts or data[: starts[0].start()].strip():
        return []
    ends = [m.start() for m in starts[1:]] + [len(data)]
    return [_ESCAPED_FROM.sub(rb"\1", data[m.end() : end]) for m, end in zip(starts, ends, strict=True)]
