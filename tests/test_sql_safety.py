"""Writes are all or nothing (nscl.db.transaction) and names are spliced only through
nscl.sql.ident: a hostile name stays one identifier."""
from __future__ import annotations

import duckdb
import pytest

from nscl import demo
from nscl.connect import open_database
from nscl.db import meta_value, migrate, schema_version, transaction
from nscl.sql import ident


@pytest.fixture()
def con():
    con = duckdb.connect(":memory:")
    con.execute("CREATE TABLE t (x INTEGER)")
    con.execute("INSERT INTO t VALUES (1)")
    yield con
    con.close()


def rows(con) -> list[int]:
    return [r[0] for r in con.cursor().execute("SELECT x FROM t ORDER BY x").fetchall()]


def test_a_transaction_that_ends_well_is_committed(con):
    with transaction(con):
        con.execute("INSERT INTO t VALUES (2)")
        con.execute("DELETE FROM t WHERE x = 1")
    assert rows(con) == [2]


@pytest.mark.parametrize("raised", [ValueError("bad row"), KeyboardInterrupt(), SystemExit(3)])
def test_anything_raised_inside_leaves_the_data_as_it_was(con, raised):
    with pytest.raises(type(raised)):
        with transaction(con):
            con.execute("DELETE FROM t")
            con.execute("INSERT INTO t VALUES (7)")
            raise raised
    assert rows(con) == [1]
    with transaction(con):  # and no transaction is left open
        con.execute("INSERT INTO t VALUES (2)")
    assert rows(con) == [1, 2]


def test_a_failing_statement_inside_is_raised_and_rolled_back(con):
    with pytest.raises(duckdb.CatalogException):
        with transaction(con):
            con.execute("INSERT INTO t VALUES (5)")
            con.execute("INSERT INTO no_such_table VALUES (5)")
    assert rows(con) == [1]


def test_nesting_is_refused_and_the_outer_block_rolls_back(con):
    with pytest.raises(duckdb.TransactionException):
        with transaction(con):
            con.execute("INSERT INTO t VALUES (2)")
            with transaction(con):
                con.execute("INSERT INTO t VALUES (3)")
    assert rows(con) == [1]


class _Interrupted(dict):
    """Tables for demo.load whose second one never comes: Ctrl+C while the first is written."""

    def __init__(self, first):
        super().__init__()
        self.first = first

    def items(self):
        yield self.first
        raise KeyboardInterrupt


def test_ctrl_c_during_a_demo_load_leaves_the_database_unchanged():
    con = open_database(":memory:")
    before = con.execute("SELECT count(*) FROM cabs").fetchall()[0][0]
    with pytest.raises(KeyboardInterrupt):
        demo.load(con, _Interrupted(("cabs", demo.cabs())), 1.0, 1)
    assert con.execute("SELECT count(*) FROM cabs").fetchall()[0][0] == before
    assert meta_value(con, "demo_data") is None
    demo.load(con, {"cabs": demo.cabs()}, 1.0, 1)  # the connection is usable: no transaction left open
    assert con.execute("SELECT count(*) FROM cabs").fetchall()[0][0] == len(demo.cabs()) > before


def test_a_failing_migration_changes_nothing(tmp_path):
    (tmp_path / "0001_first.sql").write_text("CREATE TABLE a (x INTEGER);")
    (tmp_path / "0002_broken.sql").write_text("CREATE TABLE b (x INTEGER); INSERT INTO nowhere VALUES (1);")
    con = duckdb.connect(":memory:")
    with pytest.raises(duckdb.CatalogException):
        migrate(con, directory=tmp_path)
    assert schema_version(con) == 1
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "a" in tables and "b" not in tables


@pytest.mark.parametrize("name", ['plain', 'with space', 'quote"inside', 'x"; DROP TABLE victim; --',
                                  "tên có dấu", "a.b", "'single'", "select"])
def test_a_hostile_name_stays_one_identifier(name):
    con = duckdb.connect(":memory:")
    con.execute("CREATE TABLE victim (x INTEGER)")
    con.execute("INSERT INTO victim VALUES (42)")
    con.execute("CREATE TABLE " + ident(name) + " (" + ident(name + "_col") + " INTEGER)")
    con.execute("INSERT INTO " + ident(name) + " VALUES (7)")
    assert con.execute("SELECT " + ident(name + "_col") + " FROM " + ident(name)).fetchall() == [(7,)]
    assert con.execute("SELECT x FROM victim").fetchall() == [(42,)]
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert tables == {"victim", name}


def test_quotes_are_doubled_inside_double_quotes():
    assert ident("uploads") == '"uploads"'
    assert ident('a"b') == '"a""b"'
    assert ident('"') == '""""'


@pytest.mark.parametrize("name", ["", "a\x00b", None, 3])
def test_what_no_identifier_can_hold_is_refused(name):
    with pytest.raises(ValueError):
        ident(name)
