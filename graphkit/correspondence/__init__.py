"""Who wrote to whom, and what a mailbox holds twice: the corpus-level steps for e-mail (issue 12).

The mail reader (:mod:`graphkit.formats.mail`) reads one message at a time. What only the
whole corpus can tell is decided here, after every ingest, from the store:

- :mod:`.messages`: the messages a document holds (its own, and the ones it forwards or
  quotes) with their correspondents, as ingest stores them;
- :mod:`.copies`: which stored messages are one message (a maildir file and its mbox copy,
  a message and the quoted copy of it in a reply), so each is counted once;
- :mod:`.repeats`: which paragraphs hold only text the corpus holds elsewhere: a quoted
  reply whose text is in another message or in an earlier copy of the thread, a second
  copy of a message. :func:`mark_copies` sets them aside as ``duplicate`` (visible,
  counted, and brought back with ``include=("duplicates",)``);
- :mod:`.dates`: dates as mail programs write them.

The graph's message links (:mod:`graphkit.graph`) count the messages between two people
from these tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..store import Store
from .copies import MessageRow, group_messages
from .dates import normal_date
from .messages import Correspondent, Message, document_messages, fingerprint, person_key, subject_key
from .repeats import Passage, find_repeats

__all__ = [
    "Copies",
    "Correspondent",
    "Message",
    "document_messages",
    "fingerprint",
    "mark_copies",
    "message_rows",
    "normal_date",
    "person_key",
    "subject_key",
]


def message_rows(metadata: dict[str, Any]) -> list[tuple[Any, ...]]:
    """An e-mail document's messages as the store takes them (:func:`graphkit.store.schema.insert_messages`)."""
    return [
        (
            m.part,
            m.role,
            m.first,
            m.last,
            m.message_id,
            m.fingerprint,
            m.date,
            m.subject,
            [(p.role, p.name, p.address, p.key) for p in m.people],
        )
        for m in document_messages(metadata)
    ]


@dataclass(frozen=True)
class Copies:
    """What :func:`mark_copies` found: messages (each counted once), documents that copy another, duplicates."""

    messages: int = 0
    copies: int = 0
    paragraphs: int = 0  # set aside as duplicates, in the whole corpus
    words: int = 0


def mark_copies(store: Store) -> Copies:
    """Group the stored messages and set aside the paragraphs whose text the corpus holds already.

    Runs over the whole store and undoes what an earlier run set aside before deciding
    again, so the result depends on what is stored, not on the order it was ingested in.
    """
    rows = [MessageRow(*row) for row in store.message_rows()]
    same_as = group_messages(rows)
    docs = {doc_id: (date or "9999", name) for doc_id, name, date in store.documents()}
    copied = _copied_documents(rows, same_as, docs)
    candidates: list[Passage] = []
    for pid, doc_id, number, kind, text in store.evidence_paragraphs():
        if kind == "quote" or doc_id in copied:
            candidates.append(Passage(pid, (*docs[doc_id], number), text))
    repeats: dict[int, int] = {}
    if candidates:
        chosen = {p.id for p in candidates}
        others = (
            Passage(pid, (*docs[doc_id], number), text)
            for pid, doc_id, number, _kind, text in store.evidence_paragraphs()
            if pid not in chosen
        )
        repeats = find_repeats(candidates, others)
    store.write_copies(same_as, repeats)
    paragraphs, words = store.duplicate_counts()
    return Copies(len(set(same_as.values())), len(copied), paragraphs, words)


def _copied_documents(rows: list[MessageRow], same_as: dict[int, int], docs: dict[int, tuple[str, str]]) -> set[int]:
    """Documents whose message is stored earlier in another document, and the documents attached to them."""
    doc_of = {row.id: row.doc for row in rows}
    copies = {row.doc for row in rows if row.part == 0 and doc_of[same_as[row.id]] != row.doc}
    prefixes = tuple(docs[d][1] + "/" for d in copies)
    attached = {d for d, (_date, name) in docs.items() if prefixes and name.startswith(prefixes)}
    return copies | attached
