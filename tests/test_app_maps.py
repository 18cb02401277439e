"""The place map in AppTest: a 2026 range draws the new communes' outlines shaded by value, a 2023
range the former districts as bubbles each named, on the province as it was then."""
from __future__ import annotations

from nscl import geo
from tests.apptest import figure, open_page, page_ok

AS_OF = "2026-11-26"


def _map(at) -> dict:
    return next(spec for spec in (figure(at, i) for i in range(len(at.get("plotly_chart"))))
                if any(trace.get("fill") == "toself" for trace in spec["data"]))


def _lats(trace) -> list[float]:
    return [y for y in trace["y"] if y is not None]


def test_a_2026_range_draws_the_communes_of_the_new_province(app_env):
    at = open_page("pages/supported.py", as_of=AS_OF, by="place", phase="custom", years="2026-2026")
    assert page_ok(at), [e.value for e in at.error]
    spec = _map(at)
    filled = [trace for trace in spec["data"] if trace.get("fill") == "toself"]
    assert len(filled) == 1 + 78  # the new Quảng Trị, then its 78 communes
    assert min(_lats(filled[0])) < 16.5  # reaches former Quảng Trị, south of old Quảng Bình
    markers = spec["data"][-1]
    keys = [row[1] for row in markers["customdata"]]
    assert keys and set(keys) <= set(geo.commune_outlines("44"))  # matched on the five-digit code
    assert "Phường Đồng Hới" in markers["hovertext"]
    note = spec["layout"]["annotations"][0]["text"].replace("<br>", " ")
    assert "Xã, phường từ 1/7/2025" in note and "không được nêu" in note and "CC BY-SA" in note


def test_a_2023_range_draws_named_bubbles_at_the_former_districts(app_env):
    at = open_page("pages/supported.py", as_of=AS_OF, by="place", phase="custom", years="2023-2023")
    assert page_ok(at), [e.value for e in at.error]
    spec = _map(at)
    filled = [trace for trace in spec["data"] if trace.get("fill") == "toself"]
    assert len(filled) == 1 and min(_lats(filled[0])) > 16.9  # old Quảng Bình only
    bubbles = spec["data"][1]
    # In the official codes' order (450 Đồng Hới … 458 Ba Đồn).
    assert bubbles["text"] == ["Đồng Hới", "Minh Hóa", "Tuyên Hóa", "Quảng Trạch", "Bố Trạch", "Quảng Ninh",
                               "Lệ Thủy", "Ba Đồn"]
    assert "Thành phố Đồng Hới" in bubbles["hovertext"]
    assert "vẽ bằng điểm" in spec["layout"]["annotations"][0]["text"].replace("<br>", " ")


def test_a_2026_map_in_english_names_the_commune_source_and_its_unstated_terms(app_env):
    at = open_page("pages/training.py", as_of=AS_OF, by="place", phase="custom", years="2026-2026", lang="en")
    assert page_ok(at), [e.value for e in at.error]
    note = _map(at)["layout"]["annotations"][0]["text"].replace("<br>", " ")
    assert "licence terms upstream unstated" in note and "Open Development Mekong" in note
