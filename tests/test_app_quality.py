"""AppTest of the page Chất lượng dữ liệu: last update per dataset with its flag, records by
month and place with the gaps, and each likely problem with its records, as the SQL says."""
import datetime as dt

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from nscl import quality
from nscl.auth import User
from nscl.i18n import fmt_number, t
from nscl.settings import ROOT, Settings
from nscl.spreadsheets import to_csv_bytes
from nscl.sql import library
from nscl.ui.data import _database
from tests.apptest import figure, open_page, page_ok, shown, sign_in
from tests.conftest import build_demo_file, insert
from tests.helpers_quality import firm


@pytest.fixture
def quality_db(tmp_path, monkeypatch, plan):
    db = build_demo_file(tmp_path / "quality.duckdb", plan)
    con = duckdb.connect(str(db))
    # The same hostile name under 30 tax codes: the largest group, so the first rows listed.
    insert(con, "enterprises", [firm(f"31099999{i:02d}", "450", name='=HYPERLINK("http://evil.example","x")')
                                for i in range(29)] +
           [firm("3109999999", "18880", name='=hyperlink("http://evil.example","x")')])  # a commune of 450
    insert(con, "uploads", [{"dataset": "certificates", "file_name": "gcn-2026.xlsx", "uploaded_by": "lan",
                             "uploaded_at": dt.datetime(2026, 11, 2, 14, 5), "kind": "upload"}])
    con.close()  # the app rebuilds the quality table when it opens the changed file
    monkeypatch.setenv("NSCL_DB", str(db))
    return db


def app_database():
    """The app's own connection (it holds the file)."""
    settings = Settings.from_env()
    return _database(settings.db_path, settings.plan_id, settings.plans_dir)


def table_of(at, first_column: str):
    return next(shown(d) for d in at.dataframe if d.value.columns[0] == first_column)


def test_last_update_per_dataset_with_who_and_the_flag(quality_db):
    anonymous = open_page("pages/quality.py", as_of="2027-01-15", phase="2026-2030")
    table = table_of(anonymous, t("col_dataset"))
    assert t("col_uploaded_by") not in table.columns and t("col_file") not in table.columns  # staff only
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["as_of"], at.query_params["phase"] = "2027-01-15", "2026-2030"
    sign_in(at, User("lan", "Nguyễn Thị Lan", "staff"))
    at = at.switch_page("pages/quality.py").run()
    assert page_ok(at), [e.value for e in at.error]
    table = table_of(at, t("col_dataset")).set_index(t("col_dataset"))
    support, certificates = table.loc[t("dataset_support")], table.loc[t("dataset_certificates")]
    # every support record of the database, both former provinces' (uploads are the database's, not a plan's)
    assert support[t("col_held")] == "1.290 lượt hỗ trợ" and support[t("col_flag")] == "Quá hạn cập nhật"
    assert support[t("col_max_age")] == "1 tháng"
    # by the account's full name; stored in UTC, shown in Vietnam time
    assert certificates[t("col_uploaded_by")] == "Nguyễn Thị Lan" and certificates[t("col_file")] == "gcn-2026.xlsx"
    assert certificates[t("col_last_changed")] == "02/11/2026 21:05"
    assert certificates[t("col_flag")] == "–"  # 3 months allowed
    assert table.loc[t("dataset_enterprises"), t("col_max_age")] == "không đặt"


def test_heat_map_and_gaps_as_the_sql_says(quality_db):
    at = open_page("pages/quality.py", as_of="2026-11-26")
    assert page_ok(at)
    spec = figure(at, 0)
    assert spec["data"][0]["type"] == "heatmap" and spec["data"][0]["x"][0] == "01/2026"
    gaps = table_of(at, t("col_place"))
    app_con, plan = app_database()
    expected = quality.gaps(app_con.cursor(), plan, dt.date(2026, 11, 26))
    expected = expected[expected["dataset"] == "support"]
    assert list(gaps[t("col_month")]) == [f"{m:%m/%Y}" for m in expected["month"]]
    assert len(gaps) == 3


def test_each_problem_lists_its_records_and_hostile_names_stay_text(quality_db):
    at = open_page("pages/quality.py", as_of="2026-11-26")
    assert page_ok(at)
    con, _ = app_database()
    labels = [e.label for e in at.expander]
    for name, params in (("duplicate_enterprise_names", {}), ("expired_without_renewal", {"as_of": dt.date(2026, 11, 26)}),
                         ("courses_without_participants", {"as_of": dt.date(2026, 11, 26)}),
                         ("support_without_sector_or_place", {}), ("roles_without_enterprise", {})):
        rows = library().df(con.cursor(), name, limit=1, **params)
        n = int(rows["total"].iloc[0]) if len(rows) else 0
        assert t("problem_count", what=t(f"problem_{name}"), n=fmt_number(n)) in labels
    duplicates = table_of(at, t("col_tax_code"))
    hostile = duplicates[duplicates[t("col_tax_code")].isin(["3109999900", "3109999999"])]
    assert list(hostile[t("col_enterprise")]) == ['=HYPERLINK("http://evil.example","x")',
                                                  '=hyperlink("http://evil.example","x")']
    assert list(duplicates[t("col_tax_codes")].iloc[:30]) == ["30"] * 30
    csv = to_csv_bytes(hostile, "vi").decode("utf-8-sig")
    assert "'=HYPERLINK(" in csv and "'=hyperlink(" in csv
