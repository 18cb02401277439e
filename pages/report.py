"""Báo cáo: the PowerPoint deck and the official Word report for the current choices."""
import time

import streamlit as st

from nscl import ui
from nscl.i18n import fmt_duration, t
from nscl.present.deck import build_deck
from nscl.present.report import ReportSettings, build_report

ctx = ui.page_context(__file__)
lang = ctx.lang
ui.page_header(ctx, "report_page")
slides = ui.meeting_slides(ctx)
footer = f"{t('plan', lang)} {ctx.plan.number} · {ctx.place_name}"
stem = f"nscl-{ctx.plan.id}-{ctx.phase_id}-{ctx.as_of:%Y%m%d}"
xlsx_pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
xlsx_docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

st.subheader(t("deck", lang))
if st.button(t("build_deck", lang), key="build_deck"):
    started = time.perf_counter()
    st.session_state["deck_file"] = build_deck(slides, footer)  # built per request, in memory
    st.session_state["deck_seconds"] = time.perf_counter() - started
if "deck_file" in st.session_state:
    st.caption(t("built_in", lang, duration=fmt_duration(st.session_state['deck_seconds'], lang)))
    st.download_button(t("download_deck", lang), st.session_state["deck_file"], f"{stem}.pptx", xlsx_pptx,
                       key="download_deck", on_click="ignore")

st.divider()
st.subheader(t("official_report", lang))
with st.form("report_settings"):
    st.caption(t("report_settings", lang))
    left, right = st.columns(2)
    parent = left.text_input(t("parent_agency", lang), key="r_parent")
    agency = left.text_input(t("agency", lang), key="r_agency")
    short = left.text_input(t("agency_short", lang), key="r_short")
    number = left.text_input(t("doc_number", lang), key="r_number")
    place = right.text_input(t("doc_place", lang), key="r_place")
    signer_title = right.text_input(t("signer_title", lang), key="r_signer_title")
    signer = right.text_input(t("signer_name", lang), key="r_signer")
    recipients = right.text_area(t("recipients", lang), key="r_recipients")
    submitted = st.form_submit_button(t("build_report", lang), type="primary", key="build_report")
if submitted:
    settings = ReportSettings(parent, agency, short, number, place, signer, signer_title,
                              [r.strip() for r in recipients.splitlines() if r.strip()])
    with st.spinner(t("building", lang)):
        started = time.perf_counter()
        st.session_state["report_file"] = build_report(ctx.plan, slides, ctx.as_of, ctx.phase_id, settings,
                                                       lang=lang)
        st.session_state["report_seconds"] = time.perf_counter() - started
if "report_file" in st.session_state:
    st.caption(t("built_in", lang, duration=fmt_duration(st.session_state['report_seconds'], lang)))
    st.download_button(t("download_report", lang), st.session_state["report_file"], f"{stem}.docx", xlsx_docx,
                       key="download_report", on_click="ignore")

st.divider()
st.caption(t("print_hint", lang))
