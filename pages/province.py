"""Toàn tỉnh: the plans of the database side by side, where their targets match."""
import streamlit as st

from nscl import ui
from nscl.i18n import t

ctx = ui.page_context(__file__)
lang = ctx.lang
ui.page_header(ctx, "province_page")

if len(ui.plans(ctx.settings)) < 2:
    st.info(t("province_one_plan", lang), icon=":material/info:")
else:
    st.caption(t("province_intro", lang, phase=ctx.phase_id))
    table = ui.province_table(ctx)
    if table.empty:
        st.info(t("province_none", lang, phase=ctx.phase_id), icon=":material/info:")
    else:
        ui.show_table(table, lang)
