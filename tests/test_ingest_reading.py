"""Reading files as staff have them: encodings, separators, Excel, title rows, STT, header names."""
import pytest

from nscl.datasets import DATASETS
from nscl.ingest.reading import ReadError, read_table
from tests.ingest_helpers import ENTERPRISE_HEADER, cp1258, csv_text, xlsx

ENT = DATASETS["enterprises"]
ROWS = [ENTERPRISE_HEADER, ["3100000016", "Công ty Thủy sản Nhật Lệ", "C", "huyện Lệ Thủy", "nhỏ", "ngoài Nhà nước"]]


@pytest.mark.parametrize("encode, encoding", [
    (lambda s: s.encode("utf-8"), "UTF-8"),
    (lambda s: s.encode("utf-8-sig"), "UTF-8 BOM"),
    (lambda s: s.encode("utf-16"), "UTF-16"),
    (cp1258, "Windows-1258"),
])
def test_each_encoding_reads_the_same_nfc_text(encode, encoding):
    raw = read_table("dn.csv", encode(csv_text(ROWS)), ENT)
    assert raw.encoding == encoding
    assert raw.frame["name"].tolist() == ["Công ty Thủy sản Nhật Lệ"]
    assert raw.frame["place_code"].tolist() == ["huyện Lệ Thủy"]
    import unicodedata
    assert unicodedata.is_normalized("NFC", raw.frame["name"].iloc[0])


@pytest.mark.parametrize("sep", [",", ";", "\t"])
def test_each_separator(sep):
    raw = read_table("dn.csv", csv_text(ROWS, sep).encode(), ENT)
    assert raw.separator == sep
    assert raw.frame["tax_code"].tolist() == ["3100000016"]


def test_title_rows_above_the_header_and_stt_column_in_excel():
    sheet = [["BÁO CÁO DOANH NGHIỆP NĂM 2025"], [], ["Kèm theo công văn số 12/SKHCN"], [],
             ["STT", *ENTERPRISE_HEADER], [1, *ROWS[1]], [2, "3100000023", "Công ty B", "F", "450", "vừa", "FDI"]]
    data = xlsx({"Ghi chú": [["không phải dữ liệu"]], "DN 2025": sheet}, text_columns=(1,))
    raw = read_table("dn.xlsx", data, ENT, sheet="DN 2025")
    assert raw.header_row == 5 and raw.rows == [6, 7]
    assert "tax_code" in raw.frame and "STT" not in raw.frame.columns
    assert raw.frame["tax_code"].tolist() == ["3100000016", "3100000023"]
    assert raw.sheet == "DN 2025" and raw.unknown == []


def test_excel_numbers_and_dates_become_text_the_validator_understands():
    import datetime as dt
    import io

    import xlsxwriter
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    sheet = book.add_worksheet()
    for j, h in enumerate(["Mã khóa", "Loại khóa", "Tên khóa", "Ngày bắt đầu", "Ngày kết thúc"]):
        sheet.write_string(0, j, h)
    sheet.write_number(1, 0, 12)
    sheet.write_string(1, 1, "chuyên sâu")
    sheet.write_string(1, 2, "Lean")
    sheet.write_datetime(1, 3, dt.datetime(2024, 5, 6), book.add_format({"num_format": "dd/mm/yyyy"}))
    sheet.write_number(1, 4, 45420)  # an Excel serial date: 7/5/2024
    book.close()
    raw = read_table("k.xlsx", buffer.getvalue(), DATASETS["courses"])
    assert raw.frame.iloc[0].tolist() == ["12", "chuyên sâu", "Lean", "2024-05-06", "45420"]


def test_headers_match_regardless_of_case_diacritics_spacing_and_language():
    header = ["MA SO THUE", "  tên   doanh nghiệp ", "Sector", "dia ban", "QUY MÔ", "Ownership", "Ghi chú"]
    raw = read_table("x.csv", csv_text([header, [*ROWS[1], "x"]]).encode(), ENT)
    assert set(raw.frame.columns) == {"tax_code", "name", "sector_code", "place_code", "size", "ownership"}
    assert raw.headers["name"] == "tên   doanh nghiệp"
    assert raw.unknown == ["Ghi chú"] and raw.missing == []


def test_missing_required_columns_are_named():
    raw = read_table("x.csv", csv_text([["Mã số thuế", "Tên doanh nghiệp"], ["3100000016", "A"]]).encode(), ENT)
    assert raw.missing == ["sector_code", "place_code", "size", "ownership"]


@pytest.mark.parametrize("data, message", [
    (b"", "Tệp trống"),
    (b"\r\n\r\n;;;\r\n", "Tệp trống"),
    ("Mã số thuế,Tên doanh nghiệp\r\n".encode(), "chỉ có dòng tiêu đề"),
    (b"\x00\x01\x02binary\x00", "không phải là tệp văn bản CSV"),
    (b"a,b\r\nc,d\r\n", "Không tìm thấy dòng tiêu đề"),
])
def test_unreadable_files_get_a_clear_message(data, message):
    with pytest.raises(ReadError, match=message):
        read_table("x.csv", data, ENT)
