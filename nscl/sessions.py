"""Signed-in browsers that survive a reload: a session kept on the server, named in the browser
only by an HttpOnly cookie (never in the URL), in the same SQLite file as the sign-in attempts,
so the writer and every replica know it.

How the cookie reaches the browser: Streamlit's script cannot set an HttpOnly cookie, so a
successful sign-in issues a one-time ticket (valid for a minute) that the page posts, in a
request body, to the app's own route `/_nscl/session` (nscl/ui/session_cookie.py); the route
redeems it and answers with the cookie. The script never sees the session's token, and the
database keeps only hashes of tickets and tokens: a copy of the file opens no session.

A session expires `hours` after the browser's last page run (it slides while staff work) and
is ended at once by signing out; an account removed from the accounts file signs its sessions
out at their next page run (nscl/ui/login.py follows the accounts file).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import sqlite3
from pathlib import Path

from .attempts import BUSY_MS
from .private_files import private_folder, private_umask

TICKET_SECONDS = 60
SCHEMA = """
CREATE TABLE IF NOT EXISTS session_tickets (
    hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    expires_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    hash TEXT PRIMARY KEY,
    username TEXT NOT NULL,
    created_at REAL NOT NULL,
    expires_at REAL NOT NULL
);
"""


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


class SessionStore:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        private_folder(self.path.parent)
        with private_umask():
            con = self._connect()
            try:
                con.execute("PRAGMA journal_mode = WAL")
                con.executescript(SCHEMA)
            finally:
                con.close()

    def _connect(self) -> sqlite3.Connection:
        return sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)

    def _write(self, sql: str, params: tuple) -> tuple | None:
        """Run one statement in its own transaction; its first row (RETURNING), if any."""
        con = self._connect()
        try:
            return con.execute(sql, params).fetchone()
        finally:
            con.close()

    def issue_ticket(self, username: str, now: dt.datetime) -> str:
        """A one-time ticket for `username`, redeemed within TICKET_SECONDS by the cookie route."""
        ticket = secrets.token_urlsafe(32)
        self._write("INSERT INTO session_tickets (hash, username, expires_at) VALUES (?, ?, ?)",
                    (_hash(ticket), username, now.timestamp() + TICKET_SECONDS))
        return ticket

    def redeem(self, ticket: str, now: dt.datetime, hours: float) -> str | None:
        """The new session's token for a valid ticket (which is used up), else None."""
        if not ticket or len(ticket) > 100:
            return None
        con = self._connect()
        try:
            con.execute("BEGIN IMMEDIATE")
            at = now.timestamp()
            con.execute("DELETE FROM session_tickets WHERE expires_at < ?", (at,))
            con.execute("DELETE FROM sessions WHERE expires_at < ?", (at,))
            row = con.execute("DELETE FROM session_tickets WHERE hash = ? RETURNING username",
                              (_hash(ticket),)).fetchone()
            token = None
            if row is not None:
                token = secrets.token_urlsafe(32)
                con.execute("INSERT INTO sessions (hash, username, created_at, expires_at) VALUES (?, ?, ?, ?)",
                            (_hash(token), row[0], at, at + hours * 3600))
            con.execute("COMMIT")
            return token
        finally:
            con.close()

    def user_for(self, token: str, now: dt.datetime, hours: float) -> str | None:
        """The user name of a session still valid at `now`, its expiry moved `hours` on; else None."""
        if not token or len(token) > 100:
            return None
        at = now.timestamp()
        row = self._write("UPDATE sessions SET expires_at = ? WHERE hash = ? AND expires_at >= ? RETURNING username",
                          (at + hours * 3600, _hash(token), at))
        return row[0] if row else None

    def end(self, token: str) -> None:
        """Sign the session out: its cookie opens nothing any more."""
        if token:
            self._write("DELETE FROM sessions WHERE hash = ?", (_hash(token),))

    def end_user(self, username: str) -> None:
        self._write("DELETE FROM sessions WHERE username = ?", (username,))

    def count(self) -> int:
        con = self._connect()
        try:
            return con.execute("SELECT count(*) FROM sessions").fetchone()[0]
        finally:
            con.close()
