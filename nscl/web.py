"""Streamlit glue shared by app.py and the pages: database, filters, cached queries."""
from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass

import duckdb
import streamlit as st

from . import indicators
from .db import meta_value, open_database
from .i18n import DEFAULT_LANG, LANGS, fmt_date, t
from .plan import Plan, PlanError, load_plan_by_id
from .settings import Settings

LANG_NAMES = {"vi": "Tiếng Việt", "en": "English"}


@dataclass(frozen=True)
class Context:
    settings: Settings
    plan: Plan
    lang: str
    phase_id: str
    as_of: dt.date

    @property
    def phase(self):
        return self.plan.phase(self.phase_id)


@st.cache_resource(max_entries=4, show_spinner=False)
def _database(db_path: str, plan_id: str, plans_dir: str) -> tuple[duckdb.DuckDBPyConnection, Plan]:
    plan = load_plan_by_id(plan_id, plans_dir)
    return open_database(db_path, plan), plan


def database(settings: Settings) -> tuple[duckdb.DuckDBPyConnection, Plan]:
    """The process-wide connection and plan; stops the page with a clear message on failure."""
    try:
        return _database(settings.db_path, settings.plan_id, settings.plans_dir)
    except PlanError as exc:
        st.error(f"Lỗi cấu hình kế hoạch (Plan configuration error): {exc}")
    except duckdb.IOException as exc:
        st.error("Không mở được cơ sở dữ liệu: có thể một chương trình khác đang dùng tệp này. "
                 f"(Cannot open the database; another program may hold it.) {exc}")
    st.stop()


def cursor(settings: Settings) -> duckdb.DuckDBPyConnection:
    """A cursor of the shared connection: DuckDB connections are not thread-safe, cursors are."""
    con, _ = database(settings)
    return con.cursor()


def _parse_date(raw: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def _init_state(key: str, value) -> None:
    if key not in st.session_state:
        st.session_state[key] = value


def sidebar(settings: Settings) -> Context:
    """Shared sidebar (language, phase, as-of date), kept in the URL so links reproduce a view."""
    _, plan = database(settings)
    params = st.query_params
    lang_param = params.get("lang")
    _init_state("lang", lang_param if lang_param in LANGS else DEFAULT_LANG)
    _init_state("as_of", _parse_date(params.get("as_of")) or dt.date.today())
    phase_ids = [p.id for p in plan.phases]
    phase_param = params.get("phase")
    _init_state("phase", phase_param if phase_param in phase_ids else plan.phase_for(st.session_state["as_of"]).id)

    with st.sidebar:
        lang = st.segmented_control(t("language", st.session_state["lang"]), options=list(LANGS),
                                    format_func=LANG_NAMES.get, key="lang", required=True) or DEFAULT_LANG
        st.selectbox(t("phase", lang), phase_ids, key="phase")
        st.date_input(t("as_of", lang), key="as_of", format="DD/MM/YYYY",
                      min_value=plan.phases[0].start - dt.timedelta(days=366 * 3),
                      max_value=plan.phases[-1].end + dt.timedelta(days=366))
        st.caption(f"{t('plan', lang)} {plan.number} · {plan.province[lang]}")

    ctx = Context(settings, plan, lang, st.session_state["phase"], st.session_state["as_of"])
    st.query_params.update({"lang": ctx.lang, "phase": ctx.phase_id, "as_of": ctx.as_of.isoformat()})
    return ctx


@st.cache_data(max_entries=64, ttl=3600, show_spinner=False)
def _is_demo(db_path: str, plan_id: str, plans_dir: str) -> bool:
    return meta_value(cursor(Settings(db_path, plan_id, plans_dir)), "demo_data") == "true"


def demo_banner(ctx: Context) -> None:
    s = ctx.settings
    if _is_demo(s.db_path, s.plan_id, s.plans_dir):
        st.warning(t("demo_banner", ctx.lang), icon="⚠️")


@st.cache_data(max_entries=128, ttl=3600, show_spinner=False)
def _indicator_results(db_path: str, plan_id: str, plans_dir: str, phase_id: str,
                       as_of: dt.date) -> list[indicators.IndicatorResult]:
    settings = Settings(db_path, plan_id, plans_dir)
    _, plan = database(settings)
    return indicators.compute_all(cursor(settings), plan, plan.phase(phase_id), as_of)


def indicator_results(ctx: Context) -> list[indicators.IndicatorResult]:
    s = ctx.settings
    return _indicator_results(s.db_path, s.plan_id, s.plans_dir, ctx.phase_id, ctx.as_of)


def badge(label: str, colour: str, size: str = "0.85rem") -> str:
    """A coloured status pill; the label is escaped, never raw HTML."""
    return (f'<span style="background:{colour};color:#fff;padding:2px 10px;border-radius:999px;'
            f'font-size:{size};font-weight:600;white-space:nowrap">{html.escape(label)}</span>')


def page_header(ctx: Context, title_key: str) -> None:
    st.title(t(title_key, ctx.lang))
    plan = ctx.plan
    st.caption(f"{t('plan', ctx.lang)} {plan.number} · {plan.issuer[ctx.lang]} · "
               f"{t('phase', ctx.lang)} {ctx.phase_id} · {t('as_of', ctx.lang)} {fmt_date(ctx.as_of)}")
