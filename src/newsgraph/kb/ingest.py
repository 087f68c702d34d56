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
    from ..engines.local import default_workers, run_local

    report = IngestReport()
    known_failures = {f["path"] for f in store.failures()}
    paths = list(dict.fromkeys(paths))
    if retry_failed:
        paths += [p for p in sorted(known_failures) if p not in paths and p != "<stdin>"]

    reader = Reader(as_is=as_is, max_bytes=max_bytes)
    items: list[Article] = []
    attempted: list[str] = []
    failed_paths: set[str] = set()
    seen: set[str] = set()
    pending_ids: list[str] = []
    for item in reader.read(paths):
        path = _path_of(item)
        if path in known_failures and not retry_failed:
            if path not in report.previously_failed:
                report.previously_failed.append(path)
            continue
        attempted.append(path)
        if isinstance(item, IngestError):
            _fail(store, report, failed_paths, path, item.reason)
            continue
        aid = article_id(item.text)
        if aid in seen:
            report.skipped += 1
            continue
        seen.add(aid)
        pending_ids.append(aid)
        items.append(item)
    stored = store.known_ids(pending_ids)
    todo = [a for a, aid in zip(items, pending_ids) if aid not in stored]
    report.skipped += len(items) - len(todo)
    if on_total:
        on_total(len(todo))

    if todo:
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
            for ok in store.add_records(batch, ingested_at=now_iso()):
                if ok:
                    report.stored += 1
                else:
                    report.skipped += 1
            batch.clear()
            if report.stored - saved_at >= STATE_EVERY:
                # a killed run resumes from here instead of replaying every stored article
                store.save_clusterer_state()
                saved_at = report.stored

        for rec in records:
            if on_progress:
                on_progress(1)
            if "error" in rec:
                _fail(store, report, failed_paths, _path_of(rec), rec["error"])
                continue
            if rec["id"] in stored:          # analysis changed the text into a stored one
                report.skipped += 1
                continue
            stored.add(rec["id"])
            batch.append(rec)
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        if report.stored > saved_at:
            store.save_clusterer_state()

    for path in dict.fromkeys(attempted):
        if path in known_failures and path not in failed_paths:
            store.clear_failure(path)
            report.cleared.append(path)
    return report


def _fail(store: Store, report: IngestReport, failed_paths: set[str], path: str, error: str) -> None:
    failed_paths.add(path)
    report.failed.append((path, error))
    store.record_failure(path, error)
