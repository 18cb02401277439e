"""AppTest: the presentation moves through every slide, ?slide=N opens slide N; the report page
builds both files; the overview carries its print stylesheet."""
import io

from docx import Document
from pptx import Presentation

from tests.apptest import open_page, page_ok

AS_OF = "2026-11-26"


def slide_text(at) -> str:
    return " ".join(el.proto.body for el in at.get("html"))


def test_presentation_moves_through_all_slides(app_env, plan):
    at = open_page("pages/present.py", as_of=AS_OF)
    assert page_ok(at)
    total = 2 + -(-len(plan.targets) // 4) + len(plan.targets)  # title, status in fours, targets, sectors
    seen = []
    for n in range(1, total + 1):
        text = slide_text(at)
        assert f"Trang {n} / {total}" in text
        seen.append(text)
        assert at.query_params["slide"] == str(n)
        if n < total:
            at.button(key="slide_next").click().run()
            assert page_ok(at)
    assert at.button(key="slide_next").disabled
    assert "Tình trạng các chỉ tiêu (1/2)" in seen[1] and "Tình trạng các chỉ tiêu (2/2)" in seen[2]
    for i, target in enumerate(plan.targets, start=3):
        assert target.name("vi") in seen[i]
    at.button(key="slide_previous").click().run()
    assert f"Trang {total - 1} / {total}" in slide_text(at)


def test_slide_number_in_the_url_opens_that_slide(app_env, plan):
    at = open_page("pages/present.py", as_of=AS_OF, slide="5")
    assert page_ok(at)
    text = slide_text(at)
    assert "Trang 5 / 11" in text and plan.targets[1].name("vi") in text
    assert "[data-testid=\"stSidebar\"]" in text and "display: none" in text  # no sidebar in the way
    assert len(at.get("plotly_chart")) == 1


def test_report_page_builds_the_deck_and_the_report(app_env):
    at = open_page("pages/report.py", as_of=AS_OF)
    assert page_ok(at)
    at.button(key="build_deck").click().run()
    deck = Presentation(io.BytesIO(at.session_state["deck_file"]))
    assert len(deck.slides) == 11
    at.text_input(key="r_agency").input("Sở Khoa học và Công nghệ")
    at.text_input(key="r_place").input("Quảng Trị")
    at.button(key="build_report").click().run()
    assert page_ok(at)
    report = Document(io.BytesIO(at.session_state["report_file"]))
    header = " ".join(c.text for c in report.tables[0].rows[0].cells)
    assert "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in header and "Quảng Trị, ngày " in header
    assert "[CƠ QUAN CHỦ QUẢN: ……]" in header  # left empty: a marked blank, never invented


def test_overview_prints_on_a4_landscape_without_the_sidebar(app_env):
    at = open_page("pages/overview.py", as_of=AS_OF)
    css = " ".join(el.proto.body for el in at.get("html"))
    assert "@media print" in css and "size: A4 landscape" in css and "break-inside: avoid" in css
