"""DuckDB beneath everything else: numbered schema migrations, reference-data sync, the memory cap,
the meta table. Opening a database for writing and making its analytics current is nscl/connect.py."""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from . import territory
from .plan import Plan
from .settings import CATALOGUES_DIR, Settings
from .sql import ident

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Catalogue file -> table. Loaded in bulk by DuckDB's CSV reader: each cell as text, cast by the
# table's column types on insert (an empty cell is NULL).
CATALOGUES = {
    "sectors.csv": "sectors",
    "standards.csv": "standards",
    "places.csv": "places",
    "place_links.csv": "place_links",
}
CATALOGUES_KEY = "catalogues_digest"  # meta: the digest of the files the catalogue tables were synced from


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """`with transaction(con):` BEGIN, then COMMIT when the block ends, or ROLLBACK when anything is
    raised in it (KeyboardInterrupt and SystemExit too) and the exception raised on. A ROLLBACK that
    itself fails (DuckDB has already ended a transaction whose COMMIT failed) never hides the error.

    Not nestable: DuckDB refuses a BEGIN inside a transaction (duckdb.TransactionException), and
    the outer block then rolls back; a function meant to run inside a caller's transaction (such
    as analytics.refresh) opens none of its own."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
        con.execute("COMMIT")
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass
        raise


def migrations(directory: Path = MIGRATIONS_DIR) -> list[tuple[int, str, Path]]:
    """The migration files as (number, name, path) in order; numbers must run 1..N without gaps, so a
    missing or doubled migration is found before any is applied."""
    found = []
    for path in sorted(directory.glob("*.sql")):
        number, _, name = path.stem.partition("_")
        found.append((int(number), name, path))
    numbers = [n for n, _, _ in found]
    if numbers != list(range(1, len(numbers) + 1)):
        raise RuntimeError(f"migrations must be numbered 1..N without gaps: {numbers}")
    return found


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name VARCHAR, applied_at TIMESTAMP)")
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchall()[0][0]


def migrate(con: duckdb.DuckDBPyConnection, up_to: int | None = None,
            directory: Path = MIGRATIONS_DIR) -> int:
    """Apply pending migrations, each in its own transaction; return the new version."""
    current = schema_version(con)
    for number, name, path in migrations(directory):
        if number <= current or (up_to is not None and number > up_to):
            continue
        with transaction(con):
            con.execute(path.read_text(encoding="utf-8"))
            con.execute("INSERT INTO schema_migrations VALUES ($v, $n, now())",
                        {"v": number, "n": name})
        current = number
    return current


def catalogues_digest(directory: Path = CATALOGUES_DIR) -> str:
    """One digest of every catalogue file's name and bytes."""
    digest = hashlib.sha256()
    for file_name in CATALOGUES:
        digest.update(file_name.encode() + b"\0" + (directory / file_name).read_bytes() + b"\0")
    return digest.hexdigest()


def catalogues_current(con: duckdb.DuckDBPyConnection, directory: Path = CATALOGUES_DIR) -> bool:
    """The catalogue tables were last synced from files equal to today's (reads only)."""
    return meta_value(con, CATALOGUES_KEY) == catalogues_digest(directory)


def sync_catalogues(con: duckdb.DuckDBPyConnection, directory: Path = CATALOGUES_DIR) -> None:
    """Make each catalogue table equal to its CSV file (the file is the reference); nothing to do
    when the files are those of the last sync (the whole country's places are 14,000 rows, read on
    every start)."""
    digest = catalogues_digest(directory)
    if meta_value(con, CATALOGUES_KEY) == digest:
        return
    with transaction(con):
        for file_name, table in CATALOGUES.items():
            # Table names come from this module's constant, never from user input; the file's
            # columns are matched to the table's by name, the path is bound.
            con.execute("DELETE FROM " + ident(table))
            con.execute("INSERT INTO " + ident(table) + " BY NAME SELECT * FROM read_csv($path, header = true, "
                        "all_varchar = true, delim = ',', quote = '\"', escape = '\"')",
                        {"path": str(directory / file_name)})
        set_meta(con, CATALOGUES_KEY, digest)


PLAN_TABLES = ("plans", "plan_periods", "plan_targets", "plan_places")  # keyed by plan: id or plan_id


def sync_plan(con: duckdb.DuckDBPyConnection, plan: Plan, provinces: tuple[str, ...] | None = None) -> None:
    """Mirror a plan's configuration into the plan tables (replacing that plan's rows)."""
    with transaction(con):
        _write_plan(con, plan, provinces)


def sync_plans(con: duckdb.DuckDBPyConnection, plans: list[Plan], provinces: tuple[str, ...] | None = None) -> None:
    """The plan tables hold exactly these plans (a plan no longer given loses its rows), in one transaction."""
    ids = [p.id for p in plans]
    with transaction(con):
        for table in PLAN_TABLES:
            key = "id" if table == "plans" else "plan_id"
            # Names from this module's constant; the ids are bound.
            con.execute("DELETE FROM " + ident(table) + " WHERE NOT list_contains($ids, " + ident(key) + ")",
                        {"ids": ids})
        for plan in plans:
            _write_plan(con, plan, provinces)


def plan_place_keys(con: duckdb.DuckDBPyConnection, plan: Plan, provinces: tuple[str, ...] | None = None) -> set[str]:
    """Every place key in the plan's territory, from the catalogue tables (nscl/territory.py), with the
    empty key when the territory covers the whole deployment (`provinces`, default NSCL_PROVINCES)."""
    provinces = Settings.from_env().provinces if provinces is None else provinces
    rows = con.execute("SELECT code, gso_code, level, valid_from, valid_to, parent_code FROM places").fetchall()
    links = con.execute("SELECT old_code, new_code FROM place_links").fetchall()
    units = [row[:5] for row in rows]
    parents = {row[0]: row[5] for row in rows}
    deployment = {k for k in (territory.deployment_key(code, units) for code in provinces) if k is not None}
    whole = territory.places_within(deployment, parents, links)
    if not plan.territory:
        return whole | {territory.WHOLE}
    seeds = {k for k in (territory.unit_key(code, on, units) for code, on in plan.territory) if k is not None}
    inside = territory.places_within(seeds, parents, links)
    return inside | {territory.WHOLE} if whole <= inside else inside


def _write_plan(con: duckdb.DuckDBPyConnection, plan: Plan, provinces: tuple[str, ...] | None) -> None:
    con.execute("DELETE FROM plan_targets WHERE plan_id = $id", {"id": plan.id})
    con.execute("DELETE FROM plan_periods WHERE plan_id = $id", {"id": plan.id})
    con.execute("DELETE FROM plans WHERE id = $id", {"id": plan.id})
    con.execute("DELETE FROM plan_places WHERE plan_id = $id", {"id": plan.id})
    con.execute(
        "INSERT INTO plans (id, number, issued_on, issuer_vi, province_vi, title_vi, illustrative)"
        " VALUES ($id, $number, $issued, $issuer, $province, $title, $illustrative)",
        {"id": plan.id, "number": plan.number, "issued": plan.issued, "issuer": plan.issuer["vi"],
         "province": plan.province["vi"], "title": plan.title["vi"], "illustrative": plan.illustrative},
    )
    keys = sorted(plan_place_keys(con, plan, provinces))
    if keys:
        con.executemany("INSERT INTO plan_places VALUES ($plan, $place)", [{"plan": plan.id, "place": k} for k in keys])
    periods = [(p, True) for p in plan.phases]
    if plan.programme.id not in {p.id for p in plan.phases}:  # a one-phase plan is its own programme
        periods.append((plan.programme, False))
    for period, is_phase in periods:
        con.execute("INSERT INTO plan_periods VALUES ($plan, $id, $start, $end, $is_phase)",
                    {"plan": plan.id, "id": period.id, "start": period.start,
                     "end": period.end, "is_phase": is_phase})
    for target in plan.targets:
        period_ids = list(target.values) or [p.id for p in plan.phases]
        for period_id in period_ids:
            con.execute(
                "INSERT INTO plan_targets VALUES ($plan, $target, $period, $indicator, $kind,"
                " $value, $rate_min, $rate_max, $name_vi, $name_en, $unit_vi)",
                {"plan": plan.id, "target": target.id, "period": period_id,
                 "indicator": target.indicator, "kind": target.kind,
                 "value": target.values.get(period_id), "rate_min": target.rate_min,
                 "rate_max": target.rate_max, "name_vi": target.names["vi"],
                 "name_en": target.names["en"], "unit_vi": target.units.get("vi")},
            )


def cap_memory(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """DuckDB's memory cap for this process (NSCL_DUCKDB_MEMORY_MB): without one DuckDB takes up
    to 80 % of the machine's memory for its caches. Set after connecting, not as a connection
    option: another connection to the same file in this process (a test, the command line)
    would then need the very same options."""
    megabytes = int(Settings.from_env().duckdb_memory_mb)
    con.execute("SET memory_limit = $limit", {"limit": f"{megabytes}MiB"})
    return con


def meta_value(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    rows = con.execute("SELECT value FROM meta WHERE key = $key", {"key": key}).fetchall()
    return rows[0][0] if rows else None


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES ($key, $value)", {"key": key, "value": value})
