"""The database schema, its version and the migrations between versions (issue 15).

The version lives in SQLite's ``PRAGMA user_version``. A new database gets the 1.0
schema and then every migration, in order; an older one gets the migrations it lacks,
all in one transaction. To change the schema, append one :class:`Migration` to
:data:`MIGRATIONS`: nothing else needs to change.

A file is only read until it is known to be a graphkit database this version can use:
one graphkit did not make, or one made by a newer version, is refused without a byte of
it changing (issue 6).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import OldDatabase, Setting, StoreError

__all__ = [
    "Migration",
    "MIGRATIONS",
    "BASE_VERSION",
    "SCHEMA_VERSION",
    "schema_version",
    "read_version",
    "prepare",
    "use_wal",
    "insert_messages",
    "MessageTuple",
]

# One message of a document as the store takes it (see insert_messages).
MessageTuple = tuple[Any, ...]


@dataclass(frozen=True)
class Migration:
    """One step: brings a database from ``version - 1`` to ``version``."""

    version: int
    why: str  # what changes, and the issue that asks for it
    apply: str | Callable[[sqlite3.Connection], None]  # SQL statements, or a function for data that SQL cannot move


# The schema of graphkit 1.0, version 1. Never edit it: change the schema with a Migration.
BASE_VERSION = 1
BASE_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,          -- absolute path: the identity of a file across runs
    name TEXT NOT NULL,                 -- what evidence shows, relative to the folder ingested
    sha256 TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    format TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    metadata TEXT NOT NULL DEFAULT '{}',
    model TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS paragraphs (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    number INTEGER NOT NULL,            -- 1-based, in reading order
    line INTEGER NOT NULL DEFAULT 0,    -- 1-based line where it starts, 0 if unknown
    page INTEGER,
    kind TEXT NOT NULL,                 -- one of graphkit.paragraphs.KINDS
    why TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL,
    UNIQUE (doc_id, number)
);
CREATE TABLE IF NOT EXISTS mentions (
    id INTEGER PRIMARY KEY,
    paragraph_id INTEGER NOT NULL REFERENCES paragraphs(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    form TEXT NOT NULL,
    key TEXT NOT NULL,
    titled INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS mentions_paragraph ON mentions(paragraph_id);
CREATE INDEX IF NOT EXISTS mentions_key ON mentions(key);
CREATE INDEX IF NOT EXISTS paragraphs_doc ON paragraphs(doc_id);
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    type TEXT NOT NULL,
    aliases TEXT NOT NULL               -- surface forms joined with '|'
);
CREATE TABLE IF NOT EXISTS entity_keys (
    key TEXT PRIMARY KEY,
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    reason TEXT NOT NULL                -- why this form joined the entity (entities --explain)
);
CREATE INDEX IF NOT EXISTS entity_keys_entity ON entity_keys(entity_id);
CREATE TABLE IF NOT EXISTS paragraph_entities (
    paragraph_id INTEGER NOT NULL,
    entity_id INTEGER NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (entity_id, paragraph_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS paragraph_entities_paragraph ON paragraph_entities(paragraph_id, entity_id);
CREATE TABLE IF NOT EXISTS curation (
    id INTEGER PRIMARY KEY,
    op TEXT NOT NULL,                   -- merge | split | rename | ignore
    name TEXT NOT NULL,
    arg TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'cli',
    created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS graph_cache (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    signature TEXT NOT NULL,
    data BLOB NOT NULL
);
"""

# Issue 12: the messages an e-mail document holds (its own and the ones forwarded or quoted
# in it) and their correspondents, for links of their own kind; and paragraphs set aside as
# text the corpus holds twice, with where the text is and the kind they had before.
MESSAGES_SCHEMA = """
CREATE TABLE messages (
    id INTEGER PRIMARY KEY,
    doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    part INTEGER NOT NULL,              -- 0: the document's own message; n: the n-th forwarded or quoted one
    role TEXT NOT NULL,                 -- message | forward | quote
    first INTEGER,                      -- the paragraphs an embedded message spans
    last INTEGER,
    message_id TEXT NOT NULL DEFAULT '',
    fingerprint TEXT NOT NULL DEFAULT '', -- sender|day|subject: finds a quoted copy of a message
    date TEXT NOT NULL DEFAULT '',      -- YYYY-MM-DD HH:MM, as far as known
    subject TEXT NOT NULL DEFAULT '',
    same_as INTEGER,                    -- the row standing for this message in the corpus (set after ingest)
    UNIQUE (doc_id, part)
);
CREATE TABLE correspondents (
    message INTEGER NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    role TEXT NOT NULL,                 -- from | to | cc | bcc
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    key TEXT NOT NULL,                  -- the folded name (the address without one)
    entity_id INTEGER                   -- the person resolution made of them (none for a bare address)
);
CREATE INDEX correspondents_message ON correspondents(message);
CREATE INDEX correspondents_key ON correspondents(key);
CREATE INDEX messages_same ON messages(same_as);
ALTER TABLE paragraphs ADD COLUMN copy_of INTEGER;   -- a 'duplicate': the paragraph that holds its text
ALTER TABLE paragraphs ADD COLUMN read_kind TEXT;    -- a 'duplicate': the kind it had before
"""


def _add_messages(conn: sqlite3.Connection) -> None:
    """The tables, then the messages of the e-mail already stored; the next ingest marks the duplicates."""
    import json

    from ..correspondence import message_rows

    _apply(conn, MESSAGES_SCHEMA)
    docs = conn.execute("SELECT id, metadata FROM documents WHERE format = 'email'").fetchall()
    for doc_id, metadata in docs:
        insert_messages(conn, doc_id, message_rows(json.loads(metadata)))
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('dirty', '1')")


def insert_messages(conn: sqlite3.Connection, doc_id: int, rows: Sequence[MessageTuple]) -> None:
    """Store a document's messages: ``(part, role, first, last, message_id, fingerprint, date, subject,
    [(role, name, address, key), ...])`` each."""
    for *fields, people in rows:
        cur = conn.execute(
            "INSERT INTO messages (doc_id, part, role, first, last, message_id, fingerprint, date, subject) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, *fields),
        )
        conn.executemany(
            "INSERT INTO correspondents (message, role, name, address, key) VALUES (?, ?, ?, ?, ?)",
            ((cur.lastrowid, *person) for person in people),
        )


DATES = """
ALTER TABLE documents ADD COLUMN date TEXT;             -- ISO 8601 at its precision: 2016, 2016-06, 2016-06-09
ALTER TABLE documents ADD COLUMN date_source TEXT;      -- where it came from: "e-mail Date header", "file name", ...
ALTER TABLE paragraphs ADD COLUMN date TEXT;            -- the date that applies: the paragraph's own, else its document's
ALTER TABLE paragraphs ADD COLUMN date_precision TEXT;  -- day | month | year
ALTER TABLE paragraphs ADD COLUMN date_source TEXT;     -- text | text+document year | document
ALTER TABLE paragraphs ADD COLUMN date_text TEXT;       -- the paragraph's own date as written ("June 9, 2016")
ALTER TABLE paragraphs ADD COLUMN date_first TEXT;      -- the first and last day the date covers (--since, --until)
ALTER TABLE paragraphs ADD COLUMN date_last TEXT;
CREATE INDEX paragraphs_date ON paragraphs(date_first) WHERE date_first IS NOT NULL;
"""


def _add_dates(conn: sqlite3.Connection) -> None:
    """Date columns, filled for what is stored from its text and metadata.

    The model's DATE spans were not kept before, so bare years and days without a year
    are read only when a file is ingested again (the extractor version changed with this).
    """
    from .dating import date_stored_documents

    _apply(conn, DATES)
    date_stored_documents(conn)


# Every change since 1.0, oldest first: Migration(BASE_VERSION + 1, ...), then + 2, ...
MIGRATIONS: list[Migration] = [
    Migration(
        2,
        "Mentions resolve one by one, document by document (issue 14): a key may name several entities, "
        "so entity_keys is keyed by (entity, key), and each mention keeps its entity and the reason in "
        "mention_entities. The resolver mark is dropped so the next ingest resolves again.",
        """
        CREATE TABLE entity_keys_2 (
            entity_id INTEGER NOT NULL REFERENCES entities(id),
            key TEXT NOT NULL,                  -- one key may name several entities, document by document
            reason TEXT NOT NULL,               -- why this form joined the entity (entities --explain)
            PRIMARY KEY (entity_id, key)
        ) WITHOUT ROWID;
        INSERT INTO entity_keys_2 (entity_id, key, reason) SELECT entity_id, key, reason FROM entity_keys;
        DROP TABLE entity_keys;
        ALTER TABLE entity_keys_2 RENAME TO entity_keys;
        CREATE TABLE mention_entities (
            mention_id INTEGER PRIMARY KEY,
            entity_id INTEGER NOT NULL,
            reason TEXT NOT NULL DEFAULT ''     -- why this mention went there, when its document decided it
        );
        INSERT INTO mention_entities (mention_id, entity_id)
            SELECT m.id, k.entity_id FROM mentions m JOIN entity_keys k ON k.key = m.key;
        CREATE INDEX mention_entities_entity ON mention_entities(entity_id);
        DELETE FROM meta WHERE key = 'resolver';
        """,
    ),
    Migration(3, "dates of documents and paragraphs, for timelines and --since/--until (issue 17)", _add_dates),
    Migration(
        4,
        "watchlists (issue 18): the lists, list matches as mentions, NER mentions a match covers hidden",
        """
        ALTER TABLE mentions ADD COLUMN source TEXT NOT NULL DEFAULT 'ner';  -- 'ner', or 'watch': a watchlist match
        ALTER TABLE mentions ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;   -- 1: an NER mention a watch match covers
        CREATE INDEX IF NOT EXISTS mentions_source ON mentions(source, paragraph_id);
        CREATE TABLE IF NOT EXISTS watchlist (
            id INTEGER PRIMARY KEY,
            source TEXT NOT NULL,               -- the list file, as ingest --watchlist named it
            position INTEGER NOT NULL,          -- order in that file
            name TEXT NOT NULL,
            type TEXT NOT NULL,
            aliases TEXT NOT NULL DEFAULT '',   -- '|'-joined
            lists TEXT NOT NULL DEFAULT '',     -- the list names, '|'-joined
            note TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS watch_keys (
            key TEXT PRIMARY KEY,               -- the key of a listed name, as its matches carry it
            name TEXT NOT NULL,                 -- the listed name
            lists TEXT NOT NULL                 -- the lists naming it, '|'-joined
        );
        """,
    ),
    Migration(
        5,
        "messages and correspondents of e-mail, for message links; paragraphs set aside as duplicates (issue 12)",
        _add_messages,
    ),
]


def schema_version() -> int:
    """The version this graphkit writes: the base schema plus every migration."""
    return BASE_VERSION + len(MIGRATIONS)


SCHEMA_VERSION = schema_version()
_GRAPHKIT_TABLES = frozenset({"documents", "paragraphs", "mentions"})


def read_version(conn: sqlite3.Connection, path: Path) -> int | None:
    """The schema version of a graphkit database, None for an empty file; refuses anything else. Reads only."""
    objects = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    if not objects:
        return None
    if not _GRAPHKIT_TABLES <= objects:
        raise StoreError(f"{path}: an SQLite file that graphkit did not make; pass another ", Setting("db"))
    version = conn.execute("PRAGMA user_version").fetchone()[0] or _recorded_version(conn, path)
    current = schema_version()
    if version > current:
        raise StoreError(
            f"{path}: made by a newer graphkit (schema {version}; this one reads up to {current}); "
            "upgrade graphkit to use it. The file was not changed"
        )
    if version < BASE_VERSION:
        raise OldDatabase(path, version, current)
    return version


def _recorded_version(conn: sqlite3.Connection, path: Path) -> int:
    """Where graphkit 1.0 kept the version (meta.schema_version); 0 for a database from before that."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:  # no meta table
        return 0
    try:
        return int(row[0]) if row else 0
    except (TypeError, ValueError):
        raise StoreError(f"{path}: unreadable schema version {row[0]!r}; not a graphkit database or damaged") from None


def prepare(conn: sqlite3.Connection, path: Path, version: int | None) -> None:
    """Create the schema in an empty file, or migrate an older one; one transaction. The common case writes nothing."""
    if version == schema_version():
        return
    conn.execute("BEGIN IMMEDIATE")  # two processes creating or migrating one database queue here
    try:
        version = read_version(conn, path)  # again, under the lock: the other may have done it already
        if version is None:
            _apply(conn, BASE_SCHEMA)
            version = BASE_VERSION
        for step in MIGRATIONS[version - BASE_VERSION :]:
            _apply(conn, step.apply)
        _stamp(conn, schema_version())
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _apply(conn: sqlite3.Connection, step: str | Callable[[sqlite3.Connection], None]) -> None:
    if callable(step):
        step(conn)
        return
    for sql in _statements(step):  # not executescript: it would commit the transaction half way
        conn.execute(sql)


def _statements(script: str) -> list[str]:
    out, buf = [], ""
    for part in script.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                out.append(buf.strip())
            buf = ""
    return out


def _stamp(conn: sqlite3.Connection, version: int) -> None:
    conn.execute(f"PRAGMA user_version = {int(version)}")
    # graphkit 1.0 reads the version here: it then refuses a newer database instead of calling it damaged.
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(version),))


def use_wal(conn: sqlite3.Connection, wait: float = 120.0) -> None:
    """Switch to WAL, waiting for other processes: SQLite answers 'locked' at once here, busy timeout or not.

    Two ingests that create one database together both switch it (issue 6).
    """
    deadline = time.monotonic() + wait
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)
