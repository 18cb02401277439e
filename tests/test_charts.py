"""Chart builders are pure: DataFrame in, Plotly figure out, checked without Streamlit."""
import datetime as dt

import pandas as pd

from nscl import status as st
from nscl.indicators import count_series
from nscl.plan import Period
from nscl.present import trend as charts


def test_count_trend_draws_the_target_from_the_argument_and_years_as_categories():
    period = Period("2026-2030", dt.date(2026, 1, 1), dt.date(2030, 12, 31))
    series = count_series(pd.DataFrame({"year": [2026], "value": [3]}), period, dt.date(2026, 11, 26))
    fig = charts.count_trend(series, 7.0, "Tiêu đề", "chuyên gia", "vi")
    assert fig.layout.xaxis.type == "category"
    assert list(fig.data[0].x) == ["2026", "2027", "2028", "2029", "2030"]
    assert fig.layout.shapes[0].y0 == 7.0  # the target line
    assert fig.layout.separators == ",."
    cumulative = list(fig.data[1].y)
    assert cumulative[0] == 3 and all(pd.isna(v) for v in cumulative[1:])


def test_growth_trend_colours_years_by_met_or_not():
    series = pd.DataFrame({"year": [2020, 2021, 2022], "value": [100, 112, 115],
                           "growth": [None, 0.12, 0.027], "met": [None, True, False],
                           "complete": [True, True, True]})
    fig = charts.growth_trend(series, 0.10, "T", "doanh nghiệp", "en")
    colours = {trace.marker.color: list(trace.x) for trace in fig.data}
    assert colours == {st.NEUTRAL_COLOUR: ["2020"], st.MET_COLOUR: ["2021"], st.NOT_MET_COLOUR: ["2022"]}
    assert fig.layout.separators == ".,"
    assert "+12.0%" in fig.data[1].customdata[0]
