"""graphkit timeline against the two hand-made chronologies of tests/gold/timeline.json (issue 17).

Ingests the Mueller report (../shared/corpora/mueller) into ``--db`` when that file does
not exist, then asks for (a) the timeline of Donald Trump Jr. and Natalia Veselnitskaya,
(b) Papadopoulos's timeline in March-May 2016, and prints, for each: how many of the
gold's paragraphs graphkit lists, with which date, whether the dated ones come in the
gold's order, and the timeline's first lines.

    .venv/bin/python bench/timeline.py [--db /tmp/mueller.db]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphkit.dates import Window, parse_iso  # noqa: E402
from graphkit.graph import build_graph  # noqa: E402
from graphkit.ingest import ingest  # noqa: E402
from graphkit.query import timeline  # noqa: E402
from graphkit.store import open_store  # noqa: E402

MUELLER = ROOT.parent.parent / "shared" / "corpora" / "mueller"
QUESTIONS = {
    "trump_jr_veselnitskaya": (["Trump Jr.", "Veselnitskaya"], Window()),
    "papadopoulos_spring_2016": (["Papadopoulos"], Window(parse_iso("2016-03"), parse_iso("2016-05"))),
}


def gold_paragraphs(question: dict) -> dict[tuple[str, int], str]:
    """(file name, line) -> the first date the gold gives that paragraph ("" for its undated ones)."""
    out: dict[tuple[str, int], str] = {}
    for item in question["timeline"]:
        out.setdefault((item["file"].rsplit("/", 1)[-1], item["line"]), item["date"][:10])
    for item in question.get("undated_paragraphs", []):
        out.setdefault((item["file"].rsplit("/", 1)[-1], item["line"]), "")
    return out


def report(store, graph, qid: str, question: dict) -> None:
    names, window = QUESTIONS[qid]
    graph_w = build_graph(store, window=window) if window else graph
    found = timeline(store, graph_w, names, undated=True)
    listed = {(Path(i["file"]).name, i["line"]): i for i in found["items"]}
    gold = gold_paragraphs(question)
    hits = [key for key in gold if key in listed]
    same = [key for key in hits if gold[key] and (listed[key].get("date") or "")[:10] == gold[key]]
    order = [listed[key].get("date") or "" for key in sorted((k for k in hits if gold[k]), key=lambda k: gold[k])]
    in_order = all(a <= b for a, b in zip(order, order[1:]))
    dated = [i for i in found["items"] if i.get("date")]
    print(f"{qid}: {' + '.join(found['entities'])}{' ' + str(window) if window else ''}")
    print(
        f"  graphkit lists {len(dated)} dated paragraphs ({found['first']} to {found['last']}), {found['undated']} undated"
    )
    print(
        f"  gold paragraphs listed: {len(hits)}/{len(gold)}; dated as the gold dates them: {len(same)}/"
        f"{sum(bool(gold[k]) for k in hits)}; the gold's dated paragraphs in the gold's order: {in_order}"
    )
    for key, want in sorted(gold.items(), key=lambda kv: (kv[1] or "~", kv[0])):
        got = listed[key].get("date") if key in listed else "not listed"
        flag = "" if (got or "")[:10] == want else "   <- differs"
        print(f"    gold {want or 'undated':<10} graphkit {got or 'undated':<10} {key[0][:40]}:{key[1]}{flag}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path("/tmp/mueller.db"))
    args = parser.parse_args()
    with open_store(args.db, create=True) as store:
        if not store.counts()["documents"]:
            ingest(store, [MUELLER])
        gold = json.loads((ROOT / "tests" / "gold" / "timeline.json").read_text(encoding="utf-8"))
        graph = build_graph(store)
        for question in gold["questions"]:
            report(store, graph, question["id"], question)
    print("(* = a paragraph of the gold's chronology)")


if __name__ == "__main__":
    main()
