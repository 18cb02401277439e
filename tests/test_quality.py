"""Likely problems found by SQL, each on a small seeded case, and the completeness grid that
shows months without records."""
import datetime as dt

import numpy as np
import pandas as pd

from nscl import analytics
from nscl.present.completeness import completeness_heatmap, grid, months_between
from nscl.sql import library
from tests.conftest import insert
from tests.helpers_quality import firm, seed_gaps

Q = library()
AS_OF = dt.date(2024, 11, 15)


def problem(con, name, **params):
    """A likely problem as the page reads it: from its table, rebuilt with the analytics tables."""
    analytics.refresh(con)
    return Q.df(con, name, limit=1000, **params)


def test_an_enterprise_under_two_tax_codes_with_the_same_name(con):
    insert(con, "enterprises", [firm("3100000001", "450", name="Công ty TNHH Nhật Lệ"),
                                firm("3100000002", "450", name="  công ty tnhh   nhật lệ "),
                                firm("3100000004", "452", name="Công ty TNHH Nhật Lệ"),  # another place
                                firm("3100000003", "453", name="Công ty TNHH Nhật Lệ Xanh")])
    rows = problem(con, "duplicate_enterprise_names")
    assert list(rows["tax_code"]) == ["3100000001", "3100000002"]
    assert set(rows["tax_codes"]) == {2} and set(rows["total"]) == {2}
    assert len(Q.df(con, "duplicate_enterprise_names", limit=1)) == 1  # the title still says 2: total


def test_certificates_expired_without_a_renewal(con):
    insert(con, "enterprises", [firm("3100000001", "450"), firm("3100000002", "452")])
    cert = {"body": "QUACERT", "standard": "ISO 9001"}
    insert(con, "certificates", [
        {**cert, "certificate_no": "A1", "tax_code": "3100000001", "issued_on": dt.date(2020, 1, 1),
         "expires_on": dt.date(2023, 1, 1)},                      # renewed by A2
        {**cert, "certificate_no": "A2", "tax_code": "3100000001", "issued_on": dt.date(2023, 1, 2),
         "expires_on": dt.date(2026, 1, 1)},                      # still valid
        {**cert, "certificate_no": "B1", "tax_code": "3100000002", "issued_on": dt.date(2021, 3, 1),
         "expires_on": dt.date(2024, 3, 1)},                      # expired, nothing after it
        {**cert, "certificate_no": "B2", "tax_code": "3100000002", "issued_on": dt.date(2020, 5, 1),
         "expires_on": dt.date(2023, 5, 1), "withdrawn_on": dt.date(2022, 1, 1), "standard": "ISO 14001"},
    ])
    rows = problem(con, "expired_without_renewal", as_of=AS_OF)
    assert list(rows["certificate_no"]) == ["B1"]
    assert rows["name"].iloc[0] == "Công ty 3100000002"
    assert problem(con, "expired_without_renewal", as_of=dt.date(2024, 2, 29)).empty


def test_courses_that_ended_without_participants(con):
    course = {"kind": "in_depth", "title": "Lean", "start_date": dt.date(2024, 3, 1)}
    insert(con, "courses", [{**course, "id": "K1", "end_date": dt.date(2024, 3, 5)},
                            {**course, "id": "K2", "end_date": dt.date(2024, 4, 5)},
                            {**course, "id": "K3", "end_date": dt.date(2024, 12, 5)}])  # not over yet
    insert(con, "participants", [{"course_id": "K1", "person_id": "P1", "person_name": "An", "role": "official"}])
    assert list(problem(con, "courses_without_participants", as_of=AS_OF)["id"]) == ["K2"]


def test_support_records_of_enterprises_without_sector_or_place(con):
    insert(con, "enterprises", [firm("3100000001", "450"), firm("3100000002", "999", sector="C"),
                                firm("3100000003", "450", sector="ZZ")])
    record = {"supported_on": dt.date(2024, 5, 1), "solution_type": "other"}
    insert(con, "support_records", [{**record, "id": "S1", "tax_code": "3100000001"},
                                    {**record, "id": "S2", "tax_code": "3100000002"},
                                    {**record, "id": "S3", "tax_code": "3100000003"},
                                    {**record, "id": "S4", "tax_code": "3199999999"}])
    rows = problem(con, "support_without_sector_or_place")
    assert dict(zip(rows["id"], rows["problem"])) == {"S2": "place_missing", "S3": "sector_missing",
                                                      "S4": "enterprise_missing"}


def test_participants_with_a_role_but_no_enterprise(con):
    insert(con, "enterprises", [firm("3100000001", "450")])
    insert(con, "courses", [{"id": "K1", "kind": "in_depth", "title": "Lean", "start_date": dt.date(2024, 3, 1),
                             "end_date": dt.date(2024, 3, 5)}])
    person = {"course_id": "K1", "person_name": "Bình"}
    insert(con, "participants", [{**person, "person_id": "P1", "role": "manager", "tax_code": "3100000001"},
                                 {**person, "person_id": "P2", "role": "leader"},
                                 {**person, "person_id": "P3", "role": "staff", "tax_code": "3188888888"},
                                 {**person, "person_id": "P4", "role": "official"}])
    rows = problem(con, "roles_without_enterprise")
    assert dict(zip(rows["person_id"], rows["problem"])) == {"P2": "no_tax_code", "P3": "enterprise_missing"}


def test_the_heat_map_shows_months_without_records(con):
    seed_gaps(con)
    frame = Q.df(con, "dataset_months_by_place", dataset="support", date_from=dt.date(2024, 1, 1),
                 date_to=AS_OF, plan="")
    frame = frame.assign(label=frame["area_code"])
    months = months_between(dt.date(2024, 1, 1), AS_OF)
    table, labels = grid(frame, months, dt.date(2025, 7, 1))
    assert labels == ["450", "452", "453", "455"]
    assert list(table.loc["452"]) == [1.0] * 8 + [0.0, 0.0, 0.0]
    assert list(table.loc["455"]) == [0.0, 1.0] * 5 + [0.0]  # reports every other month: no usual reporter
    figure = completeness_heatmap(frame, months, dt.date(2025, 7, 1), "t", "bản ghi", "vi")
    assert figure.data[0].x[0] == "01/2024" and figure.data[0].colorscale[0][1] == "#f4a3a0"
    # Eleven months name every other one (a phone's map is about 150 px wide); the colour bar lies under it.
    assert list(figure.layout.xaxis.tickvals) == ["01/2024", "03/2024", "05/2024", "07/2024", "09/2024", "11/2024"]
    assert figure.data[0].colorbar.orientation == "h"


def test_the_heat_map_names_the_last_month_without_crowding_the_one_before():
    from nscl.present.completeness import completeness_heatmap
    frame = pd.DataFrame({"month": [dt.date(2024, 1, 1)], "geography": ["district"], "area_code": ["450"],
                          "label": ["Bố Trạch"], "records": [1]})
    ticks = lambda months: list(completeness_heatmap(frame, months, dt.date(2025, 7, 1), "t", "bản ghi", "vi")
                                .layout.xaxis.tickvals)
    assert ticks(months_between(dt.date(2024, 1, 1), dt.date(2024, 12, 1))) == [
        "01/2024", "03/2024", "05/2024", "07/2024", "09/2024", "12/2024"]  # 11/2024 beside 12/2024 dropped
    assert ticks(months_between(dt.date(2024, 1, 1), dt.date(2024, 3, 1))) == ["01/2024", "02/2024", "03/2024"]


def test_a_commune_row_is_empty_before_the_reform(con):
    insert(con, "enterprises", [firm("3100000001", "450"), firm("3100000011", "18880")])
    insert(con, "support_records", [
        {"id": "S1", "tax_code": "3100000001", "supported_on": dt.date(2025, 6, 3), "solution_type": "other"},
        {"id": "S2", "tax_code": "3100000011", "supported_on": dt.date(2025, 8, 3), "solution_type": "other"}])
    analytics.refresh(con)
    frame = Q.df(con, "dataset_months_by_place", dataset="support", date_from=dt.date(2025, 5, 1),
                 date_to=dt.date(2025, 8, 31), plan="")
    assert list(zip(frame["geography"], frame["area_code"])) == [("district", "450"), ("current", "18880")]
    table, _ = grid(frame.assign(label=frame["area_code"]), months_between(dt.date(2025, 5, 1), dt.date(2025, 8, 31)),
                    dt.date(2025, 7, 1))
    assert pd.isna(table.loc["18880"].iloc[:2]).all() and list(table.loc["18880"].iloc[2:]) == [0.0, 1.0]
    assert list(table.loc["450"].iloc[:2]) == [0.0, 1.0] and np.isnan(table.loc["450"].iloc[2:]).all()
