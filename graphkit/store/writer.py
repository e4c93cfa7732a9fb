"""What ingest, resolve and curation write, and what resolve reads before it writes.

Each file is written in one transaction, so an interrupted run leaves whole files or
nothing (issue 2). Every write that changes the graph bumps the store's generation.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from .base import Database, now
from .schema import MessageTuple, insert_messages
from .watch import HIDE_COVERED

__all__ = ["StoreWriter"]


class StoreWriter(Database):
    """Documents in, entities and curation rules out."""

    # -- documents (ingest) -----------------------------------------------------------
    def document_state(self, path: str) -> tuple[str, str] | None:
        """``(sha256, model)`` of a stored file, or None if it was never ingested."""
        row = self.conn.execute("SELECT sha256, model FROM documents WHERE path = ?", (path,)).fetchone()
        return (row[0], row[1]) if row else None

    def replace_document(
        self,
        *,
        path: str,
        name: str,
        sha256: str,
        size: int,
        format: str,
        title: str,
        metadata: dict[str, Any],
        model: str,
        paragraphs: Sequence[tuple[int, int, int | None, str, str, str]],
        mentions: Iterable[tuple[int, int, int, str, str, str, str, int]],
        watch: Iterable[tuple[int, int, int, str, str, str, str]] = (),
        messages: Sequence[MessageTuple] = (),
        date: tuple[str, str] | None = None,
        paragraph_dates: Mapping[int, Sequence[str | None]] | None = None,
    ) -> None:
        """Write one file, replacing any older version of it, in a single transaction.

        ``paragraphs``: ``(number, line, page, kind, why, text)``;
        ``mentions``: ``(paragraph number, start, end, text, label, form, key, titled)``;
        ``watch``: watchlist matches ``(paragraph number, start, end, text, label, form, key)``,
        which hide the NER mentions they overlap (issue 18);
        ``messages``: the e-mail messages it holds (:func:`.schema.insert_messages`).
        ``date``: the document's ``(ISO date, where it came from)``; ``paragraph_dates``, by
        paragraph number: ``(ISO date, precision, source, as written, first day, last day)``
        (issue 17; :meth:`graphkit.dates.ParagraphDate.as_row`).
        """
        undated = (None,) * 6
        dates = paragraph_dates or {}
        with self.transaction() as db:
            db.execute("DELETE FROM documents WHERE path = ?", (path,))
            cur = db.execute(
                "INSERT INTO documents (path, name, sha256, bytes, format, title, metadata, model, ingested_at, "
                "date, date_source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (path, name, sha256, size, format, title, json.dumps(metadata), model, now(), *(date or (None, None))),
            )
            doc_id = cur.lastrowid
            first = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM paragraphs").fetchone()[0]
            db.executemany(
                "INSERT INTO paragraphs (id, doc_id, number, line, page, kind, why, text, date, date_precision, "
                "date_source, date_text, date_first, date_last) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                ((first + i, doc_id, *p, *dates.get(p[0], undated)) for i, p in enumerate(paragraphs)),
            )
            ids = {p[0]: first + i for i, p in enumerate(paragraphs)}
            db.executemany(
                "INSERT INTO mentions (paragraph_id, start, end, text, label, form, key, titled) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ((ids[m[0]], *m[1:]) for m in mentions),
            )
            cur = db.executemany(
                "INSERT INTO mentions (paragraph_id, start, end, text, label, form, key, titled, source) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'watch')",
                ((ids[w[0]], *w[1:]) for w in watch),
            )
            if cur.rowcount > 0:
                db.execute(HIDE_COVERED.format(ids="SELECT id FROM paragraphs WHERE doc_id = ?"), (doc_id,))
            insert_messages(db, doc_id, messages)
            self._set_meta("dirty", "1")
            self._bump()

    def forget_document(self, path: str) -> bool:
        with self.transaction() as db:
            gone = db.execute("DELETE FROM documents WHERE path = ?", (path,)).rowcount > 0
            if gone:
                self._set_meta("dirty", "1")
                self._bump()
        return gone

    # -- resolution input and output (resolve) ----------------------------------------
    def mention_rows(self) -> list[tuple[int, int, int, int, str, str, str, int, str]]:
        """Every mention as ``(id, document id, paragraph number, start, form, key, label, titled, source)``,
        but the NER mentions a watchlist match covers (issue 18: the listed entity has them)."""
        return self.conn.execute(
            "SELECT m.id, p.doc_id, p.number, m.start, m.form, m.key, m.label, m.titled, m.source "
            "FROM mentions m JOIN paragraphs p ON p.id = m.paragraph_id WHERE m.hidden = 0"
        ).fetchall()

    def title_prefixes(self) -> Iterator[tuple[int, str]]:
        """``(mention id, the 60 characters before it)`` of the people's mentions: which title stands
        before a name ("President Trump"), so an office used alone can find its holder (issue 14)."""
        yield from self.conn.execute(
            "SELECT m.id, substr(p.text, max(1, m.start - 59), min(m.start, 60)) FROM mentions m "
            "JOIN paragraphs p ON p.id = m.paragraph_id WHERE m.hidden = 0 AND (m.titled = 1 OR m.label = 'PERSON')"
        )

    def texts_with_parentheses(self) -> Iterator[tuple[int, str]]:
        """``(document id, text)`` of body paragraphs that may define an acronym: 'Internet Research Agency (IRA)'."""
        yield from self.conn.execute("SELECT doc_id, text FROM paragraphs WHERE kind = 'body' AND instr(text, '(') > 0")

    def write_entities(
        self,
        entities: Sequence[tuple[int, str, str, str]],
        keys: Sequence[tuple[str, int, str]],
        mentions: Iterable[tuple[int, int, str]] = (),
        *,
        correspondents: Iterable[tuple[int, int]] = (),
        resolver: str = "",
        generation: int | None = None,
    ) -> bool:
        """Replace the resolved entities: ``(id, label, type, aliases)``, ``(key, entity id, reason)``
        and, per mention, ``(mention id, entity id, reason)`` (the reason empty unless its document decided);
        ``correspondents``: ``(entity id, correspondent row id)``, the person each e-mail correspondent is (issue 12).

        ``generation`` is :attr:`generation` as it was when the resolution began reading.
        If another process has written since, the entities are not written and this returns
        False: they were resolved from an older store (issue 6, two ingests at once).
        """
        with self.transaction() as db:
            if generation is not None and self.generation != generation:
                return False
            for table in ("paragraph_entities", "mention_entities", "entity_keys", "entities"):
                db.execute(f"DELETE FROM {table}")
            db.executemany("INSERT INTO entities (id, label, type, aliases) VALUES (?, ?, ?, ?)", entities)
            db.executemany("INSERT INTO entity_keys (key, entity_id, reason) VALUES (?, ?, ?)", keys)
            db.executemany("INSERT INTO mention_entities (mention_id, entity_id, reason) VALUES (?, ?, ?)", mentions)
            db.execute(
                "INSERT INTO paragraph_entities (paragraph_id, entity_id, mentions) "
                "SELECT m.paragraph_id, x.entity_id, COUNT(*) FROM mentions m "
                "JOIN mention_entities x ON x.mention_id = m.id GROUP BY x.entity_id, m.paragraph_id"
            )
            db.execute("UPDATE correspondents SET entity_id = NULL WHERE entity_id IS NOT NULL")
            db.executemany("UPDATE correspondents SET entity_id = ? WHERE rowid = ?", correspondents)
            self._set_meta("dirty", "0")
            self._set_meta("resolver", resolver)
            self._bump()
        return True

    # -- curation rules (curation, resolve) -------------------------------------------
    def add_curation(self, op: str, name: str, arg: str = "", source: str = "cli") -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO curation (op, name, arg, source, created_at) VALUES (?, ?, ?, ?, ?)",
                (op, name, arg, source, now()),
            )
            self._set_meta("dirty", "1")
            self._bump()  # a resolution that read before this rule must not be written after it

    def replace_curation_source(self, source: str, rules: Iterable[tuple[str, str, str]]) -> None:
        """Replace every rule that came from ``source`` (an aliases file) with ``rules``."""
        with self.transaction() as db:
            db.execute("DELETE FROM curation WHERE source = ?", (source,))
            db.executemany(
                "INSERT INTO curation (op, name, arg, source, created_at) VALUES (?, ?, ?, ?, ?)",
                ((op, name, arg, source, now()) for op, name, arg in rules),
            )
            self._set_meta("dirty", "1")
            self._bump()

    def curation(self) -> list[tuple[str, str, str, str]]:
        return self.conn.execute("SELECT op, name, arg, source FROM curation ORDER BY id").fetchall()
