"""The demo generator: deterministic, valid, realistic, and shaped to show a mix of statuses."""
import datetime as dt

import pandas as pd
from stdnum.vn import mst

from nscl import demo
from nscl import status as st
from nscl.indicators import compute_all


def test_same_seed_gives_identical_data():
    a, b = demo.generate(scale=0.2), demo.generate(scale=0.2)
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    c = demo.generate(scale=0.2, seed=7)
    assert not a["enterprises"]["tax_code"].equals(c["enterprises"]["tax_code"])


def test_scale_multiplies_the_size():
    # former Quảng Bình's 2250 and former Quảng Trị's 0.6 times as many
    assert len(demo.generate(scale=0.5)["enterprises"]) == 2250 + 1350


def test_demo_database_content(demo_db, plan):
    import duckdb
    con = duckdb.connect(str(demo_db))  # same config as the app, which may hold the file in this process
    try:
        n, distinct, places, sectors = con.execute(
            "SELECT count(*), count(DISTINCT tax_code), count(DISTINCT place_code), count(DISTINCT sector_code) "
            "FROM enterprises").fetchall()[0]
        assert n == distinct == 4500 + 2700  # former Quảng Bình, former Quảng Trị
        assert places > 8 and sectors >= 10  # districts and, after the reform, communes
        codes = [r[0] for r in con.execute("SELECT tax_code FROM enterprises USING SAMPLE 200 ROWS").fetchall()]
        assert all(mst.is_valid(c) for c in codes)
        first, last = con.execute("SELECT min(supported_on), max(supported_on) FROM support_records").fetchall()[0]
        assert first >= dt.date(2019, 1, 1) and last <= demo.DATA_END
        orphans = con.execute("SELECT count(*) FROM certificates c ANTI JOIN enterprises e USING (tax_code)").fetchall()
        assert orphans == [(0,)]
        assert con.execute("SELECT value FROM meta WHERE key = 'demo_data'").fetchall() == [("true",)]
    finally:
        con.close()


def test_demo_data_shows_a_mix_of_statuses(demo_db, plan):
    import duckdb
    con = duckdb.connect(str(demo_db))  # same config as the app, which may hold the file in this process
    try:
        now = {r.target.id: r.assessment.status for r in
               compute_all(con, plan, plan.phase("2026-2030"), dt.date(2026, 11, 26))}
        ended = {r.target.id: r.assessment.status for r in
                 compute_all(con, plan, plan.phase("2021-2025"), dt.date(2026, 1, 1))}
    finally:
        con.close()
    # Plan 676 covers former Quảng Bình: its experts work there (former Quảng Trị's do not count)
    assert ended["experts"] == st.ACHIEVED and ended["managers"] == st.NOT_ACHIEVED
    assert ended["iso14001"] == st.NOT_ACHIEVED and ended["iso9001"] == st.ACHIEVED
    assert ended["supported"] == st.NOT_ACHIEVED  # 2021 and 2023 grew less than 10 %
    assert now["cab"] == st.MONITORED
    assert len(set(now.values())) >= 4


def test_the_demo_spreads_over_both_former_provinces_before_and_after_the_reform(demo_db):
    import duckdb
    con = duckdb.connect(str(demo_db))  # same config as the app, which may hold the file in this process
    try:
        rows = con.execute("""
            SELECT pp.plan_id, s.supported_on >= DATE '2025-07-01' AS after, p.level, count(*)
            FROM support_records AS s
            JOIN enterprises AS e USING (tax_code)
            JOIN places AS p ON p.code = e.place_code
            JOIN plan_places AS pp ON pp.place_code = e.place_code
            GROUP BY ALL""").fetchall()
        plans = {r[0] for r in con.execute("SELECT id FROM plans").fetchall()}
    finally:
        con.close()
    assert plans == {"quang-binh-676", "quang-tri-example"}
    seen = {(plan_id, after, level) for plan_id, after, level, n in rows if n > 0}
    for plan_id in plans:  # both territories: districts before 1/7/2025, new communes after as well
        assert {(plan_id, False, "district"), (plan_id, True, "commune")} <= seen
