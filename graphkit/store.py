"""SQLite store: the source of truth for documents, paragraphs, mentions and entities.

The graph, every query and every export are derived from here; nothing needs NER
again. Each ingested file is written in one transaction, so an interrupted run leaves
whole files or nothing (issue 2). WAL mode lets queries read the last committed state
while an ingest writes (issue 6).
"""

from __future__ import annotations

import functools
import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import StoreError

__all__ = ["SCHEMA_VERSION", "Store", "EntityRow", "Evidence", "open_store"]

SCHEMA_VERSION = 2

_SCHEMA = """
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
    kind TEXT NOT NULL,                 -- body | heading | boilerplate | comment
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
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    key TEXT NOT NULL,                  -- one key may name several entities, document by document (issue 14)
    reason TEXT NOT NULL,               -- why this form joined the entity (entities --explain)
    PRIMARY KEY (entity_id, key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mention_entities (
    mention_id INTEGER PRIMARY KEY,
    entity_id INTEGER NOT NULL,
    reason TEXT NOT NULL DEFAULT ''     -- why this mention went there, when its document decided it
);
CREATE INDEX IF NOT EXISTS mention_entities_entity ON mention_entities(entity_id);
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
        return out

    @property
    def message(self) -> dict[str, str]:
        """Subject, sender, recipients and date of the e-mail the paragraph comes from (issue 7)."""
        if '"from"' not in self.metadata and '"subject"' not in self.metadata:
            return {}
        meta = json.loads(self.metadata)
        return {key: meta[key] for key in ("subject", "from", "to", "cc", "date") if meta.get(key)}


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class Store:
    """A graphkit database. Use :func:`open_store` to get one."""

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path

    # -- lifecycle -----------------------------------------------------------------
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
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

    # -- meta ------------------------------------------------------------------------
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
    def needs_resolve(self) -> bool:
        return self.get_meta("dirty", "0") == "1"

    # -- documents -----------------------------------------------------------------
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
    ) -> None:
        """Write one file, replacing any older version of it, in a single transaction.

        ``paragraphs``: ``(number, line, page, kind, why, text)``;
        ``mentions``: ``(paragraph number, start, end, text, label, form, key, titled)``.
        """
        with self.transaction() as db:
            db.execute("DELETE FROM documents WHERE path = ?", (path,))
            cur = db.execute(
                "INSERT INTO documents (path, name, sha256, bytes, format, title, metadata, model, ingested_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (path, name, sha256, size, format, title, json.dumps(metadata), model, _now()),
            )
            doc_id = cur.lastrowid
            first = db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM paragraphs").fetchone()[0]
            db.executemany(
                "INSERT INTO paragraphs (id, doc_id, number, line, page, kind, why, text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ((first + i, doc_id, *p) for i, p in enumerate(paragraphs)),
            )
            ids = {p[0]: first + i for i, p in enumerate(paragraphs)}
            db.executemany(
                "INSERT INTO mentions (paragraph_id, start, end, text, label, form, key, titled) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                ((ids[m[0]], *m[1:]) for m in mentions),
            )
            self._set_meta("dirty", "1")
            self._bump()

    def forget_document(self, path: str) -> bool:
        with self.transaction() as db:
            gone = db.execute("DELETE FROM documents WHERE path = ?", (path,)).rowcount > 0
            if gone:
                self._set_meta("dirty", "1")
                self._bump()
        return gone

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

    # -- resolution input and output --------------------------------------------------
    def mention_rows(self) -> list[tuple[int, int, int, int, str, str, str, int]]:
        """Every mention as ``(id, document id, paragraph number, start, form, key, label, titled)``."""
        return self.conn.execute(
            "SELECT m.id, p.doc_id, p.number, m.start, m.form, m.key, m.label, m.titled "
            "FROM mentions m JOIN paragraphs p ON p.id = m.paragraph_id"
        ).fetchall()

    def texts_with_parentheses(self) -> Iterator[tuple[int, str]]:
        """``(document id, text)`` of body paragraphs that may define an acronym: 'Internet Research Agency (IRA)'."""
        yield from self.conn.execute("SELECT doc_id, text FROM paragraphs WHERE kind = 'body' AND instr(text, '(') > 0")

    def write_entities(
        self,
        entities: Sequence[tuple[int, str, str, str]],
        keys: Sequence[tuple[str, int, str]],
        mentions: Iterable[tuple[int, int, str]] = (),
        *,
        resolver: str = "",
        generation: int | None = None,
    ) -> bool:
        """Replace the resolved entities: ``(id, label, type, aliases)``, ``(key, entity id, reason)``
        and, per mention, ``(mention id, entity id, reason)`` (the reason empty unless its document decided).

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
            self._set_meta("dirty", "0")
            self._set_meta("resolver", resolver)
            self._bump()
        return True

    # -- curation --------------------------------------------------------------------
    def add_curation(self, op: str, name: str, arg: str = "", source: str = "cli") -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO curation (op, name, arg, source, created_at) VALUES (?, ?, ?, ?, ?)",
                (op, name, arg, source, _now()),
            )
            self._set_meta("dirty", "1")
            self._bump()  # a resolution that read before this rule must not be written after it

    def replace_curation_source(self, source: str, rules: Iterable[tuple[str, str, str]]) -> None:
        """Replace every rule that came from ``source`` (an aliases file) with ``rules``."""
        with self.transaction() as db:
            db.execute("DELETE FROM curation WHERE source = ?", (source,))
            db.executemany(
                "INSERT INTO curation (op, name, arg, source, created_at) VALUES (?, ?, ?, ?, ?)",
                ((op, name, arg, source, _now()) for op, name, arg in rules),
            )
            self._set_meta("dirty", "1")
            self._bump()

    def curation(self) -> list[tuple[str, str, str, str]]:
        return self.conn.execute("SELECT op, name, arg, source FROM curation ORDER BY id").fetchall()

    # -- reads for the graph and queries -------------------------------------------------
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

    # -- graph cache -------------------------------------------------------------------
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


def open_store(path: str | Path, *, create: bool = False) -> Store:
    """Open (or with ``create``, create) a database, checking its schema version.

    The file is only read until it is known to be a graphkit database this version can
    use: a file graphkit did not make, or one made by a newer version, is refused
    without a byte of it changing (issue 6). An older one is migrated, or refused with
    what to do.
    """
    path = Path(path)
    if not create and not path.exists():
        raise StoreError(f"{path}: no graphkit database here; run `graphkit ingest PATH --db {path}` first")
    if path.is_dir():
        raise StoreError(f"{path}: is a folder; --db takes a file name")
    if not path.parent.is_dir():
        raise StoreError(f"{path}: folder {path.parent} does not exist; create it or pass another --db")
    try:
        conn = sqlite3.connect(path, timeout=120, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"{path}: cannot open the database ({exc})") from exc
    try:
        conn.execute("PRAGMA busy_timeout = 120000")
        version = _schema_version(conn, path)
        if version is None and not create:
            raise StoreError(f"{path}: no graphkit database here; run `graphkit ingest PATH --db {path}` first")
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        _create_or_migrate(conn, path, version)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path}: not a graphkit database or damaged ({exc}); pass another --db") from exc
    except BaseException:
        conn.close()
        raise
    return Store(conn, path)


def _use_wal(conn: sqlite3.Connection, wait: float = 120.0) -> None:
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


# Steps that bring a database from schema N to N + 1, applied in order in one transaction.
# A database older than the first step is refused with what to do instead.
_MIGRATIONS: dict[int, str] = {
    # Schema 2 (issue 14): mentions resolve one by one, so a key may belong to several entities.
    1: """
    CREATE TABLE entity_keys_2 (entity_id INTEGER NOT NULL REFERENCES entities(id), key TEXT NOT NULL,
        reason TEXT NOT NULL, PRIMARY KEY (entity_id, key)) WITHOUT ROWID;
    INSERT INTO entity_keys_2 (entity_id, key, reason) SELECT entity_id, key, reason FROM entity_keys;
    CREATE TABLE mention_entities (mention_id INTEGER PRIMARY KEY, entity_id INTEGER NOT NULL,
        reason TEXT NOT NULL DEFAULT '');
    INSERT INTO mention_entities (mention_id, entity_id) SELECT m.id, k.entity_id FROM mentions m
        JOIN entity_keys k ON k.key = m.key;
    DROP TABLE entity_keys;
    ALTER TABLE entity_keys_2 RENAME TO entity_keys;
    DELETE FROM meta WHERE key = 'resolver';
    """,
}


def _schema_version(conn: sqlite3.Connection, path: Path) -> int | None:
    """The schema version of a graphkit database, None for an empty file; refuses anything else. Reads only."""
    objects = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    if not objects:
        return None
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:  # no meta table, or someone else's
        row = None
    if row is None and not {"documents", "paragraphs", "mentions"} <= objects:
        raise StoreError(f"{path}: an SQLite file that graphkit did not make; pass another --db")
    try:
        version = int(row[0]) if row else 0  # graphkit tables but no version: made before versions were recorded
    except (TypeError, ValueError):
        raise StoreError(f"{path}: unreadable schema version {row[0]!r}; not a graphkit database or damaged") from None
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: made by a newer graphkit (schema {version}; this one reads up to {SCHEMA_VERSION}); "
            "upgrade graphkit to use it. The file was not changed"
        )
    if version < SCHEMA_VERSION and any(v not in _MIGRATIONS for v in range(version, SCHEMA_VERSION)):
        raise StoreError(
            f"{path}: made by an older graphkit (schema {version}; this one needs {SCHEMA_VERSION}) and it cannot be "
            f"upgraded in place; ingest your documents again into a new database (graphkit ingest PATH --db NEW.db). "
            "The file was not changed"
        )
    return version


def _create_or_migrate(conn: sqlite3.Connection, path: Path, version: int | None) -> None:
    """Create the schema in an empty file, or bring an older or incomplete one up to date; one transaction."""
    if version == SCHEMA_VERSION and not _missing_schema(conn):
        return  # the common case writes nothing
    conn.execute("BEGIN IMMEDIATE")  # two processes creating or migrating one database queue here
    try:
        version = _schema_version(conn, path)  # again, under the lock: the other may have done it already
        for step in range(SCHEMA_VERSION if version is None else version, SCHEMA_VERSION):
            for sql in _statements(_MIGRATIONS[step]):
                conn.execute(sql)
        # CREATE ... IF NOT EXISTS adds what is missing and keeps the rest; tables first, so
        # that columns an index needs exist before the index.
        tables, others = _schema_statements()
        for sql in tables:
            conn.execute(sql)
        for table, column in _missing_columns(conn):
            conn.execute(_add_column_sql(path, table, column))
        for sql in others:
            conn.execute(sql)
        conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _statements(script: str) -> list[str]:
    out, buf = [], ""
    for part in script.split(";"):
        buf += part + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                out.append(buf.strip())
            buf = ""
    return out


@functools.cache
def _schema_statements() -> tuple[list[str], list[str]]:
    statements = _statements(_SCHEMA)
    tables = [s for s in statements if s.upper().startswith("CREATE TABLE")]
    return tables, [s for s in statements if s not in tables]


@functools.cache
def _expected_schema() -> tuple[dict[str, list[tuple[Any, ...]]], frozenset[str]]:
    """Columns of every table, and the index names, that :data:`_SCHEMA` creates."""
    ref = sqlite3.connect(":memory:")
    ref.executescript(_SCHEMA)
    names = [r[0] for r in ref.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    columns = {t: ref.execute(f"PRAGMA table_info({t})").fetchall() for t in names}
    indexes = frozenset(
        r[0] for r in ref.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
    )
    ref.close()
    return columns, indexes


def _missing_columns(conn: sqlite3.Connection) -> list[tuple[str, tuple[Any, ...]]]:
    columns, _ = _expected_schema()
    missing: list[tuple[str, tuple[Any, ...]]] = []
    for table, expected in columns.items():
        have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        if have:  # a missing table is created whole
            missing.extend((table, col) for col in expected if col[1] not in have)
    return missing


def _missing_schema(conn: sqlite3.Connection) -> bool:
    """True when a table, column or index of the current schema is absent (a database from a development build)."""
    columns, indexes = _expected_schema()
    present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    return bool((set(columns) | indexes) - present) or bool(_missing_columns(conn))


def _add_column_sql(path: Path, table: str, column: tuple[Any, ...]) -> str:
    _cid, name, kind, notnull, default, pk = column
    if pk or (notnull and default is None):
        raise StoreError(
            f"{path}: column {table}.{name} is missing and cannot be added in place; "
            "ingest your documents again into a new database (graphkit ingest PATH --db NEW.db)"
        )
    return f"ALTER TABLE {table} ADD COLUMN {name} {kind}{' NOT NULL' if notnull else ''}" + (
        f" DEFAULT {default}" if default is not None else ""
    )
