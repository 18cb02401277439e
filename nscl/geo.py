"""Province outlines for the map: the 63 provinces of Viet Nam before the 2025 merger, the 34 in
force from 1/7/2025 (dissolved from the 63, data/geo/build_provinces_34.py), and the communes of
the new provinces that have commune outlines.

A plan names its province by General Statistics Office (GSO) code or by name; `province`
resolves either among the 63, `area` also a province of the 34 ("44 @ 2025-07-01"), and
`outline_rings` turns the province's boundary on a day into lines for a chart.
Reads only files under data/ (geo/ for boundaries and the 2025 links, catalogues/provinces.csv
for the old codes).
"""
from __future__ import annotations

import csv
import datetime as dt
import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .settings import DATA_DIR

GEO_DIR = DATA_DIR / "geo"
ALL_PROVINCES = GEO_DIR / "vn_provinces_63_odm.geojson"
PROVINCES_CSV = DATA_DIR / "catalogues" / "provinces.csv"
# Provinces with a dedicated, more precise outline file (same vertices, 6 instead of 4 decimals).
DEDICATED_OUTLINES = {"44": GEO_DIR / "quang_binh_province_odm.geojson"}

ALL_PROVINCES_34 = GEO_DIR / "vn_provinces_34_odm.geojson"
PROVINCES_34_CSV = GEO_DIR / "provinces_34.csv"
LINKS_2025_CSV = GEO_DIR / "province_links_2025.csv"
# New provinces (codes of the 34) whose communes have outlines; properties.code is the commune's
# five-digit code, the place key of a current commune.
COMMUNE_OUTLINES = {"44": GEO_DIR / "quang_tri_communes_2025.geojson"}
REFORM_DAY = dt.date(2025, 7, 1)  # Resolution 202/2025/QH15: 34 provinces, no districts

ATTRIBUTION = "map_attribution"  # key of the translation table: the outlines' source and licence
COMMUNE_ATTRIBUTION = "map_attribution_communes"  # the commune outlines' source; terms unstated

# Words that may precede a province name: "Tỉnh", "Thành phố", "TP." (compared after folding).
_PREFIXES = ("tinh ", "thanh pho ", "tp ")
# Words that may follow an English name: "Quang Binh province", "Ho Chi Minh City".
_SUFFIXES = (" province", " city")
# Common abbreviations, in the matching form of _bare: "TP HCM", "HCMC".
_ALIASES = {"hcm": "79", "hcmc": "79"}
MAX_SUGGESTIONS = 5


class OutlineError(ValueError):
    """No province matches the key a plan gave for its outline."""


@dataclass(frozen=True)
class Province:
    code: str  # GSO two-digit code, e.g. "44"
    name_vi: str  # as in the boundary file, e.g. "Quảng Bình"
    name_en: str  # without diacritics, e.g. "Quang Binh"


def _fold(text: str) -> str:
    """Lower case, without diacritics (đ → d), punctuation as spaces, single spaces."""
    text = unicodedata.normalize("NFC", text).casefold().replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def _plain(text: str) -> str:
    """The folded name without a "Tỉnh"/"Thành phố"/"TP." prefix or an English "province"/"city"
    suffix ("Tỉnh Quảng Bình" → "quang binh", "Ho Chi Minh City" → "ho chi minh")."""
    folded = _fold(text)
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            folded = folded[len(prefix):]
            break
    for suffix in _SUFFIXES:
        if folded.endswith(suffix):
            folded = folded[: -len(suffix)]
            break
    return folded


def _bare(text: str) -> str:
    """The plain name without spaces, the form keys are matched in ("Hanoi" = "Hà Nội")."""
    return _plain(text).replace(" ", "")


@lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    """The 63 pre-2025 provinces from data/catalogues/provinces.csv, in code order."""
    with PROVINCES_CSV.open(encoding="utf-8", newline="") as handle:
        rows = [Province(r["code"], r["name_vi"], r["name_en"]) for r in csv.DictReader(handle)]
    return tuple(sorted(rows, key=lambda p: p.code))


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Province], dict[str, Province]]:
    by_code = {p.code: p for p in provinces()}
    by_name: dict[str, Province] = {}
    for p in provinces():
        for name in (p.name_vi, p.name_en):
            by_name.setdefault(_bare(name), p)
    for alias, code in _ALIASES.items():
        by_name.setdefault(alias, by_code[code])
    return by_code, by_name


def province(key: str | int) -> Province:
    """The province a key names: a GSO code ("44", "1" or "01") or a name in any case, with or
    without diacritics or a "Tỉnh"/"Thành phố"/"TP." prefix ("Quảng Bình", "QUANG BINH",
    "Tỉnh Quảng Bình", "Thành phố Hồ Chí Minh", "Ho Chi Minh City", "TP HCM").

    Raises OutlineError, naming up to five close province names, when nothing matches.
    """
    by_code, by_name = _index()
    text = str(key).strip()
    if text.isdigit():
        if len(text) <= 2 and text.zfill(2) in by_code:
            return by_code[text.zfill(2)]
        raise OutlineError(f"{text!r} is not the GSO code of a province (two digits, 01 to 96, "
                           "as before the 2025 merger)")
    found = by_name.get(_bare(text))
    if found is not None:
        return found
    names = {_plain(p.name_vi): p.name_vi for p in provinces()}
    close = difflib.get_close_matches(_plain(text), list(names), n=MAX_SUGGESTIONS, cutoff=0.5)
    hint = f"; closest: {', '.join(names[c] for c in close)}" if close else ""
    raise OutlineError(f"no province named {text!r} among the 63 provinces before the 2025 merger{hint}")


@lru_cache(maxsize=4)
def _geometries(path: Path) -> dict[str, dict]:
    """Geometries of a boundary file by province name (the ten_tinh property)."""
    shape = json.loads(path.read_text(encoding="utf-8"))
    return {f["properties"]["ten_tinh"]: f["geometry"] for f in shape["features"]}


def outline_rings(key: str | int) -> tuple[list[float | None], list[float | None]]:
    """The province's outline rings as one line with gaps: lon and lat lists, each ring
    followed by None, for a map drawn without tiles (the shape browse_charts.outline_rings gives).

    Boundaries come from data/geo/vn_provinces_63_odm.geojson (coordinates rounded to 4
    decimals, about 11 m), except for provinces in DEDICATED_OUTLINES: Quảng Bình ("44") uses
    quang_binh_province_odm.geojson, which has the very same vertices and rings at 6 decimals,
    so its map stays exactly as drawn before this module existed.
    """
    found = province(key)
    path = DEDICATED_OUTLINES.get(found.code, ALL_PROVINCES)
    geometry = _geometries(path).get(found.name_vi)
    if geometry is None:
        raise OutlineError(f"{path.name} has no outline for {found.name_vi}")
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    xs: list[float | None] = []
    ys: list[float | None] = []
    for polygon in polygons:
        for ring in polygon:
            xs.extend(p[0] for p in ring)
            ys.extend(p[1] for p in ring)
            xs.append(None)
            ys.append(None)
    return xs, ys


# --- The 34 provinces from 1/7/2025 -------------------------------------------------------------

@dataclass(frozen=True)
class Area:
    """The territory a plan's outline names, as provinces before and from 1/7/2025: an old province
    lies in one new province; a new province is the union of the old ones linked to it."""
    before: tuple[str, ...]  # codes of the 63 (until 30/6/2025)
    after: tuple[str, ...]  # codes of the 34 (from 1/7/2025)

    def codes(self, day: dt.date | None) -> tuple[str, ...]:
        """The provinces to draw for a day (None: before the reform, as maps were drawn before)."""
        return self.after if day is not None and day >= REFORM_DAY else self.before


@lru_cache(maxsize=1)
def provinces_34() -> tuple[Province, ...]:
    """The 34 provinces in force from 1/7/2025 (data/geo/provinces_34.csv), in code order."""
    with PROVINCES_34_CSV.open(encoding="utf-8", newline="") as handle:
        rows = [Province(r["code"], r["name_vi"], r["name_en"]) for r in csv.DictReader(handle)]
    return tuple(sorted(rows, key=lambda p: p.code))


@lru_cache(maxsize=1)
def links_2025() -> dict[str, str]:
    """Old province code → the code of the province of the 34 it became part of."""
    with LINKS_2025_CSV.open(encoding="utf-8", newline="") as handle:
        return {r["old_code"]: r["new_code"] for r in csv.DictReader(handle)}


def province_34(key: str | int) -> Province:
    """A province of the 34 by two-digit code or name ("44", "Quảng Trị", "Hue")."""
    text = str(key).strip()
    by_code = {p.code: p for p in provinces_34()}
    if text.isdigit():
        if len(text) <= 2 and text.zfill(2) in by_code:
            return by_code[text.zfill(2)]
        raise OutlineError(f"{text!r} is not the GSO code of one of the 34 provinces in force from 1/7/2025")
    for p in provinces_34():
        if _bare(text) in (_bare(p.name_vi), _bare(p.name_en)):
            return p
    names = {_plain(p.name_vi): p.name_vi for p in provinces_34()}
    close = difflib.get_close_matches(_plain(text), list(names), n=MAX_SUGGESTIONS, cutoff=0.5)
    hint = f"; closest: {', '.join(names[c] for c in close)}" if close else ""
    raise OutlineError(f"no province named {text!r} among the 34 provinces in force from 1/7/2025{hint}")


def area(key: str | int) -> Area:
    """The territory a plan's `outline` names. Forms:
    - a code or name of the 63 pre-2025 provinces ("Quảng Bình", "44"): that province, and from
      1/7/2025 the province of the 34 it joined (old plan files keep their meaning);
    - `<code or name> @ <YYYY-MM-DD>`: the province with that code or name on that day, e.g.
      "44 @ 2025-07-01" or "Quảng Trị @ 2026-01-01" for the new Quảng Trị (before the reform: the
      old provinces that formed it);
    - a name only the 34 have ("Huế").
    Raises OutlineError when nothing matches (or the day is not a date)."""
    text = str(key).strip()
    if "@" in text:
        name, _, day_text = (part.strip() for part in text.partition("@"))
        try:
            day = dt.date.fromisoformat(day_text)
        except ValueError:
            raise OutlineError(f"{day_text!r} is not a day (YYYY-MM-DD)") from None
        if day < REFORM_DAY:
            return area(name)
        return _area_after(province_34(name).code)
    try:
        old = province(text)
    except OutlineError:
        try:
            return _area_after(province_34(text).code)
        except OutlineError:
            pass
        raise
    return Area((old.code,), (links_2025()[old.code],))


def _area_after(new_code: str) -> Area:
    return Area(tuple(sorted(o for o, n in links_2025().items() if n == new_code)), (new_code,))


@lru_cache(maxsize=4)
def _geometries_by_code(path: Path) -> dict[str, dict]:
    shape = json.loads(path.read_text(encoding="utf-8"))
    return {f["properties"]["code"]: f["geometry"] for f in shape["features"]}


def geometry_rings(geometry: dict, xs: list, ys: list) -> None:
    """Append a GeoJSON (Multi)Polygon's rings to xs and ys, each ring followed by None."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    for polygon in polygons:
        for ring in polygon:
            xs.extend(p[0] for p in ring)
            ys.extend(p[1] for p in ring)
            xs.append(None)
            ys.append(None)


def area_rings(key: str | int, day: dt.date | None) -> tuple[list[float | None], list[float | None]]:
    """The outline of the territory `key` names (see `area`) as it was on `day`: before 1/7/2025
    the old province(s), from then on the province(s) of the 34; lists like `outline_rings`."""
    found = area(key)
    if day is None or day < REFORM_DAY:
        xs: list[float | None] = []
        ys: list[float | None] = []
        for code in found.before:
            more = outline_rings(code)
            xs.extend(more[0])
            ys.extend(more[1])
        return xs, ys
    xs, ys = [], []
    geometries = _geometries_by_code(ALL_PROVINCES_34)
    for code in found.after:
        geometry_rings(geometries[code], xs, ys)
    return xs, ys


def commune_outlines(key: str | int) -> dict[str, dict]:
    """The communes (from 1/7/2025) of the territory `key` names, by five-digit code: each a dict
    with `name` and `geometry` (GeoJSON). Empty when its provinces have no commune outlines."""
    out: dict[str, dict] = {}
    for code in area(key).after:
        path = COMMUNE_OUTLINES.get(code)
        if path is not None:
            out.update(_communes(path))
    return out


@lru_cache(maxsize=4)
def _communes(path: Path) -> dict[str, dict]:
    shape = json.loads(path.read_text(encoding="utf-8"))
    return {f["properties"]["code"]: {"name": f["properties"]["full_name"], "geometry": f["geometry"]}
            for f in shape["features"]}
