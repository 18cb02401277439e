"""AppTest: the target cards of the overview, training and certification pages are laid out by one
helper (nscl.ui.card_grid), two to a row, and each page still shows every one of its targets' cards
with its status."""
from __future__ import annotations

import datetime as dt
import html
import re

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Block

from nscl.indicators import compute_all
from nscl.settings import ROOT, Settings
from nscl.ui import data as ui_data
from nscl.ui.pages import target_page
from tests.apptest import open_page

AS_OF = "2026-11-26"
BADGE = re.compile(r"<span [^>]*>([^<]*)</span>")


def _grid_script():
    import streamlit as st

    from nscl.ui import card_grid

    card_grid(["Thẻ một", "Thẻ hai", "Thẻ ba"], st.markdown, border=True, key=lambda item: "k_" + item[-3:])


def rows_of_cards(at: AppTest) -> list[list[list]]:
    """The page's rows of columns (top-level st.columns blocks), each column as its elements in order
    (containers opened)."""
    def elements(node) -> list:
        if isinstance(node, Block):
            return [e for child in node.children.values() for e in elements(child)]
        return [node]

    rows = []
    for node in at.main.children.values():
        if isinstance(node, Block) and node.children and all(
                getattr(c, "type", "") == "column" for c in node.children.values()):
            rows.append([elements(column) for column in node.children.values()])
    return rows


def card_text(column: list) -> tuple[str, str]:
    """A card's name (its subheader, or its bold line on the overview) and the text of its status badge."""
    name = next(e.value.strip("*") for e in column if e.type in ("subheader", "markdown"))
    status = next(html.unescape(BADGE.search(e.proto.body).group(1)) for e in column
                  if e.type == "html" and BADGE.search(e.proto.body))
    return name, status


def test_card_grid_lays_cards_out_two_to_a_row(app_env):
    at = AppTest.from_function(_grid_script, default_timeout=30).run()
    assert not at.exception
    rows = rows_of_cards(at)
    assert [[[e.value for e in column] for column in row] for row in rows] == [
        [["Thẻ một"], ["Thẻ hai"]], [["Thẻ ba"], []]]
    keyed = [b.proto.id for b in at.main.children[0].children[0].children.values()]
    assert len(keyed) == 1 and keyed[0].endswith("-k_một")


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/training.py", "pages/certification.py"])
def test_each_page_shows_every_card_with_its_status(app_env, plan, page):
    at = open_page(page, as_of=AS_OF)
    assert not at.exception and not at.error
    connection, _ = ui_data._database(str(app_env), plan.id, Settings.from_env().plans_dir)
    results = compute_all(connection.cursor(), plan, plan.phase("2026-2030"), dt.date(2026, 11, 26))
    shown = [r for r in results if page == "pages/overview.py" or target_page(r.target) == page]
    assert len(shown) >= 2  # each page has cards to lay out

    rows = rows_of_cards(at)[:(len(shown) + 1) // 2]
    assert [len(row) for row in rows] == [2] * len(rows)
    cards = [card_text(column) for row in rows for column in row if column]
    assert [name for name, _ in cards] == [r.target.name("vi") for r in shown]
    for (name, status), result in zip(cards, shown, strict=True):
        assert status.startswith(result.assessment.status.vi), (name, status)
    assert (ROOT / page).read_text(encoding="utf-8").count("ui.card_grid(") == 1
