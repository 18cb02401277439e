"""Who may see which personal data (Decree 13/2023/NĐ-CP on personal data protection): one
declaration of the columns of every table the app shows or lets download that hold data about a
person, and one function, `restrict`, that every such table goes through before it is shown,
drawn or written to a file.

Levels are ordered: a viewer at a level sees what every level before it sees. A viewer who is not
signed in is at PUBLIC (or wider, when the operator says so: `NSCL_PUBLIC_PERSONAL_DATA`); a
signed-in staff member at STAFF. Another level (an administrator's) goes at the end of LEVELS.

What is public: aggregates, and enterprises (legal entities) with their names and tax codes, which
the national business registration portal publishes anyway. What is not: a person's name, their
identity number, an expert's certificate number, who uploaded a file or wrote a comment, an
uploaded file's own name, and a household business's name and tax code: a household business
(hộ kinh doanh) is a person trading under their own name, and since 1/7/2025 its tax code is
the owner's 12-digit personal identification number (Circular 86/2024/TT-BTC)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from .i18n import DEFAULT_LANG, t

PUBLIC = "public"
STAFF = "staff"
LEVELS = (PUBLIC, STAFF)

COLUMN = "column"        # the whole column is left out for a viewer below the rule's level
HOUSEHOLD = "household"  # the column's cells in a household business's rows are masked


@dataclass(frozen=True)
class Rule:
    table: str   # a query of queries/ (its name) or a table the app builds (see TABLES)
    column: str  # the column as the query returns it
    level: str   # the lowest level that sees it
    how: str     # COLUMN or HOUSEHOLD
    what: str    # what the column holds, for docs/personal-data.md

    @property
    def id(self) -> str:
        return f"{self.table}.{self.column}"


def _household(table: str, *columns: str) -> tuple[Rule, ...]:
    whats = {"tax_code": "tax code", "name": "enterprise name", "name_key": "enterprise name, folded"}
    return tuple(Rule(table, c, STAFF, HOUSEHOLD, whats[c]) for c in columns)


# Tables the app builds itself (not a query): their columns are named as here before display.
TABLES = {
    "last_uploads": "the data-quality page's last update per dataset",
    "target_comments": "the versions of a staff comment, and the author under a card and in the deck",
}

RULES: tuple[Rule, ...] = (
    Rule("experts_list", "person_name", STAFF, COLUMN, "expert's name"),
    Rule("experts_list", "certificate_no", STAFF, COLUMN, "expert's certificate number (names one person)"),
    Rule("roles_without_enterprise", "person_name", STAFF, COLUMN, "participant's name"),
    Rule("roles_without_enterprise", "person_id", STAFF, COLUMN, "participant's identity number (CCCD)"),
    *_household("roles_without_enterprise", "tax_code"),
    *_household("supported_records", "tax_code", "name"),
    *_household("certificates_list", "tax_code", "name"),
    *_household("pilot_models_list", "tax_code", "name"),
    *_household("duplicate_enterprise_names", "tax_code", "name", "name_key"),
    *_household("expired_without_renewal", "tax_code", "name"),
    *_household("support_without_sector_or_place", "tax_code", "name"),
    Rule("last_uploads", "uploaded_by", STAFF, COLUMN, "staff user who uploaded"),
    Rule("last_uploads", "file_name", STAFF, COLUMN, "original file name"),
    Rule("target_comments", "author", STAFF, COLUMN, "staff member who wrote the comment"),
)

# A personal identification number (căn cước): 12 digits. Since 1/7/2025 it is the tax code of a
# household business and of a person; an enterprise's tax code has 10 digits (13 for a branch).
PERSONAL_TAX_CODE = re.compile(r"\d{12}")
# "Hộ kinh doanh …", "HKD …", "Hộ KD …": the name a household business registers under
# (Decree 01/2021/NĐ-CP, article 88), compared without case and diacritics.
HOUSEHOLD_NAME = re.compile(r"\s*(ho\s+kinh\s+doanh|ho\s+kd|hkd)\b", re.IGNORECASE)


def level_sees(viewer: str, level: str) -> bool:
    """True when a viewer at `viewer` may see what `level` protects."""
    return LEVELS.index(viewer) >= LEVELS.index(level)


def may_see(viewer: str, table: str, column: str) -> bool:
    return all(level_sees(viewer, r.level) for r in RULES if r.table == table and r.column == column)


def hidden_rules(viewer: str, table: str) -> list[Rule]:
    return [r for r in RULES if r.table == table and not level_sees(viewer, r.level)]


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def is_household(tax_code, name) -> bool:
    """A household business: a 12-digit tax code (the owner's identification number) or a name
    that says so."""
    if isinstance(tax_code, str) and PERSONAL_TAX_CODE.fullmatch(tax_code.strip()):
        return True
    return isinstance(name, str) and HOUSEHOLD_NAME.match(_ascii(name)) is not None


def households(frame: pd.DataFrame) -> pd.Series:
    """Which rows of a table are a household business's (is_household, column-wise)."""
    out = pd.Series(False, index=frame.index)
    if "tax_code" in frame.columns:
        codes = frame["tax_code"].astype(object).where(frame["tax_code"].notna(), "").astype(str).str.strip()
        out |= codes.str.fullmatch(PERSONAL_TAX_CODE.pattern)
    if "name" in frame.columns:
        names = frame["name"].astype(object).where(frame["name"].notna(), "").astype(str)
        plain = names.str.normalize("NFD").str.replace(r"[\u0300-\u036f]", "", regex=True)
        out |= plain.str.match(HOUSEHOLD_NAME.pattern, case=False)
    return out.astype(bool)


def restrict(frame: pd.DataFrame, table: str, viewer: str, lang: str = DEFAULT_LANG) -> pd.DataFrame:
    """The table as a viewer at `viewer` may see it: columns above their level left out, a
    household business's name and tax code masked. `attrs["privacy_restricted"]` says whether
    anything was withheld (the page then says that staff see more after signing in)."""
    rules = hidden_rules(viewer, table)
    if not rules:
        return frame
    out = frame.copy()
    withheld = False
    dropped = [r.column for r in rules if r.how == COLUMN and r.column in out.columns]
    masked = [r.column for r in rules if r.how == HOUSEHOLD and r.column in out.columns]
    if masked:
        rows = households(out)
        if rows.any():
            withheld = True
            for column in masked:
                mask = t("privacy_household_name", lang) if column == "name" else t("privacy_hidden", lang)
                out[column] = out[column].astype(object).where(~rows, mask)
    if dropped:
        withheld = True
        out = out.drop(columns=dropped)
    out.attrs["privacy_restricted"] = withheld
    return out
