"""Trend charts of a target: per-year values against its target line or growth band. Pure
functions DataFrame -> plotly Figure."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import status as st
from ..i18n import fmt_percent, t
from .style import PALETTE, browse_layout, trend_layout, years_axis


def _floats(column: pd.Series) -> np.ndarray:
    """Nullable integers as floats with NaN gaps (years still to come draw nothing)."""
    return pd.to_numeric(column, errors="coerce").astype("float64").to_numpy()


def count_trend(series: pd.DataFrame, target_value: float | None, title: str,
                unit: str, lang: str, height: int = 260) -> go.Figure:
    """Per-year bars, cumulative line and the period's target line."""
    years = series["year"].astype(str)
    values, cumulative = _floats(series["value"]), _floats(series["cumulative"])
    fig = go.Figure()
    fig.add_bar(x=years, y=values, name=t("in_year", lang), marker_color="#74c0fc",
                hovertemplate="%{x}: %{y:,d} " + unit + "<extra></extra>")
    fig.add_scatter(x=years, y=cumulative, name=t("cumulative", lang), mode="lines+markers",
                    line={"color": "#1c7ed6", "width": 3},
                    hovertemplate=t("cumulative", lang) + " %{x}: %{y:,d} " + unit + "<extra></extra>")
    if target_value is not None:
        fig.add_hline(y=target_value, line={"color": st.TARGET_COLOUR, "dash": "dash", "width": 2},
                      annotation_text=f"{t('target_line', lang)}: {target_value:,.0f}",
                      annotation_position="top left")
        top = np.nanmax(cumulative) if np.isfinite(cumulative).any() else 0.0
        fig.update_yaxes(range=[0, max(target_value, float(top)) * 1.15])
    return trend_layout(fig, title, lang, height)


def growth_trend(series: pd.DataFrame, rate_min: float, title: str, unit: str, lang: str,
                 height: int = 260) -> go.Figure:
    """Per-year bars coloured by whether that year's growth met the floor."""
    years = series["year"].astype(str)
    colours, labels, hover = [], [], []
    for row in series.itertuples():
        if row.met is None or pd.isna(row.met):
            colours.append(st.NEUTRAL_COLOUR)
            labels.append(t("base_year_bar", lang))
            hover.append("")
        else:
            colours.append(st.MET_COLOUR if row.met else st.NOT_MET_COLOUR)
            labels.append(t("met", lang) if row.met else t("not_met", lang))
            suffix = "" if row.complete else f" ({st.PROVISIONAL[lang]})"
            hover.append(f"{t('growth', lang)}: {fmt_percent(row.growth, lang, signed=True)}{suffix}")
    fig = go.Figure()
    # One trace per colour so the legend explains the colours.
    frame = pd.DataFrame({"x": years, "y": series["value"], "c": colours, "l": labels, "h": hover})
    for (colour, label), part in frame.groupby(["c", "l"], sort=False):
        fig.add_bar(x=part["x"], y=part["y"], name=label, marker_color=colour, customdata=part["h"],
                    hovertemplate="%{x}: %{y:,d} " + unit + "<br>%{customdata}<extra></extra>")
    fig.update_layout(barmode="overlay", showlegend=True)
    fig.update_xaxes(categoryorder="array", categoryarray=list(years))
    floor = fmt_percent(rate_min, lang, 0)
    fig.add_annotation(text=f"{t('band_floor', lang)}: {floor}{t('per_year', lang)}", xref="paper",
                       yref="paper", x=1, y=1.08, showarrow=False, xanchor="right", font={"size": 11})
    return trend_layout(fig, title, lang, height)


def monitor_trend(series: pd.DataFrame, title: str, unit: str, lang: str, height: int = 260) -> go.Figure:
    fig = go.Figure()
    fig.add_bar(x=series["year"].astype(str), y=series["value"], marker_color=st.MONITORED.colour,
                name=unit, hovertemplate="%{x}: %{y:,d} " + unit + "<extra></extra>")
    fig.update_layout(showlegend=False)
    return trend_layout(fig, title, lang, height)


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
    years_axis(fig)
    return browse_layout(fig, title, lang, height)


def lines(frame: pd.DataFrame, title: str, y_title: str, lang: str, height: int = 380) -> go.Figure:
    """frame: year, series, value. One line per series."""
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby("series", sort=True)):
        fig.add_scatter(x=part["year"].astype(int).astype(str), y=part["value"], name=str(name),
                        mode="lines+markers", line={"color": PALETTE[i % len(PALETTE)], "width": 3},
                        hovertemplate="%{fullData.name}<br>%{x}: %{y:,d}<extra></extra>")
    fig.update_layout(yaxis={"title": y_title, "tickformat": ",d"})
    years_axis(fig)
    return browse_layout(fig, title, lang, height)
