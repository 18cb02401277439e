"""Staff accounts: a users file outside git with argon2 password hashes, and throttled logins."""
from __future__ import annotations

import datetime as dt
import math
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

import tomli_w
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .attempts import AttemptStore, Throttle, attempts_path
from .i18n import DEFAULT_LANG, MessageError, t
from .private_files import locked, write_private
from .settings import Settings

__all__ = ["AccountError", "AttemptStore", "Throttle", "User", "account_names", "add_user", "load_users", "login",
           "save_users"]

HASHER = PasswordHasher()
_DUMMY = HASHER.hash("not a password of anyone")
USERNAME = re.compile(r"^[a-z0-9_.\-]{2,40}$")
ROLES = ("staff", "admin")  # staff undo their own uploads; administrators anyone's
HEADER = "# Staff accounts of the NSCL monitor. Not in git. Create with: python -m nscl user add NAME\n\n"


class AccountError(MessageError):
    """An account cannot be created as asked; `text(lang)` says why (`str()`: Vietnamese)."""


@dataclass(frozen=True)
class User:
    username: str
    name: str
    role: str  # staff or admin

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def users_path(settings: Settings | None = None) -> Path:
    return Path((settings or Settings.from_env()).users_file)


def load_users(path: Path | None = None) -> dict[str, dict]:
    path = path or users_path()
    if not path.exists():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh).get("users", {})


def account_names(path: Path | None = None) -> dict[str, str]:
    """Each account's full name by login (the login itself when the account has no name): what
    pages show for who uploaded, undid or wrote something."""
    return {login: str(info.get("name") or login) for login, info in load_users(path).items()}


def save_users(users: dict[str, dict], path: Path | None = None) -> None:
    """Write the accounts file whole: 0600 from its first byte under a unique temporary name,
    flushed and renamed over the old one. Callers that change one account hold `users_lock`."""
    path = path or users_path()
    accounts = {name: {"name": str(info.get("name", "")), "role": str(info.get("role") or "staff"),
                       "password_hash": str(info.get("password_hash", ""))} for name, info in sorted(users.items())}
    text = HEADER + tomli_w.dumps({"users": accounts})
    write_private(path, text.encode("utf-8"))


def users_lock(path: Path | None = None):
    """Held across reading, changing and writing the accounts file: two `user add` at once both land."""
    return locked(path or users_path())


def add_user(username: str, password: str, name: str = "", role: str = "staff", path: Path | None = None) -> None:
    """Create an account, or reset an existing one's password, name and role. A bad user name, a
    password under 10 or over the configured characters and an unknown role are refused
    (AccountError); the slow hash is made before the accounts file's lock is taken."""
    if not USERNAME.match(username):
        raise AccountError("auth_bad_username")
    if len(password) < 10:
        raise AccountError("auth_short_password")
    if len(password) > Settings.from_env().max_password_chars:
        raise AccountError("auth_long_password", limit=Settings.from_env().max_password_chars)
    if role not in ROLES:
        raise AccountError("auth_bad_role")
    password_hash = HASHER.hash(password)  # slow: outside the lock
    with users_lock(path):
        users = load_users(path)
        users[username] = {"name": name or username, "role": role, "password_hash": password_hash}
        save_users(users, path)


def remove_user(username: str, path: Path | None = None) -> None:
    """Delete an account (staff who left); AccountError when there is none of that name."""
    with users_lock(path):
        users = load_users(path)
        if username not in users:
            raise AccountError("auth_no_such_user", username=username)
        del users[username]
        save_users(users, path)


def attempt_store(settings: Settings | None = None) -> AttemptStore:
    return AttemptStore(attempts_path(settings))


def _marker(text: str) -> str:
    """What is kept of a refused oversize input: its first characters and its length."""
    return f"{text[:16]}…({len(text)})"


def _wait(seconds: int, lang: str) -> str:
    if seconds < 120:
        return t("auth_wait_seconds", lang, seconds=seconds)
    return t("auth_wait_minutes", lang, minutes=math.ceil(seconds / 60))


def login(username: str, password: str, now: dt.datetime | None = None, throttle: Throttle | None = None,
          path: Path | None = None, lang: str = DEFAULT_LANG, source: str = "",
          store: AttemptStore | None = None, settings: Settings | None = None) -> tuple[User | None, str]:
    """(user, "") on success; (None, message in `lang`) otherwise. Every attempt that reaches the
    password check is recorded with its source (see nscl/attempts.py for the throttle); a user
    name or password beyond its length limit is refused before anything is checked or stored,
    and counts as a failure under a short marker."""
    settings = settings or Settings.from_env()
    now = now or dt.datetime.now()
    throttle = throttle or Throttle.from_settings(settings)
    store = store or attempt_store(settings)
    username = (username or "").strip().lower()
    password = password or ""
    source = source[:80]
    oversize = len(username) > settings.max_username_chars or len(password) > settings.max_password_chars
    recorded = _marker(username) if len(username) > settings.max_username_chars else username
    attempt, refused = store.begin(recorded, source, now, throttle)
    if refused is not None:
        key = "auth_throttled_user" if refused.reason == "user" else "auth_throttled_from_source"
        return None, t(key, lang, failures=refused.failures, wait=_wait(refused.wait_seconds, lang))
    if oversize:
        return None, t("auth_wrong", lang)
    info = load_users(path).get(username)
    try:
        HASHER.verify(info["password_hash"] if info else _DUMMY, password)
        ok = info is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        return None, t("auth_wrong", lang)
    store.succeeded(attempt)
    role = info.get("role", "staff")
    return User(username, info.get("name", username), role if role in ROLES else "staff"), ""
