"""Build vn_provinces_34_odm.geojson, the 34 provinces in force from 1/7/2025, from the 63 pre-2025
outlines (Open Development Mekong, CC BY-SA 4.0; share-alike applies to the result).

Every 2025 merger joined whole provinces (Resolution 202/2025/QH15), so each new province is the
union of the old provinces that province_links_2025.csv links to it: their polygons are dissolved
with shapely's unary_union on the 4-decimal grid of the source (about 11 m), so shared borders
vanish and no vertex gains digits. Output properties: code (two-digit GSO code of the new province,
as text) and name (provinces_34.csv). Features in code order, one line each, so that a rebuild
gives the same bytes and a diff shows which province changed.

Run from the repository root:  python data/geo/build_provinces_34.py
(shapely is a build-time dependency, in the `test` extra of pyproject.toml; the app never imports
it: it reads the committed output.) tests/test_geo_34.py rebuilds the file and compares.
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import shapely
from shapely.geometry import MultiPolygon, mapping, shape

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "vn_provinces_63_odm.geojson"
OLD_CODES = HERE.parent / "catalogues" / "provinces.csv"  # ten_tinh → old two-digit code
LINKS = HERE / "province_links_2025.csv"
NEW_NAMES = HERE / "provinces_34.csv"
OUTPUT = HERE / "vn_provinces_34_odm.geojson"
GRID = 1e-4  # the source's coordinate grid (4 decimals)


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def old_geometries(source: Path = SOURCE) -> dict[str, object]:
    """The 63 old provinces' shapely geometries by old two-digit code."""
    code_of = {row["name_vi"]: row["code"] for row in _rows(OLD_CODES)}
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    return {code_of[f["properties"]["ten_tinh"]]: shape(f["geometry"]) for f in features}


def links() -> dict[str, str]:
    """Old province code → the code of the new province it became part of (63 rows)."""
    return {row["old_code"]: row["new_code"] for row in _rows(LINKS)}


def dissolve(old: dict[str, object], link: dict[str, str]) -> dict[str, object]:
    """New code → the union of the old provinces linked to it, always a MultiPolygon."""
    if set(old) != set(link):
        raise ValueError(f"outlines and links differ: {sorted(set(old) ^ set(link))}")
    members: dict[str, list] = {}
    for code, new in link.items():
        members.setdefault(new, []).append(old[code])
    out = {}
    for new, parts in sorted(members.items()):
        merged = shapely.normalize(shapely.unary_union(parts, grid_size=GRID))
        out[new] = merged if isinstance(merged, MultiPolygon) else MultiPolygon([merged])
    return out


def _coords(value):
    if isinstance(value, (list, tuple)):
        return [_coords(v) for v in value]
    return round(value, 4)


def render(new: dict[str, object]) -> str:
    """The GeoJSON text: one feature per line, coordinates with at most 4 decimals."""
    names = {row["code"]: row["name_vi"] for row in _rows(NEW_NAMES)}
    if set(names) != set(new):
        raise ValueError(f"names and outlines differ: {sorted(set(names) ^ set(new))}")
    lines = []
    for code, geometry in sorted(new.items()):
        geo = mapping(geometry)
        feature = {"type": "Feature", "properties": {"code": code, "name": names[code]},
                   "geometry": {"type": geo["type"], "coordinates": _coords(geo["coordinates"])}}
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def build() -> str:
    return render(dissolve(old_geometries(), links()))


def main() -> int:
    OUTPUT.write_text(build(), encoding="utf-8")
    print(f"wrote {OUTPUT.name}: {OUTPUT.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
