"""Helpers shared by the scorers: locating datasets, reading archives in place, P/R/F1."""
from __future__ import annotations

import os
import tarfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator


class DatasetMissing(Exception):
    """The dataset archive is not there (a user's clone has no ../shared)."""


def default_datasets_dir() -> Path:
    env = os.environ.get("NEWSGRAPH_DATASETS")
    if env:
        return Path(env)
    # the repository root's sibling `shared/` (src/newsgraph/eval -> repo root is parents[3])
    return Path(__file__).resolve().parents[3].parent / "shared" / "datasets"


def archive(datasets: Path, name: str) -> Path:
    path = Path(datasets) / f"{name}.tar.gz"
    if not path.is_file():
        raise DatasetMissing(f"{path} not found: evaluation data is absent "
                             "(set NEWSGRAPH_DATASETS or place ../shared/datasets beside the repo)")
    return path


def iter_members(path: Path, prefix: str = "", suffix: str = "") -> Iterator[tuple[str, str]]:
    """(member name, UTF-8 text) for the archive's files under prefix ending in suffix."""
    with tarfile.open(path, "r:gz") as tar:
        for m in tar:
            if m.isfile() and m.name.startswith(prefix) and m.name.endswith(suffix):
                fh = tar.extractfile(m)
                if fh is not None:
                    yield m.name, fh.read().decode("utf-8")


@dataclass
class PRF:
    tp: float = 0
    fp: float = 0
    fn: float = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}
