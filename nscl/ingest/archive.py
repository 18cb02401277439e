"""Crash-safe archiving of uploaded originals: each is kept under its SHA-256, readable by the app
only, and takes its final name only once the upload that names it is committed (commit.py), so the
hashed folders hold exactly the originals the upload history names; `sweep_archive` clears what a
killed or failed commit left behind.
"""
from __future__ import annotations

import hashlib
import os
import re
import threading
import uuid
from pathlib import Path

import duckdb


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def safe_file_name(name: str) -> str:
    """The file's own name, without folders or control characters, for the log."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = re.sub(r"[\x00-\x1f\x7f]", "", base).strip() or "tep-khong-ten"
    return base[:200]


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
