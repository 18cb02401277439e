"""The code lists of data/catalogues/codes.csv are the ones the database accepts, the filters
offer and the labels name, in both languages."""
import re

import pytest

from nscl import codes
from nscl.db import MIGRATIONS_DIR
from nscl.filters import OWNERSHIPS, SIZES
from nscl.present.labels import Labeller

CHECKED = {"enterprises.size": "size", "enterprises.ownership": "ownership", "courses.kind": "kind",
           "participants.role": "role", "support_records.solution_type": "solution_type"}


def check_lists() -> dict[str, set[str]]:
    """table.column -> the values its CHECK (column IN (...)) accepts, from every migration."""
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(MIGRATIONS_DIR.glob("*.sql")))
    found = {}
    for table, body in re.findall(r"CREATE TABLE (\w+) \((.*?)\n\);", text, flags=re.S):
        for column, values in re.findall(r"(\w+)\s+VARCHAR NOT NULL CHECK \(\s*\w+ IN\s*\(([^)]*)\)", body):
            found[f"{table}.{column}"] = set(re.findall(r"'([^']*)'", values))
    return found


@pytest.mark.parametrize("column, dimension", CHECKED.items())
def test_the_database_checks_exactly_the_catalogue(column, dimension):
    assert check_lists()[column] == set(codes.values(dimension))


def test_filters_offer_the_catalogue():
    assert SIZES == codes.values("size") and OWNERSHIPS == codes.values("ownership")


@pytest.mark.parametrize("dimension", codes.dimensions())
def test_every_code_has_both_labels_and_the_labeller_uses_them(dimension):
    import pandas as pd

    empty = pd.DataFrame(columns=["code", "name_vi", "name_en", "level", "current_code"])
    for lang in ("vi", "en"):
        label = Labeller(empty, empty, lang)(dimension)
        for code in codes.codes(dimension):
            assert code.name_vi and code.name_en
            assert label(code.code) == code.label(lang)
    assert Labeller(empty, empty, "vi")(dimension)("no-such-code") == "no-such-code"
