"""The declaration of personal data (nscl/privacy.py): what it withholds from whom, that every
listing query is covered by it, and that docs/personal-data.md states exactly its rules."""
import re

import pandas as pd
import pytest

from nscl import privacy
from nscl.i18n import t
from nscl.settings import QUERIES_DIR, ROOT, Settings
from nscl.sql import library

DOC = ROOT / "docs" / "personal-data.md"


def records() -> pd.DataFrame:
    return pd.DataFrame({
        "tax_code": ["3101234567", "044190012345", "3109876543", "3105555555-001"],
        "name": ["Công ty TNHH Sao Mai", "Nguyễn Văn An", "Hộ Kinh Doanh  Lê Văn Tùng", "HKD Mai Anh"],
        "funding_vnd": [20_000_000, 5_000_000, 3_000_000, 1_000_000]})


def test_a_household_business_is_known_by_its_12_digit_code_or_its_name():
    assert privacy.is_household("044190012345", "Cửa hàng Bình An")  # the owner's CCCD as tax code
    assert privacy.is_household("3109876543", "hộ kinh doanh Lê Văn Tùng")
    assert privacy.is_household("3109876543", "HKD Lê Văn Tùng") and privacy.is_household(None, "Hộ KD Mai")
    assert not privacy.is_household("3101234567", "Công ty TNHH Hộ Phòng")
    assert not privacy.is_household("3101234567", "HKDX Trading") and not privacy.is_household("0441900123456", None)


def test_a_viewer_not_signed_in_gets_households_masked_and_enterprises_named():
    out = privacy.restrict(records(), "supported_records", privacy.PUBLIC, "vi")
    assert list(out["tax_code"]) == ["3101234567", "(ẩn)", "(ẩn)", "(ẩn)"]
    assert list(out["name"]) == ["Công ty TNHH Sao Mai", *[t("privacy_household_name")] * 3]
    assert list(out["funding_vnd"]) == [20_000_000, 5_000_000, 3_000_000, 1_000_000]  # rows stay counted
    assert out.attrs["privacy_restricted"] is True


def test_staff_see_everything_and_nothing_is_said_when_nothing_was_withheld():
    frame = records()
    assert privacy.restrict(frame, "supported_records", privacy.STAFF) is frame
    companies = frame.iloc[:1]
    assert privacy.restrict(companies, "supported_records", privacy.PUBLIC).attrs["privacy_restricted"] is False


def test_personal_columns_are_left_out_whatever_their_rows_hold():
    frame = pd.DataFrame({"certificate_no": ["CG-1"], "person_name": ["Phạm Thị Hoa Sen"], "organisation": ["Sở"],
                          "certified_on": [pd.Timestamp("2026-05-05")]})
    assert list(privacy.restrict(frame, "experts_list", privacy.PUBLIC).columns) == ["organisation", "certified_on"]
    assert list(privacy.restrict(frame, "experts_list", privacy.STAFF).columns) == list(frame.columns)
    # A table without rules is left as it is.
    assert privacy.restrict(frame, "cabs_list", privacy.PUBLIC) is frame


def test_the_setting_is_off_unless_the_operator_turns_it_on():
    assert Settings().public_personal_data is False
    assert Settings.from_env({"NSCL_PUBLIC_PERSONAL_DATA": "1"}).public_personal_data is True


def test_every_rule_names_a_table_that_exists_and_a_known_level():
    for rule in privacy.RULES:
        assert rule.table in library() or rule.table in privacy.TABLES, rule.id
        assert rule.level in privacy.LEVELS and rule.how in (privacy.COLUMN, privacy.HOUSEHOLD), rule.id
        if rule.table in library():
            assert re.search(rf"\b{rule.column}\b", library().get(rule.table).returns), rule.id


PERSON = ("person_name", "person_id")


@pytest.mark.parametrize("name", sorted(p.stem for folder in ("browse", "quality")
                                        for p in (QUERIES_DIR / folder).glob("*.sql")))
def test_every_listing_query_with_personal_columns_is_declared(name):
    """A new list of people or of enterprises by tax code cannot reach a page undeclared."""
    returns = library().get(name).returns
    columns = set(re.findall(r"\b[a-z_]+\b", returns.split(":", 1)[-1]))
    rules = {(r.column, r.how) for r in privacy.RULES if r.table == name}
    for column in PERSON:
        if column in columns:
            assert (column, privacy.COLUMN) in rules, (name, column)
    if "tax_code" in columns:
        assert ("tax_code", privacy.HOUSEHOLD) in rules, name
        if "name" in columns:
            assert ("name", privacy.HOUSEHOLD) in rules, name


def doc_rules() -> set[tuple[str, str, str]]:
    """(table.column, level, how) of every row of the doc's rules table."""
    out = set()
    for line in DOC.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and re.fullmatch(r"`[a-z_]+\.[a-z_]+`", cells[0]):
            out.add((cells[0].strip("`"), cells[2].strip("`"), cells[3].strip("`")))
    return out


def test_the_doc_states_exactly_the_rules_of_the_code():
    assert doc_rules() == {(r.id, r.level, r.how) for r in privacy.RULES}
    text = DOC.read_text(encoding="utf-8")
    assert "`NSCL_PUBLIC_PERSONAL_DATA`" in text
    for table in privacy.TABLES:
        assert f"`{table}`" in text
