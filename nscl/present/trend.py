"""Trend charts of a target: per-year values against its target line, or yearly values and their
growth on two aligned panels with the target band on the growth panel only. Pure functions
from indicator results to Plotly figures; the running year is drawn as partial everywhere."""
from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from .. import registry
from .. import status as st
from ..i18n import fmt_count, fmt_number, fmt_percent, plotly_separators, t
from ..indicators import IndicatorResult
from .escape import chart_text
from .style import (
    FONT,
    PALETTE,
    TITLE,
    YEARS_AXES,
    browse_layout,
    count_axis,
    merged,
    nice_step,
    trend_layout,
    year_labels,
    year_ticks,
)

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
    series, target_value, unit = result.series, result.target_value, chart_text(result.target.unit(lang))
    years = year_labels(series["year"], series["complete"], result.as_of, lang)
    values, cumulative = _floats(series["value"]), _floats(series["cumulative"])
    traces = [
        go.Bar(x=years, y=values, name=t("in_year", lang), marker_color="#74c0fc",
               marker_pattern={**PARTIAL, "shape": _patterns(series["complete"])},
               hovertemplate="%{x}: %{y:,d} " + unit + "<extra></extra>"),
        go.Scatter(x=years, y=cumulative, name=t("cumulative", lang), mode="lines+markers",
                   line={"color": "#1c6fb5", "width": 3}, cliponaxis=False,  # a point at 0 stays whole
                   hovertemplate=t("cumulative", lang) + " %{x}: %{y:,d} " + unit + "<extra></extra>"),
    ]
    top = float(np.nanmax(cumulative)) if np.isfinite(cumulative).any() else 0.0
    target_line = {}
    if target_value is not None:
        target_line = {
            "shapes": [{"type": "line", "xref": "x domain", "yref": "y", "x0": 0, "x1": 1,
                        "y0": target_value, "y1": target_value,
                        "line": {"color": st.TARGET_COLOUR, "dash": "dash", "width": 2}}],
            "annotations": [{"text": f"{t('target_line', lang)}: {fmt_number(target_value, lang)}", "showarrow": False,
                             "xref": "x domain", "yref": "y", "x": 0, "y": target_value,
                             "xanchor": "left", "yanchor": "bottom"}]}
        top = max(top, float(target_value))
    layout = trend_layout(title, lang, height, yaxis=count_axis(top, 1.18),
                          xaxis={"categoryorder": "array", "categoryarray": years,
                                 **year_ticks(years, series["complete"])}, **target_line)
    return go.Figure(data=traces, layout=layout)


def _bar_colours(series: pd.DataFrame) -> list[str]:
    return [st.NEUTRAL_COLOUR if m is None or pd.isna(m) else (st.MET_COLOUR if m else st.NOT_MET_COLOUR)
            for m in series["met"]]


TOP_PANEL, BOTTOM_PANEL = [0.50, 1.0], [0.0, 0.34]  # shares of the plot's height: counts above, growth below


def same_period_notes(series: pd.DataFrame, lang: str) -> list[str]:
    """Per year of a growth series: for a year not complete, what its growth is compared with,
    "cùng kỳ 2025: 97" (the same days of the year before); empty for complete years."""
    if "value_ytd" not in series.columns:
        return [""] * len(series)
    ytd = {int(y): v for y, v in zip(series["year"], series["value_ytd"])}
    notes = []
    for year, done in zip(series["year"], series["complete"]):
        before = ytd.get(int(year) - 1)
        missing = done or before is None or pd.isna(before)
        notes.append("" if missing else t("same_period", lang, year=int(year) - 1, value=fmt_count(float(before), lang)))
    return notes


def growth_panels(result: IndicatorResult, title: str, lang: str, height: int = 340,
                  y_title: str | None = None) -> go.Figure:
    """Top: the yearly values, coloured by whether that year's growth met the floor. Bottom, on
    the same years: the growth against the previous year, with the plan's floor (and band).
    Two y axes on one shared x axis, laid out by hand (plotly's make_subplots costs ten times
    more server time than the chart itself)."""
    target, series = result.target, result.series
    unit = chart_text(target.unit(lang))
    rate_min, rate_max = target.rate_min, target.rate_max
    years = year_labels(series["year"], series["complete"], result.as_of, lang)
    band = (t("target_band", lang, low=fmt_percent(rate_min, lang, 0), high=fmt_percent(rate_max, lang, 0))
            if rate_max else t("target_growth", lang, rate=fmt_percent(rate_min, lang, 0)))
    values = _floats(series["value"])
    compared = same_period_notes(series, lang)
    partial_note = [("" if done else " (" + "; ".join(filter(None, [
                        t("to_date", lang, date=result.as_of.strftime("%d/%m")), same])) + ")")
                    for done, same in zip(series["complete"], compared)]
    frame = pd.DataFrame({"x": years, "y": values, "colour": _bar_colours(series), "note": partial_note,
                          "year": series["year"].astype(str).to_numpy(), "pattern": _patterns(series["complete"])})
    names = {st.NEUTRAL_COLOUR: t("base_year_bar", lang), st.MET_COLOUR: t("met", lang),
             st.NOT_MET_COLOUR: t("not_met", lang)}
    traces = []
    for colour, part in frame.groupby("colour", sort=False):  # one trace per colour: the legend explains them
        traces.append(go.Bar(x=part["x"], y=part["y"], marker_color=colour, name=names[colour],
                             marker_pattern={**PARTIAL, "shape": list(part["pattern"])},
                             customdata=np.stack([part["year"], [""] * len(part)], axis=1), hovertext=part["note"],
                             hovertemplate="%{x}: %{y:,d} " + unit + "%{hovertext}<extra></extra>",
                             xaxis="x", yaxis="y"))
    growth = pd.to_numeric(series["growth"], errors="coerce") * 100
    complete = series["complete"].to_numpy(dtype=bool)
    traces.append(go.Scatter(x=years, y=np.where(complete, growth, np.nan), mode="lines+markers", showlegend=False,
                             line={"color": st.TARGET_COLOUR, "width": 2}, marker={"size": 8}, cliponaxis=False,
                             hovertemplate="%{x}: %{y:+.1f}%<extra></extra>", xaxis="x", yaxis="y2"))
    if (~complete).any():  # the running year: the year to date against the same days last year
        traces.append(go.Scatter(
            x=years, y=np.where(complete, np.nan, growth), mode="markers", showlegend=False, cliponaxis=False,
            marker={"size": 10, "symbol": "circle-open", "color": st.TARGET_COLOUR, "line": {"width": 2}},
            hovertext=[f"{t('growth_same_days', lang)}{'; ' + same if same else ''}" for same in compared],
            hovertemplate="%{x}: %{y:+.1f}% (%{hovertext})<extra></extra>",
            xaxis="x", yaxis="y2"))
    # The band in the legend (it wraps on a phone; a panel title would be cut).
    traces.append(go.Scatter(x=[None], y=[None], mode="lines", name=band, xaxis="x", yaxis="y2",
                             line={"color": st.ACHIEVED.colour, "dash": "dash", "width": 1.5}))
    low, high = rate_min * 100, (rate_max or rate_min) * 100
    shapes = [{"type": "line", "xref": "x domain", "yref": "y2", "x0": 0, "x1": 1, "y0": low, "y1": low,
               "line": {"color": st.ACHIEVED.colour, "dash": "dash", "width": 1.5}}]
    if rate_max:
        shapes.insert(0, {"type": "rect", "xref": "x domain", "yref": "y2", "x0": 0, "x1": 1, "y0": low, "y1": high,
                          "fillcolor": st.ACHIEVED.colour, "opacity": 0.15, "line": {"width": 0}, "layer": "below"})
    finite = growth.dropna()
    top = max(high * 1.5, float(finite.max()) + 5 if len(finite) else 0)
    bottom = min(0.0, float(finite.min()) - 5 if len(finite) else 0)
    panel_title = {"xref": "paper", "yref": "paper", "x": 0, "xanchor": "left", "yanchor": "bottom",
                   "showarrow": False, "font": {"size": 12, "color": "#495057"}}
    title_lines = title.count("<br>") + 1 if title else 0
    return go.Figure(data=traces, layout=dict(
        title=TITLE | {"text": title},
        height=height, margin={"l": 10, "r": 10, "t": 50 + 22 * title_lines, "b": 10},
        separators=plotly_separators(lang), font={"family": FONT, "size": 12}, plot_bgcolor="white",
        showlegend=True, legend={"orientation": "h", "x": 0, "y": -0.3, "yanchor": "top", "font": {"size": 11}},
        clickmode="event+select", dragmode=False, bargap=0.3, barmode="overlay", shapes=shapes,
        annotations=[{**panel_title, "text": chart_text(y_title) if y_title else unit, "y": TOP_PANEL[1] + 0.02},
                     {**panel_title, "text": t("col_growth", lang), "y": BOTTOM_PANEL[1] + 0.02}],
        xaxis={"type": "category", "showgrid": False, "categoryorder": "array", "categoryarray": years,
               "anchor": "y2", "tickangle": 0, "automargin": True, **year_ticks(years, series["complete"])},
        yaxis={"domain": TOP_PANEL, "gridcolor": "#e9ecef", "automargin": True,
               **count_axis(np.nanmax(values) if np.isfinite(values).any() else 0)},
        yaxis2={"domain": BOTTOM_PANEL, "anchor": "x", "gridcolor": "#e9ecef", "automargin": True,
                # Three ticks at most: five piled up on a phone's 60 px panel.
                "range": [bottom, top], "tick0": 0, "dtick": nice_step(top - bottom, 3), "ticksuffix": "%",
                "zeroline": True, "zerolinecolor": "#adb5bd"},
    ))


def monitor_trend(result: IndicatorResult, title: str, lang: str, height: int = 280) -> go.Figure:
    """Yearly values of a monitored indicator as bars, the running year hatched."""
    series, unit = result.series, chart_text(result.target.unit(lang))
    years = year_labels(series["year"], series["complete"], result.as_of, lang)
    values = _floats(series["value"])
    bars = go.Bar(x=years, y=values, marker_color=st.MONITORED.colour, name=unit,
                  marker_pattern={**PARTIAL, "shape": _patterns(series["complete"])},
                  hovertemplate="%{x}: %{y:,d} " + unit + "<extra></extra>")
    layout = trend_layout(title, lang, height, showlegend=False,
                          yaxis=count_axis(np.nanmax(values) if np.isfinite(values).any() else 0),
                          xaxis={"categoryorder": "array", "categoryarray": years, **year_ticks(years, series["complete"])})
    return go.Figure(data=[bars], layout=layout)


def lines(frame: pd.DataFrame, title: str, y_title: str, lang: str, height: int = 380) -> go.Figure:
    """frame: year, series, value. One line per series."""
    traces = [go.Scatter(x=part["year"].astype(int).astype(str), y=part["value"], name=chart_text(str(name)),
                         mode="lines+markers", line={"color": PALETTE[i % len(PALETTE)], "width": 3}, cliponaxis=False,
                         hovertemplate="%{fullData.name}<br>%{x}: %{y:,d}<extra></extra>")
              for i, (name, part) in enumerate(frame.groupby("series", sort=True))]
    top = pd.to_numeric(frame["value"], errors="coerce").max() if len(frame) else 0
    layout = browse_layout(title, lang, height, **merged(YEARS_AXES, {
        "yaxis": {"title": chart_text(y_title), **count_axis(top), "automargin": True}}))
    return go.Figure(data=traces, layout=layout)
