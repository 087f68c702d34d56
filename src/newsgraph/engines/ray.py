"""Ray engine: the pipeline over many articles on Ray Data, on one machine or a cluster.

    for rec in run_ray(Reader().read(paths), workers=4): ...          # records, in input order
    write_shards(Reader().read(paths), "out/")                         # Parquet shards
    load_shards("out/", store)                                         # shards -> knowledge base
    ingest(store, paths, workers=1, pipeline=RayPipeline(workers=4))  # kb ingest on Ray

How it runs. The driver reads the inputs with newsgraph.ingest.Reader (so every engine sees the
same Articles and IngestErrors: files need only be readable where the command runs, not on every
node). Each item travels as one JSON string with its position (`idx`); Ray Data splits them into
blocks and `map_batches` hands them to a fixed pool of actors. An actor is an `_Analyzer`: its
__init__ builds one newsgraph Pipeline, so the models load once per actor, and each call turns a
batch into records with the same code path as the local engine (Pipeline.analyze_articles).
Records come back as JSON strings (lossless: records are JSON-native by design) next to plain
`idx`, `id`, `path` and `error` columns, in one fixed Arrow schema.

Faults. The actor pool runs with max_restarts=-1 and a bounded max_task_retries: if an actor's
process dies mid-batch (out of memory, a crash in a native library, a node lost), Ray starts a new
actor (which rebuilds its Pipeline) and re-runs the batch there; the batch's output is only ever
taken from a run that finished, so every article comes out once. run_ray also checks, on the
driver, that each position arrives exactly once. Storing by record id makes loading shards twice
harmless too.

Ray is an optional extra (pip install newsgraph[ray]); it is imported only when this engine runs.
"""
from __future__ import annotations

import contextlib
import heapq
import json
import logging
import os
import sys
import warnings
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator

from .. import record as rec_mod
from ..cli import UsageError
from ..ingest import Article, IngestError

INSTALL_HINT = "the Ray engine needs Ray: pip install newsgraph[ray]"
# Per batch handed to an actor: large enough to amortise a call, small enough to balance load.
DEFAULT_BATCH_SIZE = 8
# Retries of one batch whose actor died; after that the run fails loudly rather than loop
# forever on an input that kills every process it touches.
MAX_TASK_RETRIES = 3
OUTPUT_COLUMNS = ("idx", "id", "path", "error", "record")


class RayUnavailable(UsageError):
    """Ray (or pyarrow) is not installed: the CLI prints it as one line."""


def _import_ray():
    try:
        import pyarrow  # noqa: F401
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise RayUnavailable(INSTALL_HINT) from exc
    return ray


# -- items <-> JSON ------------------------------------------------------------------------------
def encode_item(item: Article | IngestError) -> str:
    """An Article or IngestError as one JSON string (dates as ISO strings)."""
    if isinstance(item, IngestError):
        return json.dumps({"kind": "error", "path": item.path, "reason": item.reason},
                          ensure_ascii=False)
    fields = dict(vars(item))
    if fields.get("published") is not None:
        fields["published"] = fields["published"].isoformat()
    return json.dumps({"kind": "article", **fields}, ensure_ascii=False)


def decode_item(text: str) -> Article | IngestError:
    data = json.loads(text)
    kind = data.pop("kind")
    if kind == "error":
        return IngestError(data["path"], data["reason"])
    if data.get("published"):
        data["published"] = date.fromisoformat(data["published"])
    return Article(**data)


def _output_schema():
    import pyarrow as pa

    return pa.schema([("idx", pa.int64()), ("id", pa.string()), ("path", pa.string()),
                      ("error", pa.string()), ("record", pa.string())])


# -- the actor -----------------------------------------------------------------------------------
class _Analyzer:
    """One per Ray actor: builds the Pipeline once, then analyses batches of encoded items."""

    def __init__(self, options: dict[str, Any], crash_marker: str | None = None) -> None:
        from ..pipeline import Pipeline

        self.pipeline = Pipeline(**options)
        # Testing hook for fault tolerance: when this file exists, the first batch that sees it
        # deletes it and kills the actor's process mid-batch (as an OOM kill would).
        self.crash_marker = crash_marker

    def __call__(self, batch):
        import pyarrow as pa

        idxs = batch.column("idx").to_pylist()
        items = [decode_item(t) for t in batch.column("item").to_pylist()]
        out = {name: [] for name in OUTPUT_COLUMNS}
        for idx, rec in zip(idxs, self.pipeline.analyze_articles(items), strict=True):
            if out["idx"] and self.crash_marker and _claim(self.crash_marker):
                os._exit(17)            # mid-batch: some of its records are already made
            out["idx"].append(idx)
            out["id"].append(rec.get("id"))
            out["path"].append(rec.get("path"))
            out["error"].append(rec.get("error"))
            out["record"].append(rec_mod.dumps(rec))
        return pa.table(out, schema=_output_schema())


def _claim(marker: str) -> bool:
    try:
        os.remove(marker)
        return True
    except FileNotFoundError:
        return False


# -- Ray session ---------------------------------------------------------------------------------
# Ray reads this at import: "0" makes a local Ray use 127.0.0.1 only (see _Session.__enter__).
LOCAL_ONLY_ENV = "RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER"


class _Session:
    """Join the cluster at `address` (or RAY_ADDRESS), start Ray locally, or reuse a running one.
    Shuts down on exit only what it started."""

    def __init__(self, address: str | None, workers: int | None,
                 object_store_memory: int | None) -> None:
        self.address = address
        self.workers = workers
        self.object_store_memory = object_store_memory
        self.started = False

    def __enter__(self):
        if not (self.address or os.environ.get("RAY_ADDRESS")):
            # A local Ray stays on loopback: with "cluster mode" off, Ray binds and connects on
            # 127.0.0.1 instead of the machine's network address. Read by Ray at import and
            # inherited by its processes, so it is set before the import; an explicit value wins.
            os.environ.setdefault(LOCAL_ONLY_ENV, "0")
        ray = _import_ray()
        if ray.is_initialized():
            return ray
        _quiet_logs()
        kwargs: dict[str, Any] = dict(include_dashboard=False, logging_level=logging.ERROR,
                                      log_to_driver=False, configure_logging=True)
        address = self.address or os.environ.get("RAY_ADDRESS")
        with _stderr_quiet():
            if address:
                ray.init(address=address, **kwargs)
            else:
                cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
                ray.init(num_cpus=max(self.workers or 0, cores or os.cpu_count() or 1),
                         object_store_memory=self.object_store_memory, **kwargs)
        self.started = True
        return ray

    def __exit__(self, *exc) -> None:
        if self.started:
            import ray

            ray.shutdown()


def _quiet_logs() -> None:
    """Ray's chatter (token set-up, progress-bar notices, C++ warnings) off the CLI's stderr;
    Python-level errors still raise. An explicit RAY_BACKEND_LOG_LEVEL in the environment wins
    (e.g. RAY_BACKEND_LOG_LEVEL=info to debug a cluster)."""
    os.environ.setdefault("RAY_BACKEND_LOG_LEVEL", "fatal")
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)


@contextlib.contextmanager
def _stderr_quiet():
    """While Ray starts, its C++ core writes a line or two straight to file descriptor 2 (the
    log level it chose, ...): send those to /dev/null unless newsgraph runs with --verbose.
    Failures still surface as Python exceptions, raised after stderr is restored."""
    if logging.getLogger().isEnabledFor(logging.DEBUG):
        yield
        return
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def _cluster_cpus(ray) -> int:
    return max(1, int(ray.cluster_resources().get("CPU", 1)))


def _quiet_data_context():
    import ray.data

    ctx = ray.data.DataContext.get_current()
    ctx.execution_options.preserve_order = True
    ctx.enable_progress_bars = False
    for attr in ("print_on_execution_start", "enable_operator_progress_bars"):
        if hasattr(ctx, attr):
            setattr(ctx, attr, False)
    return ctx


def _dataset(ray, items: Iterable[Article | IngestError], *, workers: int, batch_size: int,
             options: dict[str, Any], crash_marker: str | None):
    rows = [{"idx": n, "item": encode_item(item)} for n, item in enumerate(items)]
    if not rows:
        return None, 0
    _quiet_data_context()
    # One block per batch: enough blocks to keep every actor busy.
    blocks = max(1, min(len(rows), -(-len(rows) // batch_size)))
    ds = ray.data.from_items(rows, override_num_blocks=blocks)
    with warnings.catch_warnings():
        # max_restarts / max_task_retries are still passed as "ray_remote_args" in Ray 2.60
        # (deprecated there, removed in 2.64; the extra pins 2.60): silence that notice.
        warnings.simplefilter("ignore")
        ds = ds.map_batches(
            _Analyzer, batch_size=batch_size, batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=min(workers, blocks)),
            fn_constructor_kwargs={"options": options, "crash_marker": crash_marker},
            num_cpus=1, max_restarts=-1, max_task_retries=MAX_TASK_RETRIES,
            udf_modifying_row_count=False)
    return ds, len(rows)


# -- public API ----------------------------------------------------------------------------------
def run_ray(items: Iterable[Article | IngestError], *, address: str | None = None,
            workers: int | None = None, batch_size: int = DEFAULT_BATCH_SIZE,
            object_store_memory: int | None = None, crash_marker: str | None = None,
            **pipeline_options) -> Iterator[dict[str, Any]]:
    """Yield one record (or error record) per item, in input order, analysed on Ray.

    address: a Ray cluster ("ray://host:10001" or "host:6379"); default RAY_ADDRESS, else an
    already initialised Ray, else Ray started here. workers: actors (default: the cluster's
    CPUs). pipeline_options go to each actor's Pipeline (language=, published=).
    """
    ray = _import_ray()  # fail before reading anything when Ray is missing
    with _Session(address, workers, object_store_memory) as ray:
        n_workers = workers or _cluster_cpus(ray)
        ds, total = _dataset(ray, items, workers=n_workers, batch_size=batch_size,
                             options=pipeline_options, crash_marker=crash_marker)
        if ds is None:
            return
        yield from _in_order(_iter_rows(ds), total)


def _iter_rows(ds) -> Iterator[tuple[int, str]]:
    for batch in ds.iter_batches(batch_format="pyarrow", batch_size=None):
        yield from zip(batch.column("idx").to_pylist(), batch.column("record").to_pylist())


def _in_order(rows: Iterable[tuple[int, str]], total: int) -> Iterator[dict[str, Any]]:
    """Records by position; a position seen twice or never is an engine bug, raised as such."""
    heap: list[tuple[int, str]] = []
    seen: set[int] = set()
    nxt = 0
    for idx, text in rows:
        if idx in seen:
            raise RuntimeError(f"Ray engine: input #{idx} came back twice")
        seen.add(idx)
        heapq.heappush(heap, (idx, text))
        while heap and heap[0][0] == nxt:
            # the worker's JSON text is kept: storing or printing the record reuses it
            yield rec_mod.loads(heapq.heappop(heap)[1], keep=True)
            nxt += 1
    if nxt != total:
        raise RuntimeError(f"Ray engine: {total - nxt} of {total} inputs never came back")


def write_shards(items: Iterable[Article | IngestError], folder: str | os.PathLike, *,
                 address: str | None = None, workers: int | None = None,
                 batch_size: int = DEFAULT_BATCH_SIZE, object_store_memory: int | None = None,
                 crash_marker: str | None = None, **pipeline_options) -> int:
    """Analyse on Ray and write the records as Parquet shards into `folder` (created; on a
    cluster it must be storage every node can write: a shared mount, s3://, gs://...).

    Columns: idx (input position), id (record id; null for errors), path, error, record (the
    record as JSON). Returns the number of inputs written.
    """
    _import_ray()
    with _Session(address, workers, object_store_memory) as ray:
        n_workers = workers or _cluster_cpus(ray)
        ds, total = _dataset(ray, items, workers=n_workers, batch_size=batch_size,
                             options=pipeline_options, crash_marker=crash_marker)
        if ds is None:
            return 0
        target = str(folder)
        if "://" not in target:
            Path(target).mkdir(parents=True, exist_ok=True)
            target = str(Path(target).resolve())
        ds.write_parquet(target)
        return total


def iter_shards(folder: str | os.PathLike) -> Iterator[dict[str, Any]]:
    """The records in the Parquet shards under `folder`, in input order, each position once."""
    import pyarrow.dataset as pads

    try:
        table = pads.dataset(str(folder), format="parquet").to_table(
            columns=["idx", "record"])
    except ImportError as exc:  # pragma: no cover - pyarrow ships with the extra
        raise RayUnavailable(INSTALL_HINT) from exc
    rows = sorted(zip(table.column("idx").to_pylist(), table.column("record").to_pylist()))
    yield from _in_order(iter(rows), len(rows))


def load_shards(folder: str | os.PathLike, store) -> int:
    """Store the shards' records into a knowledge-base Store (newsgraph.kb.store.Store, or
    anything with `add_record(record) -> bool`), in input order; returns how many articles were
    newly stored. Error records go to the store too (the KB keeps them as failures). Storing is
    by record id, so loading the same shards twice, or shards that overlap, stores each article
    once.
    """
    add = getattr(store, "add_record", None)
    if not callable(add):
        raise TypeError(f"{type(store).__name__} has no add_record(record) method")
    stored = sum(1 for rec in iter_shards(folder) if add(rec))
    save = getattr(store, "save_clusterer_state", None)
    if stored and callable(save):
        save()              # the next process continues the story clustering from here
    return stored


class RayPipeline:
    """Runs on Ray where code takes a Pipeline and calls `analyze_articles(items)`: e.g. the
    knowledge base's ingest (`ingest(store, paths, workers=1, pipeline=RayPipeline(...))`),
    which keeps its own skipping of stored articles, failure records and resumability, and stores
    each record as it streams back in input order.
    """

    def __init__(self, *, address: str | None = None, workers: int | None = None,
                 **pipeline_options) -> None:
        _import_ray()          # fail now, as one line, when Ray is missing
        self.address = address
        self.workers = workers
        self.options = pipeline_options

    def analyze_articles(self, items: Iterable[Article | IngestError]) -> Iterator[dict[str, Any]]:
        yield from run_ray(items, address=self.address, workers=self.workers, **self.options)
