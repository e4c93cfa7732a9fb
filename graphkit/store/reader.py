"""What the graph and the questions asked of it read: aggregates, the graph cache and evidence.

The graph is aggregated in SQL (issue 5) and cached here; queries and exports then
fetch evidence paragraphs on demand.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..vocabulary import EVIDENCE_KINDS as _EVIDENCE
from ..vocabulary import MAX_RECIPIENTS
from .base import Database

__all__ = ["EntityRow", "Evidence", "GraphSource", "EvidenceReader"]

# The paragraph a message's evidence shows: its first of an evidence kind (its first at all when it has none);
# an embedded message's paragraphs are its span, a message's own are all of its document's.
_FIRST_PARAGRAPH = (
    "SELECT x.id FROM paragraphs x WHERE x.doc_id = m.doc_id AND (m.part = 0 OR x.number BETWEEN m.first AND m.last) "
    f"ORDER BY x.kind IN ({','.join('?' * len(_EVIDENCE))}) DESC, x.number LIMIT 1"
)
# The stored messages' correspondents as entities, each message once (its copies share ``same_as``),
# leaving out mailings: messages to more recipients than the one parameter (issue 12).
_CORRESPONDENTS = (
    "WITH n AS MATERIALIZED (SELECT message, SUM(role != 'from') k FROM correspondents GROUP BY message), "
    "c AS MATERIALIZED (SELECT COALESCE(m.same_as, m.id) msg, c.role, c.entity_id e FROM correspondents c "
    "JOIN messages m ON m.id = c.message JOIN n ON n.message = m.id WHERE c.entity_id IS NOT NULL AND n.k <= ?) "
)


@dataclass(frozen=True)
class EntityRow:
    id: int
    label: str
    type: str
    aliases: str


@dataclass(frozen=True)
class Evidence:
    paragraph_id: int
    file: str
    paragraph: int
    line: int
    page: int | None
    kind: str
    text: str
    metadata: str = "{}"  # the document's metadata as stored (JSON)

    def as_dict(self) -> dict[str, Any]:
        out = {"file": self.file, "paragraph": self.paragraph, "line": self.line, "kind": self.kind, "text": self.text}
        if self.page is not None:
            out["page"] = self.page
        if message := self.message:
            out["message"] = message
        if self.transcript:
            out["transcript"] = True
        return out

    @property
    def transcript(self) -> bool:
        """Whether the paragraph comes from a transcript, whose ``line`` is its own margin number (issue 13)."""
        return '"transcript"' in self.metadata and bool(json.loads(self.metadata).get("transcript"))

    @property
    def message(self) -> dict[str, Any]:
        """The e-mail the paragraph comes from: subject, date, sender and recipients by name, and the
        forwarded or quoted message it lies in (issues 7, 12; :func:`graphkit.correspondence.fields.message_fields`)."""
        if '"from"' not in self.metadata and '"subject"' not in self.metadata and '"participants"' not in self.metadata:
            return {}
        from ..correspondence.fields import message_fields

        return message_fields(json.loads(self.metadata), self.paragraph)


class GraphSource(Database):
    """What :func:`graphkit.graph.build_graph` reads: entities, their counts and links, and the cached graph."""

    def entities(self) -> list[EntityRow]:
        return [EntityRow(*r) for r in self.conn.execute("SELECT id, label, type, aliases FROM entities")]

    def node_counts(self, kinds: Sequence[str]) -> list[tuple[int, int, int]]:
        """``(entity id, mentions, documents)`` over paragraphs of the given kinds."""
        marks = ",".join("?" * len(kinds))
        return self.conn.execute(
            "SELECT pe.entity_id, SUM(pe.mentions), COUNT(DISTINCT p.doc_id) FROM paragraph_entities pe "
            f"JOIN paragraphs p ON p.id = pe.paragraph_id WHERE p.kind IN ({marks}) GROUP BY pe.entity_id",
            tuple(kinds),
        ).fetchall()

    def edge_counts(
        self, kinds: Sequence[str], entity_ids: Sequence[int] | None = None
    ) -> list[tuple[int, int, int, int]]:
        """``(a, b, paragraphs, documents)`` for every pair of entities sharing a paragraph, a < b.

        The aggregation runs in SQLite (issue 5): one self-join of the paragraph/entity table.
        """
        marks = ",".join("?" * len(kinds))
        return self.conn.execute(
            "WITH pe AS (SELECT x.paragraph_id, x.entity_id, p.doc_id FROM paragraph_entities x "
            f"JOIN paragraphs p ON p.id = x.paragraph_id WHERE p.kind IN ({marks})) "
            "SELECT a.entity_id, b.entity_id, COUNT(*), COUNT(DISTINCT a.doc_id) FROM pe a "
            "JOIN pe b ON b.paragraph_id = a.paragraph_id AND b.entity_id > a.entity_id "
            "GROUP BY a.entity_id, b.entity_id",
            tuple(kinds),
        ).fetchall()

    def has_messages(self) -> bool:
        """Whether the store holds any e-mail."""
        return self.conn.execute("SELECT 1 FROM messages LIMIT 1").fetchone() is not None

    def message_counts(self, max_recipients: int = MAX_RECIPIENTS) -> list[tuple[int, int, int]]:
        """``(a, b, messages)`` for every pair of entities, a < b, one of whom wrote to the other (issue 12).

        A message counts once however many copies the corpus holds, and for every recipient
        (To, Cc, Bcc) of it; recipients of one message are not linked by it, and a message to
        more than ``max_recipients`` (a mailing) links nobody.
        """
        return self.conn.execute(
            _CORRESPONDENTS + "SELECT MIN(s.e, r.e), MAX(s.e, r.e), COUNT(DISTINCT s.msg) FROM c s "
            "JOIN c r ON r.msg = s.msg AND r.e != s.e WHERE s.role = 'from' AND r.role != 'from' GROUP BY 1, 2",
            (max_recipients,),
        ).fetchall()

    def correspondent_counts(self, max_recipients: int = MAX_RECIPIENTS) -> dict[int, int]:
        """Messages each entity sent or received, each message once, mailings left out (issue 12)."""
        return dict(
            self.conn.execute(_CORRESPONDENTS + "SELECT e, COUNT(DISTINCT msg) FROM c GROUP BY e", (max_recipients,))
        )

    def mailing_count(self, max_recipients: int = MAX_RECIPIENTS) -> int:
        """Messages (each once) to more than ``max_recipients``: mailings, which make no message links."""
        return self.conn.execute(
            "SELECT COUNT(DISTINCT COALESCE(m.same_as, m.id)) FROM messages m WHERE "
            "(SELECT COUNT(*) FROM correspondents c WHERE c.message = m.id AND c.role != 'from') > ?",
            (max_recipients,),
        ).fetchone()[0]

    def cached_graph(self, signature: str) -> bytes | None:
        row = self.conn.execute("SELECT signature, data FROM graph_cache WHERE id = 1").fetchone()
        return row[1] if row and row[0] == signature else None

    def cache_graph(self, signature: str, data: bytes) -> None:
        try:
            with self.transaction() as db:
                db.execute(
                    "INSERT OR REPLACE INTO graph_cache (id, signature, data) VALUES (1, ?, ?)", (signature, data)
                )
        except sqlite3.OperationalError:
            pass  # read-only file or a writer holding the lock: the cache is only an optimisation


class EvidenceReader(Database):
    """What queries and exports read: paragraphs as evidence, with the spans of their mentions."""

    def evidence(
        self, a: int, b: int | None, kinds: Sequence[str] | None = None, limit: int | None = None
    ) -> list[Evidence]:
        """Paragraphs where entity ``a`` occurs (with ``b`` too, if given), in file order."""
        sql = (
            "SELECT p.id, d.name, p.number, p.line, p.page, p.kind, p.text, d.metadata FROM paragraph_entities x "
            "JOIN paragraphs p ON p.id = x.paragraph_id JOIN documents d ON d.id = p.doc_id "
        )
        args: list[Any] = []
        if b is not None:
            sql += "JOIN paragraph_entities y ON y.paragraph_id = x.paragraph_id AND y.entity_id = ? "
            args.append(b)
        sql += "WHERE x.entity_id = ? "
        args.append(a)
        if kinds is not None:
            sql += f"AND p.kind IN ({','.join('?' * len(kinds))}) "
            args.extend(kinds)
        sql += "ORDER BY d.name, p.number"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return [Evidence(*row) for row in self.conn.execute(sql, args)]

    def pair_evidence(
        self, entity_ids: Iterable[int], kinds: Sequence[str], limit: int
    ) -> dict[tuple[int, int], list[int]]:
        """Paragraph ids of every pair ``(a, b)``, a < b, of these entities: the first ``limit`` of
        :meth:`evidence` for that pair, in the same order, for all pairs in one query (issue 5:
        an export of 60,000 links asks SQLite once, not 60,000 times).
        """
        marks = ",".join("?" * len(kinds))
        rows = self.conn.execute(
            "WITH pe AS MATERIALIZED (SELECT x.paragraph_id, x.entity_id, d.name, p.number FROM json_each(?) w "
            "JOIN paragraph_entities x ON x.entity_id = w.value JOIN paragraphs p ON p.id = x.paragraph_id "
            f"JOIN documents d ON d.id = p.doc_id WHERE p.kind IN ({marks})), "
            "ranked AS (SELECT a.entity_id ea, b.entity_id eb, a.paragraph_id pid, ROW_NUMBER() OVER "
            "(PARTITION BY a.entity_id, b.entity_id ORDER BY a.name, a.number) rn FROM pe a "
            "JOIN pe b ON b.paragraph_id = a.paragraph_id AND b.entity_id > a.entity_id) "
            "SELECT ea, eb, pid FROM ranked WHERE rn <= ? ORDER BY ea, eb, rn",
            (json.dumps(sorted(set(entity_ids))), *kinds, limit),
        )
        out: dict[tuple[int, int], list[int]] = {}
        for a, b, paragraph_id in rows:
            out.setdefault((a, b), []).append(paragraph_id)
        return out

    def message_evidence(
        self, a: int, b: int, limit: int | None = None, *, max_recipients: int = MAX_RECIPIENTS
    ) -> list[Evidence]:
        """The messages one of entities ``a`` and ``b`` wrote to the other, each once, oldest first (issue 12).

        Each is an :class:`Evidence` of kind ``message``: the document that holds the message
        (its first copy), the message's first paragraph (``paragraph`` 0 and no text when it
        holds none), and as metadata that message's own subject, date and correspondents.
        """
        ids = self.pair_messages([a, b], limit, max_recipients=max_recipients).get((min(a, b), max(a, b)), [])
        found = self.messages_as_evidence(ids)
        return [found[i] for i in ids]

    def pair_messages(
        self, entity_ids: Iterable[int], limit: int | None = None, *, max_recipients: int = MAX_RECIPIENTS
    ) -> dict[tuple[int, int], list[int]]:
        """For every pair ``(a, b)``, a < b, of these entities that wrote to each other: the ids of their
        messages (the row standing for each), oldest first, at most ``limit`` (all pairs in one query);
        mailings to more than ``max_recipients`` left out."""
        rows = self.conn.execute(
            _CORRESPONDENTS + ", w AS (SELECT value FROM json_each(?)) "
            "SELECT DISTINCT MIN(s.e, r.e), MAX(s.e, r.e), s.msg, m.date, d.name, m.part FROM c s "
            "JOIN c r ON r.msg = s.msg AND r.e != s.e JOIN messages m ON m.id = s.msg JOIN documents d ON d.id = m.doc_id "
            "WHERE s.role = 'from' AND r.role != 'from' AND s.e IN w AND r.e IN w ORDER BY 1, 2, 4, 5, 6",
            (max_recipients, json.dumps(sorted(set(entity_ids)))),
        )
        out: dict[tuple[int, int], list[int]] = {}
        for a, b, message, *_order in rows:
            found = out.setdefault((a, b), [])
            if limit is None or len(found) < limit:
                found.append(message)
        return out

    def messages_as_evidence(self, ids: Sequence[int]) -> dict[int, Evidence]:
        """Stored messages as evidence (see :meth:`message_evidence`), by message row id."""
        out: dict[int, Evidence] = {}
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            marks = ",".join("?" * len(chunk))
            people: dict[int, list[dict[str, str]]] = {}
            for message, role, name, address in self.conn.execute(
                f"SELECT message, role, name, address FROM correspondents WHERE message IN ({marks}) ORDER BY rowid",
                chunk,
            ):
                people.setdefault(message, []).append({"role": role, "name": name, "address": address})
            for message, name, date, subject, *paragraph in self.conn.execute(
                "SELECT m.id, d.name, m.date, m.subject, COALESCE(p.id, 0), COALESCE(p.number, 0), COALESCE(p.line, 0), "
                "p.page, COALESCE(p.text, '') FROM messages m JOIN documents d ON d.id = m.doc_id "
                f"LEFT JOIN paragraphs p ON p.id = ({_FIRST_PARAGRAPH}) WHERE m.id IN ({marks})",
                (*_EVIDENCE, *chunk),
            ):
                meta = {"subject": subject, "date": date, "participants": people.get(message, [])}
                pid, number, line, page, text = paragraph
                out[message] = Evidence(pid, name, number, line, page, "message", text, json.dumps(meta))
        return out

    def word_counts(self) -> dict[str, int]:
        """Words per paragraph kind, for what a graph leaves out (paragraph text is stored with single spaces; issue 10)."""
        return dict(
            self.conn.execute(
                "SELECT kind, SUM(LENGTH(text) - LENGTH(REPLACE(text, ' ', '')) + 1) FROM paragraphs "
                "WHERE text != '' GROUP BY kind ORDER BY kind"
            )
        )

    def paragraphs(self, ids: Sequence[int]) -> list[Evidence]:
        """Paragraphs by id, with their file names."""
        out: list[Evidence] = []
        for i in range(0, len(ids), 500):
            chunk = list(ids[i : i + 500])
            out.extend(
                Evidence(*row)
                for row in self.conn.execute(
                    "SELECT p.id, d.name, p.number, p.line, p.page, p.kind, p.text, d.metadata FROM paragraphs p "
                    f"JOIN documents d ON d.id = p.doc_id WHERE p.id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            )
        return out

    def entity_reasons(self, entity_id: int) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, reason FROM entity_keys WHERE entity_id = ?", (entity_id,)))

    def documents_of(self, entity_id: int, kinds: Sequence[str]) -> list[str]:
        marks = ",".join("?" * len(kinds))
        return [
            r[0]
            for r in self.conn.execute(
                f"SELECT DISTINCT d.name FROM paragraph_entities x JOIN paragraphs p ON p.id = x.paragraph_id "
                f"JOIN documents d ON d.id = p.doc_id WHERE x.entity_id = ? AND p.kind IN ({marks}) ORDER BY d.name",
                (entity_id, *kinds),
            )
        ]

    def spans(self, paragraph_ids: Sequence[int]) -> list[tuple[int, int, int, int]]:
        """``(paragraph id, start, end, entity id)`` for the mentions in some paragraphs."""
        if not paragraph_ids:
            return []
        out: list[tuple[int, int, int, int]] = []
        for i in range(0, len(paragraph_ids), 500):
            chunk = paragraph_ids[i : i + 500]
            out.extend(
                self.conn.execute(
                    "SELECT m.paragraph_id, m.start, m.end, x.entity_id FROM mentions m "
                    "JOIN mention_entities x ON x.mention_id = m.id "
                    f"WHERE m.paragraph_id IN ({','.join('?' * len(chunk))}) ORDER BY m.paragraph_id, m.start",
                    chunk,
                )
            )
        return out

    def mentions_of(self, entity_id: int) -> list[tuple[str, str, str, int]]:
        """``(form, label, key, count)`` of an entity's mentions, most frequent first."""
        return self.conn.execute(
            "SELECT m.form, m.label, m.key, COUNT(*) c FROM mentions m JOIN mention_entities x ON x.mention_id = m.id "
            "WHERE x.entity_id = ? GROUP BY m.form, m.label ORDER BY c DESC",
            (entity_id,),
        ).fetchall()

    def mention_reasons(self, entity_id: int, document: str) -> list[tuple[int, str, str, str]]:
        """``(paragraph, form, key, reason)`` of an entity's mentions in the documents whose name contains
        ``document``, in reading order: why each mention went to this entity (issue 14)."""
        return self.conn.execute(
            "SELECT p.number, m.form, m.key, x.reason FROM mention_entities x JOIN mentions m ON m.id = x.mention_id "
            "JOIN paragraphs p ON p.id = m.paragraph_id JOIN documents d ON d.id = p.doc_id "
            "WHERE x.entity_id = ? AND instr(d.name, ?) > 0 ORDER BY d.name, p.number, m.start",
            (entity_id, document),
        ).fetchall()
