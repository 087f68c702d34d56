"""Shared by the browser tests: a real server for an app (uvicorn in a thread on a free
loopback port) and Debian's Chromium under Playwright. Skipped with a message when Playwright or
Chromium is missing outside CI; under CI=true they must run."""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator

import pytest

CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI") == "true"


def need(cond: bool, why: str) -> None:
    if not cond:
        if IN_CI:
            pytest.fail(f"browser tests cannot run in CI: {why}")
        pytest.skip(why)


@contextlib.contextmanager
def serve(app, pipeline=None) -> Iterator[str]:
    """The app served on 127.0.0.1 (its analyses through `pipeline`, the session's loaded
    models); yields the base URL and stops the server afterwards."""
    uvicorn = pytest.importorskip("uvicorn")
    if pipeline is not None:
        app.state.ng._pipeline = pipeline
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    for _ in range(100):
        if srv.started:
            break
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(timeout=10)


@contextlib.contextmanager
def chromium():
    """A headless Chromium (Playwright's sync API), closed afterwards."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need(False, "playwright is not installed (pip install -e '.[test]')")
    need(os.path.exists(CHROMIUM) or shutil.which("chromium") is not None,
         f"{CHROMIUM} not found (apt-get install chromium)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        try:
            yield b
        finally:
            b.close()
