"""Real browser: names written as links, markup and Markdown (in the data and in the plan) are drawn
as the characters they are made of; no link to their address exists anywhere on the page."""
import pytest

from tests.browser import chromium_page, streamlit_server, wait_idle
from tests.hostile_text import BOLD, DETAILS, ISSUER, LINK, TARGET_NAME, build_hostile_db, write_hostile_plan

pytestmark = pytest.mark.browser
QUERY = "?lang=vi&phase=2021-2025&as_of=2026-11-26"
MARKED = {"Công ty", "Hòa Bình", "Bấm link"}  # what the markup in the names would set apart

# What the page shows: its visible text (and all its text) without word joiners, the texts Plotly drew, the links
# leading to the hostile address, and the texts Plotly drew in bold or italic type (Streamlit's
# theme sets titles in bold; markup in the data would make its own words bold or italic).
SEEN = """() => ({
    text: document.body.innerText.replaceAll('\\u2060', ''),
    all: document.body.textContent.replaceAll('\\u2060', ''),
    drawn: Array.from(document.querySelectorAll('.js-plotly-plot text')).map(t => t.textContent),
    links: Array.from(document.querySelectorAll('a')).map(a => a.outerHTML).filter(a => a.includes('x.example')),
    styled: Array.from(document.querySelectorAll('.js-plotly-plot tspan[style*="font-weight:bold"],'
                                                 + '.js-plotly-plot tspan[style*="font-style:italic"]'))
        .map(t => t.textContent),
})"""


@pytest.fixture(scope="module")
def served(tmp_path_factory, plan):
    folder = tmp_path_factory.mktemp("hostile-browser")
    db = build_hostile_db(folder / "hostile.duckdb", plan)
    plans = write_hostile_plan(folder / "plans")
    with streamlit_server(db, folder / "streamlit.log", {"NSCL_PLANS_DIR": str(plans)}) as url:
        yield url


def open_and_read(page, url: str, drawn: str) -> dict:
    """Open a page and read it once its charts drew `drawn` as text (and the run is over); if they
    never do (markup drawn as markup), read it anyway, so the assertions say what was drawn."""
    from playwright.sync_api import TimeoutError as Timeout

    page.goto(url)
    try:
        page.wait_for_function("text => Array.from(document.querySelectorAll('.js-plotly-plot text'))"
                               ".some(t => t.textContent.includes(text))", arg=drawn, timeout=45_000)
    except Timeout:
        pass
    wait_idle(page)
    return page.evaluate(SEEN)


def test_overview_and_pilots_show_plan_words_and_names_as_typed(served):
    with chromium_page() as page:
        seen = open_and_read(page, served + "/overview" + QUERY, LINK)
        assert seen["links"] == []
        assert TARGET_NAME in seen["text"] and ISSUER in seen["text"]
        assert "xem https://x.example/ke-hoach _đào tạo_, chứng nhận đạt" in seen["all"]  # in a closed expander
        # The province in each card's chart title.
        assert sum(LINK in s for s in seen["drawn"]) == 7
        assert not set(seen["styled"]) & MARKED

        seen = open_and_read(page, served + "/pilots" + QUERY, BOLD[:20])
        assert seen["links"] == [] and not set(seen["styled"]) & MARKED
        assert any(s.startswith(BOLD[:20]) for s in seen["drawn"])  # enterprise – solution, on the axis


def test_the_drill_down_heading_of_a_clicked_solution_reads_as_typed(served):
    with chromium_page() as page:
        seen = open_and_read(page, served + "/supported" + QUERY + "&by=detail", LINK)
        assert seen["links"] == [] and not set(seen["styled"]) & MARKED
        assert {s for s in seen["drawn"] if "x.example" in s or "HYPERLINK" in s} >= {LINK}
        stacked = page.locator(".js-plotly-plot").nth(1)
        stacked.scroll_into_view_if_needed()
        box = stacked.locator(".bars .point path").first.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_function("() => /Danh sách chi tiết: Năm \\d{4}, /.test(document.body.innerText)",
                               timeout=30_000)
        wait_idle(page)
        seen = page.evaluate(SEEN)
        heading = next(line for line in seen["text"].splitlines() if line.startswith("Danh sách chi tiết: Năm"))
        assert heading.split(", ", 1)[1] in DETAILS
        assert seen["links"] == []
