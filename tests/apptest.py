"""Helpers for AppTest: open a page with URL parameters, read Plotly figures back."""
from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import numpy as np
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
