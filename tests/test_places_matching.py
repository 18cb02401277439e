"""Places as staff write them, matched across the whole country's catalogue at the record's date:
only the deployment's territory (NSCL_PROVINCES: the new Quảng Trị, formerly Quảng Bình and Quảng
Trị) is a candidate; a unit elsewhere is refused naming its province."""
import datetime as dt

import pytest

from nscl.datasets import DATASETS
from nscl.ingest.pipeline import check_file
from tests.ingest_helpers import TAX, csv_text

TODAY = dt.date(2026, 11, 26)
ENT = ["Mã số thuế", "Tên doanh nghiệp", "Ngành kinh tế", "Địa bàn", "Quy mô", "Loại hình sở hữu", "Ngày thành lập"]
COURSE = ["Mã khóa", "Loại khóa", "Tên khóa", "Ngày bắt đầu", "Ngày kết thúc", "Địa bàn"]


def enterprise(con, place, founded):
    _, checked = check_file(con, DATASETS["enterprises"], "f.csv", csv_text([
        ENT, [TAX[0], "Công ty A", "C", place, "nhỏ", "ngoài Nhà nước", founded]]).encode(), today=TODAY)
    return checked


def course(con, place, ended):
    _, checked = check_file(con, DATASETS["courses"], "f.csv", csv_text([
        COURSE, ["K1", "chuyên sâu", "Lean", ended, ended, place]]).encode(), today=TODAY)
    return checked


@pytest.mark.parametrize(("written", "founded", "code"), [
    ("TP. Đông Hà", "15/03/2023", "461"), ("Thành phố Đông Hà", "15/03/2023", "461"),
    ("H. Gio Linh", "15/03/2023", "466"), ("huyen gio linh", "15/03/2023", "466"),
    ("Thị xã Quảng Trị", "15/03/2023", "462"), ("TX Quảng Trị", "15/03/2023", "462"),
    ("Dong Ha", "15/03/2023", "461"), ("461", "15/03/2023", "461"),
    ("P. Đông Hà", "10/02/2026", "19333"), ("phường Đông Hà", "10/02/2026", "19333"),
    ("xã Gio Linh", "10/02/2026", "19495"), ("Dong Ha", "10/02/2026", "19333"), ("Xa Gio Linh", "10/02/2026", "19495"),
    ("Đặc khu Cồn Cỏ", "10/02/2026", "19742"), ("19333", "10/02/2026", "19333"),
    # A code reused across the reform: the old ward Đức Ninh Đông before, phường Đồng Hới after.
    ("18880", "15/03/2023", "18880-old"), ("18880", "10/02/2026", "18880"),
    ("TT. Gio Linh", "15/03/2023", "19495-old"), ("19495", "15/03/2023", "19495-old"),
    # No founding date: the enterprise's address is as it is now, so a reused official code is today's
    # unit (a bare reused name stays ambiguous: tests/test_ingest_staff_forms.py).
    ("18880", "", "18880"), ("19249", "", "19249"), ("TP. Đông Hà", "", "461"),
])
def test_places_of_both_former_provinces_resolve_at_the_record_date(con, written, founded, code):
    checked = enterprise(con, written, founded)
    assert checked.problems == [] and checked.valid.iloc[0]["place_code"] == code


def test_a_name_of_two_units_at_the_record_date_is_refused_with_both_listed(con):
    checked = enterprise(con, "Gio Linh", "15/03/2023")
    assert [(p.value, p.message) for p in checked.errors] == [("Gio Linh", (
        "Tên địa bàn \"Gio Linh\" là tên của nhiều đơn vị: Huyện Gio Linh (mã 466, đến 30/06/2025); Thị trấn Gio Linh "
        "(mã 19495, đến 30/06/2025). Hãy ghi tên đầy đủ hoặc mã địa bàn."))]
    assert checked.valid.empty


@pytest.mark.parametrize(("written", "message"), [
    ("Phường Ba Đình", "«Phường Ba Đình» thuộc Thành phố Hà Nội, Tỉnh Thanh Hóa, ngoài địa bàn triển khai "
                       "(tỉnh Quảng Trị)."),
    ("Huyện Hương Khê", "«Huyện Hương Khê» thuộc Tỉnh Hà Tĩnh, ngoài địa bàn triển khai (tỉnh Quảng Trị)."),
    ("26734", "«Phường Tân Định» thuộc Thành phố Hồ Chí Minh, ngoài địa bàn triển khai (tỉnh Quảng Trị)."),
])
def test_a_place_outside_the_deployment_is_refused_naming_its_province(con, written, message):
    checked = course(con, written, "10/02/2026")
    assert [(p.value, p.message) for p in checked.errors] == [(written, message)]
    assert checked.valid.empty


def test_the_deployment_is_configuration(con, monkeypatch):
    monkeypatch.setenv("NSCL_PROVINCES", "01")
    checked = course(con, "Phường Ba Đình", "10/02/2026")
    assert checked.problems == [] and checked.valid.iloc[0]["place_code"] == "00004"
    # A code without its leading zeros (a spreadsheet's number): phường Ba Đình now, Trúc Bạch before.
    assert course(con, "4", "10/02/2026").valid.iloc[0]["place_code"] == "00004"
    assert course(con, "00004", "10/02/2024").valid.iloc[0]["place_code"] == "00004-old"
    assert [p.message for p in course(con, "P. Đông Hà", "10/02/2026").errors] == [
        "«Phường Đông Hà» thuộc Tỉnh Quảng Trị, ngoài địa bàn triển khai (Thành phố Hà Nội)."]


def test_the_place_picker_offers_only_the_deployments_places(con):
    from nscl.present.labels import place_options
    from nscl.sql import library

    places = library().df(con, "place_labels", provinces=["44"])
    assert places.groupby(["level", places["valid_to"].isna()]).size().to_dict() == {
        ("commune", False): 264, ("commune", True): 78, ("district", False): 18}
    districts = place_options(places, "district", "vi")
    assert len(districts) == 18 and districts["461"] == "Thành phố Đông Hà" and districts["450"] == "Thành phố Đồng Hới"
    now = place_options(places, "current", "vi")
    assert now["19333"] == "Phường Đông Hà" and now["19742"] == "Đặc khu Cồn Cỏ"
    assert sum(1 for code in now if code in set(places.loc[places["valid_to"].isna(), "code"])) == 78
    # Former units that do not map to one new commune stay pickable under their own name.
    assert now["466"] == "Huyện Gio Linh (huyện cũ)"
    assert "00004" not in now and "18880-old" not in now  # Hà Nội; a ward that went whole into phường Đồng Hới
