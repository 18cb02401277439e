"""End to end, the way staff really fill the templates: Excel's Vietnamese "CSV" (Windows-1258, ';')
and XLSX workbooks with title rows above the header and an STT column, abbreviated places, standards
with their edition, VSIC classes, job titles, dates as Excel dates and two-digit years, amounts with
"đ". Each dataset's file is accepted, committed, and the overview's indicators change exactly as the
rows say."""
import datetime as dt
import io

import pytest
import xlsxwriter

from nscl.datasets import DATASETS
from nscl.indicators import compute_all
from nscl.ingest.commit import commit
from nscl.ingest.pipeline import check_file
from tests.ingest_helpers import TAX, cp1258, csv_text

TODAY = dt.date(2026, 11, 26)
TITLE = ["ỦY BAN NHÂN DÂN TỈNH QUẢNG BÌNH"], ["SỞ KHOA HỌC VÀ CÔNG NGHỆ"]


def workbook(title: str, header: list[str], rows: list[list]) -> bytes:
    """A sheet as staff make it: title rows, a bold header, STT numbers, real date cells."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("Danh sách")
    day = book.add_format({"num_format": "dd/mm/yyyy"})
    sheet.write_string(0, 0, TITLE[0][0])
    sheet.write_string(1, 0, title)
    sheet.write_row(3, 0, ["STT", *header], book.add_format({"bold": True}))
    for i, row in enumerate(rows):
        sheet.write_number(4 + i, 0, i + 1)
        for j, value in enumerate(row, start=1):
            if isinstance(value, dt.date):
                sheet.write_datetime(4 + i, j, dt.datetime.combine(value, dt.time()), day)
            elif isinstance(value, int):
                sheet.write_number(4 + i, j, value)
            else:
                sheet.write_string(4 + i, j, value)
    book.close()
    return buffer.getvalue()


def excel_csv(title: str, header: list[str], rows: list[list]) -> bytes:
    """Excel's "CSV" on Vietnamese Windows: Windows-1258 with separate tone marks, ';' separators."""
    lines = [*TITLE, [title], [], ["STT", *header], *[[str(i + 1), *row] for i, row in enumerate(rows)]]
    return cp1258(csv_text(lines, ";"))


FILES = {
    "enterprises": ("doanh-nghiep.csv", excel_csv(
        "DANH SÁCH DOANH NGHIỆP THAM GIA CHƯƠNG TRÌNH",
        ["Mã số thuế", "Tên doanh nghiệp", "Ngành kinh tế", "Địa bàn", "Quy mô", "Loại hình sở hữu", "Ngày thành lập",
         "Số lao động"],
        [[TAX[0], "Công ty CP Thủy sản Nhật Lệ", "1020", "TP. Đồng Hới", "Nhỏ", "Ngoài nhà nước", "15/03/2012", "45"],
         [TAX[1], "Công ty TNHH Xây dựng Ba Đồn", "4101", "TX. Ba Đồn", "Vừa", "Tư nhân", "01/02/95", "120"],
         [TAX[2], "HTX Nông nghiệp Bố Trạch", "0111", "H. Bố Trạch", "Siêu nhỏ", "Ngoài Nhà nước", "2018-05-20", "12"],
         [TAX[3], "Công ty Du lịch Phong Nha", "5510", "X. Phong Nha", "Nhỏ", "Ngoài Nhà nước", "10/09/2025", "30"],
         [TAX[4], "Công ty May Lệ Thủy", "14", "Lệ Thủy", "Lớn", "FDI", "20/11/2008", "1.250"],
         [TAX[5], "Công ty Gỗ Quảng Trạch", "C16", "H. Quảng Trạch", "Vừa", "Nhà nước", "01/01/2000", "300"]])),
    "courses": ("khoa-hoc.xlsx", workbook(
        "DANH SÁCH KHÓA ĐÀO TẠO, TẬP HUẤN",
        ["Mã khóa", "Loại khóa", "Tên khóa", "Chủ đề", "Đơn vị tổ chức", "Ngày bắt đầu", "Ngày kết thúc", "Địa bàn"],
        [["KH-2024-01", "Đào tạo chuyên sâu", "Quản lý năng suất theo Lean", "Lean", "Sở KH&CN", dt.date(2024, 5, 6),
          dt.date(2024, 5, 10), "TP. Đồng Hới"],
         ["KH-2026-01", "chuyên sâu", "Kaizen và 5S", "5S", "Sở KH&CN", "14/04/2026", "18/04/2026", "P. Đồng Hới"],
         ["TH-2026-02", "Tập huấn nhận thức", "Nhận thức về năng suất", "", "", dt.date(2026, 6, 2),
          dt.date(2026, 6, 3), "X. Bố Trạch"]])),
    "participants": ("hoc-vien.csv", csv_text(
        [["DANH SÁCH HỌC VIÊN"], [], ["STT", "Mã khóa", "Mã học viên", "Họ và tên", "Mã số thuế doanh nghiệp", "Chức vụ"],
         ["1", "kh-2024-01", "NV01", "Nguyễn Văn An", TAX[0], "Giám đốc"],
         ["2", "KH-2024-01", "NV02", "Trần Thị Bình", TAX[0], "Trưởng phòng Kỹ thuật"],
         ["3", "KH-2024-01", "NV03", "Lê Văn Cường", TAX[1], "Nhân viên"],
         ["4", "KH-2024-01", "NV04", "Phạm Thị Dung", "", "Phó Giám đốc"],
         ["5", "KH-2026-01", "NV05", "Hoàng Văn Em", TAX[2], "Chủ tịch HĐQT"],
         ["6", "KH-2026-01", "NV06", "Võ Thị Phương", TAX[3], "Quản đốc"],
         ["7", "KH-2026-01", "NV07", "Đặng Văn Giang", TAX[4], "Tổ trưởng"],
         ["8", "TH-2026-02", "NV08", "Bùi Thị Hoa", TAX[5], "Giám đốc"]]).encode("utf-8-sig")),
    "experts": ("chuyen-gia.xlsx", workbook(
        "DANH SÁCH CHUYÊN GIA NĂNG SUẤT CHẤT LƯỢNG",
        ["Số chứng chỉ", "Mã chuyên gia", "Họ và tên", "Đơn vị công tác", "Nơi công tác", "Ngày chứng nhận"],
        [["CG-2024-001", "CG01", "Nguyễn Thị Lan", "Sở KH&CN", "TP. Đồng Hới", dt.date(2024, 6, 12)],
         ["CG-2025-002", "CG02", "Trần Văn Minh", "Trung tâm NSCL", "Đồng Hới", "03/03/25"],
         ["CG-2026-003", "cg01", "Nguyễn Thị Lan", "Sở KH&CN", "P. Đồng Hới", dt.date(2026, 6, 20)]])),
    "certificates": ("giay-chung-nhan.csv", excel_csv(
        "DANH SÁCH GIẤY CHỨNG NHẬN",
        ["Số giấy chứng nhận", "Tổ chức chứng nhận", "Mã số thuế", "Tiêu chuẩn", "Ngày cấp", "Ngày hết hạn"],
        [["QC-2023-0001", "QUACERT", TAX[0], "ISO 9001:2015", "20/03/2023", "19/03/2026"],
         ["QC-2024-0002", "QUACERT", TAX[1], "TCVN ISO 9001:2015", "15/06/2024", "14/06/2027"],
         ["BV-2025-01", "Bureau Veritas", TAX[2], "ISO 14001:2015", "01/04/2025", "31/03/2028"],
         ["TQC-2026-05", "TQC", TAX[0], "HACCP Codex", "10/01/2026", "09/01/2029"],
         ["QC-2026-0003", "Quacert", TAX[4], "ISO 9001:2015", "05/05/2026", "04/05/2029"]])),
    "support": ("ho-tro.xlsx", workbook(
        "DANH SÁCH HỖ TRỢ DOANH NGHIỆP",
        ["Mã hồ sơ hỗ trợ", "Mã số thuế", "Ngày hỗ trợ", "Loại giải pháp", "Giải pháp cụ thể", "Kinh phí (đồng)",
         "Nguồn kinh phí"],
        [["HT-2024-001", TAX[0], dt.date(2024, 4, 15), "Hệ thống quản lý", "ISO 9001", "50.000.000 đ", "Ngân sách tỉnh"],
         ["HT-2024-002", TAX[1], dt.date(2024, 8, 20), "công cụ cải tiến", "5S", "30.000.000", "Ngân sách tỉnh"],
         ["HT-2025-001", TAX[0], dt.date(2025, 3, 10), "công cụ cải tiến", "Kaizen", "25.000.000", "Doanh nghiệp"],
         ["HT-2025-002", TAX[2], dt.date(2025, 5, 12), "Hệ thống quản lý", "ISO 14001", "1.234.567.890.123 đồng",
          "Trung ương"],
         ["HT-2025-003", TAX[3], dt.date(2025, 10, 1), "Tiêu chuẩn", "TCVN", "", ""],
         ["HT-2026-001", TAX[4], dt.date(2026, 2, 15), "Công cụ sản xuất thông minh", "MES", "80.000.000", ""],
         ["HT-2026-002", TAX[0], dt.date(2026, 3, 16), "công cụ cải tiến", "Lean", "15.000.000", ""],
         ["HT-2026-003", TAX[0], dt.date(2026, 6, 20), "Khác", "", "5.000.000", ""]])),
    "pilots": ("mo-hinh.csv", csv_text(
        [["Mã mô hình", "Mã số thuế", "Giải pháp", "Ngày bắt đầu", "Ngày công nhận", "Số doanh nghiệp nhân rộng"],
         ["MD-2023-01", TAX[0], "Lean", "01/03/2023", "15/12/2024", "5"],
         ["MD-2024-02", TAX[1], "5S", "01/06/2024", "20/06/2025", ""],
         ["MD-2025-03", TAX[0], "Kaizen", "01/02/2025", "10/10/2025", "2"],
         ["MD-2026-04", TAX[2], "ISO 9001", "01/01/2026", "30/09/2026", "0"]], ";").encode("utf-8")),
    "cabs": ("to-chuc.csv", csv_text(
        [["Mã tổ chức", "Tên tổ chức", "Chuẩn mực công nhận", "Ngày được công nhận", "Ngày hết hạn công nhận", "Địa bàn"],
         ["TC-001", "Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng", "ISO/IEC 17025:2017", "10/05/2016",
          "09/05/2026", "TP. Đồng Hới"],
         ["TC-002", "Trung tâm Kiểm định", "ISO/IEC 17020:2012", "15/08/2025", "14/08/2030", "P. Đồng Hới"]]
    ).encode("utf-8")),
}


def values(results) -> dict[str, dict[int, int]]:
    """Each target's yearly values (counts or measures) where they are not zero."""
    out = {}
    for r in results:
        series = r.series.dropna(subset=["value"])
        out[r.target.id] = {int(y): int(v) for y, v in zip(series["year"], series["value"]) if v}
    return out


def utf8(data) -> bool:
    try:
        (data if isinstance(data, bytes) else data.encode()).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@pytest.fixture
def overview(con, plan):
    def now():
        return (values(compute_all(con, plan, plan.phase("2021-2025"), dt.date(2025, 12, 31))),
                values(compute_all(con, plan, plan.phase("2026-2030"), TODAY)))
    return now


def test_staff_files_of_every_dataset_are_accepted_and_the_overview_follows_the_rows(con, overview, tmp_path):
    empty = {t: {} for t in ("experts", "managers", "supported", "iso9001", "iso14001", "pilots", "cab")}
    assert overview() == (empty, empty)
    normalised = {}
    for name, (file_name, data) in FILES.items():
        raw, checked = check_file(con, DATASETS[name], file_name, data, today=TODAY)
        guessed = [p for p in checked.warnings if p.message.startswith("Tệp không ghi rõ bảng mã")]
        read_as_2018 = [p for p in checked.warnings if "được đọc theo VSIC 2018" in p.message]
        # Excel's Vietnamese "CSV" carries no mark of its encoding: the preview says it was read as
        # Windows-1258 and shows a decoded row; since 15/11/2025 numeric sector codes may be of either
        # classification, and the file is told (at its header, row 5) they were read as VSIC 2018; nothing else is said.
        assert len(guessed) == (1 if file_name.endswith(".csv") and not utf8(data) else 0)
        assert [(p.row, p.value) for p in read_as_2018] == ([(5, "1020, 4101, 0111, 5510, 14")] if name == "enterprises"
                                                            else [])
        assert [p for p in checked.problems if p not in guessed + read_as_2018] == [], (
            name, [p.__dict__ for p in checked.problems])
        assert len(checked.valid) == len(raw.rows)
        normalised[name] = {(n.column, n.written): n.stored for n in checked.normalised.itertuples()}
        commit(con, checked, file_name, data, "lan", archive_dir=tmp_path)

    assert normalised["enterprises"] == {
        ("Ngành kinh tế", "1020"): "C · Công nghiệp chế biến, chế tạo",
        ("Ngành kinh tế", "4101"): "F · Xây dựng", ("Ngành kinh tế", "0111"): "A · Nông nghiệp, lâm nghiệp và thủy sản",
        ("Ngành kinh tế", "5510"): "I · Dịch vụ lưu trú và ăn uống",
        ("Ngành kinh tế", "14"): "C · Công nghiệp chế biến, chế tạo",
        ("Ngành kinh tế", "C16"): "C · Công nghiệp chế biến, chế tạo",
        ("Địa bàn", "TP. Đồng Hới"): "450 · Thành phố Đồng Hới", ("Địa bàn", "TX. Ba Đồn"): "458 · Thị xã Ba Đồn",
        ("Địa bàn", "H. Bố Trạch"): "455 · Huyện Bố Trạch", ("Địa bàn", "X. Phong Nha"): "19138 · Xã Phong Nha",
        ("Địa bàn", "Lệ Thủy"): "457 · Huyện Lệ Thủy", ("Địa bàn", "H. Quảng Trạch"): "454 · Huyện Quảng Trạch",
        ("Ngày thành lập", "01/02/95"): "01/02/1995"}
    assert normalised["participants"] == {
        ("Mã khóa", "kh-2024-01"): "KH-2024-01", ("Chức vụ", "Giám đốc"): "leader · Lãnh đạo",
        ("Chức vụ", "Trưởng phòng Kỹ thuật"): "manager · Quản lý", ("Chức vụ", "Phó Giám đốc"): "leader · Lãnh đạo",
        ("Chức vụ", "Chủ tịch HĐQT"): "leader · Lãnh đạo", ("Chức vụ", "Quản đốc"): "manager · Quản lý",
        ("Chức vụ", "Tổ trưởng"): "manager · Quản lý"}
    assert normalised["certificates"] == {
        ("Tổ chức chứng nhận", "Quacert"): "QUACERT", ("Tiêu chuẩn", "ISO 9001:2015"): "ISO 9001",
        ("Tiêu chuẩn", "TCVN ISO 9001:2015"): "ISO 9001", ("Tiêu chuẩn", "ISO 14001:2015"): "ISO 14001",
        ("Tiêu chuẩn", "HACCP Codex"): "HACCP"}
    assert normalised["cabs"] == {
        ("Chuẩn mực công nhận", "ISO/IEC 17025:2017"): "ISO/IEC 17025",
        ("Chuẩn mực công nhận", "ISO/IEC 17020:2012"): "ISO/IEC 17020",
        ("Địa bàn", "TP. Đồng Hới"): "450 · Thành phố Đồng Hới", ("Địa bàn", "P. Đồng Hới"): "18880 · Phường Đồng Hới"}
    assert normalised["experts"] == {("Mã chuyên gia", "cg01"): "CG01", ("Ngày chứng nhận", "03/03/25"): "03/03/2025",
                                     # Places at the record's date: the city before 1/7/2025, the ward after.
                                     ("Nơi công tác", "TP. Đồng Hới"): "450 · Thành phố Đồng Hới",
                                     ("Nơi công tác", "Đồng Hới"): "450 · Thành phố Đồng Hới",
                                     ("Nơi công tác", "P. Đồng Hới"): "18880 · Phường Đồng Hới"}
    assert normalised["pilots"] == {("Số doanh nghiệp nhân rộng", ""): "0"}

    ended, running = overview()
    # Experts: Lan (2024) and Minh (2025); Lan's renewal in 2026 counts no one again.
    # Managers: the director and the head of department of 2024 (the deputy director has no tax code,
    # the staff member is not a manager); chairman, workshop head and team leader in 2026 (the
    # awareness course does not count).
    # Supported: 2 enterprises in 2024, 3 in 2025, 2 in 2026 (one supported twice).
    # ISO 9001 valid on 31/12: 1 (2023), 2 (2024, 2025), 2 on 26/11/2026 (the first expired in March).
    # Pilots: an enterprise at its first recognised model: 2024, 2025 (the third model is the first
    # enterprise's second), 2026. Bodies accredited on 31/12: 1 in 2016-2024, 2 in 2025, 1 in 2026.
    assert ended == {"experts": {2024: 1, 2025: 1}, "managers": {2024: 2}, "supported": {2024: 2, 2025: 3},
                     "iso9001": {2023: 1, 2024: 2, 2025: 2}, "iso14001": {2025: 1}, "pilots": {2024: 1, 2025: 1},
                     "cab": {2020: 1, 2021: 1, 2022: 1, 2023: 1, 2024: 1, 2025: 2}}
    assert running == {"experts": {}, "managers": {2026: 3}, "supported": {2025: 3, 2026: 2},
                       "iso9001": {2025: 2, 2026: 2}, "iso14001": {2025: 1, 2026: 1},
                       "pilots": {2024: 1, 2025: 1, 2026: 1},  # the pilots target spans the whole programme
                       "cab": {2025: 2, 2026: 1}}

    stored = con.execute("SELECT tax_code, sector_code, place_code, founded_on, employees FROM enterprises "
                         "ORDER BY tax_code").fetchall()
    assert stored == [(TAX[0], "C", "450", dt.date(2012, 3, 15), 45), (TAX[1], "F", "458", dt.date(1995, 2, 1), 120),
                      (TAX[2], "A", "455", dt.date(2018, 5, 20), 12), (TAX[3], "I", "19138", dt.date(2025, 9, 10), 30),
                      (TAX[4], "C", "457", dt.date(2008, 11, 20), 1250), (TAX[5], "C", "454", dt.date(2000, 1, 1), 300)]
    assert con.execute("SELECT name FROM enterprises WHERE tax_code = $t", {"t": TAX[0]}).fetchall() == [
        ("Công ty CP Thủy sản Nhật Lệ",)]
    assert con.execute("SELECT funding_vnd FROM support_records WHERE id = 'HT-2025-002'").fetchall() == [
        (1234567890123,)]
    assert con.execute("SELECT role, count(*) FROM participants GROUP BY role ORDER BY role").fetchall() == [
        ("leader", 4), ("manager", 3), ("staff", 1)]
