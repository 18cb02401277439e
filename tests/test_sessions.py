"""Staff stay signed in across a reload: a server-side session named by an HttpOnly cookie, set
from a one-time ticket; it expires after idle hours and ends at sign-out."""
from __future__ import annotations

import datetime as dt

import pytest

from nscl.sessions import TICKET_SECONDS, SessionStore

T0 = dt.datetime(2026, 12, 6, 8, 0, tzinfo=dt.UTC)


def later(**kw) -> dt.datetime:
    return T0 + dt.timedelta(**kw)


@pytest.fixture
def store(tmp_path):
    return SessionStore(tmp_path / "state" / "login-attempts.sqlite3")


def test_a_ticket_opens_one_session_once(store):
    ticket = store.issue_ticket("lan", T0)
    token = store.redeem(ticket, later(seconds=5), hours=8)
    assert token and token != ticket
    assert store.redeem(ticket, later(seconds=6), hours=8) is None  # used up
    assert store.user_for(token, later(minutes=1), hours=8) == "lan"


def test_a_late_or_made_up_ticket_opens_nothing(store):
    ticket = store.issue_ticket("lan", T0)
    assert store.redeem(ticket, later(seconds=TICKET_SECONDS + 1), hours=8) is None
    assert store.redeem("made-up", T0, hours=8) is None
    assert store.redeem("x" * 5000, T0, hours=8) is None
    assert store.count() == 0


def test_a_session_slides_while_used_and_expires_when_idle(store):
    token = store.redeem(store.issue_ticket("lan", T0), T0, hours=8)
    assert store.user_for(token, later(hours=7, minutes=59), hours=8) == "lan"  # used: 8 more hours
    assert store.user_for(token, later(hours=15, minutes=58), hours=8) == "lan"
    assert store.user_for(token, later(hours=24), hours=8) is None  # idle over 8 hours
    assert store.user_for("", T0, hours=8) is None and store.user_for("nope", T0, hours=8) is None


def test_signing_out_ends_the_session_and_the_file_keeps_no_secret(store):
    ticket = store.issue_ticket("lan", T0)
    token = store.redeem(ticket, T0, hours=8)
    other = store.redeem(store.issue_ticket("lan", T0), T0, hours=8)
    data = store.path.read_bytes() + b"".join(p.read_bytes() for p in store.path.parent.glob("*-wal"))
    assert token.encode() not in data and ticket.encode() not in data  # hashes only
    store.end(token)
    assert store.user_for(token, T0, hours=8) is None
    assert store.user_for(other, T0, hours=8) == "lan"  # another browser stays signed in
    assert oct(store.path.stat().st_mode & 0o777) == "0o600"
