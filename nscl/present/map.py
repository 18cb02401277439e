"""The place map, drawn without tiles (no request leaves the machine): the plan's province outline
as it was at the end of the date range (the old province before 1/7/2025, the province of the 34
from then on), the communes in force from 1/7/2025 shaded by value where their outlines exist,
and bubbles, each named, at the seats of places that have no open outline (the former districts)."""
from __future__ import annotations

import csv
import datetime as dt
import math
import textwrap
from functools import lru_cache

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from .. import geo
from ..i18n import t
from ..settings import CATALOGUES_DIR
from .escape import chart_text, chart_texts
from .style import PALETTE, browse_layout

MAP_LABELS = 10  # communes named on the shaded map; the others in their hover
SHADES = [[0.0, "#dbe4ef"], [1.0, "#1f3b63"]]  # light to dark blue: more is darker
NO_VALUE = "#f8f9fa"  # communes without records
LABEL_FONT = 10
COLOUR_BAR_ROOM = 56  # px above the map for the colour bar of the shaded communes
NOTE_WIDTH = 62  # characters per line of the notes under the map (9 px type)
# Where a bubble's name may go, tried in this order: (textposition, dx, dy) in label widths /
# heights from the bubble's centre (dx: 0 right of the bubble, -1 left of it; dy likewise).
LABEL_SPOTS = (("middle right", 0.0, -0.5), ("middle left", -1.0, -0.5), ("top center", -0.5, 0.0),
               ("bottom center", -0.5, -1.0), ("top right", 0.0, 0.0), ("bottom right", 0.0, -1.0),
               ("top left", -1.0, 0.0), ("bottom left", -1.0, -1.0))


def map_level(start: dt.date, last_day: dt.date, geography: str) -> str:
    """The places a map of a date range shows: 'current' (the communes from 1/7/2025) for a range
    that starts on or after 1/7/2025, 'district' (the former districts) for one that ends before
    it, and the geography the viewer chose for a range across the reform."""
    if start >= geo.REFORM_DAY:
        return "current"
    if last_day < geo.REFORM_DAY:
        return "district"
    return geography


@lru_cache(maxsize=1)
def unit_types() -> tuple[str, ...]:
    """The Vietnamese unit types a place's name starts with (data/catalogues/place_prefixes.csv),
    longest first, lower case."""
    with (CATALOGUES_DIR / "place_prefixes.csv").open(encoding="utf-8", newline="") as fh:
        return tuple(sorted((row["prefix"].strip().lower() for row in csv.DictReader(fh)), key=len, reverse=True))


def short_name(label: str) -> str:
    """A place's name without its unit type, for a label on the map: "Huyện Quảng Ninh" → "Quảng
    Ninh", "Đồng Hới City" → "Đồng Hới" (a leading Vietnamese unit type dropped, then the words from
    the first to the last that start with a capital or a digit), a closing note in brackets kept
    ("Đồng Hới (huyện cũ)"); the label itself when no word is left."""
    text = str(label)
    note = ""
    if text.endswith(")") and " (" in text:  # "(huyện cũ)": what the place is now, kept
        text, note = text[:text.rindex(" (")], text[text.rindex(" ("):]
    kind = next((k for k in unit_types() if text.lower().startswith(k + " ")), "")
    words = text[len(kind):].split()
    if not kind and words and words[-1].lower() in ("city", "district", "town", "ward", "commune", "township",
                                                      "province", "zone"):
        words = words[:-2] if words[-2:-1] == ["Special"] else words[:-1]
    named = [i for i, w in enumerate(words) if w[:1].isupper() or w[:1].isdigit()]
    return " ".join(words[named[0]:named[-1] + 1]) + note if named else str(label)


def place_map(frame: pd.DataFrame, title: str, value_title: str, lang: str, height: int = 520,
              province: str = "44", day: dt.date | None = None) -> go.Figure:
    """frame: key, label, lat, lon, value. The outline of the plan's province (a name or GSO code,
    or a province of the 34 with a day, see nscl.geo.area) as on `day` (None: before the reform);
    from 1/7/2025 the communes whose outlines exist are shaded by value (matched on their
    five-digit code, the place key), every other place with a value is a named bubble at its seat."""
    xs, ys = geo.area_rings(province, day)
    traces = [go.Scatter(x=xs, y=ys, mode="lines", fill="toself", fillcolor="#f1f3f5",
                         line={"color": "#868e96", "width": 1}, hoverinfo="skip", showlegend=False)]
    communes = geo.commune_outlines(province) if day is not None and day >= geo.REFORM_DAY else {}
    shaded = frame[frame["key"].isin(list(communes))] if communes else frame.iloc[0:0]
    others = frame[~frame.index.isin(shaded.index)]
    others = others[others["value"] > 0]
    scale = _scale(ys)
    notes = []
    if communes:
        # One level on a map: from 1/7/2025 the communes. Records kept under a former district
        # (it became several communes) cannot be shaded on one; the note says how many.
        traces += _communes(communes, shaded, value_title, xs, ys, scale, height)
        notes.append(t("map_note_communes", lang))
        if len(others):
            notes.append(t("map_note_not_drawn", lang, what=value_title, n=f"{int(others['value'].sum()):,}"))
    else:
        points = others.dropna(subset=["lat", "lon"])
        if len(points):
            traces.append(_bubbles(points, value_title, xs, ys, scale, height))
            notes.append(t("map_note_points", lang))
    notes.append(t(geo.ATTRIBUTION, lang))
    if communes:
        notes.append(t(geo.COMMUNE_ATTRIBUTION, lang))
    text = "<br>".join(_wrapped(note) for note in notes)  # a phone's map is 370 px wide
    bottom = 24 + 12 * text.count("<br>") + 12
    top = 50 + (COLOUR_BAR_ROOM if communes else 0)
    layout = browse_layout(
        title, lang, height + bottom - 60 + top - 50, showlegend=False,
        margin={"l": 10, "r": 10, "t": top, "b": bottom},
        xaxis={"visible": False},
        yaxis={"visible": False, "scaleanchor": "x", "scaleratio": 1 / scale},
        annotations=[{"text": text, "xref": "paper", "yref": "paper", "x": 0, "y": -0.02,
                      "showarrow": False, "xanchor": "left", "yanchor": "top", "align": "left",
                      "font": {"size": 9, "color": "#495057"}}])
    return go.Figure(data=traces, layout=layout)


def _wrapped(note: str) -> str:
    """A note on lines of NOTE_WIDTH characters (escaped), broken at spaces only: a licence's
    name ("CC BY-SA 4.0") stays on one line."""
    kept = "CC BY-SA 4.0"
    lines = textwrap.wrap(note.replace(kept, kept.replace(" ", "\x00")), NOTE_WIDTH, break_on_hyphens=False)
    return "<br>".join(chart_text(line.replace("\x00", " ")) for line in lines)


def _scale(ys) -> float:
    lats = [y for y in ys if y is not None]
    return math.cos(math.radians(float(np.mean(lats)))) if lats else 1.0


def _communes(communes: dict[str, dict], shaded: pd.DataFrame, value_title: str, xs, ys,
              scale: float, height: int) -> list[go.Scatter]:
    """One filled outline per commune (darker for more; pale without records), then one invisible
    marker per commune with a value at its centre: its hover, its click, the colour bar (above the
    map, left); the largest communes named where their names fit."""
    values = dict(zip(shaded["key"], shaded["value"]))
    labels = dict(zip(shaded["key"], shaded["label"]))
    top = max([float(v) for v in values.values() if v and v > 0] or [1.0])
    traces = []
    centres = {}
    for code, commune in communes.items():
        cx, cy = [], []
        geo.geometry_rings(commune["geometry"], cx, cy)
        centres[code] = _centre(commune["geometry"])
        value = values.get(code)
        fill = sample_colorscale(SHADES, [float(value) / top])[0] if value and value > 0 else NO_VALUE
        traces.append(go.Scatter(x=cx, y=cy, mode="lines", fill="toself", fillcolor=fill,
                                 line={"color": "#adb5bd", "width": 0.5}, hoverinfo="skip", showlegend=False))
    located = shaded[shaded["value"] > 0]
    if len(located):
        lon = [centres[k][0] for k in located["key"]]
        lat = [centres[k][1] for k in located["key"]]
        names = fitting_names([short_name(labels[k]) for k in located["key"]], lon, lat,
                              located["value"].to_numpy(), xs, ys, scale, height)
        traces.append(go.Scatter(
            x=lon, y=lat, mode="markers+text", text=chart_texts(names), textposition="middle center",
            textfont={"size": 9, "color": "#212529", "shadow": "auto"}, hovertext=chart_texts(located["label"]),
            marker={"size": 14, "opacity": 0, "color": located["value"], "cmin": 0, "cmax": top,
                    "colorscale": SHADES, "showscale": True,
                    "colorbar": {"title": {"text": chart_text(value_title), "side": "top", "font": {"size": 11}},
                                 "orientation": "h", "thickness": 8, "len": 160, "lenmode": "pixels",
                                 "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom", "ypad": 4,
                                 "tickfont": {"size": 10}}},
            customdata=np.stack([[""] * len(located), located["key"]], axis=1), showlegend=False,
            hovertemplate="%{hovertext}<br>" + chart_text(value_title) + ": %{marker.color:,d}<extra></extra>"))
    return traces


def _degrees_per_px(xs, ys, scale: float, height: int, width: int = 360) -> float:
    """Degrees of latitude per pixel on the narrowest map drawn (`width` px, a phone)."""
    lons = [x for x in xs if x is not None]
    lats = [y for y in ys if y is not None]
    span_x = (max(lons) - min(lons)) * scale if lons else 1.0
    span_y = max(lats) - min(lats) if lats else 1.0
    return max(span_x / width, span_y / max(height - 110, 100))


def fitting_names(names: list[str], lon, lat, values, xs, ys, scale: float, height: int) -> list[str]:
    """Names centred on their communes, the largest values first, at most MAP_LABELS, each only
    where it overlaps no name already placed on a phone's map; the others say their name in
    their hover."""
    per_px = _degrees_per_px(xs, ys, scale, height)
    placed: list[tuple[float, float, float, float]] = []
    out = [""] * len(names)
    for i in np.argsort(-np.asarray(values, dtype=float), kind="stable"):
        if len(placed) >= MAP_LABELS:
            break
        w = (len(names[i]) * 0.6 * 9 + 6) * per_px
        h = 9 * 1.5 * per_px
        x, y = float(lon[i]) * scale, float(lat[i])
        box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        if all(_overlap(box, other) == 0 for other in placed):
            placed.append(box)
            out[i] = names[i]
    return out


def _centre(geometry: dict) -> tuple[float, float]:
    """The area-weighted centre of the largest ring of a (Multi)Polygon: where its name goes."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    best = (0.0, 0.0, 0.0)
    for polygon in polygons:
        ring = polygon[0]
        a = cx = cy = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
            cross = x0 * y1 - x1 * y0
            a += cross
            cx += (x0 + x1) * cross
            cy += (y0 + y1) * cross
        if abs(a) > abs(best[0]):
            best = (a, cx / (3 * a), cy / (3 * a))
    return best[1], best[2]


def _bubbles(points: pd.DataFrame, value_title: str, xs, ys, scale: float, height: int) -> go.Scatter:
    """A bubble per place (area for value), each named beside it where its name overlaps no other."""
    biggest = float(points["value"].max())
    names = [short_name(label) for label in points["label"]]
    spots = label_spots(points, names, xs, ys, scale, height)
    return go.Scatter(
        x=points["lon"], y=points["lat"], mode="markers+text", text=chart_texts(names), textposition=spots,
        hovertext=chart_texts(points["label"]), textfont={"size": LABEL_FONT, "color": "#212529"},
        showlegend=False,
        marker={"size": points["value"], "sizemode": "area", "sizeref": 2.0 * biggest / (48 ** 2),
                "sizemin": 4, "color": PALETTE[0], "opacity": 0.7, "line": {"color": "white", "width": 1}},
        customdata=np.stack([[""] * len(points), points["key"]], axis=1),
        hovertemplate="%{hovertext}<br>" + chart_text(value_title) + ": %{marker.size:,d}<extra></extra>")


def label_spots(points: pd.DataFrame, names: list[str], xs, ys, scale: float, height: int,
                width: int = 360) -> list[str]:
    """A text position per bubble such that names overlap neither each other nor other bubbles,
    as far as LABEL_SPOTS allow, on the narrowest map (`width` px, a phone); the biggest bubbles
    choose first. Sizes in degrees from the map's extent: a name is about 0.6 em per letter."""
    lons = [x for x in xs if x is not None]
    lats = [y for y in ys if y is not None]
    per_px = _degrees_per_px(xs, ys, scale, height, width)
    biggest = float(points["value"].max())
    px = points["lon"].to_numpy(dtype=float) * scale
    py = points["lat"].to_numpy(dtype=float)
    radius = [max(4.0, 24.0 * math.sqrt(float(v) / biggest)) / 2 * per_px + 2 * per_px for v in points["value"]]
    boxes: list[tuple[float, float, float, float]] = [
        (x - r, y - r, x + r, y + r) for x, y, r in zip(px, py, radius)]
    # The outline's extent, the space the map surely has (a name past it is cut on a phone).
    frame_box = (min(lons) * scale, min(lats), max(lons) * scale, max(lats)) if lons else None
    placed: list[tuple[float, float, float, float]] = []
    out = [LABEL_SPOTS[0][0]] * len(points)
    for i in np.argsort(-points["value"].to_numpy(), kind="stable"):
        w = (len(names[i]) * 0.6 * LABEL_FONT + 4) * per_px
        h = (LABEL_FONT * 1.3) * per_px
        best, best_overlap = LABEL_SPOTS[0][0], math.inf
        for spot, dx, dy in LABEL_SPOTS:
            ox = radius[i] if dx == 0.0 else -radius[i] if dx == -1.0 else 0.0
            oy = radius[i] if dy == 0.0 else -radius[i] if dy == -1.0 else 0.0
            x0, y0 = px[i] + ox + dx * w, py[i] + oy + dy * h
            box = (x0, y0, x0 + w, y0 + h)
            others = [b for j, b in enumerate(boxes) if j != i]
            overlap = sum(_overlap(box, b) for b in [*placed, *others])
            if frame_box is not None:  # the part outside the map counts ten times
                overlap += 10 * ((box[2] - box[0]) * (box[3] - box[1]) - _overlap(box, frame_box))
            if overlap < best_overlap:
                best, best_overlap, chosen = spot, overlap, box
            if overlap == 0:
                break
        out[i] = best
        placed.append(chosen)
    return out


def _overlap(a, b) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0
