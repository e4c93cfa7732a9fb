"""One message as a document: its correspondents, its paragraphs and what each paragraph is (issue 12).

The document's metadata holds what evidence and the graph need:

- ``subject``, ``date``, ``message_id``, and ``from``/``to``/``cc`` as one line each, with
  names (``Cindy Olson <cindy.olson@enron.com>``), for evidence lines;
- ``participants``: ``{"role": "from"|"to"|"cc"|"bcc", "name", "address"}`` per correspondent;
- ``embedded``: the messages forwarded or quoted inside the body, outermost first, each
  with its ``role`` (``forward`` or ``quote``), the ``paragraphs`` it spans (first, last;
  absent when it holds none), and its own ``from``/``to``/``date``/``subject``/``participants``;
- ``attachments``: the names of the attached files.

Paragraphs carry a kind when they are not the sender's prose: ``quote`` for a quoted
reply (the reason names who wrote it, and when), ``boilerplate`` for signatures, contact
details, disclaimers and attachment stubs. Forwarded text is prose of this message.
"""

from __future__ import annotations

from typing import Any

from ...paragraphs import Paragraph
from .. import Failed, Part
from .archive import header_value
from .attachments import attachments, filename, read_attachment
from .body import block_paragraphs, blocks, body_text, wrap_width
from .people import ROLES, as_header, correspondents
from .signature import is_signature_delimiter
from .thread import Section, split_sections

__all__ = ["message_parts", "message_paragraphs"]

_CARRIED = ("subject", "from", "to", "cc", "date")  # what an attachment's evidence shows of its message


def message_parts(message: Any, name: str, raw: bytes = b"") -> list[Part | Failed]:
    """The message (``name``: ``""``, ``"#3"``...) as a document, and its attachments as documents."""
    metadata = _metadata(message)
    carried = {key: metadata[key] for key in _CARRIED if metadata.get(key)}
    attached: list[Part | Failed] = []
    names: list[str] = []
    for number, attachment in enumerate(attachments(message), 1):
        names.append(filename(attachment, number))
        for found in read_attachment(attachment, f"{name}/{names[-1]}", message_parts):
            if isinstance(found, Part) and found.format != "email":
                found.metadata = {**carried, **found.metadata}
            attached.append(found)
    if names:
        metadata["attachments"] = names
    text, first_line = body_text(message, raw)
    paragraphs, embedded = message_paragraphs(text, metadata.get("subject", ""), first_line=first_line)
    if embedded:
        metadata["embedded"] = embedded
    own = [Part(paragraphs, "email", title=metadata.get("subject", ""), metadata=metadata, name=name)]
    # A message that only carries attachments is not worth a "no text" warning.
    return (own if paragraphs or not attached else []) + attached


def _metadata(message: Any) -> dict[str, Any]:
    people = correspondents(lambda key: header_value(message, key))
    metadata: dict[str, Any] = {key: header_value(message, key) for key in ("subject", "date")}
    metadata["message_id"] = header_value(message, "message-id")
    for role in ROLES[:3]:
        metadata[role] = as_header(p for r, p in people if r == role)
    metadata["participants"] = [p.as_dict(role) for role, p in people]
    return {k: v for k, v in metadata.items() if v}


def message_paragraphs(text: str, subject: str = "", *, first_line: int = 1) -> tuple[list[Paragraph], list[dict]]:
    """The paragraphs of a body, and the forwarded and quoted messages in it (see the module docstring).

    ``first_line``: the file's line where the body starts; 0 when the body's lines are not
    the file's (an HTML or base64 body), and then every paragraph's line is 0 (unknown).

    >>> body = "Fine by me.\\n\\nOn Mon, 4 Mar 2019, Bob <b@x.org> wrote:\\n> Berlin?\\n\\n-- \\nAlice"
    >>> paragraphs, embedded = message_paragraphs(body, "Re: Trip")
    >>> [(p.number, p.text, p.kind) for p in paragraphs]
    [(1, 'Fine by me.', None), (2, 'Berlin?', 'quote'), (3, 'Alice', 'boilerplate')]
    >>> embedded[0]["role"], embedded[0]["paragraphs"], embedded[0]["from"]
    ('quote', [2, 2], 'Bob <b@x.org>')
    """
    paragraphs: list[Paragraph] = []
    embedded: list[dict] = []
    for section in split_sections(text, subject, first_line=max(first_line, 1)):
        before = len(paragraphs)
        paragraphs.extend(_section_paragraphs(section, before, lines_known=first_line > 0))
        if section.role != "own" and (section.header or section.marker) and not section.continued:
            embedded.append(_embedded(section, before, len(paragraphs)))
        elif section.role != "own" and embedded and len(paragraphs) > before:
            # more text of the message above (after a run of "> " lines), or quoted lines without a header
            embedded[-1].setdefault("paragraphs", [before + 1, before + 1])[1] = len(paragraphs)
    return paragraphs, embedded


def _section_paragraphs(section: Section, numbered: int, *, lines_known: bool = True) -> list[Paragraph]:
    out: list[Paragraph] = []
    width = wrap_width(section.lines)
    delimited = False  # after a "-- " line, the rest of the section is the signature
    signed = False  # the block above ended with a signature
    for block in blocks(section.lines):
        delimited = delimited or is_signature_delimiter(block[0][1].strip())
        reason = ""
        for line, text, reason in block_paragraphs(block, width=width, signed=signed):
            reason = "signature" if delimited and not reason else reason
            kind, why = _kind(section, reason)
            out.append(Paragraph(numbered + len(out) + 1, line if lines_known else 0, text, kind=kind, why=why))
        signed = reason in ("signature", "contact details")
    return out


def _kind(section: Section, reason: str) -> tuple[str | None, str]:
    if reason:
        return "boilerplate", reason
    if section.role == "quote":
        who = section.header.attribution() if section.header else ""
        return "quote", f"quoted reply from {who}" if who else "quoted reply"
    return None, ""


def _embedded(section: Section, before: int, after: int) -> dict[str, Any]:
    out: dict[str, Any] = {"role": section.role}
    if after > before:
        out["paragraphs"] = [before + 1, after]
    if section.header:
        out |= section.header.summary()
    if section.marker:
        out["marker"] = section.marker
    return out
