"""Every page and every slide, in Chromium, at 1440×900, 1920×1080 and on a phone (375×812):
no text on text, no text cut by its box or its chart, no axis repeating a label or counting in
fractions, no legend that scrolls, no English word in the Vietnamese interface, no page wider than
the screen, and no request to any host but the app's. Screenshots stay in tests/artifacts/layout/
for a person to look at."""
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from nscl.ui import PAGES
from tests.browser import chromium_page, screenshot, streamlit_server, wait_idle
from tests.conftest import ARTIFACTS, build_demo_file

pytestmark = pytest.mark.browser

SIZES = [(1440, 900), (1920, 1080), (375, 812)]
SLIDES = 11
CHECKS = (Path(__file__).parent / "layout_checks.js").read_text(encoding="utf-8")
# Streamlit's and Plotly's own English that used to show through the Vietnamese interface.
ENGLISH = ["Select all", "Drag and drop", "per file", "Browse files", "Upload", "No results", "None",
           "Choose an option", "Download", "Fullscreen", "View fullscreen"]
FOLDER = ARTIFACTS / "layout"


@pytest.fixture(scope="module")
def app(tmp_path_factory, plan):
    folder = tmp_path_factory.mktemp("layout")
    db = build_demo_file(folder / "layout.duckdb", plan)
    FOLDER.mkdir(parents=True, exist_ok=True)
    with streamlit_server(db, folder / "streamlit.log") as url:
        yield url


def inspect(app, path: str, size: tuple[int, int], shot: str) -> list[str]:
    width, height = size
    with chromium_page(width, height) as page:
        outside = []
        page.on("request", lambda r: outside.append(r.url) if urlparse(r.url).hostname not in (
            "127.0.0.1", "localhost") and urlparse(r.url).scheme in ("http", "https", "ws", "wss") else None)
        page.goto(app + path)
        page.wait_for_selector("h1, .st-key-slide_controls", timeout=60_000)
        wait_idle(page)
        page.wait_for_timeout(800)  # Plotly finishes laying out after the last message
        problems = page.evaluate(CHECKS)
        text = page.inner_text("body")
        screenshot(page, FOLDER / f"{shot}-{width}x{height}.png", width, height)
        problems += [f"English in the Vietnamese interface: {word!r}" for word in ENGLISH
                     if re.search(rf"(?<![\w/]){re.escape(word)}(?!\w)", text)]
        problems += [f"request outside the app: {url}" for url in outside]
        return problems


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.url_path)
def test_every_page_reads_cleanly(app, spec, size):
    problems = inspect(app, f"/{spec.url_path}?as_of=2026-11-26", size, spec.url_path)
    assert problems == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("slide", range(1, SLIDES + 1))
def test_every_slide_reads_cleanly(app, slide, size):
    problems = inspect(app, f"/present?as_of=2026-11-26&slide={slide}", size, f"slide-{slide:02d}")
    assert problems == []
