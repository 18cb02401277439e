"""The load generator of `make bench` speaks Streamlit's protocol to a real server: every
simulated viewer's runs reach script_finished on the page asked for, without an exception."""
from __future__ import annotations

import pytest

from tests import loadgen
from tests.browser import streamlit_server


@pytest.fixture(scope="module")
def url(demo_db, tmp_path_factory):
    with streamlit_server(demo_db, tmp_path_factory.mktemp("loadgen") / "streamlit.log") as address:
        yield address


def test_two_viewers_open_the_overview_and_two_other_pages(url):
    result = loadgen.run_viewers(url, viewers=2, seconds=120, query_string="as_of=2026-11-26")
    assert result.failures == []
    assert len(result.runs) == 6
    for viewer in (0, 1):
        pages = [r.page for r in result.runs if r.viewer == viewer]
        assert pages[0] == "overview"
        assert len(set(pages)) == 3 and set(pages[1:]) <= set(loadgen.BROWSE_PAGES)
    for run in result.runs:
        assert run.finished, run
        assert run.errors == [], run
        assert run.shown == run.page, run  # the server ran the page that was asked for
    assert result.error_count == 0


def test_the_same_seed_browses_the_same_pages(url):
    first = loadgen.run_viewers(url, viewers=1, seconds=120, seed=7)
    second = loadgen.run_viewers(url, viewers=1, seconds=120, seed=7)
    assert [r.page for r in first.runs] == [r.page for r in second.runs]


def test_warming_up_opens_every_page_once(url):
    result = loadgen.warm_up(url, processes=1, query_string="as_of=2026-11-26")
    assert [r.shown for r in result.runs] == ["overview", *loadgen.BROWSE_PAGES]
    assert result.error_count == 0 and all(not r.errors for r in result.runs)


@pytest.mark.parametrize("other", ["http://192.168.1.10:8501", "http://example.org:80", "https://127.0.0.1:8501",
                                 "http://127.0.0.1"])
def test_refuses_any_other_host(other):
    with pytest.raises(ValueError, match="127.0.0.1"):
        loadgen.run_viewers(other, viewers=1, seconds=5)


@pytest.mark.parametrize("viewers, seconds", [(0, 5), (loadgen.MAX_VIEWERS + 1, 5), (1, 0),
                                              (1, loadgen.MAX_SECONDS + 1)])
def test_bounded_in_viewers_and_time(viewers, seconds):
    with pytest.raises(ValueError):
        loadgen.run_viewers("http://127.0.0.1:8501", viewers=viewers, seconds=seconds)
