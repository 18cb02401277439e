"""Named blocks of the browse pages: breakdowns, phase × sector view, drill-down lists."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from ..geo import REFORM_DAY
from ..i18n import Message, t
from ..present import breakdown as bc
from ..present.escape import chart_text, markdown_text
from ..present.heatmap import phase_heatmap
from ..present.labels import Labeller, shows_code
from ..present.map import map_level, place_map
from ..present.style import wrap
from .context import Context
from .data import catalogue, labeller, run_query
from .frame import tell
from .viewer import privacy_note
from .widgets import chart, chart_title, columns_in, data_table, selected_keys, show_table


def empty(ctx: Context, frame: pd.DataFrame) -> bool:
    """True (after a friendly message) when a selection has no rows."""
    if frame is None or frame.empty:
        st.info(t("no_data", ctx.lang), icon=":material/info:")
        return True
    return False


def choose_dimension(ctx: Context, dimensions: tuple[str, ...], key: str) -> str:
    """A breakdown switch kept in the URL (?by=...)."""
    state_key = f"{key}_dimension"
    if state_key not in st.session_state:
        wanted = st.query_params.get("by")
        st.session_state[state_key] = wanted if wanted in dimensions else dimensions[0]
        if wanted is not None and wanted not in dimensions:
            tell([Message("link_dimension_unknown", {"shown": Message(f"dim_{dimensions[0]}")})])
    choice = st.segmented_control(t("breakdown", ctx.lang), dimensions, key=state_key, required=True,
                                  format_func=lambda d: t(f"dim_{d}", ctx.lang)) or dimensions[0]
    st.query_params["by"] = choice
    return choice


def breakdown(ctx: Context, query: str, dimension: str, value: str, value_title: str, what: str,
              key: str, **params) -> tuple[int | None, str | None]:
    """Per-year stacked bars and totals (a map for places) of one breakdown; returns the
    (year, key) the user selected for the drill-down."""
    frame = run_query(ctx, query, dimension=dimension, **params)
    if empty(ctx, frame):
        return None, None
    frame = labeller(ctx).frame(frame, dimension)
    years = frame[frame["level"] == "year"].rename(columns={value: "value"})
    totals = frame[frame["level"] == "total"].rename(columns={value: "value"})
    title = chart_title(ctx, f"{what} – {t(f'dim_{dimension}', ctx.lang).lower()}")
    # One above the other at full width: long labels (VSIC sections, communes) stay readable.
    points = chart(bc.stacked_years(years, title, value_title, ctx.lang), f"{key}_years", selectable=True)
    totals_title = chart_text(f"{what} – {t('total', ctx.lang).lower()}")
    if dimension == "place":
        figure, own_level = _map(ctx, query, totals, totals_title, value, value_title, params)
        # A map read in another geography than the sidebar's is not a selection for the list below.
        points += chart(figure, f"{key}_map", selectable=own_level)
    else:
        points += chart(bc.ranked(totals, totals_title, value_title, ctx.lang), f"{key}_totals", selectable=True)
    shown = ["year", "key", "label", "value"] if shows_code(dimension) else ["year", "label", "value"]
    table = years[shown].rename(columns={
        "year": t("col_year", ctx.lang), "key": t("col_key", ctx.lang), "label": t("col_label", ctx.lang),
        "value": value_title})
    data_table(ctx, table, key, f"{key}-{dimension}")
    return selected_keys(points)


def _map(ctx: Context, query: str, totals: pd.DataFrame, title: str, value: str, value_title: str,
         params: dict):
    """(figure, whether it is drawn in the sidebar's geography). The place map at the level of the
    date range (map_level): the former districts before 1/7/2025, the communes from then on, on
    the province as it was at the range's end. When the
    sidebar's geography differs and no place is picked, the totals are read again in the map's;
    with places picked the map keeps the sidebar's geography (its picks are codes of that one)."""
    window = ctx.window
    level = map_level(window.start, window.last_day, ctx.filters.geography)
    if level != ctx.filters.geography and not params.get("places") and "geography" in params:
        frame = run_query(ctx, query, dimension="place", **{**params, "geography": level})
        sectors, places = catalogue(ctx.settings)
        frame = Labeller(sectors, places, ctx.lang, level).frame(frame, "place")
        totals = frame[frame["level"] == "total"].rename(columns={value: "value"})
    else:
        level = ctx.filters.geography
    day = window.last_day if level == "current" else min(window.last_day, REFORM_DAY - dt.timedelta(days=1))
    located = totals.merge(_place_points(ctx), on="key", how="left")
    figure = place_map(located, title, value_title, ctx.lang, province=ctx.plan.outline, day=day)
    return figure, level == ctx.filters.geography


def _place_points(ctx: Context) -> pd.DataFrame:
    _, places = catalogue(ctx.settings)
    return places[["code", "lat", "lon"]].rename(columns={"code": "key"})


def phase_by_sector(ctx: Context, query: str, value: str, value_title: str, what: str, key: str,
                    **params) -> None:
    """The indicator by VSIC section (rows) and phase (columns)."""
    frame = run_query(ctx, query, dimension="sector", **params)
    if "level" in frame.columns:
        frame = frame[frame["level"] == "phase"]
    frame = frame.dropna(subset=["phase_id"])
    st.subheader(t("col_phase", ctx.lang) + " × " + t("sector", ctx.lang))
    if empty(ctx, frame):
        return
    frame = labeller(ctx).frame(frame, "sector").rename(columns={value: "value"})
    phases = [p.id for p in ctx.plan.phases]
    title = wrap(f"{what} – {t('col_phase', ctx.lang).lower()} × {t('sector', ctx.lang).lower()} · {ctx.place_name}", 34)
    chart(phase_heatmap(frame, phases, title, value_title, ctx.lang), f"{key}_heat")
    # A reshape of rows SQL already aggregated (one per section and phase), not an aggregation.
    table = frame.pivot(index=["key", "label"], columns="phase_id", values="value").fillna(0).reset_index()
    table.columns = [t("col_key", ctx.lang), t("col_label", ctx.lang), *table.columns[2:]]
    data_table(ctx, table, f"{key}_heat", f"{key}-phase-sector")


def drill_caption(ctx: Context, dimension: str, year: int | None, key: str | None) -> str:
    """The heading over the records of a selection, as Markdown: the selected name is data."""
    parts = []
    if year is not None:
        parts.append(f"{t('col_year', ctx.lang)} {year}")
    if key is not None:
        parts.append(labeller(ctx)(dimension)(key))
    return markdown_text(t("drill_title", ctx.lang, what=", ".join(parts) or t("drill_all", ctx.lang)))


def drill_table(ctx: Context, frame: pd.DataFrame, names: dict[str, str], key: str) -> None:
    """The records behind a selection, labelled, with downloads."""
    if empty(ctx, frame):
        return
    privacy_note(ctx, frame)
    total = int(frame["total"].iloc[0]) if "total" in frame.columns else len(frame)
    shown = labeller(ctx).columns(frame)
    table = columns_in(ctx, shown, names)
    st.caption(t("rows_shown", ctx.lang, shown=len(table), total=total))
    show_table(table, ctx.lang)
    data_table(ctx, table, f"{key}_drill", f"{key}-records")


def funding_by_source(ctx: Context, **params) -> None:
    """Support funding per year, stacked by source, in millions of đồng (the unit in the axis
    title and the table's header), with its table."""
    st.subheader(t("funding_title", ctx.lang))
    frame = run_query(ctx, "supported_by_dimension", dimension="funding_source", **params)
    years = frame[frame["level"] == "year"].rename(columns={"funding_vnd": "value"})
    if empty(ctx, years):
        return
    years = labeller(ctx).frame(years, "funding_source")
    years["value"] = years["value"] / 1e6
    title = chart_title(ctx, t("funding_title", ctx.lang))
    chart(bc.stacked_years(years, title, t("col_funding_million", ctx.lang), ctx.lang), "supported_funding")
    data_table(ctx, columns_in(ctx, years, {"year": "col_year", "label": "col_source", "value": "col_funding_million",
                                            "records": "col_records"}), "supported_funding", "supported-funding")
