"""A corpus of bad files: each gets its own clear message and leaves the database unchanged."""
import datetime as dt

import pytest

from nscl.datasets import DATASETS
from nscl.ingest.commit import CommitRefused, commit
from nscl.ingest.limits import Limits
from nscl.ingest.pipeline import check_file
from nscl.ingest.reading import ReadError
from tests.ingest_helpers import ENTERPRISE_HEADER as EH
from tests.ingest_helpers import TAX, csv_text, snapshot, xlsx

TODAY = dt.date(2026, 11, 26)
SMALL = Limits(max_bytes=2_000, max_rows=3, max_line=200, archive_dir="")
E = [TAX[0], "Công ty A", "C", "450", "nhỏ", "ngoài Nhà nước"]
CERT_H = ["Số giấy chứng nhận", "Tổ chức chứng nhận", "Mã số thuế", "Tiêu chuẩn", "Ngày cấp", "Ngày hết hạn",
          "Ngày thu hồi"]
COURSE_H = ["Mã khóa", "Loại khóa", "Tên khóa", "Ngày bắt đầu", "Ngày kết thúc", "Địa bàn"]
PART_H = ["Mã khóa", "Mã học viên", "Họ và tên", "Mã số thuế doanh nghiệp", "Vai trò"]
SUP_H = ["Mã hồ sơ hỗ trợ", "Mã số thuế", "Ngày hỗ trợ", "Loại giải pháp", "Kinh phí (đồng)"]
PILOT_H = ["Mã mô hình", "Mã số thuế", "Giải pháp", "Ngày bắt đầu", "Ngày công nhận"]
CAB_H = ["Mã tổ chức", "Tên tổ chức", "Chuẩn mực công nhận", "Ngày được công nhận"]
EXP_H = ["Số chứng chỉ", "Mã chuyên gia", "Họ và tên", "Ngày chứng nhận"]


def c(rows, sep=","):
    return csv_text(rows, sep).encode("utf-8")


def e(**changes):
    row = dict(zip(EH, E))
    row.update(changes)
    return list(row.values())


CASES = [
    # (id, dataset, file name, content, limits, expected message part)
    ("empty", "enterprises", "a.csv", b"", None, "Tệp trống"),
    ("blank-lines", "enterprises", "a.csv", b"\r\n \r\n\r\n", None, "Tệp trống"),
    ("only-separators", "enterprises", "a.csv", b";;;\r\n;;;\r\n", None, "Tệp trống"),
    ("header-only", "enterprises", "a.csv", c([EH]), None, "chỉ có dòng tiêu đề"),
    ("binary-as-csv", "enterprises", "a.csv", bytes(range(256)) * 4, None, "không phải là tệp văn bản CSV"),
    ("png-as-csv", "enterprises", "anh.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "không phải là tệp văn bản"),
    ("text-as-xlsx", "enterprises", "a.xlsx", c([EH, E]), None, "đuôi Excel nhưng nội dung không phải Excel"),
    ("broken-xlsx", "enterprises", "a.xlsx", b"PK\x03\x04" + b"\x00garbage" * 50, None, "Không mở được tệp Excel"),
    ("unbalanced-quote", "enterprises", "a.csv", ",".join(EH).encode() + b'\r\n"3100000016,Cong ty\r\n', None,
     "dấu ngoặc kép"),
    ("very-long-line", "enterprises", "a.csv", c([EH, e(**{"Tên doanh nghiệp": "x" * 400})]), SMALL, "dài quá 200"),
    ("no-header", "enterprises", "a.csv", c([["a", "b"], ["1", "2"]]), None, "Không tìm thấy dòng tiêu đề"),
    ("too-many-rows", "enterprises", "a.csv", c([EH, E, E, E, E]), SMALL, "vượt giới hạn 3 dòng"),
    ("too-big", "enterprises", "a.csv", c([EH] + [E] * 60), SMALL, "vượt giới hạn"),
    ("wrong-dataset", "enterprises", "a.csv", c([COURSE_H, ["K1", "khác", "x", "01/01/2024", "02/01/2024", ""]]),
     None, "Không tìm thấy dòng tiêu đề"),
    ("broken-utf16", "enterprises", "a.csv", b"\xff\xfe\x00\xd8", None, "UTF-16"),
    ("missing-sheet", "enterprises", "a.xlsx", xlsx({"A": [EH, E]}), "sheet:Khác", "Không có trang tính"),
    ("missing-column", "enterprises", "a.csv", c([EH[:-1], E[:-1]]), None, "Thiếu cột bắt buộc \"Loại hình sở hữu\""),
    ("missing-value", "enterprises", "a.csv", c([EH, e(**{"Tên doanh nghiệp": ""})]), None, "Thiếu giá trị bắt buộc"),
    ("bad-check-digit", "enterprises", "a.csv", c([EH, e(**{"Mã số thuế": "3100000017"})]), None,
     "Mã số thuế không hợp lệ"),
    ("letters-in-tax-code", "enterprises", "a.csv", c([EH, e(**{"Mã số thuế": "31000A0016"})]), None,
     "Mã số thuế không hợp lệ"),
    ("short-tax-code", "enterprises", "a.csv", c([EH, e(**{"Mã số thuế": "31000016"})]), None, "Mã số thuế không hợp lệ"),
    ("unknown-sector", "enterprises", "a.csv", c([EH, e(**{"Ngành kinh tế": "V"})]), None, "mã ngành A..U"),
    ("unknown-place", "enterprises", "a.csv", c([EH, e(**{"Địa bàn": "huyện Hà Nội"})]), None, "danh mục địa bàn"),
    ("ambiguous-place", "enterprises", "a.csv", c([EH, e(**{"Địa bàn": "Quảng Trạch"})]), None, "là tên của nhiều đơn vị"),
    ("unknown-size", "enterprises", "a.csv", c([EH, e(**{"Quy mô": "khổng lồ"})]), None, "Siêu nhỏ, Nhỏ, Vừa, Lớn"),
    ("unknown-ownership", "enterprises", "a.csv", c([EH, e(**{"Loại hình sở hữu": "hợp danh"})]), None,
     "Nhà nước, Ngoài Nhà nước"),
    ("impossible-date", "enterprises", "a.csv", c([EH + ["Ngày thành lập"], E + ["31/02/2020"]]), None,
     "Ngày 31 không có trong tháng 2/2020"),
    ("date-as-words", "enterprises", "a.csv", c([EH + ["Ngày thành lập"], E + ["hôm qua"]]), None, "Ngày không hợp lệ"),
    ("future-date", "enterprises", "a.csv", c([EH + ["Ngày thành lập"], E + ["01/12/2030"]]), None, "Ngày sau hôm nay"),
    ("too-early", "experts", "a.csv", c([EXP_H, ["CG1", "P1", "Lê Hoa", "01/01/1990"]]), None, "trước 01/01/2000"),
    ("negative", "enterprises", "a.csv", c([EH + ["Số lao động"], E + ["-5"]]), None, "Không được là số âm"),
    ("decimal-count", "enterprises", "a.csv", c([EH + ["Số lao động"], E + ["7,5"]]), None, "Phải là số nguyên"),
    ("not-a-number", "enterprises", "a.csv", c([EH + ["Số lao động"], E + ["mười"]]), None, "Không phải là số"),
    ("duplicate-key", "enterprises", "a.csv", c([EH, E, E]), None, "Trùng với dòng 2"),
    ("unknown-enterprise", "certificates", "a.csv",
     c([CERT_H, ["G1", "QUACERT", TAX[3], "ISO 9001", "01/03/2024", "28/02/2027", ""]]), None,
     "Không tìm thấy trong dữ liệu doanh nghiệp"),
    ("unknown-course", "participants", "a.csv", c([PART_H, ["KX", "P1", "Lê An", "", "quản lý"]]), None,
     "Không tìm thấy trong dữ liệu khóa đào tạo"),
    ("expiry-before-issue", "certificates", "a.csv",
     c([CERT_H, ["G1", "QUACERT", TAX[0], "ISO 9001", "01/03/2024", "01/02/2024", ""]]), None,
     "\"Ngày hết hạn\" phải sau \"Ngày cấp\""),
    ("withdrawn-before-issue", "certificates", "a.csv",
     c([CERT_H, ["G1", "QUACERT", TAX[0], "ISO 9001", "01/03/2024", "28/02/2027", "01/01/2024"]]), None,
     "\"Ngày thu hồi\" phải không trước \"Ngày cấp\""),
    ("end-before-start", "courses", "a.csv", c([COURSE_H, ["K9", "khác", "x", "05/01/2024", "02/01/2024", ""]]), None,
     "\"Ngày kết thúc\" phải không trước \"Ngày bắt đầu\""),
    ("recognised-before-start", "pilots", "a.csv", c([PILOT_H, ["M1", TAX[0], "Lean", "01/06/2024", "01/01/2024"]]),
     None, "\"Ngày công nhận\" phải không trước \"Ngày bắt đầu\""),
    ("district-after-reform", "courses", "a.csv",
     c([COURSE_H, ["K9", "khác", "x", "01/09/2025", "02/09/2025", "huyện Lệ Thủy"]]), None, "không còn từ 01/07/2025"),
    ("commune-before-reform", "courses", "a.csv",
     c([COURSE_H, ["K9", "khác", "x", "01/03/2025", "02/03/2025", "xã Lệ Thủy"]]), None, "chỉ có từ 01/07/2025"),
    ("text-too-long", "enterprises", "a.csv", c([EH, e(**{"Tên doanh nghiệp": "Công ty " * 80})]), None,
     "dài quá 500 ký tự"),
    ("cab-with-iso-9001", "cabs", "a.csv", c([CAB_H, ["TC1", "Lab", "ISO 9001", "01/01/2020"]]), None,
     "ISO/IEC 17025"),
    ("unknown-solution-type", "support", "a.csv", c([SUP_H, ["H1", TAX[0], "01/02/2025", "phép màu", "1.000"]]), None,
     "Công cụ cải tiến năng suất chất lượng"),
    ("unknown-standard", "certificates", "a.csv",
     c([CERT_H, ["G1", "QUACERT", TAX[0], "ISO 9999", "01/03/2024", "28/02/2027", ""]]), None, "ISO 14001"),
    ("semicolon-bad-money", "support", "a.csv", c([SUP_H, ["H1", TAX[0], "01/02/2025", "khác", "1.2.3"]], ";"), None,
     "Không phải là số"),
]


def test_the_corpus_is_large_and_every_case_distinct():
    assert len(CASES) >= 40
    assert len({case[0] for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_bad_file_gets_its_message_and_database_is_unchanged(con_with_data, case, tmp_path):
    _, name, file_name, data, limits, expected = case
    con = con_with_data
    before = snapshot(con)
    sheet = None
    if isinstance(limits, str):
        sheet, limits = limits.split(":", 1)[1], None
    dataset = DATASETS[name]
    try:
        raw, checked = check_file(con, dataset, file_name, data, sheet, limits or Limits(archive_dir=""), today=TODAY)
    except ReadError as exc:
        assert expected in str(exc)
    else:
        messages = [p.message for p in checked.errors]
        assert any(expected in m for m in messages), messages
        with pytest.raises(CommitRefused, match="lỗi nên chưa ghi gì"):
            commit(con, checked, file_name, data, "tester", archive_dir=tmp_path)
    assert snapshot(con) == before
    assert not any(tmp_path.iterdir())  # nothing archived either
