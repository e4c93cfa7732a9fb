"""Files to documents in worker processes, each file within its time and memory (issue 11).

Reading is the stage that runs libraries over hostile bytes, so it runs apart from the
rest of an ingest: each file is read by :func:`graphkit.corpus.read_documents` in a
forked worker process, and

- a worker's address space may grow by ``memory_mb`` beyond what it started with
  (``RLIMIT_AS``): an allocation past that raises ``MemoryError`` (the file is skipped
  and the worker replaced) or ends the worker (the file is skipped);
- a file must be read within ``seconds + seconds_per_mb * its size``, or for as long
  as its pages keep coming, each within ``seconds`` of the last (a text-dense PDF has
  hundreds of pages a megabyte): past that, the worker is killed and replaced, and only
  that file is skipped;
- the caps on work (:mod:`graphkit.formats.limits`) stop most hostile files well before
  either, with a warning that says which cap.

Several workers read at once (PDF reading takes every core, like NER), a few files ahead
of the consumer, and the documents come back in the order the files were given. Where
processes cannot be forked (Windows), files are read in this process under the caps on
work only.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import signal
import time
from collections.abc import Generator, Iterable, Iterator, Mapping
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

from .corpus import Document, Skipped, read_documents
from .formats.limits import (
    LimitExceeded,
    on_progress,
    out_of_memory,
    overrides_from_env,
    reading_limits,
    set_memory_ceiling,
    use_overrides,
)
from .formats.notices import drain, say_once

__all__ = ["read_files", "deadline"]

Task = tuple[Path, str, int]  # a file, its display name and its size in bytes
Result = list[Document | Skipped]
_MB = 1 << 20
_POLL = 1.0  # how often an idle worker checks that its parent is still alive, in seconds


def read_files(
    files: Iterable[Task], *, processes: int = 1, overrides: Mapping[str, float | None] | None = None
) -> Generator[Result, None, None]:
    """What :func:`read_documents` returns for each file, in order, each read within its limits.

    ``overrides`` replace the default limits (``None`` for a limit lifts it); by default
    they come from the ``GRAPHKIT_LIMIT_*`` environment variables.
    """
    chosen = dict(overrides_from_env() if overrides is None else overrides)
    if "fork" not in multiprocessing.get_all_start_methods():
        with use_overrides(chosen):
            yield from (read_documents(path, name) for path, name, _ in files)
        return
    pool = _Pool(max(1, processes), chosen)
    try:
        yield from pool.map(files)
    finally:
        pool.close()


def deadline(size: int, overrides: Mapping[str, float | None]) -> float | None:
    """Seconds a file of ``size`` bytes may take to read; None for no limit.

    >>> deadline(3 << 20, {"seconds": 10, "seconds_per_mb": 2})
    16.0
    """
    limits = reading_limits(overrides)
    if limits.seconds is None and limits.seconds_per_mb is None:
        return None
    return (limits.seconds or 0) + (limits.seconds_per_mb or 0) * size / _MB


class _Worker:
    """One forked reader process and the file it is reading."""

    def __init__(self, overrides: Mapping[str, float | None]) -> None:
        context = multiprocessing.get_context("fork")
        self.conn, child = context.Pipe()
        self.page = context.RawValue("d", 0.0)  # when the worker last finished a page (time.monotonic)
        args = (child, dict(overrides), os.getpid(), self.page)
        self.process = context.Process(target=_serve, args=args, daemon=True)
        self.process.start()
        child.close()
        self.gap = reading_limits(overrides).seconds
        self.index = -1
        self.task: Task | None = None
        self.started = self.due = math.inf

    def give(self, index: int, task: Task, seconds: float | None) -> None:
        self.index, self.task = index, task
        self.started = time.monotonic()
        self.due = math.inf if seconds is None else self.started + seconds
        self.conn.send(task[:2])

    @property
    def extended(self) -> bool:
        """Whether pages came late enough to move the deadline."""
        return self.gap is not None and self.page.value > self.started and self.page.value + self.gap > self.due

    def deadline(self) -> float:
        """When the file must be read by: its own deadline, or ``seconds`` after its last page."""
        return self.page.value + self.gap if self.extended and self.gap is not None else self.due

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


class _Pool:
    def __init__(self, processes: int, overrides: Mapping[str, float | None]) -> None:
        self.overrides = overrides
        self.size = processes
        self.workers: list[_Worker] = []

    def map(self, files: Iterable[Task]) -> Iterator[Result]:
        queue = enumerate(files)
        done: dict[int, Result] = {}
        handed = given_out = 0
        exhausted = False
        while True:
            while not exhausted and handed - given_out < 2 * self.size:  # read ahead, but not far
                worker = self._idle()
                if worker is None:
                    break
                item = next(queue, None)
                if item is None:
                    exhausted = True
                    break
                index, task = item
                worker.give(index, task, deadline(task[2], self.overrides))
                handed += 1
            if given_out in done:
                yield done.pop(given_out)
                given_out += 1
            elif exhausted and given_out == handed:
                return
            else:
                self._collect(done)

    def _idle(self) -> _Worker | None:
        idle = next((w for w in self.workers if w.task is None), None)
        if idle is None and len(self.workers) < self.size:
            idle = _Worker(self.overrides)
            self.workers.append(idle)
        return idle

    def _collect(self, done: dict[int, Result]) -> None:
        """Wait for a result, or for a deadline to pass; a worker that fails is replaced."""
        busy = [w for w in self.workers if w.task is not None]
        timeout = max(0.0, min(w.deadline() for w in busy) - time.monotonic())
        ready = wait([w.conn for w in busy], timeout=None if timeout == math.inf else timeout)
        for worker in busy:
            task = worker.task
            assert task is not None
            if worker.conn in ready or worker.conn.poll():
                done[worker.index] = self._receive(worker, task[0])
            elif time.monotonic() >= worker.deadline():
                done[worker.index] = [Skipped(task[0], self._too_slow(worker, task))]
                self._replace(worker)

    def _receive(self, worker: _Worker, path: Path) -> Result:
        try:
            result, notices, retire = worker.conn.recv()
        except (EOFError, OSError):
            result, notices, retire = [Skipped(path, self._died(worker))], [], True
        for line in notices:
            say_once(line)  # the reader's once-per-run notices, said by this process (issue 12)
        if retire:
            self._replace(worker)
        else:
            worker.task, worker.due = None, math.inf
        return result

    def _replace(self, worker: _Worker) -> None:
        worker.stop()
        self.workers.remove(worker)

    def _too_slow(self, worker: _Worker, task: Task) -> str:
        limits = reading_limits(self.overrides)
        if worker.extended and limits.seconds is not None:
            elapsed = time.monotonic() - worker.started
            what = f"reading stopped making progress: no page for {limits.seconds:g} s, after {elapsed:,.0f} s"
            return str(LimitExceeded("seconds", limits.seconds, what=what))
        seconds = deadline(task[2], self.overrides) or 0
        what = f"reading took longer than {seconds:,.0f} s"
        if limits.seconds_per_mb:
            what += f" ({limits.seconds or 0:g} s + {limits.seconds_per_mb:g} s per MB of its {task[2] / _MB:.1f} MB)"
        name = "seconds_per_mb" if task[2] / _MB * (limits.seconds_per_mb or 0) > (limits.seconds or 0) else "seconds"
        return str(LimitExceeded(name, getattr(limits, name), what=what))

    def _died(self, worker: _Worker) -> str:
        worker.process.join()
        code = worker.process.exitcode or 0
        how = f"signal {signal.Signals(-code).name}" if code < 0 else f"exit status {code}"
        ceiling = reading_limits(self.overrides).memory_mb
        if ceiling is None:
            return f"the reading process died ({how})"
        what = f"the reading process died ({how}), most likely past its {ceiling:,} MB of memory"
        return str(LimitExceeded("memory_mb", ceiling, what=what))

    def close(self) -> None:
        for worker in self.workers:
            if worker.task is None and worker.process.is_alive():
                try:
                    worker.conn.send(None)  # a clean exit
                except OSError:
                    pass
        for worker in self.workers:
            if worker.task is not None:
                worker.process.kill()
            worker.process.join(timeout=5)
            worker.stop()
        self.workers.clear()


# -- in the worker ----------------------------------------------------------------------------------
def _serve(conn: Connection, overrides: dict[str, float | None], parent: int, page: Any) -> None:
    """Read the files the parent sends, one at a time, until it sends None or goes away."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle; it stops the workers
    ceiling = reading_limits(overrides).memory_mb
    if ceiling is not None:
        _limit_memory(ceiling)
    on_progress(lambda: setattr(page, "value", time.monotonic()))
    with use_overrides(overrides):
        while True:
            while not conn.poll(_POLL):
                if os.getppid() != parent:
                    return
            try:
                task = conn.recv()
            except EOFError:
                return
            if task is None:
                return
            conn.send(_read(*task))


def _read(path: Path, name: str) -> tuple[Result, list[str], bool]:
    """The documents of one file, the readers' notices, and whether this worker should retire (it ran out of memory)."""
    try:
        result = read_documents(path, name)
    except MemoryError:
        return [Skipped(path, out_of_memory())], drain(), True
    return result, drain(), any(isinstance(r, Skipped) and r.reason == out_of_memory() for r in result)


def _limit_memory(megabytes: int) -> None:
    """Let this process's address space grow by ``megabytes`` at most (where the system can say how big it is)."""
    import resource

    try:
        with open("/proc/self/statm") as fh:
            size = int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return  # no /proc (macOS): no ceiling, the deadline still holds
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    want = size + megabytes * _MB
    if hard != resource.RLIM_INFINITY:
        want = min(want, hard)
    resource.setrlimit(resource.RLIMIT_AS, (want, hard))
    set_memory_ceiling(megabytes)
