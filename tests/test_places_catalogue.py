"""The whole country's places as shipped in data/catalogues (places.csv, place_links.csv), checked
against the counts and examples of the official texts: Resolution 202/2025/QH15 (34 provinces),
Resolution 1680/NQ-UBTVQH15 (the new Quảng Trị's 78 communes), Decision 19/2025/QĐ-TTg (codes)."""
import datetime as dt

import duckdb
import pytest

from nscl.connect import open_database
from nscl.settings import CATALOGUES_DIR

EVE, DAY = dt.date(2025, 6, 30), dt.date(2025, 7, 1)


@pytest.fixture(scope="module")
def cat():
    """The two shipped files, read as the database reads them (every cell as text)."""
    con = duckdb.connect()
    for table in ("places", "place_links"):
        con.execute("CREATE TABLE " + table + " AS SELECT * FROM read_csv($path, all_varchar = true, header = true)",
                    {"path": str(CATALOGUES_DIR / f"{table}.csv")})
    yield con
    con.close()


def one(con, sql, **params):
    return con.execute(sql, params).fetchall()


def test_counts_before_and_after_the_reform(cat):
    counts = dict(((level, to is None), n) for level, to, n in one(
        cat, "SELECT level, valid_to, count(*) FROM places GROUP BY ALL"))
    assert counts == {("province", False): 63, ("district", False): 696, ("commune", False): 10051,
                      ("province", True): 34, ("commune", True): 3321}
    assert one(cat, "SELECT DISTINCT valid_to FROM places WHERE valid_to IS NOT NULL") == [("2025-06-30",)]
    assert one(cat, "SELECT DISTINCT valid_from FROM places WHERE valid_to IS NULL") == [("2025-07-01",)]
    types = dict(one(cat, "SELECT split_part(lower(name_vi), ' ', 1) || CASE WHEN name_vi ILIKE 'đặc khu%' "
                          "THEN ' khu' ELSE '' END, count(*) FROM places WHERE level = 'commune' "
                          "AND valid_to IS NULL GROUP BY 1"))
    assert types == {"xã": 2621, "phường": 687, "đặc khu": 13}


def test_keys_are_the_official_codes_with_old_for_a_reused_code(cat):
    assert one(cat, "SELECT count(*), count(DISTINCT code) FROM places") == [(14165, 14165)]
    rows = one(cat, "SELECT code, gso_code, name_vi, name_en, level, parent_code, valid_from, valid_to FROM places "
                    "WHERE code IN ('44', '44-old', '45', '450', '18880', '18880-old', '19333', '19495') ORDER BY code")
    assert rows == [
        ("18880", "18880", "Phường Đồng Hới", "Dong Hoi Ward", "commune", "44", "2025-07-01", None),
        ("18880-old", "18880", "Phường Đức Ninh Đông", "Duc Ninh Dong Ward", "commune", "450", None, "2025-06-30"),
        ("19333", "19333", "Phường Đông Hà", "Dong Ha Ward", "commune", "44", "2025-07-01", None),
        ("19495", "19495", "Xã Gio Linh", "Gio Linh Commune", "commune", "44", "2025-07-01", None),
        ("44", "44", "Tỉnh Quảng Trị", "Quang Tri Province", "province", None, "2025-07-01", None),
        ("44-old", "44", "Tỉnh Quảng Bình", "Quang Binh Province", "province", None, "1989-07-01", "2025-06-30"),
        ("45", "45", "Tỉnh Quảng Trị", "Quang Tri Province", "province", None, None, "2025-06-30"),
        ("450", "450", "Thành phố Đồng Hới", "Dong Hoi City", "district", "44-old", "2004-08-16", "2025-06-30"),
    ]
    # Every parent is a key of the catalogue.
    assert one(cat, "SELECT count(*) FROM places WHERE parent_code IS NOT NULL "
                    "AND parent_code NOT IN (SELECT code FROM places)") == [(0,)]


def test_code_44_is_quang_binh_until_30_june_2025_and_the_new_quang_tri_after(tmp_path):
    con = open_database(":memory:")
    sql = ("SELECT code, name_vi FROM places WHERE gso_code = '44' AND level = 'province' "
           "AND coalesce(valid_from, DATE '1900-01-01') <= $day AND $day <= coalesce(valid_to, DATE '9999-12-31')")
    assert con.execute(sql, {"day": EVE}).fetchall() == [("44-old", "Tỉnh Quảng Bình")]
    assert con.execute(sql, {"day": DAY}).fetchall() == [("44", "Tỉnh Quảng Trị")]
    con.close()


def test_the_new_quang_tri_has_78_communes_from_former_quang_binh_and_quang_tri(cat):
    assert one(cat, "SELECT count(*) FROM places WHERE parent_code = '44' AND level = 'commune'") == [(78,)]
    by_old_province = one(cat, """
        SELECT d.parent_code, count(DISTINCT l.new_code)
        FROM place_links l JOIN places o ON o.code = l.old_code AND o.level = 'commune'
        JOIN places d ON d.code = o.parent_code
        JOIN places n ON n.code = l.new_code AND n.parent_code = '44'
        GROUP BY 1 ORDER BY 1""")
    assert by_old_province == [("44-old", 41), ("45", 36)]
    # Đặc khu Cồn Cỏ was huyện Cồn Cỏ, a district without communes: linked from the district only.
    assert one(cat, "SELECT l.old_code, o.name_vi, l.partial FROM place_links l JOIN places o ON o.code = l.old_code "
                    "WHERE l.new_code = (SELECT code FROM places WHERE name_vi = 'Đặc khu Cồn Cỏ')") == [
        ("471", "Huyện Cồn Cỏ", "false")]
    assert one(cat, "SELECT old_code, new_code, partial FROM place_links WHERE old_code IN ('44-old', '45') "
                    "ORDER BY 1") == [("44-old", "44", "false"), ("45", "44", "false")]


def test_every_old_commune_of_quang_binh_and_quang_tri_maps_to_exactly_one_new_commune(cat):
    successors = one(cat, """
        SELECT d.parent_code, count(*) AS communes, min(n) AS fewest, max(n) AS most FROM (
            SELECT o.code, o.parent_code, count(l.new_code) AS n
            FROM places o LEFT JOIN place_links l ON l.old_code = o.code
            WHERE o.level = 'commune' AND o.valid_to IS NOT NULL GROUP BY ALL
        ) AS c JOIN places d ON d.code = c.parent_code
        WHERE d.parent_code IN ('44-old', '45') GROUP BY 1 ORDER BY 1""")
    assert successors == [("44-old", 145, 1, 1), ("45", 119, 1, 1)]


def test_named_communes_come_from_the_units_the_resolution_names(cat):
    def formed(new_code):
        return one(cat, "SELECT o.name_vi FROM place_links l JOIN places o ON o.code = l.old_code "
                        "WHERE l.new_code = $code AND o.level = 'commune' ORDER BY o.gso_code", code=new_code)
    # Resolution 1680/NQ-UBTVQH15: phường Đông Hà from phường 1, 3, 4, Đông Giang and Đông Thanh ...
    assert {"Phường 1", "Phường Đông Giang", "Phường Đông Thanh"} <= {n for (n,) in formed("19333")}
    # ... xã Gio Linh from thị trấn Gio Linh and its neighbours; phường Đồng Hới from wards of Đồng Hới.
    assert ("Thị trấn Gio Linh",) in formed("19495")
    assert ("Phường Đức Ninh Đông",) in formed("18880")
    # The districts these communes came from.
    assert one(cat, "SELECT old_code FROM place_links WHERE new_code = '19495' AND old_code IN "
                    "(SELECT code FROM places WHERE level = 'district')") == [("466",)]


def test_a_split_old_commune_is_linked_to_each_new_one_as_partial(cat):
    # Phường Kim Mã (Ba Đình, Hà Nội) was divided among phường Ba Đình, Giảng Võ and Ngọc Hà.
    rows = one(cat, "SELECT n.name_vi, l.partial FROM place_links l JOIN places n ON n.code = l.new_code "
                    "WHERE l.old_code = '00028' ORDER BY 1")
    assert rows == [("Phường Ba Đình", "true"), ("Phường Giảng Võ", "true"), ("Phường Ngọc Hà", "true")]
    # A commune that went whole into one new commune is not partial.
    assert one(cat, "SELECT partial FROM place_links WHERE old_code = '19495-old'") == [("false",)]
    split = one(cat, "SELECT count(DISTINCT old_code) FROM place_links WHERE partial = 'true' "
                     "AND old_code IN (SELECT code FROM places WHERE level = 'commune')")
    assert split == [(572,)]  # 573 in the conversion table, one of them (27076) not in the code list


def test_the_database_loads_the_files_and_maps_communes_to_former_districts():
    con = open_database(":memory:")
    assert con.execute("SELECT count(*) FROM places").fetchall() == [(14165,)]
    assert con.execute("SELECT count(*) FROM place_links WHERE partial").fetchall()[0][0] > 573
    geography = dict((code, (district, current)) for code, district, current in con.execute(
        "SELECT code, district_code, current_code FROM place_geography WHERE code IN "
        "('18880', '18880-old', '19333', '19495', '19495-old', '19742', '466')").fetchall())
    assert geography == {
        "18880": ("450", "18880"),       # phường Đồng Hới: seat in Đồng Hới
        "18880-old": ("450", "18880"),   # old phường Đức Ninh Đông: its district; one successor
        "19333": ("461", "19333"),       # phường Đông Hà: seat phường 1 of Đông Hà
        "19495": ("466", "19495"),       # xã Gio Linh: seat thị trấn Gio Linh of huyện Gio Linh
        "19495-old": ("466", "19495"),
        "19742": ("471", "19742"),       # đặc khu Cồn Cỏ: huyện Cồn Cỏ, no old commune
        "466": ("466", "466"),           # huyện Gio Linh: several successors, stays itself
    }
    con.close()
