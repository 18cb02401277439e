"""Each indicator's SQL on tiny hand-made tables, with values worked out by hand; where an
indicator reads an analytics table, its base-table oracle must return the same rows."""

import dataclasses

import pandas as pd
import pytest

from nscl import analytics
from nscl import status as st
from nscl.filters import Filters
from nscl.indicators import compute
from nscl.sql import library
from tests.conftest import ORACLE, d, insert

Q = library()
ALL = Filters().sql()  # no enterprise filter


@pytest.fixture(scope="module")
def plan(plan):
    """Plan 676's targets on the whole deployment: these tests work the indicators' arithmetic on
    hand-made records, some without a place, which count only for such a plan
    (territories: tests/test_plan_territories.py)."""
    return dataclasses.replace(plan, territory=())


def run(con, name: str, **params) -> pd.DataFrame:
    """The indicator query after the rows were written by hand (so the analytics tables are
    brought up to date as the app does on opening), checked against its oracle."""
    analytics.ensure_current(con)
    rows = Q.df(con, name, **params)
    if f"{name}_oracle" in ORACLE:
        pd.testing.assert_frame_equal(rows, ORACLE.df(con, f"{name}_oracle", **params), check_dtype=False)
    return rows


def firm(tax_code: str, **extra) -> dict:
    row = dict(tax_code=tax_code, name="Công ty " + tax_code, sector_code="C", place_code="450",
               size="small", ownership="non_state")
    row.update(extra)
    return row


def test_experts_counted_within_period_and_up_to_as_of(con):
    insert(con, "experts", [
        dict(certificate_no="A", person_id="p1", person_name="A", certified_on=d("2020-12-31")),  # before
        dict(certificate_no="B", person_id="p2", person_name="B", certified_on=d("2021-01-01")),
        dict(certificate_no="C", person_id="p3", person_name="C", certified_on=d("2022-06-30")),
        dict(certificate_no="D", person_id="p4", person_name="D", certified_on=d("2022-07-01")),  # after as-of
        dict(certificate_no="E", person_id="p5", person_name="E", certified_on=d("2026-01-01")),  # next phase
    ])
    rows = run(con, "experts_per_year", period_start=d("2021-01-01"), period_end=d("2025-12-31"),
                as_of=d("2022-06-30"), plan="")
    assert rows.to_dict("records") == [{"year": 2021, "value": 1}, {"year": 2022, "value": 1}]


def test_managers_are_person_times_of_leaders_and_managers_in_in_depth_courses(con):
    insert(con, "courses", [
        dict(id="K1", kind="in_depth", title="Lean", start_date=d("2022-03-01"), end_date=d("2022-03-05")),
        dict(id="K2", kind="in_depth", title="ISO", start_date=d("2022-09-01"), end_date=d("2022-09-03")),
        dict(id="K3", kind="awareness", title="Nhận thức", start_date=d("2022-05-01"), end_date=d("2022-05-01")),
        dict(id="K4", kind="in_depth", title="Kaizen", start_date=d("2023-12-28"), end_date=d("2024-01-02")),
    ])
    insert(con, "participants", [
        # Person P1 attends two in-depth courses: two person-times.
        dict(course_id="K1", person_id="P1", person_name="Lê Văn A", tax_code="0100000001", role="manager"),
        dict(course_id="K2", person_id="P1", person_name="Lê Văn A", tax_code="0100000001", role="manager"),
        dict(course_id="K1", person_id="P2", person_name="Trần Thị B", tax_code="0100000001", role="leader"),
        dict(course_id="K1", person_id="P3", person_name="Staff", tax_code="0100000001", role="staff"),          # not a manager
        dict(course_id="K3", person_id="P4", person_name="Awareness", tax_code="0100000001", role="manager"),    # not in-depth
        dict(course_id="K4", person_id="P5", person_name="Later", tax_code="0100000001", role="leader"),         # ends 2024
    ])
    rows = run(con, "managers_per_year", period_start=d("2021-01-01"), period_end=d("2025-12-31"),
                as_of=d("2023-12-31"), **ALL)
    assert rows.to_dict("records") == [{"year": 2022, "value": 3}]
    rows = run(con, "managers_per_year", period_start=d("2021-01-01"), period_end=d("2025-12-31"),
                as_of=d("2024-01-02"), **ALL)
    assert rows.to_dict("records") == [{"year": 2022, "value": 3}, {"year": 2024, "value": 1}]


def test_supported_counts_distinct_enterprises_per_year_and_year_to_date(con):
    insert(con, "enterprises", [firm("0100000001"), firm("0100000002"), firm("0100000003")])
    rec = lambda i, tax, day: dict(id=f"H{i}", tax_code=tax, supported_on=d(day), solution_type="improvement_tool")  # noqa: E731
    insert(con, "support_records", [
        rec(1, "0100000001", "2020-02-01"),
        rec(2, "0100000002", "2020-08-01"),
        rec(3, "0100000001", "2021-01-10"),
        rec(4, "0100000001", "2021-03-10"),   # same enterprise twice in 2021: counts once
        rec(5, "0100000002", "2021-05-01"),
        rec(6, "0100000003", "2021-11-01"),
        rec(7, "0100000003", "2022-02-01"),
        rec(8, "0100000002", "2022-09-01"),   # after the as-of date: not counted
    ])
    rows = run(con, "supported_per_year", from_year=2020, as_of=d("2022-06-30"), **ALL)
    assert rows.to_dict("records") == [
        {"year": 2020, "value": 2, "value_ytd": 1},
        {"year": 2021, "value": 3, "value_ytd": 2},
        {"year": 2022, "value": 1, "value_ytd": 1},
    ]


def test_supported_returns_every_year_even_without_records(con):
    rows = run(con, "supported_per_year", from_year=2020, as_of=d("2021-03-01"), **ALL)
    assert rows[["year", "value", "value_ytd"]].to_dict("records") == [
        {"year": 2020, "value": 0, "value_ytd": 0}, {"year": 2021, "value": 0, "value_ytd": 0}]


def cert(no, standard, issued, expires=None, withdrawn=None, tax="0100000001"):
    return dict(certificate_no=no, body="QUACERT", tax_code=tax, standard=standard, issued_on=d(issued),
                expires_on=d(expires) if expires else None, withdrawn_on=d(withdrawn) if withdrawn else None)


def test_certificates_valid_at_year_end_and_issued_in_year(con):
    insert(con, "certificates", [
        cert("C1", "ISO 9001", "2019-05-01", "2022-04-30"),             # valid 2020, 2021; expires 2022
        cert("C2", "ISO 9001", "2020-03-01", "2023-02-28", "2021-07-15"),  # withdrawn mid-2021
        cert("C3", "ISO 9001", "2021-02-01", "2024-01-31"),
        cert("C4", "ISO 9001", "2021-12-31", "2024-12-30"),             # issued on the last day
        cert("C5", "ISO 14001", "2020-06-01", "2023-05-31"),            # other standard
        cert("C6", "ISO 9001", "2022-01-15", "2025-01-14"),
        cert("C7", "ISO 9001", "2022-04-30", "2025-04-29"),             # after the as-of date
    ])
    rows = run(con, "certificates_per_year", standard="ISO 9001", from_year=2020, as_of=d("2022-03-31"), **ALL)
    assert rows.to_dict("records") == [
        # 2020-12-31: C1, C2 valid. Same day as 31/3: C1 only (C2 issued 1/3/2020, also valid) -> 2
        {"year": 2020, "valid": 2, "valid_ytd": 2, "issued": 1, "issued_ytd": 1},
        # 2021-12-31: C1, C3, C4 (C2 withdrawn). On 31/3/2021: C1, C2, C3.
        {"year": 2021, "valid": 3, "valid_ytd": 3, "issued": 2, "issued_ytd": 1},
        # 2022 up to 31/3: C1, C3, C4, C6.
        {"year": 2022, "valid": 4, "valid_ytd": 4, "issued": 1, "issued_ytd": 1},
    ]


def test_certificate_expired_mid_year_is_not_valid_at_year_end(con):
    insert(con, "certificates", [cert("X", "ISO 14001", "2018-01-01", "2021-06-30")])
    rows = run(con, "certificates_per_year", standard="ISO 14001", from_year=2020, as_of=d("2021-12-31"), **ALL)
    assert rows["valid"].tolist() == [1, 0]


def test_pilots_count_enterprises_recognised_within_the_period_whenever_they_started(con):
    pm = lambda i, tax, started, recognised: dict(id=f"M{i}", tax_code=tax, solution="Lean",  # noqa: E731
                                                  started_on=d(started), recognised_on=d(recognised) if recognised else None)
    insert(con, "pilot_models", [
        pm(1, "T1", "2020-05-01", "2021-06-01"),   # started before the programme
        pm(2, "T2", "2021-02-01", "2022-03-01"),
        pm(3, "T2", "2022-05-01", "2023-03-01"),   # same enterprise again: counted once
        pm(4, "T3", "2022-01-01", None),           # not recognised yet
        pm(5, "T4", "2023-01-01", "2023-08-01"),
    ])
    args = dict(period_start=d("2021-01-01"), period_end=d("2030-12-31"), as_of=d("2023-12-31"), **ALL)
    # T1 started in 2020 and was recognised in 2021: the plan counts the recognition.
    rows = run(con, "pilots_per_year", event="recognised", **args)
    assert rows.to_dict("records") == [{"year": 2021, "value": 1}, {"year": 2022, "value": 1},
                                       {"year": 2023, "value": 1}]
    # Counting by start: T1 started before the period and is out; T3 (not recognised) counts.
    rows = run(con, "pilots_per_year", event="started", **args)
    assert rows.to_dict("records") == [{"year": 2021, "value": 1}, {"year": 2022, "value": 1},
                                       {"year": 2023, "value": 1}]
    assert run(con, "pilots_per_year", event="started", **{**args, "as_of": d("2021-12-31")})[
        "value"].tolist() == [1]  # only T2 (started 1/2/2021)


def test_a_model_started_in_2020_and_recognised_in_2022_counts_for_the_programme(con, plan):
    insert(con, "pilot_models", [dict(id="M1", tax_code="T1", solution="5S", started_on=d("2020-03-01"),
                                      recognised_on=d("2022-04-01"))])
    result = compute(con, plan, plan.target("pilots"), plan.phase("2021-2025"), d("2022-12-31"))
    assert result.assessment.actual == 1
    assert result.series.set_index("year").at[2022, "value"] == 1


def test_a_re_certified_expert_is_counted_once(con, plan):
    insert(con, "experts", [
        dict(certificate_no="A1", person_id="p1", person_name="A", certified_on=d("2021-05-01")),
        dict(certificate_no="A2", person_id="p1", person_name="A", certified_on=d("2024-05-01")),  # renewal
        dict(certificate_no="B1", person_id="p2", person_name="B", certified_on=d("2022-05-01")),
        dict(certificate_no="C1", person_id="p3", person_name="C", certified_on=d("2019-05-01")),  # before
        dict(certificate_no="C2", person_id="p3", person_name="C", certified_on=d("2023-05-01")),  # renewal
    ])
    rows = run(con, "experts_per_year", period_start=d("2021-01-01"), period_end=d("2025-12-31"),
               as_of=d("2025-12-31"), plan="")
    assert rows.to_dict("records") == [{"year": 2021, "value": 1}, {"year": 2022, "value": 1}]
    result = compute(con, plan, plan.target("experts"), plan.phase("2021-2025"), d("2025-12-31"))
    assert result.assessment.actual == 2


def test_a_manager_seat_without_an_enterprise_is_not_counted(con):
    insert(con, "courses", [dict(id="K1", kind="in_depth", title="Lean", start_date=d("2022-03-01"),
                                 end_date=d("2022-03-05"))])
    insert(con, "participants", [
        dict(course_id="K1", person_id="P1", person_name="A", tax_code="0100000001", role="manager"),
        dict(course_id="K1", person_id="P2", person_name="B", tax_code=None, role="leader"),
    ])
    rows = run(con, "managers_per_year", period_start=d("2021-01-01"), period_end=d("2025-12-31"),
               as_of=d("2023-01-01"), **ALL)
    assert rows.to_dict("records") == [{"year": 2022, "value": 1}]


def seats(con, n: int, end: str) -> None:
    insert(con, "courses", [dict(id="K" + end, kind="in_depth", title="Lean", start_date=d(end), end_date=d(end))])
    insert(con, "participants", [dict(course_id="K" + end, person_id=f"P{i}", person_name="x",
                                      tax_code="0100000001", role="manager") for i in range(n)])
    analytics.ensure_current(con)


def test_exactly_200_person_times_do_not_meet_over_200(con, plan):
    # The phase is closed from 1/1/2026: its final result (on 31/12/2025 it is still running).
    seats(con, 200, "2024-06-01")
    result = compute(con, plan, plan.target("managers"), plan.phase("2021-2025"), d("2026-01-01"))
    a = result.assessment
    assert (a.actual, a.target, a.required) == (200, 200, 201)
    assert a.status == st.NOT_ACHIEVED
    seats(con, 1, "2025-06-01")
    result = compute(con, plan, plan.target("managers"), plan.phase("2021-2025"), d("2025-12-31"))
    assert result.assessment.status == st.ACHIEVED


def test_about_five_experts_is_met_by_five_and_about_ten_by_nine(con, plan):
    insert(con, "experts", [dict(certificate_no=f"E{i}", person_id=f"p{i}", person_name="x",
                                 certified_on=d("2027-03-01")) for i in range(9)])
    result = compute(con, plan, plan.target("experts"), plan.phase("2026-2030"), d("2030-12-31"))
    assert (result.assessment.required, result.assessment.status) == (9, st.ACHIEVED)
    insert(con, "experts", [dict(certificate_no=f"F{i}", person_id=f"q{i}", person_name="x",
                                 certified_on=d("2022-03-01")) for i in range(4)])
    result = compute(con, plan, plan.target("experts"), plan.phase("2021-2025"), d("2026-01-01"))
    assert (result.assessment.required, result.assessment.status) == (5, st.NOT_ACHIEVED)


def test_four_of_five_years_met_are_counted_and_the_missed_year_named(con, plan):
    # 100 enterprises supported in 2020, then +10 %, +12 %, +8 %, +16 %, +11 % (rounded counts).
    counts = {2020: 100, 2021: 110, 2022: 124, 2023: 134, 2024: 156, 2025: 174}
    firms, records = [], []
    for year, n in counts.items():
        for i in range(n):
            tax = f"{year}{i:06d}"
            firms.append(firm(tax))
            records.append(dict(id=f"H{tax}", tax_code=tax, supported_on=d(f"{year}-06-01"),
                                solution_type="improvement_tool"))
    insert(con, "enterprises", firms)
    insert(con, "support_records", records)
    analytics.ensure_current(con)
    result = compute(con, plan, plan.target("supported"), plan.phase("2021-2025"), d("2025-12-31"))
    a = result.assessment
    assert a.years_judged == (2021, 2022, 2023, 2024, 2025)
    assert a.years_met == 4 and a.years_missed == (2023,)   # 134/124 - 1 = 8.1 %
    assert a.years_above == (2024,)                          # 156/134 - 1 = 16.4 % > 15 %
    # On the phase's last day it is running: judged on the average, CAGR (174/100)^(1/5) - 1 = 11.7 %.
    assert a.status == st.ON_TRACK and not a.closed
    # From the next day the phase is closed: the plan asks for growth every year, and 2023 fell short.
    final = compute(con, plan, plan.target("supported"), plan.phase("2021-2025"), d("2026-01-01")).assessment
    assert final.status == st.NOT_ACHIEVED and final.years_missed == (2023,)
    assert final.rate == pytest.approx(0.117, abs=0.001)  # the average, for information only


def test_cabs_with_valid_accreditation_per_year(con):
    insert(con, "cabs", [
        dict(id="B1", name="Lab 1", accreditation_standard="ISO/IEC 17025", accredited_on=d("2019-01-01")),
        dict(id="B2", name="Lab 2", accreditation_standard="ISO/IEC 17025", accredited_on=d("2020-05-01"),
             accreditation_expires_on=d("2021-06-30")),
        dict(id="B3", name="Lab 3", accreditation_standard="ISO/IEC 17020", accredited_on=d("2021-03-01")),
    ])
    rows = run(con, "cabs_per_year", from_year=2020, as_of=d("2021-12-31"), plan="")
    assert rows.to_dict("records") == [{"year": 2020, "value": 2}, {"year": 2021, "value": 2}]


def test_compute_joins_sql_to_target_for_an_as_of_date_inside_a_phase(con, plan):
    insert(con, "experts", [
        dict(certificate_no=f"E{i}", person_id=f"p{i}", person_name="x", certified_on=day)
        for i, day in enumerate([d("2021-03-01"), d("2022-03-01"), d("2023-02-01")])
    ])
    as_of = d("2023-06-30")  # 911 of 1826 days of 2021-2025
    result = compute(con, plan, plan.target("experts"), plan.phase("2021-2025"), as_of)
    a = result.assessment
    assert a.actual == 3 and a.target == 5
    assert a.elapsed == pytest.approx(911 / 1826)
    assert a.forecast == pytest.approx(3 / (911 / 1826))
    assert a.status == st.ON_TRACK  # forecast 6.0 of 5
    assert result.series["cumulative"].tolist()[:3] == [1, 2, 3]


def test_compute_growth_uses_primary_measure_and_keeps_the_other(con, plan):
    insert(con, "certificates", [
        cert("A", "ISO 9001", "2019-01-01", "2030-01-01"),
        cert("B", "ISO 9001", "2020-01-01", "2030-01-01"),
        cert("C", "ISO 9001", "2021-01-01", "2030-01-01"),
    ])
    analytics.ensure_current(con)
    result = compute(con, plan, plan.target("iso9001"), plan.phase("2021-2025"), d("2022-02-01"))
    frame = result.series
    assert frame["value"].tolist() == [2, 3, 3]   # valid at 31/12/2020, 2021, 1/2/2022
    assert frame["other"].tolist() == [1, 1, 0]   # issued in the year
    a = result.assessment
    assert a.rate == pytest.approx(0.5) and a.status == st.ON_TRACK
    assert (a.base_year, a.latest_year) == (2020, 2021)


def test_no_data_at_all_gives_insufficient_data_for_growth_targets(con, plan):
    for tid in ("supported", "iso9001", "iso14001"):
        result = compute(con, plan, plan.target(tid), plan.phase("2021-2025"), d("2023-05-01"))
        assert result.assessment.status == st.INSUFFICIENT, tid


def test_enterprise_filters_narrow_the_indicators_in_both_geographies(con):
    insert(con, "enterprises", [
        firm("0100000001", sector_code="C", place_code="450"),            # Đồng Hới, before the reform
        firm("0100000002", sector_code="G", place_code="18880"),          # phường Đồng Hới, after
        firm("0100000003", sector_code="C", place_code="19249", size="micro"),  # xã Lệ Thủy (from 457)
    ])
    insert(con, "support_records", [
        dict(id=f"H{i}", tax_code=tax, supported_on=d("2021-05-01"), solution_type="improvement_tool")
        for i, tax in enumerate(["0100000001", "0100000002", "0100000003"])
    ])
    def value(**changes):
        params = {**ALL, **changes}
        rows = run(con, "supported_per_year", from_year=2021, as_of=d("2021-12-31"), **params)
        return int(rows["value"].iloc[0])
    assert value() == 3
    assert value(sectors=["C"]) == 2
    assert value(sizes=["micro"]) == 1
    # Former districts: the commune 18880 maps back to district 450.
    assert value(places=["450"]) == 2
    assert value(places=["457"]) == 1
    # Current communes: district 450 has many successors, so it stays under its own code.
    assert value(places=["18880"], geography="current") == 1
    assert value(places=["450"], geography="current") == 1
    assert value(places=["19249", "18880"], geography="current") == 2


def test_participants_of_an_enterprise_not_on_file_count_only_without_filters(con):
    insert(con, "enterprises", [firm("0100000001", sector_code="C")])
    insert(con, "courses", [dict(id="K1", kind="in_depth", title="Lean", start_date=d("2022-03-01"),
                                 end_date=d("2022-03-05"))])
    insert(con, "participants", [
        dict(course_id="K1", person_id="P1", person_name="A", tax_code="0100000001", role="manager"),
        dict(course_id="K1", person_id="P2", person_name="B", tax_code="0999999999", role="leader"),
    ])
    args = dict(period_start=d("2021-01-01"), period_end=d("2025-12-31"), as_of=d("2023-01-01"))
    assert run(con, "managers_per_year", **args, **ALL)["value"].tolist() == [2]
    assert run(con, "managers_per_year", **args, **{**ALL, "sectors": ["C"]})["value"].tolist() == [1]
    assert run(con, "managers_per_year", **args, **{**ALL, "sectors": ["G"]})["value"].tolist() == []
