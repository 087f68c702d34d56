"""Evaluations on ../shared/datasets: one module per dataset, discovered by `newsgraph eval`.

A scorer module defines:
    NAME = "polnear"                      # the `newsgraph eval NAME` argument
    DESCRIPTION = "one line"
    def run(datasets: Path, *, split: str = "dev", limit: int | None = None) -> dict: ...
        # returns JSON-native figures; raises DatasetMissing when its archive is absent
    def format_report(figures: dict) -> str: ...   # optional: readable text
Shared helpers (archive reading, P/R/F1) live in eval/common.py.
"""
