"""The messages an e-mail document holds, read from its metadata (issue 12).

A document of format ``email`` is one message, and often carries others: the messages it
forwards or answers, whose headers the mail reader parsed into ``metadata["embedded"]``.
:func:`document_messages` lists them all as :class:`Message` values: part 0 is the
document's own message, part ``n`` the ``n``-th embedded one, each with its date, subject
and correspondents.

Two rows are the same message when they share a ``Message-ID`` (a maildir file and its
mbox copy) or a fingerprint: the sender, the day, the minute and the subject without
``RE:``/``FW:`` (a message and the quoted copy of it in a reply). :mod:`.copies` groups them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..normalize import entity_key
from .dates import day_of, normal_date

__all__ = ["Message", "Correspondent", "document_messages", "fingerprint", "subject_key", "person_key"]

_PREFIX = re.compile(
    r"^\s*(?:\[[^\]]*\]\s*)?(?:re|aw|antw|sv|vs|r|rif|res|réf|ref|odp|fw|fwd|wg|tr|rv|i|enc|fs|doorst)\s*(?:\[\d+\])?\s*:\s*",
    re.I,
)


@dataclass(frozen=True)
class Correspondent:
    role: str  # from, to, cc, bcc
    name: str
    address: str

    @property
    def key(self) -> str:
        return person_key(self.name, self.address)


@dataclass
class Message:
    part: int  # 0: the document's own message; n: the n-th forwarded or quoted one inside it
    role: str  # "message", "forward" or "quote"
    first: int | None = None  # the paragraphs it spans (embedded messages that hold text)
    last: int | None = None
    message_id: str = ""
    date: str = ""  # as normal_date() writes it
    subject: str = ""
    people: list[Correspondent] = field(default_factory=list)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.people, self.date, self.subject)


def document_messages(metadata: dict[str, Any]) -> list[Message]:
    """The document's own message and the ones embedded in it, from an e-mail document's metadata.

    >>> meta = {"subject": "RE: Plan", "date": "2001-10-22 10:15:00-07:00", "message_id": "<1@x>",
    ...         "participants": [{"role": "from", "name": "Ann Lee", "address": "ann@x.org"}],
    ...         "embedded": [{"role": "quote", "paragraphs": [2, 3], "date": "10/21/2001 09:00 AM",
    ...                       "participants": [{"role": "from", "name": "Bob Jones", "address": ""}]}]}
    >>> [(m.part, m.role, m.date, m.first, m.last, [p.name for p in m.people]) for m in document_messages(meta)]
    [(0, 'message', '2001-10-22 10:15', None, None, ['Ann Lee']), (1, 'quote', '2001-10-21 09:00', 2, 3, ['Bob Jones'])]
    """
    own = Message(
        0,
        "message",
        message_id=str(metadata.get("message_id", "")).strip(),
        date=normal_date(str(metadata.get("date", ""))),
        subject=str(metadata.get("subject", "")),
        people=_people(metadata),
    )
    out = [own]
    for part, block in enumerate(metadata.get("embedded", []), 1):
        span = block.get("paragraphs") or [None, None]
        out.append(
            Message(
                part,
                str(block.get("role", "quote")),
                first=span[0],
                last=span[1],
                date=normal_date(str(block.get("date", ""))),
                subject=str(block.get("subject", "")),
                people=_people(block),
            )
        )
    return out


def _people(block: dict[str, Any]) -> list[Correspondent]:
    out = []
    for p in block.get("participants", []):
        name, address = str(p.get("name", "")).strip(), str(p.get("address", "")).strip()
        if name or address:
            out.append(Correspondent(str(p.get("role", "")), name, address))
    return out


def person_key(name: str, address: str) -> str:
    """How a correspondent is matched with the entities: the folded name, or the address without one."""
    return entity_key(name) if name else address.lower()


def subject_key(subject: str) -> str:
    """A subject without its ``RE:``/``FW:`` prefixes, folded: the thread it belongs to.

    >>> subject_key("RE: FW:  Raptor  update"), subject_key("Raptor Update")
    ('raptor update', 'raptor update')
    """
    while (found := _PREFIX.match(subject)) and found.end():
        subject = subject[found.end() :]
    return " ".join(subject.lower().split())


def fingerprint(people: list[Correspondent], date: str, subject: str) -> str:
    """``sender|day|minute|subject`` when sender and day are known, else ``""`` (nothing to match by).

    ``date`` is :func:`normal_date`'s. The minute of the hour, not the hour: a quoted header
    shows the time where the reader was, the message's own header where its server was, so
    the hours of one message differ by the time zones between them. A thread's messages from
    one sender on one day share the subject; their minutes tell them apart.

    >>> fingerprint([Correspondent("from", "Mike Grigsby", "")], "2001-09-18 14:52", "RE: Palo Alto loads")
    'mike grigsby|2001-09-18|52|palo alto loads'
    """
    senders = sorted(p.key for p in people if p.role == "from" and p.key)
    day = day_of(date)
    if not senders or not day:
        return ""
    return f"{senders[0]}|{day}|{date[14:16]}|{subject_key(subject)}"
