"""SQLite store: the source of truth for documents, paragraphs, mentions and entities.

The graph, every query and every export are derived from here; nothing needs NER
again. WAL mode lets queries read the last committed state while an ingest writes
(issue 6).

The store is split by caller (issue 15): :mod:`.schema` (versions and migrations),
:class:`.writer.StoreWriter` (ingest, resolve, curation), :class:`.reader.GraphSource` (the
graph and its cache) and :class:`.reader.EvidenceReader` (queries and exports), and :class:`.messages.MessageStore` (the
corpus-level steps for e-mail, issue 12).
:class:`Store` is all of them on one connection; a function that needs only one part
says so in its type hints.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import NoDatabase, Setting, StoreError
from .base import Database
from .messages import DUPLICATE, MessageStore
from .reader import ALL_TIME, Bounds, EntityRow, Evidence, EvidenceReader, GraphSource
from .schema import MIGRATIONS, SCHEMA_VERSION, Migration, prepare, read_version, use_wal
from .writer import StoreWriter

__all__ = [
    "SCHEMA_VERSION",
    "MIGRATIONS",
    "Migration",
    "Store",
    "Database",
    "StoreWriter",
    "MessageStore",
    "DUPLICATE",
    "GraphSource",
    "EvidenceReader",
    "EntityRow",
    "Evidence",
    "Bounds",
    "ALL_TIME",
    "open_store",
]


class Store(StoreWriter, MessageStore, GraphSource, EvidenceReader):
    """A graphkit database: every part of the store on one connection. Use :func:`open_store` to get one."""

    def __enter__(self) -> Store:
        return self


def open_store(db: str | Path, *, create: bool = False) -> Store:
    """Open the database file ``db`` (with ``create``, create it), bringing an older schema up to date.

    A file graphkit did not make, or one made by a newer version, is refused without a
    byte of it changing (issue 6); so is an older one no migration reaches.
    """
    path = Path(db)
    _check_place(path, create)
    try:
        conn = sqlite3.connect(path, timeout=120, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the database ({exc})") from exc
    try:
        conn.execute("PRAGMA busy_timeout = 120000")
        version = read_version(conn, path)
        if version is None and not create:
            raise NoDatabase(path)
        use_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        prepare(conn, path, version)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: not a graphkit database or damaged ({exc}); pass another ", Setting("db")) from exc
    except BaseException:
        conn.close()
        raise
    return Store(conn, path)


def _check_place(path: Path, create: bool) -> None:
    if not create and not path.exists():
        raise NoDatabase(path)
    if path.is_dir():
        raise StoreError(f"{path}: is a folder; ", Setting("db"), " takes a file name")
    if not path.parent.is_dir():
        raise StoreError(f"{path}: folder {path.parent} does not exist; create it or pass another ", Setting("db"))
