"""Staff accounts: hashed passwords in a file outside git, throttled logins."""
import datetime as dt
import subprocess
import sys
import threading

import pytest

from nscl.auth import AttemptStore, Throttle, add_user, load_users, login
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


def sign_in(store, username, password, at=NOW, throttle=None, users=None, **options):
    return login(username, password, at, throttle or Throttle(), users, store=store, **options)


@pytest.fixture
def store(tmp_path):
    return AttemptStore(tmp_path / "attempts.sqlite3")


WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."


def test_login_succeeds_and_fails_with_a_clear_message(store, users):
    user, message = sign_in(store, "Lan", "mat-khau-dai-1", users=users)
    assert user.username == "lan" and user.name == "Nguyễn Thị Lan" and user.role == "staff" and message == ""
    assert sign_in(store, "lan", "sai", users=users) == (None, WRONG)
    assert sign_in(store, "ai-do", "x", users=users) == (None, WRONG)


def test_repeated_failures_wait_longer_each_time_then_the_right_password_passes(store, users):
    throttle = Throttle(free_failures=3, first_delay_seconds=30, max_delay_seconds=120)
    seconds = lambda s: NOW + dt.timedelta(seconds=s)  # noqa: E731
    for s in range(3):
        assert sign_in(store, "lan", "sai", seconds(s), throttle, users) == (None, WRONG)
    # The fourth waits 30 seconds after the third failure (at second 2), even with the right password.
    assert sign_in(store, "lan", "mat-khau-dai-1", seconds(3), throttle, users) == (
        None, "Tên đăng nhập này đã đăng nhập sai 3 lần từ máy này. Vui lòng thử lại sau 29 giây.")
    assert sign_in(store, "lan", "sai", seconds(32), throttle, users) == (None, WRONG)
    assert sign_in(store, "lan", "sai", seconds(33), throttle, users)[1].endswith("thử lại sau 59 giây.")
    assert sign_in(store, "lan", "sai", seconds(92), throttle, users) == (None, WRONG)
    assert sign_in(store, "lan", "sai", seconds(93), throttle, users, lang="en") == (
        None, "5 failed sign-ins with this username from this computer. Please try again in 119 seconds.")
    assert sign_in(store, "lan", "sai", seconds(212), throttle, users) == (None, WRONG)
    # Capped at 120 seconds; the right password then passes and starts the count afresh.
    assert sign_in(store, "lan", "sai", seconds(213), throttle, users)[1].endswith("thử lại sau 119 giây.")
    assert sign_in(store, "lan", "mat-khau-dai-1", seconds(332), throttle, users)[0] is not None
    assert sign_in(store, "lan", "sai", seconds(333), throttle, users) == (None, WRONG)


def test_nobody_locks_a_user_out_of_their_own_computer(store, users, password_checks):
    # Today's staff list is on the data-quality page: anyone can try "lan" a hundred times.
    attacker, office = "ip:203.0.113.7", "ip:198.51.100.2"
    for s in range(100):
        sign_in(store, "lan", f"sai-{s}", NOW + dt.timedelta(seconds=s), users=users, source=attacker)
    # Five free guesses, then 30 s, then 60 s: seven in 100 seconds.
    assert password_checks == [f"sai-{s}" for s in (0, 1, 2, 3, 4, 34, 94)]
    user, message = sign_in(store, "lan", "mat-khau-dai-1", NOW + dt.timedelta(seconds=100), users=users,
                            source=office)
    assert user.username == "lan" and message == ""


def test_a_new_browser_session_does_not_start_afresh(store, users):
    # Without a client address the source is the browser session; every such session counts as one.
    for s in range(5):
        sign_in(store, "lan", "sai", NOW + dt.timedelta(seconds=s), users=users, source=f"session:{s}")
    assert sign_in(store, "lan", "mat-khau-dai-1", NOW + dt.timedelta(seconds=6), users=users,
                   source="session:new-tab") == (
        None, "Tên đăng nhập này đã đăng nhập sai 5 lần từ máy này. Vui lòng thử lại sau 28 giây.")


def test_failures_recorded_by_another_process_count_here(tmp_path, users):
    # The writer and each replica are processes of their own: they share one attempts file.
    path = tmp_path / "shared.sqlite3"
    script = ("import datetime as dt, sys\n"
              "from pathlib import Path\n"
              "from nscl.auth import AttemptStore, Throttle, login\n"
              "store = AttemptStore(sys.argv[1])\n"
              "for s in range(3):\n"
              "    print(login('lan', 'sai', dt.datetime(2026, 11, 26, 9, 0, s), Throttle(), Path(sys.argv[2]),\n"
              "                store=store, source='ip:203.0.113.7')[1])\n")
    done = subprocess.run([sys.executable, "-c", script, str(path), str(users)], cwd=ROOT, capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [WRONG] * 3
    here = AttemptStore(path)
    for s in range(3, 5):
        assert sign_in(here, "lan", "sai", NOW + dt.timedelta(seconds=s), users=users,
                       source="ip:203.0.113.7") == (None, WRONG)
    assert sign_in(here, "lan", "sai", NOW + dt.timedelta(seconds=5), users=users, source="ip:203.0.113.7")[1] == (
        "Tên đăng nhập này đã đăng nhập sai 5 lần từ máy này. Vui lòng thử lại sau 29 giây.")
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_oversize_inputs_are_refused_before_any_check_and_not_stored(store, users, password_checks):
    huge = "x" * 1_000_000
    assert sign_in(store, huge, "sai", users=users, source="ip:203.0.113.7") == (None, WRONG)
    assert sign_in(store, "lan", "p" * 5000, NOW + dt.timedelta(seconds=1), users=users,
                   source="ip:203.0.113.7") == (None, WRONG)
    assert password_checks == []  # nothing hashed
    assert [row[0] for row in store.rows()] == ["x" * 16 + "…(1000000)", "lan"]
    assert store.path.stat().st_size < 100_000
    with pytest.raises(ValueError, match="Mật khẩu dài quá 1.024 ký tự."):
        add_user("hoa", "p" * 1025, path=users)


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


def test_the_command_lists_and_removes_accounts(tmp_path):
    path = tmp_path / "u.toml"
    add_user("hoa", "mot-mat-khau-dai", "Lê Hoa", path=path)
    add_user("lan", "mot-mat-khau-dai", "Nguyễn Thị Lan", role="admin", path=path)

    def run(*words):
        return subprocess.run([sys.executable, "-m", "nscl", "user", *words], cwd=ROOT, capture_output=True,
                              text=True, env={"NSCL_USERS": str(path), "PATH": "/usr/bin"})

    listed = run("list")
    assert listed.returncode == 0 and listed.stdout.splitlines() == ["hoa\tstaff\tLê Hoa",
                                                                     "lan\tadmin\tNguyễn Thị Lan"]
    assert "password" not in listed.stdout and "argon2" not in listed.stdout
    removed = run("remove", "hoa")
    assert removed.returncode == 0 and removed.stdout == "Đã xóa tài khoản hoa.\n"
    assert list(load_users(path)) == ["lan"]
    again = run("remove", "hoa", "--lang", "en")
    assert again.returncode == 1 and again.stderr == "There is no account hoa.\n"
    assert list(load_users(path)) == ["lan"]


def test_users_file_and_uploads_are_kept_out_of_git():
    ignored = (ROOT / ".gitignore").read_text()
    assert "data/users.toml" in ignored and "data/uploads/" in ignored


@pytest.mark.parametrize("text", [
    "Nguyễn Thị Lan", "two\nlines", 'a "quoted" name', "back\\slash \\n not a newline", "tab\there",
    "".join(chr(c) for c in range(32)) + "\x7f", "\u2028 \u0085 \ufeff end", "", "[users.x]\nrole = \"admin\"",
])
def test_names_are_written_as_valid_toml_strings(tmp_path, text):
    from nscl.auth import save_users

    path = tmp_path / "u.toml"
    save_users({"lan": {"name": text, "role": "staff", "password_hash": "$argon2id$x"}}, path)
    assert load_users(path) == {"lan": {"name": text, "role": "staff", "password_hash": "$argon2id$x"}}


def test_account_and_login_messages_in_english(store, users, tmp_path):
    from nscl.auth import AccountError

    assert sign_in(store, "lan", "sai", users=users, lang="en") == (None, "Wrong username or password.")
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


def test_thirty_simultaneous_wrong_passwords_reach_the_check_at_most_five_times(store, users, password_checks):
    results = _at_once(30, lambda i: sign_in(store, "lan", f"sai-{i}", users=users, source="ip:203.0.113.7"))
    messages = [message for _, message in results]
    assert len(password_checks) == 5
    assert messages.count(WRONG) == 5
    assert messages.count("Tên đăng nhập này đã đăng nhập sai 5 lần từ máy này. Vui lòng thử lại sau 30 giây.") == 25
    assert [row[3] for row in store.rows()] == [False] * 5
    # Even the right password waits.
    assert sign_in(store, "lan", "mat-khau-dai-1", NOW + dt.timedelta(seconds=10), users=users,
                   source="ip:203.0.113.7")[0] is None


def test_one_source_trying_many_user_names_is_throttled(store, users, password_checks):
    throttle = Throttle(max_source_failures=6, window_minutes=15)
    attacker, office = "ip:203.0.113.7", "ip:198.51.100.2"
    results = _at_once(30, lambda i: sign_in(store, f"nguoi-{i}", "sai", NOW + dt.timedelta(minutes=2), throttle,
                                             users, source=attacker))
    assert len(password_checks) == 6 and sum(message == WRONG for _, message in results) == 6
    # The attacker's address waits even for a real account and the right password ...
    assert sign_in(store, "lan", "mat-khau-dai-1", NOW + dt.timedelta(minutes=5), throttle, users,
                   source=attacker) == (
        None, "Đã có 6 lần đăng nhập sai từ máy này. Vui lòng thử lại sau 12 phút.")
    # ... while staff elsewhere sign in.
    user, message = sign_in(store, "lan", "mat-khau-dai-1", NOW + dt.timedelta(minutes=5), throttle, users,
                            source=office)
    assert user.username == "lan" and message == ""
    assert sorted({(row[2], row[3]) for row in store.rows()}) == [(office, True), (attacker, False)]
    later = NOW + dt.timedelta(minutes=18)
    assert sign_in(store, "lan", "mat-khau-dai-1", later, throttle, users, source=attacker)[0] is not None


def test_a_successful_login_is_recorded_as_succeeded_and_resets_the_count(store, users):
    throttle = Throttle(free_failures=3)
    for s in range(2):
        sign_in(store, "lan", "sai", NOW + dt.timedelta(seconds=s), throttle, users)
    assert sign_in(store, "lan", "mat-khau-dai-1", NOW + dt.timedelta(seconds=3), throttle, users)[0] is not None
    for s in range(4, 7):
        assert sign_in(store, "lan", "sai", NOW + dt.timedelta(seconds=s), throttle, users)[1] == WRONG
    assert [row[3] for row in store.rows()] == [False, False, True, False, False, False]


def test_a_throttled_account_is_told_how_long_to_wait_on_the_page_even_after_a_reload(tmp_path, monkeypatch,
                                                                                      plan):
    from nscl.connect import open_database
    from tests.apptest import open_page

    db = tmp_path / "login.duckdb"
    open_database(str(db), plan).close()
    users = tmp_path / "users.toml"
    add_user("lan", "mat-khau-dai-1", "Nguyễn Thị Lan", path=users)
    monkeypatch.setenv("NSCL_DB", str(db))
    monkeypatch.setenv("NSCL_USERS", str(users))
    monkeypatch.setenv("NSCL_LOGIN_FIRST_DELAY_SECONDS", "600")  # no test runs this long: the wait shows
    at = open_page("pages/upload.py", as_of="2026-11-26")
    errors = []
    for _ in range(6):
        at.text_input[0].input("lan")
        at.text_input[1].input("sai-mat-khau")
        at.button[0].click().run()
        errors.append(at.error[0].value)
    assert errors[:5] == [WRONG] * 5
    assert errors[5] in {f"Tên đăng nhập này đã đăng nhập sai 5 lần từ máy này. Vui lòng thử lại sau {m} phút."
                         for m in (9, 10)}
    # A reload is a new browser session: it does not start afresh.
    again = open_page("pages/upload.py", as_of="2026-11-26")
    again.text_input[0].input("lan")
    again.text_input[1].input("mat-khau-dai-1")
    again.button[0].click().run()
    assert again.error[0].value.startswith("Tên đăng nhập này đã đăng nhập sai 5 lần")
    # The attempts are in the shared file next to the accounts (AppTest has no address: its sessions),
    # not in the database a snapshot publishes.
    rows = AttemptStore(tmp_path / "login-attempts.sqlite3").rows()
    assert len(rows) == 5 and all(source.startswith("session:") and bucket == "unknown"
                                  for _, bucket, source, _ in rows)


ADD_MANY = ("import sys\n"
            "from pathlib import Path\n"
            "from nscl.auth import add_user\n"
            "for i in range(int(sys.argv[3])):\n"
            "    add_user(f'{sys.argv[2]}-{i}', 'mat-khau-dai-1', path=Path(sys.argv[1]))\n")


def test_accounts_added_at_the_same_time_by_two_processes_are_all_kept(tmp_path):
    # Each `user add` reads the file, adds one account and writes it back: without a lock, the
    # second writer drops the first one's account.
    path = tmp_path / "users.toml"
    for round_ in range(3):
        writers = [subprocess.Popen([sys.executable, "-c", ADD_MANY, str(path), f"r{round_}{who}", "8"], cwd=ROOT,
                                    stderr=subprocess.PIPE, text=True) for who in "ab"]
        for writer in writers:
            assert writer.wait() == 0, writer.stderr.read()
    assert sorted(load_users(path)) == sorted(f"r{r}{who}-{i}" for r in range(3) for who in "ab" for i in range(8))
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in tmp_path.iterdir() if p.name != "users.toml.lock"] == ["users.toml"]  # no leftovers


def test_the_accounts_file_is_private_from_its_first_byte(tmp_path, monkeypatch):
    # Another process once read a hash from the temporary file in the moment before its chmod.
    import os

    from nscl import private_files

    synced = []
    real_fsync = os.fsync

    def fsync(fd):
        info = os.fstat(fd)
        if not os.path.isdir(f"/proc/self/fd/{fd}"):
            synced.append((os.readlink(f"/proc/self/fd/{fd}"), oct(info.st_mode & 0o777)))
        return real_fsync(fd)

    monkeypatch.setattr(private_files.os, "fsync", fsync)
    old = os.umask(0)  # whatever the umask, nothing is created readable by others
    try:
        add_user("lan", "mat-khau-dai-1", path=tmp_path / "users.toml")
    finally:
        os.umask(old)
    assert len(synced) == 1 and synced[0][1] == "0o600" and synced[0][0].endswith(".tmp")
    assert oct((tmp_path / "users.toml").stat().st_mode & 0o777) == "0o600"
    assert load_users(tmp_path / "users.toml")["lan"]["role"] == "staff"


def test_the_command_creates_an_administrator(tmp_path):
    path = tmp_path / "u.toml"
    done = subprocess.run([sys.executable, "-m", "nscl", "user", "add", "an", "--role", "admin"], cwd=ROOT,
                          input="mot-mat-khau-dai\n", capture_output=True, text=True,
                          env={"NSCL_USERS": str(path), "PATH": "/usr/bin"})
    assert done.returncode == 0, done.stderr
    assert load_users(path)["an"]["role"] == "admin"
    assert login("an", "mot-mat-khau-dai", NOW, path=path, store=AttemptStore(tmp_path / "a.sqlite3"))[0].is_admin


def test_an_account_written_before_roles_existed_is_staff(tmp_path):
    from nscl.auth import HASHER

    path = tmp_path / "u.toml"
    path.write_text(f'[users.lan]\nname = "Lan"\npassword_hash = "{HASHER.hash("mat-khau-dai-1")}"\n')
    user = login("lan", "mat-khau-dai-1", NOW, path=path, store=AttemptStore(tmp_path / "a.sqlite3"))[0]
    assert (user.role, user.is_admin) == ("staff", False)
    add_user("hoa", "mat-khau-dai-2", path=path)  # rewriting the file keeps lan, now with the role written
    assert load_users(path)["lan"]["role"] == "staff" and load_users(path)["hoa"]["role"] == "staff"
