"""Language identification with lingua, restricted to what newsgraph analyses (en/uk/ru).

A detector over only three languages would call German text "English", so the detector also
knows a handful of languages that commonly reach a news pipeline; an article detected as one of
those gets a clear error naming it. Built once per process by `Resources`.
"""
from __future__ import annotations

from lingua import Language, LanguageDetectorBuilder

from .article import IngestError

SUPPORTED = {Language.ENGLISH: "en", Language.UKRAINIAN: "uk", Language.RUSSIAN: "ru"}
OTHERS = [
    Language.GERMAN, Language.FRENCH, Language.SPANISH, Language.ITALIAN, Language.POLISH,
    Language.BELARUSIAN, Language.BULGARIAN, Language.PORTUGUESE, Language.DUTCH,
    Language.TURKISH, Language.SERBIAN, Language.ARABIC, Language.CHINESE,
]


class LanguageIdentifier:
    def __init__(self) -> None:
        self._detector = (
            LanguageDetectorBuilder.from_languages(*SUPPORTED, *OTHERS)
            .with_low_accuracy_mode()
            .build()
        )

    def detect(self, text: str, path: str | None = None) -> str:
        sample = text[:4000]
        lang = self._detector.detect_language_of(sample)
        if lang is None:
            raise IngestError(path, "could not identify the language (is this text?)")
        if lang not in SUPPORTED:
            raise IngestError(
                path, f"language is {lang.name.title()}; newsgraph analyses English, Ukrainian "
                "and Russian (use --language to force one)")
        return SUPPORTED[lang]
