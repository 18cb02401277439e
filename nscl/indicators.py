"""Indicator values from the SQL in queries/indicators, joined to the plan's targets."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import duckdb
import pandas as pd

from . import analytics, progress
from .filters import Filters
from .plan import Period, Plan, Target
from .sql import QueryLibrary, library

# indicator id -> (query name, shape). Shapes: "count" rows are (year, value) within a
# period; "growth"/"monitor" rows cover every year from the base year to the as-of year.
INDICATOR_QUERIES = {
    "experts": "experts_per_year",
    "managers": "managers_per_year",
    "pilots": "pilots_per_year",
    "supported": "supported_per_year",
    "iso9001": "certificates_per_year",
    "iso14001": "certificates_per_year",
    "cab": "cabs_per_year",
}


@dataclass(frozen=True)
class IndicatorResult:
    target: Target
    period: Period
    target_value: float | None
    series: pd.DataFrame  # year, value (+ cumulative | value_ytd, growth, met | other measure)
    assessment: progress.Assessment


def count_series(rows: pd.DataFrame, period: Period, as_of: dt.date) -> pd.DataFrame:
    """Every year of the period: zero where nothing happened, a running total up to
    the as-of year, and empty values for the years still to come."""
    years = pd.DataFrame({"year": list(range(period.start.year, period.end.year + 1))})
    out = years.merge(rows[["year", "value"]], on="year", how="left")
    past = out["year"] <= as_of.year
    out["value"] = out["value"].where(~past, out["value"].fillna(0)).astype("Int64")
    out["cumulative"] = out["value"].cumsum().where(past).astype("Int64")
    return out


def growth_series(rows: pd.DataFrame, target: Target) -> pd.DataFrame:
    """Pick the primary measure of a certificate query; supported rows are already shaped."""
    if "valid" in rows.columns:
        primary = target.primary_measure
        other = "issued" if primary == "valid" else "valid"
        out = pd.DataFrame({
            "year": rows["year"],
            "value": rows[primary],
            "value_ytd": rows[f"{primary}_ytd"],
            "other": rows[other],
        })
    else:
        out = rows.copy()
    return out.reset_index(drop=True)


def takes_filters(queries: QueryLibrary, query: str) -> bool:
    return "sectors" in queries.get(query).params


def compute(con: duckdb.DuckDBPyConnection, plan: Plan, target: Target, phase: Period,
            as_of: dt.date, queries: QueryLibrary | None = None,
            filters: Filters = Filters(), current: bool | None = None) -> IndicatorResult:
    """One target's series and assessment; filters narrow the enterprises where they apply."""
    queries = queries or library()
    query = analytics.query_name(con, INDICATOR_QUERIES[target.indicator], queries, current)
    period = plan.period_for(target, phase)
    target_value = plan.target_value(target, phase)
    extra = filters.sql() if takes_filters(queries, query) else {}

    if target.kind == "count":
        rows = queries.df(con, query, period_start=period.start, period_end=period.end, as_of=as_of, **extra)
        series = count_series(rows, period, as_of)
        done = series["cumulative"].dropna()
        actual = float(done.iloc[-1]) if len(done) else 0.0
        assessment = progress.assess_count(actual, target_value, period, as_of, plan.thresholds)
        return IndicatorResult(target, period, target_value, series, assessment)

    # From the year before the programme, so a later phase still shows the whole trend.
    params = {"from_year": min(period.start.year, plan.phases[0].start.year) - 1, "as_of": as_of, **extra}
    if target.standard:
        params["standard"] = target.standard
    rows = queries.df(con, query, **params)

    if target.kind == "monitor":
        series = rows[["year", "value"]].copy()
        latest = series.iloc[-1] if len(series) else None
        assessment = progress.assess_monitor(
            None if latest is None else float(latest["value"]),
            None if latest is None else int(latest["year"]))
        return IndicatorResult(target, period, None, series, assessment)

    series = growth_series(rows, target)
    points = [progress.YearValue(int(r.year), float(r.value), float(r.value_ytd))
              for r in series.itertuples()]
    assessment = progress.assess_growth(points, target.rate_min, period, as_of, plan.thresholds)
    growth = {g.year: g for g in assessment.yearly}
    series["growth"] = [growth[y].growth for y in series["year"]]
    series["met"] = [growth[y].met for y in series["year"]]
    series["complete"] = [as_of >= dt.date(int(y), 12, 31) for y in series["year"]]
    return IndicatorResult(target, period, None, series, assessment)


def compute_all(con: duckdb.DuckDBPyConnection, plan: Plan, phase: Period, as_of: dt.date,
                queries: QueryLibrary | None = None, filters: Filters = Filters(),
                fast: bool | None = None) -> list[IndicatorResult]:
    """All targets; fast=None reads the analytics tables when they are current, False never."""
    current = analytics.is_current(con, queries) if fast is None else fast
    return [compute(con, plan, t, phase, as_of, queries, filters, current) for t in plan.targets]
