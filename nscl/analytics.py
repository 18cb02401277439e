"""Analytics tables: the indicator facts pre-joined at the grain the indicators need, and the
facts of the browse pages' breakdowns at the grain those show.

Each table is the result of a build query in queries/analytics. The indicator queries read
them and nothing else, so they must never be stale:

- every write path (demo load, upload commit, undo) calls `refresh` inside its own
  transaction, so the tables change atomically with the data;
- when a database is opened, `ensure_current` compares a fingerprint of the base tables'
  content (row hashes, not row counts: an UPDATE that keeps the counts is seen) and of the
  build queries' text with the one stored at the last refresh, and rebuilds on any difference.
  Whoever changed the file while the app was not holding it, the app sees the change.

The base-table versions of the indicator and breakdown queries live in tests/oracle; tests
prove both equal.
"""
from __future__ import annotations

import hashlib

import duckdb

from .datasets import DATASETS
from .db import meta_value, set_meta, transaction
from .sql import QueryLibrary, ident, library

TABLES = {  # analytics table -> build query
    "analytics_support_firm_year": "build_support_firm_year",
    "analytics_certificates": "build_certificates",
    "analytics_manager_seats": "build_manager_seats",
    # Not read by any indicator: records per dataset, month and place for the data-quality notes,
    # and the likely problems the data-quality page lists.
    "quality_dataset_months": "build_dataset_months",
    "quality_duplicate_names": "build_quality_duplicate_names",
    "quality_unrenewed_certificates": "build_quality_unrenewed_certificates",
    "quality_empty_courses": "build_quality_empty_courses",
    "quality_support_unplaced": "build_quality_support_unplaced",
    "quality_roles_without_enterprise": "build_quality_roles_without_enterprise",
    # the browse pages' breakdowns
    "analytics_seats": "build_seats",
    "analytics_support_records": "build_support_records",
    "analytics_pilots": "build_pilots",
}
META_KEY = "analytics_fingerprint"
# What the build queries read, so what the fingerprint covers: every dataset's table (from the
# dataset specs) and the catalogue tables and views they join (tests/test_derived_lists.py checks
# that no build query reads another).
BASE_TABLES = (*(d.table for d in DATASETS.values()), "sectors", "places", "place_geography")


def fingerprint(con: duckdb.DuckDBPyConnection, queries: QueryLibrary | None = None) -> str:
    """The base tables' content and the build queries' text, as one string."""
    queries = queries or library()
    builds = hashlib.sha256("".join(queries.get(b).sql for b in TABLES.values()).encode()).hexdigest()[:16]
    content = ",".join(queries.df(con, "table_fingerprint", table_name=table)["fingerprint"].iloc[0]
                       for table in BASE_TABLES)
    return content + ";" + builds


def refresh(con: duckdb.DuckDBPyConnection, queries: QueryLibrary | None = None) -> None:
    """Rebuild every analytics table; call inside the transaction that changed the data."""
    queries = queries or library()
    for table, build in TABLES.items():
        # Table names are this module's constants; the SELECT comes from queries/analytics.
        con.execute("DELETE FROM " + ident(table))
        con.execute("INSERT INTO " + ident(table) + " " + queries.get(build).sql)
    set_meta(con, META_KEY, fingerprint(con, queries))


def is_current(con: duckdb.DuckDBPyConnection, queries: QueryLibrary | None = None) -> bool:
    return meta_value(con, META_KEY) == fingerprint(con, queries)


def ensure_current(con: duckdb.DuckDBPyConnection, queries: QueryLibrary | None = None) -> bool:
    """Rebuild the analytics tables when the base tables changed behind the app's back.

    Returns True when a rebuild was needed."""
    if is_current(con, queries):
        return False
    with transaction(con):
        refresh(con, queries)
    return True
