"""Real browser: the overview of a closed phase on a 390 px phone reads cleanly (the layout checks of
tests/layout_checks.js), with its closed note, final statuses and no forecast."""
from pathlib import Path

import pytest

from tests.browser import chromium_page, streamlit_server, wait_idle
from tests.conftest import ARTIFACTS, build_demo_file

pytestmark = pytest.mark.browser
CHECKS = (Path(__file__).parent / "layout_checks.js").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, plan):
    folder = tmp_path_factory.mktemp("closed")
    db = build_demo_file(folder / "closed.duckdb", plan)
    with streamlit_server(db, folder / "streamlit.log") as url:
        yield url


def test_closed_overview_on_a_phone(app_url):
    with chromium_page(390, 844) as page:
        page.goto(app_url + "/?phase=2021-2025&as_of=2026-12-06")
        page.wait_for_selector("h1:has-text('Tổng quan')", timeout=60_000)
        page.wait_for_function("() => document.body.innerText.includes('đã kết thúc ngày 31/12/2025')",
                               timeout=60_000)
        wait_idle(page)
        page.wait_for_timeout(800)  # Plotly finishes laying out after the last message
        problems = page.evaluate(CHECKS)
        body = page.inner_text("body")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "closed-overview-390.png"), full_page=True)
    assert problems == []
    for text in ("Đã đạt", "Không đạt", "Tiếp tục thực hiện", "không còn dự báo"):
        assert text in body, text
    for text in ("Dự báo cuối", "Đúng tiến độ", "Cần đẩy nhanh", "Traceback"):
        assert text not in body, text
