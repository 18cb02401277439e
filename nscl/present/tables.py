"""A table's cells as a person reads them, one way for the app's tables and the published edition.

Every cell becomes text through `cell_text`: numbers in the language's marks (1.234 / 12,5),
shares as percentages (9,2%), money in millions or billions of đồng (250 triệu đồng), dates as
dd/mm/yyyy (with the time of day when there is one), years as written (2025, not 2.025), and a
missing value as a dash or, where the table says why it is missing, that word ("không thời hạn"
for a certificate with no expiry date), yes or no as "Có"/"Không". Never "None", "nan", "NaT",
"True", "False" or an empty cell.

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
