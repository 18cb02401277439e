"""The published edition's block on the upload page: what the last publication did, the switch
between automatic publishing and publishing by hand (embargo), and "publish now"."""
from __future__ import annotations

import datetime as dt

import streamlit as st

from ..i18n import t
from .context import Context
from .data import database


def edition_panel(ctx: Context) -> None:
    """Shown to signed-in staff on the writer when NSCL_PUBLISH_EDITION is set."""
    from ..publish import embargoed, last_outcome, publish_and_record, set_embargo

    folder, lang = ctx.settings.publish_edition, ctx.lang
    if not folder or ctx.settings.read_only:
        return
    outcome = last_outcome(folder)
    if outcome is not None and not outcome.ok:  # in sight, not inside the block: staff must see it
        st.warning(t("edition_last_failed", lang, at=f"{outcome.at:%d/%m/%Y %H:%M}", incident=outcome.incident))
    with st.expander(t("edition_panel", lang), expanded=False):
        automatic = st.toggle(t("edition_automatic", lang), value=not embargoed(folder), key="edition_automatic")
        if automatic == embargoed(folder):
            set_embargo(folder, not automatic)
        if not automatic:
            st.caption(t("edition_embargo_note", lang))
        if st.button(t("edition_publish_now", lang), key="edition_publish_now"):
            con, plan = database(ctx.settings)
            with st.spinner(t("edition_running", lang)):
                outcome = publish_and_record(con.cursor(), plan, dt.date.today(), folder)
            if not outcome.ok:
                st.warning(t("edition_last_failed", lang, at=f"{outcome.at:%d/%m/%Y %H:%M}",
                             incident=outcome.incident))
        if outcome is None:
            st.caption(t("edition_never", lang))
        elif outcome.ok:
            st.caption(t("edition_last_ok", lang, at=f"{outcome.at:%d/%m/%Y %H:%M}", build=outcome.build_id))
