"""What a link (URL parameters) asks the sidebar for, checked before any value reaches a widget.

A date or a range of years outside the ones the plan covers is brought into them, an unknown
value (a phase, a language, a code) is left out and the default used, an unreadable one too.
Each correction is a `Note` the viewer is told about. A note never repeats what the link said:
the link is anybody's text. No Streamlit here: frame.py applies the result.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..filters import ENTERPRISE_FILTERS, GEOGRAPHIES
from ..i18n import DEFAULT_LANG, LANGS, Message, fmt_date
from ..plan import Plan

CUSTOM = "custom"
LONGEST = 2000  # characters of a parameter read at all; a longer one is unreadable


@dataclass(frozen=True)
class Start:
    """The sidebar's first state from a link, and what was corrected, by state key."""
    values: dict
    notes: dict[str, Message] = field(default_factory=dict)


def date_bounds(plan: Plan) -> tuple[dt.date, dt.date]:
    """The dates the as-of picker offers: from two years before the first phase to the end of
    the year after the last."""
    first, last = year_bounds(plan)
    return dt.date(first, 1, 1), dt.date(last + 1, 12, 31)


def year_bounds(plan: Plan) -> tuple[int, int]:
    """The years the custom-range slider offers."""
    return plan.phases[0].start.year - 2, plan.phases[-1].end.year


def _text(raw) -> str | None:
    return raw if isinstance(raw, str) and len(raw) <= LONGEST else None


def _date(raw: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(raw) if raw.isascii() else None
    except ValueError:
        return None


def _years(raw: str) -> tuple[int, int] | None:
    parts = raw.split("-")
    if len(parts) != 2 or not all(p.isascii() and p.isdigit() and len(p) <= 4 for p in parts):
        return None
    a, b = int(parts[0]), int(parts[1])
    return (min(a, b), max(a, b))


def _clamp(day: dt.date, low: dt.date, high: dt.date) -> dt.date:
    return min(high, max(low, day))


def read(params: Mapping[str, str], plan: Plan, today: dt.date,
         known: Mapping[str, set[str]], places: Callable[[str], set[str]]) -> Start:
    """The sidebar's state from URL parameters (`params.get(name)` gives one value or None);
    `known` holds the codes each enterprise filter accepts but places, whose codes depend on
    the geography (`places(geography)`)."""
    values: dict = {}
    notes: dict[str, Message] = {}

    def given(name: str) -> str | None:
        raw = params.get(name)
        if raw is None:
            return None
        text = _text(raw)
        return text if text is not None else ""  # too long: read as unreadable

    lang = given("lang")
    values["lang"] = lang if lang in LANGS else DEFAULT_LANG
    if lang is not None and lang not in LANGS:
        notes["lang"] = Message("link_lang_unknown")

    low, high = date_bounds(plan)
    raw = given("as_of")
    day = _date(raw) if raw else None
    values["as_of"] = _clamp(day or today, low, high)
    if raw is not None and day is None:
        notes["as_of"] = Message("link_date_unreadable", {"shown": fmt_date(values["as_of"])})
    elif day is not None and day != values["as_of"]:
        notes["as_of"] = Message("link_date_outside", {"first": fmt_date(low), "last": fmt_date(high),
                                                        "shown": fmt_date(values["as_of"])})

    periods = [p.id for p in plan.phases] + [CUSTOM]
    phase = given("phase")
    values["period"] = phase if phase in periods else plan.phase_for(values["as_of"]).id
    if phase is not None and phase not in periods:
        notes["period"] = Message("link_phase_unknown", {"shown": values["period"]})

    first, last = year_bounds(plan)
    default = tuple(sorted((plan.phases[0].start.year, min(values["as_of"].year, last))))
    default = (max(first, default[0]), min(last, default[1]))
    raw = given("years")
    years = _years(raw) if raw else None
    values["years"] = default
    if raw is not None and years is None:
        notes["years"] = Message("link_years_unreadable", {"shown": "{}–{}".format(*default)})
    elif years is not None and (years[1] < first or years[0] > last):
        notes["years"] = Message("link_years_outside", {"first": str(first), "last": str(last),
                                                         "shown": "{}–{}".format(*default)})
    elif years is not None:
        values["years"] = (max(first, years[0]), min(last, years[1]))
        if values["years"] != years:
            notes["years"] = Message("link_years_outside", {"first": str(first), "last": str(last),
                                                             "shown": "{}–{}".format(*values["years"])})

    geo = given("geo")
    values["geo"] = geo if geo in GEOGRAPHIES else GEOGRAPHIES[0]
    if geo is not None and geo not in GEOGRAPHIES:
        notes["geo"] = Message("link_geo_unknown", {"shown": Message(f"geo_{values['geo']}")})

    accepted = {**known, "places": places(values["geo"])}
    for name in ENTERPRISE_FILTERS:
        raw = given(name)
        asked = [v for v in (raw or "").split(",") if v]
        kept = list(dict.fromkeys(v for v in asked if v in accepted.get(name, set())))
        values[f"f_{name}"] = kept
        too_long = params.get(name) is not None and _text(params.get(name)) is None
        if too_long or len(kept) < len(set(asked)):
            notes[f"f_{name}"] = Message("link_filter_unknown", {"filter": Message(FILTER_TITLES[name])})
    return Start(values, notes)


# The sidebar's title of each enterprise filter (text keys).
FILTER_TITLES = {"sectors": "sector", "places": "place", "sizes": "size", "ownerships": "ownership"}


def plan_choice(raw, plan_ids: list[str], default: str) -> tuple[str, Message | None]:
    """The plan a link asks for (?plan=ID) among the database's plans, else the configured default
    (NSCL_PLAN); a correction is a note naming the plan shown, never what the link said."""
    if raw is None:
        return default, None
    text = _text(raw)
    if text is not None and text in plan_ids:
        return text, None
    return default, Message("link_plan_unknown", {"shown": default})


def whole_number(raw, low: int, high: int, default: int) -> tuple[int, bool]:
    """A whole number from a link kept within [low, high]; (value, whether it was corrected)."""
    if raw is None:
        return default, False
    text = _text(raw)
    if text is None or not (text.isascii() and text.isdigit() and len(text) <= 9):
        return default, True
    value = int(text)
    return min(high, max(low, value)), not low <= value <= high
