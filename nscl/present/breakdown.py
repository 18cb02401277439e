"""Chart builders of the browse pages: pure functions from query results to Plotly figures."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import geo
from . import status as st
from .charts import FONT
from .i18n import fmt_percent, plotly_separators, t

MAP_LABELS = 10  # bubbles named on the map; the others in their hover
PALETTE = ["#1c7ed6", "#f08c00", "#2f9e44", "#ae3ec9", "#e8590c", "#0c8599", "#5c940d", "#c2255c",
           "#6741d9", "#868e96", "#d9480f", "#1098ad", "#74b816", "#f76707", "#495057"]


def short(label: str, width: int = 32) -> str:
    """Legend and axis labels stay readable; the full text is in the hover."""
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def _layout(fig: go.Figure, title: str, lang: str, height: int, legend: bool = True) -> go.Figure:
    fig.update_layout(
        title={"text": title, "font": {"size": 15}, "x": 0, "xanchor": "left"},
        height=height, margin={"l": 10, "r": 10, "t": 50, "b": 10},
        separators=plotly_separators(lang), font={"family": FONT, "size": 12},
        plot_bgcolor="white", showlegend=legend,
        legend={"orientation": "h", "y": -0.15, "x": 0},
        clickmode="event+select", dragmode=False,
    )
    return fig


def _years_axis(fig: go.Figure) -> None:
    fig.update_xaxes(type="category", showgrid=False)  # never 2,020.5
    fig.update_yaxes(gridcolor="#e9ecef", rangemode="tozero")


def growth_band(series: pd.DataFrame, rate_min: float, rate_max: float | None, title: str,
                unit: str, y_title: str, lang: str, height: int = 420) -> go.Figure:
    """Yearly values as bars coloured by whether growth met the plan's floor, and the
    growth line against the target band (both from the plan configuration)."""
    years = series["year"].astype(str).tolist()
    colours = [st.NEUTRAL_COLOUR if pd.isna(m) else (st.MET_COLOUR if m else st.NOT_MET_COLOUR)
               for m in series["met"]]
    fig = go.Figure()
    fig.add_bar(x=years, y=series["value"], marker_color=colours, name=y_title,
                customdata=np.stack([series["year"].astype(str), [""] * len(series)], axis=1),
                hovertemplate="%{x}: %{y:,d} " + unit + "<extra></extra>")
    growth = pd.to_numeric(series["growth"], errors="coerce") * 100
    fig.add_scatter(x=years, y=growth, yaxis="y2", mode="lines+markers", name=t("col_growth", lang),
                    line={"color": st.TARGET_COLOUR, "width": 2},
                    hovertemplate="%{x}: %{y:,.1f}%<extra></extra>")
    low = rate_min * 100
    high = (rate_max or rate_min) * 100
    if rate_max:
        fig.add_hrect(y0=low, y1=high, yref="y2", fillcolor=st.ACHIEVED.colour, opacity=0.12, line_width=0)
    fig.add_hline(y=low, yref="y2", line={"color": st.ACHIEVED.colour, "dash": "dash"},
                  annotation_text=(t("target_band", lang, low=fmt_percent(rate_min, lang, 0),
                                     high=fmt_percent(rate_max, lang, 0)) if rate_max else
                                   t("target_growth", lang, rate=fmt_percent(rate_min, lang, 0))),
                  annotation_position="top left")
    finite = growth.dropna()
    top = max(high * 1.6, float(finite.max()) * 1.2 if len(finite) else 0)
    bottom = min(0.0, float(finite.min()) * 1.2 if len(finite) else 0)
    fig.update_layout(yaxis2={"overlaying": "y", "side": "right", "ticksuffix": "%", "dtick": 5,
                              "range": [bottom, top], "showgrid": False, "title": t("col_growth", lang)},
                      yaxis={"title": y_title, "tickformat": ",d"})
    _years_axis(fig)
    return _layout(fig, title, lang, height)


def stacked_years(frame: pd.DataFrame, title: str, y_title: str, lang: str, height: int = 420) -> go.Figure:
    """frame: year, key, label, value. One stacked bar per year, one colour per key."""
    fig = go.Figure()
    years = sorted(frame["year"].astype(int).unique())
    for i, (key, part) in enumerate(frame.groupby("key", sort=False)):
        label = str(part["label"].iloc[0])
        fig.add_bar(x=part["year"].astype(int).astype(str), y=part["value"], name=short(label),
                    marker_color=PALETTE[i % len(PALETTE)],
                    customdata=np.stack([part["year"].astype(int).astype(str), part["key"]], axis=1),
                    hovertext=[label] * len(part), hovertemplate="%{hovertext}<br>%{x}: %{y:,d}<extra></extra>")
    fig.update_layout(barmode="stack", yaxis={"title": y_title, "tickformat": ",d"})
    _years_axis(fig)
    fig.update_xaxes(categoryorder="array", categoryarray=[str(y) for y in years])
    return _layout(fig, title, lang, height)


def ranked(frame: pd.DataFrame, title: str, x_title: str, lang: str, height: int | None = None) -> go.Figure:
    """frame: key, label, value. Horizontal bars, largest on top."""
    data = frame.sort_values("value", ascending=True)
    fig = go.Figure(go.Bar(
        x=data["value"], y=[short(str(v), 40) for v in data["label"]], orientation="h", marker_color=PALETTE[0],
        customdata=np.stack([[""] * len(data), data["key"]], axis=1), hovertext=data["label"],
        hovertemplate="%{hovertext}: %{x:,d}<extra></extra>"))
    fig.update_layout(xaxis={"title": x_title, "tickformat": ",d", "gridcolor": "#e9ecef"},
                      yaxis={"automargin": True})
    return _layout(fig, title, lang, height or max(260, 28 * len(data) + 90), legend=False)


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
    return _layout(fig, title, lang, height or max(300, 26 * len(labels) + 120), legend=False)


def lines(frame: pd.DataFrame, title: str, y_title: str, lang: str, height: int = 380) -> go.Figure:
    """frame: year, series, value. One line per series."""
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby("series", sort=True)):
        fig.add_scatter(x=part["year"].astype(int).astype(str), y=part["value"], name=str(name),
                        mode="lines+markers", line={"color": PALETTE[i % len(PALETTE)], "width": 3},
                        hovertemplate="%{fullData.name}<br>%{x}: %{y:,d}<extra></extra>")
    fig.update_layout(yaxis={"title": y_title, "tickformat": ",d"})
    _years_axis(fig)
    return _layout(fig, title, lang, height)


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
    fig = _layout(fig, title, lang, height, legend=False)
    fig.update_layout(margin={"l": 10, "r": 10, "t": 50, "b": 40})
    return fig
