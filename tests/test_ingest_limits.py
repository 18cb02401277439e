"""Documented limits: their values, environment variables and Vietnamese messages, and CSV files that
are refused by a cheap check before the expensive parsing, or accepted when the excess is empty."""
import pytest

from nscl.datasets import DATASETS
from nscl.ingest.limits import MB, Limits, vi_number
from nscl.ingest.pipeline import check_file
from nscl.ingest.reading import ReadError, read_table
from tests.hostile_files import assert_refused
from tests.ingest_helpers import ENTERPRISE_HEADER as EH
from tests.ingest_helpers import TAX, csv_text, xlsx

ENT = DATASETS["enterprises"]
ROW = [TAX[0], "Công ty A", "C", "450", "nhỏ", "ngoài Nhà nước"]


def test_defaults_are_the_documented_values():
    limits = Limits()
    assert (limits.max_bytes, limits.max_rows, limits.max_line) == (100 * MB, 1_000_000, 1_000_000)
    assert (limits.max_line_bytes, limits.max_columns, limits.max_cells) == (MB, 200, 20_000_000)
    assert (limits.max_unzipped_bytes, limits.max_zip_ratio, limits.max_zip_members) == (200 * MB, 100, 10_000)
    assert (limits.read_memory_bytes, limits.read_seconds) == (1536 * MB, 30)


def test_environment_variables_old_and_new(monkeypatch):
    for name, value in {"NSCL_MAX_UPLOAD_MB": "2.5", "NSCL_MAX_ROWS": "10", "NSCL_MAX_CELL_CHARS": "99",
                        "NSCL_ARCHIVE": "/tmp/a", "NSCL_MAX_LINE_KB": "64", "NSCL_MAX_COLUMNS": "30",
                        "NSCL_MAX_CELLS": "5000", "NSCL_MAX_UNZIPPED_MB": "50", "NSCL_MAX_ZIP_RATIO": "40",
                        "NSCL_MAX_ZIP_MEMBERS": "500", "NSCL_READ_MEMORY_MB": "512",
                        "NSCL_READ_SECONDS": "7.5"}.items():
        monkeypatch.setenv(name, value)
    assert Limits.from_settings() == Limits(
        max_bytes=int(2.5 * MB), max_rows=10, max_line=99, archive_dir="/tmp/a", max_line_bytes=64 * 1024,
        max_columns=30, max_cells=5000, max_unzipped_bytes=50 * MB, max_zip_ratio=40, max_zip_members=500,
        read_memory_bytes=512 * MB, read_seconds=7.5)


@pytest.mark.parametrize("value, decimals, text", [
    (0, 0, "0"), (999, 0, "999"), (1000, 0, "1.000"), (1_234_567, 0, "1.234.567"), (100, 1, "100,0"),
    (1234.5, 1, "1.234,5"), (0.25, 2, "0,25"),
])
def test_vietnamese_number_format(value, decimals, text):
    assert vi_number(value, decimals) == text


def test_size_message_keeps_its_punctuation():
    assert Limits().too_big(100 * MB + 1).text() == ("Tệp nặng 100,0 MB, vượt giới hạn 100 MB một lần cập nhật. "
                                                     "Hãy chia tệp thành nhiều phần.")
    assert Limits(max_bytes=int(1.5 * MB)).too_big(int(1234.56 * MB)).text() == (
        "Tệp nặng 1.234,6 MB, vượt giới hạn 1,5 MB một lần cập nhật. Hãy chia tệp thành nhiều phần.")
    assert Limits(max_bytes=int(1.5 * MB)).too_big(int(1234.56 * MB)).text("en") == (
        "The file is 1,234.6 MB, over the limit of 1.5 MB per upload. Split the file into several parts.")


def test_row_limit_message_keeps_its_punctuation():
    with pytest.raises(ReadError) as caught:
        read_table("dn.csv", csv_text([EH, *[ROW] * 1234]).encode(), ENT, max_rows=1000)
    assert str(caught.value) == ("Tệp có 1.234 dòng dữ liệu, vượt giới hạn 1.000 dòng một lần cập nhật. "
                                 "Hãy chia tệp thành nhiều phần.")


CSV_CASES = [
    # (id, content, limits, expected message part)
    ("201-columns", csv_text([EH, ROW + ["x"] * 195]).encode(), Limits(archive_dir=""),
     "Dòng 2: có 201 cột (tách bằng dấu phẩy), vượt giới hạn 200 cột. Hãy xóa các cột thừa, hoặc kiểm tra dấu phân "
     "cách cột của tệp."),
    ("columns-in-the-header", csv_text([EH + [f"Cột {i}" for i in range(10)], ROW]).encode("utf-8-sig"),
     Limits(max_columns=12, archive_dir=""), "Dòng 1: có 16 cột"),
    ("semicolons", csv_text([EH, ["a"] * 300], ";").encode(), Limits(archive_dir=""),
     "Dòng 2: có 300 cột (tách bằng dấu chấm phẩy), vượt giới hạn 200 cột"),
    ("long-line", csv_text([EH, ROW, ["x" * 3000]]).encode(), Limits(max_line_bytes=2048, archive_dir=""),
     "Dòng 3 dài 2,9 KB, vượt giới hạn 2,0 KB một dòng."),
    ("cells", csv_text([EH, *[ROW] * 10]).encode(), Limits(max_cells=50, archive_dir=""),
     "Tệp có quá nhiều ô, vượt giới hạn 50 ô (số dòng × số cột) một lần cập nhật."),
    ("blank-line-flood", csv_text([EH, ROW]).encode() + b"\r\n" * 5000, Limits(max_cells=1000, archive_dir=""),
     "Tệp có 5.003 dòng, vượt giới hạn 1.000 dòng (kể cả dòng trống)."),
    ("long-cell", csv_text([EH, ROW[:1] + ["y" * 300] + ROW[2:]]).encode(), Limits(max_line=200, archive_dir=""),
     "Dòng 2: có ô dài quá 200 ký tự."),
]


@pytest.mark.parametrize("case", CSV_CASES, ids=[case[0] for case in CSV_CASES])
def test_csv_beyond_a_limit_is_refused_and_nothing_changes(con, case):
    _, data, limits, expected = case
    assert_refused(con, "dn.csv", data, expected, limits)


@pytest.mark.parametrize("case", [
    ("201-columns", xlsx({"DN": [EH, ROW + ["x"] * 195]}), Limits(archive_dir=""),
     "Trang tính \"DN\" khai báo vùng dữ liệu đến ô GS2 (201 cột), vượt giới hạn 200 cột."),
    ("cells", xlsx({"DN": [EH, *[ROW] * 10]}), Limits(max_cells=50, archive_dir=""),
     "(11 dòng × 6 cột = 66 ô), vượt giới hạn 50 ô"),
    ("long-cell", xlsx({"DN": [EH, ROW[:1] + ["y" * 300] + ROW[2:]]}), Limits(max_line=200, archive_dir=""),
     "Có ô dài 300 ký tự, vượt giới hạn 200 ký tự một ô."),
    ("unzipped", xlsx({"DN": [EH, *[ROW] * 2000]}), Limits(max_unzipped_bytes=MB // 10, archive_dir=""),
     "Tệp Excel khi giải nén nặng"),
], ids=lambda case: case[0])
def test_excel_beyond_a_limit_is_refused_and_nothing_changes(con, case):
    _, data, limits, expected = case
    assert_refused(con, "dn.xlsx", data, expected, limits)


def test_empty_columns_past_the_limit_are_harmless(con):
    # Excel's CSV export writes every column of the sheet's used range, empty or not.
    data = csv_text([EH + [""] * 400, ROW + [""] * 400]).encode()
    raw, checked = check_file(con, ENT, "dn.csv", data, limits=Limits(archive_dir=""))
    assert raw.frame.iloc[0].tolist() == ROW and not checked.errors


def test_files_within_the_limits_read_as_before(con):
    csv_raw = read_table("dn.csv", csv_text([EH, ROW]).encode("utf-8-sig"), ENT)
    xlsx_raw = read_table("dn.xlsx", xlsx({"DN": [EH, ROW]}), ENT)
    assert csv_raw.frame.to_dict("records") == xlsx_raw.frame.to_dict("records") == [dict(zip(
        ["tax_code", "name", "sector_code", "place_code", "size", "ownership"], ROW))]
    assert (csv_raw.rows, xlsx_raw.rows, xlsx_raw.sheet, xlsx_raw.encoding) == ([2], [2], "DN", "Excel")


def test_a_files_cell_limit_does_not_change_other_csv_readers_in_the_process(con):
    # The app serves many sessions from threads of one process: an upload's cell limit (here 200
    # characters, a 2 MB one in production) must not become the limit of every other csv reader
    # (catalogues, plans, another upload with its own limits).
    import csv
    import io

    before = csv.field_size_limit()
    data = csv_text([EH, ROW[:1] + ["y" * 300] + ROW[2:]]).encode()
    assert_refused(con, "dn.csv", data, "Dòng 2: có ô dài quá 200 ký tự.", Limits(max_line=200, archive_dir=""))
    assert csv.field_size_limit() == before
    assert list(csv.reader(io.StringIO("a," + "z" * 1000))) == [["a", "z" * 1000]]
    # ... and a file with a larger limit reads its long cell while the process's limit stays as it was.
    long_cell = "y" * (before + 10)
    raw = read_table("dn.csv", csv_text([EH, ROW[:1] + [long_cell] + ROW[2:]]).encode(), ENT,
                     limits=Limits(max_line=before + 100, max_line_bytes=2 * MB, archive_dir=""))
    assert raw.frame.at[0, "name"] == long_cell and csv.field_size_limit() == before
