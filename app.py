"""Entry point: page config, navigation, shared sidebar and demo banner. No queries, no charts.

`streamlit run app.py` finds `app` below and serves this file through it (st.App): the same
server with one route of our own, the one that sets the staff session's cookie."""
import streamlit as st

from nscl import ui
from nscl.i18n import t
from nscl.settings import DATA_DIR

if __name__ != "__main__":  # imported by `streamlit run` to find the server's app
    from nscl.ui.session_cookie import routes

    app = st.App(__file__, routes=routes())
else:  # a page run
    # The icon is served by the app itself.
    st.set_page_config(page_title="NSCL", page_icon=str(DATA_DIR / "favicon.png"), layout="wide")

    lang = st.session_state.get("lang") or st.query_params.get("lang") or "vi"
    pages = [st.Page(spec.path, title=t(spec.title_key, lang if lang in ("vi", "en") else "vi"),
                     icon=spec.icon, url_path=spec.url_path, default=(i == 0))
             for i, spec in enumerate(ui.PAGES)]
    navigation = st.navigation(pages)
    page = next(spec for spec in ui.PAGES if spec.url_path == navigation.url_path or
                (navigation.url_path == "" and spec is ui.PAGES[0]))

    with ui.incidents(page.path):  # a viewer sees a plain message and a code, never a traceback
        st.session_state["ctx"] = ui.bootstrap(page)
        navigation.run()
