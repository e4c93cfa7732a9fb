"""Run docs/api.ipynb on seeds/, save it with its outputs, and screenshot its inline explorer (issue 19).

    .venv/bin/python tools/notebook.py

Writes docs/api.ipynb (executed; the explorer's page, a megabyte, left out of it) and
docs/api-notebook.png (nbconvert's page of the notebook in headless Chromium, at the explorer).
tests/test_notebook.py runs the same steps in a scratch folder.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import nbformat

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from notebook import (  # noqa: E402
    CHROMIUM,
    CHROMIUM_ARGS,
    NOTEBOOK,
    as_page,
    open_in_browser,
    run_notebook,
    screenshot_explorer,
    without_big_outputs,
)


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as scratch:
        nb = run_notebook(Path(scratch))
        page_file = Path(scratch) / "api.html"
        page_file.write_text(as_page(nb), encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page, frame, requests, _errors = open_in_browser(browser, page_file)
            shot = screenshot_explorer(page, frame, NOTEBOOK.parent / "api-notebook.png")
            browser.close()
    lean = without_big_outputs(nb)
    for cell in lean.cells:
        cell.metadata.pop("execution", None)  # timestamps: the file changes only when an answer does
    nbformat.write(lean, NOTEBOOK)
    print(f"wrote {NOTEBOOK} and {shot}; the explorer made {len(requests)} requests")


if __name__ == "__main__":
    main()
