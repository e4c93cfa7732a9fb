"""Run docs/api.ipynb and render it as a page (issue 19): for tests/test_notebook.py and tools/notebook.py.

The notebook reads ``../seeds`` and writes ``seeds.db`` and ``core.html`` beside itself, so it
runs in a scratch folder that holds a copy of it in ``docs/`` and a link to ``seeds/``.
"""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "docs" / "api.ipynb"
BIG_OUTPUT = 100_000  # characters: the explorer's page; kept out of the committed notebook


def run_notebook(scratch: Path, *, timeout: int = 600) -> nbformat.NotebookNode:
    """Execute a copy of docs/api.ipynb in ``scratch/docs`` (``scratch/seeds`` links to seeds/), with the
    kernel of this Python; returns the executed notebook. A failing cell raises nbclient's CellExecutionError."""
    from nbclient import NotebookClient

    (scratch / "docs").mkdir(parents=True, exist_ok=True)
    if not (scratch / "seeds").exists():
        (scratch / "seeds").symlink_to(ROOT / "seeds", target_is_directory=True)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(scratch / "docs")}},
    )
    client.kernel_manager_class = _this_python()
    client.execute()
    return nb


def _this_python() -> type:
    """A kernel manager that starts the kernel with this interpreter (the venv's), whatever kernelspecs exist."""
    from jupyter_client.manager import KernelManager

    class ThisPython(KernelManager):
        def format_kernel_cmd(self, extra_arguments: list[str] | None = None) -> list[str]:
            cmd = super().format_kernel_cmd(extra_arguments)
            return [sys.executable, *cmd[1:]] if cmd and Path(cmd[0]).name.startswith("python") else cmd

    return ThisPython


def as_page(nb: nbformat.NotebookNode) -> str:
    """The executed notebook as nbconvert's HTML page (the lab template), outputs in it."""
    from nbconvert import HTMLExporter

    body, _resources = HTMLExporter(template_name="lab").from_notebook_node(nb)
    return body


def without_big_outputs(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy whose large HTML outputs (the explorer) are replaced by a line saying so."""
    lean = nbformat.from_dict(nb)
    for cell in lean.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if len(data.get("text/html", "")) > BIG_OUTPUT:
                data.pop("text/html")
                data["text/plain"] = "(the explorer: run the notebook to see it; docs/api-notebook.png shows it)"
    return lean


def copy_out(scratch: Path, name: str) -> Path:
    return Path(shutil.copy(scratch / "docs" / name, ROOT / "docs" / name))


# -- in a browser ------------------------------------------------------------------------------------
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def open_in_browser(browser, page_file: Path, *, width: int = 1400, height: int = 1000):
    """Open nbconvert's page of the notebook with every network request refused; wait for the explorer in
    its iframe. Returns the page, the explorer's frame, the requests that frame made and the errors it raised
    (nbconvert's own page asks a CDN for MathJax and require.js: refused, and not ours)."""
    page = browser.new_page(viewport={"width": width, "height": height})
    page.route(re.compile(r"^https?://"), lambda route: route.abort())
    made, errors = [], []
    page.on("request", lambda r: made.append((r.frame, r.url)))
    page.on("console", lambda m: errors.append((m.page, m.text)) if m.type == "error" else None)
    page.goto(page_file.resolve().as_uri())
    handle = page.wait_for_selector("iframe.graphkit-explorer", timeout=30_000)
    handle.scroll_into_view_if_needed()  # Chromium draws no frame out of sight, and the explorer waits for a draw
    frame = handle.content_frame()
    frame.wait_for_function("() => window.graphkit && (window.graphkit.ready || window.graphkit.error)", timeout=30_000)
    page.wait_for_timeout(800)  # the fit animation
    return page, frame, [url for f, url in made if f == frame], errors


def screenshot_explorer(page, frame, out: Path) -> Path:
    """The viewport with the explorer at its foot and the cells that made it above."""
    page.evaluate("document.querySelector('iframe.graphkit-explorer').scrollIntoView({block: 'end'})")
    frame.evaluate("graphkit.network.redraw()")  # what was out of sight was never painted
    page.wait_for_timeout(800)
    page.screenshot(path=str(out))
    return out
