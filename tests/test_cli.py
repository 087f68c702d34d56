"""The `newsgraph analyze` command end to end: formats, stdin, errors and exit status."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.record import validate

EN = "The mayor of Lviv, Andriy Sadovyi, said on Monday that the city would open two new shelters."


def run_cli(*args, stdin=None):
    proc = subprocess.run([sys.executable, "-m", "newsgraph.cli", *args], input=stdin,
                          capture_output=True, text=True, timeout=300)
    return proc


def test_seed_json_validates(seed_path):
    proc = run_cli("analyze", str(seed_path), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    rec = json.loads(proc.stdout)
    validate(rec)
    for key in ("schema_version", "id", "path", "url", "outlet", "title", "published", "language",
                "text", "entities", "relations", "quantities", "times", "claims", "events",
                "sourcing"):
        assert key in rec
    assert rec["language"] == "en"
    assert rec["title"].startswith("Pro-Assad Russians")


def test_batch_with_failures_keeps_going(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    german = tmp_path / "de.txt"
    german.write_text("Der Bürgermeister sagte am Montag, die Stadt werde zwei neue Schutzräume "
                      "eröffnen, und die Bauarbeiten sollen im Frühjahr beginnen.", encoding="utf-8")
    proc = run_cli("analyze", str(good), str(tmp_path / "empty.txt"), str(german),
                   str(tmp_path / "nope.txt"), "--format", "jsonl")
    assert proc.returncode == 1
    recs = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(recs) == 4
    for r in recs:
        validate(r)
    assert "error" not in recs[0] and recs[0]["language"] == "en"
    assert recs[1]["error"] == "empty input"
    assert "German" in recs[2]["error"]
    assert recs[3]["error"] == "no such file or folder"
    err_lines = proc.stderr.strip().splitlines()
    assert len(err_lines) == 3 and all(line.startswith("newsgraph: ") for line in err_lines)
    assert "Traceback" not in proc.stderr


def test_stdin_and_options():
    proc = run_cli("analyze", "-", "--published", "2025-12-05", "--language", "en", "--as-is",
                   stdin=EN)
    assert proc.returncode == 0, proc.stderr
    rec = json.loads(proc.stdout)
    assert rec["published"] == "2025-12-05" and rec["text"] == EN and rec["path"] is None


def test_bad_date_is_a_usage_error():
    proc = run_cli("analyze", "-", "--published", "5/12/2025", stdin=EN)
    assert proc.returncode == 2 and "YYYY-MM-DD" in proc.stderr


def test_markdown_report_escapes_hostile_text():
    hostile = EN + " The group <script>alert(1)</script> posted [a link](http://evil)."
    proc = run_cli("analyze", "-", "--format", "md", stdin=hostile)
    assert proc.returncode == 0, proc.stderr
    assert "<script>" not in proc.stdout
    assert proc.stdout.startswith("# ")


def test_python_api():
    import newsgraph

    rec = newsgraph.analyze(EN, published="2025-12-05")
    validate(rec)
    assert rec["published"] == "2025-12-05"
    with pytest.raises(ValueError):
        newsgraph.analyze(EN, language="de")


def test_seed_checklist_scorer_runs_on_real_output(seed_record):
    from newsgraph.eval.seed import check

    fig = check(seed_record)
    assert fig["total"] >= 50
    # each part is scored; the figure is what the record gives, so it can fail when it regresses
    assert set(fig["parts"]) >= {"entities", "claims", "events", "times", "quantities"}
    assert fig["parts"]["entities"]["hits"] >= 10
