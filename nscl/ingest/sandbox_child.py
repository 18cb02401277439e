"""The reading child: reads one workbook with python-calamine, confined, and sends back its cells.

Run as `python -m nscl.ingest.sandbox_child TASK` by the runner (sandbox.py), with the file on stdin:
it lowers its own limits (RLIMIT_AS to `Limits.read_memory_bytes`, no core file, a CPU backstop),
reads the sheet and writes the rows as text (a JSON array on stdout) and a status line on stderr:
the sheet's name, the number of rows and the cells the reader gives as empty although they are not
(formula_cells.py), or an error message's key and values (never its text), or what failed (memory,
or a crash: python-calamine raises `pyo3_runtime.PanicException`, a BaseException, on some broken
files, and aborts the whole process when an allocation fails).

Without a sheet's name, the first visible sheet is read, as Excel opens on it (a hidden one holds a
lookup list or an old copy); the list offered to choose from holds the visible ones.

This module imports only the standard library, nscl.i18n, nscl.ingest.limits, workbook.py and
formula_cells.py (and python-calamine when reading), because it runs for every upload: pandas
alone would add half a second. It never imports the runner.
"""
from __future__ import annotations

import datetime as dt
import importlib
import io
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Iterator

from .formula_cells import uncalculated_cells
from .limits import MB, Limits, megabytes
from .workbook import (
    CORRUPT,
    ReadError,
    beyond_column_pattern,
    check_extent,
    declared_extent,
    default_sheet,
    open_zip,
    parse_range,
    sheet_members,
)

STATUS = "NSCL-SANDBOX-STATUS "
BATCH_ROWS = 2000


def cell_text(value) -> str:
    """One Excel cell as the text the validator reads."""
    if value is None:
        return ""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return unicodedata.normalize("NFC", str(value))


def _open_book(data: bytes):
    from python_calamine import CalamineWorkbook, PasswordError

    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except PasswordError:
        raise ReadError("excel_password") from None
    except Exception:  # calamine's own errors for broken workbooks; panics are handled in child_main
        raise ReadError(CORRUPT) from None


def _sheets(book) -> list[tuple[str, bool]]:
    """(name, visible) of each worksheet (chart sheets hold no cells)."""
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    sheets = [(m.name, m.visible == SheetVisibleEnum.Visible) for m in book.sheets_metadata
              if m.typ != SheetTypeEnum.ChartSheet]
    return sheets or [(name, True) for name in book.sheet_names]


def list_sheets(data: bytes, limits: Limits) -> list[str]:
    """The sheets a user can choose from: the visible ones (all of them if none is)."""
    sheets = _sheets(_open_book(data))
    return [name for name, visible in sheets if visible] or [name for name, _ in sheets]


def scan_far_cells(data: bytes, sheet: str, limits: Limits) -> None:
    """For a sheet that declares no extent, find a cell beyond the columns limit or Excel's last
    row before the reader allocates a grid reaching it; the sheet's XML is streamed, never held
    whole. Sheets with a `<dimension>` (everything Excel, LibreOffice and the usual libraries
    write) were checked by the parent and skip this pass, which costs about 5 ms per MB of XML; a
    sheet whose dimension lies meets the memory limit or the real-extent check instead."""
    if data[:4] != b"PK\x03\x04":
        return
    book = open_zip(data, limits)
    try:
        member = sheet_members(book).get(sheet)
    except Exception:
        raise ReadError(CORRUPT) from None
    if member is None or member not in set(book.namelist()) or declared_extent(book, member):
        return
    # The literal prefix ' r="' lets the regular expression engine skip ahead quickly.
    far = re.compile(rb' r="((?:' + beyond_column_pattern(limits.max_columns).encode() + rb')[0-9]+|'
                     rb'[A-Z]{1,3}[0-9]{8,})"')
    tail = b""
    try:
        with book.open(member) as stream:
            while chunk := stream.read(MB):
                window = tail + chunk
                match = far.search(window)
                if match and (row_col := parse_range(match.group(1).decode("ascii"))):
                    check_extent(sheet, *row_col, limits, declared=False)
                tail = window[-64:]
    except ReadError:
        raise
    except Exception:
        raise ReadError(CORRUPT) from None


def sheet_cells_without_value(data: bytes, sheet: str, limits: Limits) -> list[list[str]]:
    """Formulas without a calculated value and error values of an xlsx sheet (formula_cells.py),
    which the reader gives as empty cells; the parent decides which of them matter."""
    if data[:4] != b"PK\x03\x04":
        return []
    book = open_zip(data, limits)
    try:
        member = sheet_members(book).get(sheet)
        if member is None or member not in set(book.namelist()):
            return []
        return uncalculated_cells(book, member)
    except Exception:
        raise ReadError(CORRUPT) from None


def read_sheet(data: bytes, sheet: str | None, limits: Limits) -> tuple[str, Iterator[list[str]]]:
    """The reader the child runs: the sheet's name and its rows as text, from A1, each row as wide
    as the sheet (Excel row n is item n - 1)."""
    book = _open_book(data)
    name = sheet or default_sheet(_sheets(book))
    if name is None or name not in book.sheet_names:
        raise ReadError("excel_no_sheet", sheet=str(name))
    scan_far_cells(data, name, limits)
    try:
        grid = book.get_sheet_by_name(name)
    except Exception:
        raise ReadError(CORRUPT) from None
    if grid.end is None:
        return name, iter(())
    rows, columns = grid.end[0] + 1, grid.end[1] + 1
    check_extent(name, rows, columns, limits, declared=False)
    # iter_rows starts at row 1 but at the sheet's first used column: pad the columns on the left.
    left = [""] * grid.start[1]
    return name, (left + [cell_text(v) for v in row] for row in grid.iter_rows())


def _write_rows(rows: Iterable[list[str]], limits: Limits, out) -> int:
    """Stream the rows as one JSON array; count and bound what is sent."""
    sent = count = 0
    out.write(b"[")
    batch: list[list[str]] = []

    def flush() -> None:
        nonlocal sent
        if not batch:
            return
        longest = max((max(map(len, row), default=0) for row in batch), default=0)
        if longest > limits.max_line:
            raise ReadError("excel_cell_too_long", length=longest, limit=limits.max_line)
        text = json.dumps(batch, ensure_ascii=False)[1:-1].encode("utf-8")
        sent += len(text)
        if sent > limits.max_unzipped_bytes:
            raise ReadError("excel_cells_too_big", limit=megabytes(limits.max_unzipped_bytes))
        out.write((b"," if count > len(batch) else b"") + text)
        batch.clear()

    for row in rows:
        batch.append(row)
        count += 1
        if len(batch) >= BATCH_ROWS:
            flush()
    flush()
    out.write(b"]")
    return count


def _confine(limits: Limits) -> None:
    import resource

    # No core file: an abort must cost nothing.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_AS, (limits.read_memory_bytes, limits.read_memory_bytes))
    # A backstop if the parent is gone and cannot kill us at the timeout.
    cpu = int(limits.read_seconds) + 5
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def _resolve(spec: str) -> Callable:
    module, _, name = spec.partition(":")
    target = importlib.import_module(module)
    for part in name.split("."):
        target = getattr(target, part)
    return target


def child_main() -> None:
    """The reading child's entry point: reads the file from stdin under the memory and time caps,
    writes the rows to stdout and a status line to stderr (an error message, or what failed)
    so the parent never depends on the child's exceptions."""
    task = json.loads(sys.argv[1])
    limits = Limits(**task["limits"])
    _confine(limits)
    data = sys.stdin.buffer.read()
    out = sys.stdout.buffer
    try:
        if task["op"] == "sheets":
            status = {"sheets": list_sheets(data, limits)}
        else:
            name, rows = _resolve(task["reader"])(data, task["sheet"], limits)
            status = {"sheet": name, "rows": _write_rows(rows, limits, out),
                      "cells": sheet_cells_without_value(data, name, limits)}
    except ReadError as exc:
        status = {"error": exc.message.as_json()}
    except MemoryError:
        status = {"failure": "memory"}
    except BaseException as exc:  # noqa: BLE001 - pyo3's PanicException derives from BaseException
        status = {"failure": "crash", "detail": f"{type(exc).__name__}: {exc}"[:500]}
    out.flush()
    sys.stderr.write("\n" + STATUS + json.dumps(status) + "\n")
    sys.stderr.flush()


if __name__ == "__main__":
    # Run the module's one instance (the reader named in the task is looked up by its module name).
    from nscl.ingest import sandbox_child

    sandbox_child.child_main()
