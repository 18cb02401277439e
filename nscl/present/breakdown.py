"""Breakdown charts: stacked bars per year and ranked totals of one dimension."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..i18n import t
from .escape import chart_text, chart_texts
from .style import (
    OTHER_COLOUR,
    OTHER_KEY,
    PALETTE,
    YEARS_AXES,
    browse_layout,
    count_axis,
    merged,
    short,
    top_categories,
    two_lines,
    year_ticks,
)


def stacked_years(frame: pd.DataFrame, title: str, y_title: str, lang: str, height: int = 420) -> go.Figure:
    """frame: year, key, label, value. One stacked bar per year: the seven largest keys in colours
    that never repeat, the others summed as "Khác" (other) in grey, so every band is wide
    enough to read and to click for its records."""
    frame, keys = top_categories(frame, t("other", lang))
    years = sorted(frame["year"].astype(int).unique())
    traces = []
    for i, key in enumerate(keys):
        part = frame[frame["key"] == key]
        label = str(part["label"].iloc[0])
        other = key == OTHER_KEY
        traces.append(go.Bar(
            x=part["year"].astype(int).astype(str), y=part["value"], name=chart_text(short(label, 38)),
            marker_color=OTHER_COLOUR if other else PALETTE[i % len(PALETTE)],
            customdata=np.stack([part["year"].astype(int).astype(str), [""] * len(part) if other
                                 else part["key"]], axis=1),
            hovertext=[chart_text(label)] * len(part), hovertemplate="%{hovertext}<br>%{x}: %{y:,.1~f}<extra></extra>"))
    top = frame.groupby("year")["value"].sum().max() if len(frame) else 0
    categories = [str(y) for y in years]
    layout = browse_layout(title, lang, height, **merged(YEARS_AXES, {
        "barmode": "stack",
        "xaxis": {"categoryorder": "array", "categoryarray": categories, **year_ticks(categories)},
        "yaxis": {"title": chart_text(y_title), **count_axis(top), "automargin": True},
        "legend": {"orientation": "h", "y": -0.12, "x": 0, "yanchor": "top", "font": {"size": 11}},
        "margin": {"b": 10 + 22 * ((len(keys) + 1) // 2)}}))
    return go.Figure(data=traces, layout=layout)


def ranked(frame: pd.DataFrame, title: str, x_title: str, lang: str, height: int | None = None) -> go.Figure:
    """frame: key, label, value. Horizontal bars, largest on top; long labels on two short lines,
    in full in the hover."""
    data = frame.sort_values("value", ascending=True)
    # Keys on the axis, names as its tick text: two names shortened alike stay two bars. Keys may
    # be names too (a solution is its own key): escaped alike; the selection carries the raw key.
    keys = chart_texts(data["key"])
    bars = go.Bar(
        x=data["value"], y=keys, orientation="h", marker_color=PALETTE[0],
        customdata=np.stack([[""] * len(data), data["key"]], axis=1), hovertext=chart_texts(data["label"]),
        hovertemplate="%{hovertext}<br>" + chart_text(x_title) + ": %{x:,d}<extra></extra>")
    top = data["value"].max() if len(data) else 0
    # The measure is named in the chart's title and the hover; an axis title centred under a plot
    # pushed right by long labels ran off a phone's screen.
    layout = browse_layout(title, lang, height or max(260, 36 * len(data) + 90), showlegend=False,
                           xaxis={"title": None, "gridcolor": "#e9ecef", "automargin": True, **count_axis(top)},
                           yaxis={"automargin": True, "type": "category", "tickmode": "array", "tickvals": keys,
                                  "ticktext": [two_lines(str(v)) for v in data["label"]]})
    return go.Figure(data=[bars], layout=layout)
