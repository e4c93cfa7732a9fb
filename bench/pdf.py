"""Benchmark: graphkit's PDF reader against ``pdftotext`` on the same files (issue 13).

For every PDF under the folders given, prints:

- ``words``: the share of ``pdftotext``'s words that reach body or footnote paragraphs
  (the kinds that make nodes and edges), as a multiset: a word that ``pdftotext`` finds
  three times counts three times. A word is a run of letters, casefolded (so margin line
  numbers, page numbers and amounts, which graphkit removes or which carry no letter, do
  not count either way); a word hyphenated at a line end in ``pdftotext``'s text is
  joined first. Target >= 0.95. ``+aside`` adds the words of the page furniture the
  reader set aside and names (stamps, running headers, margin text: kept as
  ``boilerplate``), to tell text lost from text removed on purpose. ``kept`` counts the
  words found in a paragraph of any kind (headings, tables of contents and notes put on
  the page too): what it misses is lost outright, or read differently (a word broken at a
  line end that the reader keeps hyphenated, a font whose glyphs ``pdftotext`` cannot map).
- ``cut``: paragraphs of 5+ words that end mid-sentence (no closing punctuation) and go
  on, lowercase, in the next paragraph, as a share of all paragraphs (both counted
  without the page furniture the reader set aside as boilerplate). Target <= 1%.
- ``glued``: words glued to a number (``alert,5``, ``benefits15``, ``häagen-11``, a
  paragraph ending ``used to 17``), per 10 pages. Target <= 1.
- ``pages/s``: graphkit's reader (one process: ``read_documents`` and the paragraph
  classifier, as ``graphkit ingest`` runs them) against ``pdftotext`` on the same file,
  measured in the same run, with the ratio; each the fastest of ``--repeat`` runs (3).

Asserts nothing. ``--show N`` prints up to N examples of each fault per file (for the
development set only: do not read the held-out set's text).

    .venv/bin/python bench/pdf.py ../shared/corpora/pdf
    .venv/bin/python bench/pdf.py ../shared/corpora/pdf /work/extra/pdf --show 5
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphkit.corpus import read_documents  # noqa: E402
from graphkit.ingest import prepare  # noqa: E402
from graphkit.vocabulary import EVIDENCE_KINDS, KINDS  # noqa: E402

TARGET_WORDS, TARGET_CUT, TARGET_GLUED = 0.95, 0.01, 1.0
_WORD = re.compile(r"[^\W\d_]+")
_LINE_END_HYPHEN = re.compile(r"([^\W\d_])-\n\s*([a-z])")
_SENTENCE_END = re.compile(r"[.!?:;…\"'”’)\]*]$")
# A word with a number stuck to its end: "benefits15", "alert,5", "”1140", "häagen-11";
# not "COVID-19", "F-16", "10-K", "Q2" (capitals) or "2:15-cv-08162" (starts with a digit).
_GLUED = re.compile(r"(?<![\w-])[a-z][a-z]{2,}(?:\d{1,4}|[,.;:”\"’)]\d{1,3}|-\d{1,2})(?![\w-])")
_ITEM = re.compile(r"^(?:[a-z]|[ivx]{1,4})[.)]\s")  # "a. ...", "iii. ...": a list item, not a sentence going on
_TRAILING_NUMBER = re.compile(r"\b[a-z]{2,}\s+\d{1,2}$")


def pdftotext(path: Path) -> tuple[str, float]:
    start = time.perf_counter()
    out = subprocess.run(["pdftotext", "-q", str(path), "-"], capture_output=True, check=False).stdout
    return out.decode("utf-8", "replace"), time.perf_counter() - start


def graphkit_paragraphs(path: Path) -> tuple[list[tuple[str, str]], float]:
    """``(kind, text)`` of every paragraph, and the seconds it took."""
    start = time.perf_counter()
    docs = [d for d in read_documents(path, path.name) if hasattr(d, "paragraphs")]
    rows = [(row[3], row[5]) for doc in docs for row in prepare(doc)]
    return rows, time.perf_counter() - start


def words(text: str) -> Counter[str]:
    return Counter(w.casefold() for w in _WORD.findall(text))


def word_share(reference: str, rows: list[tuple[str, str]], kinds: tuple[str, ...]) -> tuple[int, int, Counter[str]]:
    """``(pdftotext's words, how many of them reach text of these kinds, the missing ones)``."""
    ref = words(_LINE_END_HYPHEN.sub(r"\1\2", reference))
    ours = words(" ".join(text for kind, text in rows if kind in kinds))
    missing = ref - ours
    total = sum(ref.values())
    return total, total - sum(missing.values()), missing


def cut_sentences(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Consecutive paragraph pairs where the first ends mid-sentence and the second goes on."""
    texts = [text for _, text in rows]
    return [
        (a, b)
        for a, b in zip(texts, texts[1:])
        if len(a.split()) >= 5 and not _SENTENCE_END.search(a.rstrip()) and b[:1].islower() and not _ITEM.match(b)
    ]


def glued(rows: list[tuple[str, str]]) -> list[str]:
    found = [m.group() for _, text in rows for m in _GLUED.finditer(text)]
    return found + [m.group() for _, text in rows if (m := _TRAILING_NUMBER.search(text))]


def measure(path: Path, show: int, repeat: int) -> dict[str, float]:
    # The fastest of ``repeat`` runs of each: a shared machine only ever adds time.
    reference, ref_seconds = min((pdftotext(path) for _ in range(repeat)), key=lambda found: found[1])
    rows, seconds = min((graphkit_paragraphs(path) for _ in range(repeat)), key=lambda found: found[1])
    shown = [(kind, text) for kind, text in rows if kind != "boilerplate"]
    pages = reference.count("\f")  # pdftotext ends every page with a form feed
    ref_words, found, missing = word_share(reference, rows, EVIDENCE_KINDS)
    _, kept, _ = word_share(reference, rows, (*EVIDENCE_KINDS, "boilerplate"))
    _, anywhere, _ = word_share(reference, rows, KINDS)
    cuts, glue = cut_sentences(shown), glued(shown)
    if show:
        _show(path, missing, cuts, glue, show)
    return {
        "pages": pages,
        "paragraphs": len(shown),
        "ref_words": ref_words,
        "found_words": found,
        "kept_words": kept,
        "any_words": anywhere,
        "kept": anywhere / max(1, ref_words),
        "aside": kept / max(1, ref_words),
        "words": found / max(1, ref_words),
        "cut": len(cuts) / max(1, len(shown)),
        "cuts": len(cuts),
        "glued": len(glue),
        "seconds": seconds,
        "ref_seconds": ref_seconds,
    }


def _show(path: Path, missing: Counter[str], cuts: list[tuple[str, str]], glue: list[str], n: int) -> None:
    print(f"--- {path.name}", file=sys.stderr)
    print(f"  missing: {', '.join(f'{w}×{c}' for w, c in missing.most_common(n))}", file=sys.stderr)
    for a, b in cuts[:n]:
        print(f"  cut: …{a[-60:]!r} | {b[:60]!r}…", file=sys.stderr)
    print(f"  glued: {', '.join(glue[:n])}", file=sys.stderr)


def row(name: str, m: dict[str, float]) -> str:
    ours, theirs = m["pages"] / m["seconds"], m["pages"] / m["ref_seconds"]
    per10 = 10 * m["glued"] / max(1, m["pages"])
    return (
        f"{name[:52]:52} {m['pages']:>5.0f} {m['paragraphs']:>6.0f} {m['words']:>6.3f} {m['aside']:>6.3f} {m['kept']:>6.3f} "
        f"{100 * m['cut']:>5.1f}% {m['cuts']:>4.0f} {per10:>6.2f} {ours:>8.1f} {theirs:>9.1f} {ours / theirs:>6.3f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--show", type=int, default=0, help="print up to N examples of each fault per file")
    parser.add_argument("--repeat", type=int, default=3, help="time each reader N times, keep the fastest")
    args = parser.parse_args()
    files = sorted(
        p for folder in args.folders for p in (folder.rglob("*.pdf") if folder.is_dir() else [folder]) if p.is_file()
    )
    if not files:
        parser.error(f"no PDF files under {', '.join(map(str, args.folders))}")
    print(
        f"load average {os.getloadavg()[0]:.2f}; targets: words >= {TARGET_WORDS}, cut <= {TARGET_CUT:.0%}, "
        f"glued <= {TARGET_GLUED:g} per 10 pages"
    )
    print(
        f"{'file':52} {'pages':>5} {'paras':>6} {'words':>6} {'+aside':>6} {'kept':>6} {'cut':>6} {'n':>4} {'glu/10':>6} "
        f"{'pages/s':>8} {'pdftotext':>9} {'ratio':>6}"
    )
    total: Counter[str] = Counter()
    for path in files:
        m = measure(path, args.show, max(1, args.repeat))
        print(row(path.name, m), flush=True)
        total.update({k: v for k, v in m.items() if k not in ("words", "aside", "kept", "cut")})
    if len(files) > 1:
        words, cut = total["found_words"] / total["ref_words"], total["cuts"] / total["paragraphs"]
        aside, kept = total["kept_words"] / total["ref_words"], total["any_words"] / total["ref_words"]
        print(row(f"all {len(files)} files", {**total, "words": words, "aside": aside, "kept": kept, "cut": cut}))


if __name__ == "__main__":
    main()
