"""Reading spreadsheets where a crash cannot reach the server.

The Excel reader (python-calamine, Rust) aborts the whole process when an allocation fails (a stray
cell at XFD1048576 asks for 512 GB) and raises `pyo3_runtime.PanicException`, a BaseException, on
some broken files. So, in the server process, a zip-based workbook is first inspected from its zip
directory and its sheet's declared extent (`inspect_workbook`); then the workbook is read in a child
process (`python -c "...child_main()"`) limited by RLIMIT_AS and a wall-clock timeout, which sends
back the cells as text (a JSON array on stdout, a status line on stderr). Whatever happens to the
child, the parent raises ReadError with a message of the translation table, which the caller shows
in the user's language (the child sends the message's key and values, not its text).

Without a sheet's name, the first visible sheet is read, as Excel opens on it (a hidden one holds a
lookup list or an old copy); the list offered to choose from holds the visible ones. The child also
reports the cells the reader gives as empty although they are not (formula_cells.py), for the
parent to refuse those that fall in the table.

This module imports only the standard library, nscl.i18n, nscl.ingest.limits and formula_cells (and
python-calamine in the child), because the child imports it for every upload: pandas alone would
add half a second.
"""
from __future__ import annotations

import datetime as dt
import importlib
import io
import json
import logging
import os
import re
import struct
import subprocess
import sys
import threading
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..i18n import Message, MessageError, Num
from .formula_cells import uncalculated_cells
from .limits import MB, Limits, megabytes

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent.parent
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
STATUS = "NSCL-SANDBOX-STATUS "
CONCURRENT_READS = 2
"""Children reading at the same time in one server process: with `Limits.read_memory_bytes` each,
this bounds the memory all uploads together can take (another upload waits for a free slot)."""
_slots = threading.BoundedSemaphore(CONCURRENT_READS)
DEFAULT_READER = "nscl.ingest.sandbox:read_sheet"
BATCH_ROWS = 2000
CORRUPT = "excel_corrupt"  # keys of the translation table
RESAVE = Message("excel_resave")


class ReadError(MessageError):
    """The file cannot be read as a table; `text(lang)` is the message for the user (`str()`: Vietnamese)."""


# --- A1 references -------------------------------------------------------------------------------

def column_letters(number: int) -> str:
    """1 -> A, 200 -> GR, 16384 -> XFD."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + ord(ch) - 64
    return number


def cell_name(row: int, column: int) -> str:
    """1-based row and column -> "XFD1048576"."""
    return f"{column_letters(column)}{row}"


_REF = re.compile(r"\$?([A-Za-z]{1,7})\$?([0-9]{1,9})")


def parse_range(ref: str) -> tuple[int, int] | None:
    """The last row and column (1-based) of "A1:XFD1048576" or "B2"; None when unreadable."""
    last = ref.strip().split(":")[-1]
    match = _REF.fullmatch(last)
    return (int(match.group(2)), column_number(match.group(1))) if match else None


def beyond_column_pattern(max_columns: int) -> str:
    """A regular expression for column letters greater than `max_columns` (for 200, "GR"):
    longer words, or words of the same length that sort after it."""
    last = column_letters(max_columns)
    alternatives = [f"[A-Z]{{{len(last) + 1},}}"]
    for i, ch in enumerate(last):
        if ch < "Z":
            rest = len(last) - i - 1
            alternatives.append(re.escape(last[:i]) + f"[{chr(ord(ch) + 1)}-Z]" + (f"[A-Z]{{{rest}}}" if rest else ""))
    return "(?:" + "|".join(alternatives) + ")"


# --- The zip, before anything is decompressed ------------------------------------------------------

def _central_directory_size(data: bytes) -> int | None:
    """Size of the zip's central directory, from its end record; None when there is none."""
    at = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if at < 0 or at + 22 > len(data):
        return None
    return struct.unpack_from("<I", data, at + 12)[0]


def open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    # zipfile builds an object per member while reading the directory: bound the directory first.
    """A workbook's zip, after bounding its directory: a crafted directory with too many members,
    or one zipfile cannot read, raises ReadError instead of exhausting memory."""
    directory = _central_directory_size(data)
    if directory is not None and directory > limits.max_zip_members * 1024:
        raise ReadError(_too_many_members(limits))
    try:
        book = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # BadZipFile, but also struct and value errors on crafted directories
        raise ReadError(CORRUPT) from None
    if len(book.infolist()) > limits.max_zip_members:
        raise ReadError(_too_many_members(limits))
    return book


def _too_many_members(limits: Limits) -> Message:
    return Message("excel_too_many_members", {"limit": limits.max_zip_members, "fix": RESAVE})


def check_zip_sizes(book: zipfile.ZipFile, limits: Limits) -> None:
    """Sizes as the zip's directory declares them; a member whose data says otherwise fails its CRC
    check or is cut at the declared size (zipfile), or meets the child's memory limit (calamine)."""
    members = book.infolist()
    total = sum(info.file_size for info in members)
    if total > limits.max_unzipped_bytes:
        raise ReadError("excel_unzipped_too_big", size=megabytes(total), limit=megabytes(limits.max_unzipped_bytes))
    for info in members:
        if info.file_size > MB and info.file_size > limits.max_zip_ratio * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise ReadError("excel_zip_ratio", member=info.filename, size=megabytes(info.file_size), ratio=Num(ratio),
                            limit=limits.max_zip_ratio, fix=RESAVE)


_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_ATTR = re.compile(rb"""([\w:]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attributes(tag: bytes) -> dict[str, str]:
    return {m.group(1).decode("utf-8", "replace"): (m.group(2) if m.group(2) is not None else m.group(3))
            .decode("utf-8", "replace") for m in _ATTR.finditer(tag)}


def _unescape(text: str) -> str:
    return (text.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
            .replace("&amp;", "&"))


def workbook_sheets(book: zipfile.ZipFile) -> list[tuple[str, str, bool]]:
    """(name, worksheet member such as "xl/worksheets/sheet1.xml", visible) per sheet in workbook
    order; empty when the workbook part is missing or too large to be a real one."""
    names = set(book.namelist())
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return []
    parts = [book.getinfo("xl/workbook.xml"), book.getinfo("xl/_rels/workbook.xml.rels")]
    if any(part.file_size > 4 * MB for part in parts):
        return []
    workbook, rels = (book.read(part) for part in parts)
    targets = {}
    for tag in re.findall(rb"<(?:\w+:)?Relationship\b[^>]*>", rels):
        attrs = _attributes(tag)
        target = attrs.get("Target", "")
        target = target.lstrip("/") if target.startswith("/") else "xl/" + target
        targets[attrs.get("Id", "")] = os.path.normpath(target).replace(os.sep, "/")
    sheets = []
    for tag in _SHEET.findall(workbook):
        attrs = _attributes(tag)
        rid = next((v for k, v in attrs.items() if k.endswith(":id")), "")
        if "name" in attrs and rid in targets:
            sheets.append((_unescape(attrs["name"]), targets[rid], attrs.get("state", "visible") == "visible"))
    return sheets


def sheet_members(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> worksheet member, in workbook order."""
    return {name: member for name, member, _ in workbook_sheets(book)}


def default_sheet(sheets: list[tuple[str, bool]]) -> str | None:
    """The sheet read when none is chosen: the first visible one, as Excel opens on it; a hidden
    sheet (a lookup list, an old version) is read only when asked for by name."""
    return next((name for name, visible in sheets if visible), sheets[0][0] if sheets else None)


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")


def declared_extent(book: zipfile.ZipFile, member: str) -> tuple[int, int] | None:
    """The last row and column a sheet declares in `<dimension ref=...>`, read from the first
    16 KB of its XML (the element comes before the cells); None when absent."""
    try:
        with book.open(member) as stream:
            head = stream.read(16 * 1024)
    except Exception:
        raise ReadError(CORRUPT) from None
    match = _DIMENSION.search(head)
    return parse_range(match.group(1).decode("ascii", "replace")) if match else None


def check_extent(sheet: str, rows: int, columns: int, limits: Limits, declared: bool) -> None:
    """Refuse a sheet whose extent (A1 to its last cell) exceeds the columns or cells limits."""
    where = Message("excel_extent_declared" if declared else "excel_extent_used",
                    {"sheet": sheet, "cell": cell_name(rows, columns)})
    fix = Message("excel_fix_extent")
    if rows > EXCEL_ROWS or columns > EXCEL_COLUMNS:
        raise ReadError("excel_beyond_grid", where=where, rows=EXCEL_ROWS, columns=EXCEL_COLUMNS, fix=RESAVE)
    if columns > limits.max_columns:
        raise ReadError("excel_extent_columns", where=where, columns=columns, limit=limits.max_columns, fix=fix)
    if rows * columns > limits.max_cells:
        raise ReadError("excel_extent_cells", where=where, rows=rows, columns=columns, cells=rows * columns,
                        limit=limits.max_cells, fix=fix)


def inspect_workbook(data: bytes, limits: Limits, sheet: str | None = None, extents: bool = True) -> None:
    """Checks on a zip-based workbook that cost milliseconds and decompress at most 16 KB per
    sheet: members, unzipped size, compression ratios, and the declared extent of the sheet to be
    read (all worksheets when the sheet cannot be told)."""
    book = open_zip(data, limits)
    check_zip_sizes(book, limits)
    if not extents:
        return
    try:
        _check_declared_extents(book, limits, sheet)
    except ReadError:
        raise
    except Exception:  # a member that fails its CRC, is encrypted or uses an unknown compression
        raise ReadError(CORRUPT) from None


def _check_declared_extents(book: zipfile.ZipFile, limits: Limits, sheet: str | None) -> None:
    sheets = workbook_sheets(book)
    members = {name: member for name, member, _ in sheets}
    if members:
        name = sheet or default_sheet([(name, visible) for name, _, visible in sheets])
        chosen = {name: members[name]} if name in members else {}
    else:
        chosen = {Path(n).stem: n for n in book.namelist()
                  if n.startswith("xl/worksheets/") and n.endswith(".xml")}
    names = set(book.namelist())
    for name, member in chosen.items():
        extent = declared_extent(book, member) if member in names else None
        if extent:
            check_extent(name, *extent, limits, declared=True)


# --- The child: reads one workbook, confined -------------------------------------------------------

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


# --- The parent: runs the child and turns every outcome into rows or a ReadError ------------------

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
    command = [sys.executable, "-c", "from nscl.ingest.sandbox import child_main; child_main()", json.dumps(task)]
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
