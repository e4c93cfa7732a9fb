"""Dates of paragraphs and documents (issue 17): quality against the gold, cost, and coverage.

1. The gold (tests/gold/dates.json, Mueller paragraphs): the share of paragraphs that
   write a full date whose date graphkit gets right (target >= 95%), every full date in
   order, the share right from the model's DATE spans alone, and partial-only paragraphs
   wrongly given a full date. ``--details`` lists every miss.
2. Cost: seconds of NER against seconds of date parsing on the same paragraphs.
3. Coverage: the documents of each corpus folder given, by the source of their date.

    .venv/bin/python bench/dates.py [--details] [CORPUS_FOLDER ...]

Without folders, (3) reads ../shared/corpora/{mueller,enron/mbox,pdf,ungdc}.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphkit.corpus import Document, find_files, read_documents  # noqa: E402
from graphkit.dates import day_first, document_date, find_dates, paragraph_date  # noqa: E402
from graphkit.dates.gold import load_date_gold, score_dates  # noqa: E402
from graphkit.extract import load_model, mentions_of  # noqa: E402

CORPORA = ROOT.parent.parent / "shared" / "corpora"
DEFAULT_FOLDERS = [CORPORA / "mueller", CORPORA / "enron" / "mbox", CORPORA / "pdf", CORPORA / "ungdc"]


def gold(nlp, details: bool) -> None:
    items = load_date_gold(ROOT / "tests" / "gold" / "dates.json")
    spans = [found.dates for found in mentions_of(nlp, [item["text"] for item in items])]
    s = score_dates(items, spans)
    print(f"gold: {s['full']} paragraphs writing a full date, {s['partial']} writing only partial or relative dates")
    print(
        f"  date right (the first full date, to the day): {s['right']}/{s['full']} = {s['share']:.1%}  (target >= 95%)"
    )
    print(
        f"  every full date found, in order:              {s['all_right']}/{s['full']} = {s['all_right'] / s['full']:.1%}"
    )
    print(
        f"  right from the model's DATE spans alone:      {s['in_spans']}/{s['full']} = {s['in_spans'] / s['full']:.1%}"
    )
    print(f"  partial-only paragraphs given a full date:    {s['invented']}/{s['partial']}")
    for miss in s["misses"] if details else []:
        print(f"    miss {miss['file']}:{miss['line']} want {miss['want']} got {miss['got']}")


def cost(nlp, folder: Path) -> None:
    texts = [p.text for doc in _documents([folder]) for p in doc.paragraphs]
    started = time.perf_counter()
    found = mentions_of(nlp, texts)
    ner = time.perf_counter() - started
    started = time.perf_counter()
    dated = sum(paragraph_date(find_dates(t, f.dates)).own is not None for t, f in zip(texts, found))
    parse = time.perf_counter() - started
    print(f"cost on {folder.name}/ ({len(texts)} paragraphs, {dated} dated by their own text):")
    print(f"  NER {ner:.2f} s, date parsing {parse:.2f} s = {parse / ner:.1%} of NER")


def coverage(folders: list[Path]) -> None:
    for folder in folders:
        sources: Counter[str] = Counter()
        for doc in _documents([folder]):
            order = day_first(p.text for p in doc.paragraphs)
            found = document_date(doc.name, doc.format, doc.metadata, doc.paragraphs, day_first=order)
            sources[found.source.split(" (")[0] if found else "undated"] += 1
        total = sum(sources.values())
        listed = ", ".join(f"{n} {source}" for source, n in sources.most_common())
        print(f"document dates in {folder.name}/: {total} documents: {listed}")


def _documents(folders: list[Path]) -> list[Document]:
    found = (f for f in find_files(folders) if isinstance(f, tuple))
    return [doc for path, name in found for doc in read_documents(path, name) if isinstance(doc, Document)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--details", action="store_true")
    args = parser.parse_args()
    nlp = load_model()
    gold(nlp, args.details)
    cost(nlp, CORPORA / "mueller")
    coverage(args.folders or [f for f in DEFAULT_FOLDERS if f.is_dir()])


if __name__ == "__main__":
    main()
