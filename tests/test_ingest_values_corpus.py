"""A corpus of files whose values are wrong in the ways staff files are (a year alone, an impossible
day, amounts beyond the column, invisible or look-alike characters in codes, the template's example
row, places across the 2025 reform, unknown VSIC divisions), across all eight datasets, built in
code: each gets its exact messages and leaves the database (and the archive) unchanged. Together with
tests/test_ingest_bad_files.py (files that are not usable tables, and the first rules)."""
import datetime as dt

import pytest

from nscl.datasets import DATASETS
from nscl.ingest.commit import CommitRefused, commit
from nscl.ingest.limits import Limits
from nscl.ingest.pipeline import check_file
from nscl.ingest.templates import template_csv, template_xlsx
from tests.conftest import insert
from tests.ingest_helpers import TAX, csv_text, snapshot, xlsx

TODAY = dt.date(2026, 11, 26)
BASE = {
    "enterprises": dict(tax_code=TAX[0], name="Công ty A", sector_code="C", place_code="450", size="nhỏ",
                        ownership="ngoài Nhà nước", founded_on="15/03/2012", employees="25"),
    "courses": dict(id="K2", kind="chuyên sâu", title="Lean", start_date="01/03/2024", end_date="05/03/2024"),
    "participants": dict(course_id="K1", person_id="P1", person_name="Lê An", tax_code=TAX[0], role="quản lý"),
    "experts": dict(certificate_no="CG1", person_id="P1", person_name="Lê Hoa", certified_on="12/06/2024"),
    "certificates": dict(certificate_no="G1", body="QUACERT", tax_code=TAX[0], standard="ISO 9001",
                         issued_on="01/03/2024", expires_on="28/02/2027"),
    "support": dict(id="H1", tax_code=TAX[0], supported_on="01/02/2025", solution_type="khác", funding_vnd="1.000"),
    "pilots": dict(id="M1", tax_code=TAX[0], solution="Lean", started_on="01/06/2024", recognised_on="01/09/2024",
                   replicated_to="3"),
    "cabs": dict(id="TC9", name="Phòng thử nghiệm", accreditation_standard="ISO/IEC 17025",
                 accredited_on="10/05/2016"),
}
INT_MAX, BIG_MAX = "2.147.483.647", "9.223.372.036.854.775.807"
PLACES = "mã hoặc tên huyện (trước 01/7/2025), xã, phường (từ 01/7/2025) trong danh mục địa bàn"
STANDARDS = "ISO 9001, ISO 14001, ISO 22000, HACCP, ISO 45001, ISO 50001, ISO 56000, GMP, VietGAP, GlobalGAP, ORGANIC"
ACCREDITATIONS = "ISO/IEC 17025, ISO/IEC 17020, ISO/IEC 17021-1, ISO/IEC 17065"
INVISIBLE = ("Ô chỉ chứa ký tự không nhìn thấy (như khoảng trắng độ rộng 0), coi như trống. Hãy điền giá trị thật "
             "cho ô này.")
NOT_NUMBER = "Không phải là số. Hãy ghi số, ví dụ 1.234.567 (dấu chấm ngăn cách hàng nghìn)."
NOT_WHOLE = "Phải là số nguyên (không có phần thập phân)."
FUTURE = "Ngày sau hôm nay (26/11/2026). Kiểm tra lại."
NO_ENTERPRISE = "Không tìm thấy trong dữ liệu doanh nghiệp đã có. Hãy cập nhật doanh nghiệp trước, hoặc sửa lại giá trị."
NO_COURSE = ("Không tìm thấy trong dữ liệu khóa đào tạo đã có. Hãy cập nhật khóa đào tạo trước, hoặc sửa lại giá "
             "trị.")
KIRIN, GREEK = "bảng chữ cái Kirin (tiếng Nga)", "bảng chữ cái Hy Lạp"


def year(y):
    return f"Ngày chỉ có năm ({y}), cần ngày/tháng/năm: hãy ghi đủ ngày, ví dụ 15/03/{y}."


def month_year(v):
    return f"Ngày chỉ có tháng và năm ({v}), cần ngày/tháng/năm: hãy ghi đủ ngày, ví dụ 15/{v}."


def number(v):
    return (f"Số {v} không phải là một ngày: cần ngày/tháng/năm (dd/mm/yyyy), ví dụ 26/11/2026. Nếu ô trong Excel "
            "là ngày, hãy định dạng ô là ngày.")


def no_day(d, m, y):
    return f"Ngày {d} không có trong tháng {m}/{y}. Kiểm tra lại ngày và tháng."


def no_month(m):
    return f"Không có tháng {m} (tháng từ 1 đến 12). Hãy ghi ngày trước, tháng sau: dd/mm/yyyy."


def big(limit):
    return f"Số quá lớn: cột này nhận tối đa {limit}. Kiểm tra lại số."


def foreign(value, char, codepoint, script):
    return (f"Mã \"{value}\" có chữ \"{char}\" ({codepoint}) của {script}, trông giống chữ Latinh nhưng tạo thành "
            "mã khác. Hãy gõ lại mã bằng chữ Latinh.")


def example(value):
    return (f"Đây là dòng ví dụ của mẫu nhập liệu (mã \"{value}\"). Hãy xóa dòng này hoặc thay bằng dữ liệu thật "
            "trước khi tải lên.")


def duplicate(row):
    return f"Trùng với dòng {row} trong cùng tệp; mỗi bản ghi chỉ nhập một lần."


def not_in_list(value, allowed):
    return f"Giá trị \"{value}\" không có trong danh mục. Giá trị được dùng: {allowed}."


def candidates(value, units):
    return f"Tên địa bàn \"{value}\" là tên của nhiều đơn vị: {units}. Hãy ghi tên đầy đủ hoặc mã địa bàn."


def replaced(name, date, successors):
    return (f"{name} không còn từ 01/07/2025 (ngày của bản ghi: {date}); địa bàn này nay thuộc các xã, phường: "
            f"{successors}. Hãy ghi xã, phường mới.")


def not_yet(name, date, former):
    return f"{name} chỉ có từ 01/07/2025; vào ngày của bản ghi ({date}) hãy dùng đơn vị khi đó: {former}."


DONG_HOI = "Thành phố Đồng Hới (mã 450, đến 30/06/2025)"
DONG_HOI_NOW = "Phường Đồng Thuận (mã 18859); Phường Đồng Sơn (mã 18871); Phường Đồng Hới (mã 18880)"
BA_DON_NOW = "Phường Ba Đồn (mã 19009); Phường Bắc Gianh (mã 19066); Xã Nam Ba Đồn (mã 19075); Xã Nam Gianh (mã 19093)"
LE_THUY_NOW = ("Xã Lệ Ninh (mã 19246); Xã Lệ Thủy (mã 19249); Xã Cam Hồng (mã 19255); Xã Sen Ngư (mã 19288); Xã Tân "
               "Mỹ (mã 19291); Xã Trường Phú (mã 19309); Xã Kim Ngân (mã 19318)")


def rows(name, *changes, xlsx_file=False):
    """A file of `name` with every template column, one row per change set (column name -> value)."""
    dataset = DATASETS[name]
    header = [c.vi for c in dataset.columns]
    body = []
    for change in changes:
        values = {**BASE[name], **change}
        body.append([values.get(c.name, "") for c in dataset.columns])
    if xlsx_file:
        return "a.xlsx", xlsx({"Dữ liệu": [header, *body]})
    return "a.csv", csv_text([header, *body]).encode("utf-8")


def case(case_id, name, file, *expected):
    """expected: (row, column name, value as shown, message) for every error of the file."""
    return (case_id, name, *file, expected)


CASES = [
    # ---------------------------------------------------------------- dates
    case("ent-year-only", "enterprises", rows("enterprises", dict(founded_on="2012")),
         (2, "founded_on", "2012", year("2012"))),
    case("ent-year-only-xlsx-number", "enterprises", rows("enterprises", dict(founded_on=2012), xlsx_file=True),
         (2, "founded_on", "2012", year("2012"))),
    case("ent-month-year", "enterprises", rows("enterprises", dict(founded_on="03/2012")),
         (2, "founded_on", "03/2012", month_year("03/2012"))),
    case("ent-small-number-date", "enterprises", rows("enterprises", dict(founded_on="100")),
         (2, "founded_on", "100", number("100"))),
    case("ent-six-digit-number-date", "enterprises", rows("enterprises", dict(founded_on="123456")),
         (2, "founded_on", "123456", number("123456"))),
    case("ent-31-february", "enterprises", rows("enterprises", dict(founded_on="31/02/2020")),
         (2, "founded_on", "31/02/2020", no_day(31, 2, 2020))),
    case("ent-29-february-2023", "enterprises", rows("enterprises", dict(founded_on="29/02/2023")),
         (2, "founded_on", "29/02/2023", no_day(29, 2, 2023))),
    case("ent-iso-30-february", "enterprises", rows("enterprises", dict(founded_on="2012-02-30")),
         (2, "founded_on", "2012-02-30", no_day(30, 2, 2012))),
    case("ent-day-zero", "enterprises", rows("enterprises", dict(founded_on="00/01/2020")),
         (2, "founded_on", "00/01/2020", no_day(0, 1, 2020))),
    case("ent-month-first", "enterprises", rows("enterprises", dict(founded_on="12/13/2020")),
         (2, "founded_on", "12/13/2020", no_month(13))),
    case("ent-two-digit-year-future", "enterprises", rows("enterprises", dict(founded_on="01/01/29")),
         (2, "founded_on", "01/01/2029", FUTURE)),
    case("course-start-year-only", "courses", rows("courses", dict(start_date="2024")),
         (2, "start_date", "2024", year("2024"))),
    case("course-end-31-april", "courses", rows("courses", dict(end_date="31/04/2024")),
         (2, "end_date", "31/04/2024", no_day(31, 4, 2024))),
    case("expert-year-only", "experts", rows("experts", dict(certified_on="2019")),
         (2, "certified_on", "2019", year("2019"))),
    case("expert-month-15", "experts", rows("experts", dict(certified_on="15/15/2020")),
         (2, "certified_on", "15/15/2020", no_month(15))),
    case("expert-31-june", "experts", rows("experts", dict(certified_on="31/06/2024")),
         (2, "certified_on", "31/06/2024", no_day(31, 6, 2024))),
    case("expert-two-digit-1999", "experts", rows("experts", dict(certified_on="12/06/99")),
         (2, "certified_on", "12/06/1999", "Ngày trước 01/01/2000 là không hợp lý. Kiểm tra lại năm.")),
    case("cert-issued-year-only", "certificates", rows("certificates", dict(issued_on="2024")),
         (2, "issued_on", "2024", year("2024"))),
    case("cert-expires-30-february", "certificates", rows("certificates", dict(expires_on="30/02/2027")),
         (2, "expires_on", "30/02/2027", no_day(30, 2, 2027))),
    case("cert-issued-small-number", "certificates", rows("certificates", dict(issued_on="45")),
         (2, "issued_on", "45", number("45"))),
    case("support-year-only", "support", rows("support", dict(supported_on="2025")),
         (2, "supported_on", "2025", year("2025"))),
    case("support-31-september", "support", rows("support", dict(supported_on="31/09/2025")),
         (2, "supported_on", "31/09/2025", no_day(31, 9, 2025))),
    case("pilot-started-year-only", "pilots", rows("pilots", dict(started_on="2023")),
         (2, "started_on", "2023", year("2023"))),
    case("pilot-recognised-31-november", "pilots", rows("pilots", dict(recognised_on="31/11/2024")),
         (2, "recognised_on", "31/11/2024", no_day(31, 11, 2024))),
    case("cab-year-only", "cabs", rows("cabs", dict(accredited_on="2016")),
         (2, "accredited_on", "2016", year("2016"))),
    case("cab-29-february-2019", "cabs", rows("cabs", dict(accredited_on="29/02/2019")),
         (2, "accredited_on", "29/02/2019", no_day(29, 2, 2019))),
    case("cab-month-year", "cabs", rows("cabs", dict(accredited_on="5/2016")),
         (2, "accredited_on", "5/2016", month_year("5/2016"))),
    # ---------------------------------------------------------------- numbers beyond their column
    case("ent-employees-3e9", "enterprises", rows("enterprises", dict(employees="3000000000")),
         (2, "employees", "3000000000", big(INT_MAX))),
    case("ent-employees-2-31", "enterprises", rows("enterprises", dict(employees="2147483648")),
         (2, "employees", "2147483648", big(INT_MAX))),
    case("ent-employees-20-digits", "enterprises", rows("enterprises", dict(employees="99999999999999999999")),
         (2, "employees", "99999999999999999999", big(INT_MAX))),
    case("ent-employees-dotted-beyond", "enterprises", rows("enterprises", dict(employees="2.147.483.648")),
         (2, "employees", "2.147.483.648", big(INT_MAX))),
    case("ent-employees-exponent", "enterprises", rows("enterprises", dict(employees="1e5")),
         (2, "employees", "1e5", NOT_NUMBER)),
    case("support-money-2-63", "support", rows("support", dict(funding_vnd="9223372036854775808")),
         (2, "funding_vnd", "9223372036854775808", big(BIG_MAX))),
    case("support-money-20-digits", "support", rows("support", dict(funding_vnd="99999999999999999999")),
         (2, "funding_vnd", "99999999999999999999", big(BIG_MAX))),
    case("support-money-dotted-2-64", "support", rows("support", dict(funding_vnd="18.446.744.073.709.551.616 đồng")),
         (2, "funding_vnd", "18.446.744.073.709.551.616 đồng", big(BIG_MAX))),
    case("support-money-fraction", "support", rows("support", dict(funding_vnd="1.000.000,5")),
         (2, "funding_vnd", "1.000.000,5", NOT_WHOLE)),
    case("support-money-negative", "support", rows("support", dict(funding_vnd="-1.000.000")),
         (2, "funding_vnd", "-1.000.000", "Không được là số âm.")),
    case("pilot-replicated-5e9", "pilots", rows("pilots", dict(replicated_to="5000000000")),
         (2, "replicated_to", "5000000000", big(INT_MAX))),
    case("pilot-replicated-2-31", "pilots", rows("pilots", dict(replicated_to="2147483648")),
         (2, "replicated_to", "2147483648", big(INT_MAX))),
    case("pilot-replicated-fraction", "pilots", rows("pilots", dict(replicated_to="3,5")),
         (2, "replicated_to", "3,5", NOT_WHOLE)),
    # ---------------------------------------------------------------- invisible characters
    case("ent-name-zero-width", "enterprises", rows("enterprises", dict(name="\u200b\u200b")),
         (2, "name", "<U+200B><U+200B>", INVISIBLE)),
    case("ent-name-bom-joiner", "enterprises", rows("enterprises", dict(name="\ufeff\u200d")),
         (2, "name", "<U+FEFF><U+200D>", INVISIBLE)),
    case("ent-name-soft-hyphen", "enterprises", rows("enterprises", dict(name="\u00ad")),
         (2, "name", "<U+00AD>", INVISIBLE)),
    case("ent-name-no-break-spaces", "enterprises", rows("enterprises", dict(name="\u00a0\u3000")),
         (2, "name", "", "Thiếu giá trị bắt buộc ở cột \"Tên doanh nghiệp\". Hãy điền giá trị cho ô này.")),
    case("course-code-zero-width", "courses", rows("courses", dict(id="\u200b")),
         (2, "id", "<U+200B>", INVISIBLE)),
    case("course-title-word-joiner", "courses", rows("courses", dict(title="\u2060")),
         (2, "title", "<U+2060>", INVISIBLE)),
    case("part-name-zero-width", "participants", rows("participants", dict(person_name="\u200c")),
         (2, "person_name", "<U+200C>", INVISIBLE)),
    case("expert-name-bidi", "experts", rows("experts", dict(person_name="\u202e\u202c")),
         (2, "person_name", "<U+202E><U+202C>", INVISIBLE)),
    case("cert-body-zero-width", "certificates", rows("certificates", dict(body="\u200b")),
         (2, "body", "<U+200B>", INVISIBLE)),
    case("pilot-solution-hangul-filler", "pilots", rows("pilots", dict(solution="\u3164")),
         (2, "solution", "<U+3164>", INVISIBLE)),
    case("cab-name-zero-width", "cabs", rows("cabs", dict(name="\u200b \u200b")),
         (2, "name", "<U+200B> <U+200B>", INVISIBLE)),
    case("support-id-zero-width", "support", rows("support", dict(id="\ufeff")),
         (2, "id", "<U+FEFF>", INVISIBLE)),
    # ---------------------------------------------------------------- look-alike letters in codes
    case("course-code-cyrillic-ka", "courses", rows("courses", dict(id="КH-2024-01")),
         (2, "id", "КH-2024-01", foreign("КH-2024-01", "К", "U+041A", KIRIN))),
    case("course-code-greek-omicron", "courses", rows("courses", dict(id="KH-2024-Ο1")),
         (2, "id", "KH-2024-Ο1", foreign("KH-2024-Ο1", "Ο", "U+039F", GREEK))),
    case("course-code-cyrillic-small-o", "courses", rows("courses", dict(id="kh-2024-о1")),
         (2, "id", "kh-2024-о1", foreign("kh-2024-о1", "о", "U+043E", KIRIN))),
    case("part-course-cyrillic", "participants", rows("participants", dict(course_id="К1")),
         (2, "course_id", "К1", foreign("К1", "К", "U+041A", KIRIN))),
    case("part-person-greek", "participants", rows("participants", dict(person_id="Ρ1")),
         (2, "person_id", "Ρ1", foreign("Ρ1", "Ρ", "U+03A1", GREEK))),
    case("expert-certificate-cyrillic-es", "experts", rows("experts", dict(certificate_no="СG1")),
         (2, "certificate_no", "СG1", foreign("СG1", "С", "U+0421", KIRIN))),
    case("expert-person-greek-beta", "experts", rows("experts", dict(person_id="Β1")),
         (2, "person_id", "Β1", foreign("Β1", "Β", "U+0392", GREEK))),
    case("cert-number-cyrillic", "certificates", rows("certificates", dict(certificate_no="GСN-1")),
         (2, "certificate_no", "GСN-1", foreign("GСN-1", "С", "U+0421", KIRIN))),
    case("cert-body-cyrillic", "certificates", rows("certificates", dict(body="QUАCERT")),
         (2, "body", "QUАCERT", foreign("QUАCERT", "А", "U+0410", KIRIN))),
    case("support-id-cyrillic", "support", rows("support", dict(id="НТ-1")),
         (2, "id", "НТ-1", foreign("НТ-1", "Н", "U+041D", KIRIN))),
    case("pilot-id-greek", "pilots", rows("pilots", dict(id="ΜD-1")),
         (2, "id", "ΜD-1", foreign("ΜD-1", "Μ", "U+039C", GREEK))),
    case("cab-id-cyrillic", "cabs", rows("cabs", dict(id="ТС-001")),
         (2, "id", "ТС-001", foreign("ТС-001", "Т", "U+0422", KIRIN))),
    # ---------------------------------------------------------------- one record written twice
    case("course-twice-by-case", "courses", rows("courses", dict(id="KH-9"), dict(id="kh-9")),
         (3, "id", "KH-9", duplicate(2))),
    case("course-twice-by-zero-width", "courses", rows("courses", dict(id="KH-9"), dict(id="KH-9\u200b")),
         (3, "id", "KH-9", duplicate(2))),
    case("course-twice-by-full-width", "courses", rows("courses", dict(id="KH-9"), dict(id="ＫＨ-9")),
         (3, "id", "KH-9", duplicate(2))),
    case("part-twice-by-case", "participants", rows("participants", dict(person_id="nv1"), dict(person_id="NV1")),
         (3, "person_id", "K1 / nv1", duplicate(2))),
    case("expert-twice-by-case", "experts", rows("experts", dict(certificate_no="CG-7"), dict(certificate_no="cg-7")),
         (3, "certificate_no", "CG-7", duplicate(2))),
    case("cert-twice-by-case", "certificates",
         rows("certificates", dict(body="QUACERT", certificate_no="QC-9"), dict(body="quacert", certificate_no="qc-9")),
         (3, "certificate_no", "QUACERT / QC-9", duplicate(2))),
    case("support-twice-by-case", "support", rows("support", dict(id="HT-1"), dict(id="ht-1")),
         (3, "id", "HT-1", duplicate(2))),
    case("pilot-twice-by-case", "pilots", rows("pilots", dict(id="MD-1"), dict(id="md-1")),
         (3, "id", "MD-1", duplicate(2))),
    case("cab-twice-by-case", "cabs", rows("cabs", dict(id="TC-9"), dict(id="tc-9")),
         (3, "id", "TC-9", duplicate(2))),
    # ---------------------------------------------------------------- standards
    case("cert-unknown-standard-edition", "certificates", rows("certificates", dict(standard="ISO 9999:2015")),
         (2, "standard", "ISO 9999:2015", not_in_list("ISO 9999:2015", STANDARDS))),
    case("cert-accreditation-standard", "certificates", rows("certificates", dict(standard="ISO/IEC 17025:2017")),
         (2, "standard", "ISO/IEC 17025:2017", not_in_list("ISO/IEC 17025:2017", STANDARDS))),
    case("cab-management-standard", "cabs", rows("cabs", dict(accreditation_standard="ISO 9001:2015")),
         (2, "accreditation_standard", "ISO 9001:2015", not_in_list("ISO 9001:2015", ACCREDITATIONS))),
    # ---------------------------------------------------------------- sectors
    case("ent-vsic-unknown-division", "enterprises", rows("enterprises", dict(sector_code="4010")),
         (2, "sector_code", "4010", "Mã ngành \"4010\": ngành cấp 2 \"40\" không có trong VSIC 2018. Hãy ghi mã ngành "
          "cấp 1 (A..U) hoặc mã ngành VSIC 2 đến 5 chữ số, ví dụ 1020.")),
    case("ent-vsic-division-34", "enterprises", rows("enterprises", dict(sector_code="34")),
         (2, "sector_code", "34", "Mã ngành \"34\": ngành cấp 2 \"34\" không có trong VSIC 2018. Hãy ghi mã ngành "
          "cấp 1 (A..U) hoặc mã ngành VSIC 2 đến 5 chữ số, ví dụ 1020.")),
    case("ent-vsic-wrong-letter", "enterprises", rows("enterprises", dict(sector_code="A1020")),
         (2, "sector_code", "A1020", not_in_list("A1020", "mã ngành A..U theo VSIC 2018"))),
    case("ent-vsic-six-digits", "enterprises", rows("enterprises", dict(sector_code="102000")),
         (2, "sector_code", "102000", not_in_list("102000", "mã ngành A..U theo VSIC 2018"))),
    # ---------------------------------------------------------------- places
    case("ent-bare-dong-hoi-no-date", "enterprises", rows("enterprises", dict(place_code="Đồng Hới", founded_on="")),
         (2, "place_code", "Đồng Hới", candidates("Đồng Hới", DONG_HOI + "; Phường Đồng Hới (mã 18880, từ 01/07/2025)"))),
    case("ent-bare-ba-don-no-date", "enterprises", rows("enterprises", dict(place_code="Ba Đồn", founded_on="")),
         (2, "place_code", "Ba Đồn", candidates("Ba Đồn", "Thị xã Ba Đồn (mã 458, đến 30/06/2025); Phường Ba Đồn "
                                                "(mã 19009, từ 01/07/2025); Phường Ba Đồn (mã 19009, đến 30/06/2025)"))),
    case("ent-other-province-abbreviation", "enterprises", rows("enterprises", dict(place_code="TP. Huế")),
         (2, "place_code", "TP. Huế", not_in_list("TP. Huế", PLACES))),
    case("ent-quan-abbreviation", "enterprises", rows("enterprises", dict(place_code="Q. Ba Đình")),
         (2, "place_code", "Q. Ba Đình",
          "«Quận Ba Đình» thuộc Thành phố Hà Nội, ngoài địa bàn triển khai (tỉnh Quảng Trị).")),
    case("course-district-after-reform", "courses",
         rows("courses", dict(start_date="01/09/2025", end_date="02/09/2025", place_code="H. Lệ Thủy")),
         (2, "place_code", "H. Lệ Thủy", replaced("Huyện Lệ Thủy", "02/09/2025", LE_THUY_NOW))),
    case("course-town-after-reform", "courses",
         rows("courses", dict(start_date="01/08/2025", end_date="05/08/2025", place_code="TX. Ba Đồn")),
         (2, "place_code", "TX. Ba Đồn", replaced("Thị xã Ba Đồn", "05/08/2025", BA_DON_NOW))),
    case("course-commune-before-reform", "courses",
         rows("courses", dict(start_date="01/03/2025", end_date="02/03/2025", place_code="X. Lệ Thủy")),
         (2, "place_code", "X. Lệ Thủy", not_yet("Xã Lệ Thủy", "02/03/2025", "Huyện Lệ Thủy (mã 457, đến 30/06/2025)"))),
    case("cab-ward-before-reform", "cabs", rows("cabs", dict(place_code="P. Đồng Hới")),
         (2, "place_code", "P. Đồng Hới", not_yet("Phường Đồng Hới", "10/05/2016", DONG_HOI))),
    case("cab-city-after-reform", "cabs", rows("cabs", dict(accredited_on="01/08/2025", place_code="TP. Đồng Hới")),
         (2, "place_code", "TP. Đồng Hới", replaced("Thành phố Đồng Hới", "01/08/2025", DONG_HOI_NOW))),
]
# The templates left with their example row, as CSV (notes above the header: the example is the row
# after one line per column, a blank line and the header) and as XLSX (row 2).
for _name, _dataset in DATASETS.items():
    for _suffix, _build, _row in (("csv", template_csv, len(_dataset.columns) + 4), ("xlsx", template_xlsx, 2)):
        _key = _dataset.column(_dataset.key[-1])
        _expected = [(_row, _key.name, _key.example, example(_key.example))]
        if _name == "participants":
            _expected = [(_row, "course_id", "VD-KH-2024-001", NO_COURSE),
                         (_row, "person_id", "VD-NV0001", example("VD-NV0001")),
                         (_row, "tax_code", "0000000017", NO_ENTERPRISE)]
        elif _name in ("certificates", "support", "pilots"):
            _expected.append((_row, "tax_code", "0000000017", NO_ENTERPRISE))
        CASES.append(case(f"{_name}-template-untouched-{_suffix}", _name, (f"mau.{_suffix}", _build(_dataset)),
                          *_expected))


@pytest.fixture
def con_with_data(con):
    insert(con, "enterprises", [dict(tax_code=TAX[0], name="Công ty A", sector_code="C", place_code="450",
                                     size="small", ownership="non_state")])
    insert(con, "courses", [dict(id="K1", kind="in_depth", title="Lean", start_date=dt.date(2024, 3, 1),
                                 end_date=dt.date(2024, 3, 5))])
    insert(con, "cabs", [dict(id="TC-001", name="Trung tâm Kỹ thuật", accreditation_standard="ISO/IEC 17025",
                              accredited_on=dt.date(2016, 5, 10))])
    return con


def test_the_corpus_covers_every_dataset_and_every_case_is_distinct():
    from tests.test_ingest_bad_files import CASES as FIRST_CASES
    assert len({c[0] for c in CASES}) == len(CASES) >= 100
    assert {c[1] for c in CASES} == set(DATASETS)
    assert len(CASES) + len(FIRST_CASES) >= 150


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_a_file_with_wrong_values_gets_its_exact_messages_and_changes_nothing(con_with_data, case, tmp_path):
    _, name, file_name, data, expected = case
    con = con_with_data
    before = snapshot(con)
    dataset = DATASETS[name]
    _, checked = check_file(con, dataset, file_name, data, limits=Limits(archive_dir=""), today=TODAY)
    got = sorted((p.row, p.column, p.value, p.message) for p in checked.errors)
    assert got == sorted((row, dataset.column(column).vi, value, message) for row, column, value, message in expected)
    with pytest.raises(CommitRefused, match="lỗi nên chưa ghi gì"):
        commit(con, checked, file_name, data, "tester", archive_dir=tmp_path)
    assert snapshot(con) == before
    assert not any(tmp_path.iterdir())
