"""Values written the way staff write them (standards as printed, abbreviated places, VSIC classes,
job titles) are accepted, stored as the catalogue's code and shown normalised in the preview."""
import csv
import datetime as dt

import pytest

from nscl.datasets import DATASETS
from nscl.ingest.forms import vsic_division_names, vsic_divisions, vsic_systems
from nscl.ingest.pipeline import check_file
from nscl.settings import CATALOGUES_DIR
from tests.conftest import insert
from tests.ingest_helpers import TAX, csv_text, notes

TODAY = dt.date(2026, 11, 26)
ENT = ["Mã số thuế", "Tên doanh nghiệp", "Ngành kinh tế", "Địa bàn", "Quy mô", "Loại hình sở hữu", "Ngày thành lập"]
GOOD = [TAX[0], "Công ty A", "C", "450", "nhỏ", "ngoài Nhà nước", "15/03/2012"]
CERT = ["Số giấy chứng nhận", "Tổ chức chứng nhận", "Mã số thuế", "Tiêu chuẩn", "Ngày cấp", "Ngày hết hạn"]
CAB = ["Mã tổ chức", "Tên tổ chức", "Chuẩn mực công nhận", "Ngày được công nhận", "Địa bàn"]
COURSE = ["Mã khóa", "Loại khóa", "Tên khóa", "Ngày bắt đầu", "Ngày kết thúc", "Địa bàn"]
PART = ["Mã khóa", "Mã học viên", "Họ và tên", "Mã số thuế doanh nghiệp", "Vai trò"]


def check(con, dataset, header, *rows, today=TODAY):
    _, checked = check_file(con, DATASETS[dataset], "f.csv", csv_text([header, *rows]).encode(), today=today)
    return checked


def ent(**changes):
    row = dict(zip(ENT, GOOD))
    row.update(changes)
    return list(row.values())


@pytest.fixture
def known(con):
    insert(con, "enterprises", [dict(tax_code=TAX[0], name="Công ty A", sector_code="C", place_code="450",
                                     size="small", ownership="non_state")])
    insert(con, "courses", [dict(id="K1", kind="in_depth", title="Lean", start_date=dt.date(2024, 3, 1),
                                 end_date=dt.date(2024, 3, 5))])
    return con


# ------------------------------------------------------------------ 7 standards

@pytest.mark.parametrize(("written", "code"), [
    ("ISO 9001:2015", "ISO 9001"), ("TCVN ISO 9001:2015", "ISO 9001"), ("ISO 9001:2008", "ISO 9001"),
    ("ISO9001:2015", "ISO 9001"), ("iso 14001:2015", "ISO 14001"), ("TCVN ISO 14001:2015", "ISO 14001"),
    ("ISO 22000:2018", "ISO 22000"), ("HACCP Codex", "HACCP"), ("Codex HACCP", "HACCP"),
    ("TCVN 5603:2008", "HACCP"), ("HACCP CXC 1-1969", "HACCP"), ("Hệ thống HACCP", "HACCP"),
    ("ISO 45001:2018", "ISO 45001"), ("Viet GAP", "VietGAP"),
])
def test_standards_as_printed_are_the_catalogue_code(known, written, code):
    checked = check(known, "certificates", CERT, ["G1", "QUACERT", TAX[0], written, "01/03/2024", "28/02/2027"])
    assert checked.problems == [] and checked.valid.iloc[0]["standard"] == code
    assert notes(checked) == [(2, "Tiêu chuẩn", written, code, 1)]


def test_accreditation_standards_with_their_edition(con):
    checked = check(con, "cabs", CAB, ["TC1", "Phòng thử nghiệm", "ISO/IEC 17025:2017", "10/05/2016", ""])
    assert checked.problems == [] and checked.valid.iloc[0]["accreditation_standard"] == "ISO/IEC 17025"
    refused = check(con, "cabs", CAB, ["TC1", "Phòng thử nghiệm", "ISO 9001:2015", "10/05/2016", ""])
    assert [p.message for p in refused.errors] == [
        "Giá trị \"ISO 9001:2015\" không có trong danh mục. Giá trị được dùng: ISO/IEC 17025, ISO/IEC 17020, "
        "ISO/IEC 17021-1, ISO/IEC 17065."]


def test_every_printed_form_names_a_standard_of_the_catalogue():
    with (CATALOGUES_DIR / "standards.csv").open(encoding="utf-8") as fh:
        codes = {r["code"] for r in csv.DictReader(fh)}
    with (CATALOGUES_DIR / "standards_forms.csv").open(encoding="utf-8") as fh:
        assert {r["code"] for r in csv.DictReader(fh)} <= codes


# ------------------------------------------------------------------ 8 places

@pytest.mark.parametrize(("written", "code", "stored"), [
    ("TP. Đồng Hới", "450", "450 · Thành phố Đồng Hới"), ("Tp Đồng Hới", "450", "450 · Thành phố Đồng Hới"),
    ("TX. Ba Đồn", "458", "458 · Thị xã Ba Đồn"), ("H. Bố Trạch", "455", "455 · Huyện Bố Trạch"),
    ("h.Lệ Thủy", "457", "457 · Huyện Lệ Thủy"), ("Đồng Hới", "450", "450 · Thành phố Đồng Hới"),
])
def test_abbreviated_places_before_the_reform(con, written, code, stored):
    checked = check(con, "enterprises", ENT, ent(**{"Địa bàn": written}))
    assert checked.problems == [] and checked.valid.iloc[0]["place_code"] == code
    assert notes(checked) == [(2, "Địa bàn", written, stored, 1)]


@pytest.mark.parametrize(("written", "code", "stored"), [
    ("P. Đồng Hới", "18880", "18880 · Phường Đồng Hới"), ("X. Bố Trạch", "19141", "19141 · Xã Bố Trạch"),
    ("Đồng Hới", "18880", "18880 · Phường Đồng Hới"), ("p.Bắc Gianh", "19066", "19066 · Phường Bắc Gianh"),
])
def test_abbreviated_and_bare_places_after_the_reform(known, written, code, stored):
    checked = check(known, "courses", COURSE, ["K9", "chuyên sâu", "Lean", "01/08/2025", "05/08/2025", written])
    assert checked.problems == [] and checked.valid.iloc[0]["place_code"] == code
    assert notes(checked) == [(2, "Địa bàn", written, stored, 1)]


def test_a_bare_name_without_a_date_names_the_real_candidates(con):
    checked = check(con, "enterprises", ENT, ent(**{"Địa bàn": "Đồng Hới", "Ngày thành lập": ""}))
    assert [(p.column, p.value, p.message) for p in checked.problems] == [("Địa bàn", "Đồng Hới", (
        "Tên địa bàn \"Đồng Hới\" là tên của nhiều đơn vị: Thành phố Đồng Hới (mã 450, đến 30/06/2025); Phường Đồng "
        "Hới (mã 18880, từ 01/07/2025). Hãy ghi tên đầy đủ hoặc mã địa bàn."))]


def test_an_enterprise_founded_after_the_reform_in_a_former_district_is_warned(con):
    checked = check(con, "enterprises", ENT, ent(**{"Địa bàn": "TX. Ba Đồn", "Ngày thành lập": "15/08/2025"}))
    assert [(p.value, p.message, p.severity) for p in checked.problems] == [("TX. Ba Đồn", (
        "Thị xã Ba Đồn không còn từ 01/07/2025, trước ngày của bản ghi (15/08/2025); đã ghi theo địa bàn cũ. Địa bàn "
        "này nay thuộc các xã, phường: Phường Ba Đồn (mã 19009); Phường Bắc Gianh (mã 19066); Xã Nam Ba Đồn (mã "
        "19075); Xã Nam Gianh (mã 19093); nên ghi xã, phường mới."), "warning")]
    assert checked.valid.iloc[0]["place_code"] == "458"
    before = check(con, "enterprises", ENT, ent(**{"Địa bàn": "TX. Ba Đồn", "Ngày thành lập": "15/08/2024"}))
    assert before.problems == []


def test_a_course_after_the_reform_in_a_former_district_names_the_communes(known):
    checked = check(known, "courses", COURSE, ["K9", "chuyên sâu", "Lean", "01/08/2025", "05/08/2025", "H. Lệ Thủy"])
    assert [p.message for p in checked.errors] == [
        "Huyện Lệ Thủy không còn từ 01/07/2025 (ngày của bản ghi: 05/08/2025); địa bàn này nay thuộc các xã, phường: "
        "Xã Lệ Ninh (mã 19246); Xã Lệ Thủy (mã 19249); Xã Cam Hồng (mã 19255); Xã Sen Ngư (mã 19288); Xã Tân Mỹ (mã "
        "19291); Xã Trường Phú (mã 19309); Xã Kim Ngân (mã 19318). Hãy ghi xã, phường mới."]


# ------------------------------------------------------------------ 9 VSIC

@pytest.mark.parametrize(("written", "section", "stored"), [
    ("10", "C", "C · Công nghiệp chế biến, chế tạo"), ("102", "C", "C · Công nghiệp chế biến, chế tạo"),
    ("1020", "C", "C · Công nghiệp chế biến, chế tạo"), ("10200", "C", "C · Công nghiệp chế biến, chế tạo"),
    ("C1020", "C", "C · Công nghiệp chế biến, chế tạo"), ("0111", "A", "A · Nông nghiệp, lâm nghiệp và thủy sản"),
    ("4101", "F", "F · Xây dựng"), ("5510", "I", "I · Dịch vụ lưu trú và ăn uống"),
    ("8559", "P", "P · Giáo dục và đào tạo"),
])
def test_vsic_codes_are_their_section(con, written, section, stored):
    # Uploaded the day before the 2025 system came into force: VSIC 2018 was the only one, nothing to say.
    checked = check(con, "enterprises", ENT, ent(**{"Ngành kinh tế": written}), today=dt.date(2025, 11, 14))
    assert checked.problems == [] and checked.valid.iloc[0]["sector_code"] == section
    assert notes(checked) == [(2, "Ngành kinh tế", written, stored, 1)]


def read_as_2018(count, codes):
    return (f"Từ 15/11/2025, Hệ thống ngành kinh tế Việt Nam ban hành theo Quyết định 36/2025/QĐ-TTg thay thế VSIC "
            f"2018 (Quyết định 27/2018/QĐ-TTg). Ứng dụng chưa có bảng ngành của hệ thống mới, nên {count} mã ngành "
            f"bằng số trong cột này ({codes}) được đọc theo VSIC 2018: mỗi mã được xếp vào ngành cấp 1 của ngành cấp "
            "2 VSIC 2018 có cùng hai chữ số đầu. Nếu tệp ghi mã theo hệ thống mới, hãy kiểm tra ngành cấp 1 của các "
            "mã này.")


def test_from_15_11_2025_a_numeric_code_is_accepted_and_the_upload_says_which_system_it_was_read_as(con):
    # 62010 and 1020 may be codes of VSIC 2018 or of the 2025 system (Decision 36/2025/QĐ-TTg): both are
    # accepted, filed under their VSIC 2018 division's section, and one warning for the file says so.
    rows = [ent(**{"Mã số thuế": TAX[0], "Ngành kinh tế": "62010"}), ent(**{"Mã số thuế": TAX[1], "Ngành kinh tế": "1020"}),
            ent(**{"Mã số thuế": TAX[2], "Ngành kinh tế": "62010"}), ent(**{"Mã số thuế": TAX[3], "Ngành kinh tế": "G"})]
    for today in (dt.date(2025, 11, 15), TODAY):
        checked = check(con, "enterprises", ENT, *rows, today=today)
        assert [(p.row, p.column, p.value, p.message, p.severity) for p in checked.problems] == [
            (1, "Ngành kinh tế", "62010, 1020", read_as_2018(2, "62010, 1020"), "warning")]
        assert list(checked.valid["sector_code"]) == ["J", "C", "J", "G"]
        assert notes(checked) == [(2, "Ngành kinh tế", "62010", "J · Thông tin và truyền thông", 2),
                                  (3, "Ngành kinh tế", "1020", "C · Công nghiệp chế biến, chế tạo", 1)]


def test_a_code_with_its_vsic_2018_section_letter_is_read_as_vsic_2018_without_a_warning(con):
    checked = check(con, "enterprises", ENT, ent(**{"Ngành kinh tế": "C1020"}))
    assert checked.problems == [] and checked.valid.iloc[0]["sector_code"] == "C"


def test_the_warning_lists_five_codes_and_counts_them_all(con):
    codes = ["1020", "4101", "0111", "5510", "8559", "62010"]
    checked = check(con, "enterprises", ENT, *[ent(**{"Mã số thuế": TAX[i], "Ngành kinh tế": c})
                                              for i, c in enumerate(codes)])
    assert [p.message for p in checked.warnings] == [read_as_2018(6, "1020, 4101, 0111, 5510, 8559, …")]


def test_the_two_classifications_are_the_decisions_of_2018_and_2025():
    systems = vsic_systems()
    assert {k: (v["decision"], v["signed_on"], v["in_force_from"], v["sections"], v["divisions"])
            for k, v in systems.items()} == {
        "VSIC 2018": ("27/2018/QĐ-TTg", "2018-07-06", "", "21", "88"),
        "VSIC 2025": ("36/2025/QĐ-TTg", "2025-09-29", "2025-11-15", "22", "87")}


def test_the_vsic_2018_division_names_are_the_2018_wording_not_2007():
    names = vsic_division_names()
    assert len(names) == 88
    assert names["29"] == "Sản xuất ô tô và xe có động cơ khác"                      # 2007: Sản xuất xe có động cơ
    assert names["72"] == "Nghiên cứu khoa học và phát triển công nghệ"              # 2007: ... và phát triển
    assert names["84"] == ("Hoạt động của Đảng cộng sản, tổ chức chính trị - xã hội, quản lý nhà nước, an ninh quốc "
                           "phòng, đối ngoại và bảo đảm xã hội bắt buộc")


def test_an_unknown_vsic_division_is_named(con):
    assert [p.message for p in check(con, "enterprises", ENT, ent(**{"Ngành kinh tế": "4010"})).errors] == [
        "Mã ngành \"4010\": ngành cấp 2 \"40\" không có trong VSIC 2018. Hãy ghi mã ngành cấp 1 (A..U) hoặc mã ngành "
        "VSIC 2 đến 5 chữ số, ví dụ 1020."]


def test_the_vsic_hierarchy_has_88_divisions_in_sections_a_to_u(con):
    divisions = vsic_divisions()
    assert len(divisions) == 88
    sections = {r[0] for r in con.execute("SELECT code FROM sectors").fetchall()}
    assert set(divisions.values()) == sections and len(sections) == 21
    assert [d for d, s in divisions.items() if s == "C"] == [str(n) for n in range(10, 34)]
    assert (divisions["35"], divisions["84"], divisions["99"]) == ("D", "O", "U")


# ------------------------------------------------------------------ 10 job titles

@pytest.mark.parametrize(("title", "role", "stored"), [
    ("Giám đốc", "leader", "leader · Lãnh đạo"), ("Phó Giám đốc", "leader", "leader · Lãnh đạo"),
    ("Tổng giám đốc", "leader", "leader · Lãnh đạo"), ("Chủ tịch HĐQT", "leader", "leader · Lãnh đạo"),
    ("Phó giám đốc sản xuất", "leader", "leader · Lãnh đạo"), ("Trưởng phòng", "manager", "manager · Quản lý"),
    ("Trưởng phòng Kỹ thuật", "manager", "manager · Quản lý"), ("Phó phòng", "manager", "manager · Quản lý"),
    ("Quản đốc", "manager", "manager · Quản lý"), ("Tổ trưởng", "manager", "manager · Quản lý"),
    ("Kế toán trưởng", "manager", "manager · Quản lý"), ("Nhân viên kinh doanh", "staff", "staff · Nhân viên"),
])
def test_job_titles_are_roles(known, title, role, stored):
    checked = check(known, "participants", PART, ["K1", "P1", "Lê An", TAX[0], title])
    assert checked.problems == [] and checked.valid.iloc[0]["role"] == role
    assert notes(checked) == [(2, "Vai trò", title, stored, 1)]


def test_an_unknown_job_title_is_a_warning_listing_the_roles(known):
    checked = check(known, "participants", PART, ["K1", "P1", "Lê An", TAX[0], "Thư ký"])
    assert [(p.value, p.message, p.severity) for p in checked.problems] == [("Thư ký", (
        "Chức danh \"Thư ký\" không có trong danh mục chức danh nên được tính là \"Khác\" (không tính là lãnh đạo, "
        "quản lý). Nếu cần, hãy ghi vai trò: Lãnh đạo, Quản lý, Nhân viên, Cán bộ cơ quan nhà nước, Khác."),
        "warning")]
    assert checked.valid.iloc[0]["role"] == "other"


def test_every_job_title_maps_to_a_role_of_the_code_list():
    from nscl import codes
    with (CATALOGUES_DIR / "job_titles.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["role"] for r in rows} <= set(codes.values("role")) and {r["match"] for r in rows} <= {"exact", "prefix"}
