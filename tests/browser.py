"""Helpers for real-browser tests: a Streamlit server on localhost and Debian's Chromium."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

from nscl.settings import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(db_path: Path, log_path: Path, extra_env: dict | None = None, script: Path | None = None):
    """Run `streamlit run app.py` (or another script) on a free localhost port until the block ends."""
    port = free_port()
    env = {**os.environ, "NSCL_DB": str(db_path), **(extra_env or {})}
    cmd = [sys.executable, "-m", "streamlit", "run", str(script or ROOT / "app.py"),
           "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
           "--browser.gatherUsageStats", "false", "--client.toolbarMode", "viewer"]
    with open(log_path, "w") as log:
        proc = subprocess.Popen(cmd, cwd=(script.parent if script else ROOT), env=env, stdout=log,
                                stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                        if r.status == 200:
                            break
                except OSError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start: {log_path.read_text()}")
                time.sleep(0.3)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


@contextmanager
def chromium_page(width: int = 1400, height: int = 2600):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, accept_downloads=True)
            yield context.new_page()
        finally:
            browser.close()


def wait_idle(page, timeout: int = 60_000) -> None:
    """Wait until Streamlit finished the current run (no running indicator, no stale elements)."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)


def screenshot(page, path: Path, width: int, height: int) -> None:
    """The whole page: Streamlit scrolls inside its main block, so a full-page shot holds only the
    first screen; the window is made as tall as the content (after any checks ran at the real size)."""
    content = page.evaluate("() => Math.max(...[...document.querySelectorAll("
                            "'[data-testid=stMain], [data-testid=stAppViewContainer]')].map((e) => e.scrollHeight), 0)")
    if content > height:
        page.set_viewport_size({"width": width, "height": min(content, 16_000)})
        page.wait_for_timeout(600)
    page.screenshot(path=str(path), full_page=True)


def page_path(url_path: str) -> str:
    """A page's address: the overview is the default page, served at the root; its url_path
    (/overview) is reserved and answered with Streamlit's English "Page not found" dialog."""
    from nscl.ui import PAGES

    return "/" if url_path == PAGES[0].url_path else f"/{url_path}"
