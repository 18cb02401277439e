"""Downloads a person can use: shares as percentages, dates as dd/mm/yyyy, no "None", a CSV that
Excel set to Vietnamese opens in columns, an XLSX with a title, formats, a frozen header and
filters; text that a spreadsheet would run stays text."""
import datetime as dt
import io

import openpyxl
import pandas as pd

from nscl.present.tables import readable, to_csv_bytes, to_xlsx_bytes


def frame() -> pd.DataFrame:
    out = pd.DataFrame({"Năm": [2024, 2025], "Số doanh nghiệp": [115, 130],
                        "Tăng so với năm trước": [0.13043478260869557, None],
                        "Ngày": [dt.date(2025, 3, 1), None], "Ghi chú": ["=HYPERLINK(\"http://x\",\"y\")", None]})
    out.attrs["percent"] = ["Tăng so với năm trước"]
    return out


def test_values_read_as_a_person_reads_them():
    vi, en = readable(frame(), "vi"), readable(frame(), "en")
    assert vi["Tăng so với năm trước"].tolist() == ["13,0%", ""]
    assert en["Tăng so với năm trước"].tolist() == ["13.0%", ""]
    assert vi["Ngày"].tolist() == ["01/03/2025", ""]
    assert vi["Ghi chú"].tolist()[1] == "" and "None" not in vi.to_csv()


def test_csv_in_vietnamese_uses_semicolons_and_in_english_commas():
    vi = to_csv_bytes(frame(), "vi")
    assert vi.startswith(b"\xef\xbb\xbf")
    lines = vi.decode("utf-8-sig").splitlines()
    assert lines[0] == "Năm;Số doanh nghiệp;Tăng so với năm trước;Ngày;Ghi chú"
    assert lines[1].startswith("2024;115;13,0%;01/03/2025;\"'=HYPERLINK")  # the formula stays text
    assert to_csv_bytes(frame(), "en").decode("utf-8-sig").splitlines()[1].startswith("2024,115,13.0%,01/03/2025,")


def test_xlsx_has_a_title_a_frozen_filtered_header_and_number_formats():
    title = ["Số doanh nghiệp được hỗ trợ", "Quảng Bình · Kế hoạch 676/KH-UBND", "Kỳ xem: 2021-2025"]
    book = openpyxl.load_workbook(io.BytesIO(to_xlsx_bytes(frame(), lang="vi", title=title)))
    ws = book.active
    assert [ws.cell(row=i, column=1).value for i in (1, 2, 3)] == title and ws["A1"].font.bold
    header = 5  # the title, a blank line, then the header
    assert [c.value for c in ws[header]] == list(frame().columns) and ws.cell(row=header, column=1).font.bold
    assert ws.freeze_panes == f"A{header + 1}"
    assert ws.auto_filter.ref == f"A{header}:E{header + 2}"
    assert abs(ws.cell(row=header + 1, column=3).value - 0.1304347826) < 1e-9  # a number, shown as a share
    assert ws.cell(row=header + 1, column=3).number_format == "0.0%"
    assert ws.cell(row=header + 1, column=4).number_format == "dd/mm/yyyy"
    assert ws.cell(row=header + 1, column=2).number_format == "#,##0"
    assert ws.cell(row=header + 1, column=5).value.startswith("'=")  # never a live formula
