"""Cached data access: one DuckDB connection per process, a cursor per call, bounded caches of
query results, indicator results, cards and slides (the meeting reuses the dashboard's results)."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from .. import indicators, meeting, registry
from ..db import meta_value
from ..filters import Filters
from ..plan import Plan, PlanNotFound, load_plans
from ..present import cards, slides
from ..present.labels import Labeller
from ..readers import ReadingRefused
from ..settings import Settings
from ..sql import library
from .context import Context
from .incident import ServerProblem, report

# Every cached call hashes its arguments on every run; Streamlit hashes a dataclass field by
# field after copying it. The settings are frozen and their repr names every field: hash that.
FAST_KEYS = {Settings: repr}


@st.cache_resource(max_entries=4, show_spinner=False)
def _connection(db_path: str, plans_dir: str, snapshot: str = "") -> tuple[duckdb.DuckDBPyConnection, dict[str, Plan]]:
    """The writer holds the file read-write; a replica reads a snapshot in memory. Either way through
    the one way in for readers (`nscl.readers.open_for_reading`), so no page shows a number from a
    stale table. One connection for every plan of the plans folder (all synced into it)."""
    from ..readers import open_for_reading

    plans = _plans(plans_dir)
    first = next(iter(plans.values()), None)
    where = Settings(db_path=db_path, plan_id=first.id if first else "", plans_dir=plans_dir, snapshot=snapshot)
    if snapshot:
        from ..snapshot import SnapshotMissing

        try:
            return open_for_reading(where, first).con, plans
        except (SnapshotMissing, ReadingRefused):
            raise
        except Exception as exc:  # a half-copied or damaged snapshot folder
            raise ServerProblem("incident_snapshot_broken", f"snapshot {snapshot}: {type(exc).__name__}: "
                                                            f"{exc}") from exc
    if not Path(db_path).is_file():
        # A wrong path is reported, not silently made into a new empty database: only
        # `python -m nscl init` or `python -m nscl demo` create one.
        raise ServerProblem("incident_db_missing", f"no database file at {db_path}")
    return open_for_reading(where, first, write=True).con, plans


def _database(db_path: str, plan_id: str, plans_dir: str, snapshot: str = "") -> tuple[duckdb.DuckDBPyConnection, Plan]:
    """The process-wide connection and the plan `plan_id` (PlanNotFound when the folder has none)."""
    plans = _plans(plans_dir)
    if plan_id not in plans:
        raise PlanNotFound(f"no plan with id {plan_id!r} in {plans_dir}")
    con, _ = _connection(db_path, plans_dir, snapshot)
    return con, plans[plan_id]


def _plans(plans_dir: str) -> dict[str, Plan]:
    """Every plan of the folder by id; whatever keeps one from loading is a known state."""
    try:
        return _loaded_plans(plans_dir)
    except Exception as exc:  # TOML syntax, a missing field, a wrong value: the log names which
        raise ServerProblem("incident_plan_invalid", f"plans from {plans_dir}: "
                                                     f"{type(exc).__name__}: {exc}") from exc


@st.cache_resource(max_entries=4, show_spinner=False)
def _loaded_plans(plans_dir: str) -> dict[str, Plan]:
    return {plan.id: plan for plan in load_plans(plans_dir)}


def plans(settings: Settings) -> dict[str, Plan]:
    """Every plan the database holds (the plans folder's), by id, in file order; stops the page with a
    plain message and an incident code when one cannot be read (as `database` does)."""
    try:
        return _plans(settings.plans_dir)
    except Exception as exc:
        report(exc, "reading the plans")
    st.stop()


@st.cache_resource(max_entries=4, show_spinner=False)
def _swept_on_start(_con: duckdb.DuckDBPyConnection, db_path: str, archive_dir: str) -> bool:
    """Once per process and database: what a killed commit left in the archive folder goes (see
    commit.sweep_archive). A folder that cannot be read must not keep the dashboard from opening;
    every commit sweeps again."""
    from ..ingest.commit import sweep_archive

    try:
        sweep_archive(_con, archive_dir)
    except OSError:
        return False
    return True


def database(settings: Settings) -> tuple[duckdb.DuckDBPyConnection, Plan]:
    """The process-wide connection and plan; stops the page with a plain message and an incident
    code on failure (the details go to the server log)."""
    try:
        con, plan = _database(settings.db_path, settings.plan_id, settings.plans_dir, settings.snapshot)
        if not settings.read_only and settings.archive_dir:
            _swept_on_start(con, settings.db_path, settings.archive_dir)
        return con, plan
    except Exception as exc:
        report(exc, "opening the database")
    st.stop()


def cursor(settings: Settings) -> duckdb.DuckDBPyConnection:
    """A cursor of the shared connection: DuckDB connections are not thread-safe, cursors are."""
    con, _ = database(settings)
    return con.cursor()


@st.cache_data(max_entries=512, ttl=3600, show_spinner=False, hash_funcs=FAST_KEYS)
def query(settings: Settings, name: str, /, **params) -> pd.DataFrame:
    """A named query from queries/, cached per parameters (all aggregation happens in SQL)."""
    return library().df(cursor(settings), name, **params)


def run_query(ctx: Context, name: str, **params) -> pd.DataFrame:
    """A named query's rows as this viewer may see them: personal columns withheld from a viewer
    who is not signed in (nscl/privacy.py), whatever the page does with them next."""
    from .viewer import restrict

    return restrict(ctx.settings, ctx.lang, name, query(ctx.settings, name, **params))


def labeller(ctx: Context) -> Labeller:
    """The one labeller of codes, in the page's language and geography."""
    sectors, places = catalogue(ctx.settings)
    return Labeller(sectors, places, ctx.lang, ctx.filters.geography)


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False, hash_funcs=FAST_KEYS)
def catalogue(settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame]:
    con = cursor(settings)
    return (library().df(con, "sector_labels"),
            library().df(con, "place_labels", provinces=list(settings.provinces)))


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False, hash_funcs=FAST_KEYS)
def is_demo(settings: Settings) -> bool:
    """Whether the database holds the demo generator's data (the pages say so in a banner)."""
    return meta_value(cursor(settings), "demo_data") == "true"


@st.cache_data(max_entries=128, ttl=3600, show_spinner=False, hash_funcs=FAST_KEYS)
def _indicator_results(settings: Settings, phase_id: str, as_of: dt.date,
                       filters: Filters) -> list[indicators.IndicatorResult]:
    _, plan = database(settings)
    return indicators.compute_all(cursor(settings), plan, plan.phase(phase_id), as_of, filters=filters)


def indicator_results(ctx: Context) -> list[indicators.IndicatorResult]:
    return _indicator_results(ctx.settings, ctx.phase_id, ctx.as_of, ctx.filters)


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False, hash_funcs=FAST_KEYS)
def card_notes(settings: Settings, phase_id: str, as_of: dt.date, lang: str):
    """target id -> what its card says about the data behind it (small meta queries, cached)."""
    _, plan = database(settings)
    return slides.card_notes(plan, phase_id, as_of, lang, meeting.notes_data(cursor(settings), plan, as_of))


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False, hash_funcs=FAST_KEYS)
def _overview_cards(settings: Settings, phase_id: str, as_of: dt.date, lang: str, filters: Filters):
    _, plan = database(settings)
    notes = card_notes(settings, phase_id, as_of, lang)
    return [cards.build_card(r, lang, as_of, plan.place(lang), notes.get(r.target.id))
            for r in _indicator_results(settings, phase_id, as_of, filters)]


def overview_cards(ctx: Context):
    """The overview's cards (texts and figures), cached like the results they come from."""
    return _overview_cards(ctx.settings, ctx.phase_id, ctx.as_of, ctx.lang, ctx.filters)


def province_table(ctx: Context) -> pd.DataFrame:
    """The plans' results side by side where their targets match (nscl/present/province.py), each
    plan's cards the overview's own (cached per plan)."""
    from ..present import province

    every = list(plans(ctx.settings).values())
    cards_by_plan = {}
    for plan in every:
        if ctx.phase_id in {p.id for p in plan.phases}:
            cards_by_plan[plan.id] = _overview_cards(replace(ctx.settings, plan_id=plan.id), ctx.phase_id, ctx.as_of,
                                                     ctx.lang, replace(ctx.filters, plan=plan.id))
    return province.side_by_side(every, cards_by_plan, ctx.phase_id, ctx.lang)


def page_results(ctx: Context) -> list[indicators.IndicatorResult]:
    """The results of the plan's targets shown on the current page, in plan order."""
    return [r for r in indicator_results(ctx) if registry.page_of(r.target) == ctx.page.url_path]


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False, hash_funcs=FAST_KEYS)
def _meeting(settings: Settings, phase_id: str, as_of: dt.date, lang: str, filters: Filters):
    _, plan = database(settings)
    results = _indicator_results(settings, phase_id, as_of, filters)  # the dashboard's own, cached
    source = meeting.sector_source(results)
    rows = query(settings, source[1], **meeting.sector_query_params(plan, as_of, filters)) if source else None
    sectors, _ = catalogue(settings)
    labels = dict(zip(sectors["code"], sectors[f"name_{lang}"]))
    return slides.meeting(plan, results, rows, labels, lang, as_of, phase_id, filters,
                          card_notes(settings, phase_id, as_of, lang))


def meeting_slides(ctx: Context):
    """The slides for the current choices (cached; the deck and report use the same ones)."""
    return _meeting(ctx.settings, ctx.phase_id, ctx.as_of, ctx.lang, ctx.filters)


def clear_caches(settings: Settings | None = None):
    """After a commit or undo every page must show the new data at once; replicas get a new
    snapshot when the writer is configured to publish one, and readers a new edition when the
    writer publishes one (returns the publishing thread then, for tests to wait for)."""
    st.cache_data.clear()
    if settings is not None and settings.publish_snapshot:
        from ..snapshot import publish

        publish(database(settings)[0].cursor(), settings.publish_snapshot)
    if settings is not None and settings.publish_edition:  # in the background: never holds up the commit
        from ..publish import republish_in_background

        # The edition is the configured plan's (NSCL_PLAN), whichever plan the writer's page shows.
        con, plan = database(replace(settings, plan_id=Settings.from_env().plan_id))
        return republish_in_background(con.cursor(), plan, settings.publish_edition)
    return None
