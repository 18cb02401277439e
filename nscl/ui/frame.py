"""The shared sidebar and its mirror in the URL: language, period, as-of date, geography and
enterprise filters; a copied link reopens the same view."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import streamlit as st

from .. import codes
from ..filters import ENTERPRISE_FILTERS, OWNERSHIPS, SIZES, Filters, Window
from ..i18n import DEFAULT_LANG, LANGS, t
from ..plan import Plan
from ..present import labels
from ..present.escape import markdown_text
from ..settings import Settings
from .context import Context
from .data import FAST_KEYS, catalogue, database
from .login import login_form
from .pages import PAGES, PageSpec
from .widgets import builtin_words, demo_banner

CUSTOM = "custom"


def lang_name(code: str) -> str:
    """A language's name in that language, so a reader finds theirs whatever the page's language."""
    return t(f"lang_name_{code}", code)
MANAGED_PARAMS = {"lang", "phase", "as_of", "years", "geo", *ENTERPRISE_FILTERS}


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False, hash_funcs=FAST_KEYS)
def place_options(settings: Settings, geography: str, lang: str) -> dict[str, str]:
    """Codes and labels of the places one can pick in a geography (every run's sidebar asks
    twice: cached)."""
    return labels.place_options(catalogue(settings)[1], geography, lang)


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
        lang = st.segmented_control(t("language", lang), options=list(LANGS), format_func=lang_name,
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
            "sizes": (list(SIZES), lambda c: codes.label("size", c, lang), "size"),
            "ownerships": (list(OWNERSHIPS), lambda c: codes.label("ownership", c, lang), "ownership"),
        }
        for name, (options, label, title_key) in choices.items():
            st.multiselect(t(title_key, lang), options, key=f"f_{name}", format_func=label,
                           placeholder=t("all", lang), disabled=name not in applies)
        not_applying = [t(choices[n][2], lang) for n in ENTERPRISE_FILTERS if n not in applies]
        if not_applying:
            st.caption(t("not_applying", lang, names=", ".join(not_applying)))
        st.caption(f"{t('plan', lang)} {markdown_text(plan.number)} · {markdown_text(plan.province[lang])}")
        user = st.session_state.get("user")
        if user is not None:
            st.caption(t("signed_in_as", lang, name=markdown_text(user.name)))
            if st.button(t("sign_out", lang), key="sign_out"):
                del st.session_state["user"]
                st.rerun()

    filters = Filters(*(tuple(st.session_state[f"f_{n}"]) for n in ENTERPRISE_FILTERS), geography=geo)
    window, phase_id = _window(plan, st.session_state["period"], tuple(st.session_state["years"]),
                               st.session_state["as_of"])
    ctx = Context(settings, plan, lang, phase_id, window, filters.only(page.filters), page)
    url = {"lang": lang, "phase": st.session_state["period"], "as_of": ctx.as_of.isoformat(),
           **filters.to_query()}
    if st.session_state["period"] == CUSTOM:
        url["years"] = "{}-{}".format(*st.session_state["years"])
    for name in MANAGED_PARAMS - set(url):
        st.query_params.pop(name, None)
    st.query_params.update(url)  # page-level parameters (e.g. ?by=) stay
    return ctx


def bootstrap(page: PageSpec) -> Context:
    """What every run does before a page: sidebar and filters, the optional login gate, the
    demo banner. Called by app.py, or by page_context when Streamlit ran a page on its own."""
    settings = Settings.from_env()
    ctx = sidebar(settings, page)
    if settings.require_login and "user" not in st.session_state:
        login_form(ctx)  # configured to require a login for everything
        st.stop()
    demo_banner(ctx)
    builtin_words(ctx.lang)
    return ctx


def page_context(page_file: str) -> Context:
    """The context app.py built for this run.

    Streamlit runs a file of a folder named pages/ on its own (its older multipage mode)
    until some run of the entry script has called st.navigation in this process, e.g. when
    the first visitor opens a page's link directly, and in every AppTest run. Then app.py did
    not run: switch that mode off and run again through app.py; where that mode is forced on
    every run (AppTest), build the context here.
    """
    ctx = st.session_state.pop("ctx", None)
    if ctx is None:
        from streamlit.runtime.pages_manager import PagesManager

        first = PagesManager.uses_pages_directory
        PagesManager.uses_pages_directory = False
        if first and not len(st.session_state) and st.context.headers:
            # A browser's first run (a page load, so no click to lose): run again through app.py
            # at once, before anything is drawn, for its navigation and for widgets that keep
            # their state (in this mode Streamlit would drop the sidebar's choices on the next
            # click, e.g. the phase, and list the page files as the menu). AppTest has no browser
            # and runs every page this way, so it is left as it is.
            st.rerun()
        name = Path(page_file).name
        ctx = bootstrap(next(spec for spec in PAGES if Path(spec.path).name == name))
    return ctx

