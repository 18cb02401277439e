"""Analytics tables: the indicator facts pre-joined at the grain the indicators need.

Each table is the result of a build query in queries/analytics (the indicator query's own
CTE at a finer grain); each heavy indicator has a twin in queries/indicators_fast that reads
it. Tests prove the twins return exactly what the direct SQL returns. A fingerprint of the
base tables tells whether the analytics tables are current; when they are not, the direct
SQL is used, so a result is never stale.
"""
from __future__ import annotations

import duckdb

from .db import meta_value, set_meta
from .sql import QueryLibrary, library

TABLES = {  # analytics table -> build query
    "analytics_support_firm_year": "build_support_firm_year",
    "analytics_certificates": "build_certificates",
    "analytics_manager_seats": "build_manager_seats",
}
FAST = {"supported_per_year", "certificates_per_year", "managers_per_year"}


def fingerprint(con: duckdb.DuckDBPyConnection, queries: QueryLibrary | None = None) -> str:
    return (queries or library()).df(con, "base_fingerprint")["fingerprint"].iloc[0]


def refresh(con: duckdb.DuckDBPyConnection, queries: QueryLibrary | None = None) -> None:
    """Rebuild every analytics table; call inside the transaction that changed the data."""
    queries = queries or library()
    for table, build in TABLES.items():
        # Table names are this module's constants; the SELECT comes from queries/analytics.
        con.execute("DELETE FROM " + table)
        con.execute("INSERT INTO " + table + " " + queries.get(build).sql)
    set_meta(con, "analytics_fingerprint", fingerprint(con, queries))


def is_current(con: duckdb.DuckDBPyConnection, queries: QueryLibrary | None = None) -> bool:
    return meta_value(con, "analytics_fingerprint") == fingerprint(con, queries)


def query_name(con: duckdb.DuckDBPyConnection, name: str, queries: QueryLibrary | None = None,
               current: bool | None = None) -> str:
    """The summary-based twin of an indicator query when the analytics tables are current."""
    if name not in FAST:
        return name
    current = is_current(con, queries) if current is None else current
    return name + "_fast" if current else name
