"""A plan's territory: which place keys lie in the units it names, across the 1/7/2025 reform.

A plan file names its territory as units, each an official code and a day (`{ code = "44", on =
2025-06-30 }`: the code names different units before and after the reform). `unit_key` finds the
catalogue's place key of such a unit; `places_within` spreads a set of keys to every place that lies
in it:

- a place lies in its parent (`places.parent_code`): a district in its province, a commune in its
  district or province;
- a unit of the reform lies in a territory when every old unit that formed it does (a new commune
  in former province 44 when all the old units linked to it lie there);
- an old unit lies in a territory when every unit it went into does (an old district in the merged
  province when all its successors lie there; an old commune split between two new ones, a partial
  link, lies in one of them only if both do).

"Every", not "some": a unit counted for a territory is wholly in it, so two plans on territories
that do not overlap never count the same record. Nothing here reads the database: nscl/db.py gives
the catalogue's rows when it syncs the plans (the table plan_places).
"""
from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

from .settings import CATALOGUES_DIR

WHOLE = ""  # the plan_places row that says: this plan covers the whole deployment (records without a place count)


def _day(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@lru_cache(maxsize=4)
def _catalogue(directory: str) -> tuple[tuple[str, str, str, dt.date | None, dt.date | None], ...]:
    with open(f"{directory}/places.csv", encoding="utf-8", newline="") as fh:
        return tuple((r["code"], r["gso_code"], r["level"], _day(r["valid_from"]), _day(r["valid_to"]))
                     for r in csv.DictReader(fh))


def valid_on(valid_from: dt.date | None, valid_to: dt.date | None, day: dt.date) -> bool:
    return (valid_from is None or valid_from <= day) and (valid_to is None or day <= valid_to)


def unit_key(code: str, on: dt.date, rows: Iterable[tuple] | None = None) -> str | None:
    """The place key of the unit whose official code is `code` on `on` (None when there is none).
    rows: (key, official code, level, valid_from, valid_to); default: the shipped catalogue."""
    rows = _catalogue(str(CATALOGUES_DIR)) if rows is None else rows
    found = sorted(key for key, gso, _level, start, end in rows if gso == code and valid_on(start, end, on))
    return found[0] if found else None


def deployment_key(code: str, rows: Iterable[tuple]) -> str | None:
    """The key of a province in force (no end of validity) with this official code."""
    found = sorted(key for key, gso, level, _start, end in rows if gso == code and level == "province" and end is None)
    return found[0] if found else None


def places_within(seeds: Iterable[str], parents: dict[str, str | None],
                  links: Iterable[tuple[str, str]]) -> set[str]:
    """Every place key lying in the units `seeds` (keys): their descendants, and across the reform
    the units wholly formed from, or wholly gone into, what lies in them (see the module's text)."""
    inside = set(seeds)
    predecessors: dict[str, set[str]] = {}
    successors: dict[str, set[str]] = {}
    for old, new in links:
        predecessors.setdefault(new, set()).add(old)
        successors.setdefault(old, set()).add(new)
    while True:
        grown = {code for code, parent in parents.items() if parent in inside}
        grown |= {new for new, olds in predecessors.items() if olds <= inside}
        grown |= {old for old, news in successors.items() if news <= inside}
        if grown <= inside:
            return inside
        inside |= grown
