"""Table downloads that a spreadsheet reads as numbers: a CSV that Excel opens with Vietnamese
intact and numbers as numbers, and an XLSX with numeric cells and their formats; text that a
spreadsheet would run neutralised (nscl/formula_guard.py), numbers never touched by the guard.

The CSV's convention (Excel reads a CSV with the computer's regional settings):
- Vietnamese: UTF-8 with a byte-order mark, ";" between fields, "," as the decimal mark
  (Excel set to Vietnamese: "-2,5" is minus two and a half), dates dd/mm/yyyy;
- English: UTF-8 with a byte-order mark, "," between fields, "." as the decimal mark, dates
  yyyy-mm-dd (read as the same day whatever the regional order of day and month);
- numbers plain: an optional minus, no thousands mark, no "%" (a number with a sign or a mark that
  Excel does not expect would stay text); whole numbers without decimals, others to at most four
  decimals;
- a column of shares is written in percent points under its name with " (%)" ("Tăng (%)": 13,04
  for 0.1304), to two decimals;
- an empty cell where there is no value (never "None").
"""
from __future__ import annotations

import datetime as dt
import io
import math
import numbers
from decimal import Decimal

import pandas as pd

from .formula_guard import neutralise
from .i18n import DEFAULT_LANG, t

__all__ = ["neutralise", "csv_cells", "to_csv_bytes", "to_xlsx_bytes", "safe_frame"]

PERCENT_HEADER = "{column} (%)"  # a share's column in the CSV, in percent points


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell and header through the formula guard; numbers untouched."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    out.columns = [neutralise(str(c)) for c in out.columns]
    return out


def _is_dates(column: pd.Series) -> bool:
    values = column.dropna()
    return pd.api.types.is_datetime64_any_dtype(column) or (len(values) > 0 and isinstance(values.iloc[0], dt.date))


def _missing(value) -> bool:
    return value is None or value is pd.NA or value is pd.NaT or (
        isinstance(value, (float, Decimal)) and math.isnan(value))


def _is_number(value) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, (bool, complex)) and \
        type(value).__name__ != "bool_"


def _number_text(value, lang: str, percent: bool = False) -> str:
    """A number as Excel in the language's regional settings reads it: "-2,5" / "-2.5", "1234"."""
    if isinstance(value, numbers.Integral) and not percent:
        return str(int(value))
    x = float(value) * 100 if percent else float(value)
    text = f"{x:.{2 if percent else 4}f}".rstrip("0").rstrip(".")
    if text in ("-0", ""):
        text = "0"
    return text.replace(".", ",") if lang == "vi" else text


def csv_cells(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """The CSV's cells, as text under the convention above; every text cell and header through the
    formula guard, numbers and dates never."""
    percent = set(frame.attrs.get("percent", ()))
    columns, headers = [], []
    for i, column in enumerate(frame.columns):
        share = column in percent
        cells = []
        for value in frame.iloc[:, i]:
            if _missing(value):
                cells.append("")
            elif isinstance(value, dt.date):
                day = value.date() if isinstance(value, dt.datetime) else value
                cells.append(day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat())
            elif _is_number(value):
                cells.append(_number_text(value, lang, share))
            else:
                cells.append(neutralise(str(value)))
        columns.append(cells)
        headers.append(neutralise(PERCENT_HEADER.format(column=column) if share else str(column)))
    out = pd.DataFrame(dict(enumerate(columns)), index=range(len(frame)))
    out.columns = headers
    return out


def to_csv_bytes(frame: pd.DataFrame, lang: str = DEFAULT_LANG) -> bytes:
    """The CSV of the module's convention: UTF-8 with a byte-order mark so Excel reads the Vietnamese
    diacritics; ";" and "," in Vietnamese, "," and "." in English; numbers as numbers."""
    separator = ";" if lang == "vi" else ","
    # Lines end in CRLF, as Excel writes them; a cell holding a line break or carriage return is quoted.
    return csv_cells(frame, lang).to_csv(index=False, sep=separator, lineterminator="\r\n").encode("utf-8-sig")


def _numeric_kind(values: pd.Series) -> str | None:
    """"int" or "float" for a column of numbers (of any dtype, object columns of Decimals too)."""
    if pd.api.types.is_bool_dtype(values):
        return None
    if pd.api.types.is_integer_dtype(values):
        return "int"
    if pd.api.types.is_float_dtype(values):
        return "float"
    present = [v for v in values if not _missing(v)]
    if present and all(_is_number(v) for v in present):
        return "int" if all(isinstance(v, numbers.Integral) or float(v).is_integer() for v in present) else "float"
    return None


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
    # in_memory: no temporary files per workbook (the edition writes dozens at a time)
    options = {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}
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
                    _numeric_kind(values))
            width = max([len(str(column))] + [len(str(v)) for v in safe[column].head(200)])
            ws.set_column(i, i, min(60, width + 2), formats.get(kind))
        if len(safe.columns):
            ws.autofilter(start, 0, start + len(safe), len(safe.columns) - 1)
        ws.freeze_panes(start + 1, 0)
    return buffer.getvalue()
