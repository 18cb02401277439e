"""Every reader shows the numbers of the base tables, never those of stale analytics tables, and
the plan's tables of the plan asked for: the command line's exports (read-only), a snapshot a
replica serves, the app. Data are changed behind the app's back with a plain DuckDB connection
(an INSERT, an UPDATE, a DELETE), as an operator would with the app stopped; the oracle is each
indicator computed straight from the base tables (tests/oracle)."""
import datetime as dt
import io
import shutil
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from docx import Document
from pptx import Presentation

from nscl import analytics
from nscl.cli import main
from nscl.i18n import t
from nscl.indicators import compute_all
from nscl.plan import load_plan
from nscl.present import slides
from nscl.present.cards import build_card
from nscl.present.deck import build_deck
from nscl.readers import ReadingRefused, in_memory_copy, open_for_reading
from nscl.settings import Settings
from nscl.snapshot import publish
from tests.apptest import open_page, page_ok
from tests.conftest import FIXTURES
from tests.slides_from_db import collect
from tests.test_analytics import OracleLibrary

AS_OF = dt.date(2025, 12, 31)
PHASE = "2021-2025"
# Each changes the number of enterprises supported in 2025 (the issue's own example is the UPDATE).
CHANGES = {
    "update": "UPDATE support_records SET supported_on = supported_on + INTERVAL 1 YEAR WHERE year(supported_on) = 2024",
    "insert": "INSERT INTO support_records SELECT 'NEW' || tax_code, tax_code, DATE '2025-06-01', 'other', NULL, NULL, "
              "NULL, NULL FROM enterprises WHERE tax_code NOT IN (SELECT tax_code FROM support_records) "
              "ORDER BY tax_code LIMIT 30",
    "delete": "DELETE FROM support_records WHERE year(supported_on) = 2025 AND hash(id) % 2 = 0",
}
OTHER_PLANS = FIXTURES / "plans"


def oracle_actuals(path, plan, lang="vi", as_of=AS_OF, phase=PHASE) -> dict[str, str]:
    """target name -> the actual result its card shows, every indicator computed from the base tables."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        results = compute_all(con, plan, plan.phase(phase), as_of, queries=OracleLibrary())
    finally:
        con.close()
    return {r.target.name(lang): build_card(r, lang, as_of, plan.province[lang]).actual_full for r in results}


def change_behind_the_back(path, statement) -> None:
    """Apply a statement with a plain connection, as an operator would with the app stopped."""
    raw = duckdb.connect(str(path))
    before = analytics.fingerprint(raw)
    raw.execute(statement)
    assert analytics.fingerprint(raw) != before
    raw.close()


def status_actuals(pptx: bytes) -> dict[str, str]:
    """indicator -> actual result, from every status table of the deck (a growth target's slide has
    a table of its years under its chart: not a status table)."""
    found = {}
    for slide in Presentation(io.BytesIO(pptx)).slides:
        if any(shape.has_chart for shape in slide.shapes):
            continue
        for shape in slide.shapes:
            if shape.has_table:
                for row in list(shape.table.rows)[1:]:
                    found[row.cells[0].text] = row.cells[1].text
    return found


def report_actuals(docx: bytes) -> dict[str, str]:
    """target -> actual result, from the report's summary table."""
    table = next(tb for tb in Document(io.BytesIO(docx)).tables if len(tb.columns) == 6)
    return {row.cells[1].text: row.cells[2].text for row in table.rows[1:]}


@pytest.fixture(params=list(CHANGES))
def changed(request, demo_db, tmp_path, plan):
    """A copy of the demo database changed behind the app's back (closed again), with the oracle."""
    # Copies only: an AppTest earlier in this process may hold the session's file with another
    # configuration, and DuckDB then refuses a second connection to it.
    original = Path(shutil.copy(demo_db, tmp_path / "original.duckdb"))
    path = tmp_path / "changed.duckdb"
    shutil.copy(original, path)
    change_behind_the_back(path, CHANGES[request.param])
    oracle = oracle_actuals(path, plan)
    # The change moves the supported enterprises of 2025 away from what the stored tables say.
    assert supported(oracle, plan) != supported(oracle_actuals(original, plan), plan)
    return path, oracle


def supported(actuals: dict[str, str], plan) -> str:
    return actuals[plan.target("supported").name("vi")]


def test_cli_deck_of_a_changed_file_shows_the_base_tables_numbers(changed, monkeypatch, tmp_path, capsys, plan):
    path, oracle = changed
    monkeypatch.setenv("NSCL_DB", str(path))
    out = tmp_path / "hop.pptx"
    assert main(["export", "deck", "--as-of", str(AS_OF), "--phase", PHASE, "-o", str(out)]) == 0
    assert status_actuals(out.read_bytes()) == oracle
    err = capsys.readouterr().err
    assert "Lưu ý: các bảng tổng hợp lưu trong" in err and "python -m nscl rebuild" in err
    raw = duckdb.connect(str(path), read_only=True)  # the file was not written
    assert not analytics.is_current(raw)
    raw.close()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_cli_report_of_a_changed_file_shows_the_base_tables_numbers(demo_db, monkeypatch, tmp_path, plan, lang):
    path = tmp_path / "changed.duckdb"
    shutil.copy(demo_db, path)
    change_behind_the_back(path, CHANGES["update"])
    monkeypatch.setenv("NSCL_DB", str(path))
    out = tmp_path / "bao-cao.docx"
    assert main(["export", "report", "--as-of", str(AS_OF), "--phase", PHASE, "-o", str(out), "--lang", lang]) == 0
    assert report_actuals(out.read_bytes()) == oracle_actuals(path, plan, lang)


def test_rebuild_stores_the_tables_and_the_export_then_reads_the_file_as_it_is(demo_db, monkeypatch, tmp_path,
                                                                                 capsys, plan):
    path = tmp_path / "changed.duckdb"
    shutil.copy(demo_db, path)
    change_behind_the_back(path, CHANGES["update"])
    monkeypatch.setenv("NSCL_DB", str(path))
    assert main(["rebuild"]) == 0
    assert "các bảng tổng hợp được tính lại từ dữ liệu gốc" in capsys.readouterr().out
    assert main(["rebuild", "--lang", "en"]) == 0
    assert "nothing to recompute" in capsys.readouterr().out
    reading = open_for_reading(Settings(db_path=str(path)), plan)
    assert not reading.computed and analytics.is_current(reading.con)
    reading.con.close()
    out = tmp_path / "hop.pptx"
    assert main(["export", "deck", "--as-of", str(AS_OF), "--phase", PHASE, "-o", str(out)]) == 0
    assert "Lưu ý" not in capsys.readouterr().err
    assert status_actuals(out.read_bytes()) == oracle_actuals(path, plan)


@pytest.fixture
def stale_snapshot(demo_db, tmp_path):
    """A changed file published with a plain connection: the snapshot's analytics tables are stale.
    (folder, the changed file for the oracle)"""
    path = tmp_path / "changed.duckdb"
    shutil.copy(demo_db, path)
    change_behind_the_back(path, CHANGES["update"])
    raw = duckdb.connect(str(path))
    publish(raw, tmp_path / "snapshot")
    raw.close()
    return tmp_path / "snapshot", path


def test_a_stale_snapshot_is_computed_afresh_when_read(stale_snapshot, plan):
    folder, path = stale_snapshot
    reading = open_for_reading(Settings(snapshot=str(folder)), plan)
    assert reading.computed and analytics.is_current(reading.con)
    results = compute_all(reading.con, plan, plan.phase(PHASE), AS_OF)
    reading.con.close()
    assert {r.target.name("vi"): build_card(r, "vi", AS_OF, plan.province["vi"]).actual_full
            for r in results} == oracle_actuals(path, plan)


def test_cli_deck_from_a_stale_snapshot_shows_the_base_tables_numbers(stale_snapshot, monkeypatch, tmp_path, capsys,
                                                                        plan):
    folder, path = stale_snapshot
    monkeypatch.setenv("NSCL_SNAPSHOT", str(folder))
    monkeypatch.setenv("NSCL_DB", str(tmp_path / "not-used.duckdb"))
    out = tmp_path / "hop.pptx"
    assert main(["export", "deck", "--as-of", str(AS_OF), "--phase", PHASE, "-o", str(out), "--lang", "en"]) == 0
    assert status_actuals(out.read_bytes()) == oracle_actuals(path, plan, "en")
    assert "Publish the snapshot again" in capsys.readouterr().err
    assert not (tmp_path / "not-used.duckdb").exists()


def test_a_replica_on_a_stale_snapshot_shows_the_base_tables_numbers(stale_snapshot, monkeypatch, tmp_path, plan):
    folder, path = stale_snapshot
    con = duckdb.connect(str(path), read_only=True)
    results = compute_all(con, plan, plan.phase(PHASE), AS_OF, queries=OracleLibrary())
    con.close()
    want = [(r.target.name("vi"), build_card(r, "vi", AS_OF, plan.province["vi"]).actual_text) for r in results]
    monkeypatch.setenv("NSCL_SNAPSHOT", str(folder))
    monkeypatch.setenv("NSCL_DB", str(tmp_path / "not-used.duckdb"))
    replica = open_page("pages/overview.py", as_of=str(AS_OF), phase=PHASE)
    assert page_ok(replica)
    assert [(m.label, m.value) for m in replica.metric] == want


def test_the_cli_deck_for_another_plan_keeps_its_phase_sector_slide(demo_db, monkeypatch, tmp_path):
    # The file was last opened read-write with Quảng Bình's plan; the deck is for another plan.
    other = load_plan(OTHER_PLANS / "test-province.toml")
    monkeypatch.setenv("NSCL_DB", shutil.copy(demo_db, tmp_path / "quang-binh.duckdb"))  # a copy: see `changed`
    monkeypatch.setenv("NSCL_PLANS_DIR", str(OTHER_PLANS))
    out = tmp_path / "hop.pptx"
    assert main(["export", "deck", "--plan", other.id, "--as-of", "2026-11-26", "-o", str(out)]) == 0
    deck = Presentation(io.BytesIO(out.read_bytes()))
    title = f"{other.target('dn-ho-tro').name('vi')} – giai đoạn × ngành kinh tế"
    grid = [s for s in deck.slides if any(sh.has_text_frame and sh.text_frame.text == title for sh in s.shapes)]
    assert len(grid) == 1 and any(sh.has_chart for sh in grid[0].shapes)
    chart = next(sh.chart for sh in grid[0].shapes if sh.has_chart)
    assert [s.name for s in chart.plots[0].series] == ["2021-2030"]  # the other plan's one period
    assert sum(sum(v for v in s.values if v) for s in chart.plots[0].series) > 0


def test_a_snapshot_read_for_another_plan_has_that_plans_periods(stale_snapshot):
    folder, _ = stale_snapshot
    other = load_plan(OTHER_PLANS / "test-province.toml")
    reading = open_for_reading(Settings(snapshot=str(folder)), other)
    _, built = collect(reading.con, other, "2021-2030", dt.date(2026, 11, 26), "vi")
    reading.con.close()
    assert [s.kind for s in built][-1] == "phase_sector"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_deck_without_its_phase_sector_slide_says_why(plan, lang):
    empty = pd.DataFrame(columns=["phase_id", "key", "value", "label"])
    no_data = slides.build_slides(plan, [], empty, lang, dt.date(2021, 1, 1), PHASE, slides.filters_text(
        slides.Filters(sectors=("U",)), lang), plan.target("supported"))
    no_target = slides.build_slides(plan, [], empty, lang, dt.date(2021, 1, 1), PHASE)
    texts = {}
    for name, built in (("no_data", no_data), ("no_target", no_target)):
        deck = Presentation(io.BytesIO(build_deck(built)))
        texts[name] = "\n".join(sh.text_frame.text for sh in list(deck.slides)[-1].shapes if sh.has_text_frame)
    name = plan.target("supported").name(lang)
    assert t("omitted_phase_sector_no_data", lang, name=name, date="01/01/2021") in texts["no_data"]
    assert t("filters_active", lang, names=t("sector", lang)) in texts["no_data"]
    assert t("omitted_phase_sector_no_target", lang, plan=plan.number) in texts["no_target"]


def test_the_presentation_says_why_the_phase_sector_slide_is_not_there(app_env, plan):
    # A sector with no enterprise at all: nothing to break down by phase and sector.
    at = open_page("pages/present.py", as_of="2026-11-26", sectors="U", slide="99")
    assert page_ok(at)
    name = plan.target("supported").name("vi")
    shown = " ".join(el.proto.body for el in at.get("html"))
    assert t("omitted_phase_sector_no_data", "vi", name=name, date="26/11/2026") in shown


def test_reading_refuses_with_a_message_when_the_copy_does_not_fit_in_memory(demo_db, tmp_path, plan, monkeypatch):
    path = tmp_path / "changed.duckdb"
    shutil.copy(demo_db, path)
    change_behind_the_back(path, CHANGES["update"])
    monkeypatch.setenv("NSCL_DUCKDB_MEMORY_MB", "8")
    with pytest.raises(ReadingRefused) as refused:
        in_memory_copy(str(path), [plan])
    assert "python -m nscl rebuild" in refused.value.text("en") and str(path) in refused.value.text("vi")
