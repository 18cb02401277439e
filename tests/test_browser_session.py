"""Real browser: staff signed in stay signed in when the page reloads (an HttpOnly cookie naming a
session on the server, nothing in the URL), and signing out ends that session."""
import datetime as dt
import shutil

import pytest

from nscl.auth import add_user
from nscl.sessions import SessionStore
from tests.browser import chromium_page, streamlit_server, wait_idle

pytestmark = pytest.mark.browser


def test_a_reload_keeps_staff_signed_in_until_they_sign_out(tmp_path, demo_db):
    db = tmp_path / "session.duckdb"
    shutil.copy(demo_db, db)
    add_user("lan", "mat-khau-dai-1", "Nguyễn Thị Lan", path=tmp_path / "users.toml")
    env = {"NSCL_USERS": str(tmp_path / "users.toml"), "NSCL_ARCHIVE": str(tmp_path / "archive")}
    with streamlit_server(db, tmp_path / "streamlit.log", env) as url, chromium_page() as page:
        page.goto(url + "/upload")
        page.get_by_label("Tên đăng nhập").fill("lan")
        page.get_by_label("Mật khẩu").fill("mat-khau-dai-1")
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_selector("text=Chọn tệp CSV hoặc Excel", timeout=30_000)
        wait_idle(page)
        cookies = {c["name"]: c for c in page.context.cookies()}
        for _ in range(50):  # the hidden frame posts the ticket right after the sign-in
            if "nscl_session" in cookies:
                break
            page.wait_for_timeout(100)
            cookies = {c["name"]: c for c in page.context.cookies()}
        session = cookies["nscl_session"]
        assert session["httpOnly"] and session["sameSite"] == "Strict" and session["expires"] > 0
        assert session["value"] not in page.url and "nscl_session" not in page.evaluate("document.cookie")
        store = SessionStore(tmp_path / "login-attempts.sqlite3")
        assert store.count() == 1

        page.reload()
        page.wait_for_selector("text=Chọn tệp CSV hoặc Excel", timeout=30_000)
        wait_idle(page)
        assert "Nguyễn Thị Lan" in page.inner_text("[data-testid='stSidebar']")
        assert page.get_by_label("Mật khẩu").count() == 0

        page.get_by_role("button", name="Đăng xuất").click()
        page.wait_for_selector("text=Mật khẩu", timeout=30_000)
        assert store.count() == 0 and store.user_for(session["value"], dt.datetime.now(dt.UTC), 8) is None
        page.reload()
        page.wait_for_selector("text=Mật khẩu", timeout=30_000)
        wait_idle(page)
        assert page.get_by_role("button", name="Đăng xuất").count() == 0
