"""One message, many copies: which stored message rows are the same message (issue 12).

A leaked mailbox holds a message several times: in a maildir and in the mbox made from
it (the same ``Message-ID``), and quoted or forwarded inside later messages (no
``Message-ID``; the same sender, day, minute and subject). :func:`group_messages` gives every row
the row that stands for its message, so that a message is counted once however many
copies the corpus holds. The choice depends on the rows, never on the order they were
ingested in: a message of its own before a quoted copy, then the earliest, then the first
by document name.

Two messages of their own with different ``Message-ID`` values are never one message,
even with the same fingerprint ("RE: call" at 10:15 and at 11:15 is common).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["MessageRow", "group_messages"]


@dataclass(frozen=True)
class MessageRow:
    id: int
    doc: int  # the document's id
    document: str  # the document's name, for a choice that does not depend on ingest order
    part: int  # 0: a message of its own; n: embedded in one
    message_id: str
    fingerprint: str
    date: str

    @property
    def order(self) -> tuple[int, str, str, int]:
        return (self.part > 0, self.date or "9999", self.document, self.part)


def group_messages(rows: Sequence[MessageRow]) -> dict[int, int]:
    """Every row id mapped to the id of the row that stands for its message (itself, for the first copy).

    >>> rows = [MessageRow(1, 1, "mbox#1", 0, "<a@x>", "ann|2001-10-22|plan", "2001-10-22"),
    ...         MessageRow(2, 2, "maildir/1.", 0, "<a@x>", "ann|2001-10-22|plan", "2001-10-22"),
    ...         MessageRow(3, 3, "maildir/2.", 1, "", "ann|2001-10-22|plan", "2001-10-22"),
    ...         MessageRow(4, 4, "maildir/3.", 0, "<b@x>", "ann|2001-10-22|plan", "2001-10-22")]
    >>> sorted(group_messages(rows).items())
    [(1, 2), (2, 2), (3, 2), (4, 4)]
    """
    ordered = sorted(rows, key=lambda r: r.order)
    stands: dict[int, int] = {}
    by_id: dict[str, int] = {}
    by_print: dict[str, int] = {}
    by_place: dict[tuple[int, int], int] = {}  # (the message a document is, part): copies hold the same parts
    message_of: dict[int, int] = {}  # document -> the row standing for its own message
    for row in ordered:
        first = by_id.get(row.message_id) if row.message_id else None
        if first is None and row.part > 0:
            place = (message_of.get(row.doc, -row.doc), row.part)
            # a copy of a message holds what the first copy holds; else a quoted or forwarded copy of a message
            first = by_place.get(place) or (by_print.get(row.fingerprint) if row.fingerprint else None)
            by_place.setdefault(place, first or row.id)
        stands[row.id] = row.id if first is None else first
        if row.part == 0:
            message_of[row.doc] = stands[row.id]
        if row.message_id:
            by_id.setdefault(row.message_id, stands[row.id])
        if row.fingerprint:
            by_print.setdefault(row.fingerprint, stands[row.id])
    return stands
