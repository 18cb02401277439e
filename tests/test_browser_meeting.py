"""Real browser: the presentation fills a 1920×1080 screen without the sidebar, the deck and the
report download and open, and the overview's print view hides the sidebar."""
import io

import pytest
from docx import Document
from pptx import Presentation

from tests.browser import chromium_page, streamlit_server, wait_idle
from tests.conftest import ARTIFACTS, build_demo_file

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def url(tmp_path_factory, plan):
    folder = tmp_path_factory.mktemp("meeting")
    db = build_demo_file(folder / "meeting.duckdb", plan)
    with streamlit_server(db, folder / "streamlit.log") as address:
        yield address


def test_presentation_at_1920x1080_without_sidebar(url):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with chromium_page(1920, 1080) as page:
        page.goto(url + "/present?as_of=2026-11-26&slide=5")
        page.wait_for_selector("text=Trang 5 / 11", timeout=60_000)
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        wait_idle(page)
        assert not page.locator("[data-testid='stSidebar']").is_visible()
        assert not page.locator("[data-testid='stHeader']").is_visible()
        size = page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.slide')).fontSize)")
        assert size >= 24
        # The chart fills the rest of the 16:9 screen, and no mode bar sits on the slide.
        plot = page.locator(".js-plotly-plot").first.bounding_box()
        assert plot["y"] + plot["height"] > 0.8 * 1080 and plot["height"] > 0.6 * 1080
        assert page.locator(".modebar").count() == 0
        page.screenshot(path=str(ARTIFACTS / "presentation.png"))
        page.get_by_role("button", name="Sau →").click()
        page.wait_for_selector("text=Trang 6 / 11", timeout=30_000)
        wait_idle(page)
        assert "slide=6" in page.url
        # What a clicker sends: arrows, PageUp/PageDown, Space, Home/End.
        for key, slide in (("ArrowRight", 7), ("PageUp", 6), ("Space", 7), ("End", 11), ("Home", 1),
                           ("PageDown", 2), ("ArrowLeft", 1)):
            page.keyboard.press(key)
            page.wait_for_selector(f"text=Trang {slide} / 11", timeout=30_000)
            wait_idle(page)
        assert page.locator("#nscl-full-screen").is_visible()


def test_deck_and_report_download_and_open(url):
    with chromium_page() as page:
        page.goto(url + "/report?as_of=2026-11-26")
        page.get_by_role("button", name="Tạo tệp PowerPoint").click()
        page.wait_for_selector("text=Tải xuống PowerPoint (.pptx)", timeout=60_000)
        wait_idle(page)
        with page.expect_download() as info:
            page.get_by_role("button", name="Tải xuống PowerPoint (.pptx)").click()
        deck = Presentation(io.BytesIO(open(info.value.path(), "rb").read()))
        assert len(deck.slides) == 11 and info.value.suggested_filename.endswith(".pptx")
        page.get_by_label("Cơ quan ban hành").fill("Sở Khoa học và Công nghệ")
        page.get_by_role("button", name="Tạo báo cáo Word").click()
        page.wait_for_selector("text=Tải xuống báo cáo (.docx)", timeout=120_000)
        wait_idle(page)
        with page.expect_download() as info:
            page.get_by_role("button", name="Tải xuống báo cáo (.docx)").click()
        report = Document(io.BytesIO(open(info.value.path(), "rb").read()))
        assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in report.tables[0].rows[0].cells[0].text
        assert len(report.inline_shapes) == 7


def test_overview_print_view_hides_the_sidebar(url):
    with chromium_page(1400, 1000) as page:
        page.goto(url + "/?as_of=2026-11-26")
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=60_000)
        wait_idle(page)
        assert page.locator("[data-testid='stSidebar']").is_visible()
        page.emulate_media(media="print")
        assert not page.locator("[data-testid='stSidebar']").is_visible()
        pdf = page.pdf(format="A4", landscape=True)
        assert pdf.startswith(b"%PDF")
        (ARTIFACTS / "overview-print.pdf").write_bytes(pdf)
