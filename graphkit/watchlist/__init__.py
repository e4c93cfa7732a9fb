"""Watchlists: names the investigator already knows, always found and flagged (issue 18).

One concern per module: ``lists`` reads the CSV and YAML files, ``fold`` turns a word
into its matching key, ``match`` finds listed names in text with a phrase matcher
(a tokenizer, no NER), ``fuzzy`` reports near misses as candidates, never as merges.
"""

from __future__ import annotations

from .fold import fold_phrase, fold_word
from .fuzzy import Candidate, fuzzy_candidates
from .lists import WatchEntry, combine, read_watchlist, read_watchlists
from .match import WatchMatch, WatchMatcher

__all__ = [
    "WatchEntry",
    "WatchMatch",
    "WatchMatcher",
    "Candidate",
    "combine",
    "fold_phrase",
    "fold_word",
    "fuzzy_candidates",
    "read_watchlist",
    "read_watchlists",
]
