"""news-please style JSON objects (title, text / maintext, date_publish, url, source_domain)."""
from __future__ import annotations

import json
from typing import Iterator

from .article import Article, IngestError
from .cleaning import CleaningRules
from .dates import parse_date
from .text import parse_text


def parse_object(obj, *, rules: CleaningRules, as_is: bool, path: str | None) -> Article:
    if not isinstance(obj, dict):
        raise IngestError(path, "JSON input must be an object with a 'text' field")
    text = obj.get("text") or obj.get("maintext")
    if not isinstance(text, str) or not text.strip():
        raise IngestError(path, "JSON object has no 'text' (or 'maintext')")
    title = obj.get("title") if isinstance(obj.get("title"), str) else None
    published = parse_date(obj.get("date_publish") or obj.get("published"))
    if obj.get("date_publish") and published is None:
        raise IngestError(path, f"unreadable date_publish {str(obj['date_publish'])[:40]!r}")
    outlet = obj.get("source_domain") or obj.get("outlet")
    lang = obj.get("language")
    return parse_text(text, rules=rules, as_is=as_is, path=path, title=title,
                      url=obj.get("url"), outlet=outlet, published=published,
                      language=lang if lang in ("en", "uk", "ru") else None)


def parse_json(text: str, *, rules: CleaningRules, as_is: bool, path: str | None) -> Article:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(path, f"invalid JSON: {exc.msg} at line {exc.lineno}") from None
    return parse_object(obj, rules=rules, as_is=as_is, path=path)


def parse_jsonl(text: str, *, rules: CleaningRules, as_is: bool,
                path: str | None) -> Iterator[Article | IngestError]:
    """One article per line; a bad line is reported as `path:LINE` and the rest carry on."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path or '<stdin>'}:{n}"
        try:
            obj = json.loads(line)
            yield parse_object(obj, rules=rules, as_is=as_is, path=where)
        except json.JSONDecodeError as exc:
            yield IngestError(where, f"invalid JSON: {exc.msg}")
        except IngestError as err:
            yield err
