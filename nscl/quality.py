"""Data quality behind the numbers: when each dataset last changed, how many records it holds,
and which places that usually report it have months without records.

Read from small tables (`quality_dataset_months`, rebuilt with the analytics tables, and the
upload log), so the overview pays a few milliseconds for it."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from .plan import Plan
from .sql import QueryLibrary, library


@dataclass(frozen=True)
class DatasetState:
    dataset: str
    records: int
    last_changed: dt.datetime | None  # UTC: the latest upload still in effect (demo data: its data_through day)
    last_kind: str | None = None
    last_by: str | None = None
    last_file: str | None = None


def _value(v):
    return None if v is None or (not isinstance(v, str) and pd.isna(v)) else v


def states(con: duckdb.DuckDBPyConnection, queries: QueryLibrary | None = None) -> dict[str, DatasetState]:
    """Each dataset's record count and last change (when, which kind, by whom, which file), by
    dataset name."""
    frame = (queries or library()).df(con, "dataset_freshness")
    out = {}
    for row in frame.itertuples(index=False):
        changed = _value(row.last_changed)
        out[row.dataset] = DatasetState(row.dataset, int(row.records),
                                        pd.Timestamp(changed).to_pydatetime() if changed is not None else None,
                                        _value(row.last_kind), _value(row.last_by), _value(row.last_file))
    return out


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (earlier when negative), at the month's end when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    next_first = dt.date(year + (month == 12), month % 12 + 1, 1)
    return dt.date(year, month, min(day.day, (next_first - dt.timedelta(days=1)).day))


def is_stale(state: DatasetState | None, max_age_months: int | None, as_of: dt.date) -> bool:
    """Older than the plan allows, counted back from the as-of date; never without an age."""
    if max_age_months is None:
        return False
    if state is None or state.last_changed is None:
        return True
    return state.last_changed.date() < add_months(as_of, -max_age_months)


def gaps(con: duckdb.DuckDBPyConnection, plan: Plan, as_of: dt.date,
         queries: QueryLibrary | None = None) -> pd.DataFrame:
    """dataset, month, geography, area_code: months without records at places that usually report."""
    q = plan.quality
    return (queries or library()).df(con, "dataset_gaps", as_of=as_of, checked=q.checked_months,
                                     lookback=q.lookback_months, usual=q.usual_months, plan=plan.id)


def month_runs(months: list[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """Consecutive months as (first, last) runs."""
    runs: list[tuple[dt.date, dt.date]] = []
    for month in sorted(set(months)):
        if runs and add_months(runs[-1][1], 1) == month:
            runs[-1] = (runs[-1][0], month)
        else:
            runs.append((month, month))
    return runs
