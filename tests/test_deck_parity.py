"""The PowerPoint deck shows what the presentation's slides show: the same sector rows (the largest
sectors and one "Khác" row, never seventeen rows in one and seven in the other) and, on a growth
target's slide, each year's figure beside its growth. Hand-made data, exact values, the deck read
back with python-pptx."""
import datetime as dt
import io

import pytest
from pptx import Presentation

from nscl import analytics
from nscl.present.deck import build_deck
from tests.conftest import insert
from tests.helpers_quality import firm
from tests.slides_from_db import collect

AS_OF = dt.date(2026, 11, 26)
# Enterprises supported per sector: (in 2025, phase 2021-2025; in 2026, phase 2026-2030). Ten sectors:
# the slide holds eight rows, so the seven largest stay (ties in VSIC order) and B, J, K make "Khác".
SUPPORTED = {"A": (3, 1), "B": (1, 0), "C": (5, 2), "F": (2, 2), "G": (6, 3), "H": (1, 1), "I": (2, 0),
             "J": (0, 1), "K": (1, 0), "M": (4, 0)}
ROWS = [("A", [3, 1]), ("C", [5, 2]), ("F", [2, 2]), ("G", [6, 3]), ("H", [1, 1]), ("I", [2, 0]),
        ("M", [4, 0]), ("Khác", [2, 1])]


@pytest.fixture
def built(con, plan):
    """Every enterprise supported once: on 10/3 of its year, except M's, supported in December 2025
    (after the as-of day: outside the running year's comparison with the same days of 2025)."""
    firms, records = [], []
    for sector, counts in SUPPORTED.items():
        for year, count in zip((2025, 2026), counts):
            for n in range(count):
                tax = f"31{ord(sector):03d}{year % 100:02d}{n:03d}"
                firms.append(firm(tax, "450", sector))
                day = dt.date(2025, 12, 5) if sector == "M" else dt.date(year, 3, 10)
                records.append({"id": f"S{tax}", "tax_code": tax, "supported_on": day,
                                "solution_type": "improvement_tool"})
    insert(con, "enterprises", firms)
    insert(con, "support_records", records)
    analytics.refresh(con)
    _, slides = collect(con, plan, "2026-2030", AS_OF, "vi")
    return slides, Presentation(io.BytesIO(build_deck(slides, "Kế hoạch 676/KH-UBND")))


def test_slide_and_deck_show_the_same_sector_rows(built):
    slides, deck = built
    index = next(i for i, s in enumerate(slides) if s.kind == "phase_sector")
    figure = slides[index].figure
    heat = figure.data[0]
    # The slide: eight rows top to bottom, "Khác" last, each phase's numbers in its cells.
    names = [text.split(" – ")[0] for text in figure.layout.yaxis.ticktext]
    assert names == [name for name, _ in ROWS]
    assert [[int(v) for v in row] for row in heat.z] == [values for _, values in ROWS]
    assert list(heat.x) == ["2021-2025", "2026-2030"]
    # The deck: the same rows, in the same order from the top, with the same numbers.
    chart = next(s for s in deck.slides[index].shapes if s.has_chart).chart
    plot = chart.plots[0]
    assert [c.split(" – ")[0] for c in plot.categories] == [name for name, _ in ROWS]
    assert plot.categories[0] == "A – Nông nghiệp, lâm nghiệp và thủy sản"
    assert {s.name: [int(v) for v in s.values] for s in plot.series} == {
        "2021-2025": [v[0] for _, v in ROWS], "2026-2030": [v[1] for _, v in ROWS]}
    assert chart.category_axis.reverse_order  # PowerPoint draws bars bottom-up unless told


def test_growth_slide_in_the_deck_shows_each_years_figure_beside_its_growth(built):
    slides, deck = built
    index = next(i for i, s in enumerate(slides) if s.kind == "target" and s.card.target_id == "supported")
    # The slide's chart: the year's bars (25 in 2025, 10 so far in 2026).
    bars = {}
    for trace in slides[index].figure.data:
        if trace.type == "bar":
            bars.update({x.split("<br>")[0]: int(y) for x, y in zip(trace.x, trace.y)})
    assert bars == {"2025": 25, "2026": 10}
    # The deck: the growth chart, and under it the same figures; 2026's growth compares 10 with
    # the 21 enterprises of 1/1–26/11/2025 (M's four came in December), not with 2025's 25.
    page = deck.slides[index]
    table = next(s for s in page.shapes if s.has_table).table
    assert [[cell.text for cell in row.cells] for row in table.rows] == [
        ["Năm", "2025", "2026 (đến 26/11)"],
        ["Doanh nghiệp", "25", "10"],
        ["Tăng so với năm trước", "–", "-52,4% (cùng kỳ 2025: 21)"]]
    chart = next(s for s in page.shapes if s.has_chart).chart
    growth = {s.name: list(s.values) for s in chart.plots[0].series}["Tăng so với năm trước (%)"]
    assert growth == [None, -52.4]


def test_count_targets_keep_their_chart_without_a_table(built):
    slides, deck = built
    index = next(i for i, s in enumerate(slides) if s.kind == "target" and s.card.kind == "count")
    assert slides[index].years is None
    assert not any(s.has_table for s in deck.slides[index].shapes)
