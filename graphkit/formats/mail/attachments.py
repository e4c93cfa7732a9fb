"""Attachments: files and messages carried by a message, read as documents of their own (issue 7).

They are named after the message: ``mail.eml/report.pdf``, ``inbox.mbox#3/memo.docx``. An
attachment of a type graphkit does not read (an image, an archive) is listed in the
message's metadata and otherwise left alone.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from pathlib import PurePosixPath

from .. import MEDIA_TYPES, SUFFIXES, Failed, Part, Unreadable, _one_line, read_parts
from .body import part_text

__all__ = ["attachments", "filename", "read_attachment"]

MessageReader = Callable[[EmailMessage, str], list["Part | Failed"]]


def attachments(message: EmailMessage) -> Iterator[EmailMessage]:
    """The attached parts of ``message``, in order (an attached message is one part)."""
    if not message.is_multipart():
        if message.get_content_maintype() not in {"text", "multipart"}:
            yield message  # the whole message is one attached file
        return
    for part in message.iter_attachments():
        if part.get_content_type() == "message/rfc822" or not part.is_multipart():
            yield part  # type: ignore[misc]
        else:
            yield from attachments(part)  # type: ignore[arg-type]


def filename(part: EmailMessage, number: int) -> str:
    """The attachment's file name, without any folder; ``attachment-3.pdf`` when it has none."""
    try:
        raw = part.get_filename() or ""
    except Exception:
        raw = ""
    name = PurePosixPath(raw.replace("\\", "/")).name.strip()
    if not name:
        name = f"attachment-{number}{mimetypes.guess_extension(part.get_content_type()) or ''}"
    return " ".join(name.split())


def read_attachment(part: EmailMessage, name: str, read_message: MessageReader) -> list[Part | Failed]:
    """The documents in one attachment; ``read_message`` reads an attached e-mail."""
    if part.get_content_type() == "message/rfc822":
        try:
            return read_message(part.get_payload(0), name)  # type: ignore[arg-type]
        except (Unreadable, IndexError, TypeError) as exc:
            return [Failed(name, f"cannot read the attached message ({_one_line(exc)})")]
    suffix = PurePosixPath(name).suffix.lower()
    if suffix not in SUFFIXES:
        suffix = MEDIA_TYPES.get(part.get_content_type(), "")  # attachment MIME type -> suffix, from the registry
    if not suffix:
        return []  # an image, an archive, a calendar invitation: nothing graphkit reads
    if part.get_content_maintype() == "text":
        data = part_text(part).encode("utf-8")  # the charset is declared on the part, not in the bytes
    else:
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
    if not data.strip():
        return [Failed(name, "empty attachment")]
    return read_parts(data, suffix, name=name)
