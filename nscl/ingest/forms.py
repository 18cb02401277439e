"""The forms staff really write for catalogue values, read from data/catalogues/: standards as
printed on certificates (standards_forms.csv), abbreviated place prefixes (place_prefixes.csv),
VSIC 2018 divisions (vsic2018_divisions.csv), the two economic-sector classifications and when
each applies (vsic_systems.csv) and job titles (job_titles.csv). Every comparison is on folded text
(no diacritics, no case, punctuation as spaces)."""
from __future__ import annotations

import csv
import datetime as dt
import re
from functools import lru_cache

from ..settings import CATALOGUES_DIR
from .reading import fold

# A trailing edition year ("ISO 9001:2015" folds to "iso 9001 2015"), with an amendment after it.
_EDITION = re.compile(r"^(?P<code>.*\S)\s+(?:19|20)\d\d(?:\s+amd\s*\d+(?:\s+(?:19|20)\d\d)?)?$")
_VSIC = re.compile(r"^(?P<letter>[a-u])?\s*(?P<digits>\d{2,5})$")
_DIGITS_ONLY = re.compile(r"^\d{2,5}$")


def _rows(name: str) -> list[dict[str, str]]:
    with (CATALOGUES_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def without_edition(folded: str) -> str:
    """'iso 9001 2015' -> 'iso 9001'; text without an edition year is returned as it is."""
    m = _EDITION.match(folded)
    return m["code"] if m else folded


@lru_cache(maxsize=1)
def standard_forms() -> dict[str, str]:
    """Folded printed form (edition removed) -> standard code."""
    return {without_edition(fold(r["form"])): r["code"] for r in _rows("standards_forms.csv")}


@lru_cache(maxsize=1)
def place_prefixes() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(folded full prefix, its folded abbreviations), longest prefix first."""
    out = [(fold(r["prefix"]), tuple(fold(a) for a in r["abbreviations"].split("|") if a.strip()))
           for r in _rows("place_prefixes.csv")]
    return tuple(sorted(out, key=lambda p: -len(p[0])))


def place_forms(name_vi: str) -> list[str]:
    """Folded forms of a unit's name: without its prefix ("Đồng Hới") and with each abbreviation
    of the prefix ("tp Đồng Hới", "tp. Đồng Hới")."""
    folded = fold(name_vi)
    for prefix, abbreviations in place_prefixes():
        if folded.startswith(prefix + " "):
            bare = folded[len(prefix) + 1:]
            return [bare, *(f"{a} {bare}" for a in abbreviations)]
    return []


@lru_cache(maxsize=1)
def vsic_divisions() -> dict[str, str]:
    """VSIC 2018 division (two digits) -> section letter."""
    return {r["division"]: r["section"] for r in _rows("vsic2018_divisions.csv")}


def vsic_division(text: str) -> tuple[str, str | None] | None:
    """A VSIC code of 2 to 5 digits (division, group, class, sub-class), optionally after its section
    letter: (division, section or None when the division does not exist); None when not such a code
    (a letter that is not the division's section included)."""
    m = _VSIC.match(fold(text))
    if not m:
        return None
    division = m["digits"][:2]
    section = vsic_divisions().get(division)
    if m["letter"] and m["letter"].upper() != section:
        return None
    return division, section


@lru_cache(maxsize=1)
def vsic_division_names() -> dict[str, str]:
    """VSIC 2018 division (two digits) -> its Vietnamese name (Decision 27/2018/QĐ-TTg, Appendix I)."""
    return {r["division"]: r["name_vi"] for r in _rows("vsic2018_divisions.csv")}


@lru_cache(maxsize=1)
def vsic_systems() -> dict[str, dict[str, str]]:
    """The economic-sector classifications ("VSIC 2018", "VSIC 2025") -> decision, signed_on,
    in_force_from (ISO dates, empty when not shipped), sections, divisions."""
    return {r["system"]: r for r in _rows("vsic_systems.csv")}


def vsic_2025_in_force() -> dt.date:
    """The day the 2025 system (Decision 36/2025/QĐ-TTg) replaced VSIC 2018."""
    return dt.date.fromisoformat(vsic_systems()["VSIC 2025"]["in_force_from"])


def vsic_digits_only(text: str) -> bool:
    """A code of 2 to 5 digits without its section letter: from the day the 2025 system is in force
    it may be written in either system, and this app reads it by its VSIC 2018 division."""
    return bool(_DIGITS_ONLY.match(fold(text)))


@lru_cache(maxsize=1)
def job_titles() -> tuple[dict[str, str], tuple[tuple[str, str], ...]]:
    """(exact folded title -> role, (folded title prefix, role) longest first)."""
    exact: dict[str, str] = {}
    prefixes = []
    for r in _rows("job_titles.csv"):
        exact[fold(r["title"])] = r["role"]
        if r["match"] == "prefix":
            prefixes.append((fold(r["title"]), r["role"]))
    return exact, tuple(sorted(prefixes, key=lambda p: -len(p[0])))


def role_of_title(text: str) -> str | None:
    """The role a job title stands for ("Phó Giám đốc" -> leader), or None when the title is unknown."""
    folded = fold(text)
    exact, prefixes = job_titles()
    if folded in exact:
        return exact[folded]
    return next((role for prefix, role in prefixes if folded.startswith(prefix + " ")), None)
