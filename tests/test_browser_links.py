"""Real browser: the links of issue 19 (a date before the plan's range, custom years before it)
open the page with a plain note, and a server without its database shows a plain message with
an incident code that its log has too; never a traceback, a path or an exception's name."""
import re

import pytest

from nscl.i18n import t
from nscl.settings import ROOT
from tests.browser import chromium_page, streamlit_server, wait_idle
from tests.conftest import build_demo_file
from tests.leaks import FORBIDDEN

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def app_url(tmp_path_factory, plan):
    folder = tmp_path_factory.mktemp("browser-links")
    db = build_demo_file(folder / "browser.duckdb", plan)
    with streamlit_server(db, folder / "streamlit.log") as url:
        yield url


def assert_nothing_of_the_server(body: str, *secrets: str) -> None:
    found = [f"{what}: {m.group()}" for what, pattern in FORBIDDEN for m in pattern.finditer(body)]
    assert found == [] and not [s for s in (*secrets, str(ROOT)) if s in body], body


def wait_for_title(page, title: str) -> str:
    page.wait_for_selector(f"h1:has-text('{title}')", timeout=60_000)
    wait_idle(page)
    return page.inner_text("body")


def test_a_date_before_the_range_opens_the_page_with_a_note(app_url, tmp_path_factory):
    with chromium_page() as page:
        page.goto(app_url + "/supported?as_of=2018-12-31")
        body = wait_for_title(page, t("supported_page", "vi"))
        page.wait_for_selector("[data-testid='stToast']:has-text('01/01/2019')", timeout=30_000)
        assert_nothing_of_the_server(page.inner_text("body"), str(tmp_path_factory.getbasetemp()))
        assert "as_of=2019-01-01" in page.url
        assert not page.locator("[data-testid='stException']").count()
        assert body


def test_custom_years_before_the_range_open_the_page_with_a_note(app_url, tmp_path_factory):
    with chromium_page() as page:
        page.goto(app_url + "/?phase=custom&years=2010-2015")
        wait_for_title(page, t("overview", "vi"))
        page.wait_for_selector("[data-testid='stToast']:has-text('2019–2030')", timeout=30_000)
        assert_nothing_of_the_server(page.inner_text("body"), str(tmp_path_factory.getbasetemp()))
        assert re.search(r"years=20(19|2\d|30)-20(19|2\d|30)", page.url) and "phase=custom" in page.url
        assert not page.locator("[data-testid='stException']").count()


def test_a_server_without_its_database_says_so_plainly_with_a_code_in_its_log(tmp_path):
    missing = tmp_path / "typo.duckdb"
    log = tmp_path / "streamlit.log"
    with streamlit_server(missing, log) as url, chromium_page() as page:
        page.goto(url + "/?as_of=2026-11-26")
        page.wait_for_selector("[data-testid='stAlertContentError']", timeout=60_000)
        wait_idle(page)
        body = page.inner_text("body")
        assert t("incident_db_missing", "vi") in body
        code = re.search(r"mã sự cố ([0-9a-f]{8})", body).group(1)
        assert_nothing_of_the_server(body, str(tmp_path))
        assert not page.locator("[data-testid='stException']").count()
    assert f"incident {code}" in log.read_text() and str(missing) in log.read_text()
    assert not missing.exists()
