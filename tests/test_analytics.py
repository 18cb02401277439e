"""The analytics tables: summary-based indicator queries return exactly what the direct SQL
returns, on the demo data and on random small datasets, and stay current through writes."""
import datetime as dt
import itertools

import duckdb
import numpy as np
import pandas as pd
import pytest

from nscl import analytics, demo
from nscl.db import open_database
from nscl.filters import Filters
from nscl.indicators import compute_all
from nscl.sql import library
from tests.conftest import insert

Q = library()
AS_OFS = [dt.date(2021, 3, 31), dt.date(2023, 12, 31), dt.date(2025, 6, 30), dt.date(2025, 7, 15),
          dt.date(2026, 11, 26)]
FILTERS = [Filters(), Filters(sectors=("C", "G")), Filters(sizes=("micro",), ownerships=("non_state",)),
           Filters(places=("450", "458")), Filters(places=("18880", "450", "19249"), geography="current"),
           Filters(sectors=("T",))]


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
            direct = Q.df(con, name, **args, **params)
            fast = Q.df(con, name + "_fast", **args, **params)
            pd.testing.assert_frame_equal(direct, fast, check_dtype=False, obj=f"{name} {args} {filters}")


def test_summaries_equal_direct_sql_on_the_demo_data(demo_db):
    con = duckdb.connect(str(demo_db))
    try:
        assert analytics.is_current(con)
        compare(con)
    finally:
        con.close()


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_summaries_equal_direct_sql_on_random_small_datasets(seed, plan):
    con = open_database(":memory:", plan)
    rng = np.random.default_rng(seed)
    tables = demo.generate(scale=float(rng.uniform(0.05, 0.3)), seed=seed)
    # Records whose enterprise is unknown, and enterprises without a place in the catalogue.
    tables["support_records"].loc[rng.choice(len(tables["support_records"]), 3), "tax_code"] = "0000000000"
    tables["enterprises"].loc[rng.choice(len(tables["enterprises"]), 3), "place_code"] = "999"
    demo.load(con, tables, 0.1, seed)
    compare(con)
    con.close()


def test_results_through_the_summaries_equal_the_direct_ones(demo_db, plan):
    con = duckdb.connect(str(demo_db))
    try:
        for phase, filters in itertools.product(plan.phases, FILTERS[:3]):
            fast = compute_all(con, plan, phase, dt.date(2026, 11, 26), filters=filters, fast=True)
            direct = compute_all(con, plan, phase, dt.date(2026, 11, 26), filters=filters, fast=False)
            for a, b in zip(fast, direct):
                assert a.assessment == b.assessment
                pd.testing.assert_frame_equal(a.series, b.series, check_dtype=False)
    finally:
        con.close()


def test_a_direct_write_makes_the_summaries_stale_and_the_direct_sql_is_used(con, plan):
    assert analytics.is_current(con)
    insert(con, "enterprises", [dict(tax_code="3100000016", name="A", sector_code="C", place_code="450",
                                     size="small", ownership="non_state")])
    insert(con, "support_records", [dict(id="H1", tax_code="3100000016", supported_on=dt.date(2024, 5, 1),
                                         solution_type="other")])
    assert not analytics.is_current(con)
    assert analytics.query_name(con, "supported_per_year") == "supported_per_year"
    result = compute_all(con, plan, plan.phase("2021-2025"), dt.date(2024, 12, 31))
    assert result[2].series.set_index("year").at[2024, "value"] == 1
    analytics.refresh(con)
    assert analytics.query_name(con, "supported_per_year") == "supported_per_year_fast"
