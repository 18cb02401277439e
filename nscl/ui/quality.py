"""Blocks of data quality and commentary: the notes under a card, the staff's comment form."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from .. import commentary
from ..i18n import fmt_number, t
from ..present.cards import Card
from ..present.quality import CardNotes
from .context import Context
from .data import clear_caches, cursor, database
from .widgets import show_table


def data_notes(notes: CardNotes) -> None:
    """When the data behind a card last changed; its flags stand out (our own texts, no data)."""
    if notes.freshness:
        st.caption(notes.freshness)
    for flag in (notes.stale, notes.gap):
        if flag:
            st.caption(f":orange[:material/warning: {flag}]")


def card_comment(ctx: Context, card: Card) -> None:
    """The staff's comment under a card, as plain text (st.text never renders Markdown or HTML),
    and for a signed-in staff member on the writer, the form that adds a version."""
    notes, lang = card.notes, ctx.lang
    if notes.comment:
        st.markdown(f"**{t('comment_heading', lang)}**")
        for _, label, text in notes.comment:
            st.caption(label)
            st.text(text)
        st.text(notes.comment_meta)
        if notes.comment_predates:
            st.caption(f":orange[:material/history: {notes.comment_predates}]")
    user = st.session_state.get("user")
    if user is None or ctx.settings.read_only:
        return
    flash = st.session_state.pop(f"comment_saved_{card.target_id}", None)
    if flash:
        st.success(flash)
    with st.expander(t("comment_write", lang), expanded=False):
        _comment_form(ctx, card, user)


def _comment_form(ctx: Context, card: Card, user) -> None:
    lang, target_id = ctx.lang, card.target_id
    period = ctx.plan.period_for(ctx.plan.target(target_id), ctx.phase)
    refused = st.session_state.pop(f"comment_refused_{target_id}", None)
    if refused:
        st.error(refused)
    st.caption(t("comment_limit", lang, limit=fmt_number(commentary.MAX_CHARS, lang)))
    with st.form(f"comment_form_{target_id}"):
        for part in commentary.PARTS:
            st.text_area(t(f"comment_part_{part}", lang), value=card.notes.comment_text(part),
                         key=f"comment_{target_id}_{part}")
        # Saved in the callback, before the page runs again, so the card below shows the new text.
        st.form_submit_button(t("comment_save", lang), key=f"comment_save_{target_id}", on_click=_save,
                              args=(ctx, target_id, period.id, user.name or user.username))
    frame = commentary.versions(cursor(ctx.settings), ctx.plan.id, target_id, period.id)
    if frame.empty:
        return
    st.caption(t("comment_versions", lang))
    table = versions_table(frame, lang)
    show_table(table)
    _downloads(ctx, table, f"comments-{target_id}-{period.id}")


def _save(ctx: Context, target_id: str, period_id: str, author: str) -> None:
    texts = {part: st.session_state.get(f"comment_{target_id}_{part}", "") for part in commentary.PARTS}
    con, _ = database(ctx.settings)
    try:
        saved = commentary.save(con, ctx.plan.id, target_id, period_id, ctx.as_of, texts, author)
    except commentary.CommentRefused as exc:
        st.session_state[f"comment_refused_{target_id}"] = exc.text(ctx.lang)
        return
    clear_caches(ctx.settings)
    st.session_state[f"comment_saved_{target_id}"] = t(
        "comment_saved", ctx.lang, parts=", ".join(t(f"comment_part_{p}", ctx.lang) for p in saved))


def versions_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    table = frame.assign(part=[t(f"comment_part_{p}", lang) for p in frame["part"]])
    return table.rename(columns={"part": t("col_part", lang), "version": t("col_version", lang),
                                 "as_of": t("col_comment_as_of", lang), "author": t("col_author", lang),
                                 "created_at": t("col_written_at", lang), "body": t("col_comment_text", lang)})


def _downloads(ctx: Context, table: pd.DataFrame, stem: str) -> None:
    """CSV and XLSX of the versions; formulas neutralised like every other download."""
    from ..present.tables import to_csv_bytes, to_xlsx_bytes

    left, right = st.columns(2)
    left.download_button(t("download_csv", ctx.lang), lambda: to_csv_bytes(table, ctx.lang), f"{stem}.csv",
                         "text/csv", key=f"{stem}_csv", on_click="ignore")
    right.download_button(t("download_xlsx", ctx.lang), lambda: to_xlsx_bytes(table, lang=ctx.lang), f"{stem}.xlsx",
                          "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key=f"{stem}_xlsx",
                          on_click="ignore")
