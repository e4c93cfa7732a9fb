"""E-mail as investigators receive it: maildir files, ``.eml``, ``.mbox``, mail saved as text (issues 7, 12).

One message is one document; an mbox holds one per message (``inbox.mbox#3``), and every
attachment graphkit can read is a document of its own (``mail.eml/report.pdf``). The
package has one module per concern:

- :mod:`.sniff`: is a file mail, whatever its name;
- :mod:`.archive`: bytes to messages (one message, or an mbox archive);
- :mod:`.body`: the body's text (plain or HTML) and its paragraphs;
- :mod:`.thread`: forwarded and quoted messages inside a body;
- :mod:`.headers`: the header blocks of those messages (in several languages, and Lotus Notes');
- :mod:`.signature`: signatures, contact details, disclaimers;
- :mod:`.people`: correspondents as names with addresses;
- :mod:`.attachments`: attached files and messages;
- :mod:`.message`: all of it put together as one document.
"""

from __future__ import annotations

from .. import Failed, Part, Unreadable
from .archive import parse_message, split_mbox
from .message import message_paragraphs, message_parts
from .sniff import looks_like_mail, looks_like_mbox

__all__ = ["read_eml", "read_mbox", "message_paragraphs", "looks_like_mail", "looks_like_mbox"]


def read_eml(data: bytes) -> list[Part | Failed]:
    """The message in ``data`` and its attachments, each a document."""
    return message_parts(parse_message(data), "", data)


def read_mbox(data: bytes) -> list[Part | Failed]:
    """Every message of an mbox archive (``#1``, ``#2``...) and their attachments."""
    chunks = split_mbox(data)
    if not chunks:
        raise Unreadable("not an mbox archive (no 'From ' line opens a message)")
    out: list[Part | Failed] = []
    for number, chunk in enumerate(chunks, 1):
        try:
            out.extend(message_parts(parse_message(chunk), f"#{number}", chunk))
        except Unreadable as exc:
            out.append(Failed(f"#{number}", str(exc)))
    return out
