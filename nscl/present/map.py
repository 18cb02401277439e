"""The place map: bubbles at each unit's seat on the plan's province outline, drawn without tiles
(no request leaves the machine)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import geo
from ..i18n import t
from .escape import chart_text, chart_texts
from .style import PALETTE, browse_layout

MAP_LABELS = 10  # bubbles named on the map; the others in their hover


def place_map(frame: pd.DataFrame, title: str, value_title: str, lang: str, height: int = 520,
              province: str = "44") -> go.Figure:
    """frame: key, label, lat, lon, value. Bubbles at each unit's seat on the outline of the
    plan's province (a name or GSO code, see nscl.geo)."""
    xs, ys = geo.outline_rings(province)
    traces = [go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor="#f1f3f5",
                         line={"color": "#868e96", "width": 1}, hoverinfo="skip", showlegend=False)]
    data = frame.dropna(subset=["lat", "lon"])
    data = data[data["value"] > 0]
    if len(data):
        biggest = float(data["value"].max())
        names = spaced_labels(data, xs, ys)
        traces.append(go.Scatter(
            x=data["lon"], y=data["lat"], mode="markers+text", text=chart_texts(names), textposition="middle right",
            hovertext=chart_texts(data["label"]),
            textfont={"size": 10}, showlegend=False,
            marker={"size": data["value"], "sizemode": "area", "sizeref": 2.0 * biggest / (48 ** 2),
                    "sizemin": 4, "color": PALETTE[0], "opacity": 0.7, "line": {"color": "white", "width": 1}},
            customdata=np.stack([[""] * len(data), data["key"]], axis=1),
            hovertemplate="%{hovertext}<br>" + chart_text(value_title) + ": %{marker.size:,d}<extra></extra>"))
    mid_lat = float(np.nanmean([y for y in ys if y is not None]))
    attribution = t(geo.ATTRIBUTION, lang).replace("), CC", "),<br>CC")
    layout = browse_layout(
        title, lang, height, showlegend=False, margin={"l": 10, "r": 10, "t": 50, "b": 60},
        xaxis={"visible": False},
        yaxis={"visible": False, "scaleanchor": "x", "scaleratio": 1 / math.cos(math.radians(mid_lat))},
        annotations=[{"text": attribution, "xref": "paper", "yref": "paper", "x": 0, "y": -0.02,
                      "showarrow": False, "xanchor": "left", "yanchor": "top",
                      "font": {"size": 9, "color": "#495057"}}])
    return go.Figure(data=traces, layout=layout)


def spaced_labels(data: pd.DataFrame, xs, ys, spacing: float = 0.07) -> list[str]:
    """Names of the largest bubbles, at most MAP_LABELS, skipping any that would sit closer than
    `spacing` of the map's extent to a name already placed (names never overlap); every bubble
    still names itself in its hover."""
    lons = [x for x in xs if x is not None]
    lats = [y for y in ys if y is not None]
    scale = math.cos(math.radians(float(np.mean(lats)))) if lats else 1.0
    extent = max((max(lons) - min(lons)) * scale, max(lats) - min(lats)) if lons else 1.0
    placed: list[tuple[float, float]] = []
    names = [""] * len(data)
    order = np.argsort(-data["value"].to_numpy(), kind="stable")
    for i in order:
        if len(placed) >= MAP_LABELS:
            break
        x, y = float(data["lon"].iloc[i]) * scale, float(data["lat"].iloc[i])
        if all(abs(x - px) > spacing * extent * 1.6 or abs(y - py) > spacing * extent for px, py in placed):
            placed.append((x, y))
            names[i] = str(data["label"].iloc[i])
    return names
