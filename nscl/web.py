"""Streamlit glue shared by app.py and the pages: database, sidebar filters, cached queries."""
from __future__ import annotations

import datetime as dt
import html
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

from . import indicators, registry
from .db import meta_value, open_database
from .filters import ENTERPRISE_FILTERS, OWNERSHIPS, SIZES, Filters, Window
from .i18n import DEFAULT_LANG, LANGS, TEXT, fmt_date, t
from .plan import Plan, PlanError, load_plan_by_id
from .settings import Settings
from .sql import library

LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}
CUSTOM = "custom"
MANAGED_PARAMS = {"lang", "phase", "as_of", "years", "geo", *ENTERPRISE_FILTERS}


@dataclass(frozen=True)
class PageSpec:
    path: str
    title_key: str
    icon: str
    url_path: str  # equal to the file's stem, so a direct link finds the page in every mode
    filters: tuple[str, ...]  # enterprise filters that apply on this page


PAGES = (
    PageSpec("pages/overview.py", "overview", ":material/dashboard:", "overview", ()),
    PageSpec("pages/training.py", "training", ":material/school:", "training", ENTERPRISE_FILTERS),
    PageSpec("pages/certification.py", "certification", ":material/verified:", "certification", ENTERPRISE_FILTERS),
    PageSpec("pages/supported.py", "supported_page", ":material/handshake:", "supported", ENTERPRISE_FILTERS),
    PageSpec("pages/pilots.py", "pilots_page", ":material/star:", "pilots", ENTERPRISE_FILTERS),
    PageSpec("pages/conformity.py", "cab_page", ":material/fact_check:", "conformity", ()),
    PageSpec("pages/catalogue.py", "catalogue_page", ":material/menu_book:", "catalogue", ()),
    PageSpec("pages/present.py", "present_page", ":material/slideshow:", "present", ENTERPRISE_FILTERS),
    PageSpec("pages/report.py", "report_page", ":material/description:", "report", ENTERPRISE_FILTERS),
    PageSpec("pages/upload.py", "upload_page", ":material/upload_file:", "upload", ()),
)


def target_page(target) -> str:
    """The page file showing a target's details (the registry names it by url_path)."""
    url_path = registry.page_of(target)
    return next(spec.path for spec in PAGES if spec.url_path == url_path)


@dataclass(frozen=True)
class Context:
    settings: Settings
    plan: Plan
    lang: str
    phase_id: str
    as_of: dt.date
    window: Window
    filters: Filters
    page: PageSpec

    @property
    def phase(self):
        return self.plan.phase(self.phase_id)

    @property
    def place_name(self) -> str:
        return self.plan.province[self.lang]


@st.cache_resource(max_entries=4, show_spinner=False)
def _database(db_path: str, plan_id: str, plans_dir: str, snapshot: str = "") -> tuple[duckdb.DuckDBPyConnection, Plan]:
    plan = load_plan_by_id(plan_id, plans_dir)
    if snapshot:
        from .snapshot import open_snapshot

        return open_snapshot(snapshot), plan
    return open_database(db_path, plan), plan


def database(settings: Settings) -> tuple[duckdb.DuckDBPyConnection, Plan]:
    """The process-wide connection and plan; stops the page with a clear message on failure."""
    try:
        return _database(settings.db_path, settings.plan_id, settings.plans_dir, settings.snapshot)
    except PlanError as exc:
        st.error(t("plan_error", _lang(), detail=exc))
    except FileNotFoundError as exc:
        st.error(str(exc))
    except duckdb.IOException as exc:
        st.error(t("database_error", _lang(), detail=exc))
    st.stop()


def _lang() -> str:
    lang = st.session_state.get("lang") or st.query_params.get("lang")
    return lang if lang in LANGS else DEFAULT_LANG


def cursor(settings: Settings) -> duckdb.DuckDBPyConnection:
    """A cursor of the shared connection: DuckDB connections are not thread-safe, cursors are."""
    con, _ = database(settings)
    return con.cursor()


@st.cache_data(max_entries=512, ttl=3600, show_spinner=False)
def query(settings: Settings, name: str, /, **params) -> pd.DataFrame:
    """A named query from queries/, cached per parameters (all aggregation happens in SQL)."""
    return library().df(cursor(settings), name, **params)


def run_query(ctx: Context, name: str, **params) -> pd.DataFrame:
    return query(ctx.settings, name, **params)


# ---------------------------------------------------------------- labels

@st.cache_data(max_entries=16, ttl=3600, show_spinner=False)
def catalogue(settings: Settings) -> tuple[pd.DataFrame, pd.DataFrame]:
    con = cursor(settings)
    return library().df(con, "sector_labels"), library().df(con, "place_labels")


def place_options(settings: Settings, geography: str, lang: str) -> dict[str, str]:
    """Codes and labels of the places one can pick in a geography."""
    _, places = catalogue(settings)
    name = places[f"name_{lang}"]
    if geography == "district":
        rows = places[places["level"] == "district"]
        return dict(zip(rows["code"], name[rows.index]))
    out = {}
    for row in places.itertuples():
        label = getattr(row, f"name_{lang}")
        if row.level == "commune":
            out[row.code] = label
        elif row.current_code == row.code:  # a former district that does not map forward
            out[row.code] = t("former_district_label", lang, name=label)
    return out


def labeller(ctx: Context, dimension: str):
    """Code -> label for a breakdown dimension, in the UI language."""
    lang = ctx.lang
    sectors, _ = catalogue(ctx.settings)
    if dimension == "sector":
        names = dict(zip(sectors["code"], sectors[f"name_{lang}"]))
        return lambda code: f"{code} – {names[code]}" if code in names else (code or t("unknown", lang))
    if dimension == "place":
        names = place_options(ctx.settings, ctx.filters.geography, lang)
        return lambda code: names.get(code, code or t("unknown", lang))
    prefix = {"size": "size_", "ownership": "own_", "solution_type": "sol_", "kind": "kind_", "role": "role_"}.get(dimension)
    if prefix:
        return lambda code: t(prefix + code, lang) if (prefix + str(code)) in TEXT else (code or t("unknown", lang))
    return lambda code: code or t("unknown", lang)


def with_labels(ctx: Context, frame: pd.DataFrame, dimension: str) -> pd.DataFrame:
    label = labeller(ctx, dimension)
    out = frame.copy()
    out["label"] = [label(k) for k in out["key"]]
    return out


# ---------------------------------------------------------------- sidebar

def _parse_date(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _parse_years(raw: str | None, low: int, high: int) -> tuple[int, int] | None:
    try:
        a, b = (int(x) for x in (raw or "").split("-"))
    except ValueError:
        return None
    return (max(low, min(a, b)), min(high, max(a, b)))


def _init_state(key: str, value) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def _window(plan: Plan, period: str, years: tuple[int, int], as_of: dt.date) -> tuple[Window, str]:
    if period == CUSTOM:
        start, end = dt.date(years[0], 1, 1), dt.date(years[1], 12, 31)
        phase = plan.phase_for(min(end, max(as_of, start)))
        return Window(start, end, f"{years[0]}–{years[1]}", as_of, None, years), phase.id
    phase = plan.phase(period)
    return Window(phase.start, phase.end, phase.id, as_of, phase.id), phase.id


def sidebar(settings: Settings, page: PageSpec) -> Context:
    """Shared sidebar: language, period, as-of date, geography and enterprise filters.

    Every choice is mirrored in the URL so a copied link reopens the same view; filters that
    do not apply to the current page are shown disabled and named as not applying.
    """
    _, plan = database(settings)
    params = st.query_params
    sectors, _ = catalogue(settings)
    first_year = plan.phases[0].start.year - 2
    last_year = plan.phases[-1].end.year

    _init_state("lang", params.get("lang") if params.get("lang") in LANGS else DEFAULT_LANG)
    _init_state("as_of", _parse_date(params.get("as_of")) or dt.date.today())
    periods = [p.id for p in plan.phases] + [CUSTOM]
    _init_state("period", params.get("phase") if params.get("phase") in periods
                else plan.phase_for(st.session_state["as_of"]).id)
    _init_state("years", _parse_years(params.get("years"), first_year, last_year)
                or (plan.phases[0].start.year, min(st.session_state["as_of"].year, last_year)))
    _init_state("geo", params.get("geo") if params.get("geo") in ("district", "current") else "district")
    known = {"sectors": set(sectors["code"]), "sizes": set(SIZES), "ownerships": set(OWNERSHIPS),
             "places": set(place_options(settings, st.session_state["geo"], "vi"))}
    from_url = Filters.from_query(params, known)
    for name in ENTERPRISE_FILTERS:
        _init_state(f"f_{name}", list(getattr(from_url, name)))

    lang = st.session_state["lang"]
    applies = set(page.filters)
    with st.sidebar:
        lang = st.segmented_control(t("language", lang), options=list(LANGS), format_func=LANG_NAMES.get,
                                    key="lang", required=True) or DEFAULT_LANG
        st.selectbox(t("period", lang), periods, key="period",
                     format_func=lambda p: t("custom_years", lang) if p == CUSTOM else p)
        if st.session_state["period"] == CUSTOM:
            st.slider(t("years", lang), first_year, last_year, key="years")
        st.date_input(t("as_of", lang), key="as_of", format="DD/MM/YYYY",
                      min_value=dt.date(first_year, 1, 1), max_value=dt.date(last_year + 1, 12, 31))
        st.subheader(t("filters", lang))
        disabled = not applies
        st.radio(t("geography", lang), ["district", "current"], key="geo", disabled=disabled,
                 format_func=lambda g: t(f"geo_{g}", lang))
        geo = st.session_state["geo"]
        sector_names = dict(zip(sectors["code"], sectors[f"name_{lang}"]))
        places = place_options(settings, geo, lang)
        st.session_state["f_places"] = [p for p in st.session_state["f_places"] if p in places]
        choices = {
            "sectors": (list(sector_names), lambda c: f"{c} – {sector_names[c]}", "sector"),
            "places": (list(places), places.get, "place"),
            "sizes": (list(SIZES), lambda c: t(f"size_{c}", lang), "size"),
            "ownerships": (list(OWNERSHIPS), lambda c: t(f"own_{c}", lang), "ownership"),
        }
        for name, (options, label, title_key) in choices.items():
            st.multiselect(t(title_key, lang), options, key=f"f_{name}", format_func=label,
                           placeholder=t("all", lang), disabled=name not in applies)
        not_applying = [t(choices[n][2], lang) for n in ENTERPRISE_FILTERS if n not in applies]
        if not_applying:
            st.caption(t("not_applying", lang, names=", ".join(not_applying)))
        st.caption(f"{t('plan', lang)} {plan.number} · {plan.province[lang]}")
        user = st.session_state.get("user")
        if user is not None:
            st.caption(t("signed_in_as", lang, name=user.name))
            if st.button(t("sign_out", lang), key="sign_out"):
                del st.session_state["user"]
                st.rerun()

    filters = Filters(*(tuple(st.session_state[f"f_{n}"]) for n in ENTERPRISE_FILTERS), geography=geo)
    window, phase_id = _window(plan, st.session_state["period"], tuple(st.session_state["years"]),
                               st.session_state["as_of"])
    ctx = Context(settings, plan, lang, phase_id, st.session_state["as_of"], window,
                  filters.only(page.filters), page)
    url = {"lang": lang, "phase": st.session_state["period"], "as_of": ctx.as_of.isoformat(),
           **filters.to_query()}
    if st.session_state["period"] == CUSTOM:
        url["years"] = "{}-{}".format(*st.session_state["years"])
    for name in MANAGED_PARAMS - set(url):
        st.query_params.pop(name, None)
    st.query_params.update(url)  # page-level parameters (e.g. ?by=) stay
    return ctx


# ---------------------------------------------------------------- page parts

@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _is_demo(settings: Settings) -> bool:
    return meta_value(cursor(settings), "demo_data") == "true"


def demo_banner(ctx: Context) -> None:
    if _is_demo(ctx.settings):
        st.warning(t("demo_banner", ctx.lang), icon=":material/warning:")
    if ctx.settings.read_only:
        st.info(t("read_only_replica", ctx.lang), icon=":material/visibility:")


@st.cache_data(max_entries=128, ttl=3600, show_spinner=False)
def _indicator_results(settings: Settings, phase_id: str, as_of: dt.date,
                       filters: Filters) -> list[indicators.IndicatorResult]:
    _, plan = database(settings)
    return indicators.compute_all(cursor(settings), plan, plan.phase(phase_id), as_of, filters=filters)


def indicator_results(ctx: Context) -> list[indicators.IndicatorResult]:
    return _indicator_results(ctx.settings, ctx.phase_id, ctx.as_of, ctx.filters)


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _overview_cards(settings: Settings, phase_id: str, as_of: dt.date, lang: str, filters: Filters):
    from .overview import build_card

    _, plan = database(settings)
    return [build_card(r, lang, as_of, plan.province[lang])
            for r in _indicator_results(settings, phase_id, as_of, filters)]


def overview_cards(ctx: Context):
    """The overview's cards (texts and figures), cached like the results they come from."""
    return _overview_cards(ctx.settings, ctx.phase_id, ctx.as_of, ctx.lang, ctx.filters)


def page_results(ctx: Context) -> list[indicators.IndicatorResult]:
    """The results of the plan's targets shown on the current page, in plan order."""
    return [r for r in indicator_results(ctx) if registry.page_of(r.target) == ctx.page.url_path]


def no_target_note(ctx: Context) -> None:
    st.info(t("no_target_here", ctx.lang, plan=ctx.plan.number), icon=":material/info:")


def target_rules(ctx: Context, result: indicators.IndicatorResult) -> None:
    """Under a target's heading: what is counted, and the rule that judges it."""
    from .overview import rule_text, years_text

    st.caption(registry.definition(result.target, ctx.lang))
    rule = rule_text(result, ctx.lang)
    if rule:
        st.caption(f"{t('rule_label', ctx.lang)}: {rule}")
    years = years_text(result, ctx.lang)
    if years:
        st.caption(years)


def badge(label: str, colour: str, size: str = "0.85rem") -> str:
    """A coloured status pill; the label is escaped, never raw HTML."""
    return (f'<span style="background:{colour};color:#fff;padding:2px 10px;border-radius:999px;'
            f'font-size:{size};font-weight:600;white-space:nowrap">{html.escape(label)}</span>')


@st.cache_data(max_entries=32, ttl=3600, show_spinner=False)
def _meeting(settings: Settings, phase_id: str, as_of: dt.date, lang: str, filters: Filters):
    from .meeting import collect

    _, plan = database(settings)
    return collect(cursor(settings), plan, phase_id, as_of, lang, filters)[1]


def meeting_slides(ctx: Context):
    """The slides for the current choices (cached; the deck and report use the same ones)."""
    return _meeting(ctx.settings, ctx.phase_id, ctx.as_of, ctx.lang, ctx.filters)


PRINT_CSS = """<style>
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  [data-testid="stSidebar"], [data-testid="stHeader"], [data-testid="stToolbar"],
  [data-testid="stSidebarCollapsedControl"], [data-testid="stExpander"], [data-testid="stPageLink"] { display: none !important; }
  [data-testid="stMain"] { margin-left: 0 !important; }
  [data-testid="stMainBlockContainer"] { max-width: 100% !important; padding: 0 !important; zoom: 0.62; }
  [data-testid="stHorizontalBlock"] { flex-wrap: nowrap !important; }
  [data-testid="stColumn"] { flex: 0 0 49% !important; width: 49% !important; max-width: 49% !important; min-width: 0 !important; }
  [data-testid="stHorizontalBlock"] { break-inside: avoid; page-break-inside: avoid; display: flex !important; }
}
</style>"""


def print_css() -> None:
    st.html(PRINT_CSS)


def page_header(ctx: Context, title_key: str) -> None:
    st.title(t(title_key, ctx.lang))
    plan = ctx.plan
    st.caption(f"{t('plan', ctx.lang)} {plan.number} · {plan.issuer[ctx.lang]} · "
               f"{t('period', ctx.lang)} {ctx.window.label} · {t('as_of', ctx.lang)} {fmt_date(ctx.as_of)}")
    active = [t(k, ctx.lang) for k, name in (("sector", "sectors"), ("place", "places"), ("size", "sizes"),
                                              ("ownership", "ownerships")) if getattr(ctx.filters, name)]
    if active:
        st.caption(t("filters_active", ctx.lang, names=", ".join(active)))


def chart_title(ctx: Context, what: str, period: str | None = None) -> str:
    """What, then where and when on a second line."""
    return (f"{html.escape(what)}<br><span style='font-size:12px;color:#495057'>{html.escape(ctx.place_name)} · "
            f"{period or ctx.window.label} · {t('as_of', ctx.lang).lower()} {fmt_date(ctx.as_of)}</span>")


def data_table(ctx: Context, frame: pd.DataFrame, key: str, file_stem: str) -> None:
    """The table behind a chart, with CSV (UTF-8 with BOM) and XLSX downloads."""
    from .exports import to_csv_bytes, to_xlsx_bytes

    with st.expander(t("view_data", ctx.lang)):
        show_table(frame)
        left, right = st.columns(2)
        left.download_button(t("download_csv", ctx.lang), to_csv_bytes(frame), f"{file_stem}.csv",
                             "text/csv", key=f"{key}_csv", width="stretch", on_click="ignore")
        right.download_button(t("download_xlsx", ctx.lang), to_xlsx_bytes(frame), f"{file_stem}.xlsx",
                              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                              key=f"{key}_xlsx", width="stretch", on_click="ignore")


def show_table(frame: pd.DataFrame) -> None:
    """A table with dates as dd/mm/yyyy."""
    config = {}
    for column in frame.columns:
        values = frame[column].dropna()
        if pd.api.types.is_datetime64_any_dtype(frame[column]) or (
                len(values) and isinstance(values.iloc[0], dt.date)):
            config[column] = st.column_config.DateColumn(format="DD/MM/YYYY")
    st.dataframe(frame, hide_index=True, width="stretch", column_config=config)


def chart(fig, key: str, selectable: bool = False) -> list[dict]:
    """Render a chart; with selectable, return the points the user selected."""
    config = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}
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


def columns_in(ctx: Context, frame: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """Keep and rename columns for display: names maps column -> text key."""
    out = frame[[c for c in names if c in frame.columns]].copy()
    return out.rename(columns={c: t(k, ctx.lang) for c, k in names.items()})



def bootstrap(page: PageSpec) -> Context:
    """What every run does before a page: sidebar and filters, the optional login gate, the
    demo banner. Called by app.py, or by page_context when Streamlit ran a page on its own."""
    ctx = sidebar(Settings.from_env(), page)
    if os.environ.get("NSCL_REQUIRE_LOGIN") == "1" and "user" not in st.session_state:
        login_form(ctx)  # configured to require a login for everything
        st.stop()
    demo_banner(ctx)
    return ctx


def page_context(page_file: str) -> Context:
    """The context app.py built for this run.

    Streamlit runs a file of a folder named pages/ on its own (its older multipage mode)
    until some run of the entry script has called st.navigation in this process, e.g. when
    the first visitor opens a page's link directly, and in every AppTest run. Then app.py did
    not run: switch that mode off for the next runs and build the context here, so the page
    and the widget that triggered this run (a button click) are handled in this very run.
    """
    ctx = st.session_state.pop("ctx", None)
    if ctx is None:
        from streamlit.runtime.pages_manager import PagesManager

        PagesManager.uses_pages_directory = False
        name = Path(page_file).name
        ctx = bootstrap(next(spec for spec in PAGES if Path(spec.path).name == name))
    return ctx


def login_form(ctx: Context) -> None:
    """Staff login; the result is kept in the session."""
    from .auth import login

    st.subheader(t("sign_in", ctx.lang))
    st.caption(t("sign_in_needed", ctx.lang))
    with st.form("login"):
        username = st.text_input(t("username", ctx.lang))
        password = st.text_input(t("password", ctx.lang), type="password")
        submitted = st.form_submit_button(t("sign_in", ctx.lang), type="primary")
    if submitted:
        con, _ = database(ctx.settings)
        user, message = login(con, username, password)
        if user is None:
            st.error(message)
        else:
            st.session_state["user"] = user
            st.rerun()


def clear_caches(settings: Settings | None = None) -> None:
    """After a commit or undo every page must show the new data at once; replicas get a new
    snapshot when the writer is configured to publish one."""
    st.cache_data.clear()
    target = os.environ.get("NSCL_PUBLISH_SNAPSHOT")
    if target and settings is not None:
        from .snapshot import publish

        publish(database(settings)[0].cursor(), target)
