"""Heat maps: a breakdown (rows) by phase (columns)."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .escape import chart_text, chart_texts
from .style import OTHER_KEY, browse_layout, two_lines

# Sector rows on a slide and in the deck: more would not fit a 16:9 slide in 24 px type.
SECTOR_ROWS = 8


def sector_breakdown(frame: pd.DataFrame, phases: list[str], other_label: str, rows: int = SECTOR_ROWS) -> pd.DataFrame:
    """The phase × sector rows the slide and the deck both show. frame: phase_id, key, label, value
    (one row per sector and phase). Sectors with nothing in any phase are left out; when more
    remain than `rows`, the rows-1 with the largest totals stay and the others are summed into one
    row `other_label` (never an "other" of one sector). Returns phase_id, key, label, value for every
    row and phase (0 where nothing), sectors in VSIC order and "other" last."""
    frame = frame[frame["phase_id"].isin(phases)]
    totals = frame.groupby("key")["value"].sum()
    keys = sorted(totals.index[totals > 0], key=str)
    if len(keys) > rows:
        kept = set(totals[keys].sort_values(ascending=False, kind="stable").index[: rows - 1])
        keys = sorted(kept, key=str)
        rest = frame[~frame["key"].isin(kept)].groupby("phase_id", as_index=False)["value"].sum()
        frame = pd.concat([frame[frame["key"].isin(kept)], rest.assign(key=OTHER_KEY, label=other_label)],
                          ignore_index=True)
        keys.append(OTHER_KEY)
    labels = frame.drop_duplicates("key").set_index("key")["label"]
    grid = frame.pivot(index="key", columns="phase_id", values="value")  # reshape only: one row each
    grid = grid.reindex(index=keys, columns=phases).fillna(0)
    out = grid.stack().rename("value").rename_axis(["key", "phase_id"]).reset_index()  # key by key, phase by phase
    out["label"] = [labels[k] for k in out["key"]]
    return out[["phase_id", "key", "label", "value"]].reset_index(drop=True)


def phase_heatmap(frame: pd.DataFrame, phases: list[str], title: str, value_title: str,
                  lang: str, height: int | None = None, font_size: int = 12) -> go.Figure:
    """frame: phase_id, key, label, value. Rows: breakdown (e.g. VSIC sections) in key order;
    columns: phases. A slide passes sector_breakdown's rows (a slide cannot hold nineteen
    sectors)."""
    labels = frame.drop_duplicates("key").sort_values("key")  # VSIC order; sector_breakdown's "other" last
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
    # Names on two lines of 20 characters (16 in a slide's 24 px type, which a phone must hold too):
    # wider pushed the grid to a third of a phone and turned its phases. Phases under the grid: a column header at
    # the top would sit under the chart's title. Keys on the axis, names as its tick text (two names
    # shortened alike stay two rows).
    layout = browse_layout(title, lang, height or max(300, row * len(labels) + 140), showlegend=False,
                           xaxis={"type": "category", "side": "bottom", "automargin": True},
                           yaxis={"autorange": "reversed", "automargin": True, "type": "category",
                                  "tickmode": "array", "tickvals": keys,
                                  "ticktext": [two_lines(str(v), 20 if font_size < 16 else 16)
                                               for v in labels["label"]]})
    return go.Figure(data=[heat], layout=layout)
