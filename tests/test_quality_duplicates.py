"""The likely-duplicate check groups what a person would call one enterprise recorded twice: the
same name once case, diacritics, punctuation, spacing and the legal form are set aside, in the same
place, under different tax codes; the demo's enterprises are told apart as a registry would."""
import numpy as np

from nscl import analytics, demo
from nscl.sql import library
from tests.conftest import insert
from tests.helpers_quality import firm

Q = library()


def duplicates(con):
    analytics.refresh(con)
    return Q.df(con, "duplicate_enterprise_names", limit=1000)


def test_one_name_in_one_place_under_three_tax_codes_however_it_is_written(con):
    insert(con, "enterprises", [
        firm("3100000001", "450", name="Công ty TNHH Nhật Lệ"),
        firm("3100000002", "18880", name="  CÔNG TY TNHH MTV   Nhat Le "),   # a commune of former Đồng Hới
        firm("3100000003", "450", name="Nhật Lệ Co., Ltd"),
        firm("3100000004", "452", name="Doanh nghiệp tư nhân Nhật Lệ"),      # Ba Đồn: another place
        firm("3100000005", "450", name="Công ty TNHH Nhật Lệ Xanh"),         # another name
        firm("3100000006", "450", name="Công ty Cổ phần"),                  # a legal form alone names nobody
        firm("3100000007", "450", name="Công ty cổ phần"),
        firm("3100000008", "452", name="Hợp tác xã Phan Thiết"),             # "Phan" is a name, not a form
        firm("3100000009", "452", name="HTX Thiết"),
    ])
    rows = duplicates(con)
    assert list(rows["tax_code"]) == ["3100000001", "3100000002", "3100000003"]
    assert set(rows["tax_codes"]) == {3} and set(rows["name_key"]) == {"nhat le"}
    assert set(rows["total"]) == {3}


def test_the_demo_at_small_scale_flags_at_most_a_handful(con):
    demo.build(con, 0.1)
    rows = duplicates(con)
    assert len(rows) <= 5, rows.head(20).to_string()
    assert con.execute("SELECT count(*) FROM enterprises").fetchall()[0][0] >= 500


def test_demo_names_differ_once_the_legal_form_is_set_aside():
    forms = np.array([0, 1, 2, 0, 3, 4])
    lines = np.array([0, 0, 0, 0, 1, 0])
    words = np.array([0, 0, 0, 0, 0, 1])
    names = demo.distinct_names(forms, lines, words)
    assert names == ["Công ty TNHH Thương mại Nhật Lệ", "Công ty Cổ phần Thương mại và Xây dựng Nhật Lệ",
                     "Doanh nghiệp tư nhân Thương mại và Dịch vụ Nhật Lệ",
                     "Công ty TNHH Thương mại và Sản xuất Nhật Lệ", "Hợp tác xã Xây dựng Nhật Lệ",
                     "Công ty TNHH MTV Thương mại Sông Gianh"]
    firms = demo.enterprises(np.random.default_rng(demo.SEED), 1.0)
    cores = firms["name"].map(lambda n: next(n[len(f) + 1:] for f in sorted(demo.NAME_FORMS, key=len, reverse=True)
                                            if n.startswith(f + " ")))
    assert cores.str.lower().nunique() == len(firms) == demo.ENTERPRISES
