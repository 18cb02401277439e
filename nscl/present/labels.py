"""One labeller for codes: sectors, places, and the code lists of data/catalogues/codes.csv,
in the reader's language. Pages, slides, deck, report and downloads all label through it."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .. import codes
from ..i18n import t

CODE_DIMENSIONS = {"size": "size", "ownership": "ownership", "solution_type": "solution_type",
                   "kind": "kind", "role": "role"}
# Columns of drill-down lists and the dimension whose labels they hold.
COLUMN_DIMENSIONS = {"sector_code": "sector", "area_code": "place", "size": "size", "ownership": "ownership",
                     "solution_type": "solution_type", "kind": "kind", "role": "role"}


def shows_code(dimension: str) -> bool:
    """Whether a breakdown's table shows its keys beside their names: sectors and places have
    official codes a reader can look up (VSIC, the state's unit codes); the keys of the code lists
    are the program's own words ("awareness", "small") and would show English in a Vietnamese table."""
    return dimension not in CODE_DIMENSIONS


def place_options(places: pd.DataFrame, geography: str, lang: str) -> dict[str, str]:
    """Codes and labels of the places one can pick in a geography (places: the place_labels rows)."""
    name = places[f"name_{lang}"]
    if geography == "district":
        rows = places[places["level"] == "district"]
        return dict(zip(rows["code"], name[rows.index]))
    out = {}
    for row in places.itertuples():
        label = getattr(row, f"name_{lang}")
        if row.level == "commune" and pd.isna(row.valid_to):
            out[row.code] = label
        elif row.current_code == row.code:  # a former district or commune that does not map forward
            key = "former_district_label" if row.level == "district" else "former_commune_label"
            out[row.code] = t(key, lang, name=label)
    return out


@dataclass(frozen=True)
class Labeller:
    """sectors: code, name_vi, name_en; places: the place_labels rows."""
    sectors: pd.DataFrame
    places: pd.DataFrame
    lang: str
    geography: str = "district"

    def __call__(self, dimension: str):
        """Code -> label for a breakdown dimension."""
        lang, unknown = self.lang, t("unknown", self.lang)
        if dimension == "sector":
            names = dict(zip(self.sectors["code"], self.sectors[f"name_{lang}"]))
            return lambda code: f"{code} – {names[code]}" if code in names else (code or unknown)
        if dimension == "place":
            names = place_options(self.places, self.geography, lang)
            return lambda code: names.get(code, code or unknown)
        if dimension in CODE_DIMENSIONS:
            return lambda code: codes.label(CODE_DIMENSIONS[dimension], code, lang) or (code or unknown)
        return lambda code: code or unknown

    def frame(self, frame: pd.DataFrame, dimension: str) -> pd.DataFrame:
        """A breakdown (key, ...) with its label column."""
        label = self(dimension)
        return frame.assign(label=[label(k) for k in frame["key"]])

    def columns(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A list of records with every coded column replaced by its label."""
        out = frame.copy()
        for column, dimension in COLUMN_DIMENSIONS.items():
            if column in out.columns:
                out[column] = out[column].map(self(dimension))
        return out
