"""The app's tables show every cell as the published edition writes it (nscl.present.tables) while
columns of counts, shares, money and dates keep their values under that text, so that the grid
sorts them by value (the browser test: tests/test_browser_table_sort.py)."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import pytest
from streamlit import dataframe_util
from streamlit.elements.lib.pandas_styler_utils import marshall_styler
from streamlit.proto.ArrowData_pb2 import ArrowData

from nscl.present.tables import DASH, NO_END, STYLED_CELLS, display_frame, styled_frame

SCRIPT, FORMULA = "<script>alert(1)</script>", "=1+1"


def frame() -> pd.DataFrame:
    """Counts (one missing), a whole-number count in an object column, shares, money, years,
    dates with and without a time, an expiry date whose empty cell has a word, hostile text."""
    out = pd.DataFrame({
        "Tên": ["Công ty A", SCRIPT, FORMULA, None],
        "Số doanh nghiệp": [9, 10, 1234, None],
        "Số lượt": pd.array([999, None, 1, 1_234_567], dtype="Int64"),
        "Tổng": [Decimal("1234.5"), Decimal("0.25"), None, Decimal("7")],
        "Tăng": [0.0917, -0.05, None, 0.0],
        "Kinh phí": [10_000_000_000, 250_000_000, None, 1_500_000],
        "Năm": [2025, 2026, 2024, 2021],
        "Ngày": [dt.date(2025, 3, 1), None, dt.date(2024, 12, 31), dt.date(2026, 1, 2)],
        "Lúc": pd.to_datetime(["2026-11-02 14:05:09", None, "2026-01-01 00:00:00", "2025-06-30 00:00:00"]),
        "Hết hạn": [pd.Timestamp("2027-03-01"), pd.NaT, pd.Timestamp("2026-01-01"), pd.NaT],
        "Có": [True, False, True, False],
    })
    out.attrs.update(percent=["Tăng"], money=["Kinh phí"], missing={"Hết hạn": "cell_no_expiry"})
    return out


def drawn(styler) -> pd.DataFrame:
    """What Streamlit sends the grid to draw for a Styler: its display values (the marshalling
    st.dataframe uses)."""
    proto = ArrowData()
    marshall_styler(proto, styler, "test")
    out = dataframe_util.convert_arrow_bytes_to_pandas_df(proto.styler.display_values)
    out.columns = styler.data.columns
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_shown_text_is_the_edition_s_text_cell_by_cell(lang):
    styler = styled_frame(frame(), lang)
    assert drawn(styler).values.tolist() == display_frame(frame(), lang).values.tolist()
    assert list(styler.data.columns) == list(frame().columns)


def test_the_texts_are_vietnamese_and_the_values_under_them_numbers_and_dates():
    styler = styled_frame(frame(), "vi")
    assert drawn(styler).to_dict("records")[0] == {
        "Tên": "Công ty A", "Số doanh nghiệp": "9", "Số lượt": "999", "Tổng": "1.234,5", "Tăng": "+9,2%",
        "Kinh phí": "10 tỷ đồng", "Năm": "2025", "Ngày": "01/03/2025", "Lúc": "02/11/2026 14:05",
        "Hết hạn": "01/03/2027", "Có": "Có"}
    assert drawn(styler).to_dict("records")[1] == {
        "Tên": SCRIPT, "Số doanh nghiệp": "10", "Số lượt": DASH, "Tổng": "0,2", "Tăng": "-5,0%",
        "Kinh phí": "250 triệu đồng", "Năm": "2026", "Ngày": DASH, "Lúc": DASH, "Hết hạn": "không thời hạn",
        "Có": "Không"}
    assert list(drawn(styler)["Tên"]) == ["Công ty A", SCRIPT, FORMULA, DASH]  # as written, not escaped
    data = styler.data
    for column in ("Số doanh nghiệp", "Số lượt", "Tăng", "Kinh phí", "Năm"):
        assert pd.api.types.is_numeric_dtype(data[column]), column
    assert list(data["Số doanh nghiệp"].fillna(-1)) == [9, 10, 1234, -1]
    assert list(data["Tổng"]) == [Decimal("1234.5"), Decimal("0.25"), None, Decimal("7")]
    assert pd.api.types.is_datetime64_any_dtype(data["Lúc"]) and data["Ngày"][0] == dt.date(2025, 3, 1)
    # No expiry: the latest date, so that it sorts after every expiry date; the word is drawn over it.
    assert list(data["Hết hạn"]) == [pd.Timestamp("2027-03-01"), NO_END, pd.Timestamp("2026-01-01"), NO_END]
    # Text, and yes/no (a grid would draw a tick box), stay the text they are shown as.
    assert list(data["Tên"]) == ["Công ty A", SCRIPT, FORMULA, DASH]
    assert list(data["Có"]) == ["Có", "Không", "Có", "Không"]


def test_a_missing_number_or_date_is_drawn_as_the_dash_the_edition_writes():
    """The grid draws an empty cell as st.dataframe's placeholder, not as the Styler's text:
    show_table gives it DASH, which is what cell_text writes there."""
    styler = styled_frame(frame(), "vi")
    shown, data = drawn(styler), styler.data
    for column in data.columns:
        assert set(shown[column][data[column].isna()]) <= {DASH}, column


def test_a_table_larger_than_a_styler_may_be_is_all_text():
    big = pd.DataFrame({"Số": range(3)})
    with pd.option_context("styler.render.max_elements", 2):
        out = styled_frame(big, "vi")
    assert isinstance(out, pd.DataFrame) and list(out["Số"]) == ["0", "1", "2"]
    rows = STYLED_CELLS // 2
    assert not isinstance(styled_frame(pd.DataFrame({"a": range(rows), "b": range(rows)}), "vi"), pd.DataFrame)
    out = styled_frame(pd.DataFrame({"a": range(rows + 1), "b": range(rows + 1)}), "vi")
    assert isinstance(out, pd.DataFrame) and out.iloc[-1].tolist() == ["25.000", "25.000"]


def test_two_columns_of_one_name_keep_their_own_texts():
    twin = pd.DataFrame([[1234, 0.5], [9, 2.5]], columns=["Số", "Số"])
    twin.attrs["percent"] = []
    styler = styled_frame(twin, "vi")
    assert styler.data.values.tolist() == [[1234, 0.5], [9, 2.5]]
    assert styler.hide(axis="index").to_string(delimiter="|") == "Số|Số\n1.234|0,5\n9|2,5\n"


def test_a_page_table_shows_vietnamese_marks_over_numbers(tmp_path):
    """On a page (AppTest): the count column is numeric, and the reader sees 1.234, not 1234."""
    from streamlit.testing.v1 import AppTest

    from tests.apptest import shown

    def page():
        import pandas as pd

        from nscl.ui.widgets import show_table

        table = pd.DataFrame({"Tỉnh": ["Hà Nội", "Huế", "Đà Nẵng"], "Số doanh nghiệp": [1234, 9, None],
                              "Tăng": [0.0917, None, -0.5]})
        table.attrs["percent"] = ["Tăng"]
        show_table(table, "vi")

    at = AppTest.from_function(page).run()
    assert not at.exception
    grid = at.dataframe[0]
    assert pd.api.types.is_numeric_dtype(grid.value["Số doanh nghiệp"])
    assert pd.api.types.is_numeric_dtype(grid.value["Tăng"])
    assert shown(grid).to_dict("records") == [
        {"Tỉnh": "Hà Nội", "Số doanh nghiệp": "1.234", "Tăng": "+9,2%"},
        {"Tỉnh": "Huế", "Số doanh nghiệp": "9", "Tăng": DASH},
        {"Tỉnh": "Đà Nẵng", "Số doanh nghiệp": DASH, "Tăng": "-50,0%"}]
    assert grid.proto.placeholder == DASH
