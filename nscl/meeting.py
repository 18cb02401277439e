"""Everything a meeting needs, gathered from the database the same way the pages do."""
from __future__ import annotations

import datetime as dt

import duckdb
import pandas as pd

from . import registry
from .filters import Filters
from .i18n import t
from .indicators import IndicatorResult, compute_all
from .plan import Plan
from .slides import Slide, build_slides
from .sql import library


def phase_sector_frame(frame: pd.DataFrame, value: str, sector_labels: dict[str, str]) -> pd.DataFrame:
    """Rows of a *_by_dimension query (dimension sector) at phase level, labelled."""
    rows = frame[(frame["level"] == "phase") & frame["phase_id"].notna()]
    rows = rows.rename(columns={value: "value"})[["phase_id", "key", "value"]].copy()
    rows["label"] = [f"{k} – {sector_labels.get(k, k)}" for k in rows["key"]]
    return rows


def filters_text(filters: Filters, lang: str) -> str:
    active = [t(k, lang) for k, name in (("sector", "sectors"), ("place", "places"), ("size", "sizes"),
                                          ("ownership", "ownerships")) if getattr(filters, name)]
    return t("filters_active", lang, names=", ".join(active)) if active else ""


def collect(con: duckdb.DuckDBPyConnection, plan: Plan, phase_id: str, as_of: dt.date, lang: str,
            filters: Filters = Filters()) -> tuple[list[IndicatorResult], list[Slide]]:
    results = compute_all(con, plan, plan.phase(phase_id), as_of, filters=filters)
    queries = library()
    labels = dict((r[0], r[1] if lang == "vi" else r[2]) for r in
                  queries.df(con, "sector_labels").itertuples(index=False))
    # The phase × sector slide shows the first target whose indicator has a sector breakdown.
    sector_target = next((r.target for r in results if registry.get(r.target.indicator).sector_breakdown), None)
    phase_sector = pd.DataFrame(columns=["phase_id", "key", "value", "label"])
    if sector_target is not None:
        query, value = registry.get(sector_target.indicator).sector_breakdown
        frame = queries.df(con, query, plan_id=plan.id, dimension="sector", date_from=plan.phases[0].start,
                           date_to=as_of, **filters.sql())
        phase_sector = phase_sector_frame(frame, value, labels)
    slides = build_slides(plan, results, phase_sector, lang, as_of, phase_id, filters_text(filters, lang),
                          sector_target)
    return results, slides
