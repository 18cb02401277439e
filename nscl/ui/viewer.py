"""Who is looking: the level of personal data the viewer of this run may see (nscl/privacy.py),
and the one call through which every table a page shows or lets download passes."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import privacy
from ..i18n import t
from ..settings import Settings

# A signed-in account's role -> its level. Roles without an entry see what staff see.
ROLE_LEVELS: dict[str, str] = {}


def viewer_level(settings: Settings) -> str:
    """Signed-in staff see personal data; a viewer who is not signed in sees only public data,
    unless the operator widened that for an intranet (NSCL_PUBLIC_PERSONAL_DATA)."""
    user = st.session_state.get("user")
    if user is not None:
        return ROLE_LEVELS.get(getattr(user, "role", ""), privacy.STAFF)
    return privacy.STAFF if settings.public_personal_data else privacy.PUBLIC


def restrict(settings: Settings, lang: str, table: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The table as this viewer may see it (see privacy.restrict)."""
    return privacy.restrict(frame, table, viewer_level(settings), lang)


def may_see(settings: Settings, table: str, column: str) -> bool:
    return privacy.may_see(viewer_level(settings), table, column)


def privacy_note(ctx, frame: pd.DataFrame) -> None:
    """Says so above a list when personal data were withheld from this viewer (see run_query)."""
    if frame.attrs.get("privacy_restricted"):
        st.caption(f"🔒 {t('privacy_note', ctx.lang)}")
