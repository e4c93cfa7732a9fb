"""Scale-out: NER on a Dask distributed cluster, everything else on this machine (issue 5).

``graphkit ingest --scheduler tcp://HOST:PORT`` is the ordinary ingest (:func:`graphkit.ingest.ingest`:
the same walk, unchanged-file check, reading, classification and one transaction per
file) with one stage swapped: paragraphs go to the cluster in partitions of about
:data:`PARTITION_CHARS` characters, each worker process loads the model once, and only
the cleaned mentions come back. ``--scheduler local`` starts a ``LocalCluster`` here.

The client keeps the SQLite store and writes it, rather than having workers write
Parquet for a later load. Measured on 400 UN speeches, everything the client does
(reading, classifying, mention keys, SQLite writes, entity resolution) costs about 3%
of the model's CPU time, and the SQLite writes alone 0.7%: one client keeps some 30
worker processes busy, and Parquet would save only that 0.7% while adding a load step
(the graph and every query read SQLite) and a dependency (pyarrow).

Workers need graphkit and the model installed (``pip install 'graphkit[scale]'`` and
the model's package); ``--model PATH`` must name a path that exists on every worker.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from .errors import GraphkitError, Setting
from .extract import Found, chunked, load_model, mentions_of, model_name
from .ingest import IngestReport, ingest

if TYPE_CHECKING:
    from spacy.language import Language

    from .store import Store

__all__ = ["SCALE_HINT", "PARTITION_CHARS", "ingest_distributed", "extract_partition"]

SCALE_HINT = "pip install 'graphkit[scale]'"
# About two seconds of NER per task: long enough that Dask's per-task cost (a few ms)
# vanishes, short enough that the last partitions finish close together.
PARTITION_CHARS = 100_000
CONNECT_TIMEOUT = "10s"


def ingest_distributed(
    store: Store,
    paths: Sequence[str | os.PathLike[str]],
    *,
    scheduler: str,
    model: str | None = None,
    workers: int | None = None,
    batch_size: int = 256,
    progress: Callable[[int, int], None] | None = None,
    warn: Callable[[str], None] | None = None,
    **reading: Any,
) -> IngestReport:
    """Ingest like :func:`graphkit.ingest.ingest`, with NER on a Dask cluster; files are read here.

    ``reading`` passes ``limits`` and ``warnings_per_file`` on to :func:`graphkit.ingest.ingest`.

    ``scheduler`` is a scheduler address (``tcp://HOST:PORT``) or ``local`` for a
    ``LocalCluster`` of ``workers`` processes (default: one per core) on loopback. The
    cluster is reached only when some file changed. Raises :class:`GraphkitError` when
    Dask is not installed or the scheduler cannot be reached.
    """
    _require_dask()
    extractor = _DaskExtractor(scheduler, model_name(model), workers, batch_size)
    return ingest(
        store, paths, model=model, batch_size=batch_size, progress=progress, warn=warn, extractor=extractor, **reading
    )


def _require_dask() -> None:
    try:
        import distributed  # noqa: F401
    except ImportError as exc:
        raise GraphkitError(Setting("scheduler"), f" needs Dask, which is not installed: {SCALE_HINT}") from exc


class _DaskExtractor:
    """An :data:`graphkit.ingest.Extractor` that runs the model on a Dask cluster."""

    def __init__(self, scheduler: str, model: str, workers: int | None, batch_size: int) -> None:
        self.scheduler, self.model, self.workers, self.batch_size = scheduler, model, workers, batch_size

    def __call__(self, items: Iterable[tuple[str, Any]]) -> Iterator[tuple[Any, Found]]:
        client, cluster = self._connect()
        try:
            _warm_up(client, self.model)
            yield from self._extract(client, items)
        finally:
            client.close()
            if cluster is not None:
                cluster.close()

    def _connect(self) -> tuple[Any, Any]:
        from distributed import Client, LocalCluster

        if self.scheduler == "local":
            cluster = LocalCluster(
                n_workers=self.workers or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            return Client(cluster), cluster
        try:
            return Client(self.scheduler, timeout=CONNECT_TIMEOUT), None
        except (OSError, ValueError, TypeError) as exc:
            raise GraphkitError(
                Setting("scheduler", self.scheduler), f": cannot reach a Dask scheduler there ({exc})"
            ) from exc

    def _extract(self, client: Any, items: Iterable[tuple[str, Any]]) -> Iterator[tuple[Any, Found]]:
        # Results come back in order (ingest writes a file once its last paragraph is
        # back); a window of partitions per worker thread keeps every worker busy
        # without reading the whole corpus ahead of them.
        threads = sum(client.nthreads().values()) or 1
        window: deque = deque()
        for keys, texts in chunked(items, size=max(self.batch_size, 1) * 8, chars=PARTITION_CHARS):
            window.append((keys, client.submit(extract_partition, texts, self.model, self.batch_size, pure=False)))
            if len(window) > 3 * threads:
                yield from _collect(*window.popleft())
        while window:
            yield from _collect(*window.popleft())


def _collect(keys: list[Any], future: Any) -> Iterator[tuple[Any, Found]]:
    # Dask already retries a partition whose worker died; what still fails here (every
    # worker gone, a worker without graphkit) ends the run with the files so far kept.
    try:
        mentions = future.result()
    except GraphkitError:
        raise
    except Exception as exc:
        raise GraphkitError(
            f"NER failed on the Dask cluster ({type(exc).__name__}: {exc}); the files written so far are kept, "
            "run the same command again to finish"
        ) from exc
    return zip(keys, mentions)


def _warm_up(client: Any, model: str) -> None:
    """Load the model on every worker now: in parallel, and a missing model fails at once."""
    try:
        client.run(_worker_model, model, wait=True)
    except GraphkitError:
        raise
    except Exception as exc:  # a worker's own error, e.g. graphkit not installed there
        raise GraphkitError(f"a Dask worker could not load the model {model!r}: {exc}") from exc


# -- on the workers -----------------------------------------------------------------
_MODELS: dict[str, Language] = {}
_LOCK = threading.Lock()


def _worker_model(name: str) -> None:
    with _LOCK:
        if name not in _MODELS:
            _MODELS[name] = load_model(name)


def extract_partition(texts: list[str], model: str, batch_size: int) -> list[Found]:
    """A worker's task: the mentions and DATE spans of each paragraph, with the model loaded once per process.

    One pipeline is not shared by two threads at a time (spaCy does not promise that is
    safe); run workers with ``--nthreads 1`` and as many processes as cores.
    """
    _worker_model(model)
    with _LOCK:
        return mentions_of(_MODELS[model], texts, batch_size=batch_size)
