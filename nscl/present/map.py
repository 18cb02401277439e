"""The place map: bubbles at each unit's seat on the plan's province outline, drawn without tiles
(no request leaves the machine)."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import geo
from .style import PALETTE, browse_layout

MAP_LABELS = 10  # bubbles named on the map; the others in their hover


def place_map(frame: pd.DataFrame, title: str, value_title: str, lang: str, height: int = 520,
              province: str = "44") -> go.Figure:
    """frame: key, label, lat, lon, value. Bubbles at each unit's seat on the outline of the
    plan's province (a name or GSO code, see nscl.geo)."""
    xs, ys = geo.outline_rings(province)
    fig = go.Figure()
    fig.add_scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor="#f1f3f5",
                    line={"color": "#868e96", "width": 1}, hoverinfo="skip", showlegend=False)
    data = frame.dropna(subset=["lat", "lon"])
    data = data[data["value"] > 0]
    if len(data):
        biggest = float(data["value"].max())
        cut = data["value"].nlargest(MAP_LABELS).min()
        names = [label if value >= cut else "" for label, value in zip(data["label"], data["value"])]
        fig.add_scatter(
            x=data["lon"], y=data["lat"], mode="markers+text", text=names, textposition="top center",
            hovertext=data["label"],
            textfont={"size": 10}, showlegend=False,
            marker={"size": data["value"], "sizemode": "area", "sizeref": 2.0 * biggest / (48 ** 2),
                    "sizemin": 4, "color": PALETTE[0], "opacity": 0.7, "line": {"color": "white", "width": 1}},
            customdata=np.stack([[""] * len(data), data["key"]], axis=1),
            hovertemplate="%{hovertext}<br>" + value_title + ": %{marker.size:,d}<extra></extra>")
    mid_lat = float(np.nanmean([y for y in ys if y is not None]))
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(mid_lat)))
    attribution = (geo.ATTRIBUTION_VI if lang == "vi" else geo.ATTRIBUTION_EN).replace("), CC", "),<br>CC")
    fig.add_annotation(text=attribution, xref="paper", yref="paper", x=0, y=-0.02, showarrow=False,
                       xanchor="left", yanchor="top", font={"size": 9, "color": "#495057"})
    fig = browse_layout(fig, title, lang, height, legend=False)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 50, "b": 40})
    return fig
