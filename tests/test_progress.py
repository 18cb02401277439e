"""Progress maths: every status boundary, zero or missing base, single year, no data."""
import datetime as dt

import pytest

from nscl import status as st
from nscl.plan import Period, Thresholds
from nscl.progress import YearValue, assess_count, assess_growth, elapsed_share, yearly_growth

TH = Thresholds(on_track=0.95, accelerate=0.60)
PHASE = Period("2021-2025", dt.date(2021, 1, 1), dt.date(2025, 12, 31))
# 2021-2030: 3652 days; 5 years of 2021-2025: 1826 days.
TEN_YEARS = Period("2021-2030", dt.date(2021, 1, 1), dt.date(2030, 12, 31))


def test_elapsed_share_counts_the_as_of_day():
    assert elapsed_share(PHASE, dt.date(2021, 1, 1)) == pytest.approx(1 / 1826)
    assert elapsed_share(PHASE, dt.date(2025, 12, 31)) == 1.0
    assert elapsed_share(PHASE, dt.date(2020, 6, 1)) == 0.0
    assert elapsed_share(PHASE, dt.date(2031, 1, 1)) == 1.0


# Half of 2021-2030 is reached at the end of 2025-12-31 (1826 / 3652 days = 0.5).
HALF = dt.date(2025, 12, 31)


@pytest.mark.parametrize("actual, expected", [
    (4.75, st.ON_TRACK),       # pace ratio exactly 0.95
    (4.74, st.ACCELERATE),     # just below 0.95
    (3.0, st.ACCELERATE),      # exactly 0.60
    (2.99, st.OFF_TRACK),      # just below 0.60
    (0.0, st.OFF_TRACK),       # nothing yet: off track, not deterioration
])
def test_count_pace_boundaries(actual, expected):
    a = assess_count(actual, 10, TEN_YEARS, HALF, TH)
    assert a.status == expected
    assert a.forecast == pytest.approx(actual * 2)
    assert a.ratio == pytest.approx(actual * 2 / 10)


def test_count_achieved_before_the_end_of_the_period():
    a = assess_count(10, 10, TEN_YEARS, dt.date(2023, 1, 1), TH)
    assert a.status == st.ACHIEVED
    assert a.completion == 1.0


def test_count_not_achieved_when_period_ended_short():
    a = assess_count(9, 10, PHASE, dt.date(2026, 1, 1), TH)
    assert a.status == st.NOT_ACHIEVED
    assert a.forecast is None and a.closed


def test_count_achieved_when_period_ended_on_target():
    assert assess_count(5, 5, PHASE, dt.date(2026, 3, 1), TH).status == st.ACHIEVED


def test_count_before_the_period_is_insufficient_data():
    a = assess_count(0, 10, PHASE, dt.date(2020, 12, 31), TH)
    assert a.status == st.INSUFFICIENT


def test_thresholds_come_from_configuration():
    strict = Thresholds(on_track=0.99, accelerate=0.9)
    assert assess_count(4.75, 10, TEN_YEARS, HALF, strict).status == st.ACCELERATE
    assert assess_count(4.4, 10, TEN_YEARS, HALF, strict).status == st.OFF_TRACK


def series(values: dict[int, float], ytd: dict[int, float] | None = None) -> list[YearValue]:
    ytd = ytd or {}
    return [YearValue(y, v, ytd.get(y, v)) for y, v in sorted(values.items())]


def _cagr_series(rate: float) -> list[YearValue]:
    # 2020 base 100, 2023 = 100 * (1 + rate)^3; as of mid-2024 the latest complete year is 2023.
    return series({2020: 100.0, 2021: 100.0, 2022: 100.0, 2023: 100 * (1 + rate) ** 3, 2024: 10.0})


@pytest.mark.parametrize("rate, expected", [
    (0.095, st.ON_TRACK),        # ratio 0.95
    (0.0949, st.ACCELERATE),
    (0.06, st.ACCELERATE),       # ratio 0.60 (moderate progress)
    (0.0599, st.OFF_TRACK),      # limited progress
    (0.0, st.OFF_TRACK),         # ratio exactly 0
    (-0.0001, st.DETERIORATING),
])
def test_growth_ratio_boundaries(rate, expected):
    a = assess_growth(_cagr_series(rate), 0.10, PHASE, dt.date(2024, 6, 30), TH)
    assert a.status == expected
    assert a.rate == pytest.approx(rate, abs=1e-9)
    assert (a.base_year, a.latest_year) == (2020, 2023)
    assert not a.provisional


def test_growth_phase_ended_is_achieved_or_not():
    grown = series({2020: 100, 2021: 110, 2022: 121, 2023: 133.1, 2024: 146.41, 2025: 161.051})
    a = assess_growth(grown, 0.10, PHASE, dt.date(2026, 1, 1), TH)
    assert a.status == st.ACHIEVED
    assert a.rate == pytest.approx(0.10)
    short = series({2020: 100, 2021: 100, 2022: 100, 2023: 100, 2024: 100, 2025: 150})
    assert assess_growth(short, 0.10, PHASE, dt.date(2026, 2, 1), TH).status == st.NOT_ACHIEVED


def test_growth_zero_base_year_uses_first_year_with_data():
    s = series({2020: 0, 2021: 100, 2022: 110, 2023: 121})
    a = assess_growth(s, 0.10, PHASE, dt.date(2024, 3, 1), TH)
    assert a.base_year == 2021
    assert a.rate == pytest.approx(0.10)
    assert a.status == st.ON_TRACK


def test_growth_missing_base_year_uses_first_year_with_data():
    s = series({2021: 50, 2022: 40, 2023: 30})
    a = assess_growth(s, 0.10, PHASE, dt.date(2024, 3, 1), TH)
    assert a.base_year == 2021
    assert a.status == st.DETERIORATING


def test_growth_single_year_of_data_is_insufficient():
    a = assess_growth(series({2021: 80}), 0.10, PHASE, dt.date(2022, 3, 1), TH)
    assert a.status == st.INSUFFICIENT
    assert a.reason == "no_base"


def test_growth_no_data_at_all_is_insufficient():
    assert assess_growth([], 0.10, PHASE, dt.date(2023, 3, 1), TH).status == st.INSUFFICIENT
    zeros = series({2020: 0, 2021: 0, 2022: 0})
    assert assess_growth(zeros, 0.10, PHASE, dt.date(2023, 3, 1), TH).status == st.INSUFFICIENT


def test_growth_latest_year_zero_is_deterioration_not_a_crash():
    a = assess_growth(series({2020: 10, 2021: 0}), 0.10, PHASE, dt.date(2022, 1, 5), TH)
    assert a.status == st.DETERIORATING
    assert a.rate == -1


def test_growth_before_a_complete_year_compares_year_to_date_and_is_provisional():
    s = series({2020: 200, 2021: 60}, ytd={2020: 50, 2021: 60})
    a = assess_growth(s, 0.10, PHASE, dt.date(2021, 4, 30), TH)
    assert a.provisional
    assert a.rate == pytest.approx(0.20)
    assert a.status == st.ON_TRACK
    assert (a.base_year, a.latest_year, a.actual, a.base_value) == (2020, 2021, 60, 50)


def test_growth_year_to_date_with_no_previous_data_is_insufficient():
    s = series({2020: 0, 2021: 60}, ytd={2020: 0, 2021: 60})
    a = assess_growth(s, 0.10, PHASE, dt.date(2021, 4, 30), TH)
    assert a.status == st.INSUFFICIENT
    assert a.provisional


def test_growth_before_the_phase_is_insufficient():
    assert assess_growth(series({2019: 5, 2020: 6}), 0.1, PHASE, dt.date(2020, 7, 1), TH).status == st.INSUFFICIENT


def test_yearly_growth_marks_each_year_met_or_not():
    g = yearly_growth(series({2020: 100, 2021: 110, 2022: 115, 2023: 0, 2024: 10}), 0.10)
    assert [(x.year, x.met) for x in g] == [(2020, None), (2021, True), (2022, False), (2023, False), (2024, None)]
    assert g[1].growth == pytest.approx(0.10)


def test_yearly_growth_of_an_incomplete_year_uses_the_same_days():
    s = series({2021: 100, 2022: 30}, ytd={2021: 25, 2022: 30})
    g = yearly_growth(s, 0.10, as_of=dt.date(2022, 3, 31))
    assert g[1].growth == pytest.approx(0.2)
