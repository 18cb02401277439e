"""Files only the app's own account may read: the staff accounts, the database and its WAL, the
sign-in attempts, published snapshots. Each is created 0600 (folders 0700) from its first byte,
never created open and narrowed afterwards, and a file rewritten whole is written under a unique
temporary name, flushed to disk and renamed over the old one under a lock, so two writers never
lose each other's change and a crash leaves the old file or the new one, never half of either."""
from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

FILE_MODE, FOLDER_MODE = 0o600, 0o700
PRIVATE_UMASK = 0o077

# The umask is one per process: a thread that narrows it for the files it creates must not
# race another that restores it. Threads creating files other than through here (Streamlit's
# own) are unaffected in what they may read, and at worst create a file narrower than asked.
_UMASK = threading.RLock()
_kept = 0  # the bits keep_private_from_now_on() added for good


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """Everything created inside (by this process, DuckDB's threads included) is 0600/0700."""
    with _UMASK:
        previous = os.umask(PRIVATE_UMASK)
        try:
            yield
        finally:
            os.umask(previous | _kept)


def keep_private_from_now_on() -> None:
    """From now on this process creates no file or folder that others may read. For a process
    that writes the database: DuckDB deletes its WAL at every checkpoint and creates it again at
    the next write, from its own threads, at moments no narrower scope can cover (and its spill
    folder likewise)."""
    global _kept
    with _UMASK:
        previous = os.umask(PRIVATE_UMASK)
        _kept = PRIVATE_UMASK
        os.umask(previous | PRIVATE_UMASK)


def make_private(*paths: Path) -> None:
    """Narrow existing files (left by an older version) to 0600; missing ones are skipped."""
    for path in paths:
        try:
            os.chmod(path, FILE_MODE)
        except (FileNotFoundError, PermissionError):
            continue


def private_folder(folder: Path) -> Path:
    """The folder, created 0700 with its missing parents; an existing one is left as its owner set it."""
    folder = Path(folder)
    with private_umask():
        folder.mkdir(mode=FOLDER_MODE, parents=True, exist_ok=True)
    return folder


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """An exclusive lock held across processes (and threads) on `path` + ".lock"."""
    lock_path = Path(path).with_name(Path(path).name + ".lock")
    private_folder(lock_path.parent)
    handle = os.open(lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)  # per open file description: threads exclude each other too
        yield
    finally:
        os.close(handle)  # releases the lock


def write_private(path: Path, data: bytes) -> None:
    """Replace `path` with `data` atomically: a unique temporary file in the same folder, created
    0600 exclusively (nobody else's file, never readable by others), written, fsynced, renamed over
    the target, and the folder fsynced so the rename survives a power cut. Callers that read,
    change and write hold `locked(path)` around all three."""
    path = Path(path)
    private_folder(path.parent)
    temporary = path.with_name(f".{path.name}.{os.getpid()}-{uuid.uuid4().hex}.tmp")
    handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
