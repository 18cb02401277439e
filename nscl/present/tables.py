"""Table downloads: CSV that Excel opens with Vietnamese intact, and XLSX; formulas neutralised."""
from __future__ import annotations

import io

import pandas as pd

from ..i18n import DEFAULT_LANG, t

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Text that a spreadsheet would run as a formula is prefixed with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads the Vietnamese diacritics correctly."""
    return safe_frame(frame).to_csv(index=False).encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str | None = None, lang: str = DEFAULT_LANG) -> bytes:
    """One sheet, named `sheet` or the table's "Data" in `lang`."""
    sheet = sheet or t("sheet_data", lang)
    buffer = io.BytesIO()
    safe = safe_frame(frame)
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options}) as writer:
        safe.to_excel(writer, sheet_name=sheet[:31], index=False)
        sheet_obj = writer.sheets[sheet[:31]]
        for i, column in enumerate(safe.columns):
            width = max([len(str(column))] + [len(str(v)) for v in safe[column].head(200)])
            sheet_obj.set_column(i, i, min(60, width + 2))
    return buffer.getvalue()
