"""The map after the 2025 reform: a plan's outline as an area before and from 1/7/2025, the level
a date range is drawn at, and the figure: former districts as named bubbles on the old province,
the communes of the new province shaded by value, each with the attribution of what it draws."""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from nscl import geo, plan_schema
from nscl.i18n import t
from nscl.plan import PlanFileError
from nscl.present.map import label_spots, map_level, place_map, short_name
from nscl.settings import DATA_DIR

BEFORE, REFORM = dt.date(2025, 6, 30), dt.date(2025, 7, 1)
DISTRICTS = pd.DataFrame({
    "key": ["450", "452", "453", "454", "455", "456", "457", "458"],
    "label": ["thành phố Đồng Hới", "thị xã Ba Đồn", "huyện Minh Hóa", "huyện Tuyên Hóa", "huyện Quảng Trạch",
              "huyện Bố Trạch", "huyện Quảng Ninh", "huyện Lệ Thủy"],
    "lat": [17.4689, 17.7545, 17.8037, 17.888, 17.828, 17.595, 17.405, 17.219],
    "lon": [106.6223, 106.4226, 105.987, 106.023, 106.395, 106.533, 106.632, 106.79],
    "value": [30, 12, 2, 3, 8, 9, 11, 14]})
COMMUNES = pd.DataFrame({"key": ["18880", "19333", "450"],
                         "label": ["phường Đồng Hới", "phường Đông Hà", "thành phố Đồng Hới (huyện cũ)"],
                         "lat": [17.457, None, 17.4689], "lon": [106.637, None, 106.6223], "value": [5, 3, 4]})


def _filled(spec) -> list[dict]:
    return [trace for trace in spec.data if trace.fill == "toself"]


def _points(xs, ys) -> set[tuple[float, float]]:
    return {(round(x, 4), round(y, 4)) for x, y in zip(xs, ys) if x is not None}


# --- areas and outlines ---------------------------------------------------------------------------

@pytest.mark.parametrize("key, before, after", [
    ("Quảng Bình", ("44",), ("44",)),           # an old plan file: old province, then the one it joined
    ("44", ("44",), ("44",)),
    ("Quảng Trị", ("45",), ("44",)),            # a name of the 63 keeps its pre-2025 meaning
    ("44 @ 2025-07-01", ("44", "45"), ("44",)),  # the new Quảng Trị
    ("Quảng Trị @ 2026-01-01", ("44", "45"), ("44",)),
    ("quang tri@2025-07-01", ("44", "45"), ("44",)),
    ("44 @ 2025-06-30", ("44",), ("44",)),      # a day before the reform: Quảng Bình
    ("Huế", ("46",), ("46",)),                  # a name only the 34 have
    ("79 @ 2025-07-01", ("74", "77", "79"), ("79",)),
    ("Hà Tĩnh", ("42",), ("42",)),
])
def test_an_outline_names_an_area_before_and_after_the_reform(key, before, after):
    assert geo.area(key) == geo.Area(before, after)


@pytest.mark.parametrize("key", ["99 @ 2025-07-01", "45 @ 2025-07-01", "44 @ 2025-13-01", "44 @ soon",
                                 "Atlantis @ 2026-01-01", "Atlantis"])
def test_a_wrong_area_raises(key):
    with pytest.raises(geo.OutlineError):
        geo.area(key)


def test_the_outline_before_the_reform_is_the_old_province_and_after_it_the_new_one():
    old = geo.area_rings("Quảng Bình", BEFORE)
    assert old == geo.outline_rings("44") == geo.area_rings("Quảng Bình", None)
    new = geo.area_rings("Quảng Bình", REFORM)
    shape = json.loads((DATA_DIR / "geo" / "vn_provinces_34_odm.geojson").read_text(encoding="utf-8"))
    quang_tri = next(f["geometry"] for f in shape["features"] if f["properties"]["code"] == "44")
    assert _points(*new) == {(x, y) for poly in quang_tri["coordinates"] for ring in poly for x, y in ring}
    assert min(y for y in new[1] if y is not None) < 16.5 < min(y for y in old[1] if y is not None)  # reaches south


def test_a_plan_of_the_new_province_draws_both_old_provinces_before_the_reform():
    xs, ys = geo.area_rings("44 @ 2025-07-01", BEFORE)
    assert _points(xs, ys) == _points(*geo.outline_rings("44")) | _points(*geo.outline_rings("45"))


def test_the_communes_of_the_new_quang_tri_are_78_five_digit_codes():
    communes = geo.commune_outlines("Quảng Bình")
    assert len(communes) == 78 and all(len(code) == 5 and code.isdigit() for code in communes)
    assert communes["18880"]["name"] == "Phường Đồng Hới"
    assert {"19333", "19495"} <= set(communes)  # phường Đông Hà, xã Gio Linh (former Quảng Trị)
    assert geo.commune_outlines("Hà Tĩnh") == {}


@pytest.mark.parametrize("outline, ok", [("44 @ 2025-07-01", True), ("Huế", True), ("Quảng Bình", True),
                                         ("44 @ 2025-13-01", False), ("45 @ 2026-01-01", False)])
def test_a_plan_file_may_name_a_province_of_the_34(outline, ok):
    text = (DATA_DIR / "plans" / "quang-binh-676.toml").read_text(encoding="utf-8")
    data = text.replace('outline = "Quảng Bình"', f'outline = "{outline}"', 1).encode("utf-8")
    if ok:
        assert plan_schema.read(data, "plan.toml").plan.outline == outline
    else:
        with pytest.raises(PlanFileError) as caught:
            plan_schema.read(data, "plan.toml")
        assert [p.key for p in caught.value.problems] == ["plan_outline_unknown"]


# --- the level a date range is drawn at -----------------------------------------------------------

@pytest.mark.parametrize("start, last, geography, level", [
    (dt.date(2023, 1, 1), dt.date(2023, 12, 31), "current", "district"),
    (dt.date(2025, 1, 1), BEFORE, "current", "district"),   # ends on 30/6/2025: former districts
    (REFORM, dt.date(2025, 12, 31), "district", "current"),  # starts on 1/7/2025: communes
    (dt.date(2026, 1, 1), dt.date(2026, 11, 26), "district", "current"),
    (dt.date(2021, 1, 1), dt.date(2025, 12, 31), "district", "district"),  # across: the viewer's choice
    (dt.date(2021, 1, 1), REFORM, "current", "current"),
])
def test_the_map_level_follows_the_date_range(start, last, geography, level):
    assert map_level(start, last, geography) == level


@pytest.mark.parametrize("label, short", [
    ("thành phố Đồng Hới", "Đồng Hới"), ("huyện Quảng Ninh", "Quảng Ninh"), ("Đồng Hới city", "Đồng Hới"),
    ("Quảng Ninh district", "Quảng Ninh"), ("thành phố Đồng Hới (huyện cũ)", "Đồng Hới (huyện cũ)"),
    ("phường 4", "4"), ("xã đảo", "xã đảo"),
    # The catalogue's names, the unit type in sentence case.
    ("Thành phố Đồng Hới", "Đồng Hới"), ("Huyện Bố Trạch", "Bố Trạch"), ("Xã Bắc Sơn", "Bắc Sơn"),
    ("Thị trấn Kiến Giang", "Kiến Giang"), ("Đặc khu Cồn Cỏ", "Cồn Cỏ"), ("Phường 4", "4"),
    ("Thành phố Đồng Hới (huyện cũ)", "Đồng Hới (huyện cũ)"), ("Dong Hoi City", "Dong Hoi"),
    ("Con Co Special Zone", "Con Co"), ("Bac Son Commune", "Bac Son")])
def test_names_on_the_map_drop_the_unit_type(label, short):
    assert short_name(label) == short


# --- the figure ----------------------------------------------------------------------------------

def test_before_the_reform_every_district_is_a_named_bubble_on_the_old_province():
    spec = place_map(DISTRICTS, "Tiêu đề", "Số doanh nghiệp", "vi", day=dt.date(2023, 12, 31))
    assert len(_filled(spec)) == 1 and list(_filled(spec)[0].x) == geo.outline_rings("44")[0]
    bubbles = spec.data[1]
    assert list(bubbles.text) == ["Đồng Hới", "Ba Đồn", "Minh Hóa", "Tuyên Hóa", "Quảng Trạch", "Bố Trạch",
                                  "Quảng Ninh", "Lệ Thủy"]
    assert list(bubbles.hovertext) == list(DISTRICTS["label"])
    note = spec.layout.annotations[0].text.replace("<br>", " ")
    assert "vẽ bằng điểm" in note and "Open Development Mekong" in note and "CC BY-SA 4.0" in note
    assert "sapnhap" not in note


def test_close_bubbles_put_their_names_on_different_sides():
    xs, ys = geo.outline_rings("44")
    spots = label_spots(DISTRICTS, [short_name(x) for x in DISTRICTS["label"]], xs, ys, 0.95, 520)
    # Đồng Hới (biggest) and Quảng Ninh sit 7 km apart: not both to the right at the same height.
    assert spots[0] == "middle right" and spots[6] != "middle right"


def test_from_the_reform_the_communes_are_shaded_and_district_records_are_counted_in_a_note():
    spec = place_map(COMMUNES, "Title", "Enterprises", "en", day=dt.date(2026, 11, 26))
    filled = _filled(spec)
    assert len(filled) == 1 + 78  # the new province, then every commune
    assert _points(filled[0].x, filled[0].y) == _points(*geo.area_rings("44", REFORM))
    shaded = [trace.fillcolor for trace in filled[1:]]
    assert shaded.count("#f8f9fa") == 76  # 76 communes without records, two shaded
    markers = spec.data[-1]
    assert [row[1] for row in markers.customdata] == ["18880", "19333"]  # clickable by the place key
    assert list(markers.hovertext) == ["phường Đồng Hới", "phường Đông Hà"]
    assert markers.marker.showscale
    note = spec.layout.annotations[0].text.replace("<br>", " ")
    assert t("map_note_not_drawn", "en", what="Enterprises", n="4") in note.replace("  ", " ")
    assert "licence terms upstream unstated" in note and "thanglequoc/vietnamese-provinces-database" in note
    assert "CC BY-SA 4.0" in note
    assert not any(getattr(trace, "hovertext", None) is not None and "(huyện cũ)" in str(trace.hovertext)
                   for trace in spec.data)  # no district bubble on the commune map


def test_without_a_day_the_map_is_drawn_as_before_the_reform():
    spec = place_map(DISTRICTS, "Tiêu đề", "Số doanh nghiệp", "vi")
    assert len(_filled(spec)) == 1 and spec.data[1].mode == "markers+text"
