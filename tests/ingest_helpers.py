"""Building staff-like files in code (fixed content, no randomness) and snapshots of the database."""
from __future__ import annotations

import io
import unicodedata

import xlsxwriter

from nscl.datasets import DATASETS

DATA_TABLES = tuple(d.table for d in DATASETS.values())
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
ENTERPRISE_HEADER = ["Mã số thuế", "Tên doanh nghiệp", "Ngành kinh tế", "Địa bàn", "Quy mô", "Loại hình sở hữu"]


def cp1258(text: str) -> bytes:
    """What Excel's plain "CSV" writes on Vietnamese Windows: base letters plus separate tone marks."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
                   + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


def csv_text(rows: list[list[str]], sep: str = ",") -> str:
    def cell(v):
        v = str(v)
        return '"' + v.replace('"', '""') + '"' if any(ch in v for ch in (sep, '"', "\n")) else v
    return "\r\n".join(sep.join(cell(v) for v in row) for row in rows) + "\r\n"


def xlsx(sheets: dict[str, list[list]], text_columns: tuple[int, ...] = ()) -> bytes:
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_numbers": False})
    for name, rows in sheets.items():
        sheet = book.add_worksheet(name)
        for i, row in enumerate(rows):
            for j, value in enumerate(row):
                if value is None:
                    continue
                if isinstance(value, (int, float)) and j not in text_columns:
                    sheet.write_number(i, j, value)
                else:
                    sheet.write_string(i, j, str(value))
    book.close()
    return buffer.getvalue()


def snapshot(con) -> dict[str, list[tuple]]:
    """Full contents of every data table and of the upload log, in a stable order."""
    out = {}
    for table in (*DATA_TABLES, "uploads"):
        out[table] = sorted(con.execute("SELECT * FROM " + table).fetchall(), key=repr)
    return out


# Valid 10-digit tax codes (check digits verified by python-stdnum in the tests).
TAX = ["3100000016", "3100000023", "3100000030", "3100000048", "3100000055", "3100000062"]


def notes(checked) -> list[tuple]:
    """The preview's normalised values: (row, column, as written, as stored, rows)."""
    return [tuple(r) for r in checked.normalised[["row", "column", "written", "stored", "rows"]].itertuples(index=False)]
