"""The look shared by every chart: font, palette, layouts, axis of years, short labels."""
from __future__ import annotations

import plotly.graph_objects as go

from ..i18n import plotly_separators

FONT = "Segoe UI, Roboto, Noto Sans, DejaVu Sans, Arial, sans-serif"


PALETTE = ["#1c7ed6", "#f08c00", "#2f9e44", "#ae3ec9", "#e8590c", "#0c8599", "#5c940d", "#c2255c",
           "#6741d9", "#868e96", "#d9480f", "#1098ad", "#74b816", "#f76707", "#495057"]


def short(label: str, width: int = 32) -> str:
    """Legend and axis labels stay readable; the full text is in the hover."""
    return label if len(label) <= width else label[: width - 1].rstrip() + "…"


def browse_layout(fig: go.Figure, title: str, lang: str, height: int, legend: bool = True) -> go.Figure:
    fig.update_layout(
        title={"text": title, "font": {"size": 15}, "x": 0, "xanchor": "left"},
        height=height, margin={"l": 10, "r": 10, "t": 50, "b": 10},
        separators=plotly_separators(lang), font={"family": FONT, "size": 12},
        plot_bgcolor="white", showlegend=legend,
        legend={"orientation": "h", "y": -0.15, "x": 0},
        clickmode="event+select", dragmode=False,
    )
    return fig


def trend_layout(fig: go.Figure, title: str, lang: str, height: int) -> go.Figure:
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


def years_axis(fig: go.Figure) -> None:
    fig.update_xaxes(type="category", showgrid=False)  # never 2,020.5
    fig.update_yaxes(gridcolor="#e9ecef", rangemode="tozero")
