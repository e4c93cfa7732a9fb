"""Messages from bytes: one RFC 822 message, or the messages of an mbox archive (issue 7).

Python's own ``email`` package parses a message. An mbox is cut at its envelope lines
(``From alice@example.org Mon Mar  4 10:15:00 2019``), and ``>From`` lines escaped by the
writer are restored.
"""

from __future__ import annotations

import re
from email.message import EmailMessage

from ...text import CONTROL_CHARS as _CONTROLS
from .. import Unreadable

__all__ = ["parse_message", "header_value", "split_mbox"]

# The envelope line that opens each message; a time on it and a header on the next line
# tell it from body text that starts with "From ".
_ENVELOPE = re.compile(rb"^From \S*.*\d{1,2}:\d{2}.*\n(?=[!-9;-~]+:)", re.MULTILINE)
_ESCAPED_FROM = re.compile(rb"^>(>*From )", re.MULTILINE)


def parse_message(data: bytes) -> EmailMessage:
    """The message in ``data``; raises :class:`Unreadable` when it has no header e-mail has."""
    from email import policy
    from email.parser import BytesParser

    message = BytesParser(policy=policy.default).parsebytes(data)
    if not any(header_value(message, key) for key in ("from", "to", "subject", "date", "message-id")):
        raise Unreadable("not an e-mail message (no From, To, Subject or Date header)")
    return message  # type: ignore[return-value]


def header_value(message: EmailMessage, key: str) -> str:
    """A header as one line of text, ``""`` when absent or beyond repair; a date in ISO form."""
    try:
        value = message.get(key)
        if value is None:
            return ""
        if key == "date" and getattr(value, "datetime", None) is not None:
            return value.datetime.isoformat(sep=" ")
        return " ".join(_CONTROLS.sub(" ", str(value)).split())
    except Exception:  # a header so malformed that even the lenient parser gives up
        return ""


def split_mbox(data: bytes) -> list[bytes]:
    """The messages of an mbox archive; ``[]`` when no envelope line opens it."""
    data = data.replace(b"\r\n", b"\n")
    starts = list(_ENVELOPE.finditer(data))
    if not starts or data[: starts[0].start()].strip():
        return []
    ends = [m.start() for m in starts[1:]] + [len(data)]
    return [_ESCAPED_FROM.sub(rb"\1", data[m.end() : end]) for m, end in zip(starts, ends, strict=True)]
