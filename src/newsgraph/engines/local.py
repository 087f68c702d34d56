"""Local engine: the pipeline in this process, or in a pool of worker processes.

Each worker builds its own Pipeline once (models load once per worker) in the pool initializer;
articles travel to workers as plain Article objects and records come back as JSON-native dicts,
in input order.
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Iterable, Iterator

from ..ingest import Article, IngestError
from ..record import error_record

# One per worker process, set by the initializer. Lives only inside pool workers.
_WORKER: dict[str, Any] = {}


def _init_worker(options: dict[str, Any]) -> None:
    from ..pipeline import Pipeline

    _WORKER["pipeline"] = Pipeline(**options)


def _analyze_chunk(chunk: list[Article | IngestError]) -> list[dict[str, Any]]:
    return list(_WORKER["pipeline"].analyze_articles(chunk))


def default_workers(n_items: int | None = None) -> int:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    cores = cores or 1
    if n_items is not None and n_items < 4:
        return 1
    return cores


def run_local(items: Iterable[Article | IngestError], *, workers: int = 1, chunk_size: int = 8,
              pipeline=None, **options) -> Iterator[dict[str, Any]]:
    """Yield one record (or error record) per item, in order."""
    if workers <= 1:
        from ..pipeline import Pipeline

        pipe = pipeline or Pipeline(**options)
        yield from pipe.analyze_articles(items)
        return
    chunks = _chunks(items, chunk_size)
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                             initargs=(options,)) as pool:
        pending = []
        for chunk in chunks:
            pending.append((chunk, pool.submit(_analyze_chunk, chunk)))
            if len(pending) >= workers * 2:
                yield from _collect(pending.pop(0))
        for item in pending:
            yield from _collect(item)


def _collect(item) -> list[dict[str, Any]]:
    chunk, fut = item
    try:
        return fut.result()
    except Exception as exc:  # a crashed worker fails its chunk, not the run
        reason = f"worker failed: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
        return [error_record(getattr(a, "path", None), reason) for a in chunk]


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
