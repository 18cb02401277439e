"""Reading staff files as they really are: CSV in any Excel encoding and separator, XLSX/XLS,
title rows above the header, an STT column; every cell becomes NFC text with its Excel row."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field

import pandas as pd

from .datasets import IGNORED_HEADERS, Dataset

HEADER_SCAN_ROWS = 30
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".xlsb", ".ods")


class ReadError(ValueError):
    """The file cannot be read as a table; the message is for the user (Vietnamese)."""


@dataclass
class RawTable:
    frame: pd.DataFrame            # one column per matched dataset column, text cells, NFC
    rows: list[int]                # Excel row number of each frame row
    headers: dict[str, str]        # dataset column -> header as written in the file
    unknown: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # required columns not found (dataset names)
    encoding: str = ""
    separator: str = ""
    sheet: str | None = None
    header_row: int = 0


def fold(text: str) -> str:
    """Header comparison key: no diacritics, no case, single spaces (đ counts as d)."""
    text = unicodedata.normalize("NFD", str(text)).replace("đ", "d").replace("Đ", "d")
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    text = re.sub(r"[\s_\-/().:*]+", " ", text)
    return text.strip()


def decode(data: bytes) -> tuple[str, str]:
    """Text and encoding name: UTF-8 (with or without BOM), UTF-16 (Excel "Unicode text"),
    or Windows-1258 (Excel "CSV" on Vietnamese Windows)."""
    if data.startswith(b"\xef\xbb\xbf"):
        text, encoding = data[3:].decode("utf-8", errors="strict"), "UTF-8 BOM"
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, encoding = data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            raise ReadError("Tệp có dấu hiệu UTF-16 nhưng nội dung bị hỏng, không đọc được.") from None
    elif b"\x00" in data[:65536]:
        raise ReadError("Tệp không phải là tệp văn bản CSV (có ký tự nhị phân). Hãy chọn đúng tệp "
                        "CSV hoặc Excel (.xlsx).")
    else:
        try:
            text, encoding = data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            try:
                text, encoding = data.decode("cp1258"), "Windows-1258"
            except UnicodeDecodeError:
                raise ReadError("Không nhận ra bảng mã của tệp. Hãy lưu lại từ Excel dưới dạng "
                                "\"CSV UTF-8 (Comma delimited)\".") from None
    if "\x00" in text:
        raise ReadError("Tệp không phải là tệp văn bản CSV (có ký tự nhị phân). Hãy chọn đúng tệp "
                        "CSV hoặc Excel (.xlsx).")
    return unicodedata.normalize("NFC", text), encoding


def sniff_separator(text: str) -> str:
    sample = [line for line in text[:20000].splitlines() if line.strip()][:30]
    counts = {sep: sum(line.count(sep) for line in sample) for sep in (",", ";", "\t")}
    return max(counts, key=counts.get) if any(counts.values()) else ","


def csv_rows(data: bytes, max_line: int) -> tuple[list[list[str]], str, str]:
    text, encoding = decode(data)
    separator = sniff_separator(text)
    csv.field_size_limit(max_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator, strict=True)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        line = reader.line_num
        if "field larger than field limit" in str(exc):
            raise ReadError(f"Dòng {line}: có ô dài quá {max_line:,} ký tự. Kiểm tra lại tệp "
                            "(có thể thiếu dấu ngoặc kép đóng).".replace(",", ".")) from None
        raise ReadError(f"Dòng {line}: dấu ngoặc kép (\") không cân đối hoặc sai định dạng CSV. "
                        "Hãy mở tệp bằng Excel và lưu lại.") from None
    # A row numbering that follows physical lines is what the user sees in a text editor; Excel
    # shows one row per record, which is what we report.
    return rows, encoding, {",": "dấu phẩy", ";": "dấu chấm phẩy", "\t": "tab"}[separator]


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return unicodedata.normalize("NFC", str(value))


def excel_sheets(data: bytes) -> list[str]:
    from python_calamine import CalamineWorkbook

    try:
        return list(CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names)
    except Exception:  # calamine raises its own errors for broken workbooks
        raise ReadError("Không mở được tệp Excel: tệp bị hỏng hoặc không phải Excel.") from None


def excel_rows(data: bytes, sheet: str | None) -> tuple[list[list[str]], str]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        name = sheet or book.sheet_names[0]
        if name not in book.sheet_names:
            raise ReadError(f"Không có trang tính \"{name}\" trong tệp.")
        values = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except ReadError:
        raise
    except Exception:
        raise ReadError("Không mở được tệp Excel: tệp bị hỏng hoặc không phải Excel.") from None
    return [[_cell_text(v) for v in row] for row in values], name


def header_index(dataset: Dataset) -> dict[str, str]:
    """Folded header text -> dataset column, from Vietnamese and English names and aliases."""
    index = {}
    for column in dataset.columns:
        for name in (column.vi, column.en, column.name, *column.aliases):
            index.setdefault(fold(name), column.name)
    return index


def find_header(rows: list[list[str]], dataset: Dataset) -> int:
    index = header_index(dataset)
    best, best_score = -1, 0
    for i, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        score = len({index[fold(c)] for c in row if fold(c) in index})
        if score > best_score:
            best, best_score = i, score
    if best_score < min(2, len(dataset.columns)):
        raise ReadError("Không tìm thấy dòng tiêu đề cột. Dòng tiêu đề phải có tên cột như trong mẫu "
                        f"nhập liệu (ví dụ: {', '.join(c.vi for c in dataset.columns[:3])}).")
    return best


def to_table(rows: list[list[str]], dataset: Dataset, max_rows: int) -> RawTable:
    rows = [r for r in rows]
    if not any(any(c.strip() for c in r) for r in rows):
        raise ReadError("Tệp trống: không có dữ liệu.")
    head = find_header(rows, dataset)
    index = header_index(dataset)
    headers: dict[str, str] = {}
    positions: dict[str, int] = {}
    unknown = []
    for position, cell in enumerate(rows[head]):
        key = fold(cell)
        if not key or key in IGNORED_HEADERS:
            continue
        name = index.get(key)
        if name is None:
            unknown.append(cell.strip())
        elif name not in positions:
            positions[name], headers[name] = position, cell.strip()
    body = rows[head + 1:]
    # Column-wise from here: a million rows must not mean millions of Python steps.
    grid = pd.DataFrame(body, dtype=object) if body else pd.DataFrame()
    grid = grid.fillna("")
    stripped = {i: grid[i].astype(str).str.strip() for i in grid.columns}
    nonempty = (pd.concat(stripped, axis=1) != "").any(axis=1) if stripped else pd.Series([], dtype=bool)
    numbers = (nonempty.index[nonempty] + head + 2).tolist()
    if not numbers:
        raise ReadError("Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào.")
    if len(numbers) > max_rows:
        raise ReadError(f"Tệp có {len(numbers):,} dòng, vượt giới hạn {max_rows:,} dòng một lần cập nhật. "
                        "Hãy chia tệp thành nhiều phần.".replace(",", "."))
    columns = {name: (stripped[position][nonempty].to_numpy(dtype=object) if position in stripped
                      else [""] * len(numbers)) for name, position in positions.items()}
    frame = pd.DataFrame(columns, dtype=object) if columns else pd.DataFrame(index=range(len(numbers)))
    missing = [c.name for c in dataset.columns if c.required and c.name not in positions]
    return RawTable(frame=frame, rows=numbers, headers=headers, unknown=unknown,
                    missing=missing, header_row=head + 1)


def read_table(file_name: str, data: bytes, dataset: Dataset, sheet: str | None = None,
               max_rows: int = 1_000_000, max_line: int = 1_000_000) -> RawTable:
    """Read a CSV or Excel file into a RawTable for one dataset; ReadError explains failures."""
    if not data:
        raise ReadError("Tệp trống: không có dữ liệu.")
    if file_name.lower().endswith(EXCEL_SUFFIXES) or data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        if not (data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
            raise ReadError("Tệp có đuôi Excel nhưng nội dung không phải Excel.")
        rows, sheet_name = excel_rows(data, sheet)
        table = to_table(rows, dataset, max_rows)
        table.sheet, table.encoding = sheet_name, "Excel"
        return table
    rows, encoding, separator = csv_rows(data, max_line)
    table = to_table(rows, dataset, max_rows)
    table.encoding, table.separator = encoding, separator
    return table
