"""Language knowledge kept as data: ``lang/data/<lang>/*.yml``.

Each YAML file is one topic (``claims.yml``: cue verbs, hedges; ``times.yml``: month names and
relative phrases; ``titles.yml``; ``events.yml``; ...). ``LanguageData(lang)["claims"]`` returns
the parsed file, or an empty mapping when that language has none yet.
"""
from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

SUPPORTED = ("en", "uk", "ru")


class LanguageData:
    def __init__(self, lang: str) -> None:
        if lang not in SUPPORTED:
            raise ValueError(f"unsupported language {lang!r} (supported: {', '.join(SUPPORTED)})")
        self.lang = lang
        self._cache: dict[str, Any] = {}

    def __getitem__(self, topic: str) -> Any:
        if topic not in self._cache:
            path = resources.files("newsgraph.lang") / "data" / self.lang / f"{topic}.yml"
            if path.is_file():
                self._cache[topic] = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            else:
                self._cache[topic] = {}
        return self._cache[topic]

    def get(self, topic: str, key: str, default: Any = None) -> Any:
        return self[topic].get(key, default)


def shared_data(topic: str) -> Any:
    """Language-independent data files in ``lang/data/`` (e.g. ``ontology.yml``)."""
    path = resources.files("newsgraph.lang") / "data" / f"{topic}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
