"""A scan of what a Vietnamese reader sees for numbers written the English way and for missing
values shown as program words: every page of the app (AppTest on the demo database), the meeting
deck and the Word report. The scanner itself is tested on planted bad strings."""
from __future__ import annotations

import datetime as dt
import io
import json
import re

import pytest

from nscl.i18n import t
from nscl.ui import PAGES
from tests.apptest import figure, open_page, page_ok, shown
from tests.vietnamese_text import english_words, problems, vietnamese_problems

AS_OF = "2026-11-26"


def test_the_scanner_finds_planted_bad_strings_and_passes_good_ones():
    for bad in ("Tăng 9.17% so với năm trước", "Đã tạo trong 0.2 giây.", "Có 4,500 doanh nghiệp",
                "Kinh phí 10000000000", "Kinh phí 10.000.000.000 đồng", "Ngày hết hạn: NaT", "None",
                "nan doanh nghiệp", "chỉ tiêu «»", "tổng 1,234,567"):
        assert problems(bad), bad
    for good in ("Tăng 9,2% so với năm trước", "Đã tạo trong 0,2 giây.", "Có 4.500 doanh nghiệp",
                 "Kinh phí 10 tỷ đồng", "250 triệu đồng", "Ngày 26/11/2026", "Năm 2025: 1.234.567",
                 "Kế hoạch 676/KH-UBND", "ISO 9001:2015", "+5,1%", "-42,0%", "«trên 200»", "giai đoạn 2021-2025"):
        assert not problems(good), good


def test_the_english_word_hunt_finds_streamlit_words_and_passes_vietnamese():
    for bad, words in (("Drag and drop file here", ["Drag", "and", "drop", "file", "here"]),
                       ("Browse files", ["Browse", "files"]), ("Select all", ["Select", "all"]),
                       ("Tải lên Upload", ["Upload"]), ("Xem dữ liệu · Download as CSV", ["Download", "as"]),
                       ("Trạng thái: On track", ["track"]), ("No results", ["results"])):
        assert english_words(bad) == words, bad
    for good in ("Tải tệp lên", "Kế hoạch 676/KH-UBND; Quyết định 1322/QĐ-TTg", "Áp dụng Lean, Kaizen, 5S, ISO 9001",
                 "Nguyễn Thị Lan", "Thanh Hoa Dong Hoi", "nghieng khuya uyen gia quoc", "Tải tệp Excel (.xlsx)",
                 "Đồng Hới, Quảng Trị", "TCVN ISO 14001:2015"):
        assert english_words(good) == [], good


# Columns whose cells are codes written as the data holds them (a tax code has ten digits).
CODE_COLUMNS = ("col_tax_code", "col_certificate_no", "col_code", "col_record_id", "col_course_id", "col_person_id")


def _layout_texts(layout: dict) -> list[str]:
    out = [str(layout.get("title", {}).get("text", ""))]
    for key, axis in layout.items():
        if key.startswith(("xaxis", "yaxis")) and isinstance(axis, dict):
            out.append(str(axis.get("title", {}).get("text", "")))
    out += [str(a.get("text", "")) for a in layout.get("annotations", ())]
    return out


def page_texts(at) -> list[str]:
    """Every text a reader sees on the page: headings, prose, captions, alerts, metrics, widget
    labels, tables' headers and cells (except code columns), charts' titles, notes and legends."""
    out = []
    for kind in ("title", "header", "subheader", "markdown", "caption", "text", "info", "warning", "error", "success"):
        out += [str(el.value) for el in at.get(kind)]
    out += [el.proto.body for el in at.get("html")]
    for el in at.get("metric"):
        out += [el.proto.label, el.proto.body, el.proto.delta]
    for kind in ("selectbox", "multiselect", "radio", "segmented_control", "button", "checkbox", "expander",
                 "tab", "download_button"):
        for el in at.get(kind):
            for name in ("label", "options", "help"):
                value = getattr(el.proto, name, None)
                if value:
                    out.append(value if isinstance(value, str) else " ".join(_option(v) for v in value))
    codes = {t(key) for key in CODE_COLUMNS if _has(key)}
    for table in at.dataframe:
        frame = shown(table)  # the texts drawn over numbers and dates, not the values under them
        out += [str(c) for c in frame.columns]
        for column in frame.columns:
            if column not in codes:
                out += [str(v) for v in frame[column]]
    for i in range(len(at.get("plotly_chart"))):
        spec = figure(at, i)
        out += _layout_texts(spec["layout"])
        out += [str(trace.get("name", "")) for trace in spec["data"]]
    return [_visible(text) for text in out if text]


def _option(value) -> str:
    """A choice's text: a button group's options are messages with their text in `content`."""
    return value if isinstance(value, str) else getattr(value, "content", str(value))


def _visible(text: str) -> str:
    """An HTML or markdown block's words: its style sheets, scripts and tags, Streamlit's icon and
    colour directives (:material/lock:, :orange[...]) and code (a file's name) are not read."""
    text = re.sub(r"<(style|script)\b[^>]*>.*?</\1>", " ", text, flags=re.S | re.I)
    text = re.sub(r":material/\w+:", " ", text)
    text = re.sub(r":(?:red|orange|green|blue|violet|gray|grey|rainbow|primary)(?:-background)?\[", "[", text)
    text = re.sub(r"`[^`]*`", " ", text)
    return re.sub(r"<[^>]+>", " ", text)


def _has(key: str) -> bool:
    from nscl.i18n import has
    return has(key)


def test_the_page_scan_reads_tables_and_metrics():
    """The scan reads what the reader sees: a table's cell and a metric's delta reach it."""
    from streamlit.testing.v1 import AppTest

    def page():
        import pandas as pd
        import streamlit as st
        st.metric("Số", "4.500", "9.17%")
        st.dataframe(pd.DataFrame({"Tên": ["None"]}))

    at = AppTest.from_function(page).run()
    found = " ".join(problems(" ".join(page_texts(at))))
    assert "9.17" in found and "'None'" in found


def test_the_page_scan_reads_the_text_a_table_draws_over_its_numbers():
    """A table's number is read as drawn (a Styler's text over it, as the app's tables are), and a
    missing number as the grid draws it without a placeholder ("None")."""
    from streamlit.testing.v1 import AppTest

    def page():
        import pandas as pd
        import streamlit as st
        st.dataframe(pd.DataFrame({"Tăng": [1.0]}).style.format(lambda v: "9.17"), hide_index=True)
        st.dataframe(pd.DataFrame({"Số": [4500, None]}).style.format(lambda v: "4.500"), hide_index=True)

    at = AppTest.from_function(page).run()
    assert at.dataframe[0].value["Tăng"].tolist() == [1.0]  # the value alone reads as a good number
    found = problems(" ".join(page_texts(at)))
    assert found == ["'9.17': English decimal mark (0.2, 9.17)", "'None': a program's word for a missing value"]


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.url_path)
def test_no_english_style_number_or_missing_word_on_a_vietnamese_page(app_env, spec):
    at = open_page(spec.path, lang="vi", as_of=AS_OF)
    assert page_ok(at)
    texts = page_texts(at)
    assert texts
    found = [p for text in texts for p in vietnamese_problems(text)]
    assert found == []
    for i in range(len(at.get("plotly_chart"))):  # Plotly writes ticks and hovers with these marks
        assert figure(at, i)["layout"].get("separators", ",.") == ",."


def test_the_staff_upload_page_with_its_history_reads_right(app_env):
    from streamlit.testing.v1 import AppTest

    from nscl.auth import User
    from nscl.settings import ROOT
    from tests.apptest import sign_in

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["as_of"] = AS_OF
    sign_in(at, User("lan", "Nguyễn Thị Lan", "staff"))
    at = at.switch_page("pages/upload.py").run()
    assert page_ok(at)
    assert [p for text in page_texts(at) for p in vietnamese_problems(text)] == []


@pytest.fixture(scope="module")
def documents(demo_db, plan):
    """The meeting deck's and the Word report's texts, built from the demo database."""
    import duckdb
    from docx import Document
    from pptx import Presentation

    from nscl.present.deck import build_deck
    from nscl.present.report import ReportSettings, build_report
    from tests.slides_from_db import collect

    as_of = dt.date(2026, 11, 26)
    con = duckdb.connect(str(demo_db))
    _, slides = collect(con, plan, "2026-2030", as_of, "vi")
    con.close()
    deck = Presentation(io.BytesIO(build_deck(slides, "Kế hoạch 676/KH-UBND · Quảng Bình")))
    deck_texts = []
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                deck_texts.append(shape.text_frame.text)
            if shape.has_table:
                deck_texts += [cell.text for row in shape.table.rows for cell in row.cells]
    settings = ReportSettings(parent_agency="UBND tỉnh Quảng Trị", agency="Sở Khoa học và Công nghệ",
                              agency_short="SKHCN", recipients=["UBND tỉnh"])
    report = Document(io.BytesIO(build_report(plan, slides, as_of, "2026-2030", settings, today=as_of)))
    report_texts = [p.text for p in report.paragraphs]
    report_texts += [cell.text for table in report.tables for row in table.rows for cell in row.cells]
    slide_texts = [json.dumps(_layout_texts(s.figure.to_plotly_json()["layout"]), ensure_ascii=False)
                   for s in slides if s.figure is not None]
    slide_texts += [text for s in slides for text in (s.title, s.subtitle, s.notes, *s.lines) if text]
    return {"deck": deck_texts, "report": report_texts, "slides": slide_texts}


@pytest.mark.parametrize("which", ["deck", "report", "slides"])
def test_no_english_style_number_in_the_deck_the_report_or_the_slides(documents, which):
    texts = documents[which]
    assert len(texts) > 5
    assert [p for text in texts for p in vietnamese_problems(text)] == []


def test_the_time_a_deck_took_is_written_the_vietnamese_way(app_env):
    at = open_page("pages/report.py", lang="vi", as_of=AS_OF)
    at.button(key="build_deck").click().run()
    assert page_ok(at)
    built = [c.value for c in at.caption if c.value.startswith("Đã tạo trong")]
    assert len(built) == 1 and re.fullmatch(r"Đã tạo trong (\d+(,\d)? giây|\d+ phút( \d+ giây)?)\.", built[0])
    assert [p for text in page_texts(at) for p in problems(text)] == []


def test_the_upload_history_says_dash_where_nothing_was_undone():
    import pandas as pd

    from nscl.ingest.report import history_table
    from nscl.present.tables import display_frame

    log = pd.DataFrame([
        dict(id=1, kind="upload", dataset="support", file_name="ht.xlsx", uploaded_by="lan",
             uploaded_at=pd.Timestamp("2026-11-02 14:05"), rows_added=1200, rows_changed=0, rows_unchanged=0,
             rows_rejected=3, status="undone", undone_at=pd.Timestamp("2026-11-03 09:00"), undone_by="an",
             undo_of=None, note=None),
        dict(id=1002, kind="upload", dataset="support", file_name="ht2.xlsx", uploaded_by="lan",
             uploaded_at=pd.Timestamp("2026-11-04 08:30"), rows_added=4500, rows_changed=2, rows_unchanged=10,
             rows_rejected=0, status="committed", undone_at=pd.NaT, undone_by=None, undo_of=None, note=None)])
    shown = display_frame(history_table(log, "vi"), "vi").set_index("Số")
    # The log's times are UTC; the page shows them in Vietnam time (UTC+7).
    assert shown.loc["1002", ["Thời điểm", "Dòng mới", "Hoàn tác lúc", "Người hoàn tác", "Hoàn tác lần"]].tolist() == \
        ["04/11/2026 15:30", "4.500", "–", "–", "–"]
    assert shown.loc["1", "Hoàn tác lúc"] == "03/11/2026 16:00"
    assert [p for text in shown.to_numpy().ravel() for p in problems(text)] == []


def test_funding_is_charted_and_tabled_in_millions_of_dong(app_env):
    from nscl.i18n import fmt_count

    at = open_page("pages/supported.py", lang="vi", as_of=AS_OF)
    assert page_ok(at)
    spec = next(figure(at, i) for i in range(len(at.get("plotly_chart")))
                if "Kinh phí hỗ trợ theo nguồn" in str(figure(at, i)["layout"]["title"]["text"]))
    assert spec["layout"]["yaxis"]["title"]["text"] == "Kinh phí (triệu đồng)"
    table = next(shown(d) for d in at.dataframe if "Kinh phí (triệu đồng)" in d.value.columns)
    tabled = dict(zip(zip(table["Năm"], table["Nguồn kinh phí"]), table["Kinh phí (triệu đồng)"]))
    charted = {(year, trace["name"]): fmt_count(y) for trace in spec["data"]
               for year, y in zip(trace["x"], trace["y"])}
    matched = [key for key in charted if key in tabled]
    assert len(matched) >= 3 and all(tabled[key] == charted[key] for key in matched)
    assert all(0 < float(v.replace(".", "").replace(",", ".")) < 1e6 for v in tabled.values() if v != "–")
