"""Staff login; the signed-in user is kept in the session."""
from __future__ import annotations

import streamlit as st

from ..i18n import t
from .context import Context
from .data import database


def client_source() -> str:
    """Where a login comes from, for throttling: the client's address; behind a reverse proxy on
    this machine (Streamlit then sees no address) the last one the proxy added to
    X-Forwarded-For; else the browser session."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    def text(value) -> str:  # the runtime may have no client (AppTest, bare mode): then nothing
        return value.strip() if isinstance(value, str) else ""

    address = text(st.context.ip_address)
    if not address:
        headers = st.context.headers
        address = text(headers.get("X-Forwarded-For")).split(",")[-1].strip() or text(headers.get("X-Real-Ip"))
    if address:
        return f"ip:{address[:64]}"
    run = get_script_run_ctx()
    return f"session:{run.session_id}" if run is not None else ""


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
        user, message = login(con, username, password, lang=ctx.lang, source=client_source())
        if user is None:
            st.error(message)
        else:
            st.session_state["user"] = user
            st.rerun()
