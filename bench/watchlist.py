"""Benchmark: matching watchlists of 100 and 50,000 names against a plain ingest (issue 18).

In one run, on the same files:

  1. a plain ``graphkit ingest`` (NER with the default model) into a fresh database;
  2. tokenising the same paragraphs with a blank English tokenizer, the floor of any
     text matching;
  3. for lists of 100 and 50,000 generated names: building the matcher, finding every
     listed name in every paragraph, and the whole ``ingest --watchlist`` over the now
     unchanged files (no NER: matching, writing the matches, resolving again).

Generated lists mix a few dozen real heads of state (so there are matches to find) with
random two- and three-word names, a third of them with an alias, as a sanctions list
would. Wall seconds and CPU seconds (this process and its children) are printed, with
ratios against the ingest and against tokenising. Asserts nothing.

    .venv/bin/python bench/watchlist.py "../shared/corpora/ungdc/Session 78 - 2023"
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphkit.watchlist import WatchEntry, WatchMatcher  # noqa: E402

REAL = """Vladimir Putin|Xi Jinping|Joe Biden|Volodymyr Zelenskyy|Recep Tayyip Erdoğan|Emmanuel Macron|Olaf Scholz
|Narendra Modi|Luiz Inácio Lula da Silva|Cyril Ramaphosa|Fumio Kishida|Giorgia Meloni|Rishi Sunak|Justin Trudeau
|Anthony Albanese|Ebrahim Raisi|Alexander Lukashenko|Ilham Aliyev|Nikol Pashinyan|Bola Tinubu|William Ruto
|Gustavo Petro|Yoon Suk Yeol|Joko Widodo|Abdel Fattah el-Sisi|Mohammed bin Salman|Kassym-Jomart Tokayev
|Shehbaz Sharif|Benjamin Netanyahu|Mahmoud Abbas""".replace("\n", "").split("|")
_SYLLABLES = "ka lo mi ra ne so tu vi da re an el or is um ba ko li sa te gor vin mar del ros han fel".split()


def cpu() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def generated_list(size: int, seed: int = 18) -> list[WatchEntry]:
    """``size`` entries: the real names first, then random names, every third with an alias."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()

    entries = [WatchEntry(name, "PERSON") for name in REAL[:size]]
    while len(entries) < size:
        name = " ".join(word() for _ in range(rng.choice((2, 2, 2, 3))))
        aliases = (f"{name[0]}. {name.split()[-1]}",) if len(entries) % 3 == 0 else ()
        entries.append(WatchEntry(name, rng.choice(("PERSON", "PERSON", "ORG")), aliases))
    return entries


def paragraphs_of(folder: Path) -> list[str]:
    from graphkit.corpus import Document, Skipped, find_files, read_documents

    texts = []
    for found in find_files([folder]):
        if isinstance(found, Skipped):
            continue
        for doc in read_documents(*found):
            if isinstance(doc, Document):
                texts.extend(p.text for p in doc.paragraphs)
    return texts


def timed(label: str, rows: list[tuple], fn, *args):
    wall, used = time.perf_counter(), cpu()
    result = fn(*args)
    rows.append((label, time.perf_counter() - wall, cpu() - used))
    return result


def plain_ingest(db: Path, folder: Path, workers: int | None) -> int:
    from graphkit.ingest import ingest
    from graphkit.store import open_store

    with open_store(db, create=True) as store:
        return ingest(store, [folder], workers=workers).mentions


def listed_ingest(db: Path, folder: Path, entries: list[WatchEntry]) -> tuple[int, int]:
    """``ingest --watchlist`` on the unchanged files; one list file, replaced by each size in turn."""
    from graphkit.ingest import ingest
    from graphkit.store import open_store
    from graphkit.watchlist.apply import store_watchlists

    with open_store(db) as store:
        store_watchlists(store, {Path("/bench/generated.yaml"): entries})
        report = ingest(store, [folder])
        assert report.ingested == 0, "the files changed: this would time NER"
        return report.watch_matches, report.watch_missed


def tokenise(texts: list[str]) -> int:
    import spacy

    nlp = spacy.blank("en")
    return sum(len(doc) for doc in nlp.tokenizer.pipe(texts, batch_size=1000))


def match(matcher: WatchMatcher, texts: list[str]) -> int:
    return sum(len(found) for _, found in matcher.find_all((t, None) for t in texts))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--sizes", default="100,50000", help="list sizes, comma-separated")
    parser.add_argument("--workers", type=int, default=None, help="ingest worker processes (default: every core)")
    args = parser.parse_args()
    rows: list[tuple[str, float, float]] = []
    texts = timed("read paragraphs", rows, paragraphs_of, args.corpus)
    found, listed = {}, {}
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        mentions = timed("plain ingest (NER)", rows, plain_ingest, db, args.corpus, args.workers)
        tokens = timed("tokenise only", rows, tokenise, texts)
        for size in (int(s) for s in args.sizes.split(",")):
            entries = generated_list(size)
            matcher = timed(f"build matcher, {size:,} names", rows, WatchMatcher, entries)
            found[size] = timed(f"match, {size:,} names", rows, match, matcher, texts)
            listed[size] = timed(f"ingest --watchlist, {size:,}", rows, listed_ingest, db, args.corpus, entries)
    report(args.corpus, len(texts), tokens, mentions, found, listed, rows)


def report(
    corpus: Path, paragraphs: int, tokens: int, mentions: int, found: dict[int, int], listed: dict, rows: list
) -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{corpus}: {paragraphs:,} paragraphs, {tokens:,} tokens; ingest found {mentions:,} mentions")
    print(f"cores {os.cpu_count()}, load average {load}\n")
    ingest_wall, ingest_cpu = next((w, c) for label, w, c in rows if label.startswith("plain ingest"))
    token_wall = next(w for label, w, _ in rows if label == "tokenise only")
    print(f"{'step':<28} {'wall s':>8} {'cpu s':>8} {'wall/ingest':>11} {'cpu/ingest':>10} {'wall/tokenise':>13}")
    for label, wall, used in rows:
        print(
            f"{label:<28} {wall:8.2f} {used:8.2f} {wall / ingest_wall:11.3f} {used / ingest_cpu:10.3f} "
            f"{wall / token_wall:13.2f}"
        )
    print()
    for size, count in found.items():
        matches, missed = listed[size]
        print(
            f"{size:,} names: {count:,} matches; after ingest --watchlist {matches:,} stored, {missed:,} the model missed"
        )
    sizes = sorted(found)
    if len(sizes) >= 2:
        walls = {label: w for label, w, _ in rows}
        small, large = (
            walls[f"build matcher, {n:,} names"] + walls[f"match, {n:,} names"] for n in (sizes[0], sizes[-1])
        )
        print(
            f"\nlist of {sizes[-1]:,} against {sizes[0]:,}: {large / small:.2f}x the time (build + match); "
            f"plain ingest CPU {ingest_cpu:.1f} s"
        )


if __name__ == "__main__":
    main()
