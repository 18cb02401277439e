"""Opening a database for writing and making it current: the schema upgraded, the catalogues and the
plan synced, the analytics tables equal to the base tables (nscl/analytics.py). Sits above both
nscl/db.py (schema, sync, meta) and nscl/analytics.py, so neither of them imports the other's caller."""
from __future__ import annotations

from pathlib import Path

import duckdb

from . import analytics
from .db import cap_memory, migrate, sync_catalogues, sync_plans
from .plan import Plan, load_plans, with_plan
from .private_files import keep_private_from_now_on, make_private, private_folder
from .settings import Settings


def open_database(path: str, plan: Plan | None = None, read_only: bool = False,
                  plans: list[Plan] | None = None) -> duckdb.DuckDBPyConnection:
    """Open (creating if absent) and upgrade a database; sync catalogues and the plans (see `prepare`)."""
    if path != ":memory:" and not read_only:
        # The file, its WAL and DuckDB's spill folder are readable by the app only: this process
        # creates nothing readable by others from now on (the WAL comes back after each checkpoint).
        private_folder(Path(path).parent)
        keep_private_from_now_on()
        make_private(Path(path), Path(path + ".wal"))
    con = cap_memory(duckdb.connect(path, read_only=read_only))
    if not read_only:
        prepare(con, plan, plans)
    return con


def every_plan(plan: Plan | None = None, plans: list[Plan] | None = None) -> list[Plan]:
    """The plans a database holds: `plans`, by default every plan of the plans folder (NSCL_PLANS_DIR),
    with `plan` among them."""
    if plans is None:
        folder = Path(Settings.from_env().plans_dir)
        plans = load_plans(folder) if folder.is_dir() else []
    return with_plan(plans, plan)


def prepare(con: duckdb.DuckDBPyConnection, plan: Plan | None = None, plans: list[Plan] | None = None) -> None:
    """What every writable open does: upgrade, sync catalogues and the plans (`plans`, by default
    every plan of the plans folder, with `plan`; none when neither is given), current analytics."""
    migrate(con)
    sync_catalogues(con)
    if plan is not None or plans is not None:
        sync_plans(con, every_plan(plan, plans))
    analytics.ensure_current(con)  # equal to the base tables' content, whoever wrote last
