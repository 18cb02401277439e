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
    browse_layout,
    count_axis,
    short,
    top_categories,
    two_lines,
    year_ticks,
    years_axis,
)


def stacked_years(frame: pd.DataFrame, title: str, y_title: str, lang: str, height: int = 420) -> go.Figure:
    """frame: year, key, label, value. One stacked bar per year: the seven largest keys in colours
    that never repeat, the others summed as "Khác" (other) in grey, so every band is wide
    enough to read and to click for its records."""
    frame, keys = top_categories(frame, t("other", lang))
    fig = go.Figure()
    years = sorted(frame["year"].astype(int).unique())
    for i, key in enumerate(keys):
        part = frame[frame["key"] == key]
        label = str(part["label"].iloc[0])
        other = key == OTHER_KEY
        fig.add_bar(x=part["year"].astype(int).astype(str), y=part["value"], name=chart_text(short(label, 38)),
                    marker_color=OTHER_COLOUR if other else PALETTE[i % len(PALETTE)],
                    customdata=np.stack([part["year"].astype(int).astype(str), [""] * len(part) if other
                                         else part["key"]], axis=1),
                    hovertext=[chart_text(label)] * len(part), hovertemplate="%{hovertext}<br>%{x}: %{y:,d}<extra></extra>")
    fig.update_layout(barmode="stack", yaxis={"title": chart_text(y_title)})
    years_axis(fig)
    fig.update_xaxes(categoryorder="array", categoryarray=[str(y) for y in years],
                     **year_ticks([str(y) for y in years]))
    fig = browse_layout(fig, title, lang, height)
    top = frame.groupby("year")["value"].sum().max() if len(frame) else 0
    fig.update_yaxes(**count_axis(top), automargin=True)
    fig.update_layout(legend={"orientation": "h", "y": -0.12, "x": 0, "yanchor": "top", "font": {"size": 11}},
                      margin={"b": 10 + 22 * ((len(keys) + 1) // 2)})
    return fig


def ranked(frame: pd.DataFrame, title: str, x_title: str, lang: str, height: int | None = None) -> go.Figure:
    """frame: key, label, value. Horizontal bars, largest on top; long labels shortened, in full
    in the hover."""
    data = frame.sort_values("value", ascending=True)
    # Keys on the axis, names as its tick text: two names shortened alike stay two bars. Keys may
    # be names too (a solution is its own key): escaped alike; the selection carries the raw key.
    keys = chart_texts(data["key"])
    fig = go.Figure(go.Bar(
        x=data["value"], y=keys, orientation="h", marker_color=PALETTE[0],
        customdata=np.stack([[""] * len(data), data["key"]], axis=1), hovertext=chart_texts(data["label"]),
        hovertemplate="%{hovertext}<br>" + chart_text(x_title) + ": %{x:,d}<extra></extra>"))
    fig = browse_layout(fig, title, lang, height or max(260, 36 * len(data) + 90), legend=False)
    top = data["value"].max() if len(data) else 0
    # The measure is named in the chart's title and the hover; an axis title centred under a plot
    # pushed right by long labels ran off a phone's screen.
    fig.update_layout(xaxis={"title": None, "gridcolor": "#e9ecef", "automargin": True, **count_axis(top)},
                      yaxis={"automargin": True, "type": "category", "tickmode": "array",
                             "tickvals": keys,
                             "ticktext": [two_lines(str(v)) for v in data["label"]]})
    return fig
