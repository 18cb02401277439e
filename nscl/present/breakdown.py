"""Breakdown charts: stacked bars per year and ranked totals of one dimension."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .style import PALETTE, browse_layout, short, years_axis


def stacked_years(frame: pd.DataFrame, title: str, y_title: str, lang: str, height: int = 420) -> go.Figure:
    """frame: year, key, label, value. One stacked bar per year, one colour per key."""
    fig = go.Figure()
    years = sorted(frame["year"].astype(int).unique())
    for i, (_key, part) in enumerate(frame.groupby("key", sort=False)):
        label = str(part["label"].iloc[0])
        fig.add_bar(x=part["year"].astype(int).astype(str), y=part["value"], name=short(label),
                    marker_color=PALETTE[i % len(PALETTE)],
                    customdata=np.stack([part["year"].astype(int).astype(str), part["key"]], axis=1),
                    hovertext=[label] * len(part), hovertemplate="%{hovertext}<br>%{x}: %{y:,d}<extra></extra>")
    fig.update_layout(barmode="stack", yaxis={"title": y_title, "tickformat": ",d"})
    years_axis(fig)
    fig.update_xaxes(categoryorder="array", categoryarray=[str(y) for y in years])
    return browse_layout(fig, title, lang, height)


def ranked(frame: pd.DataFrame, title: str, x_title: str, lang: str, height: int | None = None) -> go.Figure:
    """frame: key, label, value. Horizontal bars, largest on top."""
    data = frame.sort_values("value", ascending=True)
    fig = go.Figure(go.Bar(
        x=data["value"], y=[short(str(v), 40) for v in data["label"]], orientation="h", marker_color=PALETTE[0],
        customdata=np.stack([[""] * len(data), data["key"]], axis=1), hovertext=data["label"],
        hovertemplate="%{hovertext}: %{x:,d}<extra></extra>"))
    fig.update_layout(xaxis={"title": x_title, "tickformat": ",d", "gridcolor": "#e9ecef"},
                      yaxis={"automargin": True})
    return browse_layout(fig, title, lang, height or max(260, 28 * len(data) + 90), legend=False)
