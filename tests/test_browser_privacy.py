"""Real browser: a viewer who is not signed in downloads the supported-enterprises list as CSV
and gets the enterprises, never a household business's name or tax code (nscl/privacy.py)."""
import pytest

from tests import privacy_data as data
from tests.browser import chromium_page, streamlit_server, wait_idle

pytestmark = pytest.mark.browser


def test_the_anonymous_csv_of_the_supported_list_has_no_household_tax_code(tmp_path, plan):
    db = data.build(tmp_path / "privacy.duckdb", plan)
    with streamlit_server(db, tmp_path / "streamlit.log", {"NSCL_PUBLIC_PERSONAL_DATA": ""}) as url, \
            chromium_page() as page:
        page.goto(f"{url}/supported?lang=vi&phase={data.PHASE}&as_of={data.AS_OF}")
        expander = page.locator(".st-key-supported_drill_open")  # the records' table, built when opened
        expander.wait_for(timeout=60_000)
        wait_idle(page)
        expander.locator("summary").click()
        button = page.locator(".st-key-supported_drill_csv button")
        button.wait_for(timeout=60_000)
        wait_idle(page)
        with page.expect_download() as info:
            button.click()
        text = open(info.value.path(), "rb").read().decode("utf-8-sig")
    assert data.COMPANY_TAX in text and data.COMPANY in text
    for value in (data.HOUSEHOLD_TAX, data.HKD_TAX, "Trần Thị Mận", "Lê Văn Tùng"):
        assert value not in text, value
    assert text.count("Hộ kinh doanh (ẩn tên)") == 2
