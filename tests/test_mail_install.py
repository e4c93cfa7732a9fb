"""Install (issue 12): every package reading needs is declared, and a reader that cannot load is said once.

On a stock pip 23, trafilatura's jusText came without ``lxml_html_clean`` ("lxml does not
provide the extra 'html_clean'"), importing trafilatura failed, and every HTML file was
skipped, one warning per file.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from graphkit.formats import notices, web

ROOT = Path(__file__).resolve().parent.parent
# Imported by what graphkit imports, not by graphkit: jusText (under trafilatura) needs lxml.html.clean.
INDIRECT = {"lxml_html_clean"}


def declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {re.split(r"[<>=!~\[ ;]", d, maxsplit=1)[0].lower().replace("_", "-") for d in project["dependencies"]}


def imported_by_readers() -> set[str]:
    modules = set(INDIRECT)
    for path in (ROOT / "graphkit" / "formats").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                modules |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                modules.add(node.module.split(".")[0])
    return {m for m in modules if m not in sys.stdlib_module_names}


def test_every_package_reading_needs_is_declared_directly() -> None:
    distributions = packages_distributions()
    needed = {d.lower().replace("_", "-") for m in imported_by_readers() for d in distributions.get(m, [m])}
    assert {"lxml-html-clean", "trafilatura", "pdfminer.six", "python-docx", "lxml"} <= needed
    assert needed - declared() == set()


def test_without_trafilatura_pages_are_read_and_it_is_said_once(
    tmp_path: Path, tiny_model: str, run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "trafilatura", None)  # "import trafilatura" now raises ImportError
    web._trafilatura.cache_clear()
    notices._said.clear()
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(3):
        (folder / f"page{n}.html").write_text(
            f"<html><body><p>Alice Smith met Bob Jones in Paris ({n}).</p></body></html>"
        )
    try:
        result = run("ingest", folder, "--db", tmp_path / "g.db", "--model", tiny_model)
    finally:
        web._trafilatura.cache_clear()
    assert result.exit_code == 0, result.output
    assert "3 files ingested" in result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and warnings[0].startswith("warning: web pages are read without trafilatura"), (
        result.stderr
    )
