"""Cell values as staff really write them: what is stored is what the file says (or the row is refused
with a message saying why), and every value stored in another form is listed for the preview."""
import datetime as dt
import unicodedata

import pytest

from nscl.datasets import DATASETS, EXAMPLE_PREFIX
from nscl.ingest.commit import commit
from nscl.ingest.pipeline import check_file
from nscl.ingest.templates import template_csv, template_xlsx
from nscl.ingest.values import INVISIBLE_CLASS, parse_number, read_date
from tests.conftest import insert
from tests.ingest_helpers import TAX, csv_text, notes

TODAY = dt.date(2026, 11, 26)
ENT = ["Mã số thuế", "Tên doanh nghiệp", "Ngành kinh tế", "Địa bàn", "Quy mô", "Loại hình sở hữu", "Ngày thành lập",
       "Số lao động"]
GOOD = [TAX[0], "Công ty A", "C", "450", "nhỏ", "ngoài Nhà nước", "15/03/2012", "25"]
COURSE = ["Mã khóa", "Loại khóa", "Tên khóa", "Ngày bắt đầu", "Ngày kết thúc", "Địa bàn"]
CERT = ["Số giấy chứng nhận", "Tổ chức chứng nhận", "Mã số thuế", "Tiêu chuẩn", "Ngày cấp", "Ngày hết hạn"]
PART = ["Mã khóa", "Mã học viên", "Họ và tên", "Mã số thuế doanh nghiệp", "Vai trò"]
SUP = ["Mã hồ sơ hỗ trợ", "Mã số thuế", "Ngày hỗ trợ", "Loại giải pháp", "Kinh phí (đồng)"]
PILOT = ["Mã mô hình", "Mã số thuế", "Giải pháp", "Ngày bắt đầu", "Số doanh nghiệp nhân rộng"]


def check(con, dataset, header, *rows):
    _, checked = check_file(con, DATASETS[dataset], "f.csv", csv_text([header, *rows]).encode(), today=TODAY)
    return checked


def only(checked):
    assert len(checked.problems) == 1, [p.__dict__ for p in checked.problems]
    p = checked.problems[0]
    return p.row, p.column, p.value, p.message, p.severity


def ent(**changes):
    row = dict(zip(ENT, GOOD))
    row.update(changes)
    return list(row.values())


@pytest.fixture
def known(con):
    insert(con, "enterprises", [dict(tax_code=t, name=f"Công ty {i}", sector_code="C", place_code="450",
                                     size="small", ownership="non_state") for i, t in enumerate(TAX[:3])])
    insert(con, "courses", [dict(id="KH-2024-01", kind="in_depth", title="Lean", start_date=dt.date(2024, 3, 1),
                                 end_date=dt.date(2024, 3, 5))])
    insert(con, "certificates", [dict(certificate_no="QC-01", body="QUACERT", tax_code=TAX[0], standard="ISO 9001",
                                      issued_on=dt.date(2024, 1, 1))])
    return con


# ------------------------------------------------------------------ 1-3 dates

def test_a_year_alone_is_refused_not_read_as_an_excel_serial(con):
    assert only(check(con, "enterprises", ENT, ent(**{"Ngày thành lập": "2012"}))) == (
        2, "Ngày thành lập", "2012",
        "Ngày chỉ có năm (2012), cần ngày/tháng/năm: hãy ghi đủ ngày, ví dụ 15/03/2012.", "error")


def test_an_excel_serial_counts_only_with_five_digits(con):
    assert read_date("45356").value == dt.date(2024, 3, 5) and read_date("45356.0").value == dt.date(2024, 3, 5)
    assert only(check(con, "enterprises", ENT, ent(**{"Ngày thành lập": "100"})))[3] == (
        "Số 100 không phải là một ngày: cần ngày/tháng/năm (dd/mm/yyyy), ví dụ 26/11/2026. Nếu ô trong Excel là "
        "ngày, hãy định dạng ô là ngày.")
    checked = check(con, "enterprises", ENT, ent(**{"Ngày thành lập": "40987"}))
    assert checked.problems == [] and checked.valid.iloc[0]["founded_on"] == dt.date(2012, 3, 19)
    assert notes(checked) == [(2, "Ngày thành lập", "40987", "19/03/2012", 1)]


def test_a_month_and_year_alone_is_refused(con):
    assert only(check(con, "enterprises", ENT, ent(**{"Ngày thành lập": "03/2012"})))[3] == (
        "Ngày chỉ có tháng và năm (03/2012), cần ngày/tháng/năm: hãy ghi đủ ngày, ví dụ 15/03/2012.")


def test_two_digit_years_follow_excels_pivot_and_the_preview_shows_the_full_date(con):
    checked = check(con, "enterprises", ENT, ent(**{"Ngày thành lập": "15/03/12"}),
                    ent(**{"Mã số thuế": TAX[1], "Ngày thành lập": "01/02/95"}),
                    ent(**{"Mã số thuế": TAX[2], "Ngày thành lập": "15/03/12"}))
    assert checked.problems == []
    assert checked.valid["founded_on"].tolist() == [dt.date(2012, 3, 15), dt.date(1995, 2, 1), dt.date(2012, 3, 15)]
    assert notes(checked) == [(2, "Ngày thành lập", "15/03/12", "15/03/2012", 2),
                              (3, "Ngày thành lập", "01/02/95", "01/02/1995", 1)]
    assert read_date("1/1/29").value == dt.date(2029, 1, 1) and read_date("1/1/30").value == dt.date(1930, 1, 1)


def test_an_impossible_day_or_month_is_named(con):
    assert only(check(con, "enterprises", ENT, ent(**{"Ngày thành lập": "31/02/2026"})))[3] == (
        "Ngày 31 không có trong tháng 2/2026. Kiểm tra lại ngày và tháng.")
    assert only(check(con, "enterprises", ENT, ent(**{"Ngày thành lập": "29/02/2023"})))[3] == (
        "Ngày 29 không có trong tháng 2/2023. Kiểm tra lại ngày và tháng.")
    assert only(check(con, "enterprises", ENT, ent(**{"Ngày thành lập": "03/25/2020"})))[3] == (
        "Không có tháng 25 (tháng từ 1 đến 12). Hãy ghi ngày trước, tháng sau: dd/mm/yyyy.")
    assert check(con, "enterprises", ENT, ent(**{"Ngày thành lập": "29/02/2024"})).problems == []


# ------------------------------------------------------------------ 4 exact numbers

def test_money_is_exact_beyond_two_to_the_53(known, tmp_path):
    checked = check(known, "support", SUP, ["H1", TAX[0], "01/02/2025", "khác", "9007199254740993"],
                    ["H2", TAX[0], "01/02/2025", "khác", "9.223.372.036.854.775.807 đồng"])
    assert checked.problems == []
    commit(known, checked, "f.csv", b"x", "tester", archive_dir=tmp_path)
    assert known.execute("SELECT id, funding_vnd FROM support_records ORDER BY id").fetchall() == [
        ("H1", 9007199254740993), ("H2", 9223372036854775807)]
    assert parse_number("12,5") == parse_number("12.5") and str(parse_number("1.234.567")) == "1234567"


@pytest.mark.parametrize(("dataset", "header", "row", "column", "value", "limit"), [
    ("support", SUP, ["H1", TAX[0], "01/02/2025", "khác", "9223372036854775808"], "Kinh phí (đồng)",
     "9223372036854775808", "9.223.372.036.854.775.807"),
    ("support", SUP, ["H1", TAX[0], "01/02/2025", "khác", "99999999999999999999"], "Kinh phí (đồng)",
     "99999999999999999999", "9.223.372.036.854.775.807"),
    ("enterprises", ENT, ent(**{"Số lao động": "3000000000"}), "Số lao động", "3000000000", "2.147.483.647"),
    ("enterprises", ENT, ent(**{"Số lao động": "2147483648"}), "Số lao động", "2147483648", "2.147.483.647"),
    ("pilots", PILOT, ["M1", TAX[0], "Lean", "01/03/2024", "5000000000"], "Số doanh nghiệp nhân rộng", "5000000000",
     "2.147.483.647"),
])
def test_numbers_beyond_the_column_type_are_refused(known, dataset, header, row, column, value, limit):
    assert only(check(known, dataset, header, row)) == (
        2, column, value, f"Số quá lớn: cột này nhận tối đa {limit}. Kiểm tra lại số.", "error")


def test_the_largest_integer_fits_and_is_committed(known, tmp_path):
    checked = check(known, "enterprises", ENT, ent(**{"Mã số thuế": TAX[3], "Số lao động": "2.147.483.647"}))
    assert checked.problems == []
    commit(known, checked, "f.csv", b"y", "tester", archive_dir=tmp_path)
    assert known.execute("SELECT employees FROM enterprises WHERE tax_code = $t", {"t": TAX[3]}).fetchall() == [
        (2147483647,)]


def test_column_limits_follow_the_table_types(con):
    types = dict(((t, c), d) for t, c, d in con.execute(
        "SELECT table_name, column_name, data_type FROM information_schema.columns").fetchall())
    for dataset in DATASETS.values():
        for column in dataset.columns:
            if column.kind in ("int", "money"):
                expected = {"INTEGER": 2**31 - 1, "BIGINT": 2**63 - 1}[types[(dataset.table, column.name)]]
                assert column.max_value == expected, (dataset.name, column.name)


# ------------------------------------------------------------------ 5 invisible characters and codes

def test_the_invisible_class_is_unicodes_format_characters():
    import re
    pattern = re.compile("[" + INVISIBLE_CLASS + "]")
    format_chars = {chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"}
    assert all(pattern.fullmatch(ch) for ch in format_chars)


def test_a_name_of_only_invisible_characters_is_refused(con):
    assert only(check(con, "enterprises", ENT, ent(**{"Tên doanh nghiệp": "\u200b\u200c\ufeff"}))) == (
        2, "Tên doanh nghiệp", "<U+200B><U+200C><U+FEFF>",
        "Ô chỉ chứa ký tự không nhìn thấy (như khoảng trắng độ rộng 0), coi như trống. Hãy điền giá trị thật cho "
        "ô này.", "error")


def test_invisible_characters_inside_a_value_are_removed_and_shown(con):
    checked = check(con, "enterprises", ENT, ent(**{"Tên doanh nghiệp": "Công ty\u200b A\u00a0"}))
    assert checked.problems == [] and checked.valid.iloc[0]["name"] == "Công ty A"
    assert notes(checked) == [(2, "Tên doanh nghiệp", "Công ty<U+200B> A", "Công ty A", 1)]


def test_a_code_differing_by_an_invisible_space_or_case_is_the_stored_record(known):
    checked = check(known, "courses", COURSE, ["KH-2024-01\u200b", "chuyên sâu", "Lean", "01/03/2024", "05/03/2024", ""],
                    ["kh-2024-02", "chuyên sâu", "Lean", "01/03/2024", "05/03/2024", ""],
                    ["KH-2024-02", "chuyên sâu", "Lean", "01/03/2024", "05/03/2024", ""])
    assert [p.message for p in checked.problems] == [
        "Trùng với dòng 3 trong cùng tệp; mỗi bản ghi chỉ nhập một lần."]
    assert checked.frame["id"].tolist() == ["KH-2024-01", "kh-2024-02", "kh-2024-02"]
    assert notes(checked) == [(2, "Mã khóa", "KH-2024-01<U+200B>", "KH-2024-01", 1),
                              (4, "Mã khóa", "KH-2024-02", "kh-2024-02", 1)]
    lower = check(known, "participants", PART, ["kh-2024-01", "NV1", "Lê An", TAX[0], "quản lý"])
    assert lower.problems == [] and lower.valid.iloc[0]["course_id"] == "KH-2024-01"
    cert = check(known, "certificates", CERT, ["qc-01", "Quacert", TAX[0], "ISO 9001", "01/01/2024", "31/12/2026"])
    assert cert.problems == [] and (cert.valid.iloc[0]["certificate_no"], cert.valid.iloc[0]["body"]) == (
        "QC-01", "QUACERT")


@pytest.mark.parametrize(("code", "char", "codepoint", "script"), [
    ("КH-2024-01", "К", "U+041A", "bảng chữ cái Kirin (tiếng Nga)"),
    ("KH-2024-0Ι", "Ι", "U+0399", "bảng chữ cái Hy Lạp"),
])
def test_a_code_with_a_look_alike_letter_is_refused(known, code, char, codepoint, script):
    assert only(check(known, "courses", COURSE, [code, "chuyên sâu", "Lean", "01/03/2024", "05/03/2024", ""])) == (
        2, "Mã khóa", code, f"Mã \"{code}\" có chữ \"{char}\" ({codepoint}) của {script}, trông giống chữ Latinh nhưng "
        "tạo thành mã khác. Hãy gõ lại mã bằng chữ Latinh.", "error")


def test_full_width_letters_in_a_code_are_folded(known):
    checked = check(known, "courses", COURSE, ["ＫＨ-2024-01", "chuyên sâu", "Lean", "01/03/2024", "05/03/2024", ""])
    assert checked.problems == [] and checked.valid.iloc[0]["id"] == "KH-2024-01"


# ------------------------------------------------------------------ 6 example rows

@pytest.mark.parametrize("name", list(DATASETS))
def test_a_template_left_with_its_example_row_is_refused(con, name):
    dataset = DATASETS[name]
    key = dataset.column(dataset.key[-1])
    assert key.example.startswith(EXAMPLE_PREFIX) or key.example == "0000000017"
    for data, file_name in ((template_csv(dataset), "mau.csv"), (template_xlsx(dataset), "mau.xlsx")):
        _, checked = check_file(con, dataset, file_name, data, today=TODAY)
        example = [p for p in checked.errors if "dòng ví dụ" in p.message]
        assert [(p.column, p.value, p.message) for p in example] == [(key.vi, key.example, (
            f"Đây là dòng ví dụ của mẫu nhập liệu (mã \"{key.example}\"). Hãy xóa dòng này hoặc thay bằng dữ liệu "
            "thật trước khi tải lên."))]


def test_the_example_cab_never_overwrites_a_real_body(con):
    insert(con, "cabs", [dict(id="TC-001", name="Trung tâm Kỹ thuật", accreditation_standard="ISO/IEC 17025",
                              accredited_on=dt.date(2016, 5, 10))])
    _, checked = check_file(con, DATASETS["cabs"], "mau.csv", template_csv(DATASETS["cabs"]), today=TODAY)
    assert checked.valid.empty


# ------------------------------------------------------------------ the preview shows normalised values

def test_the_command_line_prints_and_returns_the_normalised_values(tmp_path):
    import json
    import subprocess
    import sys

    from nscl.settings import ROOT
    f = tmp_path / "dn.csv"
    f.write_bytes(csv_text([ENT, ent(**{"Địa bàn": "TP. Đồng Hới", "Ngành kinh tế": "1020",
                                        "Ngày thành lập": "15/03/12"})]).encode("utf-8-sig"))
    env = {"NSCL_DB": str(tmp_path / "cli.duckdb"), "NSCL_ARCHIVE": str(tmp_path / "archive"), "PATH": "/usr/bin"}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "nscl", "import", "--dataset", "enterprises", str(f), "--dry-run",
                               *args], cwd=ROOT, capture_output=True, text=True, env=env)

    done = run()
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[:4] == [
        "Cảnh báo dòng 1, cột \"Ngành kinh tế\" (giá trị \"1020\"): Từ 15/11/2025, Hệ thống ngành kinh tế Việt Nam "
        "ban hành theo Quyết định 36/2025/QĐ-TTg thay thế VSIC 2018 (Quyết định 27/2018/QĐ-TTg). Ứng dụng chưa có "
        "bảng ngành của hệ thống mới, nên 1 mã ngành bằng số trong cột này (1020) được đọc theo VSIC 2018: mỗi mã "
        "được xếp vào ngành cấp 1 của ngành cấp 2 VSIC 2018 có cùng hai chữ số đầu. Nếu tệp ghi mã theo hệ thống "
        "mới, hãy kiểm tra ngành cấp 1 của các mã này.",
        "Chuẩn hóa: dòng 2, cột \"Ngành kinh tế\": \"1020\" → \"C · Công nghiệp chế biến, chế tạo\" (1 dòng)",
        "Chuẩn hóa: dòng 2, cột \"Địa bàn\": \"TP. Đồng Hới\" → \"450 · Thành phố Đồng Hới\" (1 dòng)",
        "Chuẩn hóa: dòng 2, cột \"Ngày thành lập\": \"15/03/12\" → \"15/03/2012\" (1 dòng)"]
    as_json = json.loads(run("--json").stdout)
    assert as_json["normalised"][1] == {"row": 2, "column": "Địa bàn", "written": "TP. Đồng Hới",
                                        "stored": "450 · Thành phố Đồng Hới", "rows": 1}


def test_the_upload_page_shows_the_normalised_values(tmp_path, monkeypatch, plan):
    from nscl.auth import add_user
    from tests.apptest import open_page, page_ok, shown
    from tests.conftest import build_demo_file
    monkeypatch.setenv("NSCL_DB", str(build_demo_file(tmp_path / "upload.duckdb", plan)))
    monkeypatch.setenv("NSCL_USERS", str(tmp_path / "users.toml"))
    monkeypatch.setenv("NSCL_ARCHIVE", str(tmp_path / "archive"))
    add_user("lan", "mat-khau-dai-1", "Nguyễn Thị Lan", path=tmp_path / "users.toml")
    at = open_page("pages/upload.py", as_of="2026-11-26")
    at.text_input[0].input("lan")
    at.text_input[1].input("mat-khau-dai-1")
    at.button[0].click()
    at.run()
    data = csv_text([ENT, ent(**{"Mã số thuế": "0100109106", "Địa bàn": "H. Bố Trạch",
                                 "Ngày thành lập": "01/02/95"})]).encode("utf-8-sig")
    at.get("file_uploader")[0].set_value(("dn.csv", data, "text/csv"))
    at.run()
    assert page_ok(at)
    assert "Giá trị đã chuẩn hóa" in [s.value for s in at.subheader]
    table = shown(at.dataframe[-1])
    assert table.to_dict("records") == [
        {"Dòng đầu tiên": "2", "Cột": "Địa bàn", "Trong tệp": "H. Bố Trạch",
         "Ghi vào cơ sở dữ liệu": "455 · Huyện Bố Trạch", "Số dòng": "1"},
        {"Dòng đầu tiên": "2", "Cột": "Ngày thành lập", "Trong tệp": "01/02/95", "Ghi vào cơ sở dữ liệu": "01/02/1995",
         "Số dòng": "1"}]


# ------------------------------------------------------------------ empty optional cells

def test_every_optional_column_may_be_empty_in_its_table_or_has_a_default(con):
    nullable = {(t, c): n for t, c, n in con.execute(
        "SELECT table_name, column_name, is_nullable FROM information_schema.columns").fetchall()}
    for dataset in DATASETS.values():
        for column in dataset.columns:
            if not column.required and column.default is None:
                assert nullable[(dataset.table, column.name)] == "YES", (dataset.name, column.name)


def test_a_blank_or_absent_replication_count_is_zero_and_commits(known, tmp_path):
    full = check(known, "pilots", PILOT, ["M1", TAX[0], "Lean", "01/03/2024", ""], ["M2", TAX[1], "5S", "01/03/2024", "4"])
    assert full.problems == [] and full.valid["replicated_to"].tolist() == [0, 4]
    assert notes(full) == [(2, "Số doanh nghiệp nhân rộng", "", "0", 1)]
    commit(known, full, "p.csv", b"p1", "tester", archive_dir=tmp_path)
    absent = check(known, "pilots", PILOT[:-1], ["M3", TAX[2], "Lean", "01/03/2024"])
    assert absent.problems == []
    commit(known, absent, "p2.csv", b"p2", "tester", archive_dir=tmp_path)
    assert known.execute("SELECT id, replicated_to FROM pilot_models ORDER BY id").fetchall() == [
        ("M1", 0), ("M2", 4), ("M3", 0)]


def test_a_tax_code_with_a_zero_width_space_is_the_enterprise(known):
    checked = check(known, "support", SUP, ["H1", TAX[0] + "\u200b", "01/02/2025", "khác", "1.000"])
    assert checked.problems == [] and checked.valid.iloc[0]["tax_code"] == TAX[0]
    assert notes(checked) == [(2, "Mã số thuế", TAX[0] + "<U+200B>", TAX[0], 1)]
