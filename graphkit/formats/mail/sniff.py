"""Is this file e-mail? Recognise RFC 822 messages and mbox archives by their content (issue 12).

A leaked mailbox rarely keeps tidy names: the CMU Enron dump is a maildir of files named
``1.``, ``2.``..., and mail is saved as ``.txt`` or with no extension at all. A message is
recognised by its opening header block: every line up to the first blank one is a header
field (``Name: value``) or the continuation of one, and at least two of them are fields
that e-mail carries. These two tests are e-mail's content signature in the reader registry
(:data:`graphkit.formats.FORMATS`), which gives them the first 8 KB of a file (enough for a
long To: list; a header block cut short there still counts) and decides from them, whatever
the file is called, that it is e-mail.
"""

from __future__ import annotations

import re

__all__ = ["looks_like_mail", "looks_like_mbox"]

_FIELD = re.compile(rb"^([!-9;-~]+):")  # a field name: printable ASCII without space or colon
_ENVELOPE = re.compile(rb"^From \S+.*\d{1,2}:\d{2}")  # "From alice@example.org Mon Mar  4 10:15:00 2019"
_MAIL_FIELDS = frozenset(
    b"from to cc bcc subject date message-id received return-path mime-version content-type "
    b"content-transfer-encoding reply-to sender in-reply-to references delivered-to x-mailer user-agent "
    b"thread-topic x-from x-to x-cc x-originating-ip importance".split()
)
_CORE = frozenset(b"from subject date message-id received return-path".split())


def looks_like_mail(head: bytes) -> bool:
    """True when ``head`` (the first bytes of a file) opens with an e-mail header block.

    >>> looks_like_mail(b"Message-ID: <1@x>\\nDate: Mon, 4 Mar 2019\\nFrom: a@x.org\\nTo: b@y.org,\\n\\tc@z.org\\n\\nHi")
    True
    >>> looks_like_mail(b"Subject: minutes\\nThe board met on Monday.\\n")
    False
    >>> looks_like_mail(b"title: Notes\\nauthor: Bob\\n\\nText")
    False
    """
    lines = head.removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n").split(b"\n")
    if lines and _ENVELOPE.match(lines[0]):
        lines = lines[1:]
    if not head.endswith(b"\n"):
        lines = lines[:-1]  # the last line may be cut in the middle
    names: list[bytes] = []
    for line in lines:
        if not line.strip():
            break
        if line[:1] in b" \t":
            if not names:
                return False
            continue
        field = _FIELD.match(line)
        if field is None:
            return False
        names.append(field.group(1).lower())
    known = set(names) & _MAIL_FIELDS
    return len(known) >= 2 and bool(known & _CORE)


def looks_like_mbox(head: bytes) -> bool:
    """True when ``head`` opens with an mbox envelope line followed by a message."""
    first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0]
    return bool(_ENVELOPE.match(first)) and looks_like_mail(head)
