"""The look shared by every chart: font, palette, layouts, axis of years, short labels."""
from __future__ import annotations

from ..i18n import plotly_separators

FONT = "Segoe UI, Roboto, Noto Sans, DejaVu Sans, Arial, sans-serif"


# Ten colours that stay apart (Tableau 10 without its grey); "Khác" (other) is grey. A chart
# never shows more series than this: the rest are summed into "Khác" (top_categories).
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
           "#9c755f", "#2f4b7c"]
OTHER_COLOUR = "#9aa0a6"
OTHER_KEY = "__other__"


# Titles start at the top left of the chart, so a title of several lines never runs into the plot.
TITLE = {"font": {"size": 15}, "x": 0, "xanchor": "left", "xref": "container", "y": 1, "yref": "container",
         "yanchor": "top", "pad": {"t": 16, "l": 4}}


def year_labels(years, complete, as_of, lang: str) -> list[str]:
    """Year categories; the running year says how far it goes: "2026 (đến 26/11)"."""
    from ..i18n import t

    out = []
    for year, done in zip(years, complete):
        text = str(int(year))
        if not done and as_of is not None and int(year) == as_of.year:
            text += "<br>" + t("year_partial", lang, day=as_of.strftime("%d/%m"))
        out.append(text)
    return out


def nice_step(top: float, ticks: int = 5) -> int:
    """A whole-number tick step (1, 2, 5 × 10^k) giving about `ticks` ticks up to `top`: count
    axes never show fractions or repeated labels."""
    if top <= ticks:
        return 1
    raw = top / ticks
    magnitude = 10 ** (len(str(int(raw))) - 1)
    for factor in (1, 2, 5, 10):
        if factor * magnitude >= raw:
            return int(factor * magnitude)
    return int(10 * magnitude)


def count_axis(top: float, headroom: float = 1.12) -> dict:
    """A count axis from 0 with whole ticks and room above the tallest bar."""
    top = max(float(top or 0), 1.0) * headroom
    return {"range": [0, top], "dtick": nice_step(top), "tick0": 0, "tickformat": ",d", "rangemode": "tozero"}


def top_categories(frame, other_label: str, n: int = 8):
    """The n-1 keys with the largest totals, the rest summed into one "other" row per year.
    frame: year, key, label, value. Returns the frame and the keys kept, largest first."""
    import pandas as pd

    totals = frame.groupby("key", dropna=False)["value"].sum().sort_values(ascending=False)
    if len(totals) <= n:
        return frame, list(totals.index)
    kept = list(totals.index[: n - 1])
    main = frame[frame["key"].isin(kept)]
    rest = frame[~frame["key"].isin(kept)].groupby("year", as_index=False)["value"].sum()
    rest = rest.assign(key=OTHER_KEY, label=other_label)
    return pd.concat([main, rest], ignore_index=True), [*kept, OTHER_KEY]


def wrap(title: str, width: int = 60) -> str:
    """A long chart title on several lines (Plotly never wraps one and cuts it at the edge); the
    text is escaped, since it may hold names from data."""
    import textwrap

    from .escape import chart_text

    return "<br>".join(chart_text(line) for line in textwrap.wrap(title, width)) or chart_text(title)


def year_ticks(categories: list[str], complete=None) -> dict:
    """Tick settings of a years axis. More than seven years: every other one labelled, as eleven
    four-digit years ran together ("20212022…") on a phone's 300 px plot; the running year (the
    first incomplete one), or else the last, is always labelled and every bar keeps its hover.
    The running year's "(đến 26/11)" in small type, so it fits a fifth of a phone's plot."""
    flags = list(complete) if complete is not None else []
    if len(categories) > 7:
        anchor = next((i for i, done in enumerate(flags) if not done), len(categories) - 1)
        shown = [c for i, c in enumerate(categories) if (anchor - i) % 2 == 0]
    else:
        shown = list(categories)
    text = [c.replace("<br>", "<br><span style='font-size:10px'>", 1) + "</span>" if "<br>" in c else c
            for c in shown]
    return {"tickmode": "array", "tickvals": shown, "ticktext": text}


def two_lines(label: str, width: int = 24) -> str:
    """A category label on at most two short lines, escaped: long names pushed the plot off a
    phone's 330 px chart and were cut at its edge. The full name is in the hover."""
    import textwrap

    from .escape import chart_text

    lines = textwrap.wrap(label, width) or [label]
    if len(lines) > 2:
        lines = [lines[0], short(" ".join(lines[1:]), width)]
    return "<br>".join(chart_text(line) for line in lines)


def short(label: str, width: int = 32) -> str:
    """Legend and axis labels stay readable; the full text is in the hover. The cut falls between
    words ("Chương trình…", not "Chương trình qu…") unless that would drop half the room."""
    if len(label) <= width:
        return label
    cut = label[: width - 1]
    if not label[width - 1].isspace():
        whole = cut.rsplit(" ", 1)[0]
        cut = whole if len(whole) >= width // 2 else cut
    return cut.rstrip(" ,;:–-·(") + "…"


def merged(base: dict, *overrides: dict) -> dict:
    """base with overrides laid over it, nested dicts merged key by key."""
    out = dict(base)
    for extra in overrides:
        for key, value in extra.items():
            out[key] = merged(out[key], value) if isinstance(value, dict) and isinstance(out.get(key), dict) else value
    return out


# Each builder makes its figure with one layout (go.Figure(data, layout)): every
# update_layout/update_axes call validates its part again, a tenth of a chart's build time each.
def browse_layout(title: str, lang: str, height: int, **extra) -> dict:
    """The layout of a browse chart, legend shown; `extra` is laid over it (nested dicts merged)."""
    return merged({
        "title": TITLE | {"text": title},
        "height": height, "margin": {"l": 10, "r": 10, "t": 36 + 20 * (title.count("<br>") + 1) if title else 20,
                                     "b": 10},
        "separators": plotly_separators(lang), "font": {"family": FONT, "size": 12},
        "plot_bgcolor": "white", "showlegend": True,
        "legend": {"orientation": "h", "y": -0.15, "x": 0},
        "clickmode": "event+select", "dragmode": False,
    }, extra)


def trend_layout(title: str, lang: str, height: int, **extra) -> dict:
    """The layout of a card's trend chart; `extra` is laid over it (nested dicts merged)."""
    return merged({
        "title": TITLE | {"text": title, "font": {"size": 13}},
        "height": height,
        "margin": {"l": 8, "r": 8, "t": 40 + 20 * (title.count("<br>") + 1) if title else 24, "b": 8},
        "separators": plotly_separators(lang),
        "font": {"family": FONT, "size": 12},
        "legend": {"orientation": "h", "y": -0.3, "yanchor": "top", "x": 0, "font": {"size": 11}},
        "plot_bgcolor": "white",
        "bargap": 0.25,
        # Years are categories: never 2,020.5 on the axis.
        "xaxis": {"type": "category", "title": None, "showgrid": False, "tickangle": 0, "automargin": True},
        "yaxis": {"gridcolor": "#e9ecef", "rangemode": "tozero", "tickformat": ",d", "automargin": True},
    }, extra)


# Years are categories: never 2,020.5.
YEARS_AXES = {"xaxis": {"type": "category", "showgrid": False},
              "yaxis": {"gridcolor": "#e9ecef", "rangemode": "tozero"}}
