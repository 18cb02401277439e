"""Staff accounts: a users file outside git with argon2 password hashes, and throttled logins."""
from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import threading
import tomllib
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .i18n import DEFAULT_LANG, MessageError, t
from .settings import Settings

HASHER = PasswordHasher()
_DUMMY = HASHER.hash("not a password of anyone")
USERNAME = re.compile(r"^[a-z0-9_.\-]{2,40}$")


class AccountError(MessageError):
    """An account cannot be created as asked; `text(lang)` says why (`str()`: Vietnamese)."""


@dataclass(frozen=True)
class User:
    username: str
    name: str
    role: str  # staff or admin


@dataclass(frozen=True)
class Throttle:
    max_failures: int = 5          # per user name
    window_minutes: int = 15
    max_source_failures: int = 20  # per source, whatever the user names tried

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Throttle:
        settings = settings or Settings.from_env()
        return cls(settings.login_max_failures, settings.login_window_minutes,
                   settings.login_max_failures_per_source)


def users_path(settings: Settings | None = None) -> Path:
    return Path((settings or Settings.from_env()).users_file)


def load_users(path: Path | None = None) -> dict[str, dict]:
    path = path or users_path()
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh).get("users", {})


def toml_string(text: str) -> str:
    """`text` as a TOML basic string. JSON escapes quotes, backslashes and every control character
    below U+0020 the way TOML does; TOML also wants DEL (U+007F) escaped, which JSON leaves as is."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


def save_users(users: dict[str, dict], path: Path | None = None) -> None:
    path = path or users_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = ["# Staff accounts of the NSCL monitor. Not in git. Create with: python -m nscl user add NAME", ""]
    for username, info in sorted(users.items()):
        lines.append(f"[users.{toml_string(username)}]")
        for key in ("name", "role", "password_hash"):
            lines.append(f"{key} = {toml_string(str(info.get(key, '')))}")
        lines.append("")
    temporary = path.with_suffix(".tmp")
    temporary.write_text("\n".join(lines), encoding="utf-8")
    os.chmod(temporary, 0o600)
    os.replace(temporary, path)


def add_user(username: str, password: str, name: str = "", role: str = "staff", path: Path | None = None) -> None:
    if not USERNAME.match(username):
        raise AccountError("auth_bad_username")
    if len(password) < 10:
        raise AccountError("auth_short_password")
    if role not in ("staff", "admin"):
        raise AccountError("auth_bad_role")
    users = load_users(path)
    users[username] = {"name": name or username, "role": role, "password_hash": HASHER.hash(password)}
    save_users(users, path)


# One lock per process around counting an account's (and a source's) recent failures and recording
# the new attempt: without it, thirty simultaneous guesses all read "no failures yet" and all reach
# the password check. The attempt is recorded as failed before the check (argon2 takes tens of
# milliseconds) and marked as succeeded after it, so a guess in flight already counts. DuckDB lets
# one process write a database file, so a process-wide lock covers every writer.
_ATTEMPTS = threading.Lock()


def _user_failures(con, username: str, since: dt.datetime) -> list[dt.datetime]:
    """Times of the account's failures within the window since its last successful login, latest first."""
    rows = con.execute(
        "SELECT attempted_at FROM login_attempts WHERE username = $u AND NOT succeeded AND attempted_at >= $since "
        "AND attempted_at > coalesce((SELECT max(attempted_at) FROM login_attempts WHERE username = $u "
        "AND succeeded), TIMESTAMP '1970-01-01') ORDER BY attempted_at DESC", {"u": username, "since": since})
    return [row[0] for row in rows.fetchall()]


def _source_failures(con, source: str, since: dt.datetime) -> list[dt.datetime]:
    """Times of the failures from one source within the window, whatever the user name, latest first."""
    rows = con.execute("SELECT attempted_at FROM login_attempts WHERE source = $s AND NOT succeeded "
                       "AND attempted_at >= $since ORDER BY attempted_at DESC", {"s": source, "since": since})
    return [row[0] for row in rows.fetchall()]


def _wait_minutes(failures: list[dt.datetime], limit: int, window: dt.timedelta, now: dt.datetime) -> int:
    """Whole minutes until fewer than `limit` of these failures are left in the window."""
    lifted = failures[limit - 1] + window
    return max(1, math.ceil((lifted - now).total_seconds() / 60))


def login(con: duckdb.DuckDBPyConnection, username: str, password: str, now: dt.datetime | None = None,
          throttle: Throttle | None = None, path: Path | None = None,
          lang: str = DEFAULT_LANG, source: str = "") -> tuple[User | None, str]:
    """(user, "") on success; (None, message in `lang`) otherwise. Every attempt that reaches the
    password check is recorded with its source (the client's address or session): an account is
    locked after `max_failures` failures in the window, a source after `max_source_failures`."""
    now = now or dt.datetime.now()
    throttle = throttle or Throttle.from_settings()
    username = (username or "").strip().lower()
    window = dt.timedelta(minutes=throttle.window_minutes)
    cur = con.cursor()
    try:
        attempt = uuid.uuid4().hex
        with _ATTEMPTS:
            failures = _user_failures(cur, username, now - window)
            if len(failures) >= throttle.max_failures:
                return None, t("auth_throttled", lang, failures=throttle.max_failures,
                               minutes=_wait_minutes(failures, throttle.max_failures, window, now))
            if source:
                failures = _source_failures(cur, source, now - window)
                if len(failures) >= throttle.max_source_failures:
                    return None, t("auth_throttled_source", lang, failures=throttle.max_source_failures,
                                   window=throttle.window_minutes,
                                   minutes=_wait_minutes(failures, throttle.max_source_failures, window, now))
            cur.execute("INSERT INTO login_attempts (username, attempted_at, succeeded, source, attempt_id) "
                        "VALUES ($u, $at, false, $source, $id)",
                        {"u": username, "at": now, "source": source, "id": attempt})
        info = load_users(path).get(username)
        try:
            HASHER.verify(info["password_hash"] if info else _DUMMY, password or "")
            ok = info is not None
        except (VerificationError, InvalidHashError):
            ok = False
        if not ok:
            return None, t("auth_wrong", lang)
        cur.execute("UPDATE login_attempts SET succeeded = true WHERE attempt_id = $id", {"id": attempt})
        return User(username, info.get("name", username), info.get("role", "staff")), ""
    finally:
        cur.close()
