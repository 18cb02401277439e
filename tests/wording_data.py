"""Hand-made results for the wording tests (tests/test_wording.py): each target's series and its
assessment made the way nscl/indicators.py makes them, by the same progress functions, without a database."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pandas as pd
from docx import Document

from nscl import progress
from nscl.indicators import IndicatorResult, count_series
from nscl.plan import Plan
from nscl.present.report import ReportSettings, build_report
from nscl.present.slides import build_slides
from tests.helpers_quality import tiny_png

SETTINGS = ReportSettings(agency="Sở Khoa học và Công nghệ", place="Đồng Hới")


def count_result(plan: Plan, target_id: str, per_year: dict[int, int], phase_id: str,
                 as_of: dt.date) -> IndicatorResult:
    """A count target with these yearly counts (years not named: zero)."""
    target, phase = plan.target(target_id), plan.phase(phase_id)
    period, value = plan.period_for(target, phase), plan.target_value(target, phase)
    closed = progress.is_closed(period, as_of)
    # A programme target in a phase that has ended is seen at the phase's end (nscl/indicators.py compute).
    at_phase_end = not closed and period != phase and progress.is_closed(phase, as_of)
    as_of = min(as_of, phase.end if at_phase_end else period.end)
    rows = pd.DataFrame({"year": list(per_year), "value": list(per_year.values())}, dtype="int64")
    series = count_series(rows, period, as_of)
    done = series["cumulative"].dropna()
    actual = float(done.iloc[-1]) if len(done) else 0.0
    if at_phase_end:
        assessment = progress.assess_programme_at_phase_end(actual, value, target.required(value))
    else:
        assessment = progress.assess_count(actual, value, period, as_of, plan.thresholds,
                                           required=target.required(value), closed=closed)
    return IndicatorResult(target, period, value, series, assessment, as_of)


def growth_result(plan: Plan, target_id: str, per_year: dict[int, tuple[int, int]], phase_id: str,
                  as_of: dt.date) -> IndicatorResult:
    """A growth (or monitored) target; per_year: year -> (the year's value, its value to as_of's day)."""
    target, phase = plan.target(target_id), plan.phase(phase_id)
    period = plan.period_for(target, phase)
    closed = progress.is_closed(period, as_of)
    as_of = min(as_of, period.end)
    series = pd.DataFrame({"year": list(per_year), "value": [v for v, _ in per_year.values()],
                           "value_ytd": [y for _, y in per_year.values()]})
    series["complete"] = [as_of >= dt.date(int(y), 12, 31) for y in series["year"]]
    if target.kind == "monitor":
        series = series[["year", "value", "complete"]].copy()
        last = series.iloc[-1] if len(series) else None
        assessment = progress.assess_monitor(None if last is None else float(last["value"]),
                                             None if last is None else int(last["year"]), closed=closed)
        return IndicatorResult(target, period, None, series, assessment, as_of)
    points = [progress.YearValue(int(r.year), float(r.value), float(r.value_ytd)) for r in series.itertuples()]
    assessment = progress.assess_growth(points, target.rate_min, period, as_of, plan.thresholds,
                                        rate_max=target.rate_max, closed=closed)
    growth = {g.year: g for g in assessment.yearly}
    series["growth"] = [growth[y].growth for y in series["year"]]
    series["met"] = [growth[y].met for y in series["year"]]
    return IndicatorResult(target, period, None, series, assessment, as_of)


def narrowed(plan: Plan, *target_ids: str) -> Plan:
    return dataclasses.replace(plan, targets=tuple(plan.target(i) for i in target_ids))


def report(plan: Plan, results: list[IndicatorResult], phase_id: str, as_of: dt.date, lang: str = "vi"):
    """(slides, the report's paragraphs' texts, the document) built from the results, as the app does."""
    slides = build_slides(plan, results, pd.DataFrame(columns=["phase_id", "key", "value", "label"]), lang, as_of,
                          phase_id)
    targets = [s for s in slides if s.kind == "target"]
    data = build_report(plan, slides, as_of, phase_id, SETTINGS, today=as_of, images=[tiny_png()] * len(targets),
                        lang=lang)
    document = Document(io.BytesIO(data))
    return slides, [p.text for p in document.paragraphs], document
