"""Benchmark: how long the HTML explorer takes to become interactive on a big graph.

Generates a random graph of 2,000 entities and 10,000 links (hubs, communities, evidence
paragraphs with entity spans), renders it into the explorer page, opens the file in headless
Chromium (Debian's /usr/bin/chromium through Playwright) and prints:

  * file size of the page,
  * seconds from navigation start until the network has drawn its first frame
    (``window.graphkit.ready``, set after vis-network's first ``afterDrawing``),
  * the page's own timing breakdown (data parsed, network built, first frame),
  * a full redraw (pan/zoom frame) and a "select a node" round trip, once loaded.

Prints figures only; no assertions.  Usage:

    .venv/bin/python bench/html_load.py [--nodes 2000] [--edges 10000] [--runs 3] [--keep FILE]
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphkit.export import render_html  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
TYPES = {
    "PERSON": "#4e79a7",
    "ORG": "#f28e2b",
    "GPE": "#e15759",
    "LOC": "#76b7b2",
    "NORP": "#59a14f",
    "FAC": "#edc948",
    "EVENT": "#b07aa1",
    "LAW": "#ff9da7",
    "PRODUCT": "#9c755f",
    "WORK_OF_ART": "#bab0ac",
}
WORDS = (
    "the minister said that a meeting took place in the capital where officials discussed payments "
    "through an offshore account while the company denied any involvement in the contract and the "
    "report cited sources close to the investigation"
).split()


def random_graph(n_nodes: int, n_edges: int, seed: int = 1) -> dict:
    rng = random.Random(seed)
    n_comms = max(1, n_nodes // 120)
    centres = [
        (math.cos(2 * math.pi * c / n_comms) * 650, math.sin(2 * math.pi * c / n_comms) * 650) for c in range(n_comms)
    ]
    types = list(TYPES)
    nodes = []
    for i in range(n_nodes):
        c = rng.randrange(n_comms)
        cx, cy = centres[c]
        first, last = rng.choice(["Ivan", "Anna", "Oleg", "Maria", "John", "Li", "Omar"]), f"Name{i}"
        label = f"{first} {last}"
        nodes.append(
            {
                "id": f"n{i}",
                "label": label,
                "type": rng.choices(types, weights=[40, 30, 15, 5, 5, 2, 1, 1, 1, 1])[0],
                "mentions": 0,
                "documents": 0,
                "aliases": [label, label.upper(), last],
                "community": c,
                "x": rng.gauss(cx, 160),
                "y": rng.gauss(cy, 160),
                "size": 0.0,
                "centrality": 0.0,
                "files": [f"leak/{rng.randrange(400):04d}.txt" for _ in range(rng.randint(1, 4))],
            }
        )
    # preferential attachment inside communities, some cross links
    by_comm: dict[int, list[int]] = {}
    for i, n in enumerate(nodes):
        by_comm.setdefault(n["community"], []).append(i)
    pop = [1.0 / (r + 1) ** 0.9 for r in range(n_nodes)]
    order = list(range(n_nodes))
    rng.shuffle(order)
    weight_of = {order[r]: pop[r] for r in range(n_nodes)}
    comm_weights = {c: [weight_of[i] for i in members] for c, members in by_comm.items()}
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < n_edges:
        a = rng.choices(order, weights=pop)[0]
        if rng.random() < 0.8:
            members = by_comm[nodes[a]["community"]]
            b = rng.choices(members, weights=comm_weights[nodes[a]["community"]])[0]
        else:
            b = rng.choices(order, weights=pop)[0]
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    paragraphs: dict[str, dict] = {}
    edges = []
    pid = 0
    degree = [0.0] * n_nodes
    for k, (a, b) in enumerate(sorted(pairs)):
        weight = min(200, int(rng.expovariate(0.45)) + 1)
        evidence = []
        for _ in range(min(weight, 20)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(30, 80))]
            la, lb = nodes[a]["label"], nodes[b]["label"]
            pos_a, pos_b = rng.randrange(len(words)), rng.randrange(len(words))
            words.insert(pos_a, "\x00A")
            words.insert(pos_b if pos_b < pos_a else pos_b + 1, "\x00B")
            text, spans = "", []
            for w in words:
                if text:
                    text += " "
                if w == "\x00A":
                    spans.append([len(text), len(text) + len(la), nodes[a]["id"]])
                    text += la
                elif w == "\x00B":
                    spans.append([len(text), len(text) + len(lb), nodes[b]["id"]])
                    text += lb
                else:
                    text += w
            paragraphs[str(pid)] = {
                "file": rng.choice(nodes[a]["files"]),
                "paragraph": rng.randint(1, 300),
                "text": text + ".",
                "kind": "body",
                "spans": spans,
            }
            evidence.append(pid)
            pid += 1
        edges.append(
            {
                "id": f"e{k}",
                "from": nodes[a]["id"],
                "to": nodes[b]["id"],
                "weight": weight,
                "documents": min(weight, rng.randint(1, 5)),
                "evidence": evidence,
                "evidence_total": weight,
            }
        )
        degree[a] += weight
        degree[b] += weight
        nodes[a]["mentions"] += weight
        nodes[b]["mentions"] += weight
    top = max(degree) or 1.0
    for i, n in enumerate(nodes):
        n["centrality"] = degree[i] / top
        n["size"] = 8 + 40 * math.sqrt(degree[i] / top)
        n["documents"] = len(set(n["files"]))
        n["mentions"] = max(1, n["mentions"])
    return {
        "meta": {
            "title": f"benchmark {n_nodes} x {n_edges}",
            "generated": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "nodes_total": n_nodes * 7,
            "edges_total": n_edges * 5,
            "nodes_shown": n_nodes,
            "edges_shown": len(edges),
            "top": n_nodes,
            "min_weight": 1,
            "omitted": f"Showing the top {n_nodes:,} of {n_nodes * 7:,} entities by centrality; "
            f"{n_edges * 5 - len(edges):,} links to the others are left out.",
        },
        "types": TYPES,
        "nodes": nodes,
        "edges": edges,
        "paragraphs": paragraphs,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=2000)
    ap.add_argument("--edges", type=int, default=10000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", help="also write the generated page here")
    args = ap.parse_args()

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright is not installed: .venv/bin/pip install playwright", file=sys.stderr)
        return 1
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: apt-get install -y chromium", file=sys.stderr)
        return 1

    t = time.perf_counter()
    data = random_graph(args.nodes, args.edges)
    page_html = render_html(data, title=str(data["meta"].get("title") or "graphkit"))
    build_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(args.keep) if args.keep else Path(tmp) / "bench.html"
        path.write_text(page_html, encoding="utf-8")
        size = path.stat().st_size
        print(
            f"graph: {len(data['nodes']):,} nodes, {len(data['edges']):,} edges, "
            f"{len(data['paragraphs']):,} evidence paragraphs (generated + rendered in {build_s:.2f} s)"
        )
        print(f"file size: {size / 1e6:.2f} MB ({size:,} bytes)")

        results = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for run in range(1, args.runs + 1):
                page = browser.new_page(viewport={"width": 1440, "height": 900})
                errors: list[str] = []
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
                t0 = time.perf_counter()
                page.goto(path.as_uri(), wait_until="commit")
                page.wait_for_function(
                    "() => window.graphkit && window.graphkit.ready === true", timeout=120_000, polling=10
                )
                wall = time.perf_counter() - t0
                timing = page.evaluate("graphkit.timing")
                redraw_ms = page.evaluate("""() => {
                    const t = performance.now();
                    for (let i = 0; i < 5; i++) graphkit.network.redraw();
                    return (performance.now() - t) / 5;
                }""")
                select_ms = page.evaluate("""() => new Promise(res => {
                    const id = graphkit.nodes.getIds()[0];
                    const t = performance.now();
                    graphkit.selectNode(id);
                    requestAnimationFrame(() => requestAnimationFrame(() => res(performance.now() - t)));
                })""")
                results.append(wall)
                print(
                    f"run {run}: interactive after {wall:.2f} s (wall clock, goto -> first frame); "
                    f"in page: data {timing['data'] / 1000:.2f} s, network {timing['network'] / 1000:.2f} s, "
                    f"first frame {timing['firstDraw'] / 1000:.2f} s after navigation start; "
                    f"full redraw {redraw_ms:.0f} ms; select node + 2 frames {select_ms:.0f} ms"
                    + (f"; ERRORS: {errors}" if errors else "")
                )
                page.close()
            browser.close()
        print(
            f"interactive: median {statistics.median(results):.2f} s, worst {max(results):.2f} s over {len(results)} runs"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
