"""Paragraph kinds against a word-level gold set, per genre (issue 10).

Prints, per genre, the share of gold prose words graphkit sets aside or never produces
(target: at most 1% in every genre) and the share of gold furniture, comment and heading
words it counts as evidence. Gold files are JSON as described in
``tests/gold/paragraphs/README.md``.

    python bench/paragraphs.py [GOLD_DIR_OR_FILE ...] [--lost N] [--kept N]

With no argument it scores ``tests/gold/paragraphs``; ``--lost N`` lists the N gold
prose units that lose the most words, ``--kept N`` the furniture and comment units
counted as evidence, each with graphkit's kind and reason.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from graphkit.classify.score import KindScore, score_files

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.01


def gold_files(args: list[str]) -> list[Path]:
    found: list[Path] = []
    for arg in args or [str(ROOT / "tests" / "gold" / "paragraphs")]:
        path = Path(arg)
        found.extend(sorted(path.glob("*.json")) if path.is_dir() else [path])
    return found


def row(genre: str, s: KindScore) -> str:
    lost = s.aside["prose"] + s.missing["prose"]
    mark = "ok" if s.share_lost("prose") <= TARGET else "OVER"
    return (
        f"{genre:<8} {s.documents:>4} {s.words['prose']:>8,} {s.aside['prose']:>7,} {s.missing['prose']:>8,} "
        f"{lost / max(s.words['prose'], 1):>7.2%} {mark:>4}   {s.words['furniture']:>7,} {s.share_kept('furniture'):>7.1%}"
        f"   {s.words['comment']:>6,} {s.share_kept('comment'):>6.1%}   {s.words['heading']:>6,} {s.share_kept('heading'):>6.1%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", nargs="*", help="gold files or folders [default: tests/gold/paragraphs]")
    parser.add_argument("--lost", type=int, default=0, metavar="N", help="list the N prose units losing most words")
    parser.add_argument("--kept", type=int, default=0, metavar="N", help="list the N furniture/comment units kept")
    args = parser.parse_args()
    started = time.perf_counter()
    scores = score_files(gold_files(args.gold), root=ROOT)
    print(
        f"{'genre':<8} {'docs':>4} {'prose':>8} {'aside':>7} {'missing':>8} {'lost':>7} {'':>4}   "
        f"{'furn.':>7} {'kept':>7}   {'comm.':>6} {'kept':>6}   {'head.':>6} {'kept':>6}"
    )
    total = KindScore()
    for genre, score in sorted(scores.items()):
        print(row(genre, score))
        total.add(score)
    print(row("all", total))
    print(
        f"prose lost = set aside by the classifier (aside) + never produced by a reader (missing); "
        f"target <= {TARGET:.0%} per genre. {time.perf_counter() - started:.1f} s"
    )
    for title, found, limit in (("prose lost", total.lost, args.lost), ("furniture kept", total.leaked, args.kept)):
        if limit:
            print(f"\n{title} (words, document, graphkit's call, gold text):")
        for name, words, why, text in sorted(found, key=lambda x: -x[1])[:limit]:
            print(f"  {words:>5}  {name[:34]:<34} {why[:40]:<40} {text[:90]}")


if __name__ == "__main__":
    main()
