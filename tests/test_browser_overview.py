"""Real browser: Debian's Chromium opens the running app and sees the overview."""
import pytest

from tests.browser import chromium_page, streamlit_server
from tests.conftest import ARTIFACTS, build_demo_file

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, plan):
    # Its own database file: DuckDB lets only one process open a file.
    folder = tmp_path_factory.mktemp("browser")
    db = build_demo_file(folder / "browser.duckdb", plan)
    with streamlit_server(db, folder / "streamlit.log") as url:
        yield url


def wait_for_overview(page, count: int = 7) -> None:
    page.wait_for_selector("h1:has-text('Tổng quan'), h1:has-text('Overview')", timeout=60_000)
    page.wait_for_function(
        "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n", arg=count, timeout=60_000)


def wait_for_text(page, *texts: str) -> str:
    """The page's text once every one of `texts` is on it (cards arrive one after another)."""
    page.wait_for_function("texts => texts.every(t => document.body.innerText.includes(t))", arg=list(texts),
                           timeout=30_000)
    return page.inner_text("body")


def test_overview_renders_statuses_and_charts(app_url):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with chromium_page() as page:
        page.goto(app_url + "/?as_of=2026-11-26")
        wait_for_overview(page)
        body = wait_for_text(page, "Đúng tiến độ", "Cần đẩy nhanh", "Suy giảm", "Theo dõi", "tạm tính",
                             "khoảng 10 chuyên gia", "Dữ liệu minh họa", "Tính đến ngày 26/11/2026")
        # Each Plotly chart drew its bars.
        assert page.locator(".js-plotly-plot .main-svg .bars path").count() > 20
        page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)
        assert "Traceback" not in body


def test_phase_switch_keeps_sidebar_and_updates_url(app_url):
    with chromium_page() as page:
        page.goto(app_url + "/?as_of=2026-11-26")
        wait_for_overview(page)
        wait_for_text(page, "45 lượt người")
        page.locator("[data-testid='stSidebar'] .st-key-period [data-testid='stSelectbox']").click()
        page.locator("[role='option']:has-text('2021-2025')").click()
        page.wait_for_function("() => document.body.innerText.includes('186 lượt người')", timeout=30_000)
        assert "phase=2021-2025" in page.url
        body = page.inner_text("body")
        assert "Đã đạt" in body and "Không đạt" in body
        assert page.locator("[data-testid='stSidebar'] .st-key-period [data-testid='stSelectbox']").count() == 1


def test_copied_link_opens_the_same_view_in_english(app_url):
    with chromium_page() as page:
        page.goto(app_url + "/?lang=en&phase=2021-2025&as_of=2026-01-01")
        wait_for_overview(page)
        wait_for_text(page, "Overview", "Achieved", "Not achieved", "186 person-times")
