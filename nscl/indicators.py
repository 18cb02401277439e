"""Indicator values: each target's query (named by the registry) joined to the plan's numbers."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import duckdb
import pandas as pd

from . import progress, registry
from .filters import Filters
from .plan import Period, Plan, Target
from .sql import QueryLibrary, library


@dataclass(frozen=True)
class IndicatorResult:
    target: Target
    period: Period
    target_value: float | None
    series: pd.DataFrame  # year, value, complete (+ cumulative | value_ytd, growth, met | other measure)
    assessment: progress.Assessment
    as_of: dt.date | None = None  # the day the series ends: the as-of date, or the period's last day


def count_series(rows: pd.DataFrame, period: Period, as_of: dt.date) -> pd.DataFrame:
    """Every year of the period: zero where nothing happened, a running total up to
    the as-of year, and empty values for the years still to come."""
    years = pd.DataFrame({"year": list(range(period.start.year, period.end.year + 1))})
    out = years.merge(rows[["year", "value"]], on="year", how="left")
    past = out["year"] <= as_of.year
    out["value"] = out["value"].where(~past, out["value"].fillna(0)).astype("Int64")
    out["cumulative"] = out["value"].cumsum().where(past).astype("Int64")
    out["complete"] = [as_of >= dt.date(int(y), 12, 31) for y in out["year"]]
    return out


def measure_series(rows: pd.DataFrame, target: Target) -> pd.DataFrame:
    """year, value, value_ytd (and other: the measure shown beside it) from a query's rows."""
    indicator = registry.get(target.indicator)
    if not indicator.measures:
        return rows.reset_index(drop=True)
    primary = target.measure or indicator.measures[0]
    others = [m for m in indicator.measures if m != primary]
    out = pd.DataFrame({"year": rows["year"], "value": rows[primary], "value_ytd": rows[f"{primary}_ytd"]})
    if others:
        out["other"] = rows[others[0]]
    return out.reset_index(drop=True)


def query_params(queries: QueryLibrary, query: str, target: Target, period: Period, from_year: int,
                 as_of: dt.date, filters: Filters) -> dict:
    """The parameters a query declares, from what a target and the page's choices offer."""
    offered = {"period_start": period.start, "period_end": period.end, "as_of": as_of,
               "from_year": from_year, **dict(target.options), **filters.sql()}
    return {name: offered[name] for name in queries.get(query).params}


@dataclass(frozen=True)
class Seen:
    """How a target is seen on a day: its period and number, the day its series ends, and whether
    its period (or, for a programme target, the phase asked for) has ended."""
    period: Period
    target_value: float | None
    as_of: dt.date
    closed: bool
    programme_at_end: bool


def seen_on(plan: Plan, target: Target, phase: Period, as_of: dt.date) -> Seen:
    """A period that has ended is seen on its last day, with every record dated inside it, whenever
    it was uploaded. A programme target in a phase that has ended is seen at the phase's end (the
    phase's final review reports what the phase did)."""
    period = plan.period_for(target, phase)
    closed = progress.is_closed(period, as_of)
    programme_at_end = not closed and period != phase and progress.is_closed(phase, as_of)
    day = min(as_of, phase.end if programme_at_end else period.end)
    return Seen(period, plan.target_value(target, phase), day, closed, programme_at_end)


def count_result(plan: Plan, target: Target, seen: Seen, rows: pd.DataFrame) -> IndicatorResult:
    """A count target's result from its yearly counts (rows: year, value)."""
    series = count_series(rows, seen.period, seen.as_of)
    done = series["cumulative"].dropna()
    actual = float(done.iloc[-1]) if len(done) else 0.0
    required = target.required(seen.target_value)
    if seen.programme_at_end:
        assessment = progress.assess_programme_at_phase_end(actual, seen.target_value, required)
    else:
        assessment = progress.assess_count(actual, seen.target_value, seen.period, seen.as_of, plan.thresholds,
                                           required=required, closed=seen.closed)
    return IndicatorResult(target, seen.period, seen.target_value, series, assessment, seen.as_of)


def measure_result(plan: Plan, target: Target, seen: Seen, series: pd.DataFrame) -> IndicatorResult:
    """A growth or monitored target's result from its yearly values (series: year, value, value_ytd)."""
    series = series.copy()
    series["complete"] = [seen.as_of >= dt.date(int(y), 12, 31) for y in series["year"]]
    if target.kind == "monitor":
        series = series[["year", "value", "complete"]].copy()
        latest = series.iloc[-1] if len(series) else None
        assessment = progress.assess_monitor(
            None if latest is None else float(latest["value"]),
            None if latest is None else int(latest["year"]), closed=seen.closed or seen.programme_at_end)
        return IndicatorResult(target, seen.period, None, series, assessment, seen.as_of)

    points = [progress.YearValue(int(r.year), float(r.value), float(r.value_ytd))
              for r in series.itertuples()]
    assessment = progress.assess_growth(points, target.rate_min, seen.period, seen.as_of, plan.thresholds,
                                        rate_max=target.rate_max, closed=seen.closed)
    growth = {g.year: g for g in assessment.yearly}
    series["growth"] = [growth[y].growth for y in series["year"]]
    series["met"] = [growth[y].met for y in series["year"]]
    return IndicatorResult(target, seen.period, None, series, assessment, seen.as_of)


def compute(con: duckdb.DuckDBPyConnection, plan: Plan, target: Target, phase: Period,
            as_of: dt.date, queries: QueryLibrary | None = None,
            filters: Filters = Filters()) -> IndicatorResult:
    """One target's series and assessment; filters narrow the enterprises where they apply."""
    queries = queries or library()
    filters = replace(filters, plan=plan.id)  # only records in the plan's territory count for it
    indicator = registry.get(target.indicator)
    seen = seen_on(plan, target, phase, as_of)
    rows = queries.df(con, indicator.query, **query_params(queries, indicator.query, target, seen.period,
                                                           seen.period.start.year - 1, seen.as_of, filters))
    if target.kind == "count":
        return count_result(plan, target, seen, rows)
    return measure_result(plan, target, seen, measure_series(rows, target))


def compute_all(con: duckdb.DuckDBPyConnection, plan: Plan, phase: Period, as_of: dt.date,
                queries: QueryLibrary | None = None, filters: Filters = Filters()) -> list[IndicatorResult]:
    """Every target of the plan, in plan order."""
    return [compute(con, plan, t, phase, as_of, queries, filters) for t in plan.targets]
