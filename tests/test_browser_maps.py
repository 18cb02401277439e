"""The place map in Chromium, on a phone (390 px) and a desktop (1440 px): for a 2023 range the
former districts as bubbles, each named, no name on another name or on the attribution; for a
2026 range the communes' outlines shaded, with the commune boundaries' attribution. Screenshots of
the map stay in tests/artifacts/maps/ for a person to look at."""
from __future__ import annotations

import pytest

from tests.browser import chromium_page, streamlit_server, wait_idle
from tests.conftest import ARTIFACTS, build_demo_file

pytestmark = pytest.mark.browser

FOLDER = ARTIFACTS / "maps"
WIDTHS = (390, 1440)
# In the page: the map (the Plotly chart whose annotation names the boundaries' source), its
# scatter texts (the names on the map) and annotation, as boxes in page pixels.
READ_MAP = """() => {
  const plot = [...document.querySelectorAll('.js-plotly-plot')].find(
      (p) => (p.textContent || '').includes('Open Development Mekong'));
  if (!plot) return null;
  plot.scrollIntoView();
  const rect = (el) => { const r = el.getBoundingClientRect();
                         return {left: r.left, top: r.top, right: r.right, bottom: r.bottom}; };
  const names = [...plot.querySelectorAll('.scatterlayer .textpoint text')]
      .filter((el) => (el.textContent || '').trim()).map((el) => ({text: el.textContent.trim(), box: rect(el)}));
  const lines = (el) => [...el.querySelectorAll('tspan.line')].map((line) => line.textContent).join(' ')
      || el.textContent;
  const notes = [...plot.querySelectorAll('.annotation-text')].map((el) => ({text: lines(el), box: rect(el)}));
  const bubbles = [...plot.querySelectorAll('.scatterlayer .trace')].map((tr) => tr.querySelectorAll('.point').length);
  const filled = plot.data.filter((trace) => trace.fill === 'toself').length;
  return {names, notes, bubbles, filled, chart: rect(plot), text: notes.map((n) => n.text).join(' ')};
}"""

MAP_DRAWN = """() => [...document.querySelectorAll('.js-plotly-plot')].some(
    (p) => (p.textContent || '').includes('Open Development Mekong'))"""


@pytest.fixture(scope="module")
def app(tmp_path_factory, plan):
    folder = tmp_path_factory.mktemp("maps")
    db = build_demo_file(folder / "maps.duckdb", plan)
    FOLDER.mkdir(parents=True, exist_ok=True)
    with streamlit_server(db, folder / "streamlit.log") as url:
        yield url


def _overlap(a: dict, b: dict) -> float:
    w = min(a["right"], b["right"]) - max(a["left"], b["left"])
    h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return w * h if w > 1 and h > 1 else 0.0


def _open_map(app, years: str, width: int) -> dict:
    with chromium_page(width, 900) as page:
        page.goto(f"{app}/supported?as_of=2026-11-26&by=place&phase=custom&years={years}")
        page.wait_for_selector("h1", timeout=60_000)
        wait_idle(page)
        page.wait_for_function(MAP_DRAWN, timeout=60_000)
        page.wait_for_timeout(800)  # Plotly finishes laying out after the last message
        found = page.evaluate(READ_MAP)
        # Streamlit's sticky header would cover the chart's title in the picture.
        page.add_style_tag(content="header[data-testid=stHeader] {display: none !important}")
        page.locator(".js-plotly-plot", has_text="Open Development Mekong").screenshot(
            path=str(FOLDER / f"map-{years}-{width}.png"))
        return found


def _readable(found: dict) -> list[str]:
    problems = []
    names = found["names"]
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            if _overlap(a["box"], b["box"]):
                problems.append(f"{a['text']!r} on {b['text']!r}")
        for note in found["notes"]:
            if _overlap(a["box"], note["box"]):
                problems.append(f"{a['text']!r} on the attribution")
        chart = found["chart"]
        if a["box"]["left"] < chart["left"] - 1 or a["box"]["right"] > chart["right"] + 1:
            problems.append(f"{a['text']!r} cut by the chart's edge")
    for note in found["notes"]:
        if note["box"]["right"] > found["chart"]["right"] + 1:
            problems.append("attribution cut by the chart's edge")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
def test_a_2023_map_names_every_former_district_bubble(app, width):
    found = _open_map(app, "2023-2023", width)
    assert found is not None
    named = {n["text"] for n in found["names"]}
    assert named == {"Đồng Hới", "Ba Đồn", "Minh Hóa", "Tuyên Hóa", "Quảng Trạch", "Bố Trạch", "Quảng Ninh",
                     "Lệ Thủy"}
    assert max(found["bubbles"]) == 8  # eight bubbles, eight names
    assert "vẽ bằng điểm" in found["text"] and "CC BY-SA 4.0" in found["text"]
    assert _readable(found) == []


@pytest.mark.parametrize("width", WIDTHS)
def test_a_2026_map_shades_the_communes_and_names_their_source(app, width):
    found = _open_map(app, "2026-2026", width)
    assert found is not None
    assert found["filled"] == 1 + 78  # the province, then the 78 communes' outlines
    assert "licence terms upstream unstated" not in found["text"]  # the Vietnamese interface
    assert "điều khoản cấp phép của nguồn gốc không được nêu" in found["text"]
    assert "Xã, phường từ 1/7/2025" in found["text"]
    assert _readable(found) == []
