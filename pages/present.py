"""Trình chiếu: one 16:9 slide at a time, large type, no sidebar; ?slide=N reopens slide N."""
import html

import streamlit as st

from nscl import ui
from nscl.i18n import t

ctx = ui.page_context(__file__)
lang = ctx.lang
slides = ui.meeting_slides(ctx)
total = len(slides)

if "slide" not in st.session_state:
    raw = st.query_params.get("slide", "1")
    st.session_state["slide"] = min(max(int(raw) if raw.isdigit() else 1, 1), total)
current = min(st.session_state["slide"], total)
st.query_params["slide"] = str(current)
slide = slides[current - 1]

st.html("""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stAlertContainer"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1.5rem 3rem 1rem 3rem; max-width: 100%; }
.slide { color: #111; font-size: 26px; line-height: 1.35; }
.slide h1 { font-size: 48px; margin: 0 0 .3rem 0; line-height: 1.15; }
.slide .sub { color: #333; font-size: 24px; margin-bottom: 1rem; }
.slide .big { font-size: 64px; font-weight: 700; line-height: 1.1; margin: .4rem 0; }
.slide .badge { display: inline-block; color: #fff; font-weight: 700; font-size: 30px; padding: 4px 22px; border-radius: 999px; }
.slide table { border-collapse: collapse; width: 100%; font-size: 24px; }
.slide th, .slide td { border-bottom: 2px solid #ccc; padding: 10px 12px; text-align: left; vertical-align: top; }
.slide td.status { color: #fff; font-weight: 700; }
[data-testid="stBaseButton-secondary"] p, [data-testid="stPageLink"] p { font-size: 24px !important; }
</style>""")


def h(text) -> str:
    return html.escape(str(text))


def header(title, subtitle) -> str:
    return f'<div class="slide"><h1>{h(title)}</h1><div class="sub">{h(subtitle)}</div></div>'


if slide.kind == "title":
    lines = "".join(f'<div class="sub">{h(line)}</div>' for line in slide.lines)
    st.html(f'<div class="slide" style="padding-top:12vh"><h1 style="font-size:60px">{h(slide.title)}</h1>'
            f'<div class="sub" style="font-size:30px">{h(slide.subtitle)}</div>{lines}</div>')
elif slide.kind == "status":
    colours = slide.table.attrs.get("colours", [])
    head = "".join(f"<th>{h(c)}</th>" for c in slide.table.columns)
    status_col = list(slide.table.columns).index(t("col_status", lang))
    body = "".join(
        "<tr>" + "".join(f'<td class="status" style="background:{colours[i]}">{h(v)}</td>' if j == status_col
                         else f"<td>{h(v)}</td>" for j, v in enumerate(row)) + "</tr>"
        for i, row in enumerate(slide.table.itertuples(index=False)))
    st.html(header(slide.title, slide.subtitle) + f'<div class="slide"><table><tr>{head}</tr>{body}</table></div>')
elif slide.kind == "target":
    card = slide.card
    st.html(header(slide.title, slide.subtitle))
    left, right = st.columns([2, 3])
    with left:
        facts = [card.target_text, card.completion_text, card.forecast_text or "", card.years_text or "",
                 f"{t('why', lang)}: {card.why}"]
        st.html(f'<div class="slide"><span class="badge" style="background:{card.status.colour}">'
                f'{h(card.status_label)}</span><div class="big">{h(card.actual_text)}</div>'
                + "".join(f"<div>{h(f)}</div>" for f in facts if f) + "</div>")
    with right:
        st.plotly_chart(slide.figure, key=f"slide_chart_{current}", theme=None, config={
            "displaylogo": False, "toImageButtonOptions": {"format": "png", "width": 1920, "height": 1080}})
else:
    st.html(header(slide.title, slide.subtitle))
    st.plotly_chart(slide.figure, key=f"slide_chart_{current}", theme=None, config={
        "displaylogo": False, "toImageButtonOptions": {"format": "png", "width": 1920, "height": 1080}})


def go(to: int) -> None:
    st.session_state["slide"] = to


previous, counter, following, leave = st.columns([1, 1, 1, 1])
previous.button(t("previous", lang), on_click=go, args=(max(1, current - 1),), disabled=current == 1,
                key="slide_previous", width="stretch")
counter.html(f'<div class="slide" style="text-align:center">{h(t("slide_counter", lang, n=current, total=total))}</div>')
following.button(t("next", lang), on_click=go, args=(min(total, current + 1),), disabled=current == total,
                 key="slide_next", width="stretch")
leave.page_link("pages/overview.py", label=t("exit_presentation", lang), icon=":material/logout:")
