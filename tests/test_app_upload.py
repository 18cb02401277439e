"""AppTest: the upload page needs a staff login; upload, preview, commit, see the overview change, undo."""
import datetime as dt

import duckdb
import pytest

from nscl.auth import add_user
from nscl.i18n import fmt_count
from tests.apptest import open_page, page_ok, shown
from tests.conftest import build_demo_file
from tests.ingest_helpers import csv_text

PASSWORD = "mat-khau-dai-1"
SUPPORT_HEADER = ["Mã hồ sơ hỗ trợ", "Mã số thuế", "Ngày hỗ trợ", "Loại giải pháp", "Giải pháp", "Kinh phí (đồng)"]


@pytest.fixture
def staff_app(tmp_path, monkeypatch, plan):
    db = build_demo_file(tmp_path / "upload.duckdb", plan)
    users = tmp_path / "users.toml"
    add_user("lan", PASSWORD, "Nguyễn Thị Lan", path=users)
    monkeypatch.setenv("NSCL_DB", str(db))
    monkeypatch.setenv("NSCL_USERS", str(users))
    monkeypatch.setenv("NSCL_ARCHIVE", str(tmp_path / "archive"))
    return db


def signed_in(**query):
    at = open_page("pages/upload.py", as_of="2026-11-26", **query)
    at.text_input[0].input("lan")
    at.text_input[1].input(PASSWORD)
    at.button[0].click()
    return at.run()


def supported_card(at) -> str:
    return next(m.value for m in at.metric if m.label.startswith("Doanh nghiệp được hỗ trợ"))


def test_upload_page_refuses_without_a_staff_login(staff_app):
    at = open_page("pages/upload.py", as_of="2026-11-26")
    assert page_ok(at)
    assert at.subheader[0].value == "Đăng nhập" and not at.get("file_uploader")
    at.text_input[0].input("lan")
    at.text_input[1].input("sai-mat-khau")
    at.button[0].click()
    at.run()
    assert [e.value for e in at.error] == ["Tên đăng nhập hoặc mật khẩu không đúng."]
    assert not at.get("file_uploader")


def test_upload_preview_commit_then_undo_changes_the_overview(staff_app):
    con = duckdb.connect(str(staff_app))
    # The overview follows Plan 676: firms in former Quảng Bình (the plan's territory) only.
    plan_firms = "SELECT tax_code FROM enterprises WHERE in_plan('quang-binh-676', place_code)"
    firms = [r[0] for r in con.execute(
        f"SELECT tax_code FROM enterprises WHERE tax_code IN ({plan_firms}) AND tax_code NOT IN "
        "(SELECT tax_code FROM support_records WHERE year(supported_on) = 2026) ORDER BY tax_code LIMIT 12").fetchall()]
    before_value = con.execute("SELECT count(DISTINCT tax_code) FROM support_records WHERE supported_on "
                               f"BETWEEN DATE '2026-01-01' AND DATE '2026-11-26' AND tax_code IN ({plan_firms})"
                               ).fetchall()[0][0]
    con.close()
    overview = open_page("pages/overview.py", as_of="2026-11-26")
    assert supported_card(overview).startswith(f"{fmt_count(before_value)} doanh nghiệp")

    at = signed_in()
    assert page_ok(at) and at.get("file_uploader")
    at.selectbox(key="upload_dataset").set_value("support").run()
    rows = [[f"HT-TEST-{i}", tax, "15/10/2026", "công cụ cải tiến năng suất chất lượng", "5S", "20.000.000"]
            for i, tax in enumerate(firms)]
    at.get("file_uploader")[0].set_value(("ho-tro-2026.csv", csv_text([SUPPORT_HEADER, *rows]).encode("utf-8-sig"),
                                          "text/csv"))
    at.run()
    assert page_ok(at)
    metrics = {m.label: m.value for m in at.metric}
    assert (metrics["Dòng đọc được"], metrics["Dòng mới"], metrics["Dòng bị loại"]) == ("12", "12", "0")
    at.button(key="commit_all").click().run()
    assert page_ok(at)
    assert at.success[0].value.startswith("Đã ghi lần cập nhật số 1: 12 dòng mới")

    after = open_page("pages/overview.py", as_of="2026-11-26")
    assert supported_card(after).startswith(f"{fmt_count(before_value + 12)} doanh nghiệp")

    at.selectbox(key="undo_choice").set_value(1)
    at.button(key="undo_button").click().run()
    at.button(key="undo_confirm").click().run()
    assert page_ok(at) and at.success[0].value == "Đã hoàn tác lần cập nhật số 1."
    again = open_page("pages/overview.py", as_of="2026-11-26")
    assert supported_card(again).startswith(f"{fmt_count(before_value)} doanh nghiệp")


def test_a_file_with_errors_shows_the_report_and_commits_nothing(staff_app):
    at = signed_in()
    at.selectbox(key="upload_dataset").set_value("support").run()
    bad = csv_text([SUPPORT_HEADER, ["HT-X", "3100000017", "15/10/2026", "5S", "", "1.000"]]).encode()
    at.get("file_uploader")[0].set_value(("loi.csv", bad, "text/csv"))
    at.run()
    table = shown(at.dataframe[0])
    assert set(table["Cột"]) == {"Mã số thuế", "Loại giải pháp"}
    assert at.button(key="commit_all").disabled
    assert not [b for b in at.button if b.key == "commit_valid"]
    _ = dt


def test_require_login_for_everything_shows_only_the_login_form(staff_app, monkeypatch):
    monkeypatch.setenv("NSCL_REQUIRE_LOGIN", "1")
    at = open_page("pages/overview.py", as_of="2026-11-26")
    assert page_ok(at)
    assert at.subheader[0].value == "Đăng nhập" and not at.metric


def test_a_commit_publishes_a_snapshot_for_replicas_when_configured(staff_app, monkeypatch, tmp_path):
    from nscl.snapshot import open_snapshot

    monkeypatch.setenv("NSCL_PUBLISH_SNAPSHOT", str(tmp_path / "snapshot"))
    con = duckdb.connect(str(staff_app))
    tax = con.execute("SELECT min(tax_code) FROM enterprises").fetchall()[0][0]
    con.close()
    at = signed_in()
    at.selectbox(key="upload_dataset").set_value("support").run()
    data = csv_text([SUPPORT_HEADER, ["HT-SNAP-1", tax, "15/10/2026", "khác", "", "1.000.000"]]).encode()
    at.get("file_uploader")[0].set_value(("snap.csv", data, "text/csv"))
    at.run()
    at.button(key="commit_all").click().run()
    assert page_ok(at) and at.success
    replica = open_snapshot(tmp_path / "snapshot")
    assert replica.execute("SELECT count(*) FROM support_records WHERE id = 'HT-SNAP-1'").fetchall() == [(1,)]


def test_staff_cannot_undo_a_colleagues_upload_but_an_administrator_can(staff_app, tmp_path):
    users = tmp_path / "users.toml"
    add_user("hoa", PASSWORD, "Lê Hoa", path=users)
    add_user("an", PASSWORD, "Trần An", role="admin", path=users)

    def as_user(username):
        at = open_page("pages/upload.py", as_of="2026-11-26")
        at.text_input[0].input(username)
        at.text_input[1].input(PASSWORD)
        at.button[0].click()
        return at.run()

    con = duckdb.connect(str(staff_app))
    tax = con.execute("SELECT min(tax_code) FROM enterprises").fetchall()[0][0]
    con.close()
    at = as_user("lan")
    at.selectbox(key="upload_dataset").set_value("support").run()
    data = csv_text([SUPPORT_HEADER, ["HT-ROLE-1", tax, "15/10/2026", "khác", "", "1.000.000"]]).encode()
    at.get("file_uploader")[0].set_value(("cua-lan.csv", data, "text/csv"))
    at.run()
    at.button(key="commit_all").click().run()
    assert at.success[0].value.startswith("Đã ghi lần cập nhật số 1")
    assert st_user(at).role == "staff"

    colleague = as_user("hoa")
    assert page_ok(colleague)
    assert not [s for s in colleague.selectbox if s.key == "undo_choice"]
    assert not [b for b in colleague.button if b.key == "undo_button"]
    assert ("Bạn chưa có lần cập nhật nào còn hoàn tác được. Quản trị viên hoàn tác được mọi lần cập nhật."
            in [c.value for c in colleague.caption])

    admin = as_user("an")
    assert st_user(admin).role == "admin"
    admin.selectbox(key="undo_choice").set_value(1)
    admin.button(key="undo_button").click().run()
    admin.button(key="undo_confirm").click().run()  # undo asks first (tests/test_app_upload_staff.py)
    assert page_ok(admin) and admin.success[0].value == "Đã hoàn tác lần cập nhật số 1."
    admin.run()  # the history after the undo
    table = shown(admin.dataframe[0]).set_index("Số")
    # who undid it, by the full name of the account
    assert (table.at["1", "Trạng thái"], table.at["1", "Người hoàn tác"]) == ("Đã hoàn tác", "Trần An")


def st_user(at):
    return at.session_state["user"]


def test_a_removed_account_is_signed_out_at_the_next_run_and_a_new_role_takes_effect(staff_app, tmp_path):
    from nscl.auth import remove_user

    at = signed_in()
    assert page_ok(at) and at.get("file_uploader")
    add_user("lan", PASSWORD, "Nguyễn Thị Lan", role="admin", path=tmp_path / "users.toml")
    at.run()
    assert at.session_state["user"].is_admin
    remove_user("lan", path=tmp_path / "users.toml")
    at.run()
    assert page_ok(at)
    assert "user" not in at.session_state and not at.get("file_uploader")
    assert at.subheader[0].value == "Đăng nhập"
