"""The published edition in Chromium, served by a plain static server on localhost: at 360, 768
and 1440 px no page is wider than the screen and nothing overlaps, the charts are drawn by the
site's own copy of Plotly, and no request leaves the site (every other host is blocked).
Screenshots stay in tests/artifacts/edition/ for a person to look at."""
from __future__ import annotations

import datetime as dt
import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import duckdb
import pytest

from nscl.publish import publish
from tests.browser import chromium_page
from tests.conftest import ARTIFACTS
from tests.edition_pages import private_copy

pytestmark = pytest.mark.browser

CHECKS = (Path(__file__).parent / "layout_checks.js").read_text(encoding="utf-8")
FOLDER = ARTIFACTS / "edition"
SIZES = [(360, 740), (768, 1024), (1440, 900)]
PAGES = ["index.html", "en/index.html", "p/2021-2025/index.html", "p/2026-2030/supported.html",
         "p/2021-2025/breakdowns.html", "en/p/2026-2030/breakdowns.html",
         "en/p/2021-2025/experts.html"]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(tmp_path_factory, demo_db, plan):
    out = tmp_path_factory.mktemp("edition") / "site"
    con = duckdb.connect(str(private_copy(demo_db, out.parent)), read_only=True)
    try:
        publish(con, plan, dt.date(2026, 11, 26), out)
    finally:
        con.close()
    handler = functools.partial(_Quiet, directory=str(out.resolve()))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)  # the system picks a free port: no race
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    FOLDER.mkdir(parents=True, exist_ok=True)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}px")
def test_every_page_fits_the_screen_and_stays_on_the_site(site, size):
    width, height = size
    host = urlparse(site).netloc
    outside, failed = [], []
    with chromium_page(width, height) as page:
        def route(r):
            if urlparse(r.request.url).netloc == host:
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        page.route("**/*", route)
        page.on("requestfailed", lambda r: failed.append(r.url))
        for path in PAGES:
            response = page.goto(site + path)
            assert response is not None and response.status == 200, path
            if "/p/" in f"/{path}" and not path.endswith("index.html"):
                page.wait_for_selector(".chart .main-svg", timeout=30_000)  # drawn by assets/plotly.min.js
                page.wait_for_timeout(300)
            wide = page.evaluate("() => document.documentElement.scrollWidth")
            assert wide <= width, (path, wide)
            problems = page.evaluate(CHECKS)
            assert problems == [], (path, problems)
            page.screenshot(path=str(FOLDER / f"{path.replace('/', '_')}-{width}.png"), full_page=True)
    assert outside == [] and failed == []


def test_the_table_and_downloads_are_there_without_javascript(site):
    from playwright.sync_api import sync_playwright

    from tests.browser import CHROMIUM, CHROMIUM_ARGS

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740}).new_page()
            page.goto(site + "p/2021-2025/experts.html")
            assert page.locator("table tbody tr").count() == 5  # 2021 … 2025
            assert "Biểu đồ cần JavaScript" in page.inner_text("body")
            with page.expect_download() as download:
                page.click("text=Tải xuống CSV")
            assert download.value.suggested_filename == "experts.csv"
        finally:
            browser.close()
