"""A table's cells as a person reads them, one way for the app's tables and the published edition.

Every cell becomes text through `cell_text`: numbers in the language's marks (1.234 / 12,5),
shares as percentages (9,2%), money in millions or billions of đồng (250 triệu đồng), dates as
dd/mm/yyyy (with the time of day when there is one), years as written (2025, not 2.025), and a
missing value as a dash or, where the table says why it is missing, that word ("không thời hạn"
for a certificate with no expiry date), yes or no as "Có"/"Không". Never "None", "nan", "NaT",
"True", "False" or an empty cell.

The app's tables (`styled_frame`) show those texts over the values themselves, so that a reader
who sorts a column of counts, shares, money or dates by its header gets 9 before 10 and
1.234 after 999, not the order of the texts; the published edition and the report take the
texts (`display_frame`, `table_cells`).

A frame says what its columns hold in `attrs` (kept by pandas through copies):
    percent  the columns of shares (0.092 is 9,2%), shown signed as a change
    money    the columns of amounts in đồng
    plain    the columns of whole numbers written without thousands marks (years, codes)
    missing  {column: text key} the word shown for a missing value of that column
"""
from __future__ import annotations

import datetime as dt
import math
import numbers
from functools import partial

import numpy as np
import pandas as pd

from ..i18n import fmt_count, fmt_date, fmt_money, fmt_percent, t

DASH = "–"


def is_missing(value) -> bool:
    """None, NaN, NaT, pandas' NA and empty or blank text."""
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, float):
        return math.isnan(value)
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _date_text(value) -> str:
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return fmt_date(value.date())
        return f"{fmt_date(value.date())} {value:%H:%M}"
    return fmt_date(value)


def cell_text(value, lang: str, kind: str = "", missing: str = "") -> str:
    """One cell: `kind` is "percent", "money", "plain" or "" (by the value); `missing` a text key
    for the word shown when the value is missing (a dash without one)."""
    if is_missing(value):
        return t(missing, lang) if missing else DASH
    if isinstance(value, (dt.date, pd.Timestamp)):
        return _date_text(value)
    if isinstance(value, (bool, np.bool_)):  # "True"/"False" are the program's words
        return t("cell_yes" if value else "cell_no", lang)
    if not isinstance(value, numbers.Number):
        return str(value)
    if kind == "percent":
        return fmt_percent(float(value), lang, 1, signed=True)
    if kind == "money":
        return fmt_money(float(value), lang)
    if kind == "plain" and float(value) == int(value):
        return str(int(value))
    return fmt_count(float(value), lang)


def _kinds(frame: pd.DataFrame, lang: str) -> dict:
    kinds = {column: "plain" for column in frame.attrs.get("plain", ())}
    kinds[t("col_year", lang)] = "plain"
    kinds.update({column: "money" for column in frame.attrs.get("money", ())})
    kinds.update({column: "percent" for column in frame.attrs.get("percent", ())})
    return kinds


def display_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The frame with every cell as its text (`cell_text`), columns and order unchanged."""
    kinds, missing = _kinds(frame, lang), frame.attrs.get("missing", {})
    cells = {position: [cell_text(v, lang, kinds.get(column, ""), missing.get(column, ""))
                        for v in frame.iloc[:, position]]
             for position, column in enumerate(frame.columns)}  # by position: two columns may share a name
    shown = pd.DataFrame(cells, index=frame.index, dtype=object)
    shown.columns = frame.columns
    return shown


def table_cells(frame: pd.DataFrame, lang: str) -> list[list[str]]:
    """The frame's rows as lists of cell texts."""
    return display_frame(frame, lang).values.tolist()


# What pandas infers for an object column whose values are all numbers or all dates: a grid sorts
# such a column by value (Arrow gives it a number or date type).
_BY_VALUE = frozenset({"integer", "floating", "mixed-integer-float", "decimal", "date", "datetime", "datetime64"})


def sorts_by_value(values: pd.Series) -> bool:
    """Whether a column is numbers or dates (kept under their text in the app's tables); text,
    yes/no, mixed and all-missing columns are shown and sorted as their text."""
    if pd.api.types.is_bool_dtype(values.dtype):
        return False  # a grid draws true/false as a tick box, not as the text a reader is given
    if pd.api.types.is_numeric_dtype(values.dtype) or pd.api.types.is_datetime64_any_dtype(values.dtype):
        return True
    return values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) in _BY_VALUE


# Under the word for a date column's missing value (no expiry date: valid without end) the column
# holds the latest date pandas keeps, so that sorting by the column puts those rows after every date.
NO_END = pd.Timestamp.max.normalize()


def _is_dates(values: pd.Series) -> bool:
    return (pd.api.types.is_datetime64_any_dtype(values.dtype)
            or pd.api.types.infer_dtype(values, skipna=True) in ("date", "datetime", "datetime64"))


def _shown_over(values: pd.Series, lang: str, kind: str, missing: str):
    """The values a column keeps and the function giving each one's text; None for a column shown
    as its text. A column of numbers whose empty cell has a word is text: no number stands for it."""
    if not sorts_by_value(values):
        return None
    text = partial(cell_text, lang=lang, kind=kind, missing=missing)
    if not missing or not values.isna().any():
        return values, text
    if not _is_dates(values):
        return None
    word = t(missing, lang)
    return pd.to_datetime(values).fillna(NO_END), lambda v: word if v == NO_END else text(v)


# A Styler costs about 9 µs a cell on top of the texts (5.000 rows of 8 columns: 0,44 s against
# 0,11 s as text; 50.000 rows of 5: 2,6 s against 0,46 s). The app's lists stop at 1.000 rows;
# only an upload's problem list can be longer, and above this it is shown as text.
STYLED_CELLS = 50_000


def styled_frame(frame: pd.DataFrame, lang: str) -> pd.io.formats.style.Styler | pd.DataFrame:
    """The frame for st.dataframe: columns of numbers and dates keep their values, each cell shown
    as its `cell_text` (a pandas Styler's display values, which Streamlit's grid shows while it
    sorts by the values); every other column is its text. Columns and order are unchanged, the
    index a plain count (the app hides it). The grid draws a missing number or date itself, as the
    `placeholder` st.dataframe is given (show_table gives DASH, the text cell_text gives it).

    A table of more than STYLED_CELLS cells (or of more than pandas allows a Styler,
    `styler.render.max_elements`, which Streamlit refuses) is all text, as `display_frame` gives
    it, and sorts as text."""
    if frame.size > min(STYLED_CELLS, int(pd.get_option("styler.render.max_elements"))):
        return display_frame(frame, lang).reset_index(drop=True)
    kinds, missing = _kinds(frame, lang), frame.attrs.get("missing", {})
    columns, formats = {}, {}
    for position, column in enumerate(frame.columns):  # by position: two columns may share a name
        values = frame.iloc[:, position].reset_index(drop=True)
        kept = _shown_over(values, lang, kinds.get(column, ""), missing.get(column, ""))
        if kept is None:
            word = missing.get(column, "")
            columns[position] = pd.Series([cell_text(v, lang, kinds.get(column, ""), word) for v in values],
                                          dtype=object)
        else:
            columns[position], formats[position] = kept
    data = pd.DataFrame(columns, index=pd.RangeIndex(len(frame)))
    styler = data.style
    for position, text in formats.items():
        # na_rep None: a missing value goes through cell_text too (a dash or its word); escape
        # None: the grid draws text, so "<script>" is shown as written, never as "&lt;script&gt;".
        styler.format(text, subset=[position], na_rep=None, precision=None, decimal=".", thousands=None,
                      escape=None, hyperlinks=None)
    data.columns = frame.columns  # after formatting: the Styler keeps its formats by position
    return styler
