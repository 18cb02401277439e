"""Files as staff really have them and hostile ones, at the reading level (issue 11): a guessed
encoding said or refused, duplicate headers, values outside the header's columns, invisible
characters in headers, hidden sheets, formulas without a value and error cells, and the command
line's output. Each refused file gets its exact message and leaves the database unchanged."""
import datetime as dt
import io
import json
import subprocess
import sys

import openpyxl
import pytest

from nscl.datasets import DATASETS
from nscl.ingest import sandbox
from nscl.ingest.commit import CommitRefused, commit
from nscl.ingest.limits import MB, Limits
from nscl.ingest.pipeline import check_file
from nscl.ingest.reading import ReadError, read_table
from nscl.settings import ROOT
from tests.hostile_files import header_rows, inline, minimal_xlsx, sheet_xml
from tests.ingest_helpers import ENTERPRISE_HEADER as EH
from tests.ingest_helpers import TAX, cp1258, csv_text, snapshot, xlsx

TODAY = dt.date(2026, 11, 26)
LIMITS = Limits(archive_dir="")
# One valid file per dataset: (header, row). Each case changes one thing in it.
BASE = {
    "enterprises": (EH, [TAX[1], "Công ty Hòa Bình", "C", "450", "nhỏ", "ngoài Nhà nước"]),
    "courses": (["Mã khóa", "Loại khóa", "Tên khóa", "Ngày bắt đầu", "Ngày kết thúc"],
                ["K2", "khác", "Quản lý chất lượng", "01/03/2024", "05/03/2024"]),
    "participants": (["Mã khóa", "Mã học viên", "Họ và tên", "Mã số thuế doanh nghiệp", "Vai trò"],
                     ["K1", "P1", "Lê Thị Hòa", "", "quản lý"]),
    "experts": (["Số chứng chỉ", "Mã chuyên gia", "Họ và tên", "Ngày chứng nhận"], ["CG1", "P1", "Lê Hoa", "01/01/2020"]),
    "certificates": (["Số giấy chứng nhận", "Tổ chức chứng nhận", "Mã số thuế", "Tiêu chuẩn", "Ngày cấp",
                      "Ngày hết hạn"], ["G1", "QUACERT", TAX[0], "ISO 9001", "01/03/2024", "28/02/2027"]),
    "support": (["Mã hồ sơ hỗ trợ", "Mã số thuế", "Ngày hỗ trợ", "Loại giải pháp", "Giải pháp cụ thể", "Kinh phí (đồng)"],
                ["H1", TAX[0], "01/02/2025", "khác", "5S", "1.000"]),
    "pilots": (["Mã mô hình", "Mã số thuế", "Giải pháp", "Ngày bắt đầu", "Ngày công nhận"],
               ["M1", TAX[0], "Lean", "01/01/2024", "01/06/2024"]),
    "cabs": (["Mã tổ chức", "Tên tổ chức", "Chuẩn mực công nhận", "Ngày được công nhận"],
             ["TC1", "Trung tâm Kỹ thuật", "ISO/IEC 17025", "01/01/2020"]),
}
RESAVE = ("Hãy mở tệp bằng Excel và lưu lại với kiểu \"CSV UTF-8 (Comma delimited) (*.csv)\", hoặc mở bằng "
          "Notepad, chọn \"Save As\" và chọn Encoding \"UTF-8\".")


def header(name):
    return list(BASE[name][0])


def row(name, **changes):
    values = dict(zip(*BASE[name]))
    values.update(changes)
    return list(values.values())


def utf8(rows, sep=","):
    return csv_text(rows, sep).encode("utf-8")


def openpyxl_book(rows, formulas=None, title="Sheet1"):
    """A workbook as openpyxl writes it: formulas are stored without a calculated value."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for r in rows:
        sheet.append(r)
    for ref, formula in (formulas or {}).items():
        sheet[ref] = formula
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def raw_cells(name, extra: dict[str, str]):
    """A workbook of the dataset's base file with some cells replaced by raw XML (formulas, errors)."""
    body = ""
    for number, cells in sorted(header_rows(header(name), row(name)).items()):
        xml = {ref: inline(ref, text) for ref, text in cells}
        xml.update({ref: cell for ref, cell in extra.items() if ref.endswith(str(number)) and ref[1:].isdigit()})
        body += f'<row r="{number}">' + "".join(xml[ref] for ref in sorted(xml)) + "</row>"
    return minimal_xlsx('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.'
                        f'openxmlformats.org/spreadsheetml/2006/main"><sheetData>{body}</sheetData></worksheet>')


def cut_inside(data: bytes, letter: str) -> bytes:
    """The file cut short two bytes into the last `letter` (a three-byte UTF-8 letter)."""
    return data[:data.rindex(letter.encode()) + 2]


def error_cell(ref, error):
    return f'<c r="{ref}" t="e"><f>VLOOKUP(A2,Sheet2!A:B,2,0)</f><v>{error}</v></c>'


def duplicate_dimension(name):
    """A hidden sheet first (an old copy with good values), the visible sheet second."""
    buffer = io.BytesIO()
    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title = "Cũ"
    hidden.sheet_state = "hidden"
    for r in (header(name), row(name)):
        hidden.append(r)
    visible = book.create_sheet("Mới")
    for r in (header(name), row(name, **{header(name)[0]: ""})):
        visible.append(r)
    book.save(buffer)
    return buffer.getvalue()


def headless(cell, column, value):
    return ("row", int(cell[len(column):]), column, value,
            f"Ô {cell} nằm ở cột {column}, cột không có tiêu đề, nên giá trị này sẽ không được ghi. Nếu đây là ghi "
            f"chú, hãy đặt tiêu đề cho cột {column} (ví dụ \"Ghi chú\") hoặc xóa ô; nếu các giá trị của dòng bị lệch "
            "sang phải (thừa dấu phân cách hoặc thừa một ô), hãy sửa lại dòng.")


def duplicate(row_, header_, first, first_text, second, second_text):
    return (f"Dòng tiêu đề {row_} có hai cột cùng là \"{header_}\": cột {first} (\"{first_text}\") và cột {second} "
            f"(\"{second_text}\"). Không biết nên lấy giá trị ở cột nào, nên tệp chưa được đọc. Hãy xóa hoặc đổi tên "
            "một trong hai cột rồi tải lên lại.")


def foreign(line, characters, sample):
    return ("Tệp không phải UTF-8 nên được đọc thử theo bảng mã Windows-1258 (tệp \"CSV\" của Excel trên Windows "
            f"tiếng Việt), nhưng khi đó dòng {line} có ký tự không dùng trong tiếng Việt: {characters}. Dòng đọc "
            f"được: \"{sample}\". Tệp được lưu bằng bảng mã khác (ví dụ Latin-1, TCVN3, VNI) nên nếu ghi vào sẽ sai "
            f"chữ. {RESAVE}")


def formulas(cells):
    return (f"Ô {cells} có công thức chưa có giá trị — hãy mở tệp trong Excel và lưu lại (Excel sẽ tính các công "
            "thức), rồi tải lên lại. Tệp được tạo bằng phần mềm không tính công thức, nên các ô này sẽ bị đọc thành "
            "ô trống.")


def errors(cells):
    return (f"Ô {cells} có lỗi công thức nên không có giá trị để ghi. Hãy sửa công thức hoặc nhập giá trị đúng vào "
            "các ô này trong Excel, lưu lại rồi tải lên lại.")


ASCII_ENTERPRISES = ["Ma so thue", "Ten doanh nghiep", "Nganh kinh te", "Dia ban", "Quy mo", "Loai hinh so huu"]
TCVN3_TITLE = b"Qu\xb6n l\xfd ch\xcat l\xad\xeeng"  # "Quản lý chất lượng" in TCVN3 (ABC) bytes

CASES = [
    # (id, dataset, file name, content, expected): expected is the whole message of a refused file, or
    # ("row", row, column, value, message) for an error the file's rows carry.
    # 1. A guessed encoding that gives characters Vietnamese never uses.
    ("latin1-name", "enterprises", "dn.csv",
     csv_text([ASCII_ENTERPRISES, row("enterprises")]).encode("latin-1", errors="replace"),
     foreign(2, "Ḥ (U+1E24), ◌́ (U+0301)", "3100000023,Công ty Ḥa B́nh,C,450,nh?,ngoài Nhà n??c")),
    ("latin1-person", "participants", "hv.csv",
     csv_text([["Ma khoa", "Ma hoc vien", "Ho va ten", "Vai tro"], ["K1", "P1", "Lê Hòa Bình", "quan ly"]])
     .encode("latin-1"), foreign(2, "Ḥ (U+1E24), ◌́ (U+0301)", "K1,P1,Lê Ḥa B́nh,quan ly")),
    ("tcvn3-title", "courses", "kh.csv",
     b"Ma khoa,Loai khoa,Ten khoa,Ngay bat dau,Ngay ket thuc\r\nK2,khac," + TCVN3_TITLE + b",01/03/2024,05/03/2024\r\n",
     foreign(2, "¶ (U+00B6), U+00AD, î (U+00EE)", "K2,khac,Qu¶n lư chÊt lU+00ADîng,01/03/2024,05/03/2024")),
    ("escape-in-guessed-text", "cabs", "tc.csv",
     cp1258(csv_text([header("cabs"), row("cabs", **{"Tên tổ chức": "Trung tâm \x1b[31mđỏ"})])),
     foreign(2, "U+001B", "TC1,Trung tâm U+001B[31mđỏ,ISO/IEC 17025,01/01/2020")),
    ("utf8-with-one-bad-byte", "experts", "cg.csv",
     utf8([header("experts"), row("experts")]).replace(b"Hoa", b"Ho\xc0\xafa"),
     "Tệp được lưu dạng UTF-8 nhưng byte thứ 85 (dòng 2, giá trị C0) không phải là UTF-8 hợp lệ (tệp có thể bị "
     f"cắt dở hoặc ghép từ nhiều tệp), nên không đọc được. {RESAVE}"),
    ("utf8-cut-inside-a-letter", "certificates", "gcn.csv",
     cut_inside(utf8([header("certificates"), row("certificates"), ["G2", "Trung tâm Chứng nhận Phù hợp"]]), "ợ"),
     "Tệp được lưu dạng UTF-8 nhưng byte thứ 205 (dòng 3, giá trị E1 BB) không phải là UTF-8 hợp lệ (tệp có thể bị "
     f"cắt dở hoặc ghép từ nhiều tệp), nên không đọc được. {RESAVE}"),
    # 2. Two columns with the same header, after folding, in either language or by an alias.
    ("same-header-twice", "enterprises", "dn.csv",
     utf8([header("enterprises") + ["Tên doanh nghiệp"], row("enterprises", **{"Tên doanh nghiệp": ""}) + ["Công ty B"]]),
     duplicate(1, "Tên doanh nghiệp", "B", "Tên doanh nghiệp", "G", "Tên doanh nghiệp")),
    ("same-header-folded", "courses", "kh.csv", utf8([header("courses") + ["TEN KHOA"], row("courses") + ["Lean"]]),
     duplicate(1, "Tên khóa", "C", "Tên khóa", "F", "TEN KHOA")),
    ("same-header-by-alias", "participants", "hv.csv",
     utf8([header("participants") + ["Họ tên"], row("participants") + ["Lê Hoa"]]),
     duplicate(1, "Họ và tên", "C", "Họ và tên", "F", "Họ tên")),
    ("same-header-in-english", "cabs", "tc.csv", utf8([header("cabs") + ["Name"], row("cabs") + ["Lab"]]),
     duplicate(1, "Tên tổ chức", "B", "Tên tổ chức", "E", "Name")),
    ("same-header-in-excel-below-a-title", "pilots", "md.xlsx",
     xlsx({"MD": [["DANH SÁCH MÔ HÌNH ĐIỂM"], [], ["MST", *header("pilots")], [TAX[0], *row("pilots")]]}),
     duplicate(3, "Mã số thuế", "A", "MST", "C", "Mã số thuế")),
    ("same-header-semicolons", "support", "ht.csv",
     utf8([header("support") + ["Kinh phí"], row("support") + ["2.000"]], ";"),
     duplicate(1, "Kinh phí (đồng)", "F", "Kinh phí (đồng)", "G", "Kinh phí")),
    # 3. Values in columns without a header: beyond the last one, or under an empty header cell.
    ("note-beyond-the-header", "enterprises", "dn.csv", utf8([header("enterprises"), row("enterprises") + ["ghi chú"]]),
     headless("G2", "G", "ghi chú")),
    ("row-slid-right-by-a-comma", "experts", "cg.csv",
     ",".join(header("experts")).encode() + b"\r\nCG1,P1,Le Hoa,Vien NSCL,01/01/2020\r\n",
     headless("E2", "E", "01/01/2020")),
    ("row-slid-right-by-a-semicolon", "certificates", "gcn.csv",
     ";".join(header("certificates")).encode() + b"\r\nG1;QUACERT; chi nh\xc3\xa1nh;3100000016;ISO 9001;01/03/2024;"
     b"28/02/2027\r\n", headless("G2", "G", "28/02/2027")),
    ("note-far-right-in-excel", "certificates", "gcn.xlsx",
     xlsx({"GCN": [header("certificates"), row("certificates") + [None, None, "đã gửi bản sao"]]}),
     headless("I2", "I", "đã gửi bản sao")),
    ("value-under-an-empty-header", "courses", "kh.csv",
     utf8([header("courses")[:3] + [""] + header("courses")[3:], row("courses")[:3] + ["Lean"] + row("courses")[3:]]),
     headless("D2", "D", "Lean")),
    ("value-under-an-invisible-header", "pilots", "md.csv", utf8([header("pilots") + ["\u200b"], row("pilots") + ["5"]]),
     ("row", 2, "F", "5", "Ô F2 nằm ở cột F, cột có tiêu đề chỉ gồm ký tự ẩn (U+200B), nên giá trị này sẽ không được "
      "ghi. Hãy gõ lại tiêu đề cột F như trong mẫu nhập liệu, hoặc xóa cột nếu không cần.")),
    ("stray-cell-in-excel", "cabs", "tc.xlsx",
     minimal_xlsx(sheet_xml({**header_rows(header("cabs"), row("cabs")), 7: [("K7", "x")]})), headless("K7", "K", "x")),
    ("signature-beside-the-table", "support", "ht.xlsx",
     xlsx({"HT": [header("support"), row("support"), [], [None] * 7 + ["Người lập biểu"]]}),
     headless("H4", "H", "Người lập biểu")),
    # 4. Header problems that still fail once invisible characters are dropped.
    ("typo-header-with-zero-width-space", "participants", "hv.csv",
     utf8([["Mã khóa", "Mã học viên", "Họ và tênn\u200b", "Vai trò"], ["K1", "P1", "Lê Hoa", "quản lý"]]),
     ("row", 1, "Họ và tênn", "", "Tiêu đề cột C (\"Họ và tênn\") có ký tự ẩn (U+200B); đã bỏ các ký tự này nhưng tiêu "
      "đề vẫn không khớp với cột nào của mẫu nhập liệu. Hãy gõ lại tiêu đề như trong mẫu.")),
    ("row-limit-keeps-its-punctuation", "experts", "cg.csv",
     utf8([header("experts")] + [row("experts", **{"Số chứng chỉ": f"CG{i}"}) for i in range(1234)]),
     "Tệp có 1.234 dòng dữ liệu, vượt giới hạn 1.000 dòng một lần cập nhật. Hãy chia tệp thành nhiều phần."),
    ("size-limit-keeps-its-punctuation", "cabs", "tc.csv", utf8([header("cabs"), row("cabs")]) + b" " * (2 * MB),
     "Tệp nặng 2,0 MB, vượt giới hạn 1,5 MB một lần cập nhật. Hãy chia tệp thành nhiều phần."),
    # 5. Excel cells the reader would give as empty: formulas without a value, error values.
    ("formula-without-value", "courses", "kh.xlsx",
     openpyxl_book([header("courses"), row("courses", **{"Ngày kết thúc": None})], {"E2": "=D2+4"}), formulas("E2")),
    ("many-formulas-without-value", "support", "ht.xlsx",
     openpyxl_book([header("support")] + [row("support", **{"Mã hồ sơ hỗ trợ": f"H{i}", "Kinh phí (đồng)": None})
                                          for i in range(2, 10)], {f"F{i}": f"=1000*{i}" for i in range(2, 10)}),
     formulas("F2, F3, F4, F5, F6 và 3 ô khác")),
    ("formula-without-value-in-a-required-column", "enterprises", "dn.xlsx",
     openpyxl_book([header("enterprises"), row("enterprises")], {"B2": "=\"Công ty \"&\"Hòa Bình\""}), formulas("B2")),
    ("div-by-zero", "support", "ht.xlsx", raw_cells("support", {"F2": error_cell("F2", "#DIV/0!")}),
     errors("F2 (#DIV/0!)")),
    ("lookup-not-found", "certificates", "gcn.xlsx", raw_cells("certificates", {"B2": error_cell("B2", "#N/A")}),
     errors("B2 (#N/A)")),
    ("value-and-ref-errors", "cabs", "tc.xlsx",
     raw_cells("cabs", {"B2": error_cell("B2", "#VALUE!"), "D2": error_cell("D2", "#REF!")}),
     errors("B2 (#VALUE!), D2 (#REF!)")),
    ("error-without-formula", "experts", "cg.xlsx",
     raw_cells("experts", {"C2": '<c r="C2" t="e"><v>#NAME?</v></c>'}), errors("C2 (#NAME?)")),
    ("date-formula-error", "pilots", "md.xlsx", raw_cells("pilots", {"D2": error_cell("D2", "#VALUE!")}),
     errors("D2 (#VALUE!)")),
    ("generated-course-codes", "participants", "hv.xlsx",
     openpyxl_book([header("participants"), row("participants", **{"Mã khóa": None})], {"A2": "=\"K\"&1"}),
     formulas("A2")),
    ("hidden-sheet-is-not-read", "participants", "hv.xlsx", duplicate_dimension("participants"),
     ("row", 2, "Mã khóa", "", "Thiếu giá trị bắt buộc ở cột \"Mã khóa\". Hãy điền giá trị cho ô này.")),
    ("stray-cell-at-the-last-cell", "pilots", "md.xlsx",
     minimal_xlsx(sheet_xml({**header_rows(header("pilots"), row("pilots")), 1_048_576: [("XFD1048576", "x")]})),
     "Trang tính \"Sheet1\" có dữ liệu đến ô XFD1048576 (16.384 cột), vượt giới hạn 200 cột. Hãy xóa các ô thừa ở "
     "bên phải và phía dưới bảng (trong Excel, Ctrl+End cho biết ô cuối cùng được dùng), lưu lại rồi tải lên lại."),
]
CASE_LIMITS = {"row-limit-keeps-its-punctuation": Limits(max_rows=1000, archive_dir=""),
               "size-limit-keeps-its-punctuation": Limits(max_bytes=int(1.5 * MB), archive_dir="")}


def test_the_corpus_covers_every_dataset_with_distinct_cases():
    assert len(CASES) >= 30
    assert len({case[0] for case in CASES}) == len(CASES)
    assert {case[1] for case in CASES} == set(DATASETS)


@pytest.mark.parametrize("name", sorted(BASE))
def test_each_base_file_is_accepted_as_it_is(con_with_data, name):
    _, checked = check_file(con_with_data, DATASETS[name], "f.csv", utf8([header(name), row(name)]), limits=LIMITS,
                            today=TODAY)
    assert checked.problems == []


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_hostile_file_gets_its_exact_message_and_database_is_unchanged(con_with_data, case, tmp_path):
    _, name, file_name, data, expected = case
    con = con_with_data
    before = snapshot(con)
    limits = CASE_LIMITS.get(case[0], LIMITS)
    try:
        _, checked = check_file(con, DATASETS[name], file_name, data, None, limits, today=TODAY)
    except ReadError as exc:
        assert str(exc) == expected
    else:
        assert isinstance(expected, tuple), [p.message for p in checked.problems]
        _, row_, column, value, message = expected
        found = [(p.row, p.column, p.value, p.message) for p in checked.problems]
        assert (row_, column, value, message) in found, found
        with pytest.raises(CommitRefused):
            commit(con, checked, file_name, data, "tester", archive_dir=tmp_path)
    assert snapshot(con) == before
    assert not any(tmp_path.iterdir())


# --- Files that are right and must be accepted, read exactly --------------------------------------

GUESSED = ("Tệp không ghi rõ bảng mã và không phải UTF-8, nên được đọc theo bảng mã Windows-1258 (tệp \"CSV\" của "
           "Excel trên Windows tiếng Việt). Dòng {row} đọc được là: \"{sample}\". Nếu chữ tiếng Việt ở đây hiển thị "
           "sai, đừng ghi vào: hãy lưu lại tệp dạng \"CSV UTF-8 (Comma delimited)\" rồi tải lên lại.")


def test_a_real_cp1258_file_with_separate_tone_marks_is_accepted_and_the_guess_is_said(con_with_data, tmp_path):
    rows = [header("support"), row("support", **{"Giải pháp cụ thể": "Quản lý tinh gọn (Lean) – Thủy sản Nhật Lệ"})]
    data = cp1258(csv_text(rows, ";"))
    assert b"u\xd2" in data  # "ủ" written as u and a separate hook above, as Excel's CSV does
    raw, checked = check_file(con_with_data, DATASETS["support"], "ht.csv", data, limits=LIMITS, today=TODAY)
    sample = "H1;3100000016;01/02/2025;khác;Quản lý tinh gọn (Lean) – Thủy sản Nhật Lệ;1.000"
    assert raw.encoding == "Windows-1258" and raw.guessed.value == sample
    assert [(p.row, p.column, p.value, p.message, p.severity) for p in checked.problems] == [
        (2, "", sample, GUESSED.format(row=2, sample=sample), "warning")]
    commit(con_with_data, checked, "ht.csv", data, "tester", archive_dir=tmp_path)
    assert con_with_data.execute("SELECT detail FROM support_records").fetchall() == [
        ("Quản lý tinh gọn (Lean) – Thủy sản Nhật Lệ",)]


def test_the_sample_is_the_first_data_row_beyond_ascii_and_the_header_when_none_is():
    rows = [header("cabs"), row("cabs", **{"Tên tổ chức": "Lab A"}), row("cabs", **{"Mã tổ chức": "TC2"})]
    raw = read_table("tc.csv", cp1258(csv_text(rows)), DATASETS["cabs"])
    assert (raw.guessed.row, raw.guessed.value) == (3, "TC2,Trung tâm Kỹ thuật,ISO/IEC 17025,01/01/2020")
    ascii_rows = [header("cabs"), ["TC1", "Lab A", "ISO/IEC 17025", "01/01/2020"]]
    raw = read_table("tc.csv", cp1258(csv_text(ascii_rows)), DATASETS["cabs"])
    assert (raw.guessed.row, raw.guessed.value) == (1, ",".join(header("cabs")))


@pytest.mark.parametrize("encode", [lambda s: s.encode("utf-8"), lambda s: s.encode("utf-8-sig"),
                                    lambda s: s.encode("utf-16")], ids=["utf-8", "bom", "utf-16"])
def test_a_file_that_says_its_encoding_has_no_guess(encode):
    raw = read_table("dn.csv", encode(csv_text([header("enterprises"), row("enterprises")])), DATASETS["enterprises"])
    assert raw.guessed is None and raw.notices == []


@pytest.mark.parametrize("dirty", [
    "\ufeffMã số thuế",             # a second byte-order mark after the first
    "Mã số\u200b thuế",             # a zero-width space
    "Mã\u00a0số\u00a0thuế\u00a0",   # no-break spaces
    "Mã số thu\u00adế",             # a soft hyphen
    "\u200eMã số thuế\u2060",       # a direction mark and a word joiner
], ids=["double-bom", "zero-width-space", "nbsp", "soft-hyphen", "direction-mark"])
def test_invisible_characters_in_a_header_are_dropped(con_with_data, dirty):
    data = b"\xef\xbb\xbf" + utf8([[dirty] + header("enterprises")[1:], row("enterprises")])
    raw, checked = check_file(con_with_data, DATASETS["enterprises"], "dn.csv", data, limits=LIMITS, today=TODAY)
    assert raw.headers["tax_code"] in ("Mã số thuế", "Mã\u00a0số\u00a0thuế")
    assert raw.frame["tax_code"].tolist() == [TAX[1]] and checked.problems == []


def test_the_first_visible_sheet_is_read_and_listed_and_a_hidden_one_only_by_name():
    from nscl.ingest.reading import excel_sheets

    data = duplicate_dimension("experts")
    assert excel_sheets(data) == ["Mới"]
    assert read_table("cg.xlsx", data, DATASETS["experts"]).sheet == "Mới"
    hidden = read_table("cg.xlsx", data, DATASETS["experts"], sheet="Cũ")
    assert hidden.sheet == "Cũ" and hidden.frame["certificate_no"].tolist() == ["CG1"]


def test_a_hidden_sheet_with_a_stray_far_cell_does_not_stop_the_visible_one():
    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title, hidden.sheet_state = "Danh mục", "hidden"
    hidden["A1"], hidden["XFD1048576"] = "mã", "x"
    visible = book.create_sheet("GCN")
    for r in (header("certificates"), row("certificates")):
        visible.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    raw = read_table("gcn.xlsx", buffer.getvalue(), DATASETS["certificates"])
    assert raw.sheet == "GCN" and raw.frame["certificate_no"].tolist() == ["G1"]
    with pytest.raises(ReadError, match="Trang tính \"Danh mục\" khai báo vùng dữ liệu đến ô XFD1048576"):
        read_table("gcn.xlsx", buffer.getvalue(), DATASETS["certificates"], sheet="Danh mục")


def test_formulas_with_values_and_formulas_outside_the_table_are_accepted():
    book = openpyxl_book([["BÁO CÁO"], [], header("pilots") + ["Ghi chú"], row("pilots") + [None]],
                         {"A1": "=\"BÁO CÁO \"&YEAR(TODAY())", "F4": "=TODAY()"})
    raw = read_table("md.xlsx", book, DATASETS["pilots"])  # A1 is above the header, F4 in an ignored column
    assert raw.frame["id"].tolist() == ["M1"] and raw.unknown == ["Ghi chú"]
    calculated = raw_cells("support", {"F2": '<c r="F2"><f>500*2</f><v>1000</v></c>',
                                       "E2": '<c r="E2" t="str"><f>""</f><v></v></c>'})
    raw = read_table("ht.xlsx", calculated, DATASETS["support"])
    assert raw.frame[["detail", "funding_vnd"]].values.tolist() == [["", "1000"]]


def test_a_numbering_column_without_a_header_is_not_data_but_other_headless_values_are():
    rows = [[""] + header("experts"), ["1"] + row("experts"), ["2"] + row("experts", **{"Số chứng chỉ": "CG2"})]
    raw = read_table("cg.csv", utf8(rows), DATASETS["experts"])
    assert raw.notices == [] and raw.frame["certificate_no"].tolist() == ["CG1", "CG2"]
    rows[2][0] = "x"
    raw = read_table("cg.csv", utf8(rows), DATASETS["experts"])
    assert [(n.row, n.column, n.value) for n in raw.notices] == [(2, "A", "1"), (3, "A", "x")]


def test_a_far_cell_in_the_first_column_keeps_every_row_number():
    rows = {**header_rows(header("experts"), row("experts")), 1_048_576: [("A1048576", "CG9")]}
    raw = read_table("cg.xlsx", minimal_xlsx(sheet_xml(rows)), DATASETS["experts"])
    assert raw.rows == [2, 1_048_576] and raw.frame["certificate_no"].tolist() == ["CG1", "CG9"]


# --- The command line: what it prints is text, and its JSON is always valid -------------------------

def cli(*args, db):
    return subprocess.run([sys.executable, "-m", "nscl", *args], cwd=ROOT, capture_output=True, text=True,
                          env={"NSCL_DB": str(db), "NSCL_ARCHIVE": str(db.parent / "archive"), "PATH": "/usr/bin"})


HOSTILE = "\x1b[2J\x1b]0;owned\x07\x9b31m\u202e"


def test_cli_escapes_control_characters_of_a_rejected_value_in_text_and_json(tmp_path):
    f = tmp_path / "dn.csv"
    f.write_bytes(utf8([header("enterprises"), row("enterprises", **{"Mã số thuế": "31" + HOSTILE})]))
    done = cli("import", "--dataset", "enterprises", str(f), "--dry-run", db=tmp_path / "x.duckdb")
    assert done.returncode == 1
    out = done.stdout + done.stderr
    assert not any(ch in out for ch in "\x1b\x07\x9b\u202e")
    # The direction override is an invisible character: removed from the value (and the removal
    # listed among the normalised values, as a code point).
    assert "giá trị \"31\\x1b[2J\\x1b]0;owned\\x07\\x9b31m\"" in done.stdout
    assert "<U+202E>" in done.stdout
    done = cli("import", "--dataset", "enterprises", str(f), "--json", db=tmp_path / "x.duckdb")
    assert not any(ch in done.stdout for ch in "\x1b\x07\x9b\u202e")
    assert "\\u009b31m" in done.stdout
    assert json.loads(done.stdout)[0]["value"] == "31" + HOSTILE.replace("\u202e", "")  # escaped, same value


def test_cli_escapes_a_refused_file_message_that_quotes_the_file(tmp_path):
    f = tmp_path / "dn.xlsx"  # XML allows C1 controls and direction overrides in a sheet's name
    f.write_bytes(minimal_xlsx(sheet_xml(header_rows(header("enterprises"), row("enterprises")), "A1:XFD1048576"),
                               name="DN\x9b2J\u202e"))
    done = cli("import", "--dataset", "enterprises", str(f), db=tmp_path / "x.duckdb")
    assert done.returncode == 1 and not any(ch in done.stderr for ch in "\x9b\u202e")
    assert done.stderr.startswith("Trang tính \"DN\\x9b2J\\u202e\" khai báo vùng dữ liệu đến ô XFD1048576")
    done = cli("import", "--dataset", "enterprises", str(f), "--json", db=tmp_path / "x.duckdb")
    assert not any(ch in done.stdout for ch in "\x9b\u202e")
    assert json.loads(done.stdout)[0]["message"].startswith("Trang tính \"DN\x9b2J\u202e\" khai báo")


def test_cli_says_a_guessed_encoding_and_a_value_outside_the_header(tmp_path):
    f = tmp_path / "dn.csv"
    f.write_bytes(cp1258(csv_text([header("enterprises"), row("enterprises") + ["ghi chú"]])))
    done = cli("import", "--dataset", "enterprises", str(f), "--dry-run", db=tmp_path / "x.duckdb")
    sample = "3100000023,Công ty Hòa Bình,C,450,nhỏ,ngoài Nhà nước,ghi chú"
    lines = done.stdout.splitlines()
    assert lines[0] == "Cảnh báo dòng 2: " + GUESSED.format(row=2, sample=sample)
    assert lines[1].startswith("LỖI dòng 2, cột \"G\" (giá trị \"ghi chú\"): Ô G2 nằm ở cột G, cột không có tiêu đề")
    assert done.returncode == 1


def test_cli_json_stays_valid_with_a_stray_cell_at_the_last_cell_of_the_sheet(tmp_path):
    f = tmp_path / "md.xlsx"
    f.write_bytes(minimal_xlsx(sheet_xml({**header_rows(header("pilots"), row("pilots")),
                                         1_048_576: [("XFD1048576", "x")]})))
    done = cli("import", "--dataset", "pilots", str(f), "--json", db=tmp_path / "x.duckdb")
    assert done.returncode == 1 and json.loads(done.stdout) == [{
        "row": None, "column": None, "value": None,
        "message": "Trang tính \"Sheet1\" có dữ liệu đến ô XFD1048576 (16.384 cột), vượt giới hạn 200 cột. Hãy xóa "
                   "các ô thừa ở bên phải và phía dưới bảng (trong Excel, Ctrl+End cho biết ô cuối cùng được dùng), lưu "
                   "lại rồi tải lên lại."}]


def test_the_child_reports_formula_and_error_cells_with_their_references():
    data = raw_cells("cabs", {"B2": error_cell("B2", "#N/A"), "D2": '<c r="D2" s="1"><f>A1</f></c>'})
    rows, name, cells = sandbox.excel_read(data, None, LIMITS)
    assert name == "Sheet1" and rows[1][1] == "" and cells == [["B2", "error", "#N/A"], ["D2", "formula", ""]]


# --- The upload page ---------------------------------------------------------------------------------

def test_upload_page_says_the_guessed_encoding_with_the_sample_as_plain_text(tmp_path, monkeypatch, plan):
    from nscl.auth import add_user
    from nscl.connect import open_database
    from tests.apptest import open_page

    open_database(str(tmp_path / "up.duckdb"), plan).close()
    add_user("lan", "mat-khau-dai-1", "Nguyễn Thị Lan", path=tmp_path / "users.toml")
    for name, value in {"NSCL_DB": tmp_path / "up.duckdb", "NSCL_USERS": tmp_path / "users.toml",
                        "NSCL_ARCHIVE": tmp_path / "archive"}.items():
        monkeypatch.setenv(name, str(value))
    at = open_page("pages/upload.py", as_of="2026-11-26")
    at.text_input[0].input("lan")
    at.text_input[1].input("mat-khau-dai-1")
    at.button[0].click().run()
    at.selectbox(key="upload_dataset").set_value("cabs").run()
    name = "[Bấm vào đây](https://x.example) Hòa"
    data = cp1258(csv_text([header("cabs"), row("cabs", **{"Tên tổ chức": name})]))
    at.get("file_uploader")[0].set_value(("tc.csv", data, "text/csv"))
    at.run()
    assert not at.exception and [e.value for e in at.error] == []
    assert [w.value for w in at.warning] == [
        "Tệp không ghi rõ bảng mã và không phải UTF-8, nên được đọc theo bảng mã Windows-1258 (tệp \"CSV\" của Excel "
        "trên Windows tiếng Việt). Dòng 2 đọc được như dưới đây; nếu chữ tiếng Việt hiển thị sai, đừng ghi vào: hãy "
        "lưu lại tệp dạng \"CSV UTF-8 (Comma delimited)\" rồi tải lên lại."]
    assert [c.value for c in at.code] == [f"TC1,{name},ISO/IEC 17025,01/01/2020"]
    assert not at.button(key="commit_all").disabled  # a warning: the user decides
