"""A phase that has ended is closed: a final result, met or not met per target, no forecast, no pace.

Boundaries: a phase ending 31/12/2025 is running on 31/12/2025 and closed on 1/1/2026; a count is
met exactly at its pass mark ("trên 200" needs 201, "khoảng 10" needs 9 with the plan's 10 %); a
yearly-growth target is met only when every year of the phase met the floor."""
import dataclasses
import datetime as dt

import pytest

from nscl import status as st
from nscl.indicators import compute
from nscl.plan import Period, Thresholds
from nscl.present.cards import build_card, closed_note
from nscl.progress import YearValue, assess_count, assess_growth, is_closed
from tests.conftest import d, insert

TH = Thresholds(on_track=0.95, accelerate=0.60)
PHASE = Period("2021-2025", dt.date(2021, 1, 1), dt.date(2025, 12, 31))
LAST_DAY, NEXT_DAY = dt.date(2025, 12, 31), dt.date(2026, 1, 1)


def series(values: dict[int, float]) -> list[YearValue]:
    return [YearValue(y, v, v) for y, v in sorted(values.items())]


def grown(rates: dict[int, float], base: float = 100.0) -> list[YearValue]:
    """2020 = base, then each year of 2021-2025 grown by its rate."""
    values, value = {2020: base}, base
    for year in range(2021, 2026):
        value = value * (1 + rates.get(year, 0.10))
        values[year] = value
    return series(values)


def test_a_phase_is_running_on_its_last_day_and_closed_the_next_day():
    assert not is_closed(PHASE, LAST_DAY)
    assert is_closed(PHASE, NEXT_DAY)
    running = assess_count(9, 10, PHASE, LAST_DAY, TH)
    assert not running.closed and running.forecast == 9 and running.status == st.ACCELERATE
    closed = assess_count(9, 10, PHASE, NEXT_DAY, TH)
    assert closed.closed and closed.status == st.NOT_ACHIEVED
    assert closed.forecast is None and closed.ratio is None


def test_growth_is_judged_on_pace_on_the_last_day_and_finally_the_next_day():
    s = grown({2023: 0.05})  # four years at 10 %, one at 5 %
    running = assess_growth(s, 0.10, PHASE, LAST_DAY, TH)
    assert not running.closed and running.forecast is not None
    assert running.status in (st.ON_TRACK, st.ACCELERATE)
    final = assess_growth(s, 0.10, PHASE, NEXT_DAY, TH)
    assert final.closed and final.status == st.NOT_ACHIEVED
    assert final.forecast is None and final.ratio is None
    assert final.years_missed == (2023,) and final.years_met == 4


@pytest.mark.parametrize("actual, status", [(4, st.NOT_ACHIEVED), (5, st.ACHIEVED), (6, st.ACHIEVED)])
def test_a_closed_count_is_met_exactly_at_its_target(actual, status):
    assert assess_count(actual, 5, PHASE, NEXT_DAY, TH).status == status


@pytest.mark.parametrize("actual, status", [(200, st.NOT_ACHIEVED), (201, st.ACHIEVED)])
def test_over_200_needs_201(plan, actual, status):
    managers = plan.target("managers")
    assert managers.qualifier == "more_than"
    a = assess_count(actual, 200, PHASE, NEXT_DAY, TH, required=managers.required(200))
    assert a.status == status


@pytest.mark.parametrize("tolerance, actual, status", [
    (0.10, 8, st.NOT_ACHIEVED), (0.10, 9, st.ACHIEVED),   # the plan's 10 %: "khoảng 10" needs 9
    (0.20, 7, st.NOT_ACHIEVED), (0.20, 8, st.ACHIEVED),   # another plan's 20 %: needs 8
])
def test_about_10_follows_the_plans_tolerance(plan, tolerance, actual, status):
    experts = dataclasses.replace(plan.target("experts"), tolerance=tolerance)
    assert experts.qualifier == "about" and plan.thresholds.about_tolerance == 0.10
    a = assess_count(actual, 10, PHASE, NEXT_DAY, TH, required=experts.required(10))
    assert a.status == status


def test_growth_exactly_at_the_floor_every_year_is_met():
    a = assess_growth(grown({}), 0.10, PHASE, NEXT_DAY, TH)
    assert a.status == st.ACHIEVED and a.reason == "closed_growth_met"
    assert a.years_judged == (2021, 2022, 2023, 2024, 2025) and a.years_missed == ()
    assert a.rate == pytest.approx(0.10)  # the average, for information


def test_one_year_just_under_the_floor_is_not_met_even_with_a_high_average():
    a = assess_growth(grown({2022: 0.0999, 2024: 0.40}), 0.10, PHASE, NEXT_DAY, TH)
    assert a.rate > 0.10
    assert a.status == st.NOT_ACHIEVED and a.years_missed == (2022,)


def test_a_fall_is_a_year_not_met():
    a = assess_growth(grown({2021: -0.20, 2024: -0.05}), 0.10, PHASE, NEXT_DAY, TH)
    assert a.status == st.NOT_ACHIEVED and a.years_missed == (2021, 2024)
    assert [round(g.growth, 2) for g in a.yearly if g.year in (2021, 2024)] == [-0.2, -0.05]


def test_a_year_without_data_leaves_the_target_inconclusive_and_is_named():
    s = [p for p in grown({}) if p.year != 2020]  # no base year: 2021's growth cannot be computed
    a = assess_growth(s, 0.10, PHASE, NEXT_DAY, TH)
    assert a.status == st.INSUFFICIENT and a.reason == "closed_growth_gaps"
    assert a.years_unjudged == (2021,) and a.years_met == 4
    # A year below the floor decides it even when another year has no data.
    s = [p for p in grown({2023: 0.0}) if p.year != 2020]
    assert assess_growth(s, 0.10, PHASE, NEXT_DAY, TH).status == st.NOT_ACHIEVED


def test_no_data_at_all_is_insufficient():
    a = assess_growth([], 0.10, PHASE, NEXT_DAY, TH)
    assert a.status == st.INSUFFICIENT and a.reason == "closed_growth_no_data"
    assert a.years_unjudged == (2021, 2022, 2023, 2024, 2025)


def test_the_rule_thresholds_come_from_the_plan_not_code():
    s = grown({2021: 0.08})
    assert assess_growth(s, 0.10, PHASE, NEXT_DAY, TH).status == st.NOT_ACHIEVED
    assert assess_growth(s, 0.08, PHASE, NEXT_DAY, TH).status == st.ACHIEVED


def experts(con, dates: list[str]) -> None:
    insert(con, "experts", [dict(certificate_no=f"C{i}", person_id=f"p{i}", person_name=f"P{i}",
                                 certified_on=d(day), place_code="450") for i, day in enumerate(dates)])


def test_records_dated_inside_a_closed_phase_count_whenever_they_arrive(con, plan):
    phase = plan.phase("2021-2025")
    experts(con, ["2021-03-01", "2022-03-01", "2023-03-01", "2024-03-01"])
    before = compute(con, plan, plan.target("experts"), phase, d("2026-12-06"))
    assert before.assessment.status == st.NOT_ACHIEVED and before.assessment.actual == 4
    # Uploaded in 2026, dated in December 2025: the final result follows the data as of the as-of date.
    insert(con, "experts", [dict(certificate_no="LATE", person_id="late", person_name="L",
                                 certified_on=d("2025-12-20"), place_code="450"),
                            dict(certificate_no="NEXT", person_id="next", person_name="N",
                                 certified_on=d("2026-01-02"), place_code="450")])  # the next phase: not this one's
    after = compute(con, plan, plan.target("experts"), phase, d("2026-12-06"))
    assert after.assessment.status == st.ACHIEVED and after.assessment.actual == 5
    assert after.assessment.closed and after.assessment.forecast is None


def test_a_programme_target_in_a_closed_phase_is_seen_at_the_phase_end(con, plan):
    result = compute(con, plan, plan.target("pilots"), plan.phase("2021-2025"), d("2026-12-06"))
    a = result.assessment
    assert a.status == st.CONTINUING and a.closed and a.forecast is None
    assert result.as_of == d("2025-12-31")
    card = build_card(result, "vi", d("2026-12-06"), "Quảng Bình")
    assert card.why == ("Đến hết ngày 31/12/2025 có 0/10 doanh nghiệp (0%); chỉ tiêu tính cho cả thời kỳ "
                        "2021-2030, được đánh giá khi thời kỳ kết thúc (31/12/2030).")
    assert card.forecast_text is None and card.needed_text is None


def test_a_closed_count_card_says_the_final_result_and_no_forecast(con, plan):
    experts(con, ["2021-03-01", "2022-03-01", "2023-03-01"])
    result = compute(con, plan, plan.target("experts"), plan.phase("2021-2025"), d("2026-01-01"))
    card = build_card(result, "vi", d("2026-01-01"), "Quảng Bình")
    assert card.closed and card.status_label == "Không đạt"
    assert card.why == ("Giai đoạn 2021-2025 đã kết thúc với 3/5 chuyên gia (60%): không đạt, còn thiếu 2 so với "
                        "mức đạt 5.")
    assert card.forecast_text is None and card.needed_text is None
    assert card.completion_text == "Tỷ lệ hoàn thành: 3/5 (60%)"
    assert [(r.year, r.value, r.cumulative) for r in card.year_rows] == [
        (2021, 1, 1), (2022, 1, 2), (2023, 1, 3), (2024, 0, 3), (2025, 0, 3)]
    english = build_card(result, "en", d("2026-01-01"), "Quảng Bình")
    assert english.why == "Phase 2021-2025 ended with 3/5 experts (60%): not met, 2 short of the pass mark 5."
    assert "Giai đoạn đã kết thúc" in card.rule
    # The day before, the same data is a running phase with its pace and forecast.
    running = build_card(compute(con, plan, plan.target("experts"), plan.phase("2021-2025"), LAST_DAY),
                         "vi", LAST_DAY, "Quảng Bình")
    assert not running.closed and running.forecast_text


def test_a_count_target_with_no_records_is_not_met_with_zero(con, plan):
    result = compute(con, plan, plan.target("managers"), plan.phase("2021-2025"), d("2026-12-06"))
    card = build_card(result, "vi", d("2026-12-06"), "Quảng Bình")
    assert card.status == st.NOT_ACHIEVED and card.actual_text == "0 lượt người"
    assert card.why == ("Giai đoạn 2021-2025 đã kết thúc với 0/201 lượt người (0%): không đạt, còn thiếu 201 so "
                        "với mức đạt 201.")


def test_a_tracked_only_target_is_neither_met_nor_not_met(con, plan):
    result = compute(con, plan, plan.target("cab"), plan.phase("2021-2025"), d("2026-12-06"))
    card = build_card(result, "vi", d("2026-12-06"), "Quảng Bình")
    assert card.status == st.MONITORED and card.closed
    assert card.why == ("Kế hoạch không đặt chỉ tiêu số nên không đánh giá đạt hay không đạt; năm 2025 có "
                        "0 tổ chức.")


def test_the_closed_note_appears_from_the_day_after_the_end():
    assert closed_note(PHASE, LAST_DAY, "vi") is None
    assert closed_note(PHASE, NEXT_DAY, "vi") == (
        "Giai đoạn 2021-2025 đã kết thúc ngày 31/12/2025: đây là kết quả cuối cùng theo số liệu đến ngày 01/01/2026 "
        "(số liệu thuộc giai đoạn được cập nhật sau ngày kết thúc vẫn được tính); không còn dự báo.")
    assert closed_note(PHASE, NEXT_DAY, "en").startswith("Phase 2021-2025 ended on 31/12/2025: these are its final")
