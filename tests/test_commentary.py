"""Staff commentary: written and edited with every version kept, shown on the card, the slide, the
speaker notes and the report; plain text everywhere; flagged when the data changed after it."""
import datetime as dt
import io
import zipfile

import pytest
from docx import Document
from pptx import Presentation
from streamlit.testing.v1 import AppTest

from nscl import commentary
from nscl.auth import User
from nscl.present.deck import build_deck
from nscl.present.report import ReportSettings, build_report
from nscl.settings import ROOT, Settings
from nscl.snapshot import open_snapshot, publish
from nscl.spreadsheets import to_csv_bytes
from nscl.ui.data import _database
from nscl.ui.quality import versions_table
from tests.apptest import page_ok, sign_in
from tests.conftest import build_demo_file
from tests.helpers_quality import seed_gaps, tiny_png, upload
from tests.slides_from_db import collect

AS_OF = dt.date(2024, 11, 15)
PERIOD = "2021-2025"
HOSTILE = {"results": '<a href="http://evil.example">bấm vào đây</a> **đậm**',
           "causes": "[x](http://evil.example) thiếu kinh phí",
           "solutions": '=HYPERLINK("http://evil.example","x")'}


@pytest.fixture
def seeded(con):
    seed_gaps(con)
    upload(con, "support", dt.datetime(2024, 11, 1, 9, 30))
    return con


def write(con, texts, at, as_of=AS_OF, author="Nguyễn Thị Lan", target="supported"):
    return commentary.save(con, "quang-binh-676", target, PERIOD, as_of, texts, author, now=at)


def supported_slide(con, plan, as_of=AS_OF, lang="vi"):
    _, slides = collect(con, plan, PERIOD, as_of, lang)
    return slides, next(s for s in slides if s.kind == "target" and s.card.target_id == "supported")


def test_a_comment_written_then_edited_keeps_both_versions_and_shows_the_latest(seeded, plan):
    assert write(seeded, {"results": "Đạt kế hoạch năm.", "causes": "Thiếu kinh phí."},
                 dt.datetime(2024, 11, 10, 8, 0)) == ["results", "causes"]
    assert write(seeded, {"results": "Đạt 95% kế hoạch năm.", "causes": "Thiếu kinh phí."},
                 dt.datetime(2024, 11, 12, 16, 45), author="Trần Văn Hùng") == ["results"]
    versions = commentary.versions(seeded, "quang-binh-676", "supported", PERIOD)
    assert list(zip(versions["part"], versions["version"], versions["body"])) == [
        ("results", 2, "Đạt 95% kế hoạch năm."), ("causes", 1, "Thiếu kinh phí."),
        ("results", 1, "Đạt kế hoạch năm.")]

    slides, slide = supported_slide(seeded, plan)
    notes = slide.card.notes
    assert notes.comment_text("results") == "Đạt 95% kế hoạch năm."
    # written at 16:45 UTC: 23:45 in Vietnam
    assert notes.comment_meta == ("Trần Văn Hùng viết lúc 12/11/2024 23:45 (phiên bản 2), "
                                  "cho số liệu đến ngày 15/11/2024")
    assert notes.comment_predates == ""  # written after the upload of 01/11/2024
    assert "Kết quả: Đạt 95% kế hoạch năm." in slide.notes and "Nguyên nhân: Thiếu kinh phí." in slide.notes

    deck = Presentation(io.BytesIO(build_deck(slides, "test")))
    page = deck.slides[slides.index(slide)]
    assert "Kết quả: Đạt 95% kế hoạch năm." in page.notes_slide.notes_text_frame.text
    assert "Kết quả: Đạt 95% kế hoạch năm." in " ".join(s.text_frame.text for s in page.shapes if s.has_text_frame)

    targets = [s for s in slides if s.kind == "target"]
    report = build_report(plan, slides, AS_OF, PERIOD, ReportSettings(), today=AS_OF,
                          images=[tiny_png()] * len(targets))
    paragraphs = [p.text for p in Document(io.BytesIO(report)).paragraphs]
    assert "Đánh giá của đơn vị: Đạt 95% kế hoạch năm." in paragraphs
    causes = paragraphs.index("2. Nguyên nhân")
    assert paragraphs[causes + 1] == f"- {slide.card.name}: Thiếu kinh phí."
    solutions = paragraphs.index("3. Nhiệm vụ, giải pháp")  # nobody wrote one: still a marked blank
    assert paragraphs[solutions + 1] == "[Nhiệm vụ, giải pháp: nội dung do đơn vị bổ sung. ……]"


def test_empty_too_long_or_unchanged_input_saves_nothing(seeded):
    write(seeded, {"results": "Đạt."}, dt.datetime(2024, 11, 10))
    with pytest.raises(commentary.CommentRefused) as empty:
        write(seeded, {"results": "   "}, dt.datetime(2024, 11, 11))
    assert empty.value.text() == "Phần «Kết quả» đang trống: hãy nhập nội dung (ý kiến chưa được lưu)."
    with pytest.raises(commentary.CommentRefused) as long:
        write(seeded, {"results": "Đạt.", "causes": "a" * 4001, "solutions": "Tăng cường."},
              dt.datetime(2024, 11, 11))
    assert long.value.text() == ("Phần «Nguyên nhân» dài 4.001 ký tự, vượt giới hạn 4.000 ký tự: "
                                 "hãy rút gọn (ý kiến chưa được lưu).")
    assert long.value.text("en").startswith("The part «Causes» has 4,001 characters")
    with pytest.raises(commentary.CommentRefused, match="không thay đổi"):
        write(seeded, {"results": "Đạt."}, dt.datetime(2024, 11, 11))
    assert seeded.execute("SELECT count(*) FROM target_comments").fetchall() == [(1,)]
    assert write(seeded, {"results": "Đạt.", "causes": "a" * 4000}, dt.datetime(2024, 11, 11)) == ["causes"]


def test_hostile_text_stays_text_everywhere(seeded, plan):
    write(seeded, HOSTILE, dt.datetime(2024, 11, 10))
    slides, slide = supported_slide(seeded, plan)
    for part, text in HOSTILE.items():
        assert slide.card.notes.comment_text(part) == text
    deck = build_deck(slides, "test")
    with zipfile.ZipFile(io.BytesIO(deck)) as z:
        xml = "".join(z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml"))
    assert "hlinkClick" not in xml and "&lt;a href=" in xml  # stored as text, escaped by XML
    targets = [s for s in slides if s.kind == "target"]
    report = build_report(plan, slides, AS_OF, PERIOD, ReportSettings(), today=AS_OF,
                          images=[tiny_png()] * len(targets))
    with zipfile.ZipFile(io.BytesIO(report)) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "w:hyperlink" not in body and "w:fldSimple" not in body and "w:instrText" not in body
    text = "\n".join(p.text for p in Document(io.BytesIO(report)).paragraphs)
    assert f"Đánh giá của đơn vị: {HOSTILE['results']}" in text and HOSTILE["solutions"] in text
    table = versions_table(commentary.versions(seeded, "quang-binh-676", "supported", PERIOD), "vi")
    csv = to_csv_bytes(table, "vi").decode("utf-8-sig")
    assert "'=HYPERLINK(" in csv and ";=HYPERLINK" not in csv


def test_a_comment_older_than_the_data_is_flagged(seeded, plan):
    write(seeded, {"results": "Đạt."}, dt.datetime(2024, 10, 20, 10, 0))
    _, slide = supported_slide(seeded, plan)
    assert slide.card.notes.comment_predates == ("Ý kiến được viết trước lần cập nhật số liệu gần nhất "
                                                 "(01/11/2024 16:30): số liệu có thể đã thay đổi")  # 09:30 UTC
    assert slide.card.notes.comment_predates in slide.notes


def test_a_comment_stays_with_its_period_and_as_of_date(seeded, plan):
    write(seeded, {"results": "Tháng 11."}, dt.datetime(2024, 11, 20), as_of=AS_OF)
    _, before = supported_slide(seeded, plan, as_of=dt.date(2024, 10, 31))
    assert before.card.notes.comment == ()  # written for a later as-of date
    _, later = supported_slide(seeded, plan, as_of=dt.date(2024, 12, 31))
    assert later.card.notes.comment_text("results") == "Tháng 11."
    _, other_phase = supported_slide(seeded, plan, as_of=dt.date(2026, 11, 26))
    other = collect(seeded, plan, "2026-2030", dt.date(2026, 11, 26), "vi")[1]
    assert all(s.card.notes.comment == () for s in other if s.kind == "target")


def test_comments_are_part_of_the_published_snapshot(seeded, plan, tmp_path):
    write(seeded, {"causes": "Thiếu kinh phí."}, dt.datetime(2024, 11, 10))
    replica = open_snapshot(publish(seeded, tmp_path / "snapshot"))
    _, slides = collect(replica, plan, PERIOD, AS_OF, "vi")
    card = next(s.card for s in slides if s.kind == "target" and s.card.target_id == "supported")
    assert card.notes.comment_text("causes") == "Thiếu kinh phí."
    assert card.notes.freshness.endswith("59 bản ghi")


@pytest.fixture
def staff_db(tmp_path, monkeypatch, plan):
    db = build_demo_file(tmp_path / "comments.duckdb", plan)
    monkeypatch.setenv("NSCL_DB", str(db))
    return db


def overview_as_staff(**query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in {"as_of": "2026-11-26", **query}.items():
        at.query_params[key] = value
    sign_in(at, User("lan", "Nguyễn Thị Lan", "staff"))
    return at.switch_page("pages/overview.py").run()


def test_staff_write_and_edit_on_the_overview_and_leaders_read_it_as_text(staff_db):
    at = overview_as_staff()
    assert page_ok(at)
    at.text_area(key="comment_supported_results").input(HOSTILE["results"])
    at.text_area(key="comment_supported_causes").input(HOSTILE["causes"])
    at.button(key="comment_save_supported").click()
    at.run()
    assert page_ok(at), [e.value for e in at.error]
    shown = [el.value for el in at.text]
    assert HOSTILE["results"] in shown and HOSTILE["causes"] in shown
    assert not any("evil.example" in m.value for m in at.markdown)  # never rendered as Markdown or HTML
    assert any("Đã lưu ý kiến" in s.value for s in at.success)

    at.text_area(key="comment_supported_results").input("Đạt 95% <b>kế hoạch</b> năm.")
    at.button(key="comment_save_supported").click()
    at.run()
    assert "Đạt 95% <b>kế hoạch</b> năm." in [el.value for el in at.text]
    settings = Settings.from_env()  # the app holds the file: read through its own connection
    con, _ = _database(settings.db_path, settings.plan_id, settings.plans_dir)
    versions = commentary.versions(con.cursor(), "quang-binh-676", "supported", "2026-2030")
    assert sorted(zip(versions["part"], versions["version"])) == [("causes", 1), ("results", 1), ("results", 2)]

    at.text_area(key="comment_supported_solutions").input("x" * 4001)
    at.button(key="comment_save_supported").click()
    at.run()
    assert [e.value for e in at.error] == ["Phần «Giải pháp» dài 4.001 ký tự, vượt giới hạn 4.000 ký tự: "
                                           "hãy rút gọn (ý kiến chưa được lưu)."]
    assert len(commentary.versions(con.cursor(), "quang-binh-676", "supported", "2026-2030")) == 3

    present = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    present.query_params["as_of"], present.query_params["slide"] = "2026-11-26", "6"
    present.switch_page("pages/present.py").run()
    html = " ".join(el.proto.body for el in present.get("html"))
    assert "Kết quả: Đạt 95% &lt;b&gt;kế hoạch&lt;/b&gt; năm." in html and "<b>kế hoạch" not in html
    assert "Nguyên nhân: [x](http://evil.example) thiếu kinh phí" in html and "<a " not in html


def test_without_a_login_there_is_no_form(staff_db):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["as_of"] = "2026-11-26"
    at.switch_page("pages/overview.py").run()
    assert page_ok(at) and len(at.text_area) == 0
