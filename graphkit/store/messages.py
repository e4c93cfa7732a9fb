"""What the corpus-level steps for e-mail read and write (issue 12): messages, copies, duplicates.

After every ingest, :func:`graphkit.correspondence.mark_copies` groups the stored messages
(one message, however many copies) and sets aside the paragraphs whose text the corpus
holds already: kind ``duplicate``, with ``copy_of`` naming the paragraph that holds the
text and ``read_kind`` the kind it had, so the next run can undo it before deciding again.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from ..vocabulary import EVIDENCE_KINDS
from .base import Database

__all__ = ["MessageStore", "DUPLICATE"]

DUPLICATE = "duplicate"


class MessageStore(Database):
    """Messages and their copies, and the paragraphs set aside as duplicates."""

    def message_rows(self) -> list[tuple[int, int, str, int, str, str, str]]:
        """``(row id, document id, document name, part, message_id, fingerprint, date)`` of every stored message."""
        return self.conn.execute(
            "SELECT m.id, d.id, d.name, m.part, m.message_id, m.fingerprint, m.date FROM messages m "
            "JOIN documents d ON d.id = m.doc_id"
        ).fetchall()

    def documents(self) -> list[tuple[int, str, str]]:
        """``(id, name, date)`` of every document; the date is its message's, ``""`` for documents that are not mail."""
        return self.conn.execute(
            "SELECT d.id, d.name, COALESCE(m.date, '') FROM documents d "
            "LEFT JOIN messages m ON m.doc_id = d.id AND m.part = 0"
        ).fetchall()

    def evidence_paragraphs(self) -> Iterator[tuple[int, int, int, str, str]]:
        """``(id, document id, number, kind, text)`` of every paragraph of an evidence kind, duplicates undone."""
        marks = ",".join("?" * len(EVIDENCE_KINDS))
        yield from self.conn.execute(
            "SELECT id, doc_id, number, COALESCE(read_kind, kind), text FROM paragraphs "
            f"WHERE COALESCE(read_kind, kind) IN ({marks})",
            EVIDENCE_KINDS,
        )

    def correspondent_rows(self) -> list[tuple[int, int, int, str, str, str, str]]:
        """``(row id, document id, paragraph, name, key, role, address)`` of every correspondent.

        ``paragraph`` is where their header stands in the document: 0 (before the text) for
        the document's own message, the first paragraph of a forwarded or quoted one.
        """
        return self.conn.execute(
            "SELECT c.rowid, m.doc_id, CASE WHEN m.part = 0 THEN 0 ELSE COALESCE(m.first, 0) END, c.name, c.key, "
            "c.role, c.address FROM correspondents c JOIN messages m ON m.id = c.message ORDER BY c.rowid"
        ).fetchall()

    def correspondent_addresses(self) -> list[tuple[int, str]]:
        """``(row id, address)`` of every correspondent with an address."""
        return self.conn.execute("SELECT rowid, address FROM correspondents WHERE address != ''").fetchall()

    def write_copies(self, same_as: Mapping[int, int], duplicates: Mapping[int, int]) -> bool:
        """Record which message row stands for each one, and set aside ``duplicates`` (paragraph -> its copy).

        Paragraphs set aside before and not in ``duplicates`` get their kind back. Returns
        whether anything changed (the generation is bumped only then).
        """
        old = dict(self.conn.execute("SELECT id, copy_of FROM paragraphs WHERE read_kind IS NOT NULL"))
        stands = dict(self.conn.execute("SELECT id, same_as FROM messages"))
        if old == dict(duplicates) and stands == {k: same_as.get(k) for k in stands}:
            return False
        with self.transaction() as db:
            db.executemany("UPDATE messages SET same_as = ? WHERE id = ?", ((v, k) for k, v in same_as.items()))
            db.execute(
                "UPDATE paragraphs SET kind = read_kind, read_kind = NULL, copy_of = NULL WHERE read_kind IS NOT NULL"
            )
            db.executemany(
                "UPDATE paragraphs SET read_kind = kind, kind = ?, copy_of = ? WHERE id = ?",
                ((DUPLICATE, copy, pid) for pid, copy in duplicates.items()),
            )
            self._bump()
        return True

    def duplicate_counts(self) -> tuple[int, int]:
        """Paragraphs set aside as duplicates, and their words."""
        row = self.conn.execute(
            "SELECT COUNT(*), COALESCE(SUM(LENGTH(text) - LENGTH(REPLACE(text, ' ', '')) + 1), 0) FROM paragraphs "
            "WHERE kind = ? AND text != ''",
            (DUPLICATE,),
        ).fetchone()
        return int(row[0]), int(row[1])

    def copies_of(self, paragraph_ids: Sequence[int]) -> dict[int, tuple[str, int]]:
        """For duplicates among ``paragraph_ids``: the document name and number of the paragraph holding their text."""
        out: dict[int, tuple[str, int]] = {}
        for i in range(0, len(paragraph_ids), 500):
            chunk = list(paragraph_ids[i : i + 500])
            for pid, name, number in self.conn.execute(
                "SELECT p.id, d.name, c.number FROM paragraphs p JOIN paragraphs c ON c.id = p.copy_of "
                f"JOIN documents d ON d.id = c.doc_id WHERE p.id IN ({','.join('?' * len(chunk))})",
                chunk,
            ):
                out[pid] = (name, number)
        return out

    def duplicates_in(self, path: str) -> dict[int, tuple[str, int]]:
        """The duplicates of the stored file ``path`` (absolute): paragraph number -> where its text is."""
        return {
            number: (name, copy)
            for number, name, copy in self.conn.execute(
                "SELECT p.number, cd.name, c.number FROM documents d JOIN paragraphs p ON p.doc_id = d.id "
                "JOIN paragraphs c ON c.id = p.copy_of JOIN documents cd ON cd.id = c.doc_id WHERE d.path = ?",
                (path,),
            )
        }
