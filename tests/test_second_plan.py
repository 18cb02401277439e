"""Another province's plan runs the whole product with no code change: its own target ids, a
subset of the indicators, other standards, one multi-year period, its own thresholds and
qualifiers, another province's outline. Every page in AppTest, the deck and the report."""
import datetime as dt
import io

import duckdb
import pytest
from docx import Document
from pptx import Presentation

from nscl import status as st
from nscl.i18n import t
from nscl.indicators import compute_all
from nscl.plan import load_plan
from nscl.present.deck import build_deck
from nscl.present.report import ReportSettings, build_report
from nscl.settings import Settings
from nscl.ui import PAGES
from nscl.ui.data import _database
from tests.apptest import figure, open_page, page_ok
from tests.conftest import FIXTURES, build_demo_file
from tests.slides_from_db import collect

PLANS = FIXTURES / "plans"
AS_OF = "2026-11-26"


@pytest.fixture(scope="module")
def other():
    return load_plan(PLANS / "test-province.toml")


@pytest.fixture(scope="module")
def other_db(tmp_path_factory, other):
    return build_demo_file(tmp_path_factory.mktemp("other") / "other.duckdb", other)


@pytest.fixture
def other_env(monkeypatch, other_db, other):
    monkeypatch.setenv("NSCL_DB", str(other_db))
    monkeypatch.setenv("NSCL_PLAN", other.id)
    monkeypatch.setenv("NSCL_PLANS_DIR", str(PLANS))
    return other_db


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.url_path)
def test_every_page_runs_on_the_other_plan(other_env, spec, lang):
    at = open_page(spec.path, lang=lang, as_of=AS_OF)
    assert page_ok(at), (at.exception, [e.value for e in at.error])


def test_the_overview_has_the_other_plans_cards_and_statuses(other_env, other):
    at = open_page("pages/overview.py", as_of=AS_OF)
    assert page_ok(at)
    assert [m.label for m in at.metric] == [tg.name("vi") for tg in other.targets]
    assert at.selectbox[0].value == "2021-2030"  # its one period
    settings = Settings.from_env()  # the app holds the file: read through its own connection
    connection, plan = _database(settings.db_path, settings.plan_id, settings.plans_dir)
    results = compute_all(connection.cursor(), plan, plan.phase("2021-2030"), dt.date(2026, 11, 26))
    badges = " ".join(el.proto.body for el in at.get("html"))
    for result in results:
        assert result.assessment.status.vi in badges
    statuses = {r.target.id: r.assessment.status for r in results}
    assert statuses["iso22000"] == st.MONITORED
    assert any("99/KH-UBND" in c.value for c in at.caption)


def test_pages_show_the_other_plans_targets_and_say_when_there_is_none(other_env):
    cert = open_page("pages/certification.py", as_of=AS_OF)
    assert [h.value for h in cert.subheader][:2] == ["Giấy chứng nhận HACCP cấp mới",
                                                      "Giấy chứng nhận ISO 22000 còn hiệu lực"]
    conformity = open_page("pages/conformity.py", as_of=AS_OF)
    assert any(t("no_target_here", "vi", plan="99/KH-UBND") == i.value for i in conformity.info)
    pilots = open_page("pages/pilots.py", as_of=AS_OF)
    captions = " ".join(c.value for c in pilots.caption)
    assert "bắt đầu xây dựng mô hình điểm trong kỳ" in captions  # the plan's event = started
    assert "«Khoảng 6»: đạt khi kết quả từ 5 trở lên" in captions  # 20 % tolerance


def test_the_map_draws_the_other_plans_province(other_env):
    at = open_page("pages/supported.py", as_of=AS_OF, by="place")
    assert page_ok(at)
    maps = [figure(at, i) for i in range(len(at.get("plotly_chart")))]
    outline = next(f["data"][0] for f in maps if f["data"] and f["data"][0].get("fill") == "toself")
    lons = [x for x in outline["x"] if x is not None]
    lats = [y for y in outline["y"] if y is not None]
    # Hà Tĩnh (GSO 42), not Quảng Bình: its outline lies north of 17.9° N.
    assert 105.0 < min(lons) and max(lons) < 106.6 and min(lats) > 17.8 and max(lats) < 18.9


def test_deck_and_report_build_for_the_other_plan(other_db, other):
    con = duckdb.connect(str(other_db))
    try:
        results, slides = collect(con, other, "2021-2030", dt.date(2026, 11, 26), "vi")
    finally:
        con.close()
    deck = Presentation(io.BytesIO(build_deck(slides, "99/KH-UBND")))
    titles = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    for target in other.targets:
        assert any(target.name("vi") in text for text in titles)
    report = Document(io.BytesIO(build_report(other, slides, dt.date(2026, 11, 26), "2021-2030",
                                              ReportSettings(), today=dt.date(2026, 11, 27))))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "99/KH-UBND" in text
    for target in other.targets:
        assert target.name("vi") in text
