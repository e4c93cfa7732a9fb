"""Watchlists in the store: keeping the lists, matching the corpus, and what resolution applies.

The lists live in the store like curation and are applied on every ingest: a document
ingested while the lists are unchanged is matched as it is written; when the lists
change, every stored paragraph is matched again, with a tokenizer only (no NER).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..errors import BadInput
from ..normalize import entity_key
from .lists import WatchEntry, combine
from .match import WatchMatcher

if TYPE_CHECKING:
    from ..store import Store

__all__ = [
    "MATCHER_VERSION",
    "store_watchlists",
    "stored_entries",
    "watch_signature",
    "watch_rows",
    "apply_watchlists",
    "watch_rules",
    "forget_watchlist",
]

# Bump when matching changes, so stored matches are made again.
MATCHER_VERSION = "2"  # 2: overlapping spellings of one name are one mention
K = TypeVar("K")


def store_watchlists(store: Store, lists: Mapping[Path, Sequence[WatchEntry]]) -> None:
    """Keep each list file's entries, replacing what that file held before."""
    for path, entries in lists.items():
        rows = [(e.name, e.type, "|".join(e.aliases), "|".join(e.lists), e.note) for e in entries]
        store.replace_watchlist(str(Path(path).resolve()), rows)


def stored_entries(store: Store) -> list[WatchEntry]:
    """Every stored list, combined: one entry per listed name."""
    return combine(
        WatchEntry(name, type_, _split(aliases), _split(lists), note, where=source)
        for source, name, type_, aliases, lists, note in store.watchlist()
    )


def _split(joined: str) -> tuple[str, ...]:
    return tuple(x for x in joined.split("|") if x)


def watch_signature(entries: Sequence[WatchEntry]) -> str:
    """What matches depend on: the entries, the folding data and the matcher; '' for no lists."""
    if not entries:
        return ""
    folding = resources.files("graphkit").joinpath("data/transliteration.txt").read_bytes()
    data = json.dumps([(e.name, e.type, e.aliases, e.lists) for e in entries], ensure_ascii=False)
    digest = hashlib.sha256(data.encode("utf-8") + folding + MATCHER_VERSION.encode())
    return digest.hexdigest()


def watch_rows(
    matcher: WatchMatcher, items: Iterable[tuple[str, K]]
) -> Iterator[tuple[K, int, int, str, str, str, str]]:
    """``(key, start, end, text, label, form, matching key)`` of every match in ``(text, key)`` pairs.

    A match is a mention of the listed entity: its label is the listed type and its key
    the listed name's, whatever spelling the text uses.
    """
    keys = [entity_key(e.name) for e in matcher.entries]
    for key, matches in matcher.find_all(items):
        for m in matches:
            entry = matcher.entries[m.entry]
            yield key, m.start, m.end, m.text, entry.type, " ".join(m.text.split()), keys[m.entry]


def apply_watchlists(store: Store, entries: Sequence[WatchEntry] | None = None) -> int | None:
    """Match every stored paragraph again if the lists changed since the last time; returns
    the number of matches, or None when nothing had to be done."""
    entries = stored_entries(store) if entries is None else entries
    signature = watch_signature(entries)
    if signature == store.watch_signature:
        return None
    rows: list[tuple[int, int, int, str, str, str, str]] = []
    if entries:
        rows = list(watch_rows(WatchMatcher(entries), ((t, pid) for pid, t in store.paragraph_texts())))
    keys = [(entity_key(e.name), e.name, "|".join(e.lists)) for e in entries]
    return store.replace_watch_mentions(rows, keys=keys, signature=signature)


def watch_rules(entries: Iterable[WatchEntry]) -> list[tuple[str, str, str]]:
    """Curation rules that make each listed name's entity carry the listed name and type.

    Resolution applies them before the user's own rules, so a ``rename`` or ``split`` the
    user makes still has the last word.
    """
    rules: list[tuple[str, str, str]] = []
    for e in entries:
        rules += [("rename", e.name, e.name), ("type", e.name, e.type)]
    return rules


def forget_watchlist(store: Store, path: str | Path) -> int:
    """Stop watching the names of one list file: its matches go, what NER found shows again,
    and entities are resolved again. Returns how many entries the file held."""
    from ..ingest import rebuild_entities

    count = store.forget_watchlist(str(Path(path).resolve()))
    if not count:
        known = sorted({source for source, *_ in store.watchlist()})
        raise BadInput(f"{path}: no watchlist from this file in the database (watched: {', '.join(known) or 'none'})")
    apply_watchlists(store)
    rebuild_entities(store)
    return count
