"""Dates of paragraphs and documents (issue 17): quality against the gold, cost, and coverage.

1. The gold (tests/gold/dates.json, Mueller paragraphs): the share of paragraphs that
   write a full date whose date graphkit gets right (target >= 95%), every full date in
   order, the share right from the model's DATE spans alone, and partial-only paragraphs
   wrongly given a full date. ``--details`` lists every miss.
2. Cost: seconds of NER against seconds of dating the same paragraphs (the Mueller report),
   and the paragraphs of tests/gold/timeline.json: how many get the gold's (first) date.
3. Coverage: the documents of each corpus folder given, by the source of their date.

    .venv/bin/python bench/dates.py [--details] [CORPUS_FOLDER ...]

Without folders, (3) reads ../shared/corpora/{mueller,enron/mbox,pdf,ungdc}.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphkit.corpus import Document, find_files, read_documents  # noqa: E402
from graphkit.dates import ParagraphDate, date_document, day_first, document_date  # noqa: E402
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


def mueller(nlp) -> dict[tuple[str, int], ParagraphDate]:
    """NER and dates over the whole report, as ingest does them: the cost, and each paragraph's date by (file, line)."""
    docs = _documents([CORPORA / "mueller"])
    texts = [p.text for doc in docs for p in doc.paragraphs]
    started = time.perf_counter()
    found = iter(mentions_of(nlp, texts))
    ner = time.perf_counter() - started
    spans = [{p.number: next(found).dates for p in doc.paragraphs} for doc in docs]
    started = time.perf_counter()
    dated = [date_document(doc, s)[1] for doc, s in zip(docs, spans)]
    parse = time.perf_counter() - started
    own = sum(d.own is not None for dates in dated for d in dates.values())
    print(f"cost on mueller/ ({len(texts)} paragraphs, {own} dated by their own text):")
    print(f"  NER {ner:.2f} s, dates {parse:.2f} s = {parse / ner:.1%} of NER")
    lines = {(doc.path.name, p.number): p.line for doc in docs for p in doc.paragraphs}
    return {
        (name, lines[name, n]): d
        for doc, dates in zip(docs, dated)
        for n, d in dates.items()
        for name in [doc.path.name]
    }


def timeline(dates: dict[tuple[str, int], ParagraphDate], details: bool) -> None:
    """The paragraphs of tests/gold/timeline.json: graphkit's date against the first the gold gives each."""
    gold = json.loads((ROOT / "tests" / "gold" / "timeline.json").read_text(encoding="utf-8"))
    for question in gold["questions"]:
        first: dict[tuple[str, int], str] = {}
        for item in question["timeline"]:
            first.setdefault((item["file"].rsplit("/", 1)[-1], item["line"]), item["date"][:10])
        right = [key for key, want in first.items() if (d := dates.get(key)) and d.date and d.date.iso == want]
        undated = [key for key, want in first.items() if not ((d := dates.get(key)) and d.date)]
        print(
            f"timeline {question['id']}: {len(right)}/{len(first)} dated paragraphs get the gold's first date, "
            f"{len(undated)} undated"
        )
        for key in first.keys() - set(right) if details else ():
            d = dates.get(key)
            got = d.date.iso if d and d.date else None
            print(f"    {key[0][:40]}:{key[1]} want {first[key]} got {got} ({d and d.own_text!r})")


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
    timeline(mueller(nlp), args.details)
    coverage(args.folders or [f for f in DEFAULT_FOLDERS if f.is_dir()])


if __name__ == "__main__":
    main()
