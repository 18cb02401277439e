"""Reading staff files as they really are: CSV in any Excel encoding and separator, XLSX/XLS,
title rows above the header, an STT column; every cell becomes NFC text with its Excel row."""
from __future__ import annotations

import _csv
import importlib.util
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from ..datasets import IGNORED_HEADERS, Dataset
from ..i18n import Message, Num
from . import sandbox
from .encodings import GUESSED, decode, sample
from .limits import Limits
from .sandbox import ReadError, cell_name, cell_text, column_letters

HEADER_SCAN_ROWS = 30
SHOWN_CELLS = 5  # cells named in a message, then "and n more"
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")
EXCEL_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")
SEPARATOR_NAMES = {",": "separator_comma", ";": "separator_semicolon", "\t": "separator_tab"}  # keys of the table


@dataclass
class Notice:
    """Something the reading found about the file, shown among the rows' problems: `row` is the
    row the user looks at, `column` a header or column letters, `severity` "error" or "warning"."""
    row: int
    column: str
    value: str
    message: Message
    severity: str


@dataclass
class RawTable:
    frame: pd.DataFrame            # one column per matched dataset column, text cells, NFC
    rows: list[int]                # Excel row number of each frame row
    headers: dict[str, str]        # dataset column -> header as written in the file
    unknown: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # required columns not found (dataset names)
    encoding: str = ""
    separator: str = ""            # the CSV's column separator: ",", ";" or a tab
    sheet: str | None = None
    header_row: int = 0
    positions: dict[str, int] = field(default_factory=dict)  # dataset column -> 0-based column in the file
    notices: list[Notice] = field(default_factory=list)
    guessed: Notice | None = None  # no BOM and not UTF-8: the encoding was guessed; its value is a sample row


def fold(text: str) -> str:
    """Header comparison key: no diacritics, no case, single spaces (đ counts as d)."""
    text = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "d")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[\s_\-/().:*]+", " ", text)
    return text.strip()


def _kb(size: int) -> Num:
    return Num(size / 1024, 0 if size >= 10 * 1024 else 1)


LINE_SCAN_CHUNK = 16 * 1024 * 1024


def check_lines(data: bytes, limits: Limits) -> None:
    """Line count and longest line, by a byte scan before decoding and parsing: a 5 MB line of
    millions of fields is refused here in milliseconds instead of being parsed. The scan goes by
    16 MB chunks so that it needs little memory of its own."""
    lines = data.count(b"\n") + 1
    if lines > limits.max_cells:
        raise ReadError("read_too_many_lines", lines=lines, limit=limits.max_cells)
    if len(data) <= limits.max_line_bytes:
        return
    previous, line = -1, 0  # offset of the last newline seen, and its line number
    for start in range(0, len(data), LINE_SCAN_CHUNK):
        chunk = np.frombuffer(data, dtype=np.uint8, count=min(LINE_SCAN_CHUNK, len(data) - start), offset=start)
        ends = np.flatnonzero(chunk == 10) + start
        if len(ends):
            lengths = np.diff(ends, prepend=previous) - 1
            longest = int(lengths.argmax())
            if lengths[longest] > limits.max_line_bytes:
                _line_too_long(line + longest + 1, int(lengths[longest]), limits)
            previous, line = int(ends[-1]), line + len(ends)
    if len(data) - previous - 1 > limits.max_line_bytes:
        _line_too_long(line + 1, len(data) - previous - 1, limits)


def _line_too_long(line: int, size: int, limits: Limits) -> None:
    raise ReadError("read_line_too_long", line=line, size=_kb(size), limit=_kb(limits.max_line_bytes))


def sniff_separator(text: str) -> str:
    sample = [line for line in text[:20000].splitlines() if line.strip()][:30]
    counts = {sep: sum(line.count(sep) for line in sample) for sep in (",", ";", "\t")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def private_csv(field_limit: int):
    """A csv parser module of its own with this cell-length limit. `csv.field_size_limit()` sets
    one limit for the whole process: in the threaded app an upload would change it under every
    other reader (catalogues, plans, another upload with other limits). `_csv` keeps its limit in
    per-instance module state (multi-phase initialisation), so a fresh instance per file scopes
    the limit to that file's reader and leaves the shared module as it was."""
    spec = importlib.util.find_spec("_csv")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if module is _csv:  # a build whose _csv is single-phase would hand back the shared module
        raise RuntimeError("the csv parser cannot be instantiated privately")
    module.field_size_limit(field_limit)
    return module


def csv_rows(data: bytes, limits: Limits) -> tuple[list[list[str]], str, str]:
    """A CSV's rows as text cells, with the encoding and separator it was read with; line, column and
    cell limits and broken quoting raise ReadError naming the line."""
    check_lines(data, limits)
    text, encoding = decode(data)
    separator = sniff_separator(text)
    max_line, max_columns, max_cells = limits.max_line, limits.max_columns, limits.max_cells
    parser = private_csv(max_line)
    reader = parser.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    rows: list[list[str]] = []
    cells = 0
    try:
        for row in reader:
            if len(row) > max_columns:
                # Excel writes its whole "used range": empty cells past the limit are harmless.
                if any(row[max_columns:]):
                    raise ReadError("read_too_many_columns", line=reader.line_num, columns=len(row),
                                    separator=Message(SEPARATOR_NAMES[separator]), limit=max_columns)
                del row[max_columns:]
            cells += len(row)
            if cells > max_cells:
                raise ReadError(limits.too_many_cells())
            rows.append(row)
    except parser.Error as exc:
        line = reader.line_num
        if "field larger than field limit" in str(exc):
            raise ReadError("read_cell_too_long", line=line, limit=max_line) from None
        raise ReadError("read_bad_quotes", line=line) from None
    # A row numbering that follows physical lines is what the user sees in a text editor; Excel
    # shows one row per record, which is what we report.
    return rows, encoding, separator


_cell_text = cell_text


def _limits(limits: Limits | None) -> Limits:
    return limits if limits is not None else Limits.from_settings()


def excel_sheets(data: bytes, limits: Limits | None = None) -> list[str]:
    """Sheet names of a workbook, read in a confined child process (see sandbox.py)."""
    limits = _limits(limits)
    if len(data) > limits.max_bytes:
        raise ReadError(limits.too_big(len(data)))
    if data[:4] not in EXCEL_MAGIC:
        raise ReadError("excel_not_excel")
    return sandbox.excel_sheets(data, limits)


def excel_rows(data: bytes, sheet: str | None, limits: Limits | None = None,
               reader: Callable | None = None) -> tuple[list[list[str]], str]:
    """A sheet's rows as text (Excel row n is item n - 1) and its name, read in a confined child
    process; `reader` replaces the child's reader, for tests."""
    return sandbox.excel_rows(data, sheet, _limits(limits), reader)


def header_index(dataset: Dataset) -> dict[str, str]:
    """Folded header text -> dataset column, from Vietnamese and English names and aliases."""
    index = {}
    for column in dataset.columns:
        for name in (column.vi, column.en, column.name, *column.aliases):
            index.setdefault(fold(name), column.name)
    return index


def header_text(cell) -> str:
    """A header cell as a person reads it: without the invisible characters (byte-order marks, a
    second one after the first, zero-width spaces, direction marks, soft hyphens) that Excel and
    copy-paste leave in it, and without spaces around it (no-break ones too)."""
    return "".join(ch for ch in str(cell) if unicodedata.category(ch) != "Cf").strip()


def invisible_codes(cell) -> list[str]:
    return [f"U+{ord(ch):04X}" for ch in dict.fromkeys(str(cell)) if unicodedata.category(ch) == "Cf"]


def find_header(rows: list[list[str]], dataset: Dataset) -> int:
    """The index of the row among the first HEADER_SCAN_ROWS that names most of the dataset's
    columns (title rows above the header are skipped); ReadError when none names two."""
    index = header_index(dataset)
    best, best_score = -1, 0
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        keys = (fold(header_text(c)) for c in row)
        score = len({index[k] for k in keys if k in index})
        if score > best_score:
            best, best_score = i, score
    if best_score < min(2, len(dataset.columns)):
        raise ReadError("read_no_header", examples=[Message(f"head_{c.key}") for c in dataset.columns[:3]])
    return best


def match_headers(written: list[str], dataset: Dataset, header_row: int
                  ) -> tuple[dict[str, int], dict[str, str], list[str], set[int], list[Notice]]:
    """Dataset column -> position and header as written, unknown headers, the positions that have a
    header at all, and a warning for each unknown header that held invisible characters (they are
    dropped before matching, so they are named only when the header still matches nothing). Two
    columns meaning the same thing are refused: which one holds the values cannot be guessed, and
    taking either loses the other's without a word."""
    index = header_index(dataset)
    positions: dict[str, int] = {}
    headers: dict[str, str] = {}
    unknown: list[str] = []
    headed: set[int] = set()
    notices: list[Notice] = []
    for position, cell in enumerate(written):
        text = header_text(cell)
        key = fold(text)
        if not key:
            continue
        headed.add(position)
        if key in IGNORED_HEADERS:
            continue
        name = index.get(key)
        if name is None:
            unknown.append(text)
            if codes := invisible_codes(cell):
                notices.append(Notice(header_row, text, "", Message("read_header_invisible", {
                    "header": text, "column": column_letters(position + 1), "codes": codes}), "warning"))
        elif name in positions:
            raise ReadError("read_duplicate_header", header=Message(f"head_{dataset.column(name).key}"),
                            row=header_row, first=column_letters(positions[name] + 1), first_text=headers[name],
                            second=column_letters(position + 1), second_text=text)
        else:
            positions[name], headers[name] = position, text
    return positions, headers, unknown, headed, notices


def headless_cells(stripped: dict[int, pd.Series], nonempty: pd.Series, numbers: list[int], headed: set[int],
                   written: list[str]) -> list[Notice]:
    """An error for each value in a column without a header (beyond the header's last column, or
    under an empty header cell): it would be dropped without a word, and it is often the sign that
    the row's values slid one column to the right (an unquoted separator, a cell inserted). A
    column numbering the rows 1, 2, 3… is an STT column whose header was left blank: not data."""
    notices = []
    for position in sorted(set(stripped) - headed):
        values = stripped[position][nonempty].to_numpy(dtype=object)
        if is_numbering(values):
            continue
        letters = column_letters(position + 1)
        codes = invisible_codes(written[position]) if position < len(written) else []
        for i in np.flatnonzero(values != ""):
            cell = cell_name(numbers[i], position + 1)
            message = (Message("read_cell_invisible_header", {"cell": cell, "column": letters, "codes": codes}) if codes
                       else Message("read_cell_without_header", {"cell": cell, "column": letters}))
            notices.append(Notice(numbers[i], letters, str(values[i]), message, "error"))
    return notices


def is_numbering(values: np.ndarray) -> bool:
    """Whether the non-empty values count 1, 2, 3… ("1.0" from Excel too)."""
    present = [v[:-2] if v.endswith(".0") else v for v in values if v != ""]
    if not present or not all(v.isascii() and v.isdigit() for v in present):
        return False
    return [int(v) for v in present] == list(range(1, len(present) + 1))


def to_table(rows: list[list[str]], dataset: Dataset, max_rows: int) -> RawTable:
    """The rows under the header as a table of the dataset's columns, column-wise (a million rows
    must not mean millions of Python steps), with each kept row's spreadsheet row number, the
    headers as written, unknown and missing columns and notices about cells without a header."""
    if not any(any(c.strip() for c in r) for r in rows):
        raise ReadError("read_empty")
    head = find_header(rows, dataset)
    written = [str(c) for c in rows[head]]
    positions, headers, unknown, headed, notices = match_headers(written, dataset, head + 1)
    body = rows[head + 1:]
    # Column-wise from here: a million rows must not mean millions of Python steps.
    grid = pd.DataFrame(body, dtype=object) if body else pd.DataFrame()
    grid = grid.fillna("")
    stripped = {i: grid[i].astype(str).str.strip() for i in grid.columns}
    nonempty = (pd.concat(stripped, axis=1) != "").any(axis=1) if stripped else pd.Series([], dtype=bool)
    numbers = (nonempty.index[nonempty] + head + 2).tolist()
    if not numbers:
        raise ReadError("read_header_only")
    if len(numbers) > max_rows:
        raise ReadError("read_too_many_rows", rows=len(numbers), limit=max_rows)
    columns = {name: (stripped[position][nonempty].to_numpy(dtype=object) if position in stripped
                      else [""] * len(numbers)) for name, position in positions.items()}
    frame = pd.DataFrame(columns, dtype=object) if columns else pd.DataFrame(index=range(len(numbers)))
    missing = [c.name for c in dataset.columns if c.required and c.name not in positions]
    return RawTable(frame=frame, rows=numbers, headers=headers, unknown=unknown, missing=missing,
                    header_row=head + 1, positions=positions,
                    notices=notices + headless_cells(stripped, nonempty, numbers, headed, written))


def guess_notice(rows: list[list[str]], table: RawTable, separator: str) -> Notice:
    """Say that the encoding was guessed, with the first data row holding letters beyond ASCII
    (the header row when none does) as it was read, so that the user can see whether it is right."""
    number = next((n for n in table.rows if not "".join(rows[n - 1]).isascii()), table.header_row)
    shown = sample(separator.join(rows[number - 1]).strip(separator + " "))
    return Notice(number, "", shown, Message("read_encoding_guessed", {"encoding": GUESSED, "row": number, "sample": shown}),
                  "warning")


def refuse_bad_cells(table: RawTable, cells: list[list[str]]) -> None:
    """Refuse a workbook whose table holds formulas without a value (written by a program that does
    not calculate: read as empty) or error values (#DIV/0!, #N/A…: read as empty too); cells above
    the header or in columns not imported do not matter."""
    used = {position + 1 for position in table.positions.values()}
    found: dict[str, list[str]] = {"formula": [], "error": []}
    for ref, kind, detail in cells:
        where = sandbox.parse_range(ref)
        if where and where[0] > table.header_row and where[1] in used and kind in found:
            found[kind].append(ref if kind == "formula" else f"{ref} ({detail})")
    for kind, key in (("formula", "read_formula_without_value"), ("error", "read_error_cells")):
        if found[kind]:
            shown = found[kind][:SHOWN_CELLS]
            more = Message("read_more_cells", {"count": len(found[kind]) - len(shown)}) if len(found[kind]) > len(shown) else ""
            raise ReadError(key, cells=shown, more=more)


def read_table(file_name: str, data: bytes, dataset: Dataset, sheet: str | None = None,
               max_rows: int | None = None, max_line: int | None = None, *, limits: Limits | None = None,
               excel_reader: Callable | None = None) -> RawTable:
    """Read a CSV or Excel file into a RawTable for one dataset; ReadError explains failures.
    `max_rows` and `max_line` override the same fields of `limits` (from the environment by default);
    `excel_reader` replaces the reader run in the child process, for tests."""
    limits = _limits(limits)
    if max_rows is not None or max_line is not None:
        limits = replace(limits, max_rows=limits.max_rows if max_rows is None else max_rows,
                         max_line=limits.max_line if max_line is None else max_line)
    if not data:
        raise ReadError("read_empty")
    if file_name.lower().endswith(EXCEL_SUFFIXES) or data[:4] in EXCEL_MAGIC:
        if data[:4] not in EXCEL_MAGIC:
            raise ReadError("excel_not_excel")
        rows, sheet_name, cells = sandbox.excel_read(data, sheet, limits, excel_reader)
        table = to_table(rows, dataset, limits.max_rows)
        refuse_bad_cells(table, cells)
        table.sheet, table.encoding = sheet_name, "Excel"
        return table
    rows, encoding, separator = csv_rows(data, limits)
    table = to_table(rows, dataset, limits.max_rows)
    table.encoding, table.separator = encoding, separator
    if encoding == GUESSED:
        notice = guess_notice(rows, table, separator)
        table.notices.insert(0, notice)
        table.guessed = notice
    return table
