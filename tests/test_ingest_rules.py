"""One test per validation rule, with the exact message the user reads."""
import datetime as dt

import pytest

from nscl.datasets import DATASETS
from nscl.ingest.pipeline import check_file
from nscl.ingest.validation import parse_date, parse_number, parse_tax_code
from tests.conftest import insert
from tests.ingest_helpers import TAX, csv_text

TODAY = dt.date(2026, 11, 26)
ENT_HEADER = ["Mã số thuế", "Tên doanh nghiệp", "Ngành kinh tế", "Địa bàn", "Quy mô", "Loại hình sở hữu",
              "Ngày thành lập", "Số lao động"]
GOOD = [TAX[0], "Công ty A", "C", "450", "nhỏ", "ngoài Nhà nước", "15/03/2012", "25"]


def check(con, dataset, header, *rows):
    _, checked = check_file(con, DATASETS[dataset], "f.csv", csv_text([header, *rows]).encode(), today=TODAY)
    return checked


def only(checked):
    """The single problem of a file, as (row, column, value, message)."""
    assert len(checked.problems) == 1, [p.__dict__ for p in checked.problems]
    p = checked.problems[0]
    return p.row, p.column, p.value, p.message


def ent(**changes):
    row = dict(zip(ENT_HEADER, GOOD))
    row.update(changes)
    return list(row.values())


def test_a_valid_row_has_no_problem(con):
    checked = check(con, "enterprises", ENT_HEADER, GOOD)
    assert checked.problems == [] and len(checked.valid) == 1
    assert checked.valid.iloc[0]["employees"] == 25 and checked.valid.iloc[0]["founded_on"] == dt.date(2012, 3, 15)


def test_required_value(con):
    assert only(check(con, "enterprises", ENT_HEADER, ent(**{"Tên doanh nghiệp": ""}))) == (
        2, "Tên doanh nghiệp", "", "Thiếu giá trị bắt buộc ở cột \"Tên doanh nghiệp\". Hãy điền giá trị cho ô này.")


def test_tax_code_check_digit(con):
    assert only(check(con, "enterprises", ENT_HEADER, ent(**{"Mã số thuế": "3100000017"}))) == (
        2, "Mã số thuế", "3100000017", "Mã số thuế không hợp lệ: cần 10 chữ số (hoặc 13 chữ số cho chi nhánh) với "
        "chữ số kiểm tra đúng, hoặc số định danh cá nhân 12 chữ số của chủ hộ kinh doanh. Hãy kiểm tra lại và nhập ô "
        "dạng văn bản.")


def test_household_business_tax_code_is_the_owners_identification_number(con):
    """Since 1/7/2025 a household business's tax code is its owner's 12-digit identification
    number, whose first three digits are a province of birth (044: Quảng Bình)."""
    checked = check(con, "enterprises", ENT_HEADER, ent(**{"Mã số thuế": "044 190 012 345",
                                                            "Tên doanh nghiệp": "Hộ kinh doanh Trần Thị Mận"}))
    assert checked.problems == [] and checked.valid.iloc[0]["tax_code"] == "044190012345"
    assert parse_tax_code("044190012345.0") == ("044190012345", None)
    for wrong in ("000190012345", "099190012345", "04419001234", "0441900123456"):  # no province 000, 099
        assert parse_tax_code(wrong) == (None, None), wrong


def test_tax_code_that_lost_its_leading_zero_is_restored_with_a_warning(con):
    checked = check(con, "enterprises", ENT_HEADER, ent(**{"Mã số thuế": "100109106"}))
    assert only(checked) == (2, "Mã số thuế", "100109106", "Mã số thuế chỉ có 9 chữ số (Excel làm mất số 0 ở đầu); "
                             "đã khôi phục thành 0100109106. Nên định dạng cột là văn bản.")
    assert checked.problems[0].severity == "warning"
    assert checked.valid.iloc[0]["tax_code"] == "0100109106"


def test_branch_tax_code_of_13_digits():
    assert parse_tax_code("0100109106-001") == ("0100109106-001", None)
    assert parse_tax_code("0100109106001") == ("0100109106-001", None)
    assert parse_tax_code("3100000016.0") == ("3100000016", None)


def test_value_not_in_catalogue(con):
    assert only(check(con, "enterprises", ENT_HEADER, ent(**{"Ngành kinh tế": "ZZ"})))[3] == (
        "Giá trị \"ZZ\" không có trong danh mục. Giá trị được dùng: mã ngành A..U theo VSIC 2018.")
    assert only(check(con, "enterprises", ENT_HEADER, ent(**{"Quy mô": "to"})))[3] == (
        "Giá trị \"to\" không có trong danh mục. Giá trị được dùng: Siêu nhỏ, Nhỏ, Vừa, Lớn.")


def test_catalogue_values_by_name_in_either_language(con):
    checked = check(con, "enterprises", ENT_HEADER,
                    ent(**{"Ngành kinh tế": "Xây dựng", "Quy mô": "Medium", "Loại hình sở hữu": "FDI",
                           "Địa bàn": "thành phố Đồng Hới"}))
    assert checked.problems == []
    row = checked.valid.iloc[0]
    assert (row["sector_code"], row["size"], row["ownership"], row["place_code"]) == ("F", "medium", "fdi", "450")


def test_a_bare_place_name_is_resolved_by_the_founding_date_or_names_the_candidates(con):
    resolved = check(con, "enterprises", ENT_HEADER, ent(**{"Địa bàn": "Bố Trạch"}))
    assert resolved.problems == [] and resolved.valid.iloc[0]["place_code"] == "455"
    assert only(check(con, "enterprises", ENT_HEADER, ent(**{"Địa bàn": "Bố Trạch", "Ngày thành lập": ""})))[3] == (
        "Tên địa bàn \"Bố Trạch\" là tên của nhiều đơn vị: Huyện Bố Trạch (mã 455, đến 30/06/2025); Xã Bố Trạch "
        "(mã 19141, từ 01/07/2025). Hãy ghi tên đầy đủ hoặc mã địa bàn.")


def test_place_must_be_valid_on_the_record_date(con):
    header = ["Mã khóa", "Loại khóa", "Tên khóa", "Ngày bắt đầu", "Ngày kết thúc", "Địa bàn"]
    after_reform = check(con, "courses", header, ["K1", "chuyên sâu", "Lean", "01/08/2025", "05/08/2025", "450"])
    assert only(after_reform)[3] == (
        "Thành phố Đồng Hới không còn từ 01/07/2025 (ngày của bản ghi: 05/08/2025); địa bàn này nay thuộc các xã, "
        "phường: Phường Đồng Thuận (mã 18859); Phường Đồng Sơn (mã 18871); Phường Đồng Hới (mã 18880). Hãy ghi xã, "
        "phường mới.")
    ok = check(con, "courses", header, ["K1", "chuyên sâu", "Lean", "01/08/2025", "05/08/2025", "xã Bố Trạch"],
               ["K2", "chuyên sâu", "Lean", "01/03/2025", "05/03/2025", "Bố Trạch"])
    assert ok.problems == [] and ok.valid["place_code"].tolist() == ["19141", "455"]


def test_invalid_date(con):
    assert only(check(con, "enterprises", ENT_HEADER, ent(**{"Ngày thành lập": "31/02/2020"}))) == (
        2, "Ngày thành lập", "31/02/2020", "Ngày 31 không có trong tháng 2/2020. Kiểm tra lại ngày và tháng.")
    assert only(check(con, "enterprises", ENT_HEADER, ent(**{"Ngày thành lập": "hôm qua"})))[3] == (
        "Ngày không hợp lệ. Hãy ghi theo dạng dd/mm/yyyy, ví dụ 26/11/2026.")


def test_date_formats():
    assert parse_date("5/3/2024") == parse_date("05/03/2024") == parse_date("2024-03-05") == dt.date(2024, 3, 5)
    assert parse_date("45356") == dt.date(2024, 3, 5)  # Excel serial
    assert parse_date("2024-03-05 00:00:00") == dt.date(2024, 3, 5)
    assert parse_date("03/05/24") == dt.date(2024, 5, 3)  # two-digit years as Excel reads them
    assert parse_date("2012") is None and parse_date("100") is None


def test_date_in_the_future(con):
    assert only(check(con, "enterprises", ENT_HEADER, ent(**{"Ngày thành lập": "01/01/2027"})))[3] == (
        "Ngày sau hôm nay (26/11/2026). Kiểm tra lại.")


def test_date_too_early(con):
    header = ["Số chứng chỉ", "Mã chuyên gia", "Họ và tên", "Ngày chứng nhận"]
    assert only(check(con, "experts", header, ["CG1", "P1", "Lê Hoa", "12/06/1999"]))[3] == (
        "Ngày trước 01/01/2000 là không hợp lý. Kiểm tra lại năm.")


def test_expiry_must_follow_issue(con):
    insert(con, "enterprises", [dict(tax_code=TAX[0], name="A", sector_code="C", place_code="450", size="small",
                                     ownership="non_state")])
    header = ["Số giấy chứng nhận", "Tổ chức chứng nhận", "Mã số thuế", "Tiêu chuẩn", "Ngày cấp", "Ngày hết hạn"]
    assert only(check(con, "certificates", header, ["G1", "QUACERT", TAX[0], "ISO 9001", "01/03/2024", "01/03/2024"])) == (
        2, "Ngày hết hạn", "01/03/2024", "\"Ngày hết hạn\" phải sau \"Ngày cấp\". Kiểm tra lại hai ngày này.")


def test_numbers_in_vietnamese_format(con):
    assert parse_number("1.234.567") == 1234567 and parse_number("12,5") == 12.5
    assert parse_number("1,234,567") == 1234567 and parse_number("50.000.000 đ") == 50_000_000
    assert parse_number("abc") is None
    assert only(check(con, "enterprises", ENT_HEADER, ent(**{"Số lao động": "nhiều"})))[3] == (
        "Không phải là số. Hãy ghi số, ví dụ 1.234.567 (dấu chấm ngăn cách hàng nghìn).")
    assert only(check(con, "enterprises", ENT_HEADER, ent(**{"Số lao động": "12,5"})))[3] == (
        "Phải là số nguyên (không có phần thập phân).")
    assert only(check(con, "enterprises", ENT_HEADER, ent(**{"Số lao động": "-3"})))[3] == "Không được là số âm."


def test_duplicate_key_within_the_file(con):
    checked = check(con, "enterprises", ENT_HEADER, GOOD, ent(**{"Tên doanh nghiệp": "Trùng"}))
    assert only(checked) == (3, "Mã số thuế", TAX[0], "Trùng với dòng 2 trong cùng tệp; mỗi bản ghi chỉ nhập một lần.")


def test_reference_must_exist_in_the_database_or_the_same_batch(con):
    header = ["Mã hồ sơ hỗ trợ", "Mã số thuế", "Ngày hỗ trợ", "Loại giải pháp"]
    assert only(check(con, "support", header, ["H1", TAX[1], "01/02/2025", "hệ thống quản lý"])) == (
        2, "Mã số thuế", TAX[1], "Không tìm thấy trong dữ liệu doanh nghiệp đã có. Hãy cập nhật doanh nghiệp "
        "trước, hoặc sửa lại giá trị.")
    from nscl.ingest.reading import read_table
    from nscl.ingest.validation import validate
    raw = read_table("s.csv", csv_text([header, ["H1", TAX[1], "01/02/2025", "hệ thống quản lý"]]).encode(),
                     DATASETS["support"])
    assert validate(raw, DATASETS["support"], con, TODAY, batch_keys={"enterprises": {TAX[1]}}).problems == []


def test_text_too_long(con):
    assert only(check(con, "enterprises", ENT_HEADER, ent(**{"Tên doanh nghiệp": "x" * 501})))[3] == (
        "Nội dung dài quá 500 ký tự. Hãy rút gọn.")


def test_unknown_column_is_reported_and_ignored(con):
    checked = check(con, "enterprises", [*ENT_HEADER, "Ghi chú"], [*GOOD, "abc"])
    assert only(checked) == (1, "Ghi chú", "", "Cột \"Ghi chú\" không có trong mẫu nhập liệu nên được bỏ qua.")
    assert checked.problems[0].severity == "warning" and len(checked.valid) == 1


def test_missing_required_column_rejects_every_row(con):
    checked = check(con, "enterprises", ENT_HEADER[:-3] + ENT_HEADER[-2:], GOOD[:-3] + GOOD[-2:])
    assert only(checked) == (1, "Loại hình sở hữu", "", "Thiếu cột bắt buộc \"Loại hình sở hữu\". Thêm cột này vào "
                             "dòng tiêu đề (xem mẫu nhập liệu).")
    assert checked.valid.empty


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "@SUM(1+1)",
                                   "<script>alert(1)</script>", "'; DROP TABLE enterprises; --"])
def test_hostile_text_is_kept_as_inert_text(con, value):
    checked = check(con, "enterprises", ENT_HEADER, ent(**{"Tên doanh nghiệp": value}))
    assert checked.problems == [] and checked.valid.iloc[0]["name"] == value


def test_vectorised_tax_code_check_agrees_with_python_stdnum():
    import numpy as np
    import pandas as pd
    from stdnum.vn import mst

    from nscl.ingest.validation import parse_tax_codes
    rng = np.random.default_rng(7)
    values = pd.Series([f"{v:010d}" for v in rng.integers(0, 10**10, 3000)] + ["0100109106", "100109106"])
    parsed = parse_tax_codes(values)
    for value, (code, _note) in zip(values, parsed):
        assert (code is not None) == (mst.is_valid(value) or (len(value) == 9 and mst.is_valid("0" + value)))
