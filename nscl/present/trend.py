"""Trend charts of a target: per-year values against its target line, or yearly values and their
growth on two aligned panels with the target band on the growth panel only. Pure functions
from indicator results to Plotly figures; the running year is drawn as partial everywhere."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import registry
from .. import status as st
from ..i18n import fmt_percent, t
from ..indicators import IndicatorResult
from .style import PALETTE, browse_layout, count_axis, trend_layout, year_labels, years_axis

# Hatched over the bar's own colour: a year not yet complete.
PARTIAL = {"fillmode": "overlay", "fgcolor": "white", "solidity": 0.45, "size": 8}


def _floats(column: pd.Series) -> np.ndarray:
    """Nullable integers as floats with NaN gaps (years still to come draw nothing)."""
    return pd.to_numeric(column, errors="coerce").astype("float64").to_numpy()


def _patterns(complete) -> list[str]:
    return ["" if done else "/" for done in complete]


def figure(result: IndicatorResult, title: str, lang: str, height: int | None = None,
           y_title: str | None = None) -> go.Figure:
    """The trend chart of a target, by its kind (registry.CHARTS)."""
    kind = registry.CHARTS[result.target.kind]
    unit = result.target.unit(lang)
    if kind == "count_trend":
        return count_trend(result, title, lang, height or 280)
    if kind == "growth_trend":
        return growth_panels(result, title, lang, height or 340, y_title or unit)
    return monitor_trend(result, title, lang, height or 280)


def count_trend(result: IndicatorResult, title: str, lang: str, height: int = 280) -> go.Figure:
    """Per-year bars, the cumulative line and the period's target line."""
    series, target_value, unit = result.series, result.target_value, result.target.unit(lang)
    years = year_labels(series["year"], series["complete"], result.as_of, lang)
    values, cumulative = _floats(series["value"]), _floats(series["cumulative"])
    fig = go.Figure()
    fig.add_bar(x=years, y=values, name=t("in_year", lang), marker_color="#74c0fc",
                marker_pattern={**PARTIAL, "shape": _patterns(series["complete"])},
                hovertemplate="%{x}: %{y:,d} " + unit + "<extra></extra>")
    fig.add_scatter(x=years, y=cumulative, name=t("cumulative", lang), mode="lines+markers",
                    line={"color": "#1c6fb5", "width": 3},
                    hovertemplate=t("cumulative", lang) + " %{x}: %{y:,d} " + unit + "<extra></extra>")
    top = float(np.nanmax(cumulative)) if np.isfinite(cumulative).any() else 0.0
    if target_value is not None:
        fig.add_hline(y=target_value, line={"color": st.TARGET_COLOUR, "dash": "dash", "width": 2},
                      annotation_text=f"{t('target_line', lang)}: {target_value:,.0f}",
                      annotation_position="top left")
        top = max(top, float(target_value))
    fig = trend_layout(fig, title, lang, height)
    fig.update_yaxes(**count_axis(top, 1.18))
    fig.update_xaxes(categoryorder="array", categoryarray=years)
    return fig


def _bar_colours(series: pd.DataFrame) -> list[str]:
    return [st.NEUTRAL_COLOUR if m is None or pd.isna(m) else (st.MET_COLOUR if m else st.NOT_MET_COLOUR)
            for m in series["met"]]


def growth_panels(result: IndicatorResult, title: str, lang: str, height: int = 340,
                  y_title: str | None = None) -> go.Figure:
    """Top: the yearly values, coloured by whether that year's growth met the floor. Bottom, on
    the same years: the growth against the previous year, with the plan's floor (and band)."""
    target, series = result.target, result.series
    unit = target.unit(lang)
    rate_min, rate_max = target.rate_min, target.rate_max
    years = year_labels(series["year"], series["complete"], result.as_of, lang)
    band = (t("target_band", lang, low=fmt_percent(rate_min, lang, 0), high=fmt_percent(rate_max, lang, 0))
            if rate_max else t("target_growth", lang, rate=fmt_percent(rate_min, lang, 0)))
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.14, row_heights=[0.58, 0.42],
                        subplot_titles=(y_title or unit, f"{t('growth', lang)} · {band}"))
    values = _floats(series["value"])
    partial_note = [("" if done else " (" + t("to_date", lang, date=result.as_of.strftime("%d/%m")) + ")")
                    for done in series["complete"]]
    frame = pd.DataFrame({"x": years, "y": values, "colour": _bar_colours(series), "note": partial_note,
                          "year": series["year"].astype(str).to_numpy(), "pattern": _patterns(series["complete"])})
    names = {st.NEUTRAL_COLOUR: t("base_year_bar", lang), st.MET_COLOUR: t("met", lang),
             st.NOT_MET_COLOUR: t("not_met", lang)}
    for colour, part in frame.groupby("colour", sort=False):  # one trace per colour: the legend explains them
        fig.add_bar(x=part["x"], y=part["y"], marker_color=colour, name=names[colour],
                    marker_pattern={**PARTIAL, "shape": list(part["pattern"])},
                    customdata=np.stack([part["year"], [""] * len(part)], axis=1), hovertext=part["note"],
                    hovertemplate="%{x}: %{y:,d} " + unit + "%{hovertext}<extra></extra>", row=1, col=1)
    growth = pd.to_numeric(series["growth"], errors="coerce") * 100
    complete = series["complete"].to_numpy(dtype=bool)
    same_days = t("growth_same_days", lang)
    fig.add_scatter(x=years, y=np.where(complete, growth, np.nan), mode="lines+markers", showlegend=False,
                    line={"color": st.TARGET_COLOUR, "width": 2}, marker={"size": 8},
                    hovertemplate="%{x}: %{y:+.1f}%<extra></extra>", row=2, col=1)
    if (~complete).any():  # the running year: the year to date against the same days last year
        fig.add_scatter(x=years, y=np.where(complete, np.nan, growth), mode="markers", showlegend=False,
                        marker={"size": 10, "symbol": "circle-open", "color": st.TARGET_COLOUR, "line": {"width": 2}},
                        hovertemplate="%{x}: %{y:+.1f}% (" + same_days + ")<extra></extra>", row=2, col=1)
    low, high = rate_min * 100, (rate_max or rate_min) * 100
    if rate_max:
        fig.add_hrect(y0=low, y1=high, fillcolor=st.ACHIEVED.colour, opacity=0.15, line_width=0, row=2, col=1)
    fig.add_hline(y=low, line={"color": st.ACHIEVED.colour, "dash": "dash", "width": 1.5}, row=2, col=1)
    finite = growth.dropna()
    top = max(high * 1.5, float(finite.max()) + 5 if len(finite) else 0)
    bottom = min(0.0, float(finite.min()) - 5 if len(finite) else 0)
    fig = browse_layout(fig, title, lang, height, legend=True)
    title_lines = title.count("<br>") + 1 if title else 0
    fig.update_layout(bargap=0.3, barmode="overlay", margin={"l": 10, "r": 10, "t": 44 + 24 * title_lines, "b": 10},
                      legend={"orientation": "h", "x": 0, "y": -0.16, "yanchor": "top", "font": {"size": 11}})
    fig.update_xaxes(type="category", showgrid=False, categoryorder="array", categoryarray=years)
    fig.update_yaxes(gridcolor="#e9ecef", automargin=True)
    fig.update_yaxes(row=1, col=1, **count_axis(np.nanmax(values) if np.isfinite(values).any() else 0))
    fig.update_yaxes(row=2, col=1, range=[bottom, top], nticks=5, ticksuffix="%", zeroline=True,
                     zerolinecolor="#adb5bd")
    for annotation in fig.layout.annotations:  # the panels' titles, left-aligned like the chart's
        annotation.update(x=0, xanchor="left", font={"size": 12, "color": "#495057"})
    return fig


def monitor_trend(result: IndicatorResult, title: str, lang: str, height: int = 280) -> go.Figure:
    series, unit = result.series, result.target.unit(lang)
    years = year_labels(series["year"], series["complete"], result.as_of, lang)
    fig = go.Figure()
    fig.add_bar(x=years, y=_floats(series["value"]), marker_color=st.MONITORED.colour, name=unit,
                marker_pattern={**PARTIAL, "shape": _patterns(series["complete"])},
                hovertemplate="%{x}: %{y:,d} " + unit + "<extra></extra>")
    fig.update_layout(showlegend=False)
    fig = trend_layout(fig, title, lang, height)
    values = _floats(series["value"])
    fig.update_yaxes(**count_axis(np.nanmax(values) if np.isfinite(values).any() else 0))
    fig.update_xaxes(categoryorder="array", categoryarray=years)
    return fig


def lines(frame: pd.DataFrame, title: str, y_title: str, lang: str, height: int = 380) -> go.Figure:
    """frame: year, series, value. One line per series."""
    fig = go.Figure()
    for i, (name, part) in enumerate(frame.groupby("series", sort=True)):
        fig.add_scatter(x=part["year"].astype(int).astype(str), y=part["value"], name=str(name),
                        mode="lines+markers", line={"color": PALETTE[i % len(PALETTE)], "width": 3},
                        hovertemplate="%{fullData.name}<br>%{x}: %{y:,d}<extra></extra>")
    fig.update_layout(yaxis={"title": y_title})
    years_axis(fig)
    fig = browse_layout(fig, title, lang, height)
    top = pd.to_numeric(frame["value"], errors="coerce").max() if len(frame) else 0
    fig.update_yaxes(**count_axis(top), automargin=True)
    return fig
