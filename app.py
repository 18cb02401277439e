"""Entry point: page config, shared sidebar, demo banner and navigation. No queries, no charts."""
import streamlit as st

from nscl import web
from nscl.i18n import t
from nscl.settings import Settings

st.set_page_config(page_title="NSCL", page_icon="📈", layout="wide")

ctx = web.sidebar(Settings.from_env())
st.session_state["ctx"] = ctx

pages = [
    st.Page("pages/overview.py", title=t("overview", ctx.lang), icon="📊", default=True, url_path="overview"),
]
navigation = st.navigation(pages)
web.demo_banner(ctx)
navigation.run()
