"""The one way in for everything that reads the data: `open_for_reading`.

A number must never come from a stale table. A writable open (`connect.open_database`) upgrades the
schema, syncs the catalogues and the plan, and rebuilds the analytics tables when their content
fingerprint (nscl/analytics.py) no longer matches the base tables. A reader that may not write
the file (the command line's exports, a replica serving a snapshot) checks the same things, and
when anything is out of date it computes from the base tables into memory instead of showing what
the file holds:

- the file is used as it is only when its schema version, its catalogues and its analytics
  fingerprint are all current; otherwise it is attached read-only, copied into an in-memory
  database and prepared there exactly as a writable open would prepare it (the file is not
  touched); a snapshot is in memory already and is prepared in place;
- the plan tables (plans, plan_periods, plan_targets, plan_places) always hold the plans of the
  plans folder (NSCL_PLANS_DIR) and the plan asked for, never those of the last writable open: on a
  read-only connection they are temporary tables of the same names, which DuckDB resolves before the
  file's own (the macro in_plan too).

When the in-memory copy does not fit in DuckDB's memory cap the reader refuses with a message
naming what to do (`ReadingRefused`).
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import duckdb

from . import analytics
from .connect import open_database, prepare
from .db import PLAN_TABLES, cap_memory, catalogues_current, migrations, sync_plans
from .i18n import MessageError
from .plan import Plan, load_plans, with_plan
from .private_files import private_umask
from .settings import Settings
from .sql import ident

FILE_ALIAS = "nscl_file"  # the read-only file while it is copied into memory


class ReadingRefused(MessageError):
    """The file's analytics tables are out of date and cannot be computed for reading here."""


@dataclass
class Reading:
    con: duckdb.DuckDBPyConnection
    computed: bool = False  # the stored analytics tables were out of date: computed in memory
    seconds: float = 0.0    # what opening took (the in-memory computation included)


def open_for_reading(settings: Settings, plan: Plan, write: bool = False) -> Reading:
    """The database (or snapshot) of `settings`, every table current, with `plan`'s tables.

    write: the caller may write the file (the app's writer process, the snapshot command), so a
    stale file is brought up to date in the file itself. Ignored for a snapshot, which is never
    written back."""
    started = time.perf_counter()
    plans = _plans(settings, plan)
    if settings.snapshot:
        from .snapshot import open_snapshot

        con = open_snapshot(settings.snapshot)
        computed = not up_to_date(con)
        _prepare_in_memory(con, plans, settings.snapshot)
        return Reading(con, computed, time.perf_counter() - started)
    path = settings.db_path
    if write or not Path(path).exists():  # an absent file is created, as the app does
        con = open_database(path, plan, plans=plans)
        if write:
            return Reading(con, False, time.perf_counter() - started)
        con.close()
    con = cap_memory(duckdb.connect(path, read_only=True))
    if up_to_date(con):
        shadow_plans(con, plans)
        return Reading(con, False, time.perf_counter() - started)
    con.close()
    return Reading(in_memory_copy(path, plans), True, time.perf_counter() - started)


def up_to_date(con: duckdb.DuckDBPyConnection) -> bool:
    """Schema, catalogues and analytics tables as a writable open would leave them (reads only)."""
    try:
        version = con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchall()[0][0]
    except duckdb.CatalogException:  # an empty file or one from before migrations were recorded
        return False
    if version != len(migrations()):
        return False
    return catalogues_current(con) and analytics.is_current(con)


def _plans(settings: Settings, plan: Plan) -> list[Plan]:
    folder = Path(settings.plans_dir)
    return with_plan(load_plans(folder) if folder.is_dir() else [], plan)


def shadow_plans(con: duckdb.DuckDBPyConnection, plans: list[Plan]) -> None:
    """The plan tables as temporary tables of the same names, holding `plans` (read-only files)."""
    for table in PLAN_TABLES:
        # Names from this module's constant; the temporary table takes the file's columns.
        con.execute("CREATE OR REPLACE TEMP TABLE " + ident(table) + " AS SELECT * FROM " + ident(table) + " LIMIT 0")
    sync_plans(con, plans)


def in_memory_copy(path: str, plans: list[Plan]) -> duckdb.DuckDBPyConnection:
    """The file copied into memory (attached read-only: the file is not touched) and prepared there."""
    con = cap_memory(duckdb.connect(":memory:"))

    def copy() -> None:  # what DuckDB spills while copying and preparing is private, as the file is
        con.execute("ATTACH $path AS " + FILE_ALIAS + " (READ_ONLY)", {"path": str(path)})
        con.execute("COPY FROM DATABASE " + FILE_ALIAS + " TO memory")
        con.execute("DETACH " + FILE_ALIAS)

    _prepare_in_memory(con, plans, path, copy)
    return con


def _prepare_in_memory(con: duckdb.DuckDBPyConnection, plans: list[Plan], source, before=None) -> None:
    try:
        with private_umask():
            if before is not None:
                before()
            prepare(con, plans=plans)
    except duckdb.OutOfMemoryException as exc:
        con.close()
        raise ReadingRefused("reading_stale_refused", db=str(source)) from exc
