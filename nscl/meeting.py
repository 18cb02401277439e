"""What the meeting material is made of, read from the database: the targets' results, the phase ×
sector rows, the sector names and what the cards say about their data (freshness, gaps, the staff's
commentary). A service beside the indicators: it runs the queries, nscl/present/slides.py builds the
slides from what it returns without touching the database, and the app reads the same pieces
through its caches (nscl/ui/data.py), so every number matches."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import duckdb
import pandas as pd

from . import commentary, quality, registry
from .commentary import Comment
from .filters import Filters
from .indicators import IndicatorResult, compute_all
from .plan import Plan
from .quality import DatasetState
from .sql import library


@dataclass(frozen=True)
class NotesData:
    """What the cards' notes rest on: each dataset's state, the gaps, the comments shown."""
    states: dict[str, DatasetState]
    gaps: pd.DataFrame
    comments: dict[tuple[str, str], Comment] = field(default_factory=dict)


@dataclass(frozen=True)
class MeetingData:
    results: list[IndicatorResult]
    sector_rows: pd.DataFrame | None   # the sector breakdown query's rows; None without such a target
    sector_labels: dict[str, str]      # VSIC section -> its name in the language asked for
    notes: NotesData


def sector_source(results: list[IndicatorResult]):
    """The target of the phase × sector slide (the first whose indicator has a sector breakdown),
    with its query and value column; None when no target has one."""
    for result in results:
        breakdown = registry.get(result.target.indicator).sector_breakdown
        if breakdown:
            return result.target, breakdown[0], breakdown[1]
    return None


def sector_query_params(plan: Plan, as_of: dt.date, filters: Filters) -> dict:
    return dict(plan_id=plan.id, dimension="sector", date_from=plan.phases[0].start, date_to=as_of,
                **replace(filters, plan=plan.id).sql())


def notes_data(con: duckdb.DuckDBPyConnection, plan: Plan, as_of: dt.date) -> NotesData:
    """What the cards' notes need, straight from the database (the app caches its own)."""
    return NotesData(quality.states(con), quality.gaps(con, plan, as_of), commentary.latest(con, plan.id, as_of))


def gather(con: duckdb.DuckDBPyConnection, plan: Plan, phase_id: str, as_of: dt.date, lang: str,
           filters: Filters = Filters()) -> MeetingData:
    """Everything the slides are built from, straight from the database, for the command line."""
    queries = library()
    results = compute_all(con, plan, plan.phase(phase_id), as_of, filters=filters)
    labels = {r.code: (r.name_vi if lang == "vi" else r.name_en)
              for r in queries.df(con, "sector_labels").itertuples(index=False)}
    source = sector_source(results)
    rows = queries.df(con, source[1], **sector_query_params(plan, as_of, filters)) if source else None
    return MeetingData(results, rows, labels, notes_data(con, plan, as_of))
