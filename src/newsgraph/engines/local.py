"""Local engine: the pipeline in this process, or in a pool of worker processes.

Each worker builds its own Pipeline once (models load once per worker) in the pool initializer;
articles travel to workers as plain Article objects and records come back as JSON-native dicts,
in input order.

Faults:
- Workers are started with the `spawn` method: a fresh interpreter that inherits nothing from the
  parent but its arguments, so a database connection the parent holds (a knowledge-base ingest)
  never crosses into a worker, where it would outlive the parent and keep its transaction (and the
  writer lock) open.
- Workers die with the parent: on Linux the kernel sends them SIGKILL when the parent exits, even
  by kill -9 (prctl PR_SET_PDEATHSIG); elsewhere a watchdog thread in each worker exits when its
  parent is gone.
- A worker that dies mid-chunk (out of memory, a crash in native code) breaks the pool: a new pool
  is started, the chunks in flight are sent again, and the chunk that was being read when it broke
  is analysed one article at a time, so only an article that kills a worker by itself fails
  ("worker process died"); every other article still gets its record.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Iterable, Iterator

from ..ingest import Article, IngestError
from ..record import error_record

# One per worker process, set by the initializer. Lives only inside pool workers.
_WORKER: dict[str, Any] = {}

WORKER_DIED = ("worker process died while analysing this article (out of memory, or a crash in "
               "a native library)")


def _die_with_parent(parent_pid: int) -> None:
    """Make this process exit when `parent_pid` does (it must be our parent now)."""
    if sys.platform.startswith("linux"):
        import ctypes

        pr_set_pdeathsig = 1
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    else:
        def watch() -> None:
            while os.getppid() == parent_pid:
                time.sleep(1.0)
            os._exit(1)

        threading.Thread(target=watch, name="newsgraph-parent-watch", daemon=True).start()
    if os.getppid() != parent_pid:     # the parent died before the signal was armed
        os._exit(1)


def _init_worker(options: dict[str, Any], parent_pid: int) -> None:
    _die_with_parent(parent_pid)
    # Ctrl-C reaches the whole process group: the parent decides what happens, not the workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
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
    pool = _Pool(workers, options)
    try:
        pending: deque[tuple[list, Future]] = deque()
        for chunk in _chunks(items, chunk_size):
            pending.append((chunk, pool.submit(chunk)))
            if len(pending) >= workers * 2:
                yield from pool.collect(pending)
        while pending:
            yield from pool.collect(pending)
    except BaseException:
        # Ctrl-C, SIGTERM, a consumer that stopped reading: the work in flight is not wanted
        pool.kill()
        raise
    pool.shutdown()


class PooledPipeline:
    """A pool of worker processes kept across calls, for a long-lived process that analyses a
    few articles at a time (`newsgraph watch --workers N`): models load once per worker, not
    once per call. `analyze_articles(items)` yields records in order, as run_local does."""

    def __init__(self, workers: int, *, chunk_size: int = 1, **options) -> None:
        self.workers = workers
        self.chunk_size = chunk_size
        self.options = options
        self._pool: _Pool | None = None

    def analyze_articles(self, items: Iterable[Article | IngestError]) -> Iterator[dict[str, Any]]:
        if self._pool is None:
            self._pool = _Pool(self.workers, self.options)
        pool = self._pool
        try:
            pending: deque[tuple[list, Future]] = deque()
            for chunk in _chunks(items, self.chunk_size):
                pending.append((chunk, pool.submit(chunk)))
            while pending:
                yield from pool.collect(pending)
        except BaseException:
            pool.kill()
            self._pool = None
            raise

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown()
            self._pool = None


class _Pool:
    """A process pool that is started again when a worker dies (see the module docstring)."""

    def __init__(self, workers: int, options: dict[str, Any]) -> None:
        self.workers = workers
        self.options = options
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=self.workers,
                                   mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(self.options, os.getpid()))

    def submit(self, chunk: list) -> Future:
        return self.executor.submit(_analyze_chunk, chunk)

    def _fresh(self) -> None:
        """Replace a broken pool with a new one (nothing in flight)."""
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def collect(self, pending: deque[tuple[list, Future]]) -> list[dict[str, Any]]:
        """The records of the first chunk in `pending` (removed from it)."""
        chunk, fut = pending.popleft()
        try:
            return fut.result()
        except BrokenProcessPool:
            # A worker died, and every chunk in flight with it. This chunk goes again one
            # article at a time, alone in a new pool, so a death there is that article's; then
            # the other unfinished chunks are sent again.
            self._fresh()
            records = [self._one(item) for item in chunk]
            for n, (other, other_fut) in enumerate(pending):
                if other_fut.cancelled() or (other_fut.done() and other_fut.exception() is not None):
                    pending[n] = (other, self.submit(other))
            return records
        except Exception as exc:  # a chunk that cannot be analysed fails, not the run
            reason = f"worker failed: {_first_line(exc)}"
            return [error_record(getattr(a, "path", None), reason) for a in chunk]

    def _one(self, item: Article | IngestError) -> dict[str, Any]:
        """One article alone in the pool: if it kills its worker, it alone fails."""
        try:
            return self.submit([item]).result()[0]
        except BrokenProcessPool:
            self._fresh()
            return error_record(getattr(item, "path", None), WORKER_DIED)
        except Exception as exc:
            return error_record(getattr(item, "path", None), f"worker failed: {_first_line(exc)}")

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)

    def kill(self) -> None:
        """Stop now: the workers are killed, not waited for."""
        for proc in list((getattr(self.executor, "_processes", None) or {}).values()):
            proc.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)


def _first_line(exc: BaseException) -> str:
    return str(exc).splitlines()[0] if str(exc).strip() else type(exc).__name__


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk: list = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk
