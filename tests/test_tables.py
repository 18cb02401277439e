"""Downloads a spreadsheet reads as numbers: the CSV (';' and ',' for Excel set to Vietnamese, ','
and '.' in English) and the XLSX hold numbers as numbers, negative ones too, shares in percent, no
"None"; the XLSX has a title, formats, a frozen header and filters; text that a spreadsheet would run
(even after a leading space) stays text, and text that would not is left as written. Every download
is read back: the CSV with the csv module and pandas, the XLSX with the Excel reader (openpyxl)."""
import csv
import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pandas as pd
import pytest

from nscl.datasets import DATASETS
from nscl.formula_guard import is_formula_like, neutralise
from nscl.i18n import t
from nscl.ingest.pipeline import check_file
from nscl.ingest.report import report_csv, report_xlsx
from nscl.spreadsheets import to_csv_bytes, to_xlsx_bytes
from tests.ingest_helpers import TAX, csv_text

HOSTILE = ["=1+1", " =1+1", "+cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\n=1", "\u00a0=1", " \t@x"]
INERT = ["-3", "-2,5", "+84", "-5,0%", "Công ty A-B", "a=1", "", "100"]


def frame() -> pd.DataFrame:
    out = pd.DataFrame({"Năm": [2024, 2025], "Số doanh nghiệp": [115, 130],
                        "Tăng so với năm trước": [0.13043478260869557, None],
                        "Ngày": [dt.date(2025, 3, 1), None], "Ghi chú": ["=HYPERLINK(\"http://x\",\"y\")", None]})
    out.attrs["percent"] = ["Tăng so với năm trước"]
    return out


def numbers() -> pd.DataFrame:
    """Negative numbers, shares, decimals, Decimals from the database, a missing whole number."""
    out = pd.DataFrame({"Năm": [2024, 2025, 2026], "Chênh lệch": [-3, 0, 12],
                        "Tăng": [-0.05, 0.25, -0.125], "Bình quân": [-2.5, 1234.75, 0.1],
                        "Tổng": [Decimal("-7.5"), Decimal("1000"), Decimal("0.25")],
                        "Số lượt": pd.array([1, None, -4], dtype="Int64")})
    out.attrs["percent"] = ["Tăng"]
    return out


def hostile() -> pd.DataFrame:
    return pd.DataFrame({"Văn bản": HOSTILE + INERT, "=cmd": range(len(HOSTILE + INERT))})


def test_the_guard_neutralises_only_text_a_spreadsheet_would_run():
    assert [neutralise(v) for v in HOSTILE] == ["'" + v for v in HOSTILE]
    assert [neutralise(v) for v in INERT] == INERT
    assert [neutralise(v) for v in (-3, -2.5, Decimal("-1"), None)] == [-3, -2.5, Decimal("-1"), None]
    assert is_formula_like(" =1+1") and not is_formula_like("-3")


def test_csv_in_vietnamese_reads_back_as_numbers_with_semicolons_and_decimal_commas():
    data = to_csv_bytes(numbers(), "vi")
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines() == ["Năm;Chênh lệch;Tăng (%);Bình quân;Tổng;Số lượt",
                                 "2024;-3;-5;-2,5;-7,5;1", "2025;0;25;1234,75;1000;", "2026;12;-12,5;0,1;0,25;-4"]
    assert "'" not in text  # no number made text
    back = pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")
    assert all(pd.api.types.is_numeric_dtype(back[c]) for c in back.columns)
    assert back["Chênh lệch"].tolist() == [-3, 0, 12] and back["Tăng (%)"].tolist() == [-5, 25, -12.5]
    assert back["Bình quân"].tolist() == [-2.5, 1234.75, 0.1] and back["Tổng"].tolist() == [-7.5, 1000, 0.25]
    assert back["Số lượt"].iloc[[0, 2]].tolist() == [1, -4] and pd.isna(back["Số lượt"].iloc[1])


def test_csv_in_english_reads_back_as_numbers_with_commas_and_decimal_points():
    data = to_csv_bytes(numbers(), "en")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1] == ["2024", "-3", "-5", "-2.5", "-7.5", "1"]
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["Tăng (%)"].tolist() == [-5, 25, -12.5] and back["Bình quân"].tolist() == [-2.5, 1234.75, 0.1]


def test_csv_dates_shares_and_missing_values():
    vi = to_csv_bytes(frame(), "vi").decode("utf-8-sig").splitlines()
    assert vi[0] == "Năm;Số doanh nghiệp;Tăng so với năm trước (%);Ngày;Ghi chú"
    assert vi[1] == "2024;115;13,04;01/03/2025;\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""  # the formula stays text
    assert vi[2] == "2025;130;;;" and "None" not in "".join(vi)
    en = to_csv_bytes(frame(), "en").decode("utf-8-sig").splitlines()
    assert en[1].startswith("2024,115,13.04,2025-03-01,")  # a day Excel reads alike in any regional order


@pytest.mark.parametrize("lang, sep", [("vi", ";"), ("en", ",")])
def test_csv_hostile_texts_are_inert_and_plain_texts_untouched(lang, sep):
    rows = list(csv.reader(io.StringIO(to_csv_bytes(hostile(), lang).decode("utf-8-sig"), newline=""), delimiter=sep))
    assert rows[0] == ["Văn bản", "'=cmd"]
    assert [r[0] for r in rows[1:]] == ["'" + v for v in HOSTILE] + INERT
    assert [r[1] for r in rows[1:]] == [str(i) for i in range(len(HOSTILE + INERT))]


def xlsx_rows(data: bytes, header: int = 1):
    ws = openpyxl.load_workbook(io.BytesIO(data)).active
    return ws, list(ws.iter_rows(min_row=header + 1))


def test_xlsx_numbers_are_numeric_cells_with_number_formats():
    ws, rows = xlsx_rows(to_xlsx_bytes(numbers(), lang="vi"))
    assert [c.value for c in ws[1]] == list(numbers().columns)  # the share's column keeps its name
    for row in rows:
        assert all(c.data_type == "n" for c in row)
    assert [[c.value for c in row] for row in rows] == [[2024, -3, -0.05, -2.5, -7.5, 1], [2025, 0, 0.25, 1234.75, 1000, None],
                                                        [2026, 12, -0.125, 0.1, 0.25, -4]]
    assert [c.number_format for c in rows[0]] == ["#,##0", "#,##0", "0.0%", "#,##0.0", "#,##0.0", "#,##0"]


def test_xlsx_hostile_texts_are_inert_strings_and_numbers_stay_numbers():
    ws, rows = xlsx_rows(to_xlsx_bytes(hostile(), lang="en", title=["=title", "Quảng Bình"]), header=4)
    assert ws["A1"].value == "'=title" and ws["A2"].value == "Quảng Bình"
    assert [c.value for c in ws[4]] == ["Văn bản", "'=cmd"]
    assert all(row[0].data_type == "s" for row in rows if row[0].value is not None)
    shown = [None if row[0].value is None else row[0].value.replace("_x000D_", "\r") for row in rows]  # XML's CR
    assert shown == ["'" + v for v in HOSTILE] + INERT[:-2] + [None, "100"]
    assert [(row[1].value, row[1].data_type) for row in rows][:2] == [(0, "n"), (1, "n")]


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


def test_the_import_problem_report_uses_the_same_guard(con):
    header = ["Mã số thuế", "Tên doanh nghiệp", "Ngành kinh tế", "Địa bàn", "Quy mô", "Loại hình sở hữu",
              "Ngày thành lập", "Số lao động"]
    data = csv_text([header, [TAX[0], "Công ty A", "C", "450", "nhỏ", "ngoài Nhà nước", "15/03/2012", "-2+3"],
                     [TAX[1], "Công ty B", "C", "450", "nhỏ", "ngoài Nhà nước", "15/03/2012", "-3"]]).encode()
    raw, checked = check_file(con, DATASETS["enterprises"], "dn.csv", data, today=dt.date(2026, 11, 26))
    values = {p.row: p.value for p in checked.errors if p.column == "Số lao động"}
    assert values == {2: "-2+3", 3: "-3"}
    listed = list(csv.reader(io.StringIO(report_csv(checked).decode("utf-8-sig")), delimiter=";"))
    assert {r[0]: r[2] for r in listed[1:] if r[1] == "Số lao động"} == {"2": "'-2+3", "3": "-3"}
    rows = openpyxl.load_workbook(io.BytesIO(report_xlsx(checked, raw)))[t("problem_sheet_rows")]
    cells = [c.value for c in rows["I"]][1:]
    assert cells == ["'-2+3", "-3"]
