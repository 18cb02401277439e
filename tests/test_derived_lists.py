"""The lists of tables that code derives from the specs are the tables the migrations create."""
from __future__ import annotations

import re

import pytest

from nscl import analytics, demo, registry
from nscl.connect import open_database
from nscl.datasets import DATASETS
from nscl.sql import ident, library


@pytest.fixture(scope="module")
def schema() -> dict[str, list[str]]:
    """table or view -> its columns in order, on a freshly migrated database."""
    con = open_database(":memory:")
    rows = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                       "WHERE table_schema = 'main' ORDER BY table_name, ordinal_position").fetchall()
    con.close()
    out: dict[str, list[str]] = {}
    for table, column in rows:
        out.setdefault(table, []).append(column)
    return out


def test_each_dataset_has_its_table_and_history_table_and_no_other_history_exists(schema):
    assert {t for t in schema if t.endswith("_history")} == {d.history for d in DATASETS.values()}
    for dataset in DATASETS.values():
        # Same columns, not the same order: a column added later by a migration comes after
        # replaced_by in the history table, and rows are copied by column name.
        assert sorted(schema[dataset.history]) == sorted([*schema[dataset.table], "replaced_by"])
        assert set(dataset.names) <= set(schema[dataset.table])


def test_the_analytics_tables_are_those_the_migrations_create(schema):
    built = {t for t in schema if t.startswith(("analytics_", "quality_"))}
    assert set(analytics.TABLES) == built
    assert all(library().get(build).name == build for build in analytics.TABLES.values())


def test_every_analytics_table_an_indicator_names_is_built():
    named = {t for record in registry.INDICATORS for t in record.analytics}
    assert named and named <= set(analytics.TABLES)


def test_the_fingerprint_covers_every_table_a_build_query_reads(schema):
    read = set()
    for build in analytics.TABLES.values():
        sql = library().get(build).sql
        read |= {m.lower() for m in re.findall(r"\b(?:FROM|JOIN)\s+([A-Za-z_][A-Za-z0-9_]*)", sql, re.I)}
    read &= set(schema)  # real tables and views, not the queries' own CTE names
    assert read - set(analytics.TABLES) == set(analytics.BASE_TABLES)


@pytest.fixture(scope="module")
def demo_con():
    con = open_database(":memory:")
    demo.build(con, scale=0.5)
    yield con
    con.close()


@pytest.mark.parametrize("table", analytics.BASE_TABLES)
def test_a_change_to_any_base_table_changes_the_fingerprint(demo_con, table):
    source = "place_links" if table == "place_geography" else table  # a view: changed through its links
    before = analytics.fingerprint(demo_con)
    demo_con.execute("BEGIN TRANSACTION")
    try:
        demo_con.execute("DELETE FROM " + ident(source) + " WHERE rowid = (SELECT min(rowid) FROM " + ident(source) + ")")
        assert analytics.fingerprint(demo_con) != before
    finally:
        demo_con.execute("ROLLBACK")
    assert analytics.fingerprint(demo_con) == before
