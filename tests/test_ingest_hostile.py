"""Hostile files (issue 11, first parts): none may take the process down, crash or hang. Each gets a
clear Vietnamese message and leaves the database unchanged, and this process reads the next file."""
import io
import subprocess
import sys
import time

import pytest
from python_calamine import CalamineWorkbook

from nscl.datasets import DATASETS
from nscl.ingest import sandbox
from nscl.ingest.limits import MB, Limits
from nscl.ingest.reading import ReadError, _cell_text, excel_sheets, read_table
from nscl.settings import ROOT
from tests import sandbox_readers
from tests.conftest import insert
from tests.hostile_files import Repeat, assert_refused, header_rows, minimal_xlsx, ole2_workbook, sheet_xml, xls_stream
from tests.ingest_helpers import ENTERPRISE_HEADER as EH
from tests.ingest_helpers import TAX, csv_text, xlsx

ENT = DATASETS["enterprises"]
ROW = [TAX[0], "Công ty A", "C", "450", "nhỏ", "ngoài Nhà nước"]
SST = b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
DIED = "Tệp Excel bị hỏng hoặc quá lớn, không đọc được"
OUT_OF_MEMORY = "Tệp Excel bị hỏng hoặc quá lớn, không đọc được: việc đọc tệp cần hơn"
TRUNCATED = "Tệp Excel bị hỏng hoặc không đầy đủ"
NORMAL = xlsx({"DN": [EH, ROW]})


def stray_cell(dimension: str | None) -> bytes:
    """A normal enterprise sheet and one stray cell at Excel's last cell, XFD1048576."""
    rows = header_rows(EH, ROW)
    rows[1_048_576] = [("XFD1048576", "x")]
    return minimal_xlsx(sheet_xml(rows, dimension))


def far_row_without_references(columns: int) -> bytes:
    """Cells without r="..." references (allowed by the format): only the reader knows how far the
    sheet reaches, here `columns` wide and 1,048,576 rows deep."""
    first = "".join('<c t="inlineStr"><is><t>x</t></is></c>' for _ in range(columns))
    return minimal_xlsx('<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                        f'main"><sheetData><row r="1">{first}</row><row r="1048576"><c t="inlineStr"><is><t>x</t>'
                        "</is></c></row></sheetData></worksheet>")


def shared_strings_bomb(declared: int | None) -> bytes:
    """Shared strings that expand far beyond the file: honestly 23 MB (60 KB zipped), or declared
    at `declared` bytes in the zip's directory while the file stays a few KB."""
    if declared is None:
        strings = Repeat(SST, b"<si><t>AAAAAAAA</t></si>" * 1000, 1000, b"</sst>")
        return minimal_xlsx(sheet_xml(header_rows(EH, ROW)), strings)
    return minimal_xlsx(sheet_xml(header_rows(EH, ROW)), SST + b"</sst>", {"xl/sharedStrings.xml": declared})


def bom_csv(bad: bytes) -> bytes:
    return b"\xef\xbb\xbf" + csv_text([EH]).encode() + TAX[0].encode() + b",C\xc3\xb4ng ty " + bad + b",C,450,x,y\r\n"


CASES = [
    # (id, file name, content, limits, reader, expected message part)
    ("stray-cell-declared", "dn.xlsx", lambda: stray_cell("A1:XFD1048576"), None, None,
     "Trang tính \"Sheet1\" khai báo vùng dữ liệu đến ô XFD1048576 (16.384 cột), vượt giới hạn 200 cột. Hãy xóa các "
     "ô thừa ở bên phải và phía dưới bảng (trong Excel, Ctrl+End cho biết ô cuối cùng được dùng)"),
    ("stray-cell-undeclared", "dn.xlsx", lambda: stray_cell(None), None, None,
     "Trang tính \"Sheet1\" có dữ liệu đến ô XFD1048576 (16.384 cột), vượt giới hạn 200 cột."),
    ("stray-cell-behind-a-lying-dimension", "dn.xlsx", lambda: stray_cell("A1:F2"), None, None, OUT_OF_MEMORY),
    ("far-cells-without-references", "dn.xlsx", lambda: far_row_without_references(300), None, None, OUT_OF_MEMORY),
    ("column-201", "dn.xlsx", lambda: minimal_xlsx(sheet_xml({**header_rows(EH, ROW), 3: [("GS3", "x")]})), None,
     None, "có dữ liệu đến ô GS3 (201 cột), vượt giới hạn 200 cột"),
    ("declared-cells", "dn.xlsx", lambda: minimal_xlsx(sheet_xml(header_rows(EH, ROW), "A1:GR1048576")), None, None,
     "(1.048.576 dòng × 200 cột = 209.715.200 ô), vượt giới hạn 20.000.000 ô"),
    ("real-cells", "dn.xlsx", lambda: minimal_xlsx(sheet_xml({**header_rows(EH, ROW), 5000: [("A5000", "x")]})),
     Limits(max_cells=1000, archive_dir=""), None, "có dữ liệu đến ô F5000 (5.000 dòng × 6 cột = 30.000 ô), vượt "
     "giới hạn 1.000 ô"),
    ("shared-strings-declared-3-GB", "dn.xlsx", lambda: shared_strings_bomb(3_000_000_000), None, None,
     "Tệp Excel khi giải nén nặng 2.861 MB, vượt giới hạn 200 MB."),
    ("shared-strings-ratio-400", "dn.xlsx", lambda: shared_strings_bomb(None), None, None,
     "Tệp Excel có phần \"xl/sharedStrings.xml\" nén bất thường: giải nén ra 23 MB, gấp 412 lần (giới hạn 100 lần)"),
    ("truncated-xls", "dn.xls", lambda: ole2_workbook(xls_stream())[:1112], None, None, TRUNCATED),
    ("xls-header-only", "dn.xls", lambda: ole2_workbook(xls_stream())[:400], None, None,
     "Không mở được tệp Excel: tệp bị hỏng hoặc không phải Excel."),
    ("child-aborts", "dn.xlsx", lambda: NORMAL, None, sandbox_readers.aborts, DIED),
    ("child-killed", "dn.xlsx", lambda: NORMAL, None, sandbox_readers.killed, DIED),
    ("child-exits-without-a-word", "dn.xlsx", lambda: NORMAL, None, sandbox_readers.exits_silently, DIED),
    ("child-panics", "dn.xlsx", lambda: NORMAL, None, sandbox_readers.panics, TRUNCATED),
    ("child-out-of-memory", "dn.xlsx", lambda: NORMAL, Limits(read_memory_bytes=256 * MB, archive_dir=""),
     sandbox_readers.allocates, OUT_OF_MEMORY + " 256 MB bộ nhớ"),
    ("child-hangs", "dn.xlsx", lambda: NORMAL, Limits(read_seconds=1, archive_dir=""), sandbox_readers.hangs,
     "Tệp Excel bị hỏng hoặc quá lớn, không đọc được trong 1 giây."),
    ("bom-then-overlong-c0-af", "dn.csv", lambda: bom_csv(b"\xc0\xaf"), None, None,
     "Tệp ghi là UTF-8 (có dấu BOM ở đầu tệp) nhưng byte thứ 122 (dòng 2, giá trị C0) không phải là UTF-8 hợp lệ, "
     "nên không đọc được. Hãy mở tệp bằng Excel và lưu lại với kiểu \"CSV UTF-8 (Comma delimited) (*.csv)\""),
    ("bom-then-surrogate-ed-a0-80", "dn.csv", lambda: bom_csv(b"\xed\xa0\x80"), None, None,
     "byte thứ 122 (dòng 2, giá trị ED) không phải là UTF-8 hợp lệ"),
    ("line-of-100000-fields", "dn.csv", lambda: csv_text([EH, ["a"] * 100_000]).encode(), None, None,
     "Dòng 2: có 100.000 cột (tách bằng dấu phẩy), vượt giới hạn 200 cột."),
    ("line-of-2500000-fields", "dn.csv", lambda: csv_text([EH, ["a"] * 2_500_000]).encode(), None, None,
     "Dòng 2 dài 4.883 KB, vượt giới hạn 1.024 KB một dòng."),
]


@pytest.fixture
def con_with_data(con):
    insert(con, "enterprises", [dict(tax_code=TAX[1], name="Công ty B", sector_code="G", place_code="452",
                                     size="micro", ownership="non_state")])
    return con


@pytest.mark.parametrize("case", CASES, ids=[case[0] for case in CASES])
def test_hostile_file_is_refused_with_its_message_and_nothing_changes(con_with_data, case):
    _, file_name, build, limits, reader, expected = case
    assert_refused(con_with_data, file_name, build(), expected, limits, reader)
    # Still alive, and still reading: the next ordinary workbook goes through.
    assert read_table("dn.xlsx", NORMAL, ENT).frame["tax_code"].tolist() == [TAX[0]]


def test_a_hanging_child_is_killed_at_the_time_limit():
    started = time.perf_counter()
    with pytest.raises(ReadError, match="trong 1 giây"):
        read_table("dn.xlsx", NORMAL, ENT, limits=Limits(read_seconds=1), excel_reader=sandbox_readers.hangs)
    assert time.perf_counter() - started < 20


def test_zip_limits_are_checked_before_any_child_starts(monkeypatch):
    def no_child(*args, **kwargs):
        raise AssertionError("a child process was started")

    monkeypatch.setattr(sandbox, "run_child", no_child)
    for data, message in ((shared_strings_bomb(3_000_000_000), "khi giải nén nặng"),
                          (shared_strings_bomb(None), "nén bất thường"),
                          (stray_cell("A1:XFD1048576"), "khai báo vùng dữ liệu")):
        with pytest.raises(ReadError, match=message):
            read_table("dn.xlsx", data, ENT)
    with pytest.raises(ReadError, match="khi giải nén nặng"):
        excel_sheets(shared_strings_bomb(3_000_000_000))


def test_too_many_zip_members_are_refused_from_the_directory():
    from tests.hostile_files import zip_bytes

    data = zip_bytes([(f"x/{i}.xml", b"") for i in range(60)])
    with pytest.raises(ReadError, match="quá nhiều thành phần"):
        read_table("dn.xlsx", data, ENT, limits=Limits(max_zip_members=50))


def test_the_sheet_list_is_read_in_the_child_too():
    assert excel_sheets(stray_cell("A1:XFD1048576")) == ["Sheet1"]
    assert excel_sheets(xlsx({"Ghi chú": [["x"]], "DN": [EH, ROW]})) == ["Ghi chú", "DN"]
    with pytest.raises(ReadError, match=TRUNCATED):
        excel_sheets(ole2_workbook(xls_stream())[:1112])


def test_a_real_reader_in_the_child_returns_what_it_read():
    raw = read_table("dn.xlsx", NORMAL, ENT, excel_reader=sandbox_readers.well_behaved)
    assert raw.sheet == "Trang 1" and raw.frame.to_dict("records") == [{"tax_code": TAX[0], "name": "Công ty A"}]


def test_a_normal_workbook_reads_exactly_as_the_in_process_reader_did():
    import datetime as dt

    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet("DN 2025")
    sheet.write_string(0, 1, "BÁO CÁO")
    for j, header in enumerate(["STT", *EH, "Số lao động", "Ngày thành lập", "Ghi chú"]):
        sheet.write_string(3, 2 + j, header)
    sheet.write_number(4, 2, 1)
    for j, value in enumerate(ROW):
        sheet.write_string(4, 3 + j, value)
    sheet.write_number(4, 9, 12.5)
    sheet.write_datetime(4, 10, dt.datetime(2015, 2, 1), book.add_format({"num_format": "dd/mm/yyyy"}))
    sheet.write_boolean(4, 11, True)
    sheet.write_string(6, 4, "Công ty Ho\u0300a Bi\u0300nh")  # decomposed: read back as NFC
    sheet.write_datetime(6, 10, dt.datetime(2015, 2, 1, 8, 30), book.add_format({"num_format": "dd/mm/yyyy hh:mm"}))
    book.close()
    data = buffer.getvalue()
    grid = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name("DN 2025")
    before = [[_cell_text(v) for v in row] for row in grid.to_python(skip_empty_area=False)]
    rows, name = sandbox.excel_rows(data, None, Limits())
    assert (rows, name) == (before, "DN 2025")
    assert rows[6][4] == "Công ty Hòa Bình" and rows[4][10] == "2015-02-01" and rows[6][10] == "2015-02-01 08:30:00"
    raw = read_table("dn.xlsx", data, ENT)
    assert raw.header_row == 4 and raw.rows == [5, 7]


def test_cli_survives_a_workbook_that_makes_the_reader_abort(tmp_path):
    f = tmp_path / "dn.xlsx"
    f.write_bytes(stray_cell("A1:F2"))
    done = subprocess.run([sys.executable, "-m", "nscl", "import", "--dataset", "enterprises", str(f), "--dry-run"],
                          cwd=ROOT, capture_output=True, text=True,
                          env={"NSCL_DB": str(tmp_path / "cli.duckdb"), "PATH": "/usr/bin"})
    assert done.returncode == 1, done.stderr
    assert OUT_OF_MEMORY in done.stderr and "Traceback" not in done.stderr + done.stdout



def test_concurrent_reads_share_the_slots_and_all_finish():
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: sandbox.excel_rows(NORMAL, None, Limits())[0], range(4)))
    assert all(rows == [EH, ROW] for rows in results)
