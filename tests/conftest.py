"""Shared fixtures: real DuckDB databases (in memory or temporary files), never mocks."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import duckdb
import pytest

from nscl import demo
from nscl.connect import open_database
from nscl.plan import load_plan_by_id
from nscl.settings import PLANS_DIR, ROOT
from nscl.sql import QueryLibrary

FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The base-table versions of the indicator queries that read analytics tables: test oracles only.
ORACLE = QueryLibrary(Path(__file__).resolve().parent / "oracle")
ARTIFACTS = ROOT / "tests" / "artifacts"


@pytest.fixture(scope="session")
def plan():
    return load_plan_by_id("quang-binh-676", PLANS_DIR)


@pytest.fixture
def con(plan):
    """An empty, migrated in-memory database with catalogues and the plan."""
    connection = open_database(":memory:", plan)
    yield connection
    connection.close()


def insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict]) -> None:
    """Insert hand-made rows with bound values (table names come from the tests)."""
    for row in rows:
        cols = ", ".join(row)
        marks = ", ".join(f"${c}" for c in row)
        con.execute("INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ")", row)


def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def build_demo_file(path: Path, plan) -> Path:
    connection = open_database(str(path), plan)
    demo.build(connection)
    connection.execute("CHECKPOINT")
    connection.close()
    return path


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, plan) -> Path:
    """A demo database file at scale 1, built once per test session."""
    return build_demo_file(tmp_path_factory.mktemp("demo") / "demo.duckdb", plan)


@pytest.fixture
def app_env(monkeypatch, demo_db):
    """Point the app at the demo database and the repository's plans."""
    monkeypatch.setenv("NSCL_DB", str(demo_db))
    monkeypatch.setenv("NSCL_PLAN", "quang-binh-676")
    monkeypatch.setenv("NSCL_PLANS_DIR", str(PLANS_DIR))
    return demo_db


@pytest.fixture(autouse=True)
def _own_accounts_file(monkeypatch, tmp_path):
    """Each test has its own (empty) staff accounts file, never the repository's data/users.toml;
    a test that needs accounts adds them (tests.apptest.sign_in) or points NSCL_USERS elsewhere."""
    monkeypatch.setenv("NSCL_USERS", str(tmp_path / "users.toml"))


@pytest.fixture(autouse=True)
def _no_proxy_env():
    # The app talks to localhost only; make sure no proxy setting reroutes test traffic.
    for key in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        os.environ.pop(key, None)
    yield


@pytest.fixture
def con_with_data(con):
    """One enterprise and one course, which corpus files refer to (a file may update them)."""
    from tests.ingest_helpers import TAX

    insert(con, "enterprises", [dict(tax_code=TAX[0], name="Công ty A", sector_code="C", place_code="450",
                                     size="small", ownership="non_state")])
    insert(con, "courses", [dict(id="K1", kind="in_depth", title="Lean", start_date=dt.date(2024, 3, 1),
                                 end_date=dt.date(2024, 3, 5))])
    return con
