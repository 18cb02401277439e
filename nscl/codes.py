"""The code lists of the data (sizes, ownerships, course kinds, roles, solution types) with
their Vietnamese and English labels and the other ways staff write them, read from
data/catalogues/codes.csv. Filters, validation, labels and the migrations' CHECK lists
(tests/test_codes.py) all follow this one file."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from .settings import CATALOGUES_DIR

CODES_FILE = CATALOGUES_DIR / "codes.csv"


@dataclass(frozen=True)
class Code:
    dimension: str
    code: str
    name_vi: str
    name_en: str
    aliases: tuple[str, ...]  # folded forms (no diacritics, lower case) staff also write

    def label(self, lang: str) -> str:
        return self.name_en if lang == "en" else self.name_vi


@lru_cache(maxsize=1)
def _all() -> tuple[Code, ...]:
    with CODES_FILE.open(encoding="utf-8", newline="") as fh:
        return tuple(Code(r["dimension"], r["code"], r["name_vi"], r["name_en"],
                          tuple(a for a in r["aliases"].split("|") if a)) for r in csv.DictReader(fh))


def dimensions() -> tuple[str, ...]:
    return tuple(dict.fromkeys(c.dimension for c in _all()))


def codes(dimension: str) -> tuple[Code, ...]:
    """The codes of one dimension, in the file's order."""
    found = tuple(c for c in _all() if c.dimension == dimension)
    if not found:
        raise KeyError(f"no code list {dimension!r} in {CODES_FILE.name}")
    return found


def values(dimension: str) -> tuple[str, ...]:
    return tuple(c.code for c in codes(dimension))


def label(dimension: str, code: str, lang: str) -> str | None:
    """The label of a code, or None when the dimension has no such code."""
    return next((c.label(lang) for c in _all() if c.dimension == dimension and c.code == code), None)
