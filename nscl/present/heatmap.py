"""Heat maps: a breakdown (rows) by phase (columns)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from ..i18n import t
from .escape import chart_text, chart_texts
from .style import browse_layout, two_lines


def phase_heatmap(frame: pd.DataFrame, phases: list[str], title: str, value_title: str,
                  lang: str, height: int | None = None, top: int | None = None,
                  font_size: int = 12) -> go.Figure:
    """frame: phase_id, key, label, value. Rows: breakdown (e.g. VSIC sections); columns: phases.
    With `top`, the largest rows and one "other" row (a slide cannot hold nineteen sectors)."""
    if top is not None and frame["key"].nunique() > top:
        totals = frame.groupby("key")["value"].sum().sort_values(ascending=False)
        kept = list(totals.index[: top - 1])
        rest = frame[~frame["key"].isin(kept)].groupby("phase_id", as_index=False)["value"].sum()
        frame = pd.concat([frame[frame["key"].isin(kept)],
                           rest.assign(key="~", label=t("other", lang))], ignore_index=True)
    labels = frame.drop_duplicates("key").sort_values("key")
    grid = frame.pivot(index="key", columns="phase_id", values="value")  # reshape only
    grid = grid.reindex(index=labels["key"], columns=phases).fillna(0)
    keys = chart_texts(labels["key"])  # a key may be a name too: escaped, like every label
    heat = go.Heatmap(
        z=grid.to_numpy(), x=phases, y=keys, colorscale="Blues",
        text=grid.to_numpy(), texttemplate="%{text:,d}", textfont={"size": font_size},
        customdata=[[chart_text(v)] * len(phases) for v in labels["label"]],
        hovertemplate="%{customdata}<br>%{x}: %{z:,d} " + chart_text(value_title) + "<extra></extra>",
        # Every cell prints its number: a colour bar would only take a phone's width from the grid.
        showscale=False)
    row = max(34, int(font_size * 2.1))
    # Phases under the grid: a column header at the top would sit under the chart's title. Keys on
    # the axis, names as its tick text (two names shortened alike stay two rows).
    layout = browse_layout(title, lang, height or max(300, row * len(labels) + 140), showlegend=False,
                           xaxis={"type": "category", "side": "bottom", "automargin": True},
                           yaxis={"autorange": "reversed", "automargin": True, "type": "category",
                                  "tickmode": "array", "tickvals": keys,
                                  "ticktext": [two_lines(str(v), 24 if font_size < 16 else 16)
                                               for v in labels["label"]]})
    return go.Figure(data=[heat], layout=layout)
