"""The 34 provinces' outlines (from 1/7/2025), dissolved from the 63 pre-2025 outlines by the
old → new province links: the committed file is what the build script makes, and it says what
Resolution 202/2025/QH15 says."""
from __future__ import annotations

import csv
import importlib.util
import json

import pytest
import shapely
from shapely.geometry import shape

from nscl.settings import DATA_DIR

GEO = DATA_DIR / "geo"
# The 34 province codes in force from 1/7/2025 (Decision 19/2025/QĐ-TTg).
OFFICIAL_34 = ("01 04 08 11 12 14 15 19 20 22 24 25 31 33 37 38 40 42 44 46 48 51 52 56 66 68 75 79 80 "
               "82 86 91 92 96").split()


@pytest.fixture(scope="module")
def build():
    spec = importlib.util.spec_from_file_location("build_provinces_34", GEO / "build_provinces_34.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def committed() -> dict[str, dict]:
    features = json.loads((GEO / "vn_provinces_34_odm.geojson").read_text(encoding="utf-8"))["features"]
    return {f["properties"]["code"]: f for f in features}


def _rows(path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_rebuilding_from_the_63_gives_the_committed_file_byte_for_byte(build):
    assert build.build() == (GEO / "vn_provinces_34_odm.geojson").read_text(encoding="utf-8"), (
        "data/geo/vn_provinces_34_odm.geojson is stale: run python data/geo/build_provinces_34.py")


def test_the_links_join_each_of_the_63_to_one_of_the_34():
    links = _rows(GEO / "province_links_2025.csv")
    old = {row["code"] for row in _rows(DATA_DIR / "catalogues" / "provinces.csv")}
    assert len(links) == 63 and {row["old_code"] for row in links} == old
    assert sorted({row["new_code"] for row in links}) == OFFICIAL_34
    new_of = {row["old_code"]: row["new_code"] for row in links}
    # A sample against the resolution: Quảng Bình and Quảng Trị → Quảng Trị (44); Hà Giang →
    # Tuyên Quang (08); Bà Rịa - Vũng Tàu and Bình Dương → Hồ Chí Minh (79); Hà Nội unchanged.
    assert new_of["44"] == new_of["45"] == "44"
    assert new_of["02"] == "08"
    assert new_of["77"] == new_of["74"] == new_of["79"] == "79"
    assert new_of["01"] == "01"
    assert sum(1 for code in new_of.values() if code == "44") == 2


def test_34_features_with_the_official_codes_and_names(committed):
    assert sorted(committed) == OFFICIAL_34
    assert all(set(f["properties"]) == {"code", "name"} for f in committed.values())
    assert committed["44"]["properties"]["name"] == "Quảng Trị"
    assert committed["79"]["properties"]["name"] == "Hồ Chí Minh"
    assert committed["46"]["properties"]["name"] == "Huế"
    names = {row["code"]: row["name_vi"] for row in _rows(GEO / "provinces_34.csv")}
    assert {code: f["properties"]["name"] for code, f in committed.items()} == names


def test_the_34_cover_exactly_the_area_of_the_63(build, committed):
    old = build.old_geometries()
    area_63 = sum(g.area for g in old.values())
    area_34 = sum(shape(f["geometry"]).area for f in committed.values())
    assert area_34 == pytest.approx(area_63, rel=1e-6)


def test_new_quang_tri_is_old_quang_binh_and_old_quang_tri_together(build, committed):
    old = build.old_geometries()
    union = shapely.unary_union([old["44"], old["45"]])
    quang_tri = shape(committed["44"]["geometry"])
    assert shapely.symmetric_difference(quang_tri, union).area < 1e-9
    assert quang_tri.area == pytest.approx(old["44"].area + old["45"].area, rel=1e-9)
    assert quang_tri.contains(old["44"].representative_point()) and quang_tri.contains(old["45"].representative_point())


def test_a_province_that_did_not_merge_keeps_its_outline(build, committed):
    old = build.old_geometries()
    for code in ("01", "11", "22"):  # Hà Nội, Điện Biên, Quảng Ninh
        assert shapely.symmetric_difference(shape(committed[code]["geometry"]), old[code]).area < 1e-9
