"""docs/api.ipynb runs on seeds/ with the real model, and its inline explorer works in headless Chromium
(issue 19). Skipped without nbclient/nbconvert (the test extras) or Chromium."""

from __future__ import annotations

import ast
import json

import pytest
from notebook import CHROMIUM, CHROMIUM_ARGS, as_page, open_in_browser, run_notebook, screenshot_explorer

pytest.importorskip("nbclient", reason="nbclient is in the test extras: pip install -e '.[test]'")
pytest.importorskip("nbconvert", reason="nbconvert is in the test extras: pip install -e '.[test]'")

pytestmark = pytest.mark.slow


def outputs(nb, start: str) -> list[dict]:
    """The outputs of the code cell whose source starts with ``start``."""
    return next(c.outputs for c in nb.cells if c.cell_type == "code" and c.source.startswith(start))


def plain(nb, start: str):
    return ast.literal_eval(outputs(nb, start)[-1]["data"]["text/plain"])


@pytest.fixture(scope="module")
def executed(tmp_path_factory):
    scratch = tmp_path_factory.mktemp("notebook")
    return scratch, run_notebook(scratch)


def test_the_notebook_runs_and_answers_as_the_cli(executed, run):
    scratch, nb = executed
    db = scratch / "docs" / "seeds.db"
    assert plain(nb, "from pathlib import Path")["documents"] == 5
    central = json.loads(run("central", "--by", "betweenness", "--top", "5", "--db", db, "--json").stdout)
    assert plain(nb, 'g.central(by="betweenness"') == central["results"]
    names, weight, file, paragraph = plain(nb, 'p = g.path("Trump", "Kryuchkov")')
    assert names == ["Donald Trump", "Vladimir Kryuchkov"] and file.endswith("001_505da6c7867374f9.txt")
    assert outputs(nb, "try:")[0]["text"].startswith("no entity named 'Kryuchkof'; did you mean 'Vladimir Kryuchkov'")
    assert (scratch / "docs" / "core.html").stat().st_size > 100_000
    frame = outputs(nb, "g.show(")[-1]["data"]["text/html"]
    assert frame.startswith('<iframe class="graphkit-explorer"') and 'sandbox="allow-scripts"' in frame


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian chromium not found at /usr/bin/chromium")
def test_the_inline_explorer_in_a_notebook_page(executed, tmp_path, run):
    sync_api = pytest.importorskip("playwright.sync_api")
    scratch, nb = executed
    exported = tmp_path / "g.json"
    db = scratch / "docs" / "seeds.db"
    assert run("export", "--format", "json", "--min-weight", "2", "--out", exported, "--db", db).exit_code == 0
    nodes = len(json.loads(exported.read_text(encoding="utf-8"))["nodes"])
    page_file = tmp_path / "api.html"
    page_file.write_text(as_page(nb), encoding="utf-8")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page, frame, requests, errors = open_in_browser(browser, page_file)
            assert frame.evaluate("graphkit.error") is None
            assert frame.evaluate("graphkit.nodes.length") == nodes > 30  # the graph the CLI exports
            assert requests == [], "the explorer must not request anything"
            assert not [text for where, text in errors if "cdnjs" not in text and "ERR_FAILED" not in text]
            assert frame.evaluate("document.title") == "seeds/: links of two paragraphs or more"
            # sandboxed: the page cannot reach the notebook around it
            assert (
                frame.evaluate(
                    "(() => { try { return window.parent.document.title; } catch (e) { return 'blocked'; } })()"
                )
                == "blocked"
            )
            shot = screenshot_explorer(page, frame, tmp_path / "api-notebook.png")
            assert shot.stat().st_size > 20_000
        finally:
            browser.close()
