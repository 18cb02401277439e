"""When the server cannot show a page, a viewer reads what is wrong in plain words in their
language, that the administrator can fix it, and an incident code; the server log has the
details under the same code. No path, process id, traceback or exception name reaches the page
(issue 19, point 3)."""
from __future__ import annotations

import logging
import re
import shutil
import subprocess
import sys
import tomllib

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from nscl.connect import open_database
from nscl.i18n import t
from nscl.settings import PLANS_DIR, ROOT
from nscl.snapshot import publish
from tests.apptest import open_page
from tests.leaks import leaks

AS_OF = "2026-11-26"
CODE = re.compile(r"\b([0-9a-f]{8})\b")


def incident_shown(at, caplog, key: str, lang: str = "vi", *secrets: str) -> tuple[str, logging.LogRecord]:
    """The incident code the page shows with the plain message of `key`, and the log record
    carrying that code; nothing of the server's insides is on the page."""
    assert not at.exception, at.exception
    assert leaks(at, *secrets) == []
    errors = [e.value for e in at.error]
    assert len(errors) == 1, errors
    code = CODE.search(errors[0]).group(1)
    assert errors[0] == f"{t(key, lang)} {t('incident_who', lang, incident=code)}"
    records = [r for r in caplog.records if r.name == "nscl.incident" and code in r.getMessage()]
    assert len(records) == 1 and records[0].levelno == logging.ERROR and records[0].exc_info
    return code, records[0]


@pytest.fixture
def env(monkeypatch):
    monkeypatch.setenv("NSCL_PLAN", "quang-binh-676")
    monkeypatch.setenv("NSCL_PLANS_DIR", str(PLANS_DIR))
    monkeypatch.delenv("NSCL_SNAPSHOT", raising=False)
    return monkeypatch


def test_a_missing_database_is_reported_not_created(env, tmp_path, caplog):
    db = tmp_path / "typo" / "nscl.duckdb"
    env.setenv("NSCL_DB", str(db))
    at = open_page("pages/overview.py", as_of=AS_OF)
    _, record = incident_shown(at, caplog, "incident_db_missing", "vi", str(tmp_path))
    assert str(db) in record.getMessage()  # the log names the path the operator configured
    assert not db.exists() and not db.parent.exists()
    assert "Máy chủ không tìm thấy cơ sở dữ liệu" in at.error[0].value and "Người quản trị" in at.error[0].value


def test_a_file_that_is_not_a_database_is_reported_in_english(env, tmp_path, caplog):
    db = tmp_path / "notes.duckdb"
    db.write_text("meeting notes, not a database\n", encoding="utf-8")
    env.setenv("NSCL_DB", str(db))
    at = open_page("pages/training.py", as_of=AS_OF, lang="en")
    _, record = incident_shown(at, caplog, "incident_db_invalid", "en", str(tmp_path))
    assert at.error[0].value.startswith("The file the server is configured to use as its database is not")
    assert "not a valid DuckDB database" in caplog.text and str(db) in caplog.text
    assert db.read_text(encoding="utf-8") == "meeting notes, not a database\n"  # left as it was


def test_a_database_held_by_another_process_is_reported_without_its_pid(env, tmp_path, demo_db, caplog):
    db = tmp_path / "held.duckdb"
    shutil.copy(demo_db, db)
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('held', flush=True); "
                               "sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"  # the lock is taken before the page opens
        env.setenv("NSCL_DB", str(db))
        at = open_page("pages/certification.py", as_of=AS_OF)
        incident_shown(at, caplog, "incident_db_locked", "vi", str(tmp_path), str(holder.pid))
        assert f"PID {holder.pid}" in caplog.text  # the log says which process holds it
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_a_plan_id_no_file_has_is_reported(env, app_env, caplog):
    env.setenv("NSCL_PLAN", "quang-tri-999")
    at = open_page("pages/overview.py", as_of=AS_OF)
    incident_shown(at, caplog, "incident_plan_missing", "vi", str(PLANS_DIR))
    assert "quang-tri-999" in caplog.text and str(PLANS_DIR) in caplog.text


def broken_plans(tmp_path):
    plans = tmp_path / "plans"
    plans.mkdir()
    text = (PLANS_DIR / "quang-binh-676.toml").read_text(encoding="utf-8")
    (plans / "quang-binh-676.toml").write_text(text.replace('id = "2021-2025"', 'id = "2021-2025', 1),
                                               encoding="utf-8")
    return plans


def test_a_plan_file_with_a_toml_error_is_reported_without_a_traceback(env, app_env, tmp_path, caplog):
    env.setenv("NSCL_PLANS_DIR", str(broken_plans(tmp_path)))
    at = open_page("pages/supported.py", as_of=AS_OF)
    _, record = incident_shown(at, caplog, "incident_plan_invalid", "vi", str(tmp_path))
    # The log names the folder, the file, the line and the mistake (the plan check's own words).
    assert str(tmp_path / "plans") in record.getMessage() and "quang-binh-676.toml" in record.getMessage()
    assert "TOML" in record.getMessage()


def test_the_app_itself_reports_a_plan_file_with_a_toml_error(env, app_env, tmp_path, caplog):
    """Through app.py (its navigation, not the page file alone): the sidebar's start is guarded too."""
    env.setenv("NSCL_PLANS_DIR", str(broken_plans(tmp_path)))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["as_of"] = AS_OF
    at.run()
    incident_shown(at, caplog, "incident_plan_invalid", "vi", str(tmp_path))


def test_a_missing_snapshot_is_reported(env, tmp_path, caplog):
    env.setenv("NSCL_SNAPSHOT", str(tmp_path / "snapshot"))
    env.setenv("NSCL_DB", str(tmp_path / "not-used.duckdb"))
    at = open_page("pages/overview.py", as_of=AS_OF)
    incident_shown(at, caplog, "incident_snapshot_missing", "vi", str(tmp_path))
    assert str(tmp_path / "snapshot") in caplog.text


def test_a_snapshot_without_its_load_file_is_reported(env, tmp_path, plan, caplog):
    con = open_database(str(tmp_path / "writer.duckdb"), plan)
    publish(con, tmp_path / "snapshot")
    con.close()
    (tmp_path / "snapshot" / "load.sql").unlink()
    env.setenv("NSCL_SNAPSHOT", str(tmp_path / "snapshot"))
    at = open_page("pages/overview.py", as_of=AS_OF)
    incident_shown(at, caplog, "incident_snapshot_broken", "vi", str(tmp_path))
    assert "load.sql" in caplog.text


def test_every_known_state_has_its_own_message_and_the_rest_the_generic_one():
    from nscl.plan import PlanError, PlanNotFound
    from nscl.snapshot import SnapshotMissing
    from nscl.sql import QueryError
    from nscl.ui.incident import ServerProblem, kind

    locked = duckdb.IOException('Could not set lock on file "/srv/x.duckdb": Conflicting lock is held in '
                                '/usr/bin/python3 (PID 4242)')
    assert [kind(e) for e in (
        locked, duckdb.IOException('The file "/x" exists, but it is not a valid DuckDB database file!'),
        duckdb.IOException("Cannot open file"), ServerProblem("incident_db_missing"), PlanNotFound("no plan"),
        tomllib.TOMLDecodeError("bad"), PlanError("plan x has no phase '2040-2045'"),
        SnapshotMissing(ROOT), QueryError("no query named 'x'"),
        FileNotFoundError("[Errno 2] No such file or directory: 'load.sql'"), ZeroDivisionError("x"),
    )] == ["incident_db_locked", "incident_db_invalid", "incident_db_error", "incident_db_missing",
           "incident_plan_missing", "incident_plan_invalid", "incident_unexpected", "incident_snapshot_missing",
           "incident_installation", "incident_installation", "incident_unexpected"]


def test_a_failure_inside_a_page_run_through_the_app_is_an_incident_too(env, app_env, tmp_path, caplog):
    """A page that fails after the sidebar (here: a query file gone from the server) shows the
    generic message and code through app.py's guard, not Streamlit's exception box."""
    import streamlit as st

    import nscl.sql as sql

    library = sql.library()
    saved = dict(library._queries)
    library._queries.pop("experts_per_year")  # the installed copy lost one query file
    st.cache_data.clear()  # results an earlier test computed must not hide the loss
    try:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        at.query_params["as_of"] = AS_OF
        at.run()
    finally:
        library._queries.update(saved)
    incident_shown(at, caplog, "incident_installation", "vi", str(tmp_path))
    assert "experts_per_year" in caplog.text


def test_the_init_command_creates_the_database_the_app_then_opens(env, tmp_path, caplog):
    db = tmp_path / "new" / "nscl.duckdb"
    done = subprocess.run([sys.executable, "-m", "nscl", "init", "--db", str(db)], cwd=ROOT, capture_output=True,
                          text=True, env={"PATH": "/usr/bin", "NSCL_ARCHIVE": str(tmp_path / "archive")})
    assert done.returncode == 0, done.stderr
    version = len(list((ROOT / "nscl" / "migrations").glob("*.sql")))
    assert done.stdout.strip() == f"Đã tạo cơ sở dữ liệu trống tại {db} (phiên bản lược đồ {version})."
    again = subprocess.run([sys.executable, "-m", "nscl", "init", "--db", str(db), "--lang", "en"], cwd=ROOT,
                           capture_output=True, text=True, env={"PATH": "/usr/bin"})
    assert again.stdout.strip() == f"The database at {db} already exists; it is now at schema version {version}."
    env.setenv("NSCL_DB", str(db))
    at = open_page("pages/overview.py", as_of=AS_OF)
    assert not at.exception and [e.value for e in at.error] == [] and at.title[0].value == t("overview", "vi")
    assert not [r for r in caplog.records if r.name == "nscl.incident"]


def test_a_custom_range_from_a_date_before_the_first_phase_starts_in_order(app_env):
    """The default years of a custom range run from the first phase to the as-of year; an as-of
    date before the first phase gave the slider a range the wrong way round."""
    at = open_page("pages/supported.py", phase="custom", as_of="2019-06-01")
    assert not at.exception and leaks(at) == []
    assert at.slider(key="years").value == (2019, 2021) and not at.toast


def test_streamlit_itself_shows_no_error_details_in_either_way_of_serving():
    """An exception no guard caught would otherwise show its message and traceback ("full")."""
    from nscl.serve import config_flags

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    flags = config_flags()  # `nscl-app` passes the file's settings as flags
    assert flags[flags.index("--client.showErrorDetails") + 1] == "none"
