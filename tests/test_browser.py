"""The HTML explorer in a real headless browser (Debian's chromium driven by Playwright).

Most tests build the page from a hand-made data dict with the exporter's own
``graphkit.export.render_html`` (``page_from_data``); the last ones run ``graphkit export``
on real stores. Every test goes through ``open_page``.

Skipped, with the reason, when playwright or /usr/bin/chromium is missing:
    apt-get install -y chromium && .venv/bin/pip install playwright   (no `playwright install`)
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from handmade import write_clustered_store, write_hand_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
EXPLORER = Path(__file__).resolve().parent.parent / "graphkit" / "explorer"

try:
    from playwright.sync_api import sync_playwright
except ImportError:  # pragma: no cover - depends on the machine
    sync_playwright = None

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        sync_playwright is None, reason="playwright is not installed (.venv/bin/pip install playwright)"
    ),
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="Debian chromium not found at /usr/bin/chromium (apt-get install -y chromium)"
    ),
]

HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "<script>alert(2)</script>"


# ---------------------------------------------------------------------------------------------
# building the page
# ---------------------------------------------------------------------------------------------
def spans_for(text: str, names: dict[str, list[str]]) -> list[list]:
    """[start, end, node id] for every occurrence of any name (longest first, no overlaps)."""
    found = []
    taken = [False] * len(text)
    for node_id, forms in names.items():
        for form in sorted(forms, key=len, reverse=True):
            for m in re.finditer(re.escape(form), text):
                if not any(taken[m.start() : m.end()]):
                    found.append([m.start(), m.end(), node_id])
                    for i in range(m.start(), m.end()):
                        taken[i] = True
    return sorted(found)


def make_graph(
    nodes: list[dict],
    edges: list[tuple],
    texts: dict[int, tuple[str, str]],
    meta: dict | None = None,
    types: dict | None = None,
) -> dict:
    """nodes: dicts with id/label/type/aliases/x/y (rest defaulted); edges: (a, b, weight, [pids], total[, strength])."""
    names = {n["id"]: [n["label"], *n.get("aliases", [])] for n in nodes}
    paragraphs = {}
    for pid, (file, text) in texts.items():
        paragraphs[str(pid)] = {
            "file": file,
            "paragraph": pid % 100 + 1,
            "text": text,
            "kind": "comment" if pid == 99 else "body",
            "spans": spans_for(text, names),
        }
    degree = {n["id"]: 0 for n in nodes}
    out_edges = []
    for i, (a, b, w, ev, total, *strength) in enumerate(edges):
        out_edges.append(
            {
                "id": f"e{i}",
                "from": a,
                "to": b,
                "weight": w,
                "documents": 1,
                "evidence": ev,
                "evidence_total": total,
                "strength": strength[0] if strength else 0.0,
            }
        )
        degree[a] += w
        degree[b] += w
    top = max(degree.values(), default=0) or 1
    full = []
    for n in nodes:
        full.append(
            {
                "mentions": 3 + degree[n["id"]],
                "documents": 1,
                "aliases": [],
                "community": 0,
                "files": ["a.txt"],
                **n,
                "size": 10 + 20 * degree[n["id"]] / top,
                "centrality": degree[n["id"]] / top,
            }
        )
    m = {
        "title": "test graph",
        "generated": "2025-01-01T00:00:00Z",
        "nodes_total": len(nodes),
        "edges_total": len(edges),
        "nodes_shown": len(nodes),
        "edges_shown": len(edges),
        "top": None,
        "min_weight": 1,
        "omitted": None,
    }
    m.update(meta or {})
    return {
        "meta": m,
        "types": types or {"PERSON": "#4e79a7", "ORG": "#f28e2b", "GPE": "#e15759"},
        "nodes": full,
        "edges": out_edges,
        "paragraphs": paragraphs,
    }


def sample_graph(**meta) -> dict:
    """Trump -> Kryuchkov: shortest via KGB (weights 1), strongest via Moscow and the Kremlin (weights 5)."""
    nodes = [
        {
            "id": "trump",
            "label": "Donald Trump",
            "type": "PERSON",
            "aliases": ["Trump", "TRUMP", "Trump's"],
            "x": -400,
            "y": 0,
            "community": 0,
            "files": ["steele.txt", "blog.txt"],
        },
        {
            "id": "putin",
            "label": "Vladimir Putin",
            "type": "PERSON",
            "aliases": ["Putin", "PUTIN"],
            "x": 0,
            "y": -400,
            "community": 1,
        },
        {"id": "kgb", "label": "KGB", "type": "ORG", "x": 0, "y": 350, "community": 0},
        {"id": "moscow", "label": "Moscow", "type": "GPE", "x": -150, "y": -150, "community": 1},
        {
            "id": "kremlin",
            "label": "Kremlin",
            "type": "ORG",
            "aliases": ["the Kremlin"],
            "x": 200,
            "y": -150,
            "community": 1,
        },
        {
            "id": "kryuchkov",
            "label": "Vladimir Kryuchkov",
            "type": "PERSON",
            "aliases": ["Kryuchkov"],
            "x": 400,
            "y": 100,
            "community": 0,
        },
        {
            "id": "lavrov",
            "label": "Sergei Lavrov",
            "type": "PERSON",
            "aliases": ["LAVROV", "Lavrov"],
            "x": 350,
            "y": -450,
            "community": 1,
        },
    ]
    texts = {
        1: ("steele.txt", "Donald Trump met officials in Moscow during the visit."),
        2: ("steele.txt", "TRUMP was seen in Moscow again, the source said."),
        3: ("blog.txt", "Trump and the KGB: an old story."),
        4: ("blog.txt", "The KGB chief Kryuchkov ordered the operation."),
        5: ("steele.txt", "Moscow and the Kremlin agreed."),
        6: ("steele.txt", "The Kremlin praised Kryuchkov."),
        7: ("steele.txt", "PUTIN spoke to LAVROV about the Kremlin line."),
        8: ("steele.txt", "\U0001f600 Putin \u2014 was in Moscow."),  # offsets are code points, not UTF-16
        9: ("blog.txt", "Putin and Trump spoke."),
        99: ("notes.txt", "Lavrov commented on Putin."),
    }
    edges = [  # (a, b, weight, evidence, evidence total, strength)
        ("trump", "moscow", 5, [1, 2], 5, 0.2),
        ("trump", "kgb", 1, [3], 1, 0.6),
        ("kgb", "kryuchkov", 1, [4], 1, 0.7),
        ("moscow", "kremlin", 5, [5], 5, 0.3),
        ("kremlin", "kryuchkov", 5, [6], 5, 0.4),
        ("putin", "kremlin", 2, [7], 2, 0.3),
        ("lavrov", "kremlin", 1, [7], 1, 0.2),
        ("putin", "moscow", 3, [8], 3, 0.3),
        ("putin", "trump", 1, [9], 1, 0.1),
        ("lavrov", "putin", 2, [7, 99], 2, 0.5),
    ]
    return make_graph(nodes, edges, texts, meta=meta)


def random_graph(n: int, m: int, seed: int = 3) -> dict:
    rng = random.Random(seed)
    nodes = [
        {
            "id": f"n{i}",
            "label": f"Entity number {i}",
            "type": rng.choice(["PERSON", "ORG", "GPE"]),
            "x": rng.uniform(-1000, 1000),
            "y": rng.uniform(-1000, 1000),
        }
        for i in range(n)
    ]
    pairs = set()
    while len(pairs) < m:
        a, b = rng.sample(range(n), 2)
        pairs.add((min(a, b), max(a, b)))
    edges = [(f"n{a}", f"n{b}", rng.randint(1, 6), [], 1) for a, b in sorted(pairs)]
    return make_graph(nodes, edges, {})


# ---------------------------------------------------------------------------------------------
# browser fixtures
# ---------------------------------------------------------------------------------------------
@dataclass
class Loaded:
    page: object
    url: str
    errors: list = field(default_factory=list)  # console errors and uncaught exceptions
    requests: list = field(default_factory=list)  # every URL the page asked for
    dialogs: list = field(default_factory=list)  # alert()/confirm()/prompt() that fired

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Viewport coordinates of a node's centre."""
        return tuple(
            self.js(
                """id => {
            const net = graphkit.network, p = net.getPositions([id])[id], d = net.canvasToDOM(p);
            const r = document.getElementById('network').getBoundingClientRect();
            return [r.left + d.x, r.top + d.y];
        }""",
                node_id,
            )
        )


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def open_page(browser):
    """open_page(path) -> Loaded: opens an HTML file and waits until the network has drawn."""
    pages = []

    def _open(path: Path) -> Loaded:
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        pages.append(page)
        loaded = Loaded(page=page, url=path.resolve().as_uri())
        page.on("console", lambda msg: loaded.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: loaded.errors.append(str(exc)))
        page.on("request", lambda req: loaded.requests.append(req.url))

        def on_dialog(dialog):
            loaded.dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(loaded.url)
        page.wait_for_function(
            "() => window.graphkit && (window.graphkit.ready || window.graphkit.error)", timeout=30_000
        )
        assert page.evaluate("graphkit.error") is None
        return loaded

    yield _open
    for page in pages:
        page.close()


@pytest.fixture
def page_from_data(open_page, tmp_path):
    """page_from_data(data) -> Loaded. Swap point for the real `graphkit export --format html`."""

    from graphkit.export import render_html

    def _load(data: dict) -> Loaded:
        path = tmp_path / "graph.html"
        path.write_text(render_html(data, title=str(data.get("meta", {}).get("title") or "graphkit")), encoding="utf-8")
        return open_page(path)

    return _load


def panel_text(p: Loaded) -> str:
    return p.page.inner_text("#panel")


def wait_idle(p: Loaded, ms: int = 650):
    """Let the focus/fit animations (450 ms) finish."""
    p.page.wait_for_timeout(ms)


# ---------------------------------------------------------------------------------------------
# tests
# ---------------------------------------------------------------------------------------------
def test_template_has_no_external_urls():
    files = sorted(p for p in EXPLORER.rglob("*") if p.suffix in {".html", ".css", ".js"})
    assert {p.name for p in files} >= {
        "explorer.html",
        "explorer.css",
        "graph.js",
        "panels.js",
        "path.js",
        "filters.js",
    }
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert "http://" not in text and "https://" not in text, path.name
        assert "//cdn" not in text.lower(), path.name


def test_loads_offline_without_errors(page_from_data):
    p = page_from_data(sample_graph())
    assert p.errors == []
    assert p.requests == [p.url], "the page must not request anything but itself"
    assert p.js("graphkit.nodes.length") == 7 and p.js("graphkit.edges.length") == 10
    assert p.js("graphkit.network.physics.options.enabled") is False
    assert p.page.is_hidden("#banner")
    # the layout from the data is used as is
    pos = p.js("graphkit.network.getPositions(['trump']).trump")
    assert pos == {"x": -400, "y": 0}
    # stable ids the tests and the README rely on
    for sel in (
        "#search",
        "#panel",
        "#legend",
        "#min-weight",
        "#min-mentions",
        "#color-mode",
        "#path-from",
        "#path-to",
        "#path-go",
        "#banner",
    ):
        assert p.page.query_selector(sel) is not None, sel
    assert "Entity graph" in panel_text(p) or "test graph" in panel_text(p)


def test_banner_says_what_was_left_out(page_from_data):
    omitted = "Showing top 2000 of 15,342 entities; 13,342 entities and 40,100 links left out."
    p = page_from_data(sample_graph(omitted=omitted, nodes_total=15342))
    assert p.page.is_visible("#banner")
    assert p.page.inner_text("#banner-text") == omitted
    assert omitted in p.page.inner_text("#banner")


def test_overview_says_what_share_of_the_text_is_left_out(page_from_data):
    left_out = "2,282 of 8,805 words set aside (25.9%: 1,368 comment, 914 boilerplate): not counted in this graph."
    p = page_from_data(sample_graph(left_out=left_out))
    assert p.page.inner_text("#left-out") == left_out  # issue 10: nothing left out in silence
    assert not page_from_data(sample_graph()).page.query_selector("#left-out")


def test_search_alias_focuses_and_selects(page_from_data):
    p = page_from_data(sample_graph())
    scale_before = p.js("graphkit.network.getScale()")
    p.page.click("#search")
    p.page.keyboard.type("TRU")  # case-insensitive prefix of an alias
    p.page.wait_for_selector("#suggest li[data-node='trump']")
    p.page.keyboard.press("Enter")
    wait_idle(p)
    assert p.js("graphkit.network.getSelectedNodes()") == ["trump"]
    assert p.js("graphkit.current") == {"kind": "node", "id": "trump"}
    # focused: the view is centred near the node (the filters card shifts it a little)
    view = p.js("graphkit.network.getViewPosition()")
    assert abs(view["y"] - 0) < 60 and abs(view["x"] + 400) < 400
    assert p.js("graphkit.network.getScale()") >= scale_before * 0.99
    assert "Donald Trump" in panel_text(p)

    # any alias, and a word inside a name, by click on the suggestion
    p.page.fill("#search", "")
    p.page.click("#search")
    p.page.keyboard.type("kryu")
    p.page.click("#suggest li[data-node='kryuchkov']")
    wait_idle(p)
    assert p.js("graphkit.network.getSelectedNodes()") == ["kryuchkov"]
    assert "Vladimir Kryuchkov" in panel_text(p)
    assert p.js("graphkit.lookup('putin')")[0] == "putin"
    assert p.js("graphkit.lookup('the krem')") == ["kremlin"]


def test_click_node_shows_profile_and_neighbours(page_from_data):
    p = page_from_data(sample_graph())
    x, y = p.node_point("trump")
    p.page.mouse.click(x, y)
    assert p.js("graphkit.network.getSelectedNodes()") == ["trump"]
    text = panel_text(p)
    assert "Donald Trump" in text and "PERSON" in text
    for alias in ("TRUMP", "Trump's"):
        assert alias in text
    assert "steele.txt" in text and "blog.txt" in text
    rows = p.page.locator("#neighbours li")
    assert rows.count() == 3
    # the most specific first: the strongest link, and the place (Moscow, the heaviest) last
    assert [rows.nth(i).get_attribute("data-node") for i in range(3)] == ["kgb", "putin", "moscow"]
    assert "Moscow" in rows.nth(2).inner_text()
    # a neighbour is clickable and selects that node
    rows.nth(2).click()
    wait_idle(p)
    assert p.js("graphkit.network.getSelectedNodes()") == ["moscow"]
    assert p.page.inner_text("#panel-title") == "Moscow"
    # back returns to the previous node
    p.page.click("#panel-back")
    assert p.page.inner_text("#panel-title") == "Donald Trump"
    # labels are clickable too
    p.page.keyboard.press("Escape")
    wait_idle(p)  # "back" re-focused Donald Trump with an animation
    box = p.page.locator("#network").bounding_box()
    label = next(
        lab
        for lab in p.js("graphkit.labels")
        if lab["rect"][0] > 0 and lab["rect"][2] < box["width"] and lab["rect"][3] < box["height"]
    )
    rect = label["rect"]
    p.page.mouse.click(box["x"] + (rect[0] + rect[2]) / 2, box["y"] + (rect[1] + rect[3]) / 2)
    assert p.js("graphkit.network.getSelectedNodes()") == [label["id"]]


def test_click_edge_shows_highlighted_evidence(page_from_data):
    p = page_from_data(sample_graph())
    # a real click on the middle of the Kremlin - Kryuchkov line
    (ax, ay), (bx, by) = p.node_point("kremlin"), p.node_point("kryuchkov")
    p.page.mouse.click((ax + bx) / 2, (ay + by) / 2)
    assert p.js("graphkit.current.kind") == "edge"
    assert "The Kremlin praised Kryuchkov." in panel_text(p)

    # an edge with more paragraphs than embedded
    p.js("graphkit.selectEdge('e0')")  # Trump - Moscow, 2 of 5 embedded
    cards = p.page.locator("#evidence .ev")
    assert cards.count() == 2
    first = cards.nth(0)
    assert "steele.txt" in first.inner_text() and "¶" in first.inner_text()
    marks = p.page.locator("#evidence .ev").nth(1).locator("mark")
    assert sorted(marks.all_inner_texts()) == ["Moscow", "TRUMP"]
    assert "3 more paragraphs not embedded" in panel_text(p)
    assert p.js("document.querySelectorAll('#evidence mark.m-a').length") == 2
    # span offsets after a character outside the BMP still land on the names
    p.js("graphkit.selectEdge('e7')")
    assert p.page.locator("#evidence mark").all_inner_texts() == ["Putin", "Moscow"]


def test_path_finder_highlights_shortest_and_strongest(page_from_data):
    p = page_from_data(sample_graph())
    p.page.fill("#path-from", "trump")
    p.page.fill("#path-to", "KRYUCHKOV")
    p.page.click("#path-go")
    wait_idle(p)
    shortest = ["trump", "kgb", "kryuchkov"]
    assert p.js("graphkit.path.nodes") == shortest
    assert sorted(p.js("graphkit.network.getSelectedNodes()")) == sorted(shortest)
    assert sorted(p.js("graphkit.network.getSelectedEdges()")) == ["e1", "e2"]
    assert sorted(p.js("graphkit.spotlight().nodes")) == sorted(shortest)
    hops = p.page.locator("#path-hops .hop")
    assert hops.count() == 2
    assert "Trump and the KGB" in hops.nth(0).inner_text()
    assert hops.nth(1).locator("mark").count() == 2

    p.page.click("#path-strongest")
    wait_idle(p)
    strongest = ["trump", "moscow", "kremlin", "kryuchkov"]
    assert p.js("graphkit.path.nodes") == strongest
    assert p.page.locator("#path-hops .hop").count() == 3
    assert sorted(p.js("graphkit.network.getSelectedEdges()")) == ["e0", "e3", "e4"]

    # API, and paths only use the visible graph
    assert p.js("graphkit.findPath('Donald Trump', 'Kryuchkov', true).nodes") == strongest
    p.js("graphkit.setFilters({minWeight: 2})")
    assert p.js("graphkit.findPath('trump', 'kryuchkov', false).nodes") == strongest
    p.js("graphkit.setFilters({minWeight: 6})")
    assert p.js("graphkit.findPath('trump', 'kryuchkov', false)") is None
    assert "No path" in panel_text(p)
    assert p.errors == []


def test_filters_legend_sliders_colour(page_from_data):
    data = sample_graph()
    weight = {e["id"]: e["weight"] for e in data["edges"]}
    p = page_from_data(data)
    assert p.js("graphkit.visibleNodeIds().length") == 7
    p.page.click("#legend [data-type='ORG']")
    visible = set(p.js("graphkit.visibleNodeIds()"))
    assert "kgb" not in visible and "kremlin" not in visible and "trump" in visible
    assert p.js("graphkit.nodesView.length") == 5
    p.page.click("#legend [data-type='ORG']")
    assert p.js("graphkit.nodesView.length") == 7

    p.js("""() => { const s = document.getElementById('min-weight'); s.value = '3';
                    s.dispatchEvent(new Event('input', {bubbles: true})); }""")
    p.page.wait_for_timeout(150)
    assert p.page.inner_text("#min-weight-value") == "3"
    assert sorted(p.js("graphkit.visibleEdgeIds()")) == sorted(k for k, w in weight.items() if w >= 3)
    assert p.js("graphkit.edgesView.length") == 4
    assert "lavrov" not in p.js("graphkit.visibleNodeIds()")  # only weak links left

    p.page.click("#filters-reset")
    p.js("""() => { const s = document.getElementById('min-mentions'); s.value = '8';
                    s.dispatchEvent(new Event('change', {bubbles: true})); }""")
    p.page.wait_for_timeout(150)
    mentions = {n["id"]: n["mentions"] for n in p.js("graphkit.data.nodes")}
    assert set(p.js("graphkit.visibleNodeIds()")) == {k for k, v in mentions.items() if v >= 8}

    colours = "Object.fromEntries(graphkit.nodes.get().map(n => [n.id, n.color.background]))"
    before = p.js(colours)
    p.page.select_option("#color-mode", "community")
    after = p.js(colours)
    assert before != after
    assert after["trump"] == after["kgb"] == after["kryuchkov"] != after["putin"]  # communities 0 and 1
    assert p.page.locator("#legend [data-community]").count() == 2
    assert p.errors == []


def test_labels_do_not_overlap(page_from_data):
    p = page_from_data(random_graph(100, 180))
    labels = p.js("graphkit.labels")
    assert len(labels) >= 8
    rects = [lab["rect"] for lab in labels]
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not (a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]), (a, b)
    # not every node is labelled at first; zooming in labels nodes that were not
    assert len(labels) < 100
    p.js("graphkit.network.moveTo({scale: graphkit.network.getScale() * 3})")
    p.page.wait_for_timeout(100)
    before = {lab["id"] for lab in labels}
    assert {lab["id"] for lab in p.js("graphkit.labels")} - before


def test_hostile_text_stays_text(page_from_data):
    evil_label = f"Evil {HOSTILE_IMG} Corp"
    evil_alias = f"{HOSTILE_SCRIPT}"
    nodes = [
        {
            "id": "evil",
            "label": evil_label,
            "type": "ORG",
            "aliases": [evil_alias, "Evil Corp"],
            "x": -200,
            "y": 0,
            "files": [f"leak/{HOSTILE_IMG}.txt"],
        },
        {"id": "bob", "label": "Bob Smith", "type": "PERSON", "aliases": ["Bob"], "x": 200, "y": 0},
        {
            "id": f"x{HOSTILE_IMG}",
            "label": "</script><script>window.__pwned=3</script>",
            "type": "<b>TYPE</b>",
            "x": 0,
            "y": 300,
        },
    ]
    text = (
        f"Bob met Evil Corp. {HOSTILE_IMG} {HOSTILE_SCRIPT} </script><script>window.__pwned=1</script> "
        "<!-- /*__VIS_JS__*/ __TITLE__ /*__DATA__*/ --> & done"
    )
    data = make_graph(
        nodes,
        [("evil", "bob", 2, [1], 2), ("bob", f"x{HOSTILE_IMG}", 1, [2], 1)],
        {1: (f"{HOSTILE_IMG}.txt", text), 2: ("b.txt", "Bob and </script><script>window.__pwned=3</script>")},
        meta={"title": "</title><script>window.__pwned=2</script>", "omitted": HOSTILE_IMG},
    )
    p = page_from_data(data)
    p.js("graphkit.selectNode('evil')")
    p.js("graphkit.selectEdge('e0')")
    assert HOSTILE_IMG in panel_text(p)
    assert HOSTILE_SCRIPT in panel_text(p)
    assert "/*__VIS_JS__*/ __TITLE__ /*__DATA__*/" in panel_text(p)
    p.js("graphkit.selectNode('evil')")
    text_now = panel_text(p)
    assert evil_label in text_now and HOSTILE_SCRIPT in text_now and f"leak/{HOSTILE_IMG}.txt" in text_now
    p.page.fill("#search", "evil")
    p.page.wait_for_selector("#suggest li[data-node='evil']")
    assert HOSTILE_IMG in p.page.inner_text("#suggest")
    p.page.keyboard.press("Escape")
    x, y = p.node_point("evil")
    p.page.mouse.move(x, y)
    p.page.wait_for_selector("#tooltip:not([hidden])")
    assert HOSTILE_IMG in p.page.inner_text("#tooltip")
    p.js(f"graphkit.selectNode({json.dumps('x' + HOSTILE_IMG)})")
    assert "</script><script>window.__pwned=3</script>" in panel_text(p)
    assert "<b>TYPE</b>" in p.page.inner_text("#legend")
    assert p.page.title() == "</title><script>window.__pwned=2</script>"
    assert p.page.inner_text("#banner-text") == HOSTILE_IMG
    p.page.wait_for_timeout(200)
    assert p.dialogs == []
    assert p.js("window.__pwned") is None
    assert p.js("document.querySelectorAll('img, #app script, #panel b, #legend b').length") == 0
    assert p.requests == [p.url]
    assert p.errors == []


def test_without_layout_and_empty_graph(page_from_data):
    data = sample_graph()
    for n in data["nodes"]:
        del n["x"], n["y"]
    p = page_from_data(data)
    assert p.errors == []
    p.page.wait_for_function("() => !graphkit.network.physics.options.enabled", timeout=10_000)
    assert p.js("graphkit.findPath('trump', 'kryuchkov').nodes") == ["trump", "kgb", "kryuchkov"]

    empty = make_graph([], [], {})
    p = page_from_data(empty)
    assert p.errors == []
    assert "no entities" in p.page.inner_text("#loading")


# ---------------------------------------------------------------------------------------------
# the real exporter, end to end
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def seeds_page(open_page, seeds_db, run, tmp_path):
    out = tmp_path / "seeds.html"
    assert run("export", "--format", "html", "--out", out, "--db", seeds_db).exit_code == 0
    return open_page(out)


@pytest.mark.slow
def test_seeds_export_in_the_browser(seeds_page):
    p = seeds_page
    assert p.errors == [] and p.requests == [p.url]
    p.page.fill("#search", "TRUM")
    p.page.keyboard.press("Enter")
    wait_idle(p)
    assert p.js("graphkit.network.getSelectedNodes()") == ["Donald Trump"]
    assert "Donald Trump" in panel_text(p) and "PERSON" in panel_text(p)
    edge = p.js("""() => graphkit.edges.get().find(e =>
        [e.from, e.to].sort().join('|') === ['Donald Trump', 'Vladimir Kryuchkov'].sort().join('|')).id""")
    p.js(f"graphkit.selectEdge({json.dumps(edge)})")
    text = panel_text(p)
    assert "seeds/001_505da6c7867374f9.txt" in text and "Kryuchkov" in text
    marks = p.js("Array.from(document.querySelectorAll('#panel mark')).map(m => m.textContent)")
    assert "Kryuchkov" in " ".join(marks) and "Trump" in " ".join(marks)
    p.page.fill("#path-from", "Putin")
    p.page.fill("#path-to", "Kryuchkov")
    p.page.click("#path-go")
    wait_idle(p)
    path = p.js("graphkit.path && graphkit.path.nodes")
    assert path[0] == "Vladimir Putin" and path[-1] == "Vladimir Kryuchkov"
    assert p.errors == [] and p.requests == [p.url]


def test_hostile_document_through_ingest_and_export(open_page, tmp_path, tiny_model, run):
    docs = tmp_path / "leak"
    docs.mkdir()
    (docs / "memo <img src=x onerror=alert(1)>.txt").write_text(
        "Alice Smith <img src=x onerror=alert(1)> met Bob Jones <script>alert(2)</script> in Paris.\n", encoding="utf-8"
    )
    db, out = tmp_path / "h.db", tmp_path / "h.html"
    assert run("ingest", docs, "--db", db, "--model", tiny_model).exit_code == 0
    assert run("export", "--format", "html", "--out", out, "--db", db, "--title", "<b>leak</b>").exit_code == 0
    p = open_page(out)
    edge = p.js("graphkit.edges.get()[0].id")
    p.js(f"graphkit.selectEdge({json.dumps(edge)})")
    text = panel_text(p)
    assert HOSTILE_IMG in text and HOSTILE_SCRIPT in text
    p.page.wait_for_timeout(200)
    assert p.dialogs == [] and p.errors == [] and p.requests == [p.url]
    assert p.js("document.querySelectorAll('#panel img, #panel script').length") == 0
    assert p.page.title() == "<b>leak</b>"


# ---------------------------------------------------------------------------------------------
# answers that inform (issue 16): the path finder's three kinds, and the first view of a large graph
# ---------------------------------------------------------------------------------------------
def test_the_path_finder_offers_the_command_lines_choices(open_page, tmp_path, run):
    """On a store written by hand, the page's informative, shortest and strongest paths are graphkit path's."""
    from test_paths import DOCUMENTS, ENTITIES

    write_hand_store(tmp_path / "p.db", ENTITIES, DOCUMENTS).close()
    out = tmp_path / "p.html"
    assert run("export", "--out", out, "--db", tmp_path / "p.db").exit_code == 0
    p = open_page(out)

    def cli(*flags: str) -> list[str]:
        result = run("path", "Ann Lee", "Dee Moss", "--db", tmp_path / "p.db", "--json", *flags)
        return [n["name"] for n in json.loads(result.stdout)["path"]]

    for mode, flags in (("informative", ()), ("strongest", ("--strongest",))):
        assert p.js(f"graphkit.findPath('ann lee', 'dee moss', '{mode}').nodes") == cli(*flags), mode
    # two shortest paths tie (through Rome and through Acme): either is the shortest
    assert len(p.js("graphkit.findPath('ann lee', 'dee moss', 'shortest').nodes")) == len(cli("--shortest")) == 3
    p.page.fill("#path-from", "Ann Lee")
    p.page.fill("#path-to", "Dee Moss")
    p.page.click("#path-go")
    wait_idle(p)
    assert p.js("graphkit.path.mode") == "informative"
    assert p.js("graphkit.path.nodes") == ["Ann Lee", "Ben Ode", "Cal Fry", "Dee Moss"]
    assert p.page.locator("#path-informative").get_attribute("class") == "on"
    assert "Informative · 3 hops" in p.page.inner_text("#path-informative")
    assert "A shorter path, 2 hops, runs through" in p.page.inner_text("#path-shorter")
    p.page.click("#path-shorter button")
    assert p.js("graphkit.path.mode") == "shortest" and p.js("graphkit.path.hops") == 2
    p.page.click("#path-strongest")
    assert p.js("graphkit.path.nodes") == ["Ann Lee", "Acme", "Dee Moss"]
    assert "strength" in p.page.inner_text("#path-hops")
    assert p.errors == []


@pytest.fixture
def clustered(open_page, tmp_path, run):
    write_clustered_store(tmp_path / "c.db").close()
    out = tmp_path / "c.html"
    assert run("export", "--out", out, "--db", tmp_path / "c.db").exit_code == 0
    return open_page(out)


def test_a_large_graph_opens_on_its_backbone(clustered):
    p = clustered
    meta = p.js("graphkit.data.meta")
    assert meta["view"] == "backbone" and p.js("graphkit.view()") == "backbone"
    backbone = {e["from"] for e in p.js("graphkit.data.edges") if e["backbone"]} | {
        e["to"] for e in p.js("graphkit.data.edges") if e["backbone"]
    }
    visible = set(p.js("graphkit.visibleNodeIds()"))
    assert visible == backbone and meta["backbone"]["nodes"] == len(backbone) < meta["nodes_total"]
    assert all(p.js("graphkit.data.edges.filter(e => graphkit.visibleEdgeIds().includes(e.id)).map(e => e.backbone)"))
    assert "Showing the backbone" in p.page.inner_text("#banner")
    # readable: labels never overlap, and the most central visible entities all have one
    labels = p.js("graphkit.labels")
    rects = [lab["rect"] for lab in labels]
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            assert not (a[0] < b[2] and a[2] > b[0] and a[1] < b[3] and a[3] > b[1]), (a, b)
    nodes = sorted(p.js("graphkit.data.nodes"), key=lambda n: -n["centrality"])
    assert {n["id"] for n in nodes if n["id"] in visible}.__len__() > 20
    central = [n["id"] for n in nodes if n["id"] in visible][:8]
    assert set(central) <= {lab["id"] for lab in labels}
    # the most central list leads with people and organisations
    listed = p.js("Array.from(document.querySelectorAll('#central li')).map(li => li.dataset.node)")
    assert listed and all(not n.startswith(("Capital", "Province")) for n in listed)
    assert p.errors == []


def test_the_whole_graph_is_one_click_away_and_a_click_expands(clustered):
    p = clustered
    total = p.js("graphkit.data.nodes.length")
    first = set(p.js("graphkit.visibleNodeIds()"))
    p.page.click("#show-all")
    wait_idle(p)
    assert p.js("graphkit.view()") == "all" and len(p.js("graphkit.visibleNodeIds()")) == total
    p.page.click("#view-backbone")
    wait_idle(p)
    assert set(p.js("graphkit.visibleNodeIds()")) == first
    # clicking an entity of the backbone shows all its neighbours and links
    node = next(n for n in sorted(first) if n.startswith("P"))
    neighbours = {
        e["to"] if e["from"] == node else e["from"] for e in p.js("graphkit.data.edges") if node in (e["from"], e["to"])
    }
    assert not neighbours <= first
    x, y = p.node_point(node)
    p.page.mouse.click(x, y)
    wait_idle(p)
    assert p.js("graphkit.expanded()") == [node]
    assert neighbours <= set(p.js("graphkit.visibleNodeIds()"))
    assert p.page.locator("#neighbours li.is-hidden").count() == 0
    # a path to an entity outside the backbone shows it, with its links
    outside = next(n["id"] for n in p.js("graphkit.data.nodes") if n["id"] not in first and n["id"] not in neighbours)
    path = p.js(f"graphkit.findPath({json.dumps(node)}, {json.dumps(outside)})")
    assert set(path["nodes"]) <= set(p.js("graphkit.visibleNodeIds()"))
    assert set(path["edges"]) <= set(p.js("graphkit.visibleEdgeIds()"))
    assert p.errors == []


def test_a_small_graph_opens_whole(page_from_data):
    p = page_from_data(sample_graph())
    assert p.js("graphkit.view()") == "all"
    assert p.page.locator("#view-field").is_hidden()
    assert len(p.js("graphkit.visibleNodeIds()")) == 7


# ---------------------------------------------------------------------------------------------
# time (issue 17): the slider, evidence by date, first and last appearance
# ---------------------------------------------------------------------------------------------
@pytest.fixture
def hand_page(open_page, hand_store, tmp_path):
    """tests/handmade.py's store, exported by `graphkit export`: every date is known by hand."""
    from graphkit.export import export_graph
    from graphkit.graph import build_graph

    out = tmp_path / "hand.html"
    export_graph(hand_store, build_graph(hand_store), "html", out)
    return open_page(out)


def edge_ids(p: Loaded, pairs) -> set[str]:
    ids = p.js("graphkit.edges.get().map(e => [e.id, [e.from, e.to].sort().join('|')])")
    wanted = {"|".join(sorted(pair)) for pair in pairs}
    return {i for i, key in ids if key in wanted}


def drag_time(p: Loaded, handle: str, day: str) -> None:
    """Move one handle of the time slider as a user would, to the step of ``day``: set it, fire the input event."""
    p.js(
        """([id, day]) => {
        const el = document.getElementById(id);
        el.value = String(graphkit.timeSteps().indexOf(day));
        el.dispatchEvent(new Event('input', {bubbles: true}));
    }""",
        [handle, day],
    )
    p.page.wait_for_timeout(150)  # the filter waits 40 ms for the handle to settle


def test_time_slider_filters_links_by_date(hand_page):
    p = hand_page
    assert p.errors == [] and p.requests == [p.url]
    assert p.js("graphkit.timeRange()") == ["2016-06-01", "2017-12-31"]
    # the handles step through the days the data begins or ends on
    assert p.js("graphkit.timeSteps()") == ["2016-06-01", "2016-06-09", "2016-06-30", "2017-01-01", "2017-12-31"]
    assert p.page.is_visible("#time-field")
    assert len(p.js("graphkit.visibleEdgeIds()")) == 7
    drag_time(p, "time-from", "2017-01-01")  # only b2 (2017): Bob Jones works for Acme Corp in Berlin
    assert set(p.js("graphkit.visibleEdgeIds()")) == edge_ids(
        p, [("Acme Corp", "Bob Jones"), ("Acme Corp", "Berlin"), ("Berlin", "Bob Jones")]
    )
    assert p.js("graphkit.timeWindow()") == ["2017-01-01", "2017-12-31"]
    assert p.page.inner_text("#time-value") == "2017-01-01 \u2013 2017-12-31"
    assert "Alice Smith" not in p.js("graphkit.visibleNodeIds()")
    drag_time(p, "time-from", "2016-06-01")
    drag_time(p, "time-to", "2016-06-01")  # a2 (all of June 2016) overlaps; a1 (June 9) does not
    assert set(p.js("graphkit.visibleEdgeIds()")) == edge_ids(
        p, [("Alice Smith", "Bob Jones"), ("Alice Smith", "Berlin"), ("Berlin", "Bob Jones")]
    )
    drag_time(p, "time-to", "2016-06-09")
    drag_time(p, "time-from", "2017-01-01")  # a handle does not pass the other
    assert p.js("graphkit.timeWindow()") == ["2016-06-09", "2016-06-09"]
    assert len(p.js("graphkit.visibleEdgeIds()")) == 5  # a1's three links, and a2's month holds the day
    p.page.click("#filters-reset")
    assert p.js("graphkit.timeWindow()") is None and len(p.js("graphkit.visibleEdgeIds()")) == 7
    assert p.errors == []


def test_evidence_sorted_by_date_and_first_last_appearance(hand_page):
    p = hand_page
    [ab] = edge_ids(p, [("Alice Smith", "Bob Jones")])
    p.js(f"graphkit.selectEdge({json.dumps(ab)})")
    dates = p.js("Array.from(document.querySelectorAll('#evidence .ev-date')).map(d => [d.textContent, d.title])")
    assert dates == [["2016-06", "the document's date"], ["2016-06-09", "stated in the paragraph"]]
    assert p.page.inner_text("#panel-dates") == "First together 2016-06, last 2016-06-09"
    p.js("graphkit.selectNode('Bob Jones')")
    assert p.page.inner_text("#panel-dates") == "First appears 2016-06, last 2017"
    p.js("graphkit.selectNode('Dave Brown')")
    assert p.page.inner_text("#panel-dates") == "No dated paragraph."
    assert p.errors == []
