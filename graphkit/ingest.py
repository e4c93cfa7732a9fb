"""The ingest pipeline: files -> paragraphs -> mentions -> store -> entities.

Files are read lazily and their paragraphs streamed, in order, to the extractor: one
process, a pool of worker processes that keeps every core busy, or a Dask cluster
(graphkit.distributed); each file is written in its own transaction as soon as its last
paragraph comes back.
A file whose content hash and model are unchanged is not read again, and the model
is not even loaded when nothing changed.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .classify import SetAside, classify_paragraphs, set_aside
from .corpus import Document, Skipped, find_files, printable_path
from .correspondence import Copies, mark_copies, message_rows
from .correspondence.people import correspondent_entities, header_mentions, with_addresses
from .dates import DocumentDate, ParagraphDate, date_document
from .errors import BadInput
from .extract import Found, Mention, drop_capitalised_phrases, extract_mentions, extractor_tag, load_model
from .formats import SUFFIXES
from .formats.limits import overrides_from_env
from .formats.notices import drain as drain_notices
from .normalize import entity_key, find_acronyms
from .reading import read_files
from .repeats import split_coordinated, tag_repeats
from .resolve import RESOLVER_VERSION, MentionRow, resolve_entities
from .roles import office_before, tag_offices
from .store import DUPLICATE, MessageStore, Store
from .vocabulary import ASIDE_KINDS
from .watchlist import WatchEntry, WatchMatcher
from .watchlist.apply import apply_watchlists, stored_entries, watch_rows, watch_rules, watch_signature

__all__ = [
    "IngestReport",
    "Extractor",
    "ingest",
    "prepare",
    "ParagraphList",
    "list_paragraphs",
    "write_document",
    "file_digest",
    "rebuild_entities",
]

# Below this much new text (about two seconds of NER), one process is enough. Worker
# processes are forked from the parent after the model is loaded, so they start at once.
_PARALLEL_MIN_BYTES = 100_000

# NER as a stage: ``(paragraph text, key)`` pairs in, ``(key, found)`` out, in order.
# The default runs on this machine; graphkit.distributed passes one that runs on Dask.
Extractor = Callable[[Iterable[tuple[str, tuple[int, int]]]], Iterator[tuple[tuple[int, int], Found]]]


@dataclass
class IngestReport:
    files: int = 0  # supported files found
    ingested: int = 0
    unchanged: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    paragraphs: int = 0
    mentions: int = 0
    entities: int = 0
    seconds: float = 0.0
    text: SetAside = field(default_factory=SetAside)  # words read, and words set aside by kind (issue 10)
    watch_matches: int = 0  # mentions of listed names in the store (issue 18)
    watch_missed: int = 0  # of those, mentions no NER mention overlaps
    watch_otherwise: int = 0  # mentions NER tagged, but none with the listed type
    copies: Copies = field(default_factory=Copies)  # e-mail: messages, and text the corpus holds twice (issue 12)
    # Dates of what this run wrote (issue 17): documents dated, and paragraphs by the source of their date.
    dates: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "ingested": self.ingested,
            "unchanged": self.unchanged,
            "skipped": [{"file": str(s.path), "reason": s.reason} for s in self.skipped],
            "paragraphs": self.paragraphs,
            "mentions": self.mentions,
            "entities": self.entities,
            "dates": {key: self.dates[key] for key in DATE_COUNTS},
            "seconds": round(self.seconds, 2),
            "text": self.text.as_dict(),
            "watchlist_matches": self.watch_matches,
            "watchlist_missed_by_model": self.watch_missed,
            "watchlist_tagged_otherwise_by_model": self.watch_otherwise,
            "messages": self.copies.messages,
            "duplicates": {"paragraphs": self.copies.paragraphs, "words": self.copies.words},
        }


# documents written and those dated; paragraphs by where their date comes from
DATE_COUNTS = ("documents", "dated documents", "by text", "by document", "undated")


def file_digest(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:
        return None


def prepare(doc: Document) -> list[tuple[int, int, int | None, str, str, str]]:
    """Paragraph rows ``(number, line, page, kind, why, text)`` with their kinds."""
    paragraphs = doc.paragraphs
    kinds = classify_paragraphs([p.text for p in paragraphs], [p.kind for p in paragraphs], [p.why for p in paragraphs])
    return [(p.number, p.line, p.page, kind, why, p.text) for p, (kind, why) in zip(doc.paragraphs, kinds)]


@dataclass
class ParagraphList:
    """A file's paragraphs with the kinds ingest would store, and what it would set aside (issue 10)."""

    rows: list[dict[str, Any]]  # document, paragraph, line, page, kind, why, text
    documents: int
    text: SetAside  # words of the whole file, and those set aside by kind


def list_paragraphs(path: Path, kinds: Collection[str] = (), *, store: MessageStore | None = None) -> ParagraphList:
    """The paragraphs of the file ``path`` as :func:`ingest` would store them, without NER.

    ``kinds`` keeps only paragraphs of those kinds; ``"aside"`` stands for every kind that
    is not evidence. With a ``store`` that holds the file, paragraphs it set aside as text the
    corpus holds elsewhere are ``duplicate``, with where (issue 12). Raises :class:`BadInput`
    for a file that cannot be read.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise BadInput(f"{printable_path(path)}: cannot read ({exc.strerror or exc})") from exc
    (found,) = read_files([(path, path.name, size)])  # within the limits, like ingest (issue 11)
    docs = [(doc, _stored_kinds(prepare(doc), doc, store)) for doc in found if isinstance(doc, Document)]
    if not docs:
        raise BadInput(f"{found[0]}; nothing to classify")
    wanted = set(kinds) | (set(ASIDE_KINDS) if "aside" in kinds else set())
    rows = [
        {"document": doc.name, "paragraph": n, "line": line, "page": page, "kind": kind, "why": why, "text": text}
        for doc, found_rows in docs
        for n, line, page, kind, why, text in found_rows
        if not wanted or kind in wanted
    ]
    stats = set_aside((row[3], row[5]) for _doc, found_rows in docs for row in found_rows)
    return ParagraphList(rows, len(docs), stats)


def _stored_kinds(rows: list[tuple], doc: Document, store: MessageStore | None) -> list[tuple]:
    copies = store.duplicates_in(str(doc.path.resolve())) if store is not None else {}
    return [
        (n, line, page, DUPLICATE, f"text also in {copies[n][0]}, ¶ {copies[n][1]}", text) if n in copies else row
        for row in rows
        for n, line, page, _kind, _why, text in [row]
    ]


def _count_set_aside(
    report: IngestReport, doc: Document, rows: list[tuple], warn: Callable[[str], None] | None
) -> None:
    stats = set_aside((kind, text) for _n, _l, _p, kind, _why, text in rows)
    report.text.add(stats)
    if warn and stats.heavy:
        warn(f"{printable_path(doc.name)}: {stats.describe()}")


def write_document(
    store: Store,
    doc: Document,
    rows: Sequence[tuple],
    mentions: dict[int, list[Mention]],
    model: str,
    dates: tuple[DocumentDate | None, dict[int, ParagraphDate]] = (None, {}),
    watch: WatchMatcher | None = None,
) -> int:
    """Store one document with its mentions, dates and watchlist matches (one transaction); returns the
    NER mention count."""
    flat = [
        (number, m.start, m.end, m.text, m.label, m.form, entity_key(m.form), int(m.titled))
        for number, ms in sorted(mentions.items())
        for m in ms
    ]
    store.replace_document(
        path=str(doc.path.resolve()),
        name=doc.name,
        sha256=doc.sha256,
        size=doc.size,
        format=doc.format,
        title=doc.title,
        metadata={k: v for k, v in {"encoding": doc.encoding, **doc.metadata}.items() if v},
        model=model,
        paragraphs=rows,
        mentions=flat,
        watch=watch_rows(watch, ((p.text, p.number) for p in doc.paragraphs)) if watch else (),
        messages=message_rows(doc.metadata) if doc.format == "email" else (),
        date=(found.date.iso, found.source) if (found := dates[0]) else None,
        paragraph_dates={number: d.as_row() for number, d in dates[1].items()},
    )
    return len(flat)


def ingest(
    store: Store,
    paths: Sequence[str | os.PathLike[str]],
    *,
    model: str | None = None,
    workers: int | None = None,
    batch_size: int = 256,
    progress: Callable[[int, int], None] | None = None,
    warn: Callable[[str], None] | None = None,
    extractor: Extractor | None = None,
    limits: Mapping[str, float | None] | None = None,
    warnings_per_file: int | None = 3,
) -> IngestReport:
    """Ingest files and folders into ``store`` and re-resolve entities.

    ``progress(done_bytes, total_bytes)`` is called as files complete; ``warn`` gets one
    line per skipped file, and for the parts of one file (the messages of an mbox, the
    attachments of an e-mail) the first ``warnings_per_file`` and then one line counting
    the rest (``None``: every one; the report lists them all). ``extractor`` replaces
    local NER (it is called only when some file changed). Each file is read within
    ``limits`` (:mod:`graphkit.formats.limits`; by default from ``GRAPHKIT_LIMIT_*``).
    Raises :class:`BadInput` when no path holds a usable file, or for a limit that is
    not a number.
    """
    started = time.perf_counter()
    report = IngestReport()
    tag = extractor_tag(model)
    reading = _Reading(
        dict(overrides_from_env() if limits is None else limits), workers or os.cpu_count() or 1, warnings_per_file
    )
    pending: list[tuple[Path, str, int]] = []
    for found in find_files(paths):
        if isinstance(found, Skipped):
            _skip(report, found, warn)
            continue
        report.files += 1
        path, display = found
        digest = file_digest(path)
        if digest is None:
            _skip(report, Skipped(path, "cannot read (permission denied or vanished)"), warn)
        elif store.document_state(str(path.resolve())) == (digest, tag):
            report.unchanged += 1
        else:
            pending.append((path, display, path.stat().st_size))
    if not report.files:
        readable = ", ".join(sorted(SUFFIXES))
        raise BadInput(f"{', '.join(map(str, paths))}: no documents found ({readable}); point ingest at documents")
    watchlist = stored_entries(store)
    if pending:
        _run(
            store,
            pending,
            report,
            extractor or _local_extractor(model, workers, batch_size, pending),
            tag,
            progress,
            warn,
            reading,
            _document_matcher(store, watchlist),
        )
    if report.ingested == 0 and report.unchanged == 0:
        raise BadInput(f"none of the {report.files} files could be ingested (see the warnings above)")
    apply_watchlists(store, watchlist)  # the lists changed: every paragraph is matched again, no NER
    if watchlist:
        counts = list(store.watch_counts().values())
        report.watch_matches, report.watch_missed, report.watch_otherwise = (
            sum(c[i] for c in counts) for i in (0, 2, 3)
        )
    if store.needs_resolve:
        report.copies = mark_copies(store)  # over the whole corpus: which text it holds twice (issue 12)
    if store.needs_resolve or store.get_meta("resolver") != RESOLVER_VERSION:
        report.entities = rebuild_entities(store)
    else:
        report.entities = store.counts()["entities"]
    report.seconds = time.perf_counter() - started
    return report


@dataclass(frozen=True)
class _Reading:
    """How files are read: the limits, how many processes, how many warnings per file."""

    limits: dict[str, float | None]
    processes: int
    warnings_per_file: int | None


def _skip(report: IngestReport, skipped: Skipped, warn: Callable[[str], None] | None) -> None:
    report.skipped.append(skipped)
    if warn:
        warn(f"skipped {skipped}")


def _skip_parts(
    report: IngestReport, display: str, skipped: list[Skipped], warn: Callable[[str], None] | None, shown: int | None
) -> None:
    """Warn about the skipped parts of one file: the first ``shown``, then how many more (issue 11).

    An mbox of 20,000 empty messages is one problem, not 20,000 lines; the report keeps every one.
    """
    for found in skipped[:shown]:
        _skip(report, found, warn)
    rest = skipped[len(skipped) if shown is None else shown :]
    report.skipped.extend(rest)
    if rest and warn:
        warn(f"… and {len(rest):,} more like this in {printable_path(display)}")


def _check_encoding(doc: Document, warn: Callable[[str], None] | None) -> None:
    """Say so when a file was not clean UTF-8: its text may hold replacement characters."""
    if warn and (doc.encoding.startswith("cp1252") or "replacements" in doc.encoding):
        how = "read as Windows-1252" if doc.encoding.startswith("cp1252") else "undecodable bytes replaced"
        warn(f"{printable_path(doc.path)}: not valid UTF-8; {how} (ingested)")


def _forget_stale_parts(store: Store, path: Path, count: int) -> None:
    """Forget the ``path#n`` documents an older version of a container file had beyond its ``count`` now.

    Any file may be a container (an mbox is known by its content, whatever its name:
    issue 11), so this runs for every file; the read first makes it one indexed lookup
    for the others.
    """
    base, number = str(path.resolve()), count
    while store.document_state(f"{base}#{number}") is not None and store.forget_document(f"{base}#{number}"):
        number += 1


def _run(
    store: Store,
    pending: list[tuple[Path, str, int]],
    report: IngestReport,
    extractor: Extractor,
    tag: str,
    progress: Callable[[int, int], None] | None,
    warn: Callable[[str], None] | None,
    reading: _Reading,
    watch: WatchMatcher | None = None,
) -> None:
    total = sum(size for *_, size in pending)
    inflight: dict[
        int, tuple[Document, list[tuple], dict[int, list[Mention]], dict[int, list[tuple[int, int]]], int]
    ] = {}
    processes = min(reading.processes, len(pending))

    def paragraphs() -> Iterator[tuple[str, tuple[int, int]]]:
        found = read_files(pending, processes=processes, overrides=reading.limits)
        try:
            yield from each_file(found)
        finally:
            found.close()  # stops the reading processes, even when NER fails

    def each_file(found: Iterable[list[Document | Skipped]]) -> Iterator[tuple[str, tuple[int, int]]]:
        key = 0
        for (path, display, size), read in zip(pending, found, strict=True):
            # A file may hold several documents (an mbox, an e-mail with attachments: issue 7).
            docs = [doc for doc in read if isinstance(doc, Document)]
            skipped = [doc for doc in read if isinstance(doc, Skipped)]
            _skip_parts(report, display, skipped, warn, reading.warnings_per_file)
            for doc in docs:
                _check_encoding(doc, warn)
            for line in drain_notices():  # a reader's fallback, said once per run (issue 12)
                if warn:
                    warn(line)
            if docs:  # any file may hold several documents: mail is recognised by content (issue 12)
                _forget_stale_parts(store, path, len(docs))
            for n, doc in enumerate(docs, 1):
                key += 1
                inflight[key] = (doc, prepare(doc), {}, {}, size if n == len(docs) else 0)
                _count_set_aside(report, doc, inflight[key][1], warn)
                for p in doc.paragraphs:
                    yield p.text, (key, p.number)

    done = 0
    for (i, number), extracted in extractor(paragraphs()):
        doc, rows, found, spans, size = inflight[i]
        if extracted.mentions:
            found[number] = extracted.mentions
        if extracted.dates:
            spans[number] = extracted.dates
        if number == len(doc.paragraphs):
            texts = {p.number: p.text for p in doc.paragraphs}
            found = tag_repeats(texts, split_coordinated(found), spans)
            found = drop_capitalised_phrases(texts.values(), found)
            found = tag_offices(texts, found)
            dates = date_document(doc, spans)
            _count_dates(report, dates)
            report.mentions += write_document(store, doc, rows, found, tag, dates, watch)
            report.paragraphs += len(rows)
            report.ingested += 1
            del inflight[i]
            done += size
            if progress:
                progress(done, total)


def _document_matcher(store: Store, entries: Sequence[WatchEntry]) -> WatchMatcher | None:
    """A matcher for the documents written now, if there are lists and the stored matches are theirs.

    When the lists changed, :func:`apply_watchlists` matches every paragraph after the run instead.
    """
    if entries and watch_signature(entries) == store.watch_signature:
        return WatchMatcher(entries)
    return None


def _count_dates(report: IngestReport, dates: tuple[DocumentDate | None, dict[int, ParagraphDate]]) -> None:
    report.dates["documents"] += 1
    report.dates["dated documents"] += dates[0] is not None
    for d in dates[1].values():
        report.dates["undated" if d.source is None else "by document" if d.source == "document" else "by text"] += 1


def _local_extractor(
    model: str | None, workers: int | None, batch_size: int, pending: Sequence[tuple[Path, str, int]]
) -> Extractor:
    """NER on this machine: every core unless told otherwise, one process for little text."""
    nlp = load_model(model)
    n_process = max(1, workers or os.cpu_count() or 1)
    if sum(size for *_, size in pending) < _PARALLEL_MIN_BYTES:
        n_process = 1
    return lambda items: extract_mentions(nlp, items, batch_size=batch_size, n_process=n_process)


def rebuild_entities(store: Store) -> int:
    """Resolve the whole store again (after an ingest or a curation change); returns the entity count.

    Another process may write while this one resolves (issue 6). If it wrote mentions or
    rules, it resolves them itself afterwards (the store stays marked dirty until someone
    does); if it wrote entities, they may be older than what this one read: try again.

    Watchlists (issue 18) give their listed names and types as rules applied before the user's.
    """
    while True:
        generation = store.generation
        resolution = resolve_entities(
            # the text's mentions, and e-mail correspondents as mentions of their messages (issue 12)
            [MentionRow(*row) for row in store.mention_rows()] + header_mentions(store.correspondent_rows()),
            acronyms=[
                (doc, long, short)
                for doc, text in store.texts_with_parentheses()
                for long, short in find_acronyms([text])
            ],
            titles={mid: office for mid, prefix in store.title_prefixes() if (office := office_before(prefix))},
            curation=[
                *watch_rules(stored_entries(store)),  # listed names and types first (issue 18); the user's last
                *((op, name, arg) for op, name, arg, _source in store.curation()),
            ],
        )
        entities = resolution.entities
        people = correspondent_entities(resolution.assigned)
        aliases = with_addresses([e.aliases for e in entities], people, store.correspondent_addresses())
        rows = [(i, e.label, e.type, alias) for i, (e, alias) in enumerate(zip(entities, aliases), 1)]
        keys = [(k, i, reason) for i, e in enumerate(entities, 1) for k, reason in e.keys.items()]
        mentions = ((mid, i + 1, why) for mid, (i, why) in resolution.assigned.items() if mid > 0)
        if store.write_entities(
            rows, keys, mentions, correspondents=people, resolver=RESOLVER_VERSION, generation=generation
        ):
            return len(rows)
        if store.needs_resolve:
            return store.counts()["entities"]
