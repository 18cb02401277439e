"""Staff accounts: hashed passwords in a file outside git, throttled logins."""
import datetime as dt
import subprocess
import sys

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
    assert user is None and message == "Đăng nhập sai quá 3 lần. Vui lòng thử lại sau 15 phút."
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
