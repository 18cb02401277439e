"""Hand-made results for the wording tests (tests/test_wording.py): each target's series and its
assessment made by nscl/indicators.py's own functions from hand-made rows, without a database."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pandas as pd
from docx import Document

from nscl import indicators
from nscl.indicators import IndicatorResult
from nscl.plan import Plan
from nscl.present.report import ReportSettings, build_report
from nscl.present.slides import build_slides
from tests.helpers_quality import tiny_png

SETTINGS = ReportSettings(agency="Sở Khoa học và Công nghệ", place="Đồng Hới")


def count_result(plan: Plan, target_id: str, per_year: dict[int, int], phase_id: str,
                 as_of: dt.date) -> IndicatorResult:
    """A count target with these yearly counts (years not named: zero)."""
    target = plan.target(target_id)
    rows = pd.DataFrame({"year": list(per_year), "value": list(per_year.values())}, dtype="int64")
    return indicators.count_result(plan, target, indicators.seen_on(plan, target, plan.phase(phase_id), as_of), rows)


def growth_result(plan: Plan, target_id: str, per_year: dict[int, tuple[int, int]], phase_id: str,
                  as_of: dt.date) -> IndicatorResult:
    """A growth (or monitored) target; per_year: year -> (the year's value, its value to as_of's day)."""
    target = plan.target(target_id)
    series = pd.DataFrame({"year": list(per_year), "value": [v for v, _ in per_year.values()],
                           "value_ytd": [y for _, y in per_year.values()]})
    return indicators.measure_result(plan, target, indicators.seen_on(plan, target, plan.phase(phase_id), as_of),
                                     series)


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
