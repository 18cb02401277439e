"""Every page (in Vietnamese and in English) and every slide, in Chromium, at 1440×900, 1920×1080
and on a phone (375×812): no text on text, no text cut by its box or its chart, no axis repeating
a label or counting in fractions, no legend that scrolls, no page wider than the screen, no request
to any host but the app's, no "None"/"nan"/"NaT" in either language, and in Vietnamese no English
word and no number written the English way (tests/vietnamese_text.py reads the page's visible
text, code aside). Screenshots stay in tests/artifacts/layout/ for a person to look at."""
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from nscl.ui import PAGES
from tests.browser import chromium_page, page_path, screenshot, streamlit_server, wait_idle
from tests.conftest import ARTIFACTS, build_demo_file
from tests.vietnamese_text import missing_words, vietnamese_problems

pytestmark = pytest.mark.browser

SIZES = [(1440, 900), (1920, 1080), (375, 812)]
LANGS = ["vi", "en"]
# The page's words as a reader reads them: without code (a query's file name), icons (Material
# ligatures such as "upload_file" are aria-hidden glyphs) and Streamlit's keyboard-only link "Skip
# to main content" (Streamlit's own English; the app cannot translate it); a chart's lines apart.
VISIBLE_TEXT = """() => {
  const body = document.body.cloneNode(true);
  for (const el of body.querySelectorAll(
    'code, pre, style, script, noscript, [aria-hidden="true"], [data-testid="stIconMaterial"], '
    + '[data-testid="stSkipToContent"]')) el.remove();
  for (const el of body.querySelectorAll('svg tspan, svg text')) el.append(' ');
  document.body.appendChild(body);
  body.style.position = 'absolute'; body.style.left = '-99999px'; body.style.width = window.innerWidth + 'px';
  const text = body.innerText;
  body.remove();
  return text;
}"""
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
        if "lang=en" in path:
            problems += [f"a program's word for a missing value: {word!r}" for word in missing_words(text)]
        else:
            problems += [f"English in the Vietnamese interface: {word!r}" for word in ENGLISH
                         if re.search(rf"(?<![\w/]){re.escape(word)}(?!\w)", text)]
            problems += vietnamese_problems(page.evaluate(VISIBLE_TEXT))
        problems += [f"request outside the app: {url}" for url in outside]
        return problems


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.url_path)
@pytest.mark.parametrize("lang", LANGS)
def test_every_page_reads_cleanly(app, spec, size, lang):
    problems = inspect(app, f"{page_path(spec.url_path)}?as_of=2026-11-26&lang={lang}", size, f"{spec.url_path}-{lang}")
    assert problems == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("slide", range(1, SLIDES + 1))
def test_every_slide_reads_cleanly(app, slide, size):
    problems = inspect(app, f"/present?as_of=2026-11-26&slide={slide}", size, f"slide-{slide:02d}")
    assert problems == []
