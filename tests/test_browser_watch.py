"""Watched entities in the HTML explorer (issue 18), in headless Chromium like tests/test_browser.py:
a ring on every watched entity, a legend line, a badge in its panel, the overview's list, and a
filter to the watched entities and their links."""

from __future__ import annotations

import json

import test_browser as tb
from test_browser import HOSTILE_IMG, panel_text, sample_graph, wait_idle

pytestmark = tb.pytestmark
# The browser and page fixtures of test_browser.py, shared rather than copied.
browser, open_page, page_from_data = tb.browser, tb.open_page, tb.page_from_data

WATCH = "#ff5c8a"


def watched_graph(**lists: str) -> dict:
    data = sample_graph()
    for node in data["nodes"]:
        node["watched"] = lists.get(node["id"], "")
    return data


def test_watched_entities_wear_a_ring_and_the_filter_keeps_them_and_their_links(page_from_data):
    data = watched_graph(putin="subjects", lavrov="subjects|sanctions")
    p = page_from_data(data)
    assert sorted(p.js("graphkit.watchedIds()")) == ["lavrov", "putin"]
    drawn = p.js("Object.fromEntries(graphkit.nodes.get().map(n => [n.id, [n.color.border, n.borderWidth || 1]]))")
    assert drawn["putin"] == drawn["lavrov"] == [WATCH, 3]
    assert all(drawn[n][0] != WATCH and drawn[n][1] == 1 for n in ("trump", "kgb", "moscow", "kremlin", "kryuchkov"))
    assert p.page.locator("#legend .watch-key").inner_text().split() == ["on", "a", "watchlist", "2"]
    assert p.page.is_visible("#watched-field")

    p.page.check("#watched-only")
    touching = {e["id"] for e in data["edges"] if {"putin", "lavrov"} & {e["from"], e["to"]}}
    assert set(p.js("graphkit.visibleEdgeIds()")) == touching
    assert set(p.js("graphkit.visibleNodeIds()")) == {"putin", "lavrov", "kremlin", "moscow", "trump"}
    assert p.js("graphkit.nodesView.length") == 5
    # the other filters still apply: links lighter than 2 go, and the entities only they brought
    p.js("graphkit.setFilters({minWeight: 2})")
    assert set(p.js("graphkit.visibleNodeIds()")) == {"putin", "lavrov", "kremlin", "moscow"}
    p.page.click("#filters-reset")
    assert not p.page.is_checked("#watched-only")
    assert p.js("graphkit.visibleNodeIds().length") == 7
    assert p.errors == []


def test_the_panels_say_which_lists_name_an_entity(page_from_data):
    p = page_from_data(watched_graph(putin="subjects", lavrov="subjects|sanctions"))
    overview = p.page.locator("#watched-list li")
    assert overview.count() == 2 and "Sergei Lavrov" in overview.all_inner_texts()[1]
    overview.nth(1).click()
    wait_idle(p)
    assert p.js("graphkit.network.getSelectedNodes()") == ["lavrov"]
    assert p.page.inner_text("#watched-badge") == "watched: subjects, sanctions"
    p.js("graphkit.selectNode('kgb')")
    assert p.page.locator("#watched-badge").count() == 0 and "KGB" in panel_text(p)
    assert p.errors == []


def test_a_page_without_watchlists_shows_no_watch_controls(page_from_data):
    p = page_from_data(sample_graph())
    assert p.js("graphkit.watchedIds()") == []
    assert not p.page.is_visible("#watched-field")
    assert p.page.locator("#legend .watch-key, #watched-list").count() == 0
    assert p.errors == []


def test_a_hostile_list_name_stays_text(page_from_data):
    p = page_from_data(watched_graph(putin=HOSTILE_IMG))
    p.js("graphkit.selectNode('putin')")
    p.page.wait_for_timeout(200)
    assert p.page.inner_text("#watched-badge") == f"watched: {HOSTILE_IMG}"
    assert p.dialogs == [] and p.errors == [] and p.requests == [p.url]
    assert p.js("document.querySelectorAll('#panel img').length") == 0


def test_an_exported_watchlist_in_the_browser(open_page, tmp_path, tiny_model, tiny_corpus, run):
    """ingest --watchlist, then export: the watched entities are marked on the real page."""
    listing = tmp_path / "people.yaml"
    listing.write_text("list: people\ntype: PERSON\nnames: [Dave Brown, Zoe Quinn]\n", encoding="utf-8")
    (tiny_corpus / "four.txt").write_text("Zoe Quinn met Dave Brown and Carol White in Paris.\n", encoding="utf-8")
    db, out = tmp_path / "w.db", tmp_path / "w.html"
    assert run("ingest", tiny_corpus, "--db", db, "--model", tiny_model, "--watchlist", listing).exit_code == 0
    assert run("export", "--format", "html", "--out", out, "--db", db).exit_code == 0
    p = open_page(out)
    assert sorted(p.js("graphkit.watchedIds()")) == ["Dave Brown", "Zoe Quinn"]  # the ruler knows no Zoe Quinn
    p.page.check("#watched-only")
    assert set(p.js("graphkit.visibleNodeIds()")) == {"Dave Brown", "Zoe Quinn", "Carol White", "Paris"}
    p.js(f"graphkit.selectNode({json.dumps('Zoe Quinn')})")
    assert p.page.inner_text("#watched-badge") == "watched: people"
    assert p.errors == [] and p.requests == [p.url]


def test_a_watched_entity_off_the_backbone_is_on_the_first_view(page_from_data, tmp_path):
    """A large graph opens on its backbone (issue 16); a watched entity that is not on it is shown
    anyway, with its links to what the first view shows, and nothing else joins."""
    from handmade import write_clustered_store

    from graphkit.export import graph_payload
    from graphkit.graph import build_graph

    store = write_clustered_store(tmp_path / "c.db")
    graph = build_graph(store)
    data = graph_payload(store, graph, graph)
    core = {n for e in data["edges"] if e["backbone"] for n in (e["from"], e["to"])}
    outside = sorted((n for n in graph if n not in core), key=lambda n: -graph.degree(n))[0]
    store.close()
    for node in data["nodes"]:
        node["watched"] = "subjects" if node["id"] == outside else ""
    p = page_from_data(data)
    assert p.js("graphkit.view()") == "backbone"
    visible = set(p.js("graphkit.visibleNodeIds()"))
    assert visible == core | {outside}
    links = [e for e in data["edges"] if e["id"] in set(p.js("graphkit.visibleEdgeIds()"))]
    extra = [e for e in links if not e["backbone"]]
    assert extra and all(outside in (e["from"], e["to"]) for e in extra)
    assert p.errors == []
