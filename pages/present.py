"""Trình chiếu: one 16:9 slide at a time, large type, no sidebar; ?slide=N reopens slide N."""
import html

import streamlit as st

from nscl import ui
from nscl.i18n import t
from nscl.present.style import short

ctx = ui.page_context(__file__)
lang = ctx.lang
slides = ui.meeting_slides(ctx)
total = len(slides)

if "slide" not in st.session_state:
    st.session_state["slide"] = ui.slide_from_link(total)
current = min(st.session_state["slide"], total)
st.query_params["slide"] = str(current)
slide = slides[current - 1]

st.html("""<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stToolbar"], [data-testid="stAlertContainer"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 2vh 3vw 0 3vw; max-width: 100%; }
[data-testid="stMain"] { overflow: hidden; }
.slide { color: #111; font-size: clamp(24px, 1.5vw, 28px); line-height: 1.3; }
.slide h1 { font-size: clamp(30px, 2.5vw, 48px); margin: 0 0 .2rem 0; line-height: 1.15; padding: 0; }
.slide .sub { color: #333; font-size: 26px; margin-bottom: .6rem; }
.slide .big { font-size: 64px; font-weight: 700; line-height: 1.1; margin: .4rem 0; }
.slide .badge { display: inline-block; color: #fff; font-weight: 700; font-size: 30px; padding: 4px 22px; border-radius: 999px; }
.slide table { border-collapse: collapse; width: 100%; font-size: 26px; }
.slide th, .slide td { border-bottom: 2px solid #ccc; padding: 10px 12px; text-align: left; vertical-align: top; }
.slide td.status { color: #fff; font-weight: 700; }
/* The chart fills the rest of a 16:9 screen, whatever its size. */
.st-key-slide_stage, .st-key-slide_stage [data-testid="stPlotlyChart"] { height: calc(100vh - 240px) !important; }
/* The controls sit over the slide's corner and show themselves on hover (a clicker uses keys). */
/* A phone is taller than wide: the chart gets a projector's height and the slide scrolls. */
@media (max-width: 700px) {
  .st-key-slide_stage, .st-key-slide_stage [data-testid="stPlotlyChart"] { height: 720px !important; }
}
.st-key-slide_controls { position: fixed; right: 18px; bottom: 14px; z-index: 1000; width: auto !important;
  background: rgba(255,255,255,.95); border-radius: 10px; padding: 6px 10px; opacity: .1; transition: opacity .2s; }
.st-key-slide_controls:hover, .st-key-slide_controls:focus-within { opacity: 1; }
.st-key-slide_controls p { font-size: 24px !important; }
/* A phone has no hover and no room to spare: the controls follow the slide, in full view, and the
   projector's type sizes step down so a title does not run under them. */
@media (max-width: 700px) {
  [data-testid="stMain"] { overflow: visible; }
  .st-key-slide_controls { position: static; opacity: 1; flex-wrap: wrap !important; padding: 8px 0;
    background: none; }
  .st-key-slide_controls p { font-size: 18px !important; }
  .slide h1 { font-size: 28px !important; }
  .slide .sub { font-size: 19px !important; }
  .slide .big { font-size: 44px; }
  .slide .badge { font-size: 22px; }
  .slide table { font-size: 15px; }
  .slide th, .slide td { padding: 6px 5px; }
  .slide:has(table) { overflow-x: auto; }  /* a wide table scrolls inside the slide, not the page */
  #nscl-full-screen { display: none !important; }  /* fixed over the controls; a phone shows the slide whole */
}
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
        facts = [card.rate_text or "", f"{t('target', lang)}: {card.target_text}", card.completion_text, card.forecast_text or "",
                 card.needed_text or "", card.years_text or "", f"{t('why', lang)}: {card.why}",
                 *card.notes.lines, *[short(line, 240) for line in card.notes.comment_lines]]
        st.html(f'<div class="slide"><span class="badge" style="background:{card.status.colour}">'
                f'{h(card.status_label)}</span><div class="big">{h(card.actual_text)}</div>'
                f'<div>{h(card.actual_note)}</div>' + "".join(f"<div>{h(f)}</div>" for f in facts if f) + "</div>")
    with right, st.container(key="slide_stage"):
        st.plotly_chart(slide.figure, key=f"slide_chart_{current}", theme=None, height="stretch",
                        config={"displayModeBar": False, "responsive": True})
elif slide.kind == "note":  # why a slide is not there
    st.html(header(slide.title, slide.subtitle) + '<div class="slide">'
            + "".join(f"<p>{h(line)}</p>" for line in slide.lines) + "</div>")
else:
    st.html(header(slide.title, slide.subtitle))
    with st.container(key="slide_stage"):
        st.plotly_chart(slide.figure, key=f"slide_chart_{current}", theme=None, height="stretch",
                        config={"displayModeBar": False, "responsive": True})


def go(to: int) -> None:
    st.session_state["slide"] = to


with st.container(key="slide_controls", horizontal=True, vertical_alignment="center"):
    # A word beside the icon: an icon-only button gets Streamlit's English "first_page icon" for screen readers.
    st.button(t("first_short", lang), icon=":material/first_page:", on_click=go, args=(1,), disabled=current == 1,
              key="slide_first", help=t("first_slide", lang))
    st.button(t("previous", lang), on_click=go, args=(max(1, current - 1),), disabled=current == 1,
              key="slide_previous")
    st.html(f'<div class="slide" style="font-size:24px;white-space:nowrap">'
            f'{h(t("slide_counter", lang, n=current, total=total))}</div>')
    st.button(t("next", lang), on_click=go, args=(min(total, current + 1),), disabled=current == total,
              key="slide_next")
    st.button(t("last_short", lang), icon=":material/last_page:", on_click=go, args=(total,), disabled=current == total,
              key="slide_last", help=t("last_slide", lang))
    st.page_link("pages/overview.py", label=t("exit_presentation", lang), icon=":material/logout:")
    ui.slide_keys(t("full_screen", lang))
