"""Reading spreadsheets where a crash cannot reach the server: the runner.

The Excel reader (python-calamine, Rust) aborts the whole process when an allocation fails (a stray
cell at XFD1048576 asks for 512 GB) and raises `pyo3_runtime.PanicException`, a BaseException, on
some broken files. So, in the server process, a zip-based workbook is first inspected from its zip
directory and its sheet's declared extent (`inspect_workbook`, workbook.py); then the workbook is
read in a child process (`python -m nscl.ingest.sandbox_child`, sandbox_child.py) limited by
RLIMIT_AS and a wall-clock timeout, which sends back the cells as text (a JSON array on stdout, a
status line on stderr). Whatever happens to the child, this module raises ReadError with a message
of the translation table, which the caller shows in the user's language (the child sends the
message's key and values, not its text). At most `CONCURRENT_READS` children run at once.
"""
from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from ..i18n import Message, Num
from .limits import Limits, megabytes
from .sandbox_child import STATUS
from .sandbox_child import cell_text as cell_text  # noqa: F401  (part of this module's interface)
from .workbook import CORRUPT as CORRUPT  # noqa: F401  (part of this module's interface)
from .workbook import RESAVE, ReadError, inspect_workbook
from .workbook import cell_name as cell_name  # noqa: F401  (part of this module's interface)
from .workbook import column_letters as column_letters  # noqa: F401  (part of this module's interface)
from .workbook import parse_range as parse_range  # noqa: F401  (part of this module's interface)

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent.parent
CONCURRENT_READS = 2
"""Children reading at the same time in one server process: with `Limits.read_memory_bytes` each,
this bounds the memory all uploads together can take (another upload waits for a free slot)."""
_slots = threading.BoundedSemaphore(CONCURRENT_READS)
DEFAULT_READER = "nscl.ingest.sandbox_child:read_sheet"
CHILD = "nscl.ingest.sandbox_child"


def _reader_spec(reader: Callable | None) -> str:
    if reader is None:
        return DEFAULT_READER
    return f"{reader.__module__}:{reader.__qualname__}"


def _status(stderr: bytes) -> dict | None:
    at = stderr.rfind(STATUS.encode())
    if at < 0:
        return None
    try:
        return json.loads(stderr[at + len(STATUS):].decode("utf-8"))
    except ValueError:
        return None


def _memory_message(limits: Limits) -> Message:
    return Message("excel_memory", {"limit": megabytes(limits.read_memory_bytes)})


def _communicate(command: list[str], env: dict, data: bytes, seconds: float,
                 limits: Limits) -> tuple[bytes, bytes, int]:
    """Send the file, collect what the child says, kill it at the time limit."""
    try:
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                 env=env, cwd=str(ROOT), close_fds=True)
    except OSError as exc:
        log.error("cannot start the spreadsheet reader: %s", exc)
        raise ReadError("excel_reader_unavailable") from None
    try:
        out, err = child.communicate(data, timeout=max(seconds, 0.1))
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        log.info("spreadsheet reader killed at the time limit")
        seconds = Num(limits.read_seconds, 0 if float(limits.read_seconds).is_integer() else 1)
        raise ReadError("excel_timeout", seconds=seconds, fix=RESAVE) from None
    except BaseException:
        # Ctrl+C in the CLI, or anything else: never leave a reader running behind us.
        child.kill()
        child.wait()
        raise
    return out, err, child.returncode


def run_child(op: str, data: bytes, limits: Limits, sheet: str | None = None,
              reader: Callable | None = None) -> tuple[dict, bytes]:
    """Run one read in a confined child; the status it reported and its stdout, or ReadError."""
    task = {"op": op, "sheet": sheet, "reader": _reader_spec(reader), "limits": limits.as_dict()}
    path = os.environ.get("PYTHONPATH", "")
    env = dict(os.environ, PYTHONPATH=str(ROOT) + (os.pathsep + path if path else ""), RUST_BACKTRACE="0",
               PYTHONDONTWRITEBYTECODE="1")
    command = [sys.executable, "-m", CHILD, json.dumps(task)]
    if not _slots.acquire(timeout=limits.read_seconds):
        raise ReadError("excel_busy")
    try:
        out, err, code = _communicate(command, env, data, limits.read_seconds, limits)
    finally:
        _slots.release()
    status = _status(err)
    if status is None:
        tail = err[-2000:].decode("utf-8", "replace")
        log.info("spreadsheet reader died (exit %s): %s", code, " ".join(tail.split())[-300:])
        if "memory allocation of" in tail or "MemoryError" in tail:
            raise ReadError(_memory_message(limits))
        raise ReadError("excel_unreadable", fix=RESAVE)
    if "error" in status:
        raise ReadError(Message.from_json(status["error"]))
    if status.get("failure") == "memory":
        raise ReadError(_memory_message(limits))
    if "failure" in status:
        log.info("spreadsheet reader failed: %s", status.get("detail"))
        raise ReadError("excel_truncated")
    return status, out


def excel_sheets(data: bytes, limits: Limits) -> list[str]:
    """Names of the visible sheets (all sheets when none is), in workbook order, read in the
    confined child."""
    if data[:4] == b"PK\x03\x04":
        inspect_workbook(data, limits, extents=False)
    status, _ = run_child("sheets", data, limits)
    return status["sheets"]


def excel_read(data: bytes, sheet: str | None, limits: Limits,
               reader: Callable | None = None) -> tuple[list[list[str]], str, list[list[str]]]:
    """The sheet's rows as text (Excel row n is item n - 1), its name, and its cells that hold a
    formula without a value or an error value ([reference, kind, error]), read in the confined
    child. `reader` replaces the child's reader (tests: a reader that aborts or hangs)."""
    if data[:4] == b"PK\x03\x04":
        inspect_workbook(data, limits, sheet)
    status, out = run_child("rows", data, limits, sheet, reader)
    try:
        rows = json.loads(out)
    except ValueError:
        raise ReadError("excel_unreadable", fix=RESAVE) from None
    return rows, status["sheet"], status.get("cells", [])


def excel_rows(data: bytes, sheet: str | None, limits: Limits,
               reader: Callable | None = None) -> tuple[list[list[str]], str]:
    """The sheet's rows as text and its name (`excel_read` without the cells)."""
    rows, name, _ = excel_read(data, sheet, limits, reader)
    return rows, name
