"""Chart builders are pure: results in, Plotly figure out, checked without Streamlit. They draw
what a leader must not misread: the running year as partial, growth on its own panel with the
band, whole-number ticks on count axes, at most ten distinct colours."""
import datetime as dt

import pandas as pd
import pytest

from nscl import status as st
from nscl.indicators import IndicatorResult, count_series
from nscl.plan import Period
from nscl.present import trend
from nscl.present.breakdown import stacked_years
from nscl.present.style import OTHER_KEY, PALETTE, count_axis, nice_step, top_categories
from nscl.progress import Assessment

PHASE = Period("2021-2025", dt.date(2021, 1, 1), dt.date(2025, 12, 31))


def result(target, series, as_of, value=None):
    return IndicatorResult(target, PHASE, value, series, Assessment(st.ON_TRACK), as_of)


def test_count_trend_marks_the_running_year_and_draws_the_target(plan):
    period = Period("2026-2030", dt.date(2026, 1, 1), dt.date(2030, 12, 31))
    series = count_series(pd.DataFrame({"year": [2026], "value": [3]}), period, dt.date(2026, 11, 26))
    fig = trend.count_trend(IndicatorResult(plan.target("experts"), period, 7.0, series, Assessment(st.ON_TRACK),
                                            dt.date(2026, 11, 26)), "Tiêu đề", "vi")
    assert fig.layout.xaxis.type == "category"
    assert list(fig.data[0].x) == ["2026<br>(đến 26/11)", "2027", "2028", "2029", "2030"]
    assert list(fig.data[0].marker.pattern.shape)[0] == "/"  # 2026 is not complete: hatched
    assert fig.layout.shapes[0].y0 == 7.0  # the target line
    assert fig.layout.yaxis.dtick == 2 and fig.layout.yaxis.range[1] > 7.0  # whole ticks above the target
    cumulative = list(fig.data[1].y)
    assert cumulative[0] == 3 and all(pd.isna(v) for v in cumulative[1:])


GROWTH = pd.DataFrame({"year": [2020, 2021, 2022, 2023], "value": [100, 112, 115, 90],
                       "growth": [None, 0.12, 0.027, 0.05], "met": [None, True, False, False],
                       "complete": [True, True, True, False]})


def test_growth_panels_put_counts_and_growth_on_separate_aligned_panels(plan):
    fig = trend.growth_panels(result(plan.target("supported"), GROWTH, dt.date(2023, 6, 30)), "T", "en")
    bar_traces = [d for d in fig.data if d.type == "bar"]
    line, partial, band = [d for d in fig.data if d.type == "scatter"]
    assert band.name == "growth 10%–15% per year" and band.showlegend is not False  # the floor, named in the legend
    assert {b.yaxis for b in bar_traces} == {"y"} and line.yaxis == "y2" and partial.yaxis == "y2"
    colours = {b.marker.color: list(b.x) for b in bar_traces}  # one trace per colour, named in the legend
    assert colours == {st.NEUTRAL_COLOUR: ["2020"], st.MET_COLOUR: ["2021"],
                       st.NOT_MET_COLOUR: ["2022", "2023<br>(to 30/06)"]}
    assert [b.name for b in bar_traces] == ["Base year", "Growth met", "Growth not met"]
    top, bottom = fig.layout.yaxis.domain, fig.layout.yaxis2.domain
    assert bottom[1] < top[0]  # one panel above the other, never on top of each other
    assert {d.xaxis for d in fig.data} == {"x"}  # one axis of years under both panels
    assert list(bar_traces[-1].marker.pattern.shape) == ["", "/"]  # the running year is hatched
    # The band and the floor belong to the growth panel only.
    assert {shape.yref for shape in fig.layout.shapes} == {"y2"}
    assert sorted((s.y0, s.y1) for s in fig.layout.shapes)[0][0] == pytest.approx(10)
    # The running year's growth is a hollow marker, not part of the line of complete years.
    assert pd.isna(list(line.y)[-1]) and list(partial.y)[-1] == pytest.approx(5)
    assert partial.marker.symbol == "circle-open"
    # Readable axes: whole ticks and room above the tallest bar; three % ticks at most, a step from
    # the panel's range (five piled up on a phone's 60 px panel): -2,3 % to 22,5 % ticks 0, 10, 20.
    assert fig.layout.yaxis.range[1] > 115 and float(fig.layout.yaxis.dtick).is_integer()
    low, high = fig.layout.yaxis2.range
    assert (fig.layout.yaxis2.tick0, fig.layout.yaxis2.dtick) == (0, 10) and (low, high) == pytest.approx((-2.3, 22.5))
    assert fig.layout.separators == ".,"


@pytest.mark.parametrize("top, step", [(0, 1), (3, 1), (5, 1), (7, 2), (23, 5), (180, 50), (4321, 1000)])
def test_count_axes_step_in_whole_numbers(top, step):
    assert nice_step(top) == step
    assert count_axis(3)["dtick"] == 1


def test_many_categories_become_the_largest_seven_and_other():
    frame = pd.DataFrame([{"year": 2024, "key": chr(65 + i), "label": f"Ngành {chr(65 + i)}", "value": 100 - i}
                          for i in range(19)])
    kept, keys = top_categories(frame, "Khác")
    assert len(keys) == 8 and keys[-1] == OTHER_KEY
    assert kept.loc[kept["key"] == OTHER_KEY, "value"].item() == sum(100 - i for i in range(7, 19))
    fig = stacked_years(frame, "T", "doanh nghiệp", "vi")
    colours = [trace.marker.color for trace in fig.data]
    assert len(fig.data) == 8 and len(set(colours)) == 8  # no colour used twice
    assert set(colours[:-1]) <= set(PALETTE)
    assert fig.data[-1].name == "Khác"


def test_a_ten_year_axis_labels_every_other_year_and_always_the_running_one():
    from nscl.present.style import year_ticks

    years = [str(y) for y in range(2020, 2031)]
    assert year_ticks(years[:7])["tickvals"] == years[:7]
    assert year_ticks(years)["tickvals"] == ["2020", "2022", "2024", "2026", "2028", "2030"]
    running = years[:6] + ["2026<br>(đến 26/11)"] + years[7:]
    partial = [True] * 6 + [False] * 5
    ticks = year_ticks(running, partial)
    assert ticks["tickvals"] == ["2020", "2022", "2024", "2026<br>(đến 26/11)", "2028", "2030"]
    assert ticks["ticktext"][3] == "2026<br><span style='font-size:10px'>(đến 26/11)</span>"
    odd = [True] * 7 + [False] * 4  # 2027 running
    assert year_ticks(years, odd)["tickvals"] == ["2021", "2023", "2025", "2027", "2029"]


def test_ranked_names_fit_a_phone_and_two_names_shortened_alike_stay_two_bars():
    from nscl.present.breakdown import ranked

    frame = pd.DataFrame({"key": ["MD-1", "MD-2"], "value": [5, 3],
                          "label": ["Công ty Cổ phần Sản xuất Hưng Phát – 5S và Kaizen toàn diện",
                                    "Công ty Cổ phần Sản xuất Hưng Phát – 5S và Kaizen toàn bộ"]})
    fig = ranked(frame, "Tiêu đề", "Số doanh nghiệp", "vi")
    assert list(fig.data[0].y) == ["MD-2", "MD-1"]  # largest on top
    labels = list(fig.layout.yaxis.ticktext)
    assert len(labels) == 2 and all(len(line) <= 24 for label in labels for line in label.split("<br>"))
    assert labels[1].startswith("Công ty Cổ phần Sản xuất<br>Hưng Phát")
    assert fig.layout.xaxis.title.text is None and "Số doanh nghiệp" in fig.data[0].hovertemplate


def test_a_shortened_label_is_cut_between_words():
    from nscl.present.style import short
    assert short("Ngân sách trung ương (Chương trình quốc gia)", 38) == "Ngân sách trung ương (Chương trình…"
    assert short("Doanh nghiệp", 32) == "Doanh nghiệp"
    assert short("Xyzxyzxyzxyzxyzxyzxyzxyzxyz tail", 12) == "Xyzxyzxyzxy…"  # one long word: cut inside it
    assert short("Công ty TNHH, Thương mại", 14) == "Công ty TNHH…"
