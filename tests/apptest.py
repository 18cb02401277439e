"""Helpers for AppTest: open a page with URL parameters, read Plotly figures and tables as shown back."""
from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from nscl.settings import ROOT


def open_page(page: str = "pages/overview.py", **query) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    return at.switch_page(page).run()


def sign_in(at: AppTest, user) -> AppTest:
    """`user` signed in as the login form would do it: in the session, with an account in the
    accounts file of NSCL_USERS (a signed-in session follows that file at every run)."""
    from nscl.auth import load_users, save_users, users_lock

    path = Path(os.environ["NSCL_USERS"])
    with users_lock(path):
        users = load_users(path)
        users[user.username] = {"name": user.name, "role": user.role, "password_hash": ""}
        save_users(users, path)
    at.session_state["user"] = user
    return at


def _decode(node):
    if isinstance(node, dict):
        if set(node) >= {"dtype", "bdata"}:
            return np.frombuffer(base64.b64decode(node["bdata"]), dtype=node["dtype"]).tolist()
        return {k: _decode(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_decode(v) for v in node]
    return node


def figure(at: AppTest, index: int) -> dict:
    """The Plotly spec of the index-th chart on the page, numeric arrays decoded."""
    return _decode(json.loads(at.get("plotly_chart")[index].proto.spec))


def figure_titles(at: AppTest) -> list[str]:
    return [figure(at, i)["layout"].get("title", {}).get("text", "") for i in range(len(at.get("plotly_chart")))]


def page_ok(at: AppTest) -> bool:
    return not at.exception and not at.error


def shown(table) -> pd.DataFrame:
    """A table (an element of `at.dataframe`) as the grid draws it: each cell the display text of
    the Styler it was given (nscl.present.tables.styled_frame: texts over numbers and dates), or
    its value without one; a missing value as the table's placeholder ("None" without one)."""
    values = table.value
    styler = table.proto.arrow_data.styler
    out = (dataframe_util.convert_arrow_bytes_to_pandas_df(styler.display_values) if styler.display_values
           else values.astype(object))
    out.columns = values.columns
    placeholder = table.proto.placeholder if table.proto.HasField("placeholder") else "None"
    return out.astype(object).mask(values.isna().to_numpy(), placeholder)
