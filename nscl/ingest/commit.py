"""Writing a checked file: preview, all-or-nothing commit with row history, and exact undo.

Table and column names in the statements below come from the dataset specs in this package,
never from a file; every value is bound or read from a registered DataFrame. Times are written in
UTC whatever the server's time zone (shown in Vietnam time by nscl.i18n.fmt_datetime).
"""
from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

from .. import analytics
from ..datasets import DATASETS, Dataset
from ..db import transaction
from ..i18n import DEFAULT_LANG, MessageError, t
from ..sql import ident
from .archive import archive, content_hash, drop_archived, keep_archived, safe_file_name, sweep_archive
from .validation import Checked

RETRIES = 5


class CommitRefused(MessageError):
    """The commit or undo cannot go ahead; `text(lang)` is the message for the user (`str()`: Vietnamese)."""


@dataclass
class Preview:
    new: int
    changed: int
    unchanged: int
    rejected: int
    changes: pd.DataFrame      # sample: key, column (its header in the reader's language), before, after
    duplicate_of: int | None   # an earlier committed upload of the same file


@dataclass
class UploadResult:
    upload_id: int
    added: int
    changed: int
    unchanged: int
    rejected: int


def _types(con, table: str) -> dict[str, str]:
    rows = con.execute("SELECT column_name, data_type FROM information_schema.columns "
                       "WHERE table_name = $t AND table_schema = 'main'", {"t": table}).fetchall()
    return dict(rows)


def _stage(con, checked: Checked, name: str = "staged") -> None:
    """The valid rows as a temporary table with the target table's column types."""
    dataset = checked.dataset
    frame = checked.valid[dataset.names].astype(object).where(checked.valid[dataset.names].notna(), None)
    types = _types(con, dataset.table)
    con.register("incoming_frame", frame)
    try:
        casts = ", ".join(f"CAST({ident(c)} AS {types[c]}) AS {ident(c)}" for c in dataset.names)
        con.execute("CREATE OR REPLACE TEMP TABLE " + ident(name) + " AS SELECT " + casts + " FROM incoming_frame")
    finally:
        con.unregister("incoming_frame")


def _key_match(dataset: Dataset, a: str, b: str) -> str:
    return " AND ".join(f"{a}.{ident(k)} = {b}.{ident(k)}" for k in dataset.key)


def _differs(dataset: Dataset, a: str, b: str) -> str:
    others = [c for c in dataset.names if c not in dataset.key]
    return "(" + " OR ".join(f"{a}.{ident(c)} IS DISTINCT FROM {b}.{ident(c)}" for c in others) + ")" if others else "FALSE"


def earlier_upload(con, digest: str, dataset: str) -> int | None:
    rows = con.execute("SELECT id FROM uploads WHERE content_hash = $h AND dataset = $d AND kind = 'upload' "
                       "AND status = 'committed' ORDER BY id DESC LIMIT 1", {"h": digest, "d": dataset}).fetchall()
    return rows[0][0] if rows else None


def preview(con: duckdb.DuckDBPyConnection, checked: Checked, data: bytes, sample: int = 10,
            lang: str = DEFAULT_LANG) -> Preview:
    """What committing a checked file would do, without writing: new, changed (each change with its
    before and after, under the column's header), unchanged and rejected rows, and an earlier upload
    of the same file."""
    dataset = checked.dataset
    cur = con.cursor()
    _stage(cur, checked)
    t, match, differs = ident(dataset.table), _key_match(dataset, "t", "s"), _differs(dataset, "t", "s")
    new, changed, unchanged = cur.execute(
        "SELECT count(*) FILTER (WHERE t_found IS NULL), count(*) FILTER (WHERE t_found AND d), "
        "count(*) FILTER (WHERE t_found AND NOT d) FROM (SELECT (SELECT true FROM " + t + " t WHERE " + match +
        ") AS t_found, (SELECT " + differs + " FROM " + t + " t WHERE " + match + ") AS d FROM staged s)"
    ).fetchall()[0]
    changes = []
    if changed:
        others = [c for c in dataset.names if c not in dataset.key]
        pairs = ", ".join(f"t.{ident(c)} AS {ident('before_' + c)}, s.{ident(c)} AS {ident('after_' + c)}" for c in others)
        keys = ", ".join(f"s.{ident(k)}" for k in dataset.key)
        rows = cur.execute("SELECT " + keys + ", " + pairs + " FROM staged s JOIN " + t + " t ON " + match +
                           " WHERE " + differs + " LIMIT " + str(int(sample))).df()
        for row in rows.itertuples(index=False):
            record = row._asdict()
            key = " / ".join(str(record[k]) for k in dataset.key)
            for c in others:
                before, after = record[f"before_{c}"], record[f"after_{c}"]
                if not (pd.isna(before) and pd.isna(after)) and before != after:
                    changes.append({"key": key, "column": dataset.column(c).header(lang), "before": before,
                                    "after": after})
    cur.close()
    return Preview(int(new), int(changed), int(unchanged), len(checked.rejected),
                   pd.DataFrame(changes, columns=["key", "column", "before", "after"]),
                   earlier_upload(con, content_hash(data), dataset.name))


def commit(con: duckdb.DuckDBPyConnection, checked: Checked, file_name: str, data: bytes, user: str,
           only_valid: bool = False, archive_dir: str | Path | None = None,
           before_commit: Callable[[], None] | None = None) -> UploadResult:
    """Write the file's valid rows in one transaction; nothing at all when it has errors,
    unless only_valid was chosen explicitly. before_commit runs inside the transaction once the
    rows are written (tests use it to kill the process there)."""
    if checked.errors and not only_valid:
        raise CommitRefused("commit_has_errors", errors=len(checked.errors))
    if checked.valid.empty:
        raise CommitRefused("commit_nothing_valid")
    if not archive_dir:
        return _write_retrying(con, checked, file_name, data, user, None, before_commit)
    try:
        sweep_archive(con, archive_dir)
    except OSError:
        pass  # cleaning up after others is never a reason to refuse this file
    try:
        temporary, target = archive(data, file_name, archive_dir)
    except OSError:
        raise CommitRefused("commit_archive_failed", folder=str(archive_dir)) from None
    try:
        done = _write_retrying(con, checked, file_name, data, user, str(target), before_commit)
    except BaseException:
        drop_archived(temporary)
        raise
    keep_archived(temporary, target)
    return done


def _write_retrying(con, checked: Checked, file_name: str, data: bytes, user: str, path: str | None,
                    before_commit: Callable[[], None] | None) -> UploadResult:
    for attempt in range(RETRIES):
        cur = con.cursor()
        try:
            return _write(cur, checked, safe_file_name(file_name), content_hash(data), user, path, before_commit)
        except duckdb.TransactionException:
            # Another upload committed to the same table first (rolled back by `transaction`): try
            # again on the new state.
            time.sleep(0.05 * (attempt + 1))
        finally:
            cur.close()
    raise CommitRefused("commit_busy")


def _write(cur, checked: Checked, file_name: str, digest: str, user: str, path: str | None,
           before_commit: Callable[[], None] | None = None) -> UploadResult:
    dataset = checked.dataset
    t, history = ident(dataset.table), ident(dataset.history)
    match, differs = _key_match(dataset, "t", "s"), _differs(dataset, "t", "s")
    cols = ", ".join(map(ident, dataset.names))
    _stage(cur, checked)
    with transaction(cur):
        upload_id = cur.execute("SELECT nextval('upload_id_seq')").fetchall()[0][0]
        # by name: a column added by a later migration sits at a different position in the two tables
        cur.execute("INSERT INTO " + history + " (" + cols + ", upload_id, replaced_by) SELECT " +
                    ", ".join("t." + ident(c) for c in dataset.names) + ", t.upload_id, $id FROM " + t +
                    " t JOIN staged s ON " + match + " WHERE " + differs, {"id": upload_id})
        changed = cur.execute("SELECT count(*) FROM " + history + " WHERE replaced_by = $id",
                              {"id": upload_id}).fetchall()[0][0]
        sets = ", ".join(f"{ident(c)} = s.{ident(c)}" for c in dataset.names if c not in dataset.key)
        if sets:
            cur.execute("UPDATE " + t + " AS t SET " + sets + ", upload_id = $id FROM staged s WHERE " + match +
                        " AND " + differs, {"id": upload_id})
        added = cur.execute("INSERT INTO " + t + " (" + cols + ", upload_id) SELECT " + cols + ", $id FROM staged s "
                            "WHERE NOT EXISTS (SELECT 1 FROM " + t + " t WHERE " + match + ")",
                            {"id": upload_id}).fetchall()[0][0]
        total = len(checked.valid)
        if before_commit is not None:
            before_commit()
        cur.execute(
            "INSERT INTO uploads (id, dataset, file_name, content_hash, uploaded_by, uploaded_at, rows_added, "
            "rows_changed, rows_unchanged, rows_rejected, status, kind, archive_path) VALUES ($id, $dataset, $file, "
            "$hash, $user, timezone('UTC', now()), $added, $changed, $unchanged, $rejected, 'committed', 'upload', $path)",
            {"id": upload_id, "dataset": dataset.name, "file": file_name, "hash": digest, "user": user,
             "added": added, "changed": changed, "unchanged": total - added - changed,
             "rejected": len(checked.rejected), "path": path})
        analytics.refresh(cur)
    return UploadResult(upload_id, int(added), int(changed), int(total - added - changed), len(checked.rejected))


def may_undo(uploaded_by: str | None, user: str, admin: bool) -> bool:
    """Staff undo their own uploads; administrators anyone's."""
    return admin or (uploaded_by is not None and uploaded_by == user)


def undo(con: duckdb.DuckDBPyConnection, upload_id: int, user: str, lang: str = DEFAULT_LANG,
         admin: bool = False) -> int:
    """Remove the rows an upload added and give the rows it changed their previous values.
    Refused when `user` is not an administrator and did not make the upload, or when a later
    upload changed the same rows (undo that one first). Returns the id of the undo's own log
    entry, whose note is written in `lang`; the upload is marked with who undid it and when."""
    cur = con.cursor()
    try:
        found = cur.execute("SELECT dataset, status, kind, uploaded_by FROM uploads WHERE id = $id",
                            {"id": upload_id}).fetchall()
        if not found:
            raise CommitRefused("undo_no_such", id=str(upload_id))
        name, status, kind, owner = found[0]
        if kind != "upload" or status != "committed":
            raise CommitRefused("undo_not_possible", id=str(upload_id))
        if not may_undo(owner, user, admin):
            raise CommitRefused("undo_not_yours", id=str(upload_id), owner=owner or "-")
        table, history = ident(DATASETS[name].table), ident(DATASETS[name].history)
        cols = ", ".join(map(ident, DATASETS[name].names))
        later = cur.execute("SELECT min(replaced_by) FROM " + history + " WHERE upload_id = $id "
                            "AND replaced_by <> $id", {"id": upload_id}).fetchall()[0][0]
        if later is not None:
            raise CommitRefused("undo_later_first", later=str(later))
        with transaction(cur):
            removed = cur.execute("DELETE FROM " + table + " WHERE upload_id = $id", {"id": upload_id}).fetchall()[0][0]
            restored = cur.execute("INSERT INTO " + table + " (" + cols + ", upload_id) SELECT " + cols +
                                   ", upload_id FROM " + history + " WHERE replaced_by = $id",
                                   {"id": upload_id}).fetchall()[0][0]
            cur.execute("DELETE FROM " + history + " WHERE replaced_by = $id", {"id": upload_id})
            cur.execute("UPDATE uploads SET status = 'undone', undone_at = timezone('UTC', now()), "
                        "undone_by = $user WHERE id = $id", {"id": upload_id, "user": user})
            undo_id = cur.execute("SELECT nextval('upload_id_seq')").fetchall()[0][0]
            cur.execute("INSERT INTO uploads (id, dataset, uploaded_by, uploaded_at, rows_added, rows_changed, "
                        "status, kind, undo_of, note) VALUES ($id, $dataset, $user, timezone('UTC', now()), 0, $restored, "
                        "'committed', 'undo', $of, $note)",
                        {"id": undo_id, "dataset": name, "user": user, "restored": restored, "of": upload_id,
                         "note": t("undo_note", lang, id=upload_id, removed=removed - restored, restored=restored)})
            analytics.refresh(cur)
        return int(undo_id)
    finally:
        cur.close()


@dataclass(frozen=True)
class UndoPlan:
    """What undoing an upload would do, read before anything changes (the confirmation's text)."""
    upload_id: int
    dataset: str
    file_name: str | None
    uploaded_by: str | None
    uploaded_at: dt.datetime | None
    remove: int    # rows the upload added, deleted by the undo
    restore: int   # rows the upload changed, given back their previous values


def undo_plan(con: duckdb.DuckDBPyConnection, upload_id: int) -> UndoPlan:
    """The rows an undo of `upload_id` would remove and restore, counted in the tables as they are
    now; CommitRefused (as `undo` would refuse) when it cannot be undone. Writes nothing."""
    cur = con.cursor()
    try:
        found = cur.execute("SELECT dataset, status, kind, file_name, uploaded_by, uploaded_at FROM uploads "
                            "WHERE id = $id", {"id": upload_id}).fetchall()
        if not found:
            raise CommitRefused("undo_no_such", id=str(upload_id))
        name, status, kind, file_name, owner, at = found[0]
        if kind != "upload" or status != "committed":
            raise CommitRefused("undo_not_possible", id=str(upload_id))
        table, history = ident(DATASETS[name].table), ident(DATASETS[name].history)
        later = cur.execute("SELECT min(replaced_by) FROM " + history + " WHERE upload_id = $id "
                            "AND replaced_by <> $id", {"id": upload_id}).fetchall()[0][0]
        if later is not None:
            raise CommitRefused("undo_later_first", later=str(later))
        held = cur.execute("SELECT count(*) FROM " + table + " WHERE upload_id = $id", {"id": upload_id}).fetchall()[0][0]
        restore = cur.execute("SELECT count(*) FROM " + history + " WHERE replaced_by = $id",
                              {"id": upload_id}).fetchall()[0][0]
        return UndoPlan(int(upload_id), name, file_name, owner, at, int(held - restore), int(restore))
    finally:
        cur.close()


def history(con: duckdb.DuckDBPyConnection, limit: int = 200) -> pd.DataFrame:
    return con.cursor().execute(
        "SELECT id, kind, dataset, file_name, uploaded_by, uploaded_at, rows_added, rows_changed, rows_unchanged, "
        "rows_rejected, status, undone_at, undone_by, undo_of, note FROM uploads ORDER BY id DESC LIMIT $n",
        {"n": limit}).df()

