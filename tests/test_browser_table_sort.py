"""Real browser: a reader who sorts an app table by a column of counts, money or dates by clicking
its header gets the values' order (9 before 10, 1.234 after 999, 250 triệu before 10 tỷ đồng, a
certificate without expiry after every expiry date), not the order of the texts shown.

The grid draws on a canvas; the order is read from the table of cells it keeps for screen readers
(`canvas table tbody tr`), whose cells hold the values (the text drawn over them is checked with
AppTest in tests/test_app_table_values.py)."""
import json
import textwrap

import pytest

from tests.browser import chromium_page, streamlit_server, wait_idle

pytestmark = pytest.mark.browser

PAGE = textwrap.dedent('''
    import datetime as dt

    import pandas as pd

    from nscl.ui.widgets import show_table

    # Each table has the column to sort first, where a click at the header's left end lands.
    show_table(pd.DataFrame({"Số doanh nghiệp": [10, 9, 1234, 999], "Tỉnh": ["mười", "chín", "nghìn", "chín trăm"]}),
               "vi")
    money = pd.DataFrame({"Kinh phí": [10_000_000_000, 250_000_000, 900_000_000], "Nguồn": ["a", "b", "c"]})
    money.attrs["money"] = ["Kinh phí"]
    show_table(money, "vi")
    expiry = pd.DataFrame({"Ngày hết hạn": [dt.date(2025, 2, 1), None, dt.date(2024, 12, 31), dt.date(2023, 1, 2)],
                           "Số chứng nhận": ["GCN-1", "GCN-2", "GCN-3", "GCN-4"]})
    expiry.attrs["missing"] = {"Ngày hết hạn": "cell_no_expiry"}
    show_table(expiry, "vi")
''')

# The rows of the i-th table as the grid lists them for screen readers, in the order shown.
ROWS = """i => Array.from(document.querySelectorAll('[data-testid=stDataFrame]')[i]
    .querySelectorAll('canvas table tbody tr')).map(r => Array.from(r.querySelectorAll('td')).map(c => c.textContent))"""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    folder = tmp_path_factory.mktemp("table-sort")
    script = folder / "tables.py"
    script.write_text(PAGE, encoding="utf-8")
    with streamlit_server(folder / "unused.duckdb", folder / "streamlit.log", script=script) as url:
        yield url


def sorted_by_header(page, i: int, clicks: int) -> list[str]:
    """Click the i-th table's first header `clicks` times; its second column, top to bottom."""
    from playwright.sync_api import TimeoutError as Timeout

    box = page.locator("[data-testid=stDataFrame]").nth(i).bounding_box()
    for _ in range(clicks):
        before = page.evaluate(ROWS, i)
        page.mouse.click(box["x"] + 20, box["y"] + 17)
        try:  # the grid sorts without a run of the script: wait for its rows to move
            page.wait_for_function(f"before => JSON.stringify(({ROWS})({i})) !== before",
                                   arg=json.dumps(before, ensure_ascii=False, separators=(",", ":")), timeout=10_000)
        except Timeout:
            pass
    return [row[1] for row in page.evaluate(ROWS, i)]


def test_clicking_a_number_date_or_money_header_sorts_by_value(served):
    with chromium_page(1000, 1200) as page:
        page.goto(served)
        wait_idle(page)
        page.wait_for_function("() => document.querySelectorAll('[data-testid=stDataFrame] canvas table tbody tr')"
                               ".length === 11", timeout=30_000)
        assert [row[1] for row in page.evaluate(ROWS, 0)] == ["mười", "chín", "nghìn", "chín trăm"]  # as given
        # Ascending: 9, 10, 999, 1.234 (as texts, "1.234" < "10" < "9" < "999").
        assert sorted_by_header(page, 0, 1) == ["chín", "mười", "chín trăm", "nghìn"]
        assert sorted_by_header(page, 0, 1) == ["nghìn", "chín trăm", "mười", "chín"]  # then descending
        # 250 triệu đồng, 900 triệu đồng, 10 tỷ đồng (as texts, "10 tỷ" would come first).
        assert sorted_by_header(page, 1, 1) == ["b", "c", "a"]
        # 02/01/2023, 31/12/2024, 01/02/2025, then no expiry (as texts, by the day: 01/…, 02/…, 31/…).
        assert sorted_by_header(page, 2, 1) == ["GCN-4", "GCN-3", "GCN-1", "GCN-2"]
