"""Real browser on the browse pages: copied links, drill-down by clicking a bar, CSV download."""
import datetime as dt

import duckdb
import pytest

from nscl.filters import Filters
from nscl.sql import library
from tests.browser import chromium_page, streamlit_server, wait_idle
from tests.conftest import ARTIFACTS, build_demo_file

pytestmark = pytest.mark.browser
LINK = "/supported?lang=vi&phase=2021-2025&as_of=2026-11-26&sectors=C&by=sector"


@pytest.fixture(scope="module")
def served(tmp_path_factory, plan):
    folder = tmp_path_factory.mktemp("browse")
    db = build_demo_file(folder / "browse.duckdb", plan)
    con = duckdb.connect(str(db), read_only=True)
    expected = library().df(con, "supported_per_year", from_year=2020, as_of=dt.date(2026, 11, 26),
                            **Filters(sectors=("C",), plan=plan.id).sql())
    con.close()
    with streamlit_server(db, folder / "streamlit.log") as url:
        yield url, expected[expected["year"] <= 2025]


def wait_for_charts(page, count):
    page.wait_for_function(
        "n => document.querySelectorAll('.js-plotly-plot .main-svg').length >= n", arg=count, timeout=60_000)
    wait_idle(page)


def test_copied_link_restores_filters_and_the_same_chart(served):
    url, expected = served
    with chromium_page() as page:
        page.goto(url + LINK)
        wait_for_charts(page, 4)
        sidebar = page.locator("[data-testid='stSidebar']")
        assert "C – Công nghiệp chế biến, chế tạo" in sidebar.inner_text()
        # The growth chart draws one bar trace per colour (met, not met, base year): read them all.
        bars = page.evaluate("""() => Object.fromEntries(document.querySelectorAll('.js-plotly-plot')[0]._fullData
            .filter(t => t.type === 'bar').flatMap(t => Array.from(t.x).map((x, i) => [x, t.y[i]])))""")
        assert bars == {str(y): v for y, v in zip(expected["year"], expected["value"])}
        assert "sectors=C" in page.url and "phase=2021-2025" in page.url
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "supported.png"), full_page=True)


def test_clicking_a_bar_lists_the_records_behind_it(served):
    url, _ = served
    with chromium_page() as page:
        page.goto(url + LINK)
        wait_for_charts(page, 4)
        page.wait_for_selector("text=Danh sách chi tiết: tất cả")
        stacked = page.locator(".js-plotly-plot").nth(1)
        stacked.scroll_into_view_if_needed()
        # Click where the user would: Plotly's drag layer above the bars receives the click.
        box = stacked.locator(".bars .point path").nth(2).bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_selector("text=Danh sách chi tiết: Năm 2023, C – Công nghiệp chế biến, chế tạo", timeout=30_000)
        caption = page.locator("text=/\\d+ \\/ \\d+ dòng/").first.inner_text()
        shown, total = (int(v) for v in caption.split(" dòng")[0].split(" / "))
        assert 0 < shown == total


def test_download_csv_keeps_vietnamese_text(served):
    url, expected = served
    with chromium_page() as page:
        page.goto(url + LINK)
        wait_for_charts(page, 4)
        page.get_by_text("Xem dữ liệu").first.click()  # opening the table reruns the page and builds its files
        wait_idle(page)
        with page.expect_download() as info:
            page.get_by_role("button", name="Tải xuống CSV").first.click()
        raw = open(info.value.path(), "rb").read()
        assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark for Excel
        text = raw.decode("utf-8-sig").splitlines()
        # ";" between columns, as Excel set to Vietnamese reads a CSV into columns.
        assert text[0].split(";")[:3] == ["Năm", "Số doanh nghiệp", "Tăng so với năm trước (%)"]
        assert text[1].split(";")[:2] == [str(expected["year"].iloc[0]), str(expected["value"].iloc[0])]
        # A number Excel set to Vietnamese reads as one: decimal comma, no "%" sign, no apostrophe.
        growth = text[2].split(";")[2]
        first, second = expected["value"].iloc[0], expected["value"].iloc[1]
        assert float(growth.replace(",", ".")) == pytest.approx((second - first) / first * 100, abs=0.01)
