"""Staff login; the signed-in user is kept in the session."""
from __future__ import annotations

import streamlit as st

from ..i18n import t
from ..settings import Settings
from ..sources import client_address, trusted_networks
from .context import Context


def follow_accounts_file(settings: Settings) -> None:
    """A signed-in session follows the accounts file at every page run: an account removed (staff
    who left) is signed out, and a changed role or name takes effect, without waiting for the
    browser tab to close."""
    from pathlib import Path

    from ..auth import User, load_users
    from .session_cookie import restore

    user = st.session_state.get("user")
    if user is None:
        username = restore(settings)  # a reload: the browser's session cookie, if still valid
        if username is None:
            return
        user = User(username, username, "staff")
    info = load_users(Path(settings.users_file)).get(user.username)
    if info is None:
        st.session_state.pop("user", None)
        return
    current = User(user.username, str(info.get("name") or user.username), str(info.get("role") or "staff"))
    if st.session_state.get("user") != current:
        st.session_state["user"] = current


def _connection() -> tuple[str, list[str]]:
    """The connecting computer's address as Streamlit's server saw it, and the request's
    X-Forwarded-For headers: ("", []) when the runtime has no client (AppTest, bare mode)."""
    from streamlit import runtime
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    run = get_script_run_ctx()
    if run is None or not runtime.exists():
        return "", []
    client = runtime.get_instance().get_client(run.session_id)
    context = getattr(client, "client_context", None) if client is not None else None
    if context is None:
        return "", []
    peer = context.remote_ip if isinstance(context.remote_ip, str) else ""
    forwarded = [value for name, value in context.headers if name.lower() == "x-forwarded-for"]
    return peer, forwarded


def client_source(settings: Settings) -> str:
    """Where a login comes from, for throttling: the client's address, believing X-Forwarded-For
    only from the trusted proxies (nscl/sources.py); without an address, the browser session
    (every session without an address is throttled as one source: nscl/attempts.py)."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    peer, forwarded = _connection()
    address = client_address(peer, forwarded, trusted_networks(settings.trusted_proxies))
    if address:
        return f"ip:{address}"
    run = get_script_run_ctx()
    return f"session:{run.session_id}" if run is not None else ""


def login_form(ctx: Context) -> None:
    """Staff login; the result is kept in the session."""
    from ..auth import login

    st.subheader(t("sign_in", ctx.lang))
    st.caption(t("sign_in_needed", ctx.lang))
    with st.form("login"):
        username = st.text_input(t("username", ctx.lang), max_chars=ctx.settings.max_username_chars)
        password = st.text_input(t("password", ctx.lang), type="password", max_chars=ctx.settings.max_password_chars)
        submitted = st.form_submit_button(t("sign_in", ctx.lang), type="primary")
    if submitted:
        user, message = login(username, password, lang=ctx.lang, source=client_source(ctx.settings),
                              settings=ctx.settings)
        if user is None:
            st.error(message)
        else:
            from .session_cookie import remember

            st.session_state["user"] = user
            remember(user.username, ctx.settings)  # the cookie that keeps it across a reload
            st.rerun()
