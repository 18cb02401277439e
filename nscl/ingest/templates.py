"""Templates for staff: Vietnamese headers, an example row and an explanation of each column."""
from __future__ import annotations

import csv
import io

import pandas as pd

from ..present.tables import neutralise
from .datasets import Column, Dataset

KIND_TEXT = {"text": "văn bản", "date": "ngày (dd/mm/yyyy)", "int": "số nguyên", "money": "số tiền (đồng)",
             "tax_code": "mã số thuế (văn bản)", "enum": "giá trị trong danh mục"}


def guide(dataset: Dataset) -> pd.DataFrame:
    return pd.DataFrame([{
        "Cột": c.vi, "Tên tiếng Anh": c.en, "Bắt buộc": "có" if c.required else "không",
        "Kiểu dữ liệu": KIND_TEXT[c.kind], "Giải thích": _explain(c), "Ví dụ": c.example,
    } for c in dataset.columns])


def _explain(column: Column) -> str:
    return column.note_vi or {"date": "Ghi theo dạng dd/mm/yyyy.", "int": "Số nguyên không âm.",
                               "money": "Số tiền bằng đồng."}.get(column.kind, "Văn bản.")


def template_csv(dataset: Dataset) -> bytes:
    """Notes above the header (the importer finds the header row), then the example row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([f"MẪU NHẬP LIỆU: {dataset.title_vi.upper()}. Điền từ dòng sau dòng tiêu đề; xóa dòng ví dụ."])
    for column in dataset.columns:
        writer.writerow([f"• {column.vi}{' (bắt buộc)' if column.required else ''}: {_explain(column)}"])
    writer.writerow([])
    writer.writerow([c.vi for c in dataset.columns])
    writer.writerow([neutralise(c.example) for c in dataset.columns])
    return out.getvalue().encode("utf-8-sig")


def template_xlsx(dataset: Dataset) -> bytes:
    buffer = io.BytesIO()
    options = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        book = writer.book
        sheet = book.add_worksheet("Dữ liệu")
        bold = book.add_format({"bold": True, "bg_color": "#dbe4ff", "border": 1, "text_wrap": True})
        text = book.add_format({"num_format": "@"})
        for i, column in enumerate(dataset.columns):
            sheet.write_string(0, i, column.vi, bold)
            fmt = text if column.kind in ("text", "tax_code", "enum") else None
            sheet.set_column(i, i, max(14, len(column.vi) + 4), fmt)
            sheet.write_string(1, i, column.example, text)
            if column.note_vi:
                sheet.write_comment(0, i, column.note_vi)
        sheet.freeze_panes(1, 0)
        guide(dataset).to_excel(writer, sheet_name="Hướng dẫn", index=False)
        writer.sheets["Hướng dẫn"].set_column(0, 5, 28)
    return buffer.getvalue()
