"""Staff stay signed in across a reload: the HttpOnly session cookie (nscl/sessions.py).

- `routes()`: the app's own route `POST /_nscl/session`, mounted by app.py (`st.App`): it redeems
  a one-time ticket sent in the request body and answers with the cookie.
- `remember(user)`: after a sign-in, the page posts the ticket from a hidden frame.
- `restore(settings)`: a run without a signed-in user reads the cookie Streamlit received with
  the page's connection and signs the session in when the server still knows it.
- `forget()`: signing out ends the server's session (the cookie then opens nothing).
"""
from __future__ import annotations

import datetime as dt
import json

import streamlit as st

from ..attempts import attempts_path
from ..sessions import SessionStore
from ..settings import Settings

COOKIE = "nscl_session"
ROUTE = "/_nscl/session"
TICKET_KEY = "_session_ticket"


def _store(settings: Settings) -> SessionStore:
    return SessionStore(attempts_path(settings))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def routes() -> list:
    """The cookie route, for st.App(routes=...)."""
    from starlette.responses import Response
    from starlette.routing import Route

    async def session(request):
        settings = Settings.from_env()
        if settings.session_hours <= 0:
            return Response(status_code=404)
        ticket = (await request.body())[:200].decode("ascii", "replace").strip()
        token = _store(settings).redeem(ticket, _now(), settings.session_hours)
        if token is None:
            return Response(status_code=403)
        response = Response(status_code=204, headers={"Cache-Control": "no-store"})
        response.set_cookie(COOKIE, token, max_age=int(settings.session_hours * 3600), path="/", httponly=True,
                            samesite="strict", secure=request.url.scheme == "https")
        return response

    return [Route(ROUTE, session, methods=["POST"])]


def remember(username: str, settings: Settings) -> None:
    """Ask for the cookie at the next run (the page is rerun right after a sign-in)."""
    if settings.session_hours > 0:
        st.session_state[TICKET_KEY] = _store(settings).issue_ticket(username, _now())


def post_ticket() -> None:
    """Send a pending ticket to the cookie route from a frame without height: the answer's
    Set-Cookie lands in the browser; the ticket is single-use and lives a minute."""
    ticket = st.session_state.pop(TICKET_KEY, None)
    if not ticket:
        return
    import streamlit.components.v1 as components

    body = json.dumps(ticket)  # URL-safe base64 characters only; JSON keeps it a string literal
    components.html(f"<script>fetch({json.dumps(ROUTE)}, {{method: 'POST', body: {body}, "
                    "credentials: 'same-origin', cache: 'no-store'});</script>", height=0)


def _token() -> str:
    try:
        token = st.context.cookies.get(COOKIE)
    except Exception:  # noqa: BLE001 - no request behind this run (AppTest, bare mode)
        return ""
    return token if isinstance(token, str) else ""


def restore(settings: Settings) -> str | None:
    """The user name of this browser's valid session, if it has one (its expiry moves on)."""
    if settings.session_hours <= 0:
        return None
    token = _token()
    return _store(settings).user_for(token, _now(), settings.session_hours) if token else None


def forget(settings: Settings) -> None:
    token = _token()
    if token:
        _store(settings).end(token)
