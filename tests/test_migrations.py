"""Schema migrations: numbered, applied once, and an old database upgrades in place."""
import duckdb

from nscl.connect import open_database
from nscl.db import migrate, migrations, schema_version
from tests.conftest import d, insert


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
    assert con.execute("SELECT name_vi FROM places WHERE code = '452'").fetchall() == [("Huyện Minh Hóa",)]
    con.close()


def test_places_stored_before_the_whole_country_catalogue_keep_their_unit(tmp_path, plan):
    """Migration 10: the new Quảng Trị was stored as '44-QT' and former Quảng Bình as '44'; the
    hand-numbered districts of Quảng Bình take their official codes (Ba Đồn 452 -> 458, Minh Hóa
    453 -> 452); the names the rows meant stay the same."""
    path = str(tmp_path / "before.duckdb")
    con = duckdb.connect(path)
    assert migrate(con, up_to=9) == 9
    written = {"3100000001": "450", "3100000002": "452", "3100000003": "453", "3100000004": "458",
               "3100000005": "44", "3100000006": "44-QT", "3100000007": "19009"}
    insert(con, "enterprises", [dict(tax_code=tax, name="Công ty", sector_code="C", place_code=place,
                                     size="small", ownership="non_state") for tax, place in written.items()])
    insert(con, "enterprises_history", [dict(tax_code="3100000002", name="Công ty", sector_code="C",
                                             place_code="452", size="small", ownership="non_state", replaced_by=1)])
    insert(con, "courses", [dict(id="K1", kind="awareness", title="Lớp", start_date="2024-01-02",
                                 end_date="2024-01-03", place_code="456")])
    con.close()

    upgraded = open_database(path, plan)
    names = dict(upgraded.execute("SELECT e.tax_code, p.name_vi FROM enterprises e JOIN places p "
                                  "ON p.code = e.place_code").fetchall())
    assert names == {"3100000001": "Thành phố Đồng Hới", "3100000002": "Thị xã Ba Đồn",
                     "3100000003": "Huyện Minh Hóa", "3100000004": "Huyện Lệ Thủy",
                     "3100000005": "Tỉnh Quảng Bình", "3100000006": "Tỉnh Quảng Trị",
                     "3100000007": "Phường Ba Đồn"}
    assert upgraded.execute("SELECT place_code FROM enterprises_history").fetchall() == [("458",)]
    assert upgraded.execute("SELECT place_code FROM courses").fetchall() == [("455",)]  # huyện Bố Trạch
    assert upgraded.execute("SELECT code, valid_to FROM places WHERE code IN ('44', '44-old') ORDER BY 1").fetchall() \
        == [("44", None), ("44-old", d("2025-06-30"))]
    upgraded.close()
