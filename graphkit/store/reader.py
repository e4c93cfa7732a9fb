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

from ..vocabulary import EVIDENCE_KINDS as _EVIDENCE_KINDS
from ..vocabulary import MAX_RECIPIENTS
from .base import Database

__all__ = ["EntityRow", "Evidence", "GraphSource", "EvidenceReader", "Bounds", "ALL_TIME"]

# The first and last day (ISO) a paragraph's date must overlap to count: --since and
# --until (issue 17). None leaves that side open; a window with either side set leaves
# out every paragraph without a date, which cannot be shown to fall inside it.
Bounds = tuple[str | None, str | None]
ALL_TIME: Bounds = (None, None)


def _in_window(window: Bounds) -> tuple[str, list[str]]:
    """SQL (``AND ...`` on paragraphs ``p``) and arguments that keep paragraphs dated within ``window``."""
    return _dated_within(window, first="p.date_first", last="p.date_last")


def _dated_within(window: Bounds, *, first: str, last: str) -> tuple[str, list[str]]:
    """``AND ...`` keeping rows whose dates ``first``..``last`` (SQL expressions) overlap ``window``; NULL never does."""
    since, until = window
    sql, args = "", []
    if since is not None:
        sql += f" AND {last} >= ?"
        args.append(since)
    if until is not None:
        sql += f" AND {first} <= ?"
        args.append(until)
    return sql, args


# The paragraph a message's evidence shows: its first of an evidence kind (its first at all when it has none);
# an embedded message's paragraphs are its span, a message's own are all of its document's.
_FIRST_PARAGRAPH = (
    "SELECT x.id FROM paragraphs x WHERE x.doc_id = m.doc_id AND (m.part = 0 OR x.number BETWEEN m.first AND m.last) "
    f"ORDER BY x.kind IN ({','.join('?' * len(_EVIDENCE_KINDS))}) DESC, x.number LIMIT 1"
)
# The stored messages' correspondents as entities, each message once (its copies share ``same_as``),
# leaving out mailings: messages to more recipients than the limit (issue 12); ``day`` is the
# message's date (YYYY-MM-DD, NULL when unknown), and a window keeps the messages dated in it.
_CORRESPONDENTS = (
    "WITH n AS MATERIALIZED (SELECT message, SUM(role != 'from') k FROM correspondents GROUP BY message), "
    "c AS MATERIALIZED (SELECT COALESCE(m.same_as, m.id) msg, c.role, c.entity_id e, "
    "NULLIF(substr(m.date, 1, 10), '') day FROM correspondents c "
    "JOIN messages m ON m.id = c.message JOIN n ON n.message = m.id WHERE c.entity_id IS NOT NULL AND n.k <= ?{}) "
)


def _correspondents(max_recipients: int, window: Bounds) -> tuple[str, list[Any]]:
    """The ``c`` table of correspondents (see ``_CORRESPONDENTS``) and its arguments."""
    day = "NULLIF(substr(m.date, 1, 10), '')"  # an undated message is in no window
    where, args = _dated_within(window, first=day, last=day)
    return _CORRESPONDENTS.format(where), [max_recipients, *args]


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
    date: str | None = None  # ISO at its precision: the paragraph's own date, else its document's (issue 17)
    date_precision: str | None = None
    date_source: str | None = None  # text | text+document year | document
    date_text: str | None = None  # the paragraph's own date as written

    def as_dict(self) -> dict[str, Any]:
        out = {"file": self.file, "paragraph": self.paragraph, "line": self.line, "kind": self.kind, "text": self.text}
        if self.page is not None:
            out["page"] = self.page
        if self.date is not None:
            out.update(date=self.date, date_precision=self.date_precision, date_source=self.date_source)
            if self.date_text:
                out["date_text"] = self.date_text
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


# The columns of an Evidence row, from paragraphs p joined to documents d.
_EVIDENCE = (
    "p.id, d.name, p.number, p.line, p.page, p.kind, p.text, d.metadata, p.date, p.date_precision, p.date_source, "
    "p.date_text"
)


class GraphSource(Database):
    """What :func:`graphkit.graph.build_graph` reads: entities, their counts and links, and the cached graph."""

    def entities(self) -> list[EntityRow]:
        return [EntityRow(*r) for r in self.conn.execute("SELECT id, label, type, aliases FROM entities")]

    def node_counts(self, kinds: Sequence[str], window: Bounds = ALL_TIME) -> list[tuple[int, int, int, int, str, str]]:
        """``(entity id, mentions, documents, paragraphs, first, last)`` over paragraphs of the given kinds.

        ``first`` and ``last`` are the earliest and the latest date of those paragraphs (ISO
        at its precision, which sorts in time: "2016-06" before "2016-06-09"), "" if none has one.
        """
        marks = ",".join("?" * len(kinds))
        where, args = _in_window(window)
        return self.conn.execute(
            "SELECT pe.entity_id, SUM(pe.mentions), COUNT(DISTINCT p.doc_id), COUNT(*), COALESCE(MIN(p.date), ''), "
            "COALESCE(MAX(p.date), '') FROM paragraph_entities pe "
            f"JOIN paragraphs p ON p.id = pe.paragraph_id WHERE p.kind IN ({marks}){where} GROUP BY pe.entity_id",
            (*kinds, *args),
        ).fetchall()

    def paragraphs_naming(self, kinds: Sequence[str], entity_ids: Sequence[int], window: Bounds = ALL_TIME) -> int:
        """How many paragraphs of the given kinds name at least one of ``entity_ids``: the trials of co-occurrence."""
        marks = ",".join("?" * len(kinds))
        where, args = _in_window(window)
        row = self.conn.execute(
            "SELECT COUNT(DISTINCT pe.paragraph_id) FROM json_each(?) w "
            "JOIN paragraph_entities pe ON pe.entity_id = w.value JOIN paragraphs p ON p.id = pe.paragraph_id "
            f"WHERE p.kind IN ({marks}){where}",
            (json.dumps(list(entity_ids)), *kinds, *args),
        ).fetchone()
        return int(row[0])

    def edge_counts(self, kinds: Sequence[str], window: Bounds = ALL_TIME) -> list[tuple[int, int, int, int, str, str]]:
        """``(a, b, paragraphs, documents, first, last)`` for every pair of entities sharing a paragraph, a < b.

        The aggregation runs in SQLite (issue 5): one self-join of the paragraph/entity table.
        """
        marks = ",".join("?" * len(kinds))
        where, args = _in_window(window)
        return self.conn.execute(
            "WITH pe AS (SELECT x.paragraph_id, x.entity_id, p.doc_id, p.date FROM paragraph_entities x "
            f"JOIN paragraphs p ON p.id = x.paragraph_id WHERE p.kind IN ({marks}){where}) "
            "SELECT a.entity_id, b.entity_id, COUNT(*), COUNT(DISTINCT a.doc_id), COALESCE(MIN(a.date), ''), "
            "COALESCE(MAX(a.date), '') FROM pe a "
            "JOIN pe b ON b.paragraph_id = a.paragraph_id AND b.entity_id > a.entity_id "
            "GROUP BY a.entity_id, b.entity_id",
            (*kinds, *args),
        ).fetchall()

    def has_messages(self) -> bool:
        """Whether the store holds any e-mail."""
        return self.conn.execute("SELECT 1 FROM messages LIMIT 1").fetchone() is not None

    def message_counts(
        self, max_recipients: int = MAX_RECIPIENTS, window: Bounds = ALL_TIME
    ) -> list[tuple[int, int, int, str, str]]:
        """``(a, b, messages, first, last)`` for every pair of entities, a < b, one of whom wrote to the other,
        with the first and last day they did ("" when no message is dated; issue 12).

        A message counts once however many copies the corpus holds, and for every recipient
        (To, Cc, Bcc) of it; recipients of one message are not linked by it, and a message to
        more than ``max_recipients`` (a mailing) links nobody. A ``window`` keeps the messages dated in it.
        """
        sql, args = _correspondents(max_recipients, window)
        return self.conn.execute(
            sql + "SELECT MIN(s.e, r.e), MAX(s.e, r.e), COUNT(DISTINCT s.msg), COALESCE(MIN(s.day), ''), "
            "COALESCE(MAX(s.day), '') FROM c s JOIN c r ON r.msg = s.msg AND r.e != s.e "
            "WHERE s.role = 'from' AND r.role != 'from' GROUP BY 1, 2",
            args,
        ).fetchall()

    def correspondent_counts(
        self, max_recipients: int = MAX_RECIPIENTS, window: Bounds = ALL_TIME
    ) -> dict[int, tuple[int, str, str]]:
        """Messages each entity sent or received (each once, mailings left out), with the first and last day."""
        sql, args = _correspondents(max_recipients, window)
        rows = self.conn.execute(
            sql + "SELECT e, COUNT(DISTINCT msg), COALESCE(MIN(day), ''), COALESCE(MAX(day), '') FROM c GROUP BY e",
            args,
        )
        return {e: (int(n), first, last) for e, n, first, last in rows}

    def message_total(self, max_recipients: int = MAX_RECIPIENTS, window: Bounds = ALL_TIME) -> int:
        """Messages (each once) that link their correspondents: not mailings, and dated in ``window``."""
        sql, args = _correspondents(max_recipients, window)
        return self.conn.execute(sql + "SELECT COUNT(DISTINCT msg) FROM c", args).fetchone()[0]

    def mailing_count(self, max_recipients: int = MAX_RECIPIENTS) -> int:
        """Messages (each once) to more than ``max_recipients``: mailings, which make no message links."""
        return self.conn.execute(
            "SELECT COUNT(DISTINCT COALESCE(m.same_as, m.id)) FROM messages m WHERE "
            "(SELECT COUNT(*) FROM correspondents c WHERE c.message = m.id AND c.role != 'from') > ?",
            (max_recipients,),
        ).fetchone()[0]

    def undated(self, kinds: Sequence[str]) -> int:
        """Paragraphs of these kinds that name an entity and have no date: what a window leaves out unseen."""
        marks = ",".join("?" * len(kinds))
        return self.conn.execute(
            f"SELECT COUNT(*) FROM paragraphs p WHERE p.kind IN ({marks}) AND p.date IS NULL "
            "AND EXISTS (SELECT 1 FROM paragraph_entities x WHERE x.paragraph_id = p.id)",
            tuple(kinds),
        ).fetchone()[0]

    def watched_entities(self) -> dict[int, str]:
        """Entity id -> the watchlists naming it, ``|``-joined (issue 18): the entities the
        lists' matches resolved to (a key may name several entities, but a match names one)."""
        rows = self.conn.execute(
            "SELECT DISTINCT x.entity_id, w.lists, w.rowid FROM mentions m JOIN watch_keys w ON w.key = m.key "
            "JOIN mention_entities x ON x.mention_id = m.id WHERE m.source = 'watch' ORDER BY w.rowid"
        )
        out: dict[int, list[str]] = {}
        for entity_id, lists, _ in rows:
            names = out.setdefault(entity_id, [])
            names.extend(n for n in lists.split("|") if n not in names)
        return {entity_id: "|".join(names) for entity_id, names in out.items()}

    def cached_graph(self, signature: str) -> bytes | None:
        row = self.conn.execute("SELECT signature, data FROM graph_cache WHERE id = 1").fetchone()
        return row[1] if row and row[0] == signature else None

    def cache_graph(self, signature: str, data: bytes) -> None:
        if self.read_only:
            return
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
        self,
        a: int,
        b: int | None,
        kinds: Sequence[str] | None = None,
        limit: int | None = None,
        window: Bounds = ALL_TIME,
        *,
        by_date: bool = False,
    ) -> list[Evidence]:
        """Paragraphs where entity ``a`` occurs (with ``b`` too, if given), in file order or ``by_date``.

        ``by_date``: earliest first (the first day, then the finer date), undated last, then in file order.
        """
        sql = f"SELECT {_EVIDENCE} FROM paragraph_entities x JOIN paragraphs p ON p.id = x.paragraph_id "
        sql += "JOIN documents d ON d.id = p.doc_id "
        args: list[Any] = []
        if b is not None:
            sql += "JOIN paragraph_entities y ON y.paragraph_id = x.paragraph_id AND y.entity_id = ? "
            args.append(b)
        sql += "WHERE x.entity_id = ? "
        args.append(a)
        if kinds is not None:
            sql += f"AND p.kind IN ({','.join('?' * len(kinds))}) "
            args.extend(kinds)
        where, more = _in_window(window)
        sql += where + " ORDER BY " + ("p.date_first IS NULL, p.date_first, p.date_last, " if by_date else "")
        sql += "d.name, p.number"
        if limit is not None:
            sql += " LIMIT ?"
            more.append(limit)  # type: ignore[arg-type]
        return [Evidence(*row) for row in self.conn.execute(sql, [*args, *more])]

    def date_intervals(
        self, entity_ids: Iterable[int], kinds: Sequence[str], window: Bounds = ALL_TIME
    ) -> tuple[dict[int, list[tuple[str, str, int]]], dict[tuple[int, int], list[tuple[str, str, int]]]]:
        """When each entity, and each pair of them, occurs: ``(first day, last day, paragraphs)``, in time order.

        Paragraphs with the same dates are counted together; undated ones are left out. For
        the page's time slider and the spells of a dynamic GEXF (issue 17).
        """
        marks = ",".join("?" * len(kinds))
        where, args = _in_window(window)
        rows = self.conn.execute(
            "WITH pe AS MATERIALIZED (SELECT x.paragraph_id, x.entity_id, p.date_first f, p.date_last l "
            "FROM json_each(?) w JOIN paragraph_entities x ON x.entity_id = w.value "
            f"JOIN paragraphs p ON p.id = x.paragraph_id WHERE p.kind IN ({marks}) AND p.date_first IS NOT NULL{where}) "
            "SELECT entity_id, NULL, f, l, COUNT(*) FROM pe GROUP BY entity_id, f, l UNION ALL "
            "SELECT a.entity_id, b.entity_id, a.f, a.l, COUNT(*) FROM pe a JOIN pe b "
            "ON b.paragraph_id = a.paragraph_id AND b.entity_id > a.entity_id GROUP BY a.entity_id, b.entity_id, a.f, a.l "
            "ORDER BY 1, 2, 3, 4",
            (json.dumps(sorted(set(entity_ids))), *kinds, *args),
        )
        nodes: dict[int, list[tuple[str, str, int]]] = {}
        pairs: dict[tuple[int, int], list[tuple[str, str, int]]] = {}
        for a, b, first, last, n in rows:
            (nodes.setdefault(a, []) if b is None else pairs.setdefault((a, b), [])).append((first, last, n))
        return nodes, pairs

    def pair_evidence(
        self, entity_ids: Iterable[int], kinds: Sequence[str], limit: int, window: Bounds = ALL_TIME
    ) -> dict[tuple[int, int], list[int]]:
        """Paragraph ids of every pair ``(a, b)``, a < b, of these entities: the first ``limit`` of
        :meth:`evidence` for that pair, in the same order, for all pairs in one query (issue 5:
        an export of 60,000 links asks SQLite once, not 60,000 times).
        """
        marks = ",".join("?" * len(kinds))
        where, args = _in_window(window)
        rows = self.conn.execute(
            "WITH pe AS MATERIALIZED (SELECT x.paragraph_id, x.entity_id, d.name, p.number FROM json_each(?) w "
            "JOIN paragraph_entities x ON x.entity_id = w.value JOIN paragraphs p ON p.id = x.paragraph_id "
            f"JOIN documents d ON d.id = p.doc_id WHERE p.kind IN ({marks}){where}), "
            "ranked AS (SELECT a.entity_id ea, b.entity_id eb, a.paragraph_id pid, ROW_NUMBER() OVER "
            "(PARTITION BY a.entity_id, b.entity_id ORDER BY a.name, a.number) rn FROM pe a "
            "JOIN pe b ON b.paragraph_id = a.paragraph_id AND b.entity_id > a.entity_id) "
            "SELECT ea, eb, pid FROM ranked WHERE rn <= ? ORDER BY ea, eb, rn",
            (json.dumps(sorted(set(entity_ids))), *kinds, *args, limit),
        )
        out: dict[tuple[int, int], list[int]] = {}
        for a, b, paragraph_id in rows:
            out.setdefault((a, b), []).append(paragraph_id)
        return out

    def message_evidence(
        self,
        a: int,
        b: int,
        limit: int | None = None,
        *,
        max_recipients: int = MAX_RECIPIENTS,
        window: Bounds = ALL_TIME,
    ) -> list[Evidence]:
        """The messages one of entities ``a`` and ``b`` wrote to the other, each once, oldest first (issue 12).

        Each is an :class:`Evidence` of kind ``message``: the document that holds the message
        (its first copy), the message's first paragraph (``paragraph`` 0 and no text when it
        holds none), and as metadata that message's own subject, date and correspondents.
        """
        found = self.pair_messages([a, b], limit, max_recipients=max_recipients, window=window)
        ids = found.get((min(a, b), max(a, b)), [])
        rows = self.messages_as_evidence(ids)
        return [rows[i] for i in ids]

    def pair_messages(
        self,
        entity_ids: Iterable[int],
        limit: int | None = None,
        *,
        max_recipients: int = MAX_RECIPIENTS,
        window: Bounds = ALL_TIME,
    ) -> dict[tuple[int, int], list[int]]:
        """For every pair ``(a, b)``, a < b, of these entities that wrote to each other: the ids of their
        messages (the row standing for each), oldest first, at most ``limit`` (all pairs in one query);
        mailings to more than ``max_recipients`` left out, and messages not dated in ``window``."""
        sql, args = _correspondents(max_recipients, window)
        rows = self.conn.execute(
            sql + ", w AS (SELECT value FROM json_each(?)) "
            "SELECT DISTINCT MIN(s.e, r.e), MAX(s.e, r.e), s.msg, m.date, d.name, m.part FROM c s "
            "JOIN c r ON r.msg = s.msg AND r.e != s.e JOIN messages m ON m.id = s.msg JOIN documents d ON d.id = m.doc_id "
            "WHERE s.role = 'from' AND r.role != 'from' AND s.e IN w AND r.e IN w ORDER BY 1, 2, 4, 5, 6",
            (*args, json.dumps(sorted(set(entity_ids)))),
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
                (*_EVIDENCE_KINDS, *chunk),
            ):
                meta = {"subject": subject, "date": date, "participants": people.get(message, [])}
                pid, number, line, page, text = paragraph
                day = date[:10] or None  # the message's own date, as an evidence date (issue 17)
                out[message] = Evidence(
                    pid, name, number, line, page, "message", text, json.dumps(meta),
                    day, "day" if day else None, "document" if day else None,
                )  # fmt: skip
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
                    f"SELECT {_EVIDENCE} FROM paragraphs p "
                    f"JOIN documents d ON d.id = p.doc_id WHERE p.id IN ({','.join('?' * len(chunk))})",
                    chunk,
                )
            )
        return out

    def entity_reasons(self, entity_id: int) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, reason FROM entity_keys WHERE entity_id = ?", (entity_id,)))

    def documents_of(self, entity_id: int, kinds: Sequence[str], window: Bounds = ALL_TIME) -> list[str]:
        marks = ",".join("?" * len(kinds))
        where, args = _in_window(window)
        return [
            r[0]
            for r in self.conn.execute(
                f"SELECT DISTINCT d.name FROM paragraph_entities x JOIN paragraphs p ON p.id = x.paragraph_id "
                f"JOIN documents d ON d.id = p.doc_id WHERE x.entity_id = ? AND p.kind IN ({marks}){where} "
                "ORDER BY d.name",
                (entity_id, *kinds, *args),
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
        """``(form, label, key, count)`` of an entity's mentions, most frequent first; the label of a
        watchlist match is 'watchlist' (the list found it, not the model)."""
        return self.conn.execute(
            "SELECT m.form, CASE m.source WHEN 'watch' THEN 'watchlist' ELSE m.label END, m.key, COUNT(*) c "
            "FROM mentions m JOIN mention_entities x ON x.mention_id = m.id "
            "WHERE x.entity_id = ? GROUP BY m.form, 2 ORDER BY c DESC",
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
