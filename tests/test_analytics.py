"""The analytics tables: the indicator queries (which read them) return exactly what their
base-table oracles return, on the demo data and on random small datasets, and they never go
stale: any INSERT, UPDATE or DELETE made behind the app's back is seen when the database opens."""
import datetime as dt
import itertools
import shutil

import duckdb
import numpy as np
import pandas as pd
import pytest

from nscl import analytics, demo
from nscl.connect import open_database
from nscl.filters import Filters
from nscl.indicators import compute_all
from nscl.sql import QueryLibrary, library
from tests.conftest import ORACLE, insert

Q = library()
AS_OFS = [dt.date(2021, 3, 31), dt.date(2023, 12, 31), dt.date(2025, 6, 30), dt.date(2025, 7, 15),
          dt.date(2026, 11, 26)]
FILTERS = [Filters(), Filters(sectors=("C", "G")), Filters(sizes=("micro",), ownerships=("non_state",)),
           Filters(places=("450", "458")), Filters(places=("18880", "450", "19249"), geography="current"),
           Filters(sectors=("T",))]
ORACLED = [name for name in Q.names() if f"{name}_oracle" in ORACLE]


class OracleLibrary(QueryLibrary):
    """The app's queries, with every indicator that reads an analytics table replaced by its oracle."""

    def __init__(self):
        self._queries = {name: Q.get(name) for name in Q.names()}
        self._queries.update({name: ORACLE.get(f"{name}_oracle") for name in ORACLED})


BREAKDOWNS = {"participants_by_dimension", "supported_by_dimension", "certificates_issued_by_dimension",
              "certificates_valid_by_dimension", "pilots_by_dimension"}


def test_every_analytics_reader_has_an_oracle():
    readers = {name for name in Q.names() if "analytics_" in Q.get(name).sql and not name.startswith("build_")}
    assert readers == set(ORACLED) == {"supported_per_year", "certificates_per_year", "managers_per_year",
                                       *BREAKDOWNS}


def compare(con):
    for as_of, filters in itertools.product(AS_OFS, FILTERS):
        params = filters.sql()
        pairs = [
            ("supported_per_year", dict(from_year=2019, as_of=as_of)),
            ("managers_per_year", dict(period_start=dt.date(2021, 1, 1), period_end=dt.date(2025, 12, 31), as_of=as_of)),
            ("managers_per_year", dict(period_start=dt.date(2026, 1, 1), period_end=dt.date(2030, 12, 31), as_of=as_of)),
        ] + [("certificates_per_year", dict(standard=s, from_year=2019, as_of=as_of))
             for s in ("ISO 9001", "ISO 14001", "HACCP")]
        for name, args in pairs:
            fast = Q.df(con, name, **args, **params)
            oracle = ORACLE.df(con, name + "_oracle", **args, **params)
            pd.testing.assert_frame_equal(fast, oracle, check_dtype=False, obj=f"{name} {args} {filters}")


def _same(fast, oracle, what):
    """Equal rows in any order (both sides sort the same, but ties of NULL keys may differ)."""
    columns = list(oracle.columns)
    fast = fast[columns].sort_values(columns, na_position="first").reset_index(drop=True)
    oracle = oracle.sort_values(columns, na_position="first").reset_index(drop=True)
    pd.testing.assert_frame_equal(fast, oracle, check_dtype=False, obj=what)


def breakdown_cases(as_of, filters, turn=0, plan_id="quang-binh-676"):
    """(query, parameters, columns compared) of every breakdown the browse pages draw, over one
    of the windows they use (by turn): a phase cut at the as-of date, the programme from its
    first phase (the phase × sector views), custom years reaching before the first phase."""
    windows = [(dt.date(2021, 1, 1), min(as_of, dt.date(2025, 12, 31))), (dt.date(2021, 1, 1), as_of),
               (dt.date(2019, 1, 1), as_of), (dt.date(2026, 1, 1), max(as_of, dt.date(2026, 1, 1)))]
    date_from, date_to = windows[turn % len(windows)]
    params = filters.sql()
    window = dict(plan_id=plan_id, date_from=date_from, date_to=date_to, **params)
    for dimension in ("kind", "role", "sector", "place", "size", "ownership"):
        yield "participants_by_dimension", dict(dimension=dimension, **window), None
    for dimension in ("sector", "place", "size", "ownership", "solution_type", "detail"):
        yield "supported_by_dimension", dict(dimension=dimension, **window), None
    yield "supported_by_dimension", dict(dimension="funding_source", **window), [
        "level", "year", "phase_id", "key", "records", "funding_vnd"]
    for dimension in ("sector", "place", "size", "ownership", "standard"):
        yield "certificates_issued_by_dimension", dict(dimension=dimension, standard=None, **window), None
    yield "certificates_issued_by_dimension", dict(dimension="sector", standard="ISO 9001", **window), None
    for dimension in ("standard", "sector", "place", "size", "ownership"):
        yield "certificates_valid_by_dimension", dict(dimension=dimension, from_year=2020, as_of=as_of, **params), None
        if dimension != "standard":
            yield "pilots_by_dimension", dict(dimension=dimension, plan_id=plan_id, as_of=as_of, **params), None


def compare_breakdowns(con, as_ofs=AS_OFS, filters_list=FILTERS):
    for turn, (as_of, filters) in enumerate(itertools.product(as_ofs, filters_list)):
        for name, args, columns in breakdown_cases(as_of, filters, turn):
            fast = Q.df(con, name, **args)
            oracle = ORACLE.df(con, name + "_oracle", **args)
            if name == "supported_by_dimension":
                # Days outside every phase are not a phase: the page shows phases only.
                oracle = oracle[(oracle["level"] != "phase") | oracle["phase_id"].notna()]
            if columns:
                fast, oracle = fast[columns], oracle[columns]
            _same(fast, oracle, f"{name} {args}")


def assert_results_equal_oracle(con, plan, as_of=dt.date(2026, 11, 26), filters_list=FILTERS[:3]):
    oracle = OracleLibrary()
    for phase, filters in itertools.product(plan.phases, filters_list):
        got = compute_all(con, plan, phase, as_of, filters=filters)
        want = compute_all(con, plan, phase, as_of, queries=oracle, filters=filters)
        for a, b in zip(got, want):
            assert a.assessment == b.assessment, (a.target.id, phase.id, filters)
            pd.testing.assert_frame_equal(a.series, b.series, check_dtype=False)


def test_indicators_equal_their_oracles_on_the_demo_data(demo_db):
    con = duckdb.connect(str(demo_db))
    try:
        assert analytics.is_current(con)
        compare(con)
    finally:
        con.close()


def test_breakdowns_equal_their_oracles_on_the_demo_data(demo_db):
    con = duckdb.connect(str(demo_db))
    try:
        compare_breakdowns(con, as_ofs=[dt.date(2021, 3, 31), dt.date(2025, 7, 15), dt.date(2026, 11, 26)])
    finally:
        con.close()


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_indicators_equal_their_oracles_on_random_small_datasets(seed, plan):
    con = open_database(":memory:", plan)
    rng = np.random.default_rng(seed)
    tables = demo.generate(scale=float(rng.uniform(0.05, 0.3)), seed=seed)
    # Records whose enterprise is unknown, enterprises without a place in the catalogue, and
    # manager seats with no enterprise at all.
    tables["support_records"].loc[rng.choice(len(tables["support_records"]), 3), "tax_code"] = "0000000000"
    tables["enterprises"].loc[rng.choice(len(tables["enterprises"]), 3), "place_code"] = "999"
    tables["participants"].loc[rng.choice(len(tables["participants"]), 20), "tax_code"] = None
    # Pilot models of unknown enterprises; support records sharing a day, a detail left empty.
    tables["pilot_models"].loc[rng.choice(len(tables["pilot_models"]), 1), "tax_code"] = "0000000000"
    records = tables["support_records"]
    records.loc[rng.choice(len(records), 20), "detail"] = None
    twins = records.sample(10, random_state=seed).assign(id=lambda f: "T" + f["id"])
    tables["support_records"] = pd.concat([records, twins], ignore_index=True)
    demo.load(con, tables, 0.1, seed)
    compare(con)
    compare_breakdowns(con, as_ofs=AS_OFS[1::2], filters_list=FILTERS[seed % 2::2])
    assert_results_equal_oracle(con, plan, filters_list=FILTERS[:2])
    con.close()


def test_every_target_on_the_demo_data_equals_its_oracle(demo_db, plan):
    con = duckdb.connect(str(demo_db))
    try:
        assert_results_equal_oracle(con, plan)
    finally:
        con.close()


def test_the_fingerprint_sees_an_update_that_keeps_every_row_count(con):
    insert(con, "enterprises", [dict(tax_code="3100000016", name="A", sector_code="C", place_code="450",
                                     size="small", ownership="non_state")])
    analytics.ensure_current(con)
    before = analytics.fingerprint(con)
    con.execute("UPDATE enterprises SET sector_code = 'G' WHERE sector_code = 'C'")
    assert analytics.fingerprint(con) != before
    assert not analytics.is_current(con)
    con.execute("UPDATE enterprises SET sector_code = 'C' WHERE sector_code = 'G'")
    assert analytics.fingerprint(con) == before


# Changes made with another DuckDB connection while the app was not running: the statement,
# and a filter under which its effect shows.
BEHIND_THE_BACK = {
    "update_sector": ("UPDATE enterprises SET sector_code = 'G' WHERE sector_code = 'C'", Filters(sectors=("C",))),
    "update_expiry": ("UPDATE certificates SET expires_on = issued_on + INTERVAL 30 DAY "
                      "WHERE standard = 'ISO 9001' AND hash(certificate_no) % 3 = 0", Filters()),
    "delete_support": ("DELETE FROM support_records WHERE year(supported_on) = 2024 "
                       "AND hash(id) % 2 = 0", Filters()),
    "insert_seats": ("INSERT INTO participants (course_id, person_id, person_name, tax_code, role) "
                     "SELECT c.id, 'X' || c.id, 'Người mới', e.tax_code, 'manager' FROM courses AS c, "
                     "(SELECT min(tax_code) AS tax_code FROM enterprises) AS e WHERE c.kind = 'in_depth'",
                     Filters()),
    "delete_seat_enterprise": ("UPDATE participants SET tax_code = NULL WHERE role = 'leader'", Filters()),
    "update_solution": ("UPDATE support_records SET solution_type = 'other' WHERE hash(id) % 3 = 0", Filters()),
    "insert_pilot": ("INSERT INTO pilot_models (id, tax_code, solution, started_on, recognised_on, replicated_to) "
                     "SELECT 'PX', min(tax_code), 'Lean', DATE '2024-01-01', DATE '2025-01-01', 3 FROM enterprises",
                     Filters()),
    "update_course_day": ("UPDATE courses SET end_date = end_date + INTERVAL 400 DAY WHERE kind = 'awareness'",
                          Filters(sectors=("C", "G"))),
}


@pytest.mark.parametrize("change", list(BEHIND_THE_BACK))
def test_a_change_behind_the_apps_back_is_seen_when_the_database_opens(change, demo_db, plan, tmp_path):
    path = tmp_path / "changed.duckdb"
    shutil.copy(demo_db, path)
    statement, filters = BEHIND_THE_BACK[change]
    raw = duckdb.connect(str(path))
    before = analytics.fingerprint(raw)
    raw.execute(statement)
    assert analytics.fingerprint(raw) != before, "the change must alter the data"
    raw.close()

    con = open_database(str(path), plan)  # the app's own way in
    try:
        assert analytics.is_current(con)
        assert_results_equal_oracle(con, plan, filters_list=[filters])
        compare_breakdowns(con, as_ofs=[dt.date(2026, 11, 26)], filters_list=[filters])
    finally:
        con.close()


def test_a_sector_change_behind_the_apps_back_empties_the_sector(demo_db, plan, tmp_path):
    path = tmp_path / "changed.duckdb"
    shutil.copy(demo_db, path)
    raw = duckdb.connect(str(path))
    raw.execute("UPDATE enterprises SET sector_code = 'G' WHERE sector_code = 'C'")
    raw.close()
    con = open_database(str(path), plan)
    try:
        results = compute_all(con, plan, plan.phase("2021-2025"), dt.date(2026, 11, 26),
                              filters=Filters(sectors=("C",)))
        supported = next(r for r in results if r.target.indicator == "supported")
        assert supported.series["value"].sum() == 0
    finally:
        con.close()


def test_a_changed_build_query_rebuilds_the_tables(con):
    before = analytics.fingerprint(con)
    changed = QueryLibrary()
    query = changed.get("build_manager_seats")
    changed._queries["build_manager_seats"] = type(query)(query.name, query.returns, query.params,
                                                           query.sql + "\n", query.path)
    assert analytics.fingerprint(con, changed) != before
