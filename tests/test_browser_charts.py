"""The charts of the overview, a target page and the data-quality page, measured in Chromium at 360, 390, 768, 1440 and
1920 px wide: no tick label, axis title, legend entry, annotation or title on another (beyond a
pixel) or outside its chart's svg, and no marker cut in half by the edge of its plot."""
from pathlib import Path

import pytest

from tests.browser import chromium_page, page_path, streamlit_server, wait_idle
from tests.conftest import build_demo_file

pytestmark = pytest.mark.browser

WIDTHS = [360, 390, 768, 1440, 1920]
# The cards' trend charts; a target's breakdowns, heat map and lines; the data-quality heat map.
PAGES = ["overview", "supported", "quality"]
CHECKS = (Path(__file__).parent / "chart_text_checks.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def app(tmp_path_factory, plan):
    folder = tmp_path_factory.mktemp("charts")
    db = build_demo_file(folder / "charts.duckdb", plan)
    with streamlit_server(db, folder / "streamlit.log") as url:
        yield url


def settled(page, tries: int = 4) -> list[str]:
    """The checks' findings once the charts stop moving: Plotly lays charts out again after
    Streamlit's last message (fonts, autosize), so a finding counts only when two measurements
    a second apart agree; a real overlap stays put."""
    page.wait_for_timeout(800)
    found = page.evaluate(CHECKS)
    for _ in range(tries):
        page.wait_for_timeout(1000)
        again = page.evaluate(CHECKS)
        if again == found:
            return found
        found = again
    return found


@pytest.mark.parametrize("width", WIDTHS)
def test_chart_text_neither_overlaps_nor_leaves_the_chart(app, width):
    problems, charts = [], {}
    with chromium_page(width, 1080 if width >= 1920 else 900) as page:
        for name in PAGES:
            page.goto(f"{app}{page_path(name)}?as_of=2026-11-26")
            page.wait_for_selector("h1", timeout=60_000)
            wait_idle(page)
            found = settled(page)
            charts[name] = page.locator(".js-plotly-plot").count()
            problems += [f"{name}: {problem}" for problem in found]
    assert charts["overview"] >= 7 and charts["supported"] >= 3 and charts["quality"] >= 1  # real charts measured
    assert problems == []
