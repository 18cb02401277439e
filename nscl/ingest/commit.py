"""Writing a checked file: preview, all-or-nothing commit with row history, and exact undo.

Table and column names in the statements below come from the dataset specs in this package,
never from a file; every value is bound or read from a registered DataFrame.
"""
from __future__ import annotations

import hashlib
import os
import re
import threading
import time
import uuid
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


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_file_name(name: str) -> str:
    """The file's own name, without folders or control characters, for the log."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip() or "tep-khong-ten"
    return base[:200]


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


# Originals are kept readable by the app only (like the users file). An original is first written
# under a temporary name that says which process wrote it, and takes its final name only once the
# upload that names it is committed: a commit that fails or is killed leaves at most a temporary
# file, which the next commit (or the app's start) removes, or renames into place when the
# database did record it: the hashed folders hold exactly the originals the upload history names.
FILE_MODE, FOLDER_MODE = 0o600, 0o700
_ARCHIVED = re.compile(r"[0-9a-f]{64}(\.[a-z0-9]+)?")
_PART = re.compile(r"(?P<final>[0-9a-f]{64}(\.[a-z0-9]+)?)\.(?P<pid>\d+)-[0-9a-f]{32}\.part")
_in_flight: set[str] = set()  # temporary files this process is writing or committing
_in_flight_lock = threading.Lock()


def archive_target(data: bytes, file_name: str, directory: str | Path) -> Path:
    """Where an original is kept: under its SHA-256, with its own suffix when it is a plain one."""
    digest = content_hash(data)
    suffix = Path(safe_file_name(file_name)).suffix.lower()[:10]
    suffix = suffix if re.fullmatch(r"\.[a-z0-9]+", suffix or "") else ""
    return Path(directory) / digest[:2] / f"{digest}{suffix}"


def _private_folder(folder: Path) -> None:
    folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    os.chmod(folder, FOLDER_MODE)


def archive(data: bytes, file_name: str, directory: str | Path) -> tuple[Path, Path]:
    """Write the original under a temporary name, readable by the app only; returns (temporary,
    final). `keep_archived` gives it its final name after the commit, `drop_archived` removes it."""
    target = archive_target(data, file_name, directory)
    _private_folder(Path(directory))
    _private_folder(target.parent)
    temporary = target.with_name(f"{target.name}.{os.getpid()}-{uuid.uuid4().hex}.part")
    with _in_flight_lock:
        _in_flight.add(temporary.name)
    try:
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        drop_archived(temporary)
        raise
    return temporary, target


def keep_archived(temporary: Path, target: Path) -> None:
    """After the commit: the original takes its final name (the same content may be there already).
    The upload is committed whatever happens here: a rename that fails is redone by the next sweep."""
    try:
        os.replace(temporary, target)
    except OSError:
        pass
    finally:
        with _in_flight_lock:
            _in_flight.discard(temporary.name)


def drop_archived(temporary: Path) -> None:
    try:
        temporary.unlink(missing_ok=True)
    finally:
        with _in_flight_lock:
            _in_flight.discard(temporary.name)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process: not ours to judge
    return True


UNREFERENCED = "unreferenced"  # originals no upload names, set aside (never deleted) for an operator


def sweep_archive(con: duckdb.DuckDBPyConnection, directory: str | Path) -> list[Path]:
    """Clear what killed or failed commits left in the archive folder: a temporary file of a process
    that is gone is renamed into place when the upload history names its final path, else removed
    (its upload never happened). An original that no upload names (left by a version before this
    one, or after the database was restored from an older copy) is moved to `unreferenced/`, not
    deleted: it may be the only copy of a file someone needs again. Kept originals are made
    readable by the app only. Returns the files removed or moved, by their former path."""
    root = Path(directory)
    if not root.is_dir():
        return []
    # The folder is listed before the history is read: a file there was committed before the read.
    found = [path for folder in root.iterdir() if folder.is_dir() and re.fullmatch(r"[0-9a-f]{2}", folder.name)
             for path in folder.iterdir() if path.is_file()]
    cur = con.cursor()
    try:
        rows = cur.execute("SELECT archive_path FROM uploads WHERE archive_path IS NOT NULL").fetchall()
    finally:
        cur.close()
    named = {os.path.realpath(row[0]) for row in rows}
    cleared = []
    for path in found:
        part = _PART.fullmatch(path.name)
        with _in_flight_lock:
            busy = path.name in _in_flight
        if part and not busy and not (int(part["pid"]) != os.getpid() and _alive(int(part["pid"]))):
            final = path.with_name(part["final"])
            if os.path.realpath(final) in named and not final.exists():
                os.replace(path, final)
                os.chmod(final, FILE_MODE)
            else:
                path.unlink(missing_ok=True)
                cleared.append(path)
        elif _ARCHIVED.fullmatch(path.name) and path.name.startswith(path.parent.name):
            if os.path.realpath(path) in named:
                os.chmod(path, FILE_MODE)
            else:
                _private_folder(root / UNREFERENCED)
                os.chmod(path, FILE_MODE)
                os.replace(path, root / UNREFERENCED / path.name)
                cleared.append(path)
    _private_folder(root)
    for folder in root.iterdir():
        if folder.is_dir() and re.fullmatch(r"[0-9a-f]{2}", folder.name):
            os.chmod(folder, FOLDER_MODE)
    return cleared


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
        cur.execute("INSERT INTO " + history + " SELECT t.*, $id FROM " + t + " t JOIN staged s ON " + match +
                    " WHERE " + differs, {"id": upload_id})
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
            "$hash, $user, now(), $added, $changed, $unchanged, $rejected, 'committed', 'upload', $path)",
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
            cur.execute("UPDATE uploads SET status = 'undone', undone_at = now(), undone_by = $user WHERE id = $id",
                        {"id": upload_id, "user": user})
            undo_id = cur.execute("SELECT nextval('upload_id_seq')").fetchall()[0][0]
            cur.execute("INSERT INTO uploads (id, dataset, uploaded_by, uploaded_at, rows_added, rows_changed, "
                        "status, kind, undo_of, note) VALUES ($id, $dataset, $user, now(), 0, $restored, "
                        "'committed', 'undo', $of, $note)",
                        {"id": undo_id, "dataset": name, "user": user, "restored": restored, "of": upload_id,
                         "note": t("undo_note", lang, id=upload_id, removed=removed - restored, restored=restored)})
            analytics.refresh(cur)
        return int(undo_id)
    finally:
        cur.close()


def history(con: duckdb.DuckDBPyConnection, limit: int = 200) -> pd.DataFrame:
    return con.cursor().execute(
        "SELECT id, kind, dataset, file_name, uploaded_by, uploaded_at, rows_added, rows_changed, rows_unchanged, "
        "rows_rejected, status, undone_at, undone_by, undo_of, note FROM uploads ORDER BY id DESC LIMIT $n",
        {"n": limit}).df()

