"""Benchmark: the hostile files of issue 11 at full size, each ingested beside a good file; time and memory.

For every row of the issue's table, builds the hostile file (``tests/hostile.py``: the
2 GiB PDF stream and the 4 GiB docx members at their real sizes), puts it in a folder
with one good text file, and runs ``graphkit ingest`` on the folder in a subprocess with
the default limits. Prints per row: the hostile file's size, wall seconds, the peak
memory of the whole process tree (proportional set size, sampled every 20 ms: the parent,
its reading workers and NER), the number of warning lines, whether the good file was committed, and
the start of the first warning. Before issue 11 the first three rows never finished and
the docx and PDF bombs took 4.4 to more than 8 GB.

The model is a ruler pipeline saved to a temporary folder (NER is not what is measured);
``--model NAME`` uses another. Asserts nothing.

    .venv/bin/python bench/hostile.py
    .venv/bin/python bench/hostile.py --only pdf-bomb docx-picture
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import hostile  # noqa: E402

GOOD = "Carol White runs Globex in Berlin.\n"
ROWS: dict[str, tuple[str, Callable[[], bytes]]] = {
    "pdf-info-loop": ("loop.pdf", hostile.info_cycle_pdf),
    "pdf-xobject-tower": ("tower.pdf", lambda: hostile.xobject_tower_pdf(30)),
    "pdf-bomb": ("bomb.pdf", lambda: hostile.stream_bomb_pdf(2 << 30)),
    "docx-picture": ("picture.docx", lambda: hostile.docx_image_bomb(4 << 30)),
    "docx-text": ("text.docx", lambda: hostile.docx_xml_bomb(4 << 30)),
    "eml-long-line": ("long.eml", lambda: hostile.long_line_eml(1_600_000)),
    "eml-control-name": ("names.eml", hostile.control_named_attachment_eml),
    "eml-5000-junk": ("junk.eml", lambda: hostile.junk_attachments_eml(5000)),
    "mbox-20000-empty": ("inbox.mbox", lambda: hostile.empty_messages_mbox(20000)),
}


class PeakMemory:
    """The largest sum of PSS over a process and its descendants, sampled in a thread.

    PSS, not RSS: forked workers share the parent's pages (the loaded model), and RSS
    would count them once per process.
    """

    def __init__(self, pid: int, interval: float = 0.02) -> None:
        self.process, self.interval, self.peak = psutil.Process(pid), interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            try:
                for proc in [self.process, *self.process.children(recursive=True)]:
                    total += proc.memory_full_info().pss
            except psutil.Error:
                pass  # a worker that exited between listing and reading
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def ruler_model(folder: Path) -> str:
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns(
        [{"label": "PERSON", "pattern": p} for p in ("Alice Smith", "Bob Jones", "Carol White")]
        + [
            {"label": "ORG", "pattern": "Globex"},
            {"label": "GPE", "pattern": "Paris"},
            {"label": "GPE", "pattern": "Berlin"},
        ]
    )
    nlp.to_disk(folder / "ruler")
    return str(folder / "ruler")


def run_row(name: str, work: Path, model: str) -> dict[str, object]:
    filename, build = ROWS[name]
    docs = work / name
    docs.mkdir()
    (docs / "good.txt").write_text(GOOD, encoding="utf-8")
    data = build()
    (docs / filename).write_bytes(data)
    db = work / f"{name}.db"
    cmd = [sys.executable, "-m", "graphkit", "ingest", str(docs), "--db", str(db), "--model", model, "--json"]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=work)
    memory = PeakMemory(proc.pid)
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    peak = memory.stop()
    warnings = [line for line in err.splitlines() if line.startswith("warning:")]
    report = json.loads(out) if proc.returncode == 0 else {}
    good = report.get("ingested", 0) >= 1 and not any("good.txt" in s["file"] for s in report.get("skipped", []))
    return {
        "row": name,
        "size": len(data),
        "seconds": seconds,
        "peak": peak,
        "warnings": len(warnings),
        "good": good and proc.returncode == 0,
        "first": (warnings[0][9:] if warnings else "(none)")[:90],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="*", choices=sorted(ROWS), help="rows to run (default: all)")
    parser.add_argument("--model", help="spaCy pipeline for NER (default: a ruler pipeline)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        model = args.model or ruler_model(work)
        print(f"load average {os.getloadavg()[0]:.1f}; default limits")
        print(f"{'row':18} {'size':>9} {'seconds':>8} {'PSS MB':>8} {'warn':>5} {'good':>5}  first warning")
        for name in args.only or ROWS:
            r = run_row(name, work, model)
            size = f"{r['size'] / 2**20:.1f} MB" if r["size"] >= 2**20 else f"{r['size'] / 1024:.1f} KB"
            print(
                f"{r['row']:18} {size:>9} {r['seconds']:8.1f} {r['peak'] / 2**20:8.0f} {r['warnings']:>5} "
                f"{'yes' if r['good'] else 'NO':>5}  {r['first']}"
            )


if __name__ == "__main__":
    main()
