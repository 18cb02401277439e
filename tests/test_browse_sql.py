"""Breakdown SQL of the browse pages on tiny hand-made data, values worked out by hand."""
import pytest

from nscl import analytics
from nscl.filters import Filters
from nscl.sql import library
from tests.conftest import d, insert

Q = library()
ALL = Filters().sql()
PLAN = "quang-binh-676"


def firm(tax_code, sector="C", place="450", size="small", ownership="non_state"):
    return dict(tax_code=tax_code, name="DN " + tax_code, sector_code=sector, place_code=place, size=size,
                ownership=ownership)


@pytest.fixture
def reform_data(con):
    """Three firms: one named by a former district, two by communes of the new province."""
    insert(con, "enterprises", [
        firm("T1", sector="C", place="450"),                 # former district Đồng Hới
        firm("T2", sector="G", place="18880", size="micro"),  # phường Đồng Hới (from 450)
        firm("T3", sector="C", place="19249", ownership="fdi"),  # xã Lệ Thủy (from 458)
    ])
    rec = lambda i, tax, day, sol="improvement_tool", detail="5S", money=10: dict(  # noqa: E731
        id=f"H{i}", tax_code=tax, supported_on=d(day), solution_type=sol, detail=detail, funding_vnd=money,
        funding_source="Ngân sách tỉnh")
    insert(con, "support_records", [
        rec(1, "T1", "2024-03-01"),
        rec(2, "T1", "2024-09-01", "management_system", "ISO 9001", 20),   # T1 twice in 2024
        rec(3, "T1", "2025-05-01"),                                         # before the reform
        rec(4, "T2", "2025-08-01", money=5),                                # after the reform
        rec(5, "T3", "2026-02-01", money=7),                                # next phase
    ])
    analytics.refresh(con)  # as every write does: the breakdowns read the analytics tables
    return con


def rows(frame, level, *cols):
    part = frame[frame["level"] == level]
    return sorted(tuple(r) for r in part[list(cols)].itertuples(index=False))


def by(con, dimension, **changes):
    params = {**ALL, "date_from": d("2021-01-01"), "date_to": d("2026-11-26"), **changes}
    return Q.df(con, "supported_by_dimension", plan_id=PLAN, dimension=dimension, **params)


def test_supported_by_sector_per_year_phase_and_total(reform_data):
    frame = by(reform_data, "sector")
    assert rows(frame, "year", "year", "key", "enterprises", "records") == [
        (2024, "C", 1, 2), (2025, "C", 1, 1), (2025, "G", 1, 1), (2026, "C", 1, 1)]
    assert rows(frame, "phase", "phase_id", "key", "enterprises", "records", "funding_vnd") == [
        ("2021-2025", "C", 1, 3, 40), ("2021-2025", "G", 1, 1, 5), ("2026-2030", "C", 1, 1, 7)]
    assert rows(frame, "total", "key", "enterprises") == [("C", 2), ("G", 1)]
    # From 2025: T1 (also supported in 2024) counts once more, T3 in 2026.
    assert rows(by(reform_data, "sector", date_from=d("2025-01-01")), "total", "key", "enterprises") == [
        ("C", 2), ("G", 1)]
    assert rows(by(reform_data, "sector", date_to=d("2026-01-31")), "total", "key", "enterprises") == [
        ("C", 1), ("G", 1)]


def test_places_in_former_districts_and_in_current_communes(reform_data):
    former = by(reform_data, "place")
    assert rows(former, "total", "key", "enterprises") == [("450", 2), ("457", 1)]  # xã Lệ Thủy: huyện Lệ Thủy
    current = by(reform_data, "place", geography="current")
    # District 450 has many successors: its records stay under the former district.
    assert rows(current, "total", "key", "enterprises") == [("18880", 1), ("19249", 1), ("450", 1)]


def test_record_attributes_as_dimensions(reform_data):
    frame = by(reform_data, "solution_type")
    assert rows(frame, "total", "key", "enterprises", "records") == [
        ("improvement_tool", 3, 4), ("management_system", 1, 1)]
    assert rows(frame, "year", "year", "key", "enterprises") == [
        (2024, "improvement_tool", 1), (2024, "management_system", 1), (2025, "improvement_tool", 2),
        (2026, "improvement_tool", 1)]
    funding = by(reform_data, "funding_source")
    assert rows(funding, "year", "year", "key", "records", "funding_vnd") == [
        (2024, "Ngân sách tỉnh", 2, 30), (2025, "Ngân sách tỉnh", 2, 15), (2026, "Ngân sách tỉnh", 1, 7)]
    assert rows(by(reform_data, "detail", sizes=["micro"]), "total", "key", "records") == [("5S", 1)]


def test_drill_down_lists_the_records_behind_a_bar(reform_data):
    listing = Q.df(reform_data, "supported_records", dimension="sector", key="C", year=2024,
                   date_from=d("2021-01-01"), date_to=d("2026-11-26"), limit=10, **ALL)
    assert listing["supported_on"].astype(str).tolist() == ["2024-09-01", "2024-03-01"]
    assert set(listing["name"]) == {"DN T1"} and listing["total"].tolist() == [2, 2]
    limited = Q.df(reform_data, "supported_records", dimension="sector", key=None, year=None,
                   date_from=d("2021-01-01"), date_to=d("2026-11-26"), limit=2, **ALL)
    assert len(limited) == 2 and limited["total"].iloc[0] == 5


def cert(no, tax, standard, issued, expires, withdrawn=None):
    return dict(certificate_no=no, body="QUACERT", tax_code=tax, standard=standard, issued_on=d(issued),
                expires_on=d(expires), withdrawn_on=d(withdrawn) if withdrawn else None)


def test_certificates_issued_and_expiring(reform_data):
    insert(reform_data, "certificates", [
        cert("A", "T1", "ISO 9001", "2023-12-01", "2026-12-15"),
        cert("B", "T2", "ISO 14001", "2024-01-05", "2027-01-04"),
        cert("C", "T3", "ISO 9001", "2024-02-01", "2027-06-30"),              # outside 6 months
        cert("D", "T3", "ISO 9001", "2024-03-01", "2027-02-01", "2026-10-01"),  # withdrawn
    ])
    analytics.refresh(reform_data)
    issued = Q.df(reform_data, "certificates_issued_by_dimension", plan_id=PLAN, dimension="sector",
                  standard="ISO 9001", date_from=d("2021-01-01"), date_to=d("2026-11-26"), **ALL)
    assert rows(issued, "year", "year", "key", "certificates") == [(2023, "C", 1), (2024, "C", 2)]
    expiring = Q.df(reform_data, "certificates_list", standard=None, dimension="standard", key=None, year=None,
                    date_from=d("2021-01-01"), as_of=d("2026-11-26"), expiring=True, months=6, limit=50, **ALL)
    assert expiring[["certificate_no", "days_left"]].values.tolist() == [["A", 19], ["B", 39]]
    valid = Q.df(reform_data, "certificates_valid_by_dimension", dimension="place", from_year=2025,
                 as_of=d("2026-11-26"), geography="current", **{k: v for k, v in ALL.items() if k != "geography"})
    assert sorted(map(tuple, valid[valid["year"] == 2026][["standard", "key", "valid"]].values.tolist())) == [
        ("ISO 14001", "18880", 1), ("ISO 9001", "19249", 1), ("ISO 9001", "450", 1)]


def test_participation_by_role_and_courses_list(reform_data):
    insert(reform_data, "courses", [
        dict(id="K1", kind="in_depth", title="Lean", start_date=d("2024-03-01"), end_date=d("2024-03-05")),
        dict(id="K2", kind="awareness", title="NSCL", start_date=d("2025-09-01"), end_date=d("2025-09-01")),
    ])
    insert(reform_data, "participants", [
        dict(course_id="K1", person_id="P1", person_name="A", tax_code="T1", role="manager"),
        dict(course_id="K2", person_id="P1", person_name="A", tax_code="T1", role="manager"),
        dict(course_id="K1", person_id="P2", person_name="B", tax_code="T2", role="staff"),
    ])
    analytics.refresh(reform_data)
    frame = Q.df(reform_data, "participants_by_dimension", plan_id=PLAN, dimension="role",
                 date_from=d("2021-01-01"), date_to=d("2026-11-26"), **ALL)
    assert rows(frame, "total", "key", "person_times", "managers") == [("manager", 2, 1), ("staff", 1, 0)]
    by_sector = Q.df(reform_data, "participants_by_dimension", plan_id=PLAN, dimension="sector",
                     date_from=d("2021-01-01"), date_to=d("2026-11-26"), **ALL)
    assert rows(by_sector, "phase", "phase_id", "key", "person_times", "managers") == [
        ("2021-2025", "C", 2, 1), ("2021-2025", "G", 1, 0)]
    courses = Q.df(reform_data, "courses_list", kind=None, year=None, date_from=d("2021-01-01"),
                   date_to=d("2026-11-26"), limit=10, **{**ALL, "sectors": ["G"]})
    assert courses[["id", "participants", "managers"]].values.tolist() == [["K2", 0, 0], ["K1", 1, 0]]


def test_pilots_by_sector_and_phase(reform_data):
    insert(reform_data, "pilot_models", [
        dict(id="M1", tax_code="T1", solution="Lean", started_on=d("2022-01-01"), recognised_on=d("2023-01-01"),
             replicated_to=4),
        dict(id="M2", tax_code="T3", solution="5S", started_on=d("2025-01-01"), recognised_on=d("2026-03-01"),
             replicated_to=2),
        dict(id="M3", tax_code="T2", solution="TPM", started_on=d("2026-01-01"), recognised_on=None),
    ])
    analytics.refresh(reform_data)
    frame = Q.df(reform_data, "pilots_by_dimension", plan_id=PLAN, dimension="sector", as_of=d("2026-11-26"), **ALL)
    assert frame.values.tolist() == [["2021-2025", "C", 1, 4], ["2026-2030", "C", 1, 2]]
    listing = Q.df(reform_data, "pilot_models_list", plan_id=PLAN, as_of=d("2026-01-31"), **ALL)
    assert listing["id"].tolist() == ["M1", "M2", "M3"]
    assert listing["recognised_on"].isna().tolist() == [False, True, True]  # M2 recognised after the as-of date


def test_cabs_per_standard_and_year(con):
    insert(con, "cabs", [
        dict(id="B1", name="Lab", accreditation_standard="ISO/IEC 17025", accredited_on=d("2020-01-01"),
             accreditation_expires_on=d("2022-06-30")),
        dict(id="B2", name="Insp", accreditation_standard="ISO/IEC 17020", accredited_on=d("2022-01-01")),
    ])
    frame = Q.df(con, "cabs_by_standard_year", from_year=2021, as_of=d("2022-12-31"), plan="")
    assert frame.values.tolist() == [[2021, "ISO/IEC 17020", 0], [2021, "ISO/IEC 17025", 1],
                                     [2022, "ISO/IEC 17020", 1], [2022, "ISO/IEC 17025", 0]]
