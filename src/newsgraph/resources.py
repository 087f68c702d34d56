"""One per-process cache of models and data, owned by whoever runs the pipeline.

Nothing here is module-level state: a `Resources` object is created by a `Pipeline` (or by a
worker process, local or Ray) and loads each model the first time it is asked for, once.
"""
from __future__ import annotations

import importlib
import threading
from typing import Any

from .lang.data_loader import SUPPORTED, LanguageData

BACKENDS = {
    "en": "newsgraph.lang.en:EnglishBackend",
    "uk": "newsgraph.lang.uk:UkrainianBackend",
    "ru": "newsgraph.lang.ru:RussianBackend",
}


class Resources:
    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._backends: dict[str, Any] = {}
        self._data: dict[str, LanguageData] = {}
        self._shared: dict[str, Any] = {}

    def backend(self, lang: str):
        if lang not in SUPPORTED:
            raise ValueError(f"unsupported language {lang!r}")
        with self._lock:
            if lang not in self._backends:
                module, cls = BACKENDS[lang].split(":")
                self._backends[lang] = getattr(importlib.import_module(module), cls)()
            return self._backends[lang]

    def data(self, lang: str) -> LanguageData:
        with self._lock:
            if lang not in self._data:
                self._data[lang] = LanguageData(lang)
            return self._data[lang]

    def shared(self, name: str, factory) -> Any:
        """A lazily built, per-process shared object (a gazetteer, a language detector, ...)."""
        with self._lock:
            if name not in self._shared:
                self._shared[name] = factory()
            return self._shared[name]
