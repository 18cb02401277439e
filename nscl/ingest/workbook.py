"""A zip-based workbook inspected in the server process before any reader touches it: its zip
directory, unzipped sizes and compression ratios, and the extent its sheet declares, from at most
16 KB of XML per sheet (`inspect_workbook`); A1 references; and `ReadError`, the one exception a
file that cannot be read as a table raises (its message a key of the translation table, which the
caller shows in the user's language).

The reading child (sandbox_child.py) imports this module too, for every upload: it imports only the
standard library, nscl.i18n and nscl.ingest.limits.
"""
from __future__ import annotations

import io
import os
import re
import struct
import zipfile
from pathlib import Path

from ..i18n import Message, MessageError, Num
from .limits import MB, Limits, megabytes

EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
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
