"""Table downloads: CSV that Excel opens with Vietnamese intact, and XLSX; formulas neutralised."""
from __future__ import annotations

import datetime as dt
import io

import pandas as pd

from ..i18n import DEFAULT_LANG, fmt_date, fmt_number, fmt_percent, t

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


def _is_dates(column: pd.Series) -> bool:
    values = column.dropna()
    return pd.api.types.is_datetime64_any_dtype(column) or (len(values) > 0 and isinstance(values.iloc[0], dt.date))


def readable(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """Values as a person reads them: shares as percentages ("13,0%"), dates as dd/mm/yyyy,
    numbers in the language's marks, nothing shown for a missing value (never "None")."""
    percent = set(frame.attrs.get("percent", ()))
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        values = frame[column]
        if column in percent:
            out[column] = [fmt_percent(v, lang) if pd.notna(v) else "" for v in values]
        elif _is_dates(values):
            out[column] = [fmt_date(pd.Timestamp(v).date()) if pd.notna(v) else "" for v in values]
        elif pd.api.types.is_float_dtype(values):
            out[column] = [fmt_number(v, lang, 0 if float(v).is_integer() else 1) if pd.notna(v) else ""
                           for v in values]
        elif pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values):
            out[column] = [str(int(v)) if pd.notna(v) else "" for v in values]
        else:
            out[column] = values.astype(object).where(values.notna(), "")
    return out


def to_csv_bytes(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> bytes:
    """UTF-8 with a byte-order mark, so Excel reads the Vietnamese diacritics. In Vietnamese the
    separator is ";" and the decimal mark ",", as Excel set to Vietnamese expects them, so the file
    opens in columns; in English "," and ".". Whole numbers carry no thousands mark."""
    separator = ";" if lang == "vi" else ","
    return safe_frame(readable(frame, lang)).to_csv(index=False, sep=separator).encode("utf-8-sig")


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str | None = None, lang: str = DEFAULT_LANG,
                  title: list[str] | None = None) -> bytes:
    """One sheet, named `sheet` or the table's "Data" in `lang`: the title lines (what, period,
    as-of date, filters) above a bold, frozen header with filters; numbers, shares and dates as
    real values with their formats."""
    sheet = (sheet or t("sheet_data", lang))[:31]
    title = [str(line) for line in (title or []) if line]
    percent = set(frame.attrs.get("percent", ()))
    buffer = io.BytesIO()
    safe = safe_frame(frame)
    options = {"strings_to_formulas": False, "strings_to_urls": False}
    with pd.ExcelWriter(buffer, engine="xlsxwriter", engine_kwargs={"options": options},
                        date_format="dd/mm/yyyy", datetime_format="dd/mm/yyyy") as writer:
        start = len(title) + 1 if title else 0
        safe.to_excel(writer, sheet_name=sheet, index=False, startrow=start)
        book, ws = writer.book, writer.sheets[sheet]
        bold = book.add_format({"bold": True, "font_size": 12})
        for row, line in enumerate(title):
            ws.write_string(row, 0, neutralise(line), bold if row == 0 else None)
        header = book.add_format({"bold": True, "bg_color": "#e9ecef", "border": 1, "text_wrap": True})
        formats = {"percent": book.add_format({"num_format": "0.0%"}),
                   "date": book.add_format({"num_format": "dd/mm/yyyy"}),
                   "int": book.add_format({"num_format": "#,##0"}),
                   "float": book.add_format({"num_format": "#,##0.0"})}
        for i, column in enumerate(safe.columns):
            ws.write_string(start, i, str(column), header)
            values = frame.iloc[:, i]
            kind = ("percent" if frame.columns[i] in percent else "date" if _is_dates(values) else
                    "int" if pd.api.types.is_integer_dtype(values) else
                    "float" if pd.api.types.is_float_dtype(values) else None)
            width = max([len(str(column))] + [len(str(v)) for v in safe[column].head(200)])
            ws.set_column(i, i, min(60, width + 2), formats.get(kind))
        if len(safe.columns):
            ws.autofilter(start, 0, start + len(safe), len(safe.columns) - 1)
        ws.freeze_panes(start + 1, 0)
    return buffer.getvalue()
