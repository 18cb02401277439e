"""Snapshots for read-only replicas: the writer exports the database (tables, views, macros,
analytics tables) to Parquet; a replica imports it into memory and serves the same pages."""
from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import duckdb

from .db import cap_memory
from .i18n import DEFAULT_LANG, t
from .private_files import private_folder, private_umask
from .sql import ident


class SnapshotMissing(FileNotFoundError):
    """No snapshot in the folder given; `text(lang)` says so in the reader's language."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(self.text())

    def text(self, lang: str = DEFAULT_LANG) -> str:
        return t("snapshot_missing", lang, path=self.path)


def _literal(path: Path) -> str:
    # IMPORT/EXPORT DATABASE take a literal path, not a bound parameter; the path comes from
    # the operator's configuration, and quotes are doubled.
    return "'" + str(path).replace("'", "''") + "'"


def publish(con: duckdb.DuckDBPyConnection, directory: str | Path) -> Path:
    """Export to a fresh folder, then swap it in, so replicas never read a half-written one."""
    target = Path(directory)
    private_folder(target.parent)
    staging = target.with_name(f"{target.name}.new-{os.getpid()}-{time.time_ns()}")
    with private_umask():  # the folder 0700 and every file 0600, from their first byte
        con.execute("EXPORT DATABASE " + _literal(staging) + " (FORMAT parquet)")
    old = target.with_name(f"{target.name}.old-{time.time_ns()}")
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return target


def open_snapshot(directory: str | Path) -> duckdb.DuckDBPyConnection:
    """An in-memory database holding the snapshot: nothing a replica does reaches the writer.

    Not IMPORT DATABASE: its schema.sql can list a table macro before the view it uses, and
    its load.sql names the folder the snapshot was written to; here statements are retried
    until their dependencies exist, and the Parquet files are read from where they are now.
    """
    path = Path(directory)
    if not (path / "schema.sql").exists():
        raise SnapshotMissing(path)
    con = cap_memory(duckdb.connect(":memory:"))
    pending = [s.strip() for s in (path / "schema.sql").read_text(encoding="utf-8").split(";\n") if s.strip()]
    while pending:
        failed = []
        for statement in pending:
            try:
                con.execute(statement)
            except duckdb.CatalogException:
                failed.append(statement)
        if len(failed) == len(pending):
            raise RuntimeError(f"snapshot schema cannot be created: {failed[0][:200]}")
        pending = failed
    for line in (path / "load.sql").read_text(encoding="utf-8").splitlines():
        match = _COPY.match(line.strip())
        if match:
            table, file_name = match.group(1), match.group(2)
            con.execute("INSERT INTO " + ident(table) + " SELECT * FROM read_parquet($p)", {"p": str(path / file_name)})
    return con


_COPY = re.compile(r"^COPY ([A-Za-z_][A-Za-z0-9_]*) FROM '.*/([^/']+\.parquet)'")
