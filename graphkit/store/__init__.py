"""SQLite store: the source of truth for documents, paragraphs, mentions and entities.

The graph, every query and every export are derived from here; nothing needs NER
again. WAL mode lets queries read the last committed state while an ingest writes
(issue 6).

The store is split by caller (issue 15): :mod:`.schema` (versions and migrations),
:class:`.writer.StoreWriter` (ingest, resolve, curation), :class:`.reader.GraphSource` (the
graph and its cache), :class:`.reader.EvidenceReader` (queries and exports) and :class:`.messages.MessageStore`
(the corpus-level steps for e-mail, issue 12). :class:`.watch.WatchStore` keeps the watchlists and their matches
(issue 18).
:class:`Store` is all of them on one connection; a function that needs only one part
says so in its type hints.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from ..errors import NoDatabase, Setting, StoreError
from .base import Database
from .messages import DUPLICATE, MessageStore
from .reader import ALL_TIME, Bounds, EntityRow, Evidence, EvidenceReader, GraphSource
from .schema import MIGRATIONS, SCHEMA_VERSION, Migration, prepare, read_version, use_wal
from .watch import WatchStore
from .writer import StoreWriter

__all__ = [
    "SCHEMA_VERSION",
    "MIGRATIONS",
    "Migration",
    "Store",
    "Database",
    "StoreWriter",
    "WatchStore",
    "MessageStore",
    "DUPLICATE",
    "GraphSource",
    "EvidenceReader",
    "EntityRow",
    "Evidence",
    "Bounds",
    "ALL_TIME",
    "open_store",
    "not_writable",
]


class Store(StoreWriter, MessageStore, GraphSource, EvidenceReader, WatchStore):
    """A graphkit database: every part of the store on one connection. Use :func:`open_store` to get one."""

    def __enter__(self) -> Store:
        return self


def open_store(db: str | Path, *, create: bool = False, write: bool = True, read_only: bool = False) -> Store:
    """Open the database file ``db`` (with ``create``, create it), bringing an older schema up to date.

    A file graphkit did not make, or one made by a newer version, is refused without a
    byte of it changing (issue 6); so is an older one no migration reaches. A file that
    cannot be written (a read-only file, folder or file system: issue 11) is opened
    read-only when the caller does not ``write`` (queries and exports; the graph cache is
    then not written), and refused with what to do when it does. With ``read_only`` it is
    opened read-only whatever the file allows, and one that would need a migration is
    refused instead of upgraded (``graphkit.open(db, read_only=True)``, issue 19).
    """
    path = Path(db)
    _check_place(path, create and not read_only)
    if read_only:
        return _open_read_only(path, upgrade=("open it once without ", Setting("read_only"), " to upgrade it"))
    if not _writable(path):
        if write or create:
            raise not_writable(path)
        return _open_read_only(path)
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


def not_writable(path: Path) -> StoreError:
    """The error for a change asked of a database whose file or folder cannot be written (issue 11)."""
    return StoreError(
        f"{path}: read-only (the file or its folder cannot be written); "
        "make it writable, or copy it to a folder you can write and pass the copy as ",
        Setting("db"),
    )


def _writable(path: Path) -> bool:
    """Whether SQLite can write ``path``: the file, and its folder (for the journal), if it exists."""
    folder = path.parent
    if not path.exists():
        return os.access(folder, os.W_OK)
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK)


_COPY_IT = ("copy it to a folder you can write and pass the copy as ", Setting("db"))


def _open_read_only(path: Path, *, upgrade: tuple[str | Setting, ...] = _COPY_IT) -> Store:
    """The database at ``path`` opened read-only; it must be at this graphkit's schema (no migration can run).

    ``upgrade`` ends the error for an older schema: what to do to bring it up to date.
    """
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    conn = _connect_read_only(uri, path)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        # A WAL database whose -shm file is gone cannot be read without creating it, which a
        # read-only folder forbids; nobody can be writing it either, so read it as immutable.
        conn.close()
        conn = _connect_read_only(uri + "&immutable=1", path)
    except sqlite3.DatabaseError:
        pass  # not a database at all: said below
    version = _read_version_or_fail(conn, path)
    if version is None:
        conn.close()
        raise NoDatabase(path)
    if version != SCHEMA_VERSION:
        conn.close()
        raise StoreError(
            f"{path}: made by an older graphkit (schema {version}) and read-only, so it cannot be brought up to date; ",
            *upgrade,
        )
    store = Store(conn, path)
    store.read_only = True
    return store


def _connect_read_only(uri: str, path: Path) -> sqlite3.Connection:
    try:
        return sqlite3.connect(uri, uri=True, timeout=120, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the database ({exc})") from exc


def _read_version_or_fail(conn: sqlite3.Connection, path: Path) -> int | None:
    try:
        return read_version(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: not a graphkit database or damaged ({exc}); pass another ", Setting("db")) from exc
    except BaseException:
        conn.close()
        raise


def _check_place(path: Path, create: bool) -> None:
    if not create and not path.exists():
        raise NoDatabase(path)
    if path.is_dir():
        raise StoreError(f"{path}: is a folder; ", Setting("db"), " takes a file name")
    if not path.parent.is_dir():
        raise StoreError(f"{path}: folder {path.parent} does not exist; create it or pass another ", Setting("db"))
