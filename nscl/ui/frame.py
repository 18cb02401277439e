"""The shared sidebar and its mirror in the URL: language, period, as-of date, geography and
enterprise filters; a copied link reopens the same view."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import streamlit as st

from .. import codes
from ..filters import ENTERPRISE_FILTERS, OWNERSHIPS, SIZES, Filters, Window
from ..i18n import DEFAULT_LANG, LANGS, Message, t
from ..plan import Plan
from ..present import labels
from ..present.escape import markdown_text
from ..settings import Settings
from . import links
from .context import Context
from .data import FAST_KEYS, catalogue, database, plans
from .incident import incidents
from .login import follow_accounts_file, login_form
from .pages import PAGES, PageSpec
from .widgets import builtin_words, demo_banner

CUSTOM = links.CUSTOM


def lang_name(code: str) -> str:
    """A language's name in that language, so a reader finds theirs whatever the page's language."""
    return t(f"lang_name_{code}", code)
MANAGED_PARAMS = {"plan", "lang", "phase", "as_of", "years", "geo", *ENTERPRISE_FILTERS}


@st.cache_data(max_entries=16, ttl=3600, show_spinner=False, hash_funcs=FAST_KEYS)
def place_options(settings: Settings, geography: str, lang: str) -> dict[str, str]:
    """Codes and labels of the places one can pick in a geography (every run's sidebar asks
    twice: cached)."""
    return labels.place_options(catalogue(settings)[1], geography, lang)


def tell(notes: list[Message]) -> None:
    """Say once what was corrected in the link the viewer opened (never what it said)."""
    lang = st.session_state.get("lang", DEFAULT_LANG)
    for note in notes:
        st.toast(note.text(lang), icon=":material/link_off:")


def plan_label(plan: Plan, lang: str) -> str:
    """A plan as the picker names it: its number and place, an example said to be one."""
    key = "plan_option_illustrative" if plan.illustrative else "plan_option"
    return t(key, lang, number=plan.number, place=plan.province[lang])


def slide_from_link(total: int) -> int:
    """The slide a link asks for (?slide=N), kept within 1..total; a correction is said."""
    number, corrected = links.whole_number(st.query_params.get("slide"), 1, max(total, 1), 1)
    if corrected:
        tell([Message("link_slide_unknown", {"shown": number})])
    return number


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
    params = st.query_params
    every = plans(settings)
    plan_note = None
    if "plan" not in st.session_state or st.session_state["plan"] not in every:
        st.session_state["plan"], plan_note = links.plan_choice(params.get("plan"), list(every), settings.plan_id)
    settings = replace(settings, plan_id=st.session_state["plan"])  # every cache below is the chosen plan's
    _, plan = database(settings)
    sectors, _ = catalogue(settings)
    first_year, last_year = links.year_bounds(plan)

    start = links.read(params, plan, dt.date.today(),
                       {"sectors": set(sectors["code"]), "sizes": set(SIZES), "ownerships": set(OWNERSHIPS)},
                       lambda geo: set(place_options(settings, geo, "vi")))
    fresh = [key for key in start.values if key not in st.session_state]
    for key in fresh:
        st.session_state[key] = start.values[key]
    periods = [p.id for p in plan.phases] + [CUSTOM]
    first_date, last_date = links.date_bounds(plan)
    # A value kept from before (another page of this session, another plan) is brought into range again.
    if st.session_state["period"] not in periods:
        st.session_state["period"] = plan.phase_for(st.session_state["as_of"]).id
    low, high = st.session_state["years"]
    st.session_state["years"] = (min(last_year, max(first_year, low)), max(first_year, min(last_year, high)))
    if not first_date <= st.session_state["as_of"] <= last_date:
        st.session_state["as_of"] = min(last_date, max(first_date, st.session_state["as_of"]))
    tell([start.notes[key] for key in fresh if key in start.notes] + ([plan_note] if plan_note else []))

    lang = st.session_state["lang"]
    applies = set(page.filters)
    with st.sidebar:
        lang = st.segmented_control(t("language", lang), options=list(LANGS), format_func=lang_name,
                                    key="lang", required=True) or DEFAULT_LANG
        if len(every) > 1:
            st.selectbox(t("plan_picker", lang), list(every), key="plan",
                         format_func=lambda i: plan_label(every[i], lang))
        st.selectbox(t("period", lang), periods, key="period",
                     format_func=lambda p: t("custom_years", lang) if p == CUSTOM else p)
        if st.session_state["period"] == CUSTOM:
            st.slider(t("years", lang), first_year, last_year, key="years")
        st.date_input(t("as_of", lang), key="as_of", format="DD/MM/YYYY",
                      min_value=first_date, max_value=last_date)
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
        st.caption(f"{t('plan', lang)} {markdown_text(plan.number)} · {markdown_text(plan.place(lang))}")
        edition_link(settings, lang)
        user = st.session_state.get("user")
        if user is not None:
            st.caption(t("signed_in_as", lang, name=markdown_text(user.name)))
            if st.button(t("sign_out", lang), key="sign_out"):
                from .session_cookie import forget

                forget(settings)
                del st.session_state["user"]
                st.rerun()

    filters = Filters(*(tuple(st.session_state[f"f_{n}"]) for n in ENTERPRISE_FILTERS), geography=geo, plan=plan.id)
    window, phase_id = _window(plan, st.session_state["period"], tuple(st.session_state["years"]),
                               st.session_state["as_of"])
    ctx = Context(settings, plan, lang, phase_id, window, filters.only(page.filters), page)
    url = {"plan": plan.id, "lang": lang, "phase": st.session_state["period"], "as_of": ctx.as_of.isoformat(),
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
    from .session_cookie import post_ticket

    settings = Settings.from_env()
    follow_accounts_file(settings)
    post_ticket()
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
        spec = next(spec for spec in PAGES if Path(spec.path).name == name)
        with incidents(spec.path):  # app.py's own guard did not run
            ctx = bootstrap(spec)
        if ctx is None:
            st.stop()
    return ctx


def edition_link(settings: Settings, lang: str) -> None:
    """The link to the published edition (NSCL_EDITION_URL), in the reader's language; an address
    that is neither a path nor http(s) is not linked."""
    import html

    url = settings.edition_url
    if not url or not url.startswith(("/", "https://", "http://")) or url.startswith("//"):
        return
    url = url if url.endswith("/") else url + "/"
    href = html.escape(url + ("en/" if lang == "en" else ""), quote=True)
    st.html(f'<a href="{href}" target="_top" rel="noopener">{html.escape(t("edition_link", lang))}</a>')
