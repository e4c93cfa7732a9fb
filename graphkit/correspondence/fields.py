"""What evidence says of the e-mail a paragraph comes from: who wrote it, to whom, when, on what (issue 12).

:func:`message_fields` reads a document's metadata (as the mail reader stores it) for one
paragraph: the message's sender and recipients by name, its date and subject; and when
the paragraph lies inside a forwarded or quoted message, that message's own author,
recipients and date under ``embedded``. An attachment's metadata carries its message's
header lines only; the names are read from those.
"""

from __future__ import annotations

from typing import Any

from ..formats.mail.people import parse_people
from .dates import normal_date

__all__ = ["message_fields", "embedded_at"]

_LINES = ("subject", "from", "to", "cc")
_RECIPIENTS = ("to", "cc", "bcc")


def message_fields(metadata: dict[str, Any], paragraph: int) -> dict[str, Any]:
    """The e-mail fields of evidence from paragraph ``paragraph`` of a document; ``{}`` for a document that is not mail.

    >>> meta = {"subject": "RE: Raptor", "date": "2001-10-22 10:15:00-05:00", "from": "Ann Lee <ann@x.org>",
    ...         "participants": [{"role": "from", "name": "Ann Lee", "address": "ann@x.org"},
    ...                          {"role": "to", "name": "", "address": "bob@x.org"}],
    ...         "embedded": [{"role": "quote", "paragraphs": [2, 4], "date": "10/21/2001 09:00 AM",
    ...                       "participants": [{"role": "from", "name": "Bob Jones", "address": ""}]}]}
    >>> message_fields(meta, 1)
    {'subject': 'RE: Raptor', 'from': 'Ann Lee <ann@x.org>', 'date': '2001-10-22 10:15', 'sender': 'Ann Lee', 'recipients': ['bob@x.org']}
    >>> message_fields(meta, 3)["embedded"]
    {'role': 'quote', 'date': '2001-10-21 09:00', 'sender': 'Bob Jones'}
    """
    if not any(metadata.get(key) for key in ("from", "subject", "participants")):
        return {}
    out = _fields(metadata)
    block = embedded_at(metadata, paragraph)
    if block is not None:
        out["embedded"] = {"role": str(block.get("role", "quote")), **_fields(block)}
    return out


def embedded_at(metadata: dict[str, Any], paragraph: int) -> dict[str, Any] | None:
    """The innermost forwarded or quoted message whose paragraphs hold ``paragraph``, if any."""
    found = None
    for block in metadata.get("embedded", []):
        span = block.get("paragraphs")
        if span and span[0] <= paragraph <= span[1]:
            found = block  # listed outermost first: the last that holds it is the innermost
    return found


def _fields(block: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {key: str(block[key]) for key in _LINES if block.get(key)}
    if block.get("date"):
        out["date"] = normal_date(str(block["date"])) or str(block["date"])
    people = _people(block)
    senders = [name for role, name in people if role == "from"]
    recipients = [name for role, name in people if role in _RECIPIENTS]
    if senders:
        out["sender"] = ", ".join(senders)
    if recipients:
        out["recipients"] = recipients
    return out


def _people(block: dict[str, Any]) -> list[tuple[str, str]]:
    """``(role, name)``: the name, or the address when no name is known."""
    if "participants" in block:
        found = [(str(p.get("role", "")), str(p.get("name") or p.get("address") or "")) for p in block["participants"]]
    else:  # an attachment: its message's header lines only
        found = [
            (role, p.name or p.address) for role in ("from", *_RECIPIENTS) for p in parse_people(block.get(role, ""))
        ]
    return [(role, name) for role, name in found if name]
