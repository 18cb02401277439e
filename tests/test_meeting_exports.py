"""The PowerPoint deck and the official report, opened back with python-pptx and python-docx."""
import datetime as dt
import io
import threading

import pytest
from docx import Document
from pptx import Presentation

from nscl import registry
from nscl.present.deck import build_deck
from nscl.present.report import ReportSettings, build_report
from tests.slides_from_db import collect

AS_OF = dt.date(2026, 11, 26)


@pytest.fixture(scope="module")
def meeting(demo_db, plan):
    import duckdb
    con = duckdb.connect(str(demo_db))  # same configuration as the app in this process
    results, slides = collect(con, plan, "2026-2030", AS_OF, "vi")
    con.close()
    return results, slides


@pytest.fixture(scope="module")
def deck(meeting):
    return Presentation(io.BytesIO(build_deck(meeting[1], "Kế hoạch 676/KH-UBND · Quảng Bình")))


def texts(slide) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def test_deck_has_the_slides_of_the_presentation(deck, meeting, plan):
    results, slides = meeting
    assert len(deck.slides) == len(slides) == 2 + -(-len(plan.targets) // 4) + len(plan.targets)
    assert (deck.slide_width, deck.slide_height) == (12192000, 6858000)  # 16:9
    assert "Kế hoạch triển khai thực hiện Chương trình quốc gia" in texts(deck.slides[0])


def test_status_tables_are_real_tables_with_every_target_in_fours(deck, meeting):
    rows = []
    for slide in list(deck.slides)[1:3]:  # seven targets: two status slides of at most four rows
        table = next(s for s in slide.shapes if s.has_table).table
        part = [[cell.text for cell in row.cells] for row in table.rows]
        assert part[0][0] == "Chỉ tiêu theo dõi" and 1 < len(part) <= 5
        rows += part[1:]
    cards = [s.card for s in meeting[1] if s.kind == "target"]
    assert [(r[0], r[1], r[3]) for r in rows] == [(c.name, c.actual_full, c.status_label) for c in cards]


def test_each_target_slide_has_a_native_chart_with_the_sql_values(deck, meeting):
    results, _ = meeting
    for slide, result in zip(list(deck.slides)[3:3 + len(results)], results):
        chart = next(s for s in slide.shapes if s.has_chart).chart
        series = {s.name: list(s.values) for s in chart.plots[0].series}
        categories = list(chart.plots[0].categories)
        assert [c.split(" ")[0] for c in categories] == [str(int(y)) for y in result.series["year"]]
        assert "2026 (đến 26/11)" in categories  # the running year says it is partial
        if result.target.kind == "count":
            expected = [None if v != v or v is None else float(v) for v in result.series["cumulative"].astype(float)]
            assert series["Lũy kế"] == expected
            assert set(series["Chỉ tiêu"]) == {result.target_value}
        elif result.target.kind == "growth":
            growth = [None if g is None or g != g else round(g * 100, 1) for g in result.series["growth"]]
            assert series["Tăng so với năm trước (%)"] == growth
        else:
            assert list(series.values())[0] == [float(v) for v in result.series["value"]]
        assert result.target.name("vi") in texts(slide)  # Vietnamese text intact
        notes = slide.notes_slide.notes_text_frame.text
        assert registry.definition(result.target, "vi") in notes and "26/11/2026" in notes


def test_deck_text_uses_a_font_with_vietnamese_diacritics(deck):
    fonts = {run.font.name for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
             for p in shape.text_frame.paragraphs for run in p.runs}
    assert fonts == {"Arial"}


@pytest.fixture(scope="module")
def report(meeting, plan):
    settings = ReportSettings(parent_agency="UBND tỉnh Quảng Trị", agency="Sở Khoa học và Công nghệ",
                              agency_short="SKHCN", recipients=["UBND tỉnh", "Bộ Khoa học và Công nghệ"])
    data = build_report(plan, meeting[1], AS_OF, "2026-2030", settings, today=AS_OF)
    return Document(io.BytesIO(data))


def test_report_header_follows_decree_30(report):
    header = report.tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert "UBND TỈNH QUẢNG TRỊ" in left and "SỞ KHOA HỌC VÀ CÔNG NGHỆ" in left and "Số: ……/BC-SKHCN" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert "[địa danh: ……], ngày 26 tháng 11 năm 2026" in right  # unknown place: a marked blank
    body = "\n".join(p.text for p in report.paragraphs)
    assert "BÁO CÁO" in body and "Kế hoạch số 676/KH-UBND" in body


def test_report_font_is_times_new_roman_13_to_14(report):
    runs = [r for p in report.paragraphs for r in p.runs if r.text.strip()]
    assert {r.font.name for r in runs} == {"Times New Roman"}
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    body = [r.font.size.pt for p in report.paragraphs if p.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY for r in p.runs]
    assert len(body) > 10 and all(13 <= size <= 14 for size in body)


def test_summary_table_has_one_row_per_target_with_values_and_statuses(report, meeting):
    table = next(t for t in report.tables if t.rows[0].cells[0].text == "STT")
    rows = [[c.text for c in row.cells] for row in table.rows[1:]]
    cards = [s.card for s in meeting[1] if s.kind == "target"]
    assert [(r[1], r[2], r[3], r[5]) for r in rows] == [
        (c.name, c.actual_full, c.target_text, c.status_label) for c in cards]


def test_closing_part_names_the_targets_not_met_or_behind_with_their_figures(report, meeting):
    from nscl import status as st

    text = "\n".join(p.text for p in report.paragraphs)
    closing = text[text.index("III. ĐÁNH GIÁ CHUNG"):]
    cards = [s.card for s in meeting[1] if s.kind == "target"]
    behind = [c for c in cards if c.status in (st.NOT_ACHIEVED, st.DETERIORATING, st.OFF_TRACK, st.ACCELERATE)]
    assert behind, "the demo data has targets behind"
    assert "Các chỉ tiêu chưa đạt hoặc chậm so với yêu cầu" in closing
    for card in behind:
        # The target inside a sentence: its parts joined by a comma ("…(2026-2030), đạt khi từ 9").
        assert f"- {card.name}: {card.actual_full}; chỉ tiêu {card.target_text.replace(' · ', ', ')}" in closing
    for card in cards:
        if card not in behind:
            assert f"- {card.name}:" not in closing


def test_report_has_a_chart_image_per_target_and_the_recipients(report, meeting):
    assert len(report.inline_shapes) == len(meeting[0])
    closing = report.tables[-1].rows[0].cells
    assert "Nơi nhận:" in closing[0].text and "- Bộ Khoa học và Công nghệ;" in closing[0].text
    assert "[họ và tên người ký: ……]" in closing[1].text


def test_two_people_exporting_at_once_get_their_own_files(meeting, plan):
    out = {}

    def work(name):
        settings = ReportSettings(agency=f"Cơ quan {name}")
        out[name] = (build_deck(meeting[1], name), build_report(plan, meeting[1], AS_OF, "2026-2030", settings,
                                                                today=AS_OF))

    threads = [threading.Thread(target=work, args=(n,)) for n in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for name in ("A", "B"):
        deck_bytes, report_bytes = out[name]
        assert Presentation(io.BytesIO(deck_bytes)).slides
        text = "\n".join(c.text for c in Document(io.BytesIO(report_bytes)).tables[0].rows[0].cells)
        assert f"CƠ QUAN {name}" in text
