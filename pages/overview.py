"""Tổng quan: one card per plan target with status, progress, forecast and trend."""
import streamlit as st

from nscl import ui
from nscl.i18n import t
from nscl.present.escape import markdown_text

ctx = ui.page_context(__file__)
lang = ctx.lang
ui.page_header(ctx, "overview")
ui.print_css()

if ctx.window.phase_id is None:
    st.caption(t("status_phase_note", lang, phase=ctx.phase_id))
cards = ui.overview_cards(ctx)

counts: dict = {}
for card in cards:
    counts.setdefault(card.status, 0)
    counts[card.status] += 1
summary = " ".join(ui.badge(f"{status.label(lang)}: {n}", status.colour)
                   for status, n in sorted(counts.items(), key=lambda kv: kv[0].rank))
st.html(f'<div style="display:flex;gap:8px;flex-wrap:wrap">{summary}</div>')


def show_card(card) -> None:
    st.html(ui.badge(card.status_label, card.status.colour))
    st.markdown(f"**{markdown_text(card.name)}**")
    st.metric(markdown_text(card.name), card.actual_text, delta=card.rate_text, help=card.definition,
              delta_color="normal", label_visibility="collapsed")
    if card.actual_note:
        st.caption(card.actual_note)
    st.caption(f"{t('target', lang)}: {card.target_text}")
    if card.completion is not None:
        st.progress(card.completion, text=card.completion_text)
    if card.forecast_text:
        st.caption(card.forecast_text)
    if card.needed_text:
        st.caption(card.needed_text)
    if card.years_text:
        st.caption(card.years_text)
    st.caption(f"{t('why', lang)}: {card.why}")
    ui.data_notes(card.notes)
    ui.chart(card.figure, f"trend_{card.target_id}", config={"displayModeBar": False})
    st.page_link(ui.target_page(ctx.plan.target(card.target_id)), label=t("details", lang),
                 icon=":material/search:")
    with st.expander(t("definition", lang)):
        st.text(card.definition)
        if card.rule:
            st.caption(f"{t('rule_label', lang)}: {markdown_text(card.rule)}")
        st.caption(f"{t('plan_sentence', lang)}: «{markdown_text(card.source)}»")
    ui.card_comment(ctx, card)


# One row per pair of cards: rows line up on screen and break cleanly in print.
ui.card_grid(cards, show_card, gap="medium", border=True, key=lambda card: f"card_{card.target_id}")
