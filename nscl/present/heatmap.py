"""Heat maps: a breakdown (rows) by phase (columns)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .style import browse_layout, short


def phase_heatmap(frame: pd.DataFrame, phases: list[str], title: str, value_title: str,
                  lang: str, height: int | None = None) -> go.Figure:
    """frame: phase_id, key, label, value. Rows: breakdown (e.g. VSIC sections); columns: phases."""
    labels = frame.drop_duplicates("key").sort_values("key")
    grid = frame.pivot(index="key", columns="phase_id", values="value")  # reshape only
    grid = grid.reindex(index=labels["key"], columns=phases).fillna(0)
    fig = go.Figure(go.Heatmap(
        z=grid.to_numpy(), x=phases, y=[short(str(v), 40) for v in labels["label"]], colorscale="Blues",
        text=grid.to_numpy(), texttemplate="%{text:,d}", hovertemplate="%{y}<br>%{x}: %{z:,d}<extra></extra>",
        colorbar={"title": value_title}))
    fig.update_xaxes(type="category", side="top")
    fig.update_yaxes(autorange="reversed", automargin=True)
    return browse_layout(fig, title, lang, height or max(300, 26 * len(labels) + 120), legend=False)
