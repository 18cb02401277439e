"""When the server cannot show a page: the viewer reads a plain message in their language, saying
what is wrong and that the server's administrator can fix it, with a short incident code; the
server log keeps the details (exception, paths, traceback) under the same code. A viewer never
sees a path, a process id, an exception's name or its text."""
from __future__ import annotations

import logging
import secrets
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb
import streamlit as st

from ..i18n import DEFAULT_LANG, LANGS, t
from ..plan import PlanNotFound
from ..readers import ReadingRefused
from ..snapshot import SnapshotMissing
from ..sql import QueryError

LOG = logging.getLogger("nscl.incident")


class ServerProblem(Exception):
    """A known broken state of the server, named by the text key of its plain message; the
    exception it was raised from (`__cause__`) holds the details for the log."""

    def __init__(self, key: str, detail: str = ""):
        super().__init__(detail or key)
        self.key = key


def new_id() -> str:
    """A short code a viewer can read out over the phone (8 hexadecimal digits)."""
    return secrets.token_hex(4)


def kind(exc: BaseException) -> str:
    """The text key of the plain message for an exception: a known state of the server, or the
    generic one."""
    if isinstance(exc, ServerProblem):
        return exc.key
    if isinstance(exc, SnapshotMissing):
        return "incident_snapshot_missing"
    if isinstance(exc, PlanNotFound):
        return "incident_plan_missing"
    if isinstance(exc, ReadingRefused):
        return "incident_reading_refused"
    if isinstance(exc, tomllib.TOMLDecodeError):  # a plan file read outside ui.data (which says so itself)
        return "incident_plan_invalid"
    if isinstance(exc, duckdb.IOException):
        text = str(exc).lower()
        if "lock" in text:
            return "incident_db_locked"
        if "not a valid duckdb database" in text:
            return "incident_db_invalid"
        return "incident_db_error"
    if isinstance(exc, (QueryError, FileNotFoundError)):
        return "incident_installation"
    return "incident_unexpected"


def message(key: str, incident: str, lang: str) -> str:
    """The viewer's message: what is wrong, and who can fix it with which code."""
    return f"{t(key, lang)} {t('incident_who', lang, incident=incident)}"


def viewer_lang() -> str:
    lang = st.session_state.get("lang") or st.query_params.get("lang")
    return lang if lang in LANGS else DEFAULT_LANG


def report(exc: BaseException, where: str = "") -> str:
    """Log the exception under a new incident code and show the viewer its plain message;
    returns the code."""
    incident = new_id()
    key = kind(exc)
    LOG.error("incident %s (%s) %s: %s: %s", incident, key, where, type(exc).__name__, exc, exc_info=exc)
    st.error(message(key, incident, viewer_lang()), icon=":material/error:")
    return incident


@contextmanager
def incidents(where: str) -> Iterator[None]:
    """Run a block; an exception in it becomes an incident (Streamlit's stop and rerun, which
    are not Exceptions, pass through)."""
    try:
        yield
    except Exception as exc:  # a viewer sees a plain message, never a traceback; the log keeps it
        report(exc, where)
