"""Benchmark: what reading real files costs, against the default limits (issue 11).

Reads every file under the folders given, each in a forked process with no limit in
force, and prints per file: seconds, seconds per MB, the memory the reading took
(the child's peak RSS less what it started with), and the work the caps count: bytes
unpacked from compressed streams and zip members, PDF object lookups, XObject depth
and draws, pages. The last lines give the largest of each column and the default
limit beside it, with the headroom (default / largest), and the smallest ratio of a
file's deadline (``seconds + seconds_per_mb * size``) to the time it took. The defaults in
``graphkit/formats/limits.py`` were chosen from this table: each at least ten times
the most any real file needed, so a real file is never skipped, while a hostile one
is stopped within seconds and a few hundred megabytes (``bench/hostile.py``).

The held-out mailboxes (``haedicke-m``, ``derrick-j``) are left out. Asserts nothing.

    .venv/bin/python bench/limits.py ../shared/corpora/pdf ../shared/corpora/enron /work/extra/pdf
"""

from __future__ import annotations

import argparse
import os
import pickle
import resource
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from graphkit.corpus import Skipped, find_files  # noqa: E402
from graphkit.formats import choose_format, limits, real_suffix  # noqa: E402
from graphkit.reading import deadline  # noqa: E402

HELD_OUT = ("haedicke-m", "derrick-j", "Session 76 - 2021", "heldout")
COLUMNS = ("seconds", "s/MB", "memory MB", "unpacked MB", "objects", "depth", "draws", "pages")


def measure(path: Path) -> dict[str, float]:
    """Read ``path`` in a forked child with no limits; what it cost."""
    read_end, write_end = os.pipe()
    start_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        os.write(write_end, pickle.dumps(_read(path)))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as fh:
        found = pickle.loads(fh.read())
    _, _, usage = os.wait4(pid, 0)
    found["memory MB"] = max(0, usage.ru_maxrss - start_rss) / 1024
    return found


def _read(path: Path) -> dict[str, float]:
    """In the child: read with an unlimited budget that records every charge, nested readers included."""
    totals: Counter[str] = Counter()
    depth = [0]
    charge, nested = limits.Budget.charge, limits.Budget.nested

    def counting_charge(self: limits.Budget, name: str, amount: int = 1) -> None:
        totals[name] += amount
        charge(self, name, amount)

    def counting_nested(self: limits.Budget):
        depth[0] = max(depth[0], self.depth + 1)
        return nested(self)

    limits.Budget.charge, limits.Budget.nested = counting_charge, counting_nested  # type: ignore[method-assign]
    data = path.read_bytes()
    fmt = choose_format(real_suffix(path.name), data[:8192])
    started = time.perf_counter()
    error = ""
    with limits.use_overrides(dict.fromkeys(limits.LIMIT_NAMES)):
        try:
            if fmt is not None:
                fmt.read(data)
        except Exception as exc:  # read_parts turns this into a skipped file; here it is only noted
            error = f"{type(exc).__name__}: {exc}"
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "s/MB": seconds / max(len(data) / (1 << 20), 1e-3),
        "unpacked MB": totals["unpacked_mb"] / (1 << 20),
        "objects": totals["objects"],
        "depth": depth[0],
        "draws": totals["draws"],
        "pages": totals["pages"],
        "error": error,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--quiet", action="store_true", help="only the summary lines")
    args = parser.parse_args()
    files = [f for f in find_files(args.folders) if not isinstance(f, Skipped)]
    files = [(p, name) for p, name in files if not any(h in str(p) for h in HELD_OUT)]
    print(f"{'file':60} " + " ".join(f"{c:>11}" for c in COLUMNS))
    largest: dict[str, tuple[float, str]] = {c: (0.0, "") for c in COLUMNS}
    deadlines: list[tuple[float, str]] = []
    for path, name in files:
        row = measure(path)
        allowed = deadline(path.stat().st_size, {})
        if allowed is not None:
            deadlines.append((allowed / max(row["seconds"], 1e-3), name))
        for c in COLUMNS:
            if row[c] > largest[c][0]:
                largest[c] = (row[c], name)
        if not args.quiet:
            print(f"{name[-60:]:60} " + " ".join(_cell(row[c]) for c in COLUMNS))
        if row["error"]:
            print(f"  {name}: the reader failed ({row['error'][:100]})")
    defaults = limits.DEFAULT_LIMITS
    default_of = {
        "seconds": defaults.seconds,
        "s/MB": defaults.seconds_per_mb,
        "memory MB": defaults.memory_mb,
        "unpacked MB": defaults.unpacked_mb,
        "objects": defaults.objects,
        "depth": defaults.xobject_depth,
        "draws": defaults.draws,
        "pages": defaults.pages,
    }
    print(f"\n{len(files)} files; load average {os.getloadavg()[0]:.1f}")
    tightest = min(deadlines, default=(0.0, ""))
    print(
        f"the deadline (seconds + seconds_per_mb * size) is at least {tightest[0]:.1f}x the time taken ({tightest[1]})"
    )
    print(f"{'largest':60} " + " ".join(_cell(largest[c][0]) for c in COLUMNS))
    print(f"{'default limit':60} " + " ".join(_cell(default_of[c] or 0) for c in COLUMNS))
    print(
        f"{'headroom (default / largest)':60} "
        + " ".join(
            f"{(default_of[c] or 0) / largest[c][0]:>10.0f}x" if largest[c][0] else f"{'-':>11}" for c in COLUMNS
        )
    )
    for c in COLUMNS:
        print(f"  largest {c}: {largest[c][1]}")


def _cell(value: float) -> str:
    return f"{value:>11,.0f}" if value >= 100 else f"{value:>11.2f}"


if __name__ == "__main__":
    main()
