"""Staff accounts: hashed passwords in a file outside git, throttled logins."""
import datetime as dt
import subprocess
import sys
import threading

import duckdb
import pytest

from nscl.auth import Throttle, add_user, load_users, login
from nscl.settings import ROOT

NOW = dt.datetime(2026, 11, 26, 9, 0)


@pytest.fixture
def users(tmp_path):
    path = tmp_path / "users.toml"
    add_user("lan", "mat-khau-dai-1", "Nguyễn Thị Lan", path=path)
    return path


def test_password_is_stored_as_an_argon2_hash(users):
    info = load_users(users)["lan"]
    assert info["password_hash"].startswith("$argon2id$") and "mat-khau-dai-1" not in users.read_text()
    assert info["name"] == "Nguyễn Thị Lan" and info["role"] == "staff"


def test_login_succeeds_and_fails_with_a_clear_message(con, users):
    user, message = login(con, "Lan", "mat-khau-dai-1", NOW, path=users)
    assert user.username == "lan" and user.name == "Nguyễn Thị Lan" and message == ""
    assert login(con, "lan", "sai", NOW, path=users) == (None, "Tên đăng nhập hoặc mật khẩu không đúng.")
    assert login(con, "ai-do", "x", NOW, path=users) == (None, "Tên đăng nhập hoặc mật khẩu không đúng.")


def test_repeated_failures_are_throttled_then_allowed_after_the_window(con, users):
    throttle = Throttle(max_failures=3, window_minutes=15)
    for minute in range(3):
        assert login(con, "lan", "sai", NOW + dt.timedelta(minutes=minute), throttle, users)[0] is None
    user, message = login(con, "lan", "mat-khau-dai-1", NOW + dt.timedelta(minutes=4), throttle, users)
    # Locked until the first of the three failures (minute 0) leaves the 15-minute window.
    assert user is None and message == "Đăng nhập sai quá 3 lần. Vui lòng thử lại sau 11 phút."
    later = NOW + dt.timedelta(minutes=20)
    assert login(con, "lan", "mat-khau-dai-1", later, throttle, users)[0] is not None


def test_weak_or_malformed_accounts_are_refused(tmp_path):
    with pytest.raises(ValueError, match="ít nhất 10 ký tự"):
        add_user("lan", "ngan", path=tmp_path / "u.toml")
    with pytest.raises(ValueError, match="Tên đăng nhập chỉ gồm"):
        add_user("Lan Anh", "mat-khau-dai-1", path=tmp_path / "u.toml")


def test_the_command_creates_a_user_from_stdin(tmp_path):
    path = tmp_path / "u.toml"
    done = subprocess.run([sys.executable, "-m", "nscl", "user", "add", "hoa", "--name", "Lê Hoa"], cwd=ROOT,
                          input="mot-mat-khau-dai\n", capture_output=True, text=True, env={"NSCL_USERS": str(path),
                                                                                            "PATH": "/usr/bin"})
    assert done.returncode == 0, done.stderr
    assert load_users(path)["hoa"]["name"] == "Lê Hoa"


def test_users_file_and_uploads_are_kept_out_of_git():
    ignored = (ROOT / ".gitignore").read_text()
    assert "data/users.toml" in ignored and "data/uploads/" in ignored


@pytest.mark.parametrize("text", [
    "Nguyễn Thị Lan", "two\nlines", 'a "quoted" name', "back\\slash \\n not a newline", "tab\there",
    "".join(chr(c) for c in range(32)) + "\x7f", "\u2028 \u0085 \ufeff end", "", "[users.x]\nrole = \"admin\"",
])
def test_names_are_written_as_valid_toml_strings(tmp_path, text):
    import tomllib

    from nscl.auth import save_users, toml_string

    assert tomllib.loads(f"v = {toml_string(text)}")["v"] == text
    path = tmp_path / "u.toml"
    save_users({"lan": {"name": text, "role": "staff", "password_hash": "$argon2id$x"}}, path)
    assert load_users(path) == {"lan": {"name": text, "role": "staff", "password_hash": "$argon2id$x"}}


def test_account_and_login_messages_in_english(con, users, tmp_path):
    from nscl.auth import AccountError

    assert login(con, "lan", "sai", NOW, path=users, lang="en") == (None, "Wrong username or password.")
    with pytest.raises(AccountError) as caught:
        add_user("lan", "ngan", path=tmp_path / "u.toml")
    assert caught.value.text("en") == "A password needs at least 10 characters."


def _at_once(count: int, attempt) -> list:
    """Run `attempt(i)` in `count` threads released together; their results in order."""
    start, results = threading.Barrier(count), [None] * count

    def run(i):
        start.wait()
        results[i] = attempt(i)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


@pytest.fixture
def password_checks(monkeypatch):
    """How many times a password was checked (the real argon2 check, counted)."""
    from argon2 import PasswordHasher

    from nscl import auth

    checks = []

    class Counted(PasswordHasher):
        def verify(self, hash_, password):
            checks.append(password)
            return super().verify(hash_, password)

    monkeypatch.setattr(auth, "HASHER", Counted())
    return checks


def test_thirty_simultaneous_wrong_passwords_reach_the_check_at_most_five_times(con, users, password_checks):
    throttle = Throttle(max_failures=5, window_minutes=15)
    results = _at_once(30, lambda i: login(con, "lan", f"sai-{i}", NOW, throttle, users))
    messages = [message for _, message in results]
    assert len(password_checks) == 5
    assert messages.count("Tên đăng nhập hoặc mật khẩu không đúng.") == 5
    assert messages.count("Đăng nhập sai quá 5 lần. Vui lòng thử lại sau 15 phút.") == 25
    assert con.execute("SELECT count(*), count(*) FILTER (WHERE succeeded) FROM login_attempts").fetchall() == [(5, 0)]
    # Even the right password waits for the window.
    assert login(con, "lan", "mat-khau-dai-1", NOW + dt.timedelta(minutes=14), throttle, users) == (
        None, "Đăng nhập sai quá 5 lần. Vui lòng thử lại sau 1 phút.")


def test_one_source_trying_many_user_names_is_throttled(con, users, password_checks):
    throttle = Throttle(max_failures=5, window_minutes=15, max_source_failures=6)
    attacker, office = "ip:203.0.113.7", "ip:198.51.100.2"
    results = _at_once(30, lambda i: login(con, f"nguoi-{i}", "sai", NOW + dt.timedelta(minutes=2), throttle,
                                           users, source=attacker))
    assert len(password_checks) == 6 and sum(message == "Tên đăng nhập hoặc mật khẩu không đúng."
                                             for _, message in results) == 6
    # The attacker's address is locked even for a real account and the right password ...
    assert login(con, "lan", "mat-khau-dai-1", NOW + dt.timedelta(minutes=5), throttle, users, source=attacker) == (
        None, "Đã có 6 lần đăng nhập sai từ máy này trong 15 phút. Vui lòng thử lại sau 12 phút.")
    # ... while staff elsewhere sign in, and the account itself was never locked.
    user, message = login(con, "lan", "mat-khau-dai-1", NOW + dt.timedelta(minutes=5), throttle, users, source=office)
    assert user.username == "lan" and message == ""
    rows = con.execute("SELECT source, count(*) FROM login_attempts GROUP BY source ORDER BY source").fetchall()
    assert rows == [(office, 1), (attacker, 6)]
    later = NOW + dt.timedelta(minutes=18)
    assert login(con, "lan", "mat-khau-dai-1", later, throttle, users, source=attacker)[0] is not None


def test_a_successful_login_is_recorded_as_succeeded_and_resets_the_account(con, users):
    throttle = Throttle(max_failures=3, window_minutes=15)
    for minute in range(2):
        login(con, "lan", "sai", NOW + dt.timedelta(minutes=minute), throttle, users)
    assert login(con, "lan", "mat-khau-dai-1", NOW + dt.timedelta(minutes=3), throttle, users)[0] is not None
    for minute in range(4, 6):
        assert login(con, "lan", "sai", NOW + dt.timedelta(minutes=minute), throttle, users)[1] == (
            "Tên đăng nhập hoặc mật khẩu không đúng.")
    assert con.execute("SELECT succeeded, count(*) FROM login_attempts GROUP BY succeeded ORDER BY succeeded"
                       ).fetchall() == [(False, 4), (True, 1)]


def test_a_locked_account_is_told_how_long_to_wait_on_the_page(tmp_path, monkeypatch, plan):
    from nscl.db import open_database
    from tests.apptest import open_page

    db = tmp_path / "login.duckdb"
    open_database(str(db), plan).close()
    users = tmp_path / "users.toml"
    add_user("lan", "mat-khau-dai-1", "Nguyễn Thị Lan", path=users)
    monkeypatch.setenv("NSCL_DB", str(db))
    monkeypatch.setenv("NSCL_USERS", str(users))
    at = open_page("pages/upload.py", as_of="2026-11-26")
    errors = []
    for _ in range(6):
        at.text_input[0].input("lan")
        at.text_input[1].input("sai-mat-khau")
        at.button[0].click().run()
        errors.append(at.error[0].value)
    assert errors == ["Tên đăng nhập hoặc mật khẩu không đúng."] * 5 + [
        "Đăng nhập sai quá 5 lần. Vui lòng thử lại sau 15 phút."]
    # The page recorded where the attempts came from (AppTest has no address: its browser session).
    sources = duckdb.connect(str(db)).execute("SELECT DISTINCT source FROM login_attempts").fetchall()
    assert len(sources) == 1 and sources[0][0].startswith("session:")
