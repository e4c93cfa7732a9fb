"""What watchlists keep in the store (issue 18): the lists, and their matches as mentions.

A match is a row of ``mentions`` with ``source = 'watch'``, keyed by the listed name, so
resolution, the graph and evidence see it like any mention. An NER mention that a match
overlaps is ``hidden``: the listed entity wins, and no mention is counted twice. Nothing
is deleted that NER found, so a changed list shows again what an older one covered.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from .base import Database, now

__all__ = ["WatchStore", "WatchRow", "HIDE_COVERED"]

# (paragraph id, start, end, text as written, label, form, key)
WatchRow = tuple[int, int, int, str, str, str, str]

# NER mentions of the given paragraphs that a watch match overlaps.
HIDE_COVERED = (
    "UPDATE mentions SET hidden = 1 WHERE source = 'ner' AND paragraph_id IN ({ids}) AND EXISTS "
    "(SELECT 1 FROM mentions w WHERE w.source = 'watch' AND w.paragraph_id = mentions.paragraph_id "
    "AND w.start < mentions.end AND mentions.start < w.end)"
)


# The NER mentions overlapping watch match m.
_OVERLAP = (
    "SELECT 1 FROM mentions n WHERE n.paragraph_id = m.paragraph_id AND n.source = 'ner' "
    "AND n.start < m.end AND m.start < n.end"
)


class WatchStore(Database):
    """The watchlists and their matches."""

    # -- the lists --------------------------------------------------------------------
    def replace_watchlist(self, source: str, entries: Iterable[tuple[str, str, str, str, str]]) -> None:
        """Replace the entries read from ``source`` with ``(name, type, aliases, lists, note)`` rows."""
        with self.transaction() as db:
            db.execute("DELETE FROM watchlist WHERE source = ?", (source,))
            db.executemany(
                "INSERT INTO watchlist (source, position, name, type, aliases, lists, note, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ((source, i, *row, now()) for i, row in enumerate(entries)),
            )
            self._set_meta("dirty", "1")
            self._bump()

    def forget_watchlist(self, source: str) -> int:
        """Drop the entries of one list file; returns how many there were."""
        with self.transaction() as db:
            gone = db.execute("DELETE FROM watchlist WHERE source = ?", (source,)).rowcount
            if gone:
                self._set_meta("dirty", "1")
                self._bump()
        return gone

    def watchlist(self) -> list[tuple[str, str, str, str, str, str]]:
        """``(source, name, type, aliases, lists, note)`` of every stored entry, in the order stored."""
        return self.conn.execute(
            "SELECT source, name, type, aliases, lists, note FROM watchlist ORDER BY id"
        ).fetchall()

    # -- the matches --------------------------------------------------------------------
    def paragraph_texts(self, doc_ids: Sequence[int] | None = None) -> Iterator[tuple[int, str]]:
        """``(paragraph id, text)`` of every paragraph (of some documents), in order."""
        if doc_ids is None:
            yield from self.conn.execute("SELECT id, text FROM paragraphs ORDER BY id")
            return
        for doc_id in doc_ids:
            yield from self.conn.execute("SELECT id, text FROM paragraphs WHERE doc_id = ? ORDER BY id", (doc_id,))

    def replace_watch_mentions(
        self, rows: Iterable[WatchRow], *, keys: Iterable[tuple[str, str, str]], signature: str
    ) -> int:
        """Every match of the corpus, replacing the older ones, in one transaction; returns their count.

        ``keys``: ``(key, listed name, lists)`` of every listed name, the key its matches carry;
        ``signature`` names the lists the matches come from (:attr:`watch_signature` reads it back).
        """
        with self.transaction() as db:
            db.execute("DELETE FROM watch_keys")
            db.executemany("INSERT OR IGNORE INTO watch_keys (key, name, lists) VALUES (?, ?, ?)", keys)
            db.execute("DELETE FROM mentions WHERE source = 'watch'")
            db.execute("UPDATE mentions SET hidden = 0 WHERE hidden = 1")
            count = self._insert_watch(rows)
            db.execute(HIDE_COVERED.format(ids="SELECT DISTINCT paragraph_id FROM mentions WHERE source = 'watch'"))
            self._set_meta("watch_signature", signature)
            self._set_meta("dirty", "1")
            self._bump()
        return count

    def _insert_watch(self, rows: Iterable[WatchRow]) -> int:
        cur = self.conn.executemany(
            "INSERT INTO mentions (paragraph_id, start, end, text, label, form, key, titled, source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, 0, 'watch')",
            rows,
        )
        return max(cur.rowcount, 0)

    @property
    def watch_signature(self) -> str:
        """What the stored matches were made from; '' when there are none."""
        return self.get_meta("watch_signature", "") or ""

    # -- what the lists found ---------------------------------------------------------------
    def entities_by_key(self, keys: Iterable[str]) -> dict[str, list[int]]:
        """The entities of some listed names' keys: first those their matches resolved to, most
        matches first, then any other holding the key (a key may name several entities: issue 14)."""
        out: dict[str, list[int]] = {}
        wanted = sorted(set(keys))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for key, entity_id in self.conn.execute(
                "SELECT m.key, x.entity_id FROM mentions m JOIN mention_entities x ON x.mention_id = m.id "
                f"WHERE m.source = 'watch' AND m.key IN ({marks}) GROUP BY m.key, x.entity_id ORDER BY COUNT(*) DESC",
                chunk,
            ):
                out.setdefault(key, []).append(entity_id)
            for key, entity_id in self.conn.execute(
                f"SELECT key, entity_id FROM entity_keys WHERE key IN ({marks}) ORDER BY entity_id", chunk
            ):
                if key not in out or entity_id not in out[key]:
                    out.setdefault(key, []).append(entity_id)
        return out

    def watch_counts(self) -> dict[str, tuple[int, int, int, int]]:
        """Per matched key: ``(matches, documents, untagged, tagged otherwise)``: matches that no NER
        mention overlaps, and matches that NER mentions overlap with none of the listed type."""
        rows = self.conn.execute(
            "SELECT m.key, COUNT(*), COUNT(DISTINCT p.doc_id), "
            f"SUM(NOT EXISTS ({_OVERLAP})), SUM(EXISTS ({_OVERLAP}) AND NOT EXISTS ({_OVERLAP} AND n.label = m.label)) "
            "FROM mentions m JOIN paragraphs p ON p.id = m.paragraph_id WHERE m.source = 'watch' GROUP BY m.key"
        )
        return {key: (n, docs, untagged, otherwise) for key, n, docs, untagged, otherwise in rows}

    def ner_forms(self) -> list[tuple[str, str, str, int]]:
        """``(form, key, label, mentions)`` of what the model found and no list covers: near-miss material."""
        return self.conn.execute(
            "SELECT form, key, label, COUNT(*) FROM mentions WHERE source = 'ner' AND hidden = 0 "
            "GROUP BY form, key, label"
        ).fetchall()
