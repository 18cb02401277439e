"""Several plans in one database, each on its territory (issue 20, part 2).

A plan file names its territory by official code and day; the places lying in it are spread across
the 1/7/2025 reform (nscl/territory.py) into plan_places when the plans are synced; every indicator
counts only the records whose place lies there, and records without a place only for a plan covering
the whole deployment. Hand-made data at the boundary dates 30/6/2025 and 1/7/2025; every reading path
(the app, the command line's export, a snapshot, the published edition) equal to the oracle over the
base tables after an INSERT, an UPDATE and a DELETE made behind the app's back."""
from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from nscl import analytics
from nscl.cli import main
from nscl.connect import open_database
from nscl.db import migrate, sync_plans
from nscl.indicators import compute_all
from nscl.plan import PlanFileError, load_plan, parse_plan
from nscl.present.cards import build_card
from nscl.publish import publish
from nscl.readers import open_for_reading
from nscl.settings import PLANS_DIR, Settings
from nscl.snapshot import publish as publish_snapshot
from tests.apptest import open_page, page_ok, shown
from tests.conftest import insert
from tests.edition_pages import cards as edition_cards
from tests.test_analytics import OracleLibrary
from tests.test_reading_paths import status_actuals

AS_OF = dt.date(2025, 12, 31)
PHASE = "2021-2025"
BEFORE, AFTER = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
BASE = "".join(line for line in (PLANS_DIR / "quang-binh-676.toml").read_text(encoding="utf-8").splitlines(True)
               if not line.startswith("territory = "))  # Plan 676's own territory: each test sets its own
TERRITORIES = {  # on the shipped catalogue (the provinces' own territories: the hand-made one below)
    "dong-hoi": '[{ code = "450", on = 2025-06-30 }]',   # the former city Đồng Hới
    "le-thuy": '[{ code = "19249", on = 2025-07-01 }]',  # the new xã Lệ Thủy only
    "whole": None,                                       # the whole deployment (NSCL_PROVINCES = 44)
}


EXAMPLE = "le-thuy"  # marked as an illustrative example plan


def plan_text(plan_id: str, territory: str | None) -> str:
    text = BASE.replace('id = "quang-binh-676"', f'id = "{plan_id}"', 1)
    if territory:
        text = text.replace('outline = "Quảng Bình"\n', f'outline = "Quảng Bình"\nterritory = {territory}\n', 1)
    if plan_id == EXAMPLE:
        text = text.replace('outline = "Quảng Bình"\n', 'outline = "Quảng Bình"\nillustrative = true\n', 1)
    return text


@pytest.fixture(scope="module")
def plans_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("territory-plans")
    for plan_id, territory in TERRITORIES.items():
        (folder / f"{plan_id}.toml").write_text(plan_text(plan_id, territory), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def plans(plans_dir):
    return {p: load_plan(plans_dir / f"{p}.toml") for p in TERRITORIES}


def firm(tax_code: str, place: str) -> dict:
    return dict(tax_code=tax_code, name="Công ty " + tax_code, sector_code="C", place_code=place, size="small",
                ownership="non_state")


def fill(con) -> None:
    """Records at the boundary: old places on 30/6/2025, new ones on 1/7/2025, and some without a place."""
    insert(con, "enterprises", [firm("T450", "450"), firm("T18880", "18880"), firm("T19249", "19249"),
                                firm("T457", "457")])
    insert(con, "support_records", [
        dict(id="S1", tax_code="T450", supported_on=BEFORE, solution_type="other"),
        dict(id="S2", tax_code="T457", supported_on=BEFORE, solution_type="other"),
        dict(id="S3", tax_code="T18880", supported_on=AFTER, solution_type="other"),
        dict(id="S4", tax_code="T19249", supported_on=AFTER, solution_type="other"),
        dict(id="S5", tax_code="T999", supported_on=BEFORE, solution_type="other"),  # no such enterprise
    ])
    insert(con, "certificates", [
        dict(certificate_no=f"C{i}", body="QUACERT", tax_code=tax, standard="ISO 9001", issued_on=day,
             expires_on=dt.date(2028, 1, 1))
        for i, (tax, day) in enumerate([("T450", BEFORE), ("T999", BEFORE), ("T19249", AFTER)])])
    insert(con, "experts", [
        dict(certificate_no="X1", person_id="P1", person_name="Người Một", certified_on=AFTER),
        dict(certificate_no="X2", person_id="P4", person_name="Người Bốn", certified_on=AFTER, place_code="18880"),
        dict(certificate_no="X3", person_id="P5", person_name="Người Năm", certified_on=AFTER, place_code="19249")])
    insert(con, "courses", [
        dict(id="K1", kind="in_depth", title="Khóa 1", start_date=BEFORE, end_date=BEFORE, place_code="457"),
        dict(id="K2", kind="in_depth", title="Khóa 2", start_date=AFTER, end_date=AFTER, place_code="18880")])
    insert(con, "participants", [
        dict(course_id="K1", person_id="P2", person_name="Người Hai", tax_code="T457", role="leader"),
        dict(course_id="K2", person_id="P3", person_name="Người Ba", tax_code="T18880", role="manager")])
    insert(con, "pilot_models", [
        dict(id="M1", tax_code="T19249", solution="5S", started_on=BEFORE, recognised_on=AFTER),
        dict(id="M2", tax_code="T999", solution="Kaizen", started_on=BEFORE, recognised_on=BEFORE)])
    insert(con, "cabs", [dict(id="B1", name="Tổ chức 1", accreditation_standard="ISO/IEC 17025",
                              accredited_on=BEFORE, place_code="450")])


# Each plan's numbers of 2025, worked by hand: the former city Đồng Hới holds its old district 450
# (30/6) and the new phường Đồng Hới 18880 formed from it (1/7), not the records without a place; xã
# Lệ Thủy holds only 19249 (1/7), not the old district 457 (30/6), split between seven new communes;
# the whole deployment holds everything, the records without a place too (expert X1 has none).
EXPECTED = {
    "dong-hoi": {"experts": 1, "managers": 1, "supported": 2, "iso9001": 1, "iso14001": 0, "pilots": 0, "cab": 1},
    "le-thuy": {"experts": 1, "managers": 0, "supported": 1, "iso9001": 1, "iso14001": 0, "pilots": 1, "cab": 0},
    "whole": {"experts": 3, "managers": 2, "supported": 5, "iso9001": 3, "iso14001": 0, "pilots": 2, "cab": 1},
}


@pytest.fixture(scope="module")
def db_file(tmp_path_factory, plans_dir, plans):
    path = tmp_path_factory.mktemp("territory-db") / "plans.duckdb"
    con = open_database(str(path), plans=list(plans.values()))
    fill(con)
    analytics.ensure_current(con)
    con.close()
    return path


def year_values(con, plan, queries=None) -> dict[str, int]:
    results = compute_all(con, plan, plan.phase(PHASE), AS_OF, queries=queries)
    return {r.target.id: int(r.series.set_index("year").loc[2025, "value"]) for r in results}


def test_each_plan_counts_the_records_on_its_territory_at_the_boundary_dates(db_file, plans):
    con = duckdb.connect(str(db_file), read_only=True)
    try:
        for plan_id, plan in plans.items():
            assert year_values(con, plan) == EXPECTED[plan_id], plan_id
            assert year_values(con, plan, OracleLibrary()) == EXPECTED[plan_id], plan_id
    finally:
        con.close()


# A hand-made catalogue across the reform (the lead's key rule: an abolished unit whose code is
# reused is keyed <code>-old): old Quảng Bình 44 and Quảng Trị 45 form the new 44.
PLACES = [  # key, official code, level, parent, valid_from, valid_to
    ("44-old", "44", "province", None, None, BEFORE), ("45", "45", "province", None, None, BEFORE),
    ("44", "44", "province", None, AFTER, None),
    ("450", "450", "district", "44-old", None, BEFORE), ("461", "461", "district", "45", None, BEFORE),
    ("18880-old", "18880", "commune", "450", None, BEFORE), ("18886", "18886", "commune", "450", None, BEFORE),
    ("18890", "18890", "commune", "450", None, BEFORE), ("19360", "19360", "commune", "461", None, BEFORE),
    ("18880", "18880", "commune", "44", AFTER, None), ("18859", "18859", "commune", "44", AFTER, None),
    ("19330", "19330", "commune", "44", AFTER, None),
]
LINKS = [("44-old", "44", False), ("45", "44", False), ("18880-old", "18880", False), ("18886", "18880", True),
         ("18886", "18859", True), ("18890", "18859", False), ("19360", "19330", False)]


def territory_plan(plan_id: str, units: list[tuple[str, dt.date]]):
    import tomllib

    raw = tomllib.loads(plan_text(plan_id, None))
    plan = parse_plan(raw)
    from dataclasses import replace

    return replace(plan, territory=tuple(units))


@pytest.mark.parametrize(("units", "expected"), [
    ([("44", BEFORE)], {"44-old", "450", "18880-old", "18886", "18890", "18880", "18859"}),
    ([("45", BEFORE)], {"45", "461", "19360", "19330"}),
    ([("44", AFTER)], {"", *(p[0] for p in PLACES)}),
    ([("44", BEFORE), ("45", BEFORE)], {"", *(p[0] for p in PLACES)}),  # both old provinces: the whole new one
    ([("18880", AFTER)], {"18880", "18880-old"}),  # 18886 went partly into 18859: not wholly in phường Đồng Hới
    ([("18880", BEFORE)], {"18880-old"}),
    ([], {"", *(p[0] for p in PLACES)}),  # no territory: the whole deployment
])
def test_the_places_of_a_territory_follow_the_links_across_the_reform(units, expected):
    con = duckdb.connect(":memory:")
    migrate(con)
    con.executemany("INSERT INTO places (code, gso_code, name_vi, name_en, level, parent_code, valid_from, valid_to)"
                    " VALUES ($1, $2, $1, $1, $3, $4, $5, $6)", PLACES)
    con.executemany("INSERT INTO place_links (old_code, new_code) VALUES ($1, $2)", [link[:2] for link in LINKS])
    sync_plans(con, [territory_plan("p", units)], provinces=("44",))
    assert {r[0] for r in con.execute("SELECT place_code FROM plan_places WHERE plan_id = 'p'").fetchall()} == expected


@pytest.mark.parametrize(("code", "day"), [("99", "2025-06-30"), ("450", "2025-07-01"), ("44", "1980-01-01")])
def test_a_territory_unit_unknown_at_its_day_is_refused_in_vietnamese(code, day):
    import tomllib

    raw = tomllib.loads(plan_text("x", f'[{{ code = "{code}", on = {day} }}]'))
    with pytest.raises(PlanFileError) as refused:
        parse_plan(raw, "x.toml")
    shown = dt.date.fromisoformat(day).strftime("%d/%m/%Y")
    assert refused.value.lines("vi") == [
        f'x.toml: plan.territory[1].code: không có đơn vị hành chính nào mang mã "{code}" vào ngày {shown} '
        "trong danh mục địa bàn"]


def test_one_database_holds_every_plan_of_the_folder(db_file, plans_dir, plans, monkeypatch):
    monkeypatch.setenv("NSCL_PLANS_DIR", str(plans_dir))
    reading = open_for_reading(Settings(db_path=str(db_file), plans_dir=str(plans_dir)), plans["whole"])
    try:
        ids = {r[0] for r in reading.con.execute("SELECT id FROM plans").fetchall()}
        placed = {r[0] for r in reading.con.execute("SELECT DISTINCT plan_id FROM plan_places").fetchall()}
    finally:
        reading.con.close()
    assert ids == placed == set(TERRITORIES)


CHANGES = {  # each moves a number of 2025 for some plan
    "insert": "INSERT INTO support_records VALUES ('S9', 'T19249', DATE '2025-06-30', 'other', NULL, NULL, NULL, NULL),"
              " ('S10', 'T450', DATE '2025-07-01', 'other', NULL, NULL, NULL, NULL)",
    "update": "UPDATE enterprises SET place_code = '19249' WHERE tax_code = 'T450'",
    "delete": "DELETE FROM support_records WHERE tax_code IN ('T19249', 'T999')",
}


def oracle(path, plan, full: bool = True) -> dict[str, str]:
    """target name -> its card's result (with its year when full), every indicator from the base tables."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        results = compute_all(con, plan, plan.phase(PHASE), AS_OF, queries=OracleLibrary())
    finally:
        con.close()
    cards = [(r.target.name("vi"), build_card(r, "vi", AS_OF, plan.place("vi"))) for r in results]
    return {name: card.actual_full if full else card.actual_text for name, card in cards}


@pytest.fixture(params=list(CHANGES))
def changed(request, db_file, tmp_path):
    path = Path(shutil.copy(db_file, tmp_path / "changed.duckdb"))
    raw = duckdb.connect(str(path))
    raw.execute(CHANGES[request.param])
    raw.close()
    return path


@pytest.mark.parametrize("plan_id", list(TERRITORIES))
def test_the_export_and_a_snapshot_show_each_plans_oracle_numbers(changed, plans_dir, plans, plan_id, monkeypatch,
                                                                   tmp_path):
    plan = plans[plan_id]
    want = oracle(changed, plan)
    monkeypatch.setenv("NSCL_DB", str(changed))
    monkeypatch.setenv("NSCL_PLANS_DIR", str(plans_dir))
    out = tmp_path / "hop.pptx"
    assert main(["export", "deck", "--plan", plan_id, "--as-of", str(AS_OF), "--phase", PHASE, "-o", str(out)]) == 0
    assert status_actuals(out.read_bytes()) == want
    raw = duckdb.connect(str(changed))
    publish_snapshot(raw, tmp_path / "snapshot")
    raw.close()
    reading = open_for_reading(Settings(snapshot=str(tmp_path / "snapshot"), plans_dir=str(plans_dir)), plan)
    try:
        results = compute_all(reading.con, plan, plan.phase(PHASE), AS_OF)
    finally:
        reading.con.close()
    assert {r.target.name("vi"): build_card(r, "vi", AS_OF, plan.place("vi")).actual_full for r in results} == want


def test_the_edition_shows_each_plans_oracle_numbers(changed, plans_dir, plans, monkeypatch, tmp_path):
    monkeypatch.setenv("NSCL_PLANS_DIR", str(plans_dir))
    for plan_id, plan in plans.items():
        want = oracle(changed, plan)
        con = open_for_reading(Settings(db_path=str(changed), plans_dir=str(plans_dir)), plan).con
        try:
            publish(con, plan, AS_OF, tmp_path / plan_id)
        finally:
            con.close()
        shown = edition_cards(tmp_path / plan_id / "p" / PHASE / "index.html")
        for target in plan.targets:
            assert want[target.name("vi")] in shown[target.id], (plan_id, target.id)


def test_the_app_shows_the_plan_the_link_names(changed, plans_dir, plans, monkeypatch):
    monkeypatch.setenv("NSCL_DB", str(changed))
    monkeypatch.setenv("NSCL_PLANS_DIR", str(plans_dir))
    monkeypatch.setenv("NSCL_PLAN", "whole")
    wants = {plan_id: oracle(changed, plan, full=False) for plan_id, plan in plans.items()}  # before the app holds it
    for plan_id, want in wants.items():
        at = open_page("pages/overview.py", as_of=str(AS_OF), phase=PHASE, plan=plan_id)
        assert page_ok(at)
        assert at.selectbox(key="plan").value == plan_id
        assert {m.label: m.value for m in at.metric} == want


def test_the_whole_province_page_puts_the_plans_side_by_side(db_file, plans_dir, plans, monkeypatch, tmp_path):
    path = Path(shutil.copy(db_file, tmp_path / "copy.duckdb"))
    want = {plan_id: oracle(path, plan) for plan_id, plan in plans.items()}
    monkeypatch.setenv("NSCL_DB", str(path))
    monkeypatch.setenv("NSCL_PLANS_DIR", str(plans_dir))
    monkeypatch.setenv("NSCL_PLAN", "whole")
    at = open_page("pages/province.py", as_of=str(AS_OF), phase=PHASE)
    assert page_ok(at)
    table = shown(at.dataframe[0])
    assert list(table["Chỉ tiêu"]) == [t.name("vi") for t in plans["whole"].targets]  # every target matches
    for plan_id, plan in plans.items():
        column = f"{plan.number} · {plan.place('vi')}{'' if plan_id == EXAMPLE else f' ({plan_id})'} · Kết quả"
        assert list(table[column]) == [want[plan_id][t.name("vi")] for t in plan.targets]
    assert "676/KH-UBND · Quảng Bình (kế hoạch ví dụ) · Kết quả" in table.columns  # the example plan says so


NOTE = "Kế hoạch ví dụ minh họa: các chỉ tiêu và số liệu không phải của một kế hoạch chính thức."


def test_an_example_plan_says_so_on_every_view(db_file, plans_dir, plans, monkeypatch, tmp_path):
    import io

    from docx import Document
    from pptx import Presentation

    path = Path(shutil.copy(db_file, tmp_path / "copy.duckdb"))
    monkeypatch.setenv("NSCL_DB", str(path))
    monkeypatch.setenv("NSCL_PLANS_DIR", str(plans_dir))
    for kind, name in (("deck", "hop.pptx"), ("report", "bao-cao.docx")):
        out = tmp_path / name
        assert main(["export", kind, "--plan", EXAMPLE, "--as-of", str(AS_OF), "--phase", PHASE, "-o", str(out)]) == 0
        if kind == "deck":
            texts = [sh.text_frame.text for s in Presentation(io.BytesIO(out.read_bytes())).slides
                     for sh in s.shapes if sh.has_text_frame]
            assert any(NOTE in text for text in texts)  # the title slide
            assert all("Quảng Bình (kế hoạch ví dụ)" in text for text in texts if "· 2021-2025 ·" in text)
        else:
            assert NOTE in [p.text for p in Document(io.BytesIO(out.read_bytes())).paragraphs]
    con = open_for_reading(Settings(db_path=str(path), plans_dir=str(plans_dir)), plans[EXAMPLE]).con
    try:
        publish(con, plans[EXAMPLE], AS_OF, tmp_path / "site")
        publish(con, plans["whole"], AS_OF, tmp_path / "real")
    finally:
        con.close()
    assert NOTE in (tmp_path / "site" / "p" / PHASE / "index.html").read_text(encoding="utf-8")
    assert NOTE not in (tmp_path / "real" / "p" / PHASE / "index.html").read_text(encoding="utf-8")
    monkeypatch.setenv("NSCL_PLAN", "whole")
    for plan_id in (EXAMPLE, "whole"):
        at = open_page("pages/overview.py", as_of=str(AS_OF), plan=plan_id)
        assert page_ok(at)
        assert (NOTE in [w.value for w in at.warning]) == (plan_id == EXAMPLE)
