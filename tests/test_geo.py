"""Province outlines: the catalogue of 63 pre-2025 provinces, key resolution and map rings."""
from __future__ import annotations

import csv
import json
import re

import pytest

from nscl import geo
from nscl.settings import DATA_DIR

QUANG_BINH_LON = (105.5, 107.2)
QUANG_BINH_LAT = (16.9, 18.2)


def _catalogue() -> list[dict[str, str]]:
    with (DATA_DIR / "catalogues" / "provinces.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _extent(key: str) -> tuple[float, float, float, float]:
    xs, ys = geo.outline_rings(key)
    lons = [x for x in xs if x is not None]
    lats = [y for y in ys if y is not None]
    return min(lons), max(lons), min(lats), max(lats)


def test_the_boundary_files_are_the_copies_in_data_geo():
    assert geo.ALL_PROVINCES == DATA_DIR / "geo" / "vn_provinces_63_odm.geojson"
    assert geo.ALL_PROVINCES.is_file()
    assert all(path.parent == DATA_DIR / "geo" and path.is_file() for path in geo.DEDICATED_OUTLINES.values())


def test_catalogue_names_are_exactly_the_boundary_file_names():
    shape = json.loads(geo.ALL_PROVINCES.read_text(encoding="utf-8"))
    names = {feature["properties"]["ten_tinh"] for feature in shape["features"]}
    rows = _catalogue()
    assert len(rows) == 63
    assert {row["name_vi"] for row in rows} == names
    assert len(names) == 63


def test_codes_are_63_unique_two_digit_strings():
    codes = [row["code"] for row in _catalogue()]
    assert len(set(codes)) == 63
    assert all(re.fullmatch(r"\d\d", code) for code in codes)
    assert [p.code for p in geo.provinces()] == sorted(codes)


def test_english_names_have_no_diacritics():
    assert all(row["name_en"].isascii() and row["name_en"] for row in _catalogue())


@pytest.mark.parametrize("name, code", [
    ("Quảng Bình", "44"),
    ("Hà Nội", "01"),
    ("Thành phố Hồ Chí Minh", "79"),
    ("Cà Mau", "96"),
    ("Hà Giang", "02"),
    ("Cao Bằng", "04"),
    ("Quảng Trị", "45"),
    ("Thừa Thiên Huế", "46"),
    ("Đà Nẵng", "48"),
    ("Cần Thơ", "92"),
])
def test_known_gso_codes(name, code):
    assert geo.province(name).code == code


@pytest.mark.parametrize("key", [
    "44", "Quảng Bình", "quảng bình", "Quang Binh", "quang binh", "QUANG BINH", "QUẢNG BÌNH",
    "Tỉnh Quảng Bình", "tỉnh Quảng Bình", "Tinh Quang Binh", "  Quảng  Bình ", "Quang Binh province",
])
def test_every_form_of_key_resolves_to_the_same_province(key):
    assert geo.province(key) == geo.Province("44", "Quảng Bình", "Quang Binh")


@pytest.mark.parametrize("key", [
    "79", "TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh", "thanh pho ho chi minh", "TP Ho Chi Minh",
    "Ho Chi Minh City", "TP HCM",
])
def test_ho_chi_minh_city_by_any_of_its_names(key):
    assert geo.province(key).code == "79"


def test_d_with_stroke_folds_to_d_and_spelling_variants_match():
    assert geo.province("Dien Bien").name_vi == "Điện Biên"
    assert geo.province("DA NANG").code == "48"
    assert geo.province("Đắk Lắk").name_vi == "Đăk Lăk"  # tone marks on ă differ from the file
    assert geo.province("Hoà Bình").name_vi == "Hòa Bình"  # older tone placement
    assert geo.province("Hanoi").code == "01"
    assert geo.province("Bà Rịa-Vũng Tàu").code == "77"


def test_every_catalogue_row_resolves_by_code_and_both_names():
    for row in _catalogue():
        expected = geo.Province(row["code"], row["name_vi"], row["name_en"])
        assert geo.province(row["code"]) == expected
        assert geo.province(row["name_vi"]) == expected
        assert geo.province(row["name_en"]) == expected


def test_unknown_name_suggests_close_names():
    with pytest.raises(geo.OutlineError, match="Quảng Bình") as caught:
        geo.province("Quang Bin")
    assert isinstance(caught.value, ValueError)
    assert str(caught.value).count(",") <= 4  # at most five suggestions


@pytest.mark.parametrize("key", ["99", "03", "001", "450", "Atlantis", ""])
def test_unknown_codes_and_names_raise(key):
    with pytest.raises(geo.OutlineError):
        geo.province(key)


def test_quang_binh_outline_lies_within_the_province():
    xs, ys = geo.outline_rings("44")
    assert xs and len(xs) == len(ys)
    assert [i for i, x in enumerate(xs) if x is None] == [i for i, y in enumerate(ys) if y is None]
    assert xs[-1] is None and ys[-1] is None
    west, east, south, north = _extent("44")
    assert QUANG_BINH_LON[0] <= west < east <= QUANG_BINH_LON[1]
    assert QUANG_BINH_LAT[0] <= south < north <= QUANG_BINH_LAT[1]


def test_quang_binh_outline_is_the_same_by_name_and_matches_the_all_province_file():
    assert geo.outline_rings("Quảng Bình") == geo.outline_rings("44")
    precise = geo.outline_rings("44")
    shape = json.loads(geo.ALL_PROVINCES.read_text(encoding="utf-8"))
    geometry = next(f["geometry"] for f in shape["features"] if f["properties"]["ten_tinh"] == "Quảng Bình")
    coarse = [p for polygon in geometry["coordinates"] for ring in polygon for p in [*ring, None]]
    assert len(coarse) == len(precise[0])
    for point, x, y in zip(coarse, *precise):
        assert (point is None) == (x is None) == (y is None)
        if point is not None:
            assert abs(point[0] - x) <= 5.1e-5 and abs(point[1] - y) <= 5.1e-5


def test_other_provinces_have_their_own_extent():
    quang_binh = _extent("44")
    for key in ("Hà Nội", "45", "Cà Mau"):
        xs, ys = geo.outline_rings(key)
        assert xs and len(xs) == len(ys)
        assert _extent(key) != quang_binh
    west, east, south, north = _extent("Hà Nội")
    assert north < QUANG_BINH_LAT[1] + 5 and south > QUANG_BINH_LAT[1]  # entirely north of Quảng Bình


def test_outline_lists_are_fresh_copies():
    xs, _ = geo.outline_rings("44")
    xs.clear()
    assert geo.outline_rings("44")[0]


def test_attributions_name_the_source_and_licence():
    from nscl.i18n import t

    vi, en = t(geo.ATTRIBUTION, "vi"), t(geo.ATTRIBUTION, "en")
    for text in (en, vi):
        assert "Open Development Mekong" in text and "CC BY-SA 4.0" in text and "Địa phận tỉnh" in text
    assert "Department of Survey and Mapping" in en
    assert "Cục Đo đạc" in vi
