"""Schema migrations: numbered, applied once, and an old database upgrades in place."""
import duckdb

from nscl.connect import open_database
from nscl.db import migrate, migrations, schema_version
from tests.conftest import insert


def test_migrations_are_numbered_without_gaps():
    assert [n for n, _, _ in migrations()] == list(range(1, len(migrations()) + 1))


def test_database_made_by_the_first_migration_upgrades_in_place(tmp_path, plan):
    path = str(tmp_path / "old.duckdb")
    con = duckdb.connect(path)
    assert migrate(con, up_to=1) == 1
    insert(con, "enterprises", [dict(tax_code="3100000001", name="Công ty Cũ", sector_code="C",
                                     place_code="450", size="small", ownership="non_state")])
    insert(con, "experts", [dict(certificate_no="CG-1", person_id="p", person_name="Chuyên gia",
                                 certified_on="2021-05-05")])
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "plan_targets" not in tables
    con.close()

    upgraded = open_database(path, plan)
    assert schema_version(upgraded) == len(migrations())
    assert upgraded.execute("SELECT tax_code, name FROM enterprises").fetchall() == [("3100000001", "Công ty Cũ")]
    assert upgraded.execute("SELECT count(*) FROM experts").fetchall() == [(1,)]
    assert upgraded.execute("SELECT count(*) FROM plan_targets WHERE plan_id = $p",
                            {"p": plan.id}).fetchall()[0][0] > 0
    upgraded.close()


def test_reopening_applies_nothing_twice_and_keeps_catalogues_current(tmp_path, plan):
    path = str(tmp_path / "db.duckdb")
    open_database(path, plan).close()
    con = open_database(path, plan)
    assert con.execute("SELECT count(*) FROM schema_migrations").fetchall() == [(len(migrations()),)]
    assert con.execute("SELECT count(*) FROM sectors").fetchall() == [(21,)]
    assert con.execute("SELECT name_vi FROM places WHERE code = '453'").fetchall() == [("huyện Minh Hóa",)]
    con.close()
