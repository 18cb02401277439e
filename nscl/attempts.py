"""Sign-in attempts, shared by the writer and every read-only replica: a small SQLite file in the
state folder (WAL, a busy timeout, 0600). Replicas serve an in-memory snapshot and cannot write
the DuckDB file, so attempts kept there were counted per process; here every process counts the
same attempts, and nothing about sign-ins ever reaches a published snapshot.

The throttle follows OWASP's authentication guidance: no hard lock an outsider can set off.
- One user name from one source (a client address; every client without an address counts as one
  source, so reloading the page starts nothing afresh) gets `free_failures` failures; after that
  each attempt must wait a delay that doubles with every further failure (`first_delay`, 2×, 4×, …
  up to `max_delay`). A success from that source starts it afresh. Failures from other sources do
  not delay this one: the owner of an account signs in from their own computer whatever someone
  else tries from theirs.
- One source gets `max_source_failures` failures within the window, whatever the user names;
  then it waits until the oldest of them leaves the window.
Counting and recording happen in one write transaction (BEGIN IMMEDIATE), across threads and
processes alike: thirty simultaneous guesses reach the password check at most `free_failures`
times. An attempt is recorded as failed before the password check and marked as succeeded after
it, so a guess in flight already counts.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import math
import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .private_files import private_folder, private_umask
from .settings import Settings

BUSY_MS = 30_000
KEEP_DAYS = 30  # attempts older than this are deleted as new ones come
UNKNOWN_SOURCE = "unknown"  # every client whose address is not known: one source
SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    bucket TEXT NOT NULL,      -- the source throttled: "ip:ADDRESS" or "unknown"
    source TEXT NOT NULL,      -- what was known of the client: "ip:ADDRESS" or "session:ID"
    attempted_at REAL NOT NULL,
    succeeded INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS attempts_user ON attempts (username, bucket, attempted_at);
CREATE INDEX IF NOT EXISTS attempts_bucket ON attempts (bucket, attempted_at);
"""


@dataclass(frozen=True)
class Throttle:
    free_failures: int = 5           # per user name and source, before delays start
    first_delay_seconds: float = 30
    max_delay_seconds: float = 15 * 60
    window_minutes: int = 60         # failures older than this are forgotten
    max_source_failures: int = 20    # per source within the window, whatever the user names

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Throttle:
        s = settings or Settings.from_env()
        return cls(s.login_max_failures, s.login_first_delay_seconds, s.login_max_delay_minutes * 60,
                   s.login_window_minutes, s.login_max_failures_per_source)

    def delay(self, failures: int) -> float:
        """Seconds to wait after the last failure, once `failures` failures are counted."""
        if failures < self.free_failures:
            return 0.0
        return min(self.first_delay_seconds * 2 ** (failures - self.free_failures), self.max_delay_seconds)


@dataclass(frozen=True)
class Refusal:
    reason: str        # "user" (this user name from this source) or "source" (this source, any name)
    wait_seconds: int  # whole seconds, at least 1
    failures: int


def attempts_path(settings: Settings | None = None) -> Path:
    settings = settings or Settings.from_env()
    if settings.login_attempts_file:
        return Path(settings.login_attempts_file)
    return Path(settings.users_file).with_name("login-attempts.sqlite3")


def bucket_of(source: str) -> str:
    """The source throttled: a client address as it is; anything else (a browser session, nothing)
    is one source for all, so a reload or a new tab cannot start afresh."""
    return source if source.startswith("ip:") else UNKNOWN_SOURCE


class AttemptStore:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        private_folder(self.path.parent)
        with private_umask(), self._connect() as con:  # the file, its WAL and shared memory: 0600
            con.execute("PRAGMA journal_mode = WAL")
            con.executescript(SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        # timeout= is SQLite's busy timeout: a writer waits for another process's lock
        return sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)

    @contextlib.contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        con = self._connect()
        try:
            con.execute("BEGIN IMMEDIATE")  # the write lock, taken before anything is counted
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        finally:
            con.close()

    def begin(self, username: str, source: str, now: dt.datetime, throttle: Throttle) -> tuple[str, Refusal | None]:
        """Count the recent failures and, unless refused, record this attempt as failed: (its id, None),
        or ("", why it is refused)."""
        at, bucket = now.timestamp(), bucket_of(source)
        since = at - throttle.window_minutes * 60
        with self._writing() as con:
            con.execute("DELETE FROM attempts WHERE attempted_at < ?", (at - KEEP_DAYS * 86400,))
            last_success = con.execute(
                "SELECT coalesce(max(attempted_at), 0) FROM attempts WHERE username = ? AND bucket = ? AND succeeded",
                (username, bucket)).fetchone()[0]
            count, last = con.execute(
                "SELECT count(*), max(attempted_at) FROM attempts WHERE username = ? AND bucket = ? AND NOT succeeded "
                "AND attempted_at >= ? AND attempted_at > ?", (username, bucket, since, last_success)).fetchone()
            wait = (last + throttle.delay(count) - at) if count else 0
            if wait > 0:
                return "", Refusal("user", max(1, math.ceil(wait)), count)
            times = [row[0] for row in con.execute(
                "SELECT attempted_at FROM attempts WHERE bucket = ? AND NOT succeeded AND attempted_at >= ? "
                "ORDER BY attempted_at DESC LIMIT ?", (bucket, since, throttle.max_source_failures))]
            if len(times) >= throttle.max_source_failures:
                wait = times[-1] + throttle.window_minutes * 60 - at
                return "", Refusal("source", max(1, math.ceil(wait)), len(times))
            attempt = uuid.uuid4().hex
            con.execute("INSERT INTO attempts (id, username, bucket, source, attempted_at) VALUES (?, ?, ?, ?, ?)",
                        (attempt, username, bucket, source, at))
        return attempt, None

    def succeeded(self, attempt: str) -> None:
        with self._writing() as con:
            con.execute("UPDATE attempts SET succeeded = 1 WHERE id = ?", (attempt,))

    def rows(self) -> list[tuple[str, str, str, bool]]:
        """(username, bucket, source, succeeded) of every attempt kept, oldest first: for tests and audits."""
        con = self._connect()
        try:
            return [(u, b, s, bool(ok)) for u, b, s, ok in con.execute(
                "SELECT username, bucket, source, succeeded FROM attempts ORDER BY attempted_at, rowid")]
        finally:
            con.close()
