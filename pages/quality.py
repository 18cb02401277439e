"""Chất lượng dữ liệu: when each dataset last changed and who changed it, records by month and
place with the gaps visible, and records that are likely wrong, each list with a download."""
import streamlit as st

from nscl import ui
from nscl.i18n import t

ctx = ui.page_context(__file__)
ui.page_header(ctx, "quality_page")
st.caption(t("quality_intro", ctx.lang))
ui.last_uploads(ctx)
ui.completeness(ctx)
ui.problems(ctx)
