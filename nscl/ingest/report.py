"""The problem report a user downloads: every problem, and the faulty rows with the offending
cells highlighted, in their own row numbers and headers."""
from __future__ import annotations

import io

import pandas as pd

from ..present.tables import neutralise, to_csv_bytes
from .reading import RawTable
from .validation import ERROR, Checked

COLUMNS = {"row": "Dòng", "column": "Cột", "value": "Giá trị", "message": "Nội dung", "severity": "Mức độ"}
SEVERITY = {"error": "Lỗi", "warning": "Cảnh báo"}


def problems_table(checked: Checked) -> pd.DataFrame:
    frame = checked.problem_frame()
    frame["severity"] = frame["severity"].map(SEVERITY)
    return frame.rename(columns=COLUMNS)


def report_csv(checked: Checked) -> bytes:
    return to_csv_bytes(problems_table(checked))


def report_xlsx(checked: Checked, raw: RawTable) -> bytes:
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        book = writer.book
        problems_table(checked).map(neutralise).to_excel(writer, sheet_name="Danh sách lỗi", index=False)
        writer.sheets["Danh sách lỗi"].set_column(0, 0, 8)
        writer.sheets["Danh sách lỗi"].set_column(1, 2, 22)
        writer.sheets["Danh sách lỗi"].set_column(3, 3, 90)
        sheet = book.add_worksheet("Dòng có lỗi")
        bold = book.add_format({"bold": True, "bg_color": "#dbe4ff", "border": 1})
        error = book.add_format({"bg_color": "#ffc9c9", "border": 1, "border_color": "#e03131"})
        warning = book.add_format({"bg_color": "#fff3bf"})
        headers = list(raw.headers.items())  # (dataset column, header as written)
        sheet.write_string(0, 0, "Dòng", bold)
        for j, (_, header) in enumerate(headers, start=1):
            sheet.write_string(0, j, header, bold)
            sheet.set_column(j, j, max(12, len(header) + 2))
        sheet.write_string(0, len(headers) + 1, "Nội dung lỗi", bold)
        sheet.set_column(len(headers) + 1, len(headers) + 1, 90)
        by_row: dict[int, list] = {}
        for p in checked.problems:
            by_row.setdefault(p.row, []).append(p)
        position = {r: i for i, r in enumerate(raw.rows)}
        out = 1
        for row in sorted(r for r in by_row if r in position):
            cells = {p.column: p for p in by_row[row]}
            sheet.write_number(out, 0, row)
            for j, (name, header) in enumerate(headers, start=1):
                value = neutralise(str(raw.frame[name].iat[position[row]] or ""))
                problem = cells.get(header)
                fmt = None if problem is None else (error if problem.severity == ERROR else warning)
                sheet.write_string(out, j, value, fmt)
                if problem is not None:
                    sheet.write_comment(out, j, problem.message)
            sheet.write_string(out, len(headers) + 1, " | ".join(p.message for p in by_row[row]))
            out += 1
        sheet.freeze_panes(1, 1)
    return buffer.getvalue()
