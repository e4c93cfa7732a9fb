"""The connection every part of the store shares: transactions, the meta table, the generation counter."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["Database", "now"]


def now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class Database:
    """An open graphkit database. Use :func:`graphkit.store.open_store` to get one."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path
        self.read_only = False  # opened read-only: nothing may be written, not even the graph cache

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):  # -> Self (3.11+ typing; kept plain for the mixins)
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; ``BEGIN IMMEDIATE`` so two writers queue instead of failing."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def get_meta(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def _set_meta(self, key: str, value: str) -> None:
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    @property
    def generation(self) -> int:
        """Bumped by every write that changes the graph; the graph cache keys on it."""
        return int(self.get_meta("generation", "0") or 0)

    def _bump(self) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('generation', '1') "
            "ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    @property
    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @property
    def needs_resolve(self) -> bool:
        return self.get_meta("dirty", "0") == "1"

    def counts(self) -> dict[str, int]:
        q = self.conn.execute
        return {
            "documents": q("SELECT COUNT(*) FROM documents").fetchone()[0],
            "paragraphs": q("SELECT COUNT(*) FROM paragraphs").fetchone()[0],
            "mentions": q("SELECT COUNT(*) FROM mentions").fetchone()[0],
            "entities": q("SELECT COUNT(*) FROM entities").fetchone()[0],
        }

    def kind_counts(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT kind, COUNT(*) FROM paragraphs GROUP BY kind ORDER BY kind"))

    def summary(self) -> dict[str, Any]:
        """What the database holds, for ``info``: counts, paragraphs by kind, curation rules, schema version."""
        rules = self.conn.execute("SELECT COUNT(*) FROM curation").fetchone()[0]
        return {
            **self.counts(),
            "paragraph_kinds": self.kind_counts(),
            "curation_rules": rules,
            "schema_version": self.schema_version,
        }
