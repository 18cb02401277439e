"""Chart builders: pure functions from indicator data to Plotly figures (no Streamlit)."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from . import status as st
from .i18n import fmt_percent, plotly_separators, t

FONT = "Segoe UI, Roboto, Noto Sans, DejaVu Sans, Arial, sans-serif"


def _layout(fig: go.Figure, title: str, lang: str, height: int) -> go.Figure:
    fig.update_layout(
        title={"text": title, "font": {"size": 13}, "x": 0, "xanchor": "left"},
        height=height,
        margin={"l": 8, "r": 8, "t": 40, "b": 8},
        separators=plotly_separators(lang),
        font={"family": FONT, "size": 12},
        legend={"orientation": "h", "y": -0.18, "x": 0, "font": {"size": 11}},
        plot_bgcolor="white",
        bargap=0.25,
    )
    # Years are categories: never 2,020.5 on the axis.
    fig.update_xaxes(type="category", title=None, showgrid=False)
    fig.update_yaxes(gridcolor="#e9ecef", rangemode="tozero", tickformat=",d")
    return fig


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
    return _layout(fig, title, lang, height)


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
    return _layout(fig, title, lang, height)


def monitor_trend(series: pd.DataFrame, title: str, unit: str, lang: str, height: int = 260) -> go.Figure:
    fig = go.Figure()
    fig.add_bar(x=series["year"].astype(str), y=series["value"], marker_color=st.MONITORED.colour,
                name=unit, hovertemplate="%{x}: %{y:,d} " + unit + "<extra></extra>")
    fig.update_layout(showlegend=False)
    return _layout(fig, title, lang, height)
