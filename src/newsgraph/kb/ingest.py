"""Articles into the knowledge base: read, skip what is stored, analyse, cluster, store.

Idempotent: an article's id is the hash of its cleaned text (newsgraph.record.article_id), so the
same article read twice, from two paths or two runs, is stored once. The id is computed from the
Reader's text *before* analysis, so stored articles cost nothing on a re-run.

Resumable: records are stored as they arrive, each in its own transaction (or in small batches,
`batch_size`); a run killed half way leaves whole articles only, and the next run skips them.
Stories resume from the clusterer's last snapshot (saved every STATE_EVERY stored articles and at
the end of a run) plus a replay of the (article_id, features) stored after it, in ingest order;
clustering is deterministic given that order, so a resumed ingest gives the same stories as one
uninterrupted run.

Failures (unreadable inputs, analysis errors) are kept in the failures table with their error;
later runs skip those paths unless asked to retry them (`retry_failed`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Callable, Iterable, Iterator

from ..ingest import DEFAULT_MAX_BYTES, Article, IngestError, Reader
from ..record import article_id
from .store import Store, now_iso


@dataclass
class IngestReport:
    stored: int = 0
    skipped: int = 0                      # already in the database (or twice in the input)
    failed: list[tuple[str, str]] = field(default_factory=list)     # (path, error), this run
    previously_failed: list[str] = field(default_factory=list)      # skipped: retry with --retry-failed
    cleared: list[str] = field(default_factory=list)                # failures that now succeeded

    @property
    def ok(self) -> bool:
        return not self.failed and not self.previously_failed

    def as_dict(self) -> dict[str, Any]:
        return {"stored": self.stored, "skipped": self.skipped,
                "failed": [{"path": p, "error": e} for p, e in self.failed],
                "previously_failed": self.previously_failed, "cleared": self.cleared}


def _path_of(item: Article | IngestError | dict) -> str:
    path = item.get("path") if isinstance(item, dict) else item.path
    return path or "<stdin>"


STATE_EVERY = 2000    # stored articles between snapshots of the story clusterer


def ingest(store: Store, paths: Iterable[str], *, workers: int = 1, retry_failed: bool = False,
           language: str | None = None, published: date | None = None, as_is: bool = False,
           max_bytes: int = DEFAULT_MAX_BYTES, pipeline=None, threshold: float | None = None,
           on_total: Callable[[int], None] | None = None,
           on_progress: Callable[[int], None] | None = None, batch_size: int = 1,
           time_budget: float | None = None) -> IngestReport:
    """Ingest PATHs (files, folders, '-') into the store. See the module docstring."""
    report = IngestReport()
    known_failures = {f["path"] for f in store.failures()}
    paths = list(dict.fromkeys(paths))
    if retry_failed:
        paths += [p for p in sorted(known_failures) if p not in paths and p != "<stdin>"]

    reader = Reader(as_is=as_is, max_bytes=max_bytes)
    attempted: list[str] = []
    failed_paths: set[str] = set()

    def fresh() -> Iterator[Article | IngestError]:
        for item in reader.read(paths):
            path = _path_of(item)
            if path in known_failures and not retry_failed:
                if path not in report.previously_failed:
                    report.previously_failed.append(path)
                continue
            attempted.append(path)
            yield item

    ingest_articles(store, fresh(), report=report, failed_paths=failed_paths, workers=workers,
                    language=language, published=published, pipeline=pipeline,
                    threshold=threshold, on_total=on_total, on_progress=on_progress,
                    batch_size=batch_size, time_budget=time_budget)

    for path in dict.fromkeys(attempted):
        if path in known_failures and path not in failed_paths:
            store.clear_failure(path)
            report.cleared.append(path)
    return report


def ingest_articles(store: Store, items: Iterable[Article | IngestError], *,
                    report: IngestReport | None = None, failed_paths: set[str] | None = None,
                    workers: int = 1, language: str | None = None,
                    published: date | None = None, pipeline=None, threshold: float | None = None,
                    on_total: Callable[[int], None] | None = None,
                    on_progress: Callable[[int], None] | None = None, batch_size: int = 1,
                    record_failures: bool = True, save_state: bool = True,
                    on_result: Callable[[str, str | None, str | None], None] | None = None,
                    time_budget: float | None = None) -> IngestReport:
    """Ingest Articles (and IngestErrors, which fail) already read: e.g. pages the watcher
    fetched. Articles whose text is stored already are skipped without analysis; the others are
    analysed (`pipeline`, else local workers) and stored as their records arrive, so stories
    update article by article. `on_result(path, article_id, error)` is called once per item
    (article_id: the stored article, new or already there; error: why it failed).
    `record_failures`: keep failures in the failures table (paths `ingest --retry-failed` can
    read again). `save_state`: snapshot the story clusterer at the end (a caller storing a few
    articles at a time snapshots it itself, less often)."""
    from ..engines.local import default_workers, run_local

    report = report if report is not None else IngestReport()
    failed_paths = failed_paths if failed_paths is not None else set()

    def fail(path: str, error: str) -> None:
        if record_failures:
            _fail(store, report, failed_paths, path, error)
        else:
            failed_paths.add(path)
            report.failed.append((path, error))
        if on_result:
            on_result(path, None, error)

    todo_items: list[Article] = []
    seen: dict[str, str] = {}
    pending_ids: list[str] = []
    for item in items:
        path = _path_of(item)
        if isinstance(item, IngestError):
            fail(path, item.reason)
            continue
        aid = article_id(item.text)
        if aid in seen:
            report.skipped += 1
            if on_result:
                on_result(path, aid, None)
            continue
        seen[aid] = path
        pending_ids.append(aid)
        todo_items.append(item)
    stored = store.known_ids(pending_ids)
    todo = []
    for a, aid in zip(todo_items, pending_ids):
        if aid in stored:
            report.skipped += 1
            if on_result:
                on_result(_path_of(a), aid, None)
        else:
            todo.append(a)
    if on_total:
        on_total(len(todo))
    if not todo:
        return report

    if threshold is not None:
        store.threshold = threshold
    n = len(todo)
    workers = workers or default_workers(n)
    options = {"language": language, "published": published, "time_budget": time_budget}
    if workers <= 1 and pipeline is not None:
        records: Iterator[dict[str, Any]] = run_local(todo, workers=1, pipeline=pipeline)
    else:
        records = run_local(todo, workers=min(workers, n), **options)
    batch: list[dict[str, Any]] = []
    saved_at = 0

    def flush() -> None:
        nonlocal saved_at
        for rec, ok in zip(batch, store.add_records(batch, ingested_at=now_iso())):
            if ok:
                report.stored += 1
            else:
                report.skipped += 1
            if on_result:
                on_result(_path_of(rec), rec["id"], None)
        batch.clear()
        if report.stored - saved_at >= STATE_EVERY:
            # a killed run resumes from here instead of replaying every stored article
            store.save_clusterer_state()
            saved_at = report.stored

    for rec in records:
        if on_progress:
            on_progress(1)
        if "error" in rec:
            fail(_path_of(rec), rec["error"])
            continue
        if rec["id"] in stored:          # analysis changed the text into a stored one
            report.skipped += 1
            if on_result:
                on_result(_path_of(rec), rec["id"], None)
            continue
        stored.add(rec["id"])
        batch.append(rec)
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    if save_state and report.stored > saved_at:
        store.save_clusterer_state()
    return report


def _fail(store: Store, report: IngestReport, failed_paths: set[str], path: str, error: str) -> None:
    failed_paths.add(path)
    report.failed.append((path, error))
    store.record_failure(path, error)
