"""Streamlit pieces every page uses: header, badges, charts, tables with downloads."""
from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import TypeVar

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from .. import indicators, registry
from ..i18n import fmt_date, fmt_number, t
from ..present.escape import chart_text, markdown_text
from ..present.style import wrap
from ..present.tables import DASH, styled_frame
from .context import Context
from .data import is_demo

T = TypeVar("T")


def demo_banner(ctx: Context) -> None:
    if is_demo(ctx.settings):
        st.warning(t("demo_banner", ctx.lang), icon=":material/warning:")
    if ctx.plan.illustrative:  # every page of an example plan says so
        st.warning(ctx.plan.example_note(ctx.lang), icon=":material/science:")
    if ctx.settings.read_only:
        st.info(t("read_only_replica", ctx.lang), icon=":material/visibility:")


def no_target_note(ctx: Context) -> None:
    st.info(t("no_target_here", ctx.lang, plan=ctx.plan.number), icon=":material/info:")


def target_rules(ctx: Context, result: indicators.IndicatorResult, with_status: bool = False) -> None:
    """Under a target's heading: its status when asked (pages without their own badge), what is
    counted and the rule that judges it; over a phase that has ended, why it has its final status."""
    from ..present.cards import rule_text, why_text, years_text

    a = result.assessment
    if with_status:
        st.html(badge(a.status.label(ctx.lang), a.status.colour))
    if a.closed:
        st.caption(f"{t('why', ctx.lang)}: {markdown_text(why_text(result, ctx.lang, ctx.as_of))}")
    st.caption(markdown_text(registry.definition(result.target, ctx.lang)))
    rule = rule_text(result, ctx.lang)
    if rule:
        st.caption(f"{t('rule_label', ctx.lang)}: {markdown_text(rule)}")
    years = years_text(result, ctx.lang)
    if years:
        st.caption(years)


def badge(label: str, colour: str, size: str = "0.85rem") -> str:
    """A coloured status pill; the label is escaped, never raw HTML."""
    return (f'<span style="background:{colour};color:#fff;padding:2px 10px;border-radius:999px;'
            f'font-size:{size};font-weight:600;white-space:nowrap">{html.escape(label)}</span>')


PRINT_CSS = """<style>
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stExpander"], [data-testid="stPageLink"] { display: none !important; }
  [data-testid="stMain"] { margin-left: 0 !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; zoom: 0.62; }
  [data-testid="stHorizontalBlock"] { flex-wrap: nowrap !important; }
  [data-testid="stColumn"] { flex: 0 0 49% !important; width: 49% !important; max-width: 49% !important;
                             min-width: 0 !important; }
  [data-testid="stHorizontalBlock"] { break-inside: avoid; page-break-inside: avoid; display: flex !important; }
}
</style>"""


def print_css() -> None:
    st.html(PRINT_CSS)


def page_header(ctx: Context, title_key: str) -> None:
    """A page's title, the plan, period and as-of date under it, and which enterprise filters are on."""
    st.title(t(title_key, ctx.lang))
    plan = ctx.plan
    st.caption(f"{t('plan', ctx.lang)} {markdown_text(plan.number)} · {markdown_text(plan.issuer[ctx.lang])} · "
               f"{t('period', ctx.lang)} {ctx.window.label} · {t('as_of', ctx.lang)} {fmt_date(ctx.as_of)}")
    active = [t(k, ctx.lang) for k, name in (("sector", "sectors"), ("place", "places"), ("size", "sizes"),
                                              ("ownership", "ownerships")) if getattr(ctx.filters, name)]
    if active:
        st.caption(t("filters_active", ctx.lang, names=", ".join(active)))
    from ..present.cards import closed_note

    closed = closed_note(ctx.phase, ctx.as_of, ctx.lang)
    if closed:
        st.info(closed, icon=":material/flag:")


def card_grid(items: Iterable[T], show: Callable[[T], None], per_row: int = 2, gap: str = "small",
              border: bool = False, key: Callable[[T], str] | None = None) -> None:
    """Lay one card per item out `per_row` to a row, each row its own st.columns, so the cards of a
    row line up on screen and a row breaks cleanly in print (PRINT_CSS); `show(item)` draws a card
    in its cell, inside a container (bordered when asked, keyed by `key(item)`) when either is given.
    The overview, training and certification pages lay their target cards out with it."""
    items = list(items)
    for start in range(0, len(items), per_row):
        row = st.columns(per_row, gap=gap)
        for cell, item in zip(row, items[start:start + per_row], strict=False):
            if border or key is not None:
                with cell.container(border=border, key=None if key is None else key(item)):
                    show(item)
            else:
                with cell:
                    show(item)


def chart_title(ctx: Context, what: str, period: str | None = None) -> str:
    """What, then where and when on two short lines (a phone's chart is 330 px wide)."""
    small = "<span style='font-size:12px;color:#495057'>{}</span>"
    return "<br>".join([wrap(what, 34), small.format(chart_text(f"{ctx.place_name} · {period or ctx.window.label}")),
                        small.format(f"{t('as_of', ctx.lang).lower()} {fmt_date(ctx.as_of)}")])


def table_title(ctx: Context, what: str) -> list[str]:
    """The lines above a downloaded table: what it is, where, the period, the as-of date, filters."""
    active = [t(k, ctx.lang) for k, name in (("sector", "sectors"), ("place", "places"), ("size", "sizes"),
                                              ("ownership", "ownerships")) if getattr(ctx.filters, name)]
    return [what, f"{ctx.place_name} · {t('plan', ctx.lang)} {ctx.plan.number}",
            f"{t('period', ctx.lang)}: {ctx.window.label} · {t('as_of', ctx.lang)}: {fmt_date(ctx.as_of)}",
            t("filters_active", ctx.lang, names=", ".join(active)) if active else ""]


CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(where, label: str, data: bytes, file_name: str, mime: str, key: str | None = None) -> None:
    """A download button holding its file's bytes.

    Never a callable (Streamlit's deferred download): Streamlit stores the file a callable makes
    unreferenced, and any two script runs that end elsewhere in the process (other viewers' page
    runs, a closed tab) delete it, so under load the browser's request for it found nothing and
    the click downloaded nothing. Bytes given here stay with this session's button until its next
    run. Callers build the bytes only when they are likely wanted (an open expander) or memoise
    them (`memo_bytes`)."""
    where.download_button(label, data, file_name, mime, key=key, width="stretch", on_click="ignore")


def memo_bytes(key: tuple, build) -> bytes:
    """The bytes `build()` makes, kept in this session for `key` (the newest ten), so that a
    rerun of the same state does not build a large file again."""
    memo: dict = st.session_state.setdefault("_download_memo", {})
    if key not in memo:
        memo[key] = build()
        for old in list(memo)[:-10]:
            del memo[old]
    return memo[key]


def data_table(ctx: Context, frame: pd.DataFrame, key: str, file_stem: str, what: str | None = None) -> None:
    """The table behind a chart; its CSV and XLSX are built only while the expander is open
    (opening it reruns the page)."""
    from ..spreadsheets import to_csv_bytes, to_xlsx_bytes

    title = table_title(ctx, what or t("view_data", ctx.lang))
    with st.expander(t("view_data", ctx.lang), key=f"{key}_open", on_change="rerun") as box:
        show_table(frame, ctx.lang)
        if box.open:
            left, right = st.columns(2)
            download(left, t("download_csv", ctx.lang), to_csv_bytes(frame, ctx.lang), f"{file_stem}.csv",
                     CSV_MIME, key=f"{key}_csv")
            download(right, t("download_xlsx", ctx.lang), to_xlsx_bytes(frame, lang=ctx.lang, title=title),
                     f"{file_stem}.xlsx", XLSX_MIME, key=f"{key}_xlsx")


def show_table(frame: pd.DataFrame, lang: str) -> None:
    """A table as a person reads it, every cell through nscl.present.tables (numbers in the
    language's marks, shares as percentages, money in millions or billions of đồng, dates as
    dd/mm/yyyy, a dash or a word where there is no value). Columns of numbers and dates keep
    their values under that text (`styled_frame`), so sorting one by its header orders the
    values: 9 before 10, 999 before 1.234. The grid draws a missing number or date itself, as
    its placeholder: a dash, as in the other cells."""
    st.dataframe(styled_frame(frame, lang), hide_index=True, width="stretch", placeholder=DASH)


class _Drawn(go.Figure):
    """A figure already turned into Plotly's plain dict (go.Figure.to_dict), as the caches keep
    it. Streamlit validates a dict by building a go.Figure from it (about 14 ms a chart) but
    takes a figure's to_dict() as valid: this figure's to_dict() is the dict, so a cached chart
    costs only its JSON encoding. Nothing else of go.Figure is used."""

    def __init__(self, spec: dict):  # no go.Figure.__init__: that is the cost this avoids
        self._spec = spec

    def to_dict(self) -> dict:
        return self._spec


def drawable(fig):
    """What st.plotly_chart draws fastest: a figure as it is, a cached dict as a _Drawn."""
    return _Drawn(fig) if isinstance(fig, dict) else fig


def chart(fig, key: str, selectable: bool = False, config: dict | None = None) -> list[dict]:
    """Render a chart (a go.Figure or its cached dict); with selectable, return the points the
    user selected."""
    config = config or {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}
    fig = drawable(fig)
    if not selectable:
        st.plotly_chart(fig, key=key, config=config)
        return []
    event = st.plotly_chart(fig, key=key, config=config, on_select="rerun", selection_mode=("points",))
    try:
        return list(event.selection.points)
    except AttributeError:
        return []


def selected_keys(points: list[dict]) -> tuple[int | None, str | None]:
    """(year, key) of the first selected bar, from its customdata."""
    for point in points:
        data = point.get("customdata") or []
        year = int(data[0]) if len(data) > 0 and str(data[0]).isdigit() else None
        key = data[1] if len(data) > 1 and data[1] != "" else None
        return year, key
    return None, None


def growth_columns(ctx: Context, result, names: dict[str, str]) -> pd.DataFrame:
    """The table behind a growth chart: the named columns, and after the growth how it was
    compared (the running year: its days so far against the same days of the previous year)."""
    series = result.series
    table = columns_in(ctx, series, names)
    day = result.as_of.strftime("%d/%m") if result.as_of else ""
    how = ["" if pd.isna(g) else t("comparison_full_year", ctx.lang) if done else
           t("comparison_same_days", ctx.lang, day=day) for g, done in zip(series["growth"], series["complete"])]
    position = list(table.columns).index(t("col_growth", ctx.lang)) + 1
    table.insert(position, t("col_comparison", ctx.lang), how)
    return table


PERCENT_COLUMNS = {"col_growth"}  # text keys of columns holding shares (0.13 is 13 %)
MONEY_COLUMNS = {"col_funding"}  # text keys of columns holding amounts in đồng
MISSING_WORDS = {"col_expires_on": "cell_no_expiry"}  # what an empty cell of such a column means


def columns_in(ctx: Context, frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Keep and rename columns for display: names maps column -> text key. Columns of shares and
    of money are marked, so tables and downloads show them as percentages and đồng, and columns
    whose empty cell means something (no expiry date) say so (nscl.present.tables)."""
    out = frame[[c for c in names if c in frame.columns]].copy()
    out = out.rename(columns={c: t(k, ctx.lang) for c, k in names.items()})
    out.attrs["percent"] = [t(k, ctx.lang) for c, k in names.items() if k in PERCENT_COLUMNS and c in frame.columns]
    out.attrs["money"] = [t(k, ctx.lang) for c, k in names.items() if k in MONEY_COLUMNS and c in frame.columns]
    out.attrs["missing"] = {t(k, ctx.lang): MISSING_WORDS[k] for c, k in names.items()
                            if k in MISSING_WORDS and c in frame.columns}
    return out


SLIDE_KEYS_JS = """<script>
// Keys a presentation clicker sends move between slides; F or the button toggles full screen.
// One listener for the app's page, acting only while the presentation's controls are on it.
const doc = document, win = window;
const controls = () => doc.querySelector('.st-key-slide_controls');
const fullScreen = () => doc.fullscreenElement ? doc.exitFullscreen() : doc.documentElement.requestFullscreen();
if (!win.__nsclSlideKeys) {
  win.__nsclSlideKeys = true;
  const keys = {ArrowRight: 'slide_next', ArrowDown: 'slide_next', PageDown: 'slide_next', ' ': 'slide_next',
                ArrowLeft: 'slide_previous', ArrowUp: 'slide_previous', PageUp: 'slide_previous',
                Home: 'slide_first', End: 'slide_last'};
  doc.addEventListener('keydown', (event) => {
    if (!controls() || ['INPUT', 'TEXTAREA', 'SELECT'].includes(event.target.tagName)) return;
    if (event.key === 'f' || event.key === 'F') { event.preventDefault(); fullScreen(); return; }
    const button = keys[event.key] && doc.querySelector('.st-key-' + keys[event.key] + ' button');
    if (button) { event.preventDefault(); if (!button.disabled) button.click(); }
  });
  const toggle = doc.createElement('button');
  toggle.id = 'nscl-full-screen';
  toggle.style.cssText = 'position:fixed;left:18px;bottom:14px;z-index:1000;font-size:22px;padding:6px 14px;' +
    'border:1px solid #ced4da;border-radius:10px;background:#fff;opacity:.1;cursor:pointer';
  toggle.onmouseenter = () => { toggle.style.opacity = 1; };
  toggle.onmouseleave = () => { toggle.style.opacity = .1; };
  toggle.onclick = fullScreen;
  doc.body.appendChild(toggle);
  setInterval(() => { toggle.style.display = controls() ? 'block' : 'none'; }, 400);
}
doc.getElementById('nscl-full-screen').textContent = LABEL;
</script>"""


def slide_keys(label: str) -> None:
    """Keyboard (arrows, PageUp/PageDown, Space, Home/End, F) and a full-screen button for the
    presentation. The script is this module's constant; the label comes from the translation
    table as a JSON string and is set as text, never as markup."""
    import json

    st.html(SLIDE_KEYS_JS.replace("LABEL", json.dumps(label)), unsafe_allow_javascript=True)


BUILTIN_WORDS_JS = """<script>
// Streamlit writes some words of its widgets in English ("Select all", "Upload", "Drag and drop a
// file here", "100MB per file"): show them in the interface's language. Texts only, set as text.
window.__nsclWords = WORDS;
if (!window.__nsclWordsObserver) {
  const patterns = [[/^Select (\\d+) matches$/, 'matches'], [/^(\\S+) per file$/, 'per_file']];
  const rewrite = (node) => {
    const words = window.__nsclWords || {};
    const text = node.nodeValue && node.nodeValue.trim();
    if (!text) return;
    if (words.exact && words.exact[text]) { node.nodeValue = words.exact[text]; return; }
    // A file's size under its name ("6.2KB"): the language's decimal mark and a space.
    const size = words.decimal && text.match(/^(\\d+(?:\\.\\d+)?) ?(B|KB|MB|GB)$/);
    if (size) { node.nodeValue = size[1].replace('.', words.decimal) + ' ' + size[2]; return; }
    for (const [pattern, key] of patterns) {
      const found = text.match(pattern);
      if (found && words[key]) { node.nodeValue = words[key].replace('{}', found[1]); return; }
    }
  };
  const walk = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) rewrite(walker.currentNode);
  };
  window.__nsclWalk = walk;
  window.__nsclWordsObserver = new MutationObserver((mutations) => {
    for (const m of mutations) {
      if (m.type === 'characterData') rewrite(m.target);
      m.addedNodes.forEach((n) => n.nodeType === 3 ? rewrite(n) : n.nodeType === 1 && walk(n));
    }
  });
  window.__nsclWordsObserver.observe(document.body, {childList: true, subtree: true, characterData: true});
}
window.__nsclWalk(document.body);
</script>"""


def builtin_words(lang: str) -> None:
    """Streamlit's English widget words in the interface's language (no-op in English). The
    words come from the translation table as JSON and are set as text, never as markup."""
    import json

    if lang == "en":
        words = {}
    else:
        exact = {t(key, "en"): t(key, lang) for key in ("builtin_select_all", "builtin_no_results",
                                                        "builtin_drag_file", "builtin_drag_files", "builtin_upload")}
        words = {"exact": exact, "matches": t("builtin_select_matches", lang, n="{}"),
                 "per_file": t("builtin_per_file", lang, size="{}"), "decimal": fmt_number(0.5, lang, 1)[1]}
    with st.sidebar:
        st.html(BUILTIN_WORDS_JS.replace("WORDS", json.dumps(words, ensure_ascii=False)),
                unsafe_allow_javascript=True)
