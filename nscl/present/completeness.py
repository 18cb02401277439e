"""The completeness heat map: one dataset's records by place (rows) and month (columns), with the
months a place has no records in red, so the gaps stand out (no Streamlit)."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..quality import add_months
from .escape import chart_text
from .style import browse_layout, short

GAP_COLOUR = "#f4a3a0"
# Zero (a month without records) in red; one record and more on a blue scale.
COLOURS = [[0.0, GAP_COLOUR], [1e-9, "#deebf7"], [1.0, "#08519c"]]


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def grid(frame: pd.DataFrame, months: list[dt.date], reform: dt.date) -> tuple[pd.DataFrame, list[str]]:
    """frame: month, geography, area_code, label, records (one row per place and month with records).
    Rows: places (former districts, then communes); a place's months in the other geography are
    empty (NaN, not drawn), its months without records 0. Returns the grid and the rows' labels."""
    placed = frame.dropna(subset=["area_code"])
    rows = placed.drop_duplicates("area_code").sort_values(["geography", "label"], ascending=[False, True])
    values = placed.pivot_table(index="area_code", columns="month", values="records", aggfunc="first")  # reshape
    values.columns = [pd.Timestamp(c).date() for c in values.columns]
    table = values.reindex(index=rows["area_code"], columns=months).fillna(0).astype(float)
    before = np.array([m < reform for m in months])
    for code, geography in zip(rows["area_code"], rows["geography"]):
        table.loc[code, before if geography == "current" else ~before] = np.nan
    return table, list(rows["label"])


def completeness_heatmap(frame: pd.DataFrame, months: list[dt.date], reform: dt.date, title: str,
                         value_title: str, lang: str) -> go.Figure:
    """Records per place and month as a heat map: empty months in red, months of the other geography
    (before or after the 2025 reform) left blank, places named on the axis."""
    table, labels = grid(frame, months, reform)
    x = [f"{m.month:02d}/{m.year}" for m in months]
    # Place codes on the axis, names as its tick text: a former district and a new commune of one
    # name stay two rows.
    keys = [str(code) for code in table.index]
    height = max(300, 22 * len(labels) + 270)
    # Under the map, not beside it (on a phone the colour bar's width is the map's), below the
    # month labels: about 90 px under the plot, as a share of the plot's height.
    below = -90 / max(1, height - 250)
    heat = go.Heatmap(
        z=table.to_numpy(), x=x, y=keys, colorscale=COLOURS, zmin=0,
        customdata=[[chart_text(str(v))] * len(x) for v in labels],
        xgap=1, ygap=1, hoverongaps=False, hovertemplate="%{customdata}<br>%{x}: %{z:,d}<extra></extra>",
        colorbar={"title": {"text": chart_text(value_title), "side": "top"}, "tickformat": ",d",
                  "orientation": "h", "x": 0.5, "xanchor": "center", "y": below, "yanchor": "top",
                  "thickness": 12, "len": 0.8})
    # At most six month labels, every step-th month and the last: eleven on a phone's 150 px piled up.
    step = -(-len(x) // 6)
    ticks = [label for i, label in enumerate(x) if i % step == 0 or i == len(x) - 1]
    if len(ticks) > 1 and x.index(ticks[-1]) - x.index(ticks[-2]) < step:
        ticks.pop(-2)  # the last month beside the one before it would touch
    layout = browse_layout(title, lang, height, showlegend=False, margin={"b": 130},
                           xaxis={"type": "category", "side": "bottom", "automargin": True,
                                  "tickmode": "array", "tickvals": ticks, "ticktext": ticks},
                           yaxis={"autorange": "reversed", "automargin": True, "type": "category",
                                  "tickmode": "array", "tickvals": keys,
                                  "ticktext": [chart_text(short(str(v), 24)) for v in labels]})
    return go.Figure(data=[heat], layout=layout)
