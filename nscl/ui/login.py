"""Staff login; the signed-in user is kept in the session."""
from __future__ import annotations

import streamlit as st

from ..i18n import t
from .context import Context
from .data import database


def login_form(ctx: Context) -> None:
    """Staff login; the result is kept in the session."""
    from ..auth import login

    st.subheader(t("sign_in", ctx.lang))
    st.caption(t("sign_in_needed", ctx.lang))
    with st.form("login"):
        username = st.text_input(t("username", ctx.lang))
        password = st.text_input(t("password", ctx.lang), type="password")
        submitted = st.form_submit_button(t("sign_in", ctx.lang), type="primary")
    if submitted:
        con, _ = database(ctx.settings)
        user, message = login(con, username, password, lang=ctx.lang)
        if user is None:
            st.error(message)
        else:
            st.session_state["user"] = user
            st.rerun()
