"""Vietnamese number and date formats, and the translation table."""
import datetime as dt

import pandas as pd

from nscl.i18n import TEXT, fmt_count, fmt_date, fmt_duration, fmt_money, fmt_number, fmt_percent, t
from nscl.present.tables import cell_text, display_frame


def test_vietnamese_and_english_numbers():
    assert fmt_number(1234567) == "1.234.567"
    assert fmt_number(1234.5, decimals=1) == "1.234,5"
    assert fmt_number(1234.5, "en", 1) == "1,234.5"
    assert fmt_count(5.5) == "5,5" and fmt_count(6.0) == "6"
    assert fmt_percent(0.125) == "12,5%"
    assert fmt_percent(-0.051, signed=True) == "-5,1%"
    assert fmt_percent(None) == "–"


def test_number_boundaries_in_both_languages():
    assert (fmt_number(0), fmt_number(0, "en")) == ("0", "0")
    assert (fmt_number(-4500), fmt_number(-4500, "en")) == ("-4.500", "-4,500")
    assert (fmt_number(1e9), fmt_number(1e9, "en")) == ("1.000.000.000", "1,000,000,000")
    assert (fmt_number(999.95, decimals=1), fmt_number(999.95, "en", 1)) == ("1.000,0", "1,000.0")
    assert fmt_number(-0.04, decimals=1) == "0,0"  # never "-0,0"
    assert fmt_number(None) == fmt_number(float("nan")) == fmt_count(None) == "–"
    assert (fmt_count(-1234.5), fmt_count(-1234.5, "en")) == ("-1.234,5", "-1,234.5")


def test_percent_has_no_space_and_the_language_s_decimal_mark():
    assert (fmt_percent(0.0917), fmt_percent(0.0917, "en")) == ("9,2%", "9.2%")
    assert fmt_percent(0.092, signed=True) == "+9,2%"
    assert fmt_percent(0) == "0,0%" and fmt_percent(-0.00001, signed=True) == "0,0%"  # no "-0,0%"
    assert fmt_percent(12.5, decimals=0) == "1.250%"
    assert fmt_percent(float("nan"), signed=True) == "–"


def test_money_in_millions_or_billions_of_dong_with_the_unit():
    cases = {
        10_000_000_000: ("10 tỷ đồng", "10 billion VND"),
        1_000_000_000: ("1 tỷ đồng", "1 billion VND"),
        1_500_000_000: ("1,5 tỷ đồng", "1.5 billion VND"),
        1_234_500_000_000: ("1.234,5 tỷ đồng", "1,234.5 billion VND"),
        999_950_000: ("1 tỷ đồng", "1 billion VND"),  # 999,95 million rounds up to the next unit
        999_940_000: ("999,9 triệu đồng", "999.9 million VND"),
        250_000_000: ("250 triệu đồng", "250 million VND"),
        50_000_000: ("50 triệu đồng", "50 million VND"),
        1_000_000: ("1 triệu đồng", "1 million VND"),
        500_000: ("500.000 đồng", "500,000 VND"),
        0: ("0 đồng", "0 VND"),
        -250_000_000: ("-250 triệu đồng", "-250 million VND"),
        None: ("–", "–"),
        float("nan"): ("–", "–"),
    }
    for amount, (vi, en) in cases.items():
        assert (fmt_money(amount), fmt_money(amount, "en")) == (vi, en), amount


def test_durations_in_seconds_then_minutes():
    cases = {0: ("0 giây", "0 s"), 0.2: ("0,2 giây", "0.2 s"), 9.96: ("10 giây", "10 s"),
             45.4: ("45 giây", "45 s"), 59.6: ("1 phút", "1 min"), 125: ("2 phút 5 giây", "2 min 5 s"),
             -1: ("–", "–"), None: ("–", "–")}
    for seconds, (vi, en) in cases.items():
        assert (fmt_duration(seconds), fmt_duration(seconds, "en")) == (vi, en), seconds


def test_table_cells_never_show_none_nan_or_nat():
    for missing in (None, float("nan"), pd.NaT, pd.NA, "", "  "):
        assert cell_text(missing, "vi") == "–"
    assert cell_text(None, "vi", missing="cell_no_expiry") == "không thời hạn"
    assert cell_text(pd.NaT, "en", missing="cell_no_expiry") == "no expiry"
    assert cell_text(4500, "vi") == "4.500" and cell_text(4500, "en") == "4,500"
    assert cell_text(2025, "vi", "plain") == "2025"
    assert cell_text(0.0917, "vi", "percent") == "+9,2%"
    assert cell_text(10_000_000_000, "vi", "money") == "10 tỷ đồng"
    assert cell_text(dt.date(2027, 3, 1), "vi") == "01/03/2027"
    assert cell_text(pd.Timestamp("2026-11-02 14:05:09"), "vi") == "02/11/2026 14:05"
    assert cell_text("None", "vi") == "None"  # a name from the data is shown as it is


def test_yes_and_no_are_words_never_true_or_false():
    import numpy as np
    assert [cell_text(v, "vi") for v in (True, False, np.bool_(True), np.bool_(False))] == ["Có", "Không", "Có", "Không"]
    assert [cell_text(v, "en") for v in (True, np.bool_(False))] == ["Yes", "No"]
    shown = display_frame(pd.DataFrame({"valid": pd.array([True, False, None], dtype="boolean")}), "vi")
    assert shown["valid"].tolist() == ["Có", "Không", "–"]


def test_a_frame_shown_to_a_reader_is_all_text():
    frame = pd.DataFrame({"Năm": [2025, 2026], "Số": [4500, None], "Tăng": [None, 0.0917],
                          "Kinh phí": [10_000_000_000, float("nan")],
                          "Hết hạn": [pd.Timestamp("2027-03-01"), pd.NaT]})
    frame.attrs.update(percent=["Tăng"], money=["Kinh phí"], missing={"Hết hạn": "cell_no_expiry"})
    assert display_frame(frame, "vi").to_dict("records") == [
        {"Năm": "2025", "Số": "4.500", "Tăng": "–", "Kinh phí": "10 tỷ đồng", "Hết hạn": "01/03/2027"},
        {"Năm": "2026", "Số": "–", "Tăng": "+9,2%", "Kinh phí": "–", "Hết hạn": "không thời hạn"}]


def test_a_message_writes_its_numbers_the_reader_s_way():
    from nscl.i18n import Message, Num

    message = Message("money_million", {"n": 4500})
    assert (message.text("vi"), message.text("en")) == ("4.500 triệu đồng", "4,500 million VND")
    assert Message("duration_seconds", {"n": 0.2}).text("vi") == "0,2 giây"  # a float, not "0.2"
    assert Message("duration_seconds", {"n": Num(1234.56, 2)}).text("vi") == "1.234,56 giây"


def test_dates_are_dd_mm_yyyy():
    assert fmt_date(dt.date(2026, 11, 26)) == "26/11/2026"


def test_every_text_has_both_languages_with_the_same_placeholders():
    import string
    fields = lambda s: {f for _, f, _, _ in string.Formatter().parse(s) if f}  # noqa: E731
    for key, (vi, en) in TEXT.items():
        assert vi and en, key
        assert fields(vi) == fields(en), key
    assert t("overview") == "Tổng quan" and t("overview", "en") == "Overview"
