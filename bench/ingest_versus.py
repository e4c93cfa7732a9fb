"""Benchmark: this checkout's ``graphkit ingest`` against another checkout's, in the same run (issue 14).

Runs ``python -m graphkit ingest FOLDER --db NEW.db`` with each checkout's own ``.venv``,
alternating (A B A B ...) so that both meet the same machine load, into fresh databases,
and prints wall-clock and CPU seconds (user + system of the whole process tree) per run,
their medians, and the ratio this/other. Asserts nothing.

    .venv/bin/python bench/ingest_versus.py "../shared/corpora/ungdc/Session 78 - 2023" --other /work/main --rounds 2
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_once(code: Path, folder: Path, workers: int, tmp: Path) -> tuple[float, float]:
    db = tmp / f"{code.name}-{time.monotonic_ns()}.db"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [
            str(code / ".venv" / "bin" / "python"),
            "-m",
            "graphkit",
            "ingest",
            str(folder),
            "--db",
            str(db),
            "--workers",
            str(workers),
            "--json",
        ],
        cwd=code,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--other", type=Path, required=True, help="the checkout to compare with (e.g. /work/main)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    times: dict[str, list[tuple[float, float]]] = {"this": [], "other": []}
    with tempfile.TemporaryDirectory() as tmp:
        for r in range(args.rounds):
            for name, code in (
                (("other", args.other.resolve()), ("this", ROOT))
                if r % 2 == 0
                else (("this", ROOT), ("other", args.other.resolve()))
            ):
                wall, cpu = run_once(code, args.folder, args.workers, Path(tmp))
                times[name].append((wall, cpu))
                print(f"round {r + 1} {name:<5} wall {wall:7.1f} s  cpu {cpu:7.1f} s", flush=True)
    med = {n: (statistics.median(w for w, _ in t), statistics.median(c for _, c in t)) for n, t in times.items()}
    print(
        f"median wall: this {med['this'][0]:.1f} s, other {med['other'][0]:.1f} s, ratio {med['this'][0] / med['other'][0]:.3f}"
    )
    print(
        f"median cpu:  this {med['this'][1]:.1f} s, other {med['other'][1]:.1f} s, ratio {med['this'][1] / med['other'][1]:.3f}"
    )
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
