"""AppTest of the staff's upload work: undo asks first and says what it removes, the history names
people and says the time of day in Vietnam, an undone file is nobody's latest upload, the preview
shows the rows to be written, and each template is accepted as downloaded."""
import datetime as dt

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from nscl import quality
from nscl.auth import User, add_user
from nscl.i18n import fmt_datetime, local_time, t
from nscl.settings import ROOT, Settings
from nscl.ui.data import _database
from tests.apptest import open_page, page_ok, shown, sign_in
from tests.conftest import build_demo_file
from tests.ingest_helpers import csv_text

PASSWORD = "mat-khau-dai-1"
SUPPORT_HEADER = ["Mã hồ sơ hỗ trợ", "Mã số thuế", "Ngày hỗ trợ", "Loại giải pháp", "Giải pháp", "Kinh phí (đồng)"]


@pytest.fixture
def staff_app(tmp_path, monkeypatch, plan):
    db = build_demo_file(tmp_path / "staff.duckdb", plan)
    users = tmp_path / "users.toml"
    add_user("lan", PASSWORD, "Nguyễn Thị Lan", path=users)
    monkeypatch.setenv("NSCL_DB", str(db))
    monkeypatch.setenv("NSCL_USERS", str(users))
    monkeypatch.setenv("NSCL_ARCHIVE", str(tmp_path / "archive"))
    con = duckdb.connect(str(db))
    firms = [r[0] for r in con.execute("SELECT tax_code FROM enterprises ORDER BY tax_code LIMIT 3").fetchall()]
    con.close()
    return firms


def app_con():
    """The app's own connection (it holds the database file)."""
    settings = Settings.from_env()
    return _database(settings.db_path, settings.plan_id, settings.plans_dir)[0].cursor()


def signed_in():
    at = open_page("pages/upload.py", as_of="2026-11-26")
    at.text_input[0].input("lan")
    at.text_input[1].input(PASSWORD)
    at.button[0].click()
    return at.run()


def upload(at, file_name: str, rows: list[list[str]]):
    at.selectbox(key="upload_dataset").set_value("support").run()
    at.get("file_uploader")[0].set_value((file_name, csv_text([SUPPORT_HEADER, *rows]).encode("utf-8-sig"),
                                          "text/csv"))
    return at.run()


def commit(at, file_name: str, rows: list[list[str]]):
    upload(at, file_name, rows)
    at.button(key="commit_all").click().run()
    assert page_ok(at), [e.value for e in at.error]
    return at


def row(record: str, tax: str, amount: str) -> list[str]:
    return [record, tax, "15/10/2026", "công cụ cải tiến năng suất chất lượng", "5S", amount]


def held(record: str):
    found = app_con().execute("SELECT funding_vnd, upload_id FROM support_records WHERE id = $id",
                              {"id": record}).fetchall()
    return found[0] if found else None


def status(upload_id: int) -> str:
    return app_con().execute("SELECT status FROM uploads WHERE id = $id", {"id": upload_id}).fetchall()[0][0]


def set_uploaded_at(upload_id: int, at: dt.datetime) -> None:
    app_con().execute("UPDATE uploads SET uploaded_at = $at WHERE id = $id", {"at": at, "id": upload_id})


def asked(at) -> list[str]:
    """The undo's question (the demo's own banner is a warning too)."""
    return [w.value for w in at.warning if "Hoàn tác lần" in w.value]


def history(at):
    return next(shown(d) for d in at.dataframe if "Người cập nhật" in d.value.columns).set_index("Số")


def two_uploads(firms):
    """Upload 1 adds three records; upload 2 adds one and changes the amount of one of upload 1's."""
    at = signed_in()
    commit(at, "ho-tro-thang-10.csv", [row(f"HT-STAFF-{i}", tax, "20.000.000") for i, tax in enumerate(firms)])
    commit(at, "ho-tro-bo-sung.csv", [row("HT-STAFF-0", firms[0], "25.000.000"), row("HT-STAFF-9", firms[1],
                                                                                       "7.000.000")])
    assert at.success[0].value.startswith("Đã ghi lần cập nhật số 2: 1 dòng mới")
    return at


def test_undo_says_what_it_removes_and_changes_nothing_until_confirmed(staff_app):
    at = two_uploads(staff_app)
    set_uploaded_at(2, dt.datetime(2026, 11, 26, 3, 5))  # stored in UTC: 10:05 in Vietnam
    at.run()
    at.selectbox(key="undo_choice").set_value(2)
    at.button(key="undo_button").click().run()
    assert page_ok(at)
    assert asked(at) == [
        "Hoàn tác lần cập nhật số 2 — tệp «ho-tro-bo-sung.csv», dữ liệu Hỗ trợ doanh nghiệp, do Nguyễn Thị Lan "
        "cập nhật lúc 26/11/2026 10:05: sẽ xóa 1 dòng đã thêm mới và trả 1 dòng đã sửa về giá trị trước đó. "
        "Chưa có gì thay đổi cho đến khi bạn xác nhận."]
    # asked, not done
    assert status(2) == "committed" and held("HT-STAFF-9") is not None and held("HT-STAFF-0") == (25_000_000, 2)

    at.button(key="undo_cancel").click().run()
    assert page_ok(at)
    assert [i.value for i in at.info if i.value.startswith("Đã hủy")] == ["Đã hủy: lần cập nhật số 2 được giữ nguyên."]
    assert not asked(at) and not [b for b in at.button if b.key == "undo_confirm"]
    assert status(2) == "committed" and held("HT-STAFF-9") is not None and held("HT-STAFF-0") == (25_000_000, 2)

    at.selectbox(key="undo_choice").set_value(2)
    at.button(key="undo_button").click().run()
    at.button(key="undo_confirm").click().run()
    assert page_ok(at) and at.success[0].value == "Đã hoàn tác lần cập nhật số 2."
    assert status(2) == "undone" and held("HT-STAFF-9") is None and held("HT-STAFF-0") == (20_000_000, 1)
    assert not asked(at)


def test_undo_of_an_upload_a_later_one_changed_is_refused_before_anything_is_asked(staff_app):
    at = two_uploads(staff_app)
    at.selectbox(key="undo_choice").set_value(1)
    at.button(key="undo_button").click().run()
    assert [e.value for e in at.error] == ["Lần cập nhật số 2 sau đó đã sửa các dòng này. Hãy hoàn tác lần 2 trước."]
    assert not asked(at) and not [b for b in at.button if b.key == "undo_confirm"]
    assert status(1) == "committed"


def test_the_confirmation_shows_a_hostile_file_name_as_text(staff_app):
    at = signed_in()
    commit(at, "**đậm** [x](javascript:alert(1)) <img src=x onerror=alert(2)>.csv",
           [row("HT-HOSTILE-1", staff_app[0], "1.000.000")])
    at.selectbox(key="undo_choice").set_value(1)
    at.button(key="undo_button").click().run()
    warning = asked(at)[0]
    assert r"tệp «\*\*đậm\*\* \[x\](javascript:" in warning
    assert r"alert(1)) \<img src=x onerror=alert(2)\>.csv», dữ liệu" in warning


def test_history_names_people_in_full_and_says_the_time_of_day_in_vietnam(staff_app):
    at = two_uploads(staff_app)
    set_uploaded_at(1, dt.datetime(2026, 11, 26, 3, 5))    # 10:05 in Hà Nội
    set_uploaded_at(2, dt.datetime(2026, 11, 26, 18, 30))  # 01:30 the next day in Hà Nội
    at.run()
    table = history(at)
    assert list(table["Người cập nhật"]) == ["Nguyễn Thị Lan", "Nguyễn Thị Lan"]
    assert (table.at["1", "Thời điểm"], table.at["2", "Thời điểm"]) == ("26/11/2026 10:05", "27/11/2026 01:30")
    assert (table.at["1", "Người hoàn tác"], table.at["1", "Hoàn tác lúc"]) == ("–", "–")

    at.selectbox(key="undo_choice").set_value(2)
    at.button(key="undo_button").click().run()
    at.button(key="undo_confirm").click().run()
    at.run()
    table = history(at)
    assert (table.at["2", "Trạng thái"], table.at["2", "Người hoàn tác"]) == ("Đã hoàn tác", "Nguyễn Thị Lan")
    undone_at = app_con().execute("SELECT undone_at FROM uploads WHERE id = 2").fetchall()[0][0]
    assert table.at["2", "Hoàn tác lúc"] == fmt_datetime(undone_at)
    assert table.at["3", "Người cập nhật"] == "Nguyễn Thị Lan" and table.at["3", "Hoàn tác lần"] == "#2"


def test_upload_times_are_stored_in_utc_whatever_the_servers_zone(staff_app):
    con = app_con()
    con.execute("SET GLOBAL TimeZone = 'Asia/Ho_Chi_Minh'")
    try:
        before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
        at = signed_in()
        commit(at, "ho-tro.csv", [row("HT-UTC-1", staff_app[0], "1.000.000")])
        after = dt.datetime.now(dt.UTC).replace(tzinfo=None) + dt.timedelta(seconds=1)
        stored = app_con().execute("SELECT uploaded_at FROM uploads WHERE id = 1").fetchall()[0][0]
    finally:
        con.execute("SET GLOBAL TimeZone = 'UTC'")
    assert before <= stored <= after  # UTC, not Vietnam time seven hours ahead
    assert local_time(dt.datetime(2026, 11, 26, 18, 30)) == dt.datetime(2026, 11, 27, 1, 30)


def quality_page():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["as_of"] = "2026-11-26"
    sign_in(at, User("lan", "Nguyễn Thị Lan", "staff"))
    return at.switch_page("pages/quality.py").run()


def test_an_undone_file_is_no_longer_the_latest_upload_anywhere(staff_app):
    at = two_uploads(staff_app)
    set_uploaded_at(1, dt.datetime(2026, 11, 25, 2, 0))
    set_uploaded_at(2, dt.datetime(2026, 11, 26, 3, 5))
    page = quality_page()
    support = next(shown(d) for d in page.dataframe if t("col_dataset") in d.value.columns).set_index(t("col_dataset"))
    support = support.loc[t("dataset_support")]
    assert (support[t("col_file")], support[t("col_last_changed")]) == ("ho-tro-bo-sung.csv", "26/11/2026 10:05")

    at.selectbox(key="undo_choice").set_value(2)
    at.button(key="undo_button").click().run()
    at.button(key="undo_confirm").click().run()
    assert status(2) == "undone"
    state = quality.states(app_con())["support"]
    assert (state.last_file, state.last_kind) == ("ho-tro-thang-10.csv", "upload")
    page = quality_page()
    table = next(shown(d) for d in page.dataframe if t("col_dataset") in d.value.columns).set_index(t("col_dataset"))
    support = table.loc[t("dataset_support")]
    assert (support[t("col_file")], support[t("col_uploaded_by")], support[t("col_last_changed")]) == (
        "ho-tro-thang-10.csv", "Nguyễn Thị Lan", "25/11/2026 09:00")
    assert "ho-tro-bo-sung.csv" not in table.to_string()

    at.selectbox(key="undo_choice").set_value(1)
    at.button(key="undo_button").click().run()
    at.button(key="undo_confirm").click().run()
    page = quality_page()
    table = next(shown(d) for d in page.dataframe if t("col_dataset") in d.value.columns).set_index(t("col_dataset"))
    support = table.loc[t("dataset_support")]
    # no upload in effect: the demo's own day again, nobody's file
    assert (support[t("col_file")], support[t("col_last_changed")]) == ("–", "20/11/2026")
    assert "ho-tro" not in table.to_string()


def preview_table(at):
    return next(shown(d) for d in at.dataframe if "Kết quả" in d.value.columns)


def test_the_preview_shows_the_first_rows_and_every_row_with_a_problem(staff_app):
    at = signed_in()
    rows = [row(f"HT-PREVIEW-{i:02d}", staff_app[i % 3], f"{i + 1}.000.000") for i in range(14)]
    rows[1][4] = "**5S** <b>đậm</b> [x](http://evil.example)"  # text from data stays text
    rows[12][1] = "3100000017"  # a tax code of no enterprise: row 14 of the file is refused
    upload(at, "xem-truoc.csv", rows)
    assert not at.exception
    table = preview_table(at)
    # rows 2-11 (the first 10), then the faulty row 14
    assert list(table["Dòng"]) == [str(n) for n in [*range(2, 12), 14]]
    assert list(table["Kết quả"]) == ["Sẽ ghi"] * 10 + ["Không ghi (có lỗi)"]
    first = table.iloc[0]
    assert (first["Mã hồ sơ hỗ trợ"], first["Mã số thuế"], first["Ngày hỗ trợ"], first["Kinh phí (đồng)"],
            first["Vấn đề"]) == ("HT-PREVIEW-00", staff_app[0], "15/10/2026", "1.000.000", "–")  # no problem: a dash
    assert table.iloc[1]["Giải pháp cụ thể"] == "**5S** <b>đậm</b> [x](http://evil.example)"
    refused = table.iloc[-1]
    assert (refused["Mã hồ sơ hỗ trợ"], refused["Mã số thuế"], refused["Kinh phí (đồng)"]) == (
        "HT-PREVIEW-12", "3100000017", "13.000.000")
    assert refused["Vấn đề"].startswith("Mã số thuế: ")
    assert ("10 dòng đầu của tệp và mọi dòng có vấn đề (11 / 14 dòng). Dòng sẽ ghi hiện giá trị như sẽ lưu; "
            "dòng không ghi hiện ô như trong tệp.") in [c.value for c in at.caption]
