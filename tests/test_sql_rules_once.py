"""The rules the queries share are defined once, as macros of nscl/migrations/0013_shared_rules.sql:
no file of queries/ holds a copy of them, and each macro gives the right answer at its boundaries
on small hand-made tables."""
from __future__ import annotations

import re

import pytest

from nscl.db import MIGRATIONS_DIR
from nscl.settings import ROOT
from tests.conftest import d

QUERIES = sorted((ROOT / "queries").rglob("*.sql"))
RULES = (MIGRATIONS_DIR / "0013_shared_rules.sql").read_text(encoding="utf-8")

# The distinctive text of each copied rule, as the queries wrote it ($name) or a macro does (name).
COPIES = {
    # the enterprise filters: an empty list or the value in it, per filter list
    "passes_enterprise_filters": re.compile(r"list_contains\(\s*\$?(sectors|places|sizes|ownerships)\s*,", re.I),
    # the geography: the current commune when asked for, else the former district
    "area_of": re.compile(r"WHEN\s+\$?geography\s*=\s*'current'", re.I),
    # the certificate's day rule: no expiry / no withdrawal read as a far day, compared with a day
    "certificate_valid_on": re.compile(
        r"coalesce\(\s*[\w.]*(expires_on|withdrawn_on)\s*,\s*DATE\s*'9999-12-31'\s*\)|"
        r"\b(expires_on|withdrawn_on)\s*>=?\s*[\w.$]", re.I),
}


@pytest.mark.parametrize("macro", sorted(COPIES))
def test_the_scan_recognises_the_rule_where_it_is_defined(macro):
    """The patterns below are not vacuous: each finds the one definition in the migration."""
    definition = re.search(r"CREATE OR REPLACE MACRO " + macro + r"\(.*?;", RULES, re.S)
    assert definition is not None
    assert COPIES[macro].search(definition.group(0))


@pytest.mark.parametrize("macro", sorted(COPIES))
def test_no_query_holds_a_copy_of_a_shared_rule(macro):
    copies = [str(path.relative_to(ROOT)) for path in QUERIES if COPIES[macro].search(path.read_text(encoding="utf-8"))]
    assert copies == [], f"{macro} (nscl/migrations/0013_shared_rules.sql) copied in {copies}"


def test_every_query_given_the_filters_applies_them_through_the_macros():
    """A query taking the enterprise filters ($sectors ... $geography) applies them with
    passes_enterprise_filters and area_of, or through filtered_enterprises (built on both)."""
    given = {path.name: path.read_text(encoding="utf-8") for path in QUERIES
             if "$sectors" in path.read_text(encoding="utf-8")}
    assert len(given) >= 13
    for name, sql in given.items():
        assert ("passes_enterprise_filters(" in sql and "area_of(" in sql) or "filtered_enterprises(" in sql, name


def test_the_validity_queries_use_certificate_valid_on():
    using = {path.name for path in QUERIES if "certificate_valid_on(" in path.read_text(encoding="utf-8")}
    assert using >= {"cabs_by_standard_year.sql", "cabs_list.sql", "cabs_per_year.sql", "certificates_list.sql",
                     "certificates_per_year.sql", "certificates_valid_by_dimension.sql"}


def test_certificate_valid_on_its_boundaries(con):
    con.execute("CREATE TEMP TABLE certs (case_name VARCHAR, issued_on DATE, expires_on DATE, withdrawn_on DATE)")
    con.executemany("INSERT INTO certs VALUES (?, ?, ?, ?)", [
        ("issued that day", d("2024-06-30"), d("2027-06-29"), None),
        ("issued the day after", d("2024-07-01"), d("2027-06-30"), None),
        ("expires that day", d("2021-07-01"), d("2024-06-30"), None),
        ("expired the day before", d("2021-06-30"), d("2024-06-29"), None),
        ("no expiry date", d("2001-01-01"), None, None),
        ("withdrawn that day", d("2023-01-01"), d("2026-01-01"), d("2024-06-30")),
        ("withdrawn the day after", d("2023-01-01"), d("2026-01-01"), d("2024-07-01")),
        ("withdrawn the day before", d("2023-01-01"), d("2026-01-01"), d("2024-06-29")),
        ("expires and withdrawn that day", d("2021-07-01"), d("2024-06-30"), d("2024-06-30")),
    ])
    valid = con.execute("SELECT case_name FROM certs "
                        "WHERE certificate_valid_on(issued_on, expires_on, withdrawn_on, $day) ORDER BY case_name",
                        {"day": d("2024-06-30")}).fetchall()
    assert [name for (name,) in valid] == [
        "expires that day", "issued that day", "no expiry date", "withdrawn the day after"]


def test_certificate_valid_on_reads_an_accreditation_without_withdrawal(con):
    """Bodies' accreditations have no withdrawal date: the queries pass NULL."""
    rows = con.execute("SELECT certificate_valid_on($on, $until, NULL, $day)",
                       {"on": d("2020-01-01"), "until": d("2025-12-31"), "day": d("2025-12-31")}).fetchall()
    assert rows == [(True,)]
    rows = con.execute("SELECT certificate_valid_on($on, $until, NULL, $day)",
                       {"on": d("2020-01-01"), "until": d("2025-12-31"), "day": d("2026-01-01")}).fetchall()
    assert rows == [(False,)]


def test_area_of_picks_the_geography(con):
    rows = con.execute("""
        SELECT g, area_of(g, district_code, current_code)
        FROM (VALUES ('current', '450', '19249'), ('district', '450', '19249'), ('', '450', '19249'),
                     (NULL, '450', '19249'), ('current', '450', NULL)) AS t(g, district_code, current_code)
    """).fetchall()
    assert rows == [("current", "19249"), ("district", "450"), ("", "450"), (None, "450"), ("current", None)]


@pytest.fixture
def facts(con):
    """Facts carrying their enterprise's dimensions, one without an enterprise (all NULL)."""
    con.execute("CREATE TEMP TABLE facts (id VARCHAR, sector_code VARCHAR, district_code VARCHAR, "
                "current_code VARCHAR, size VARCHAR, ownership VARCHAR)")
    con.executemany("INSERT INTO facts VALUES (?, ?, ?, ?, ?, ?)", [
        ("a", "C", "450", "19249", "small", "non_state"),
        ("b", "G", "450", "18880", "medium", "fdi"),
        ("c", "C", "452", "18880", "large", "state"),
        ("none", None, None, None, None, None),
    ])
    return con


def kept(con, sectors=(), places=(), sizes=(), ownerships=(), geography="district") -> list[str]:
    rows = con.execute(
        "SELECT id FROM facts WHERE passes_enterprise_filters($sectors, $places, $sizes, $ownerships, sector_code, "
        "area_of($geography, district_code, current_code), size, ownership) ORDER BY id",
        {"sectors": list(sectors), "places": list(places), "sizes": list(sizes), "ownerships": list(ownerships),
         "geography": geography}).fetchall()
    return [r[0] for r in rows]


def test_no_filter_keeps_every_fact_even_without_an_enterprise(facts):
    assert kept(facts) == ["a", "b", "c", "none"]


def test_each_filter_keeps_the_listed_values_only(facts):
    assert kept(facts, sectors=["C"]) == ["a", "c"]
    assert kept(facts, sizes=["small", "large"]) == ["a", "c"]
    assert kept(facts, ownerships=["fdi"]) == ["b"]
    assert kept(facts, sectors=["C"], ownerships=["state"]) == ["c"]  # filters combine with AND
    assert kept(facts, sectors=["K"]) == []


def test_the_place_filter_reads_the_chosen_geography(facts):
    assert kept(facts, places=["450"]) == ["a", "b"]
    assert kept(facts, places=["450"], geography="current") == []
    assert kept(facts, places=["18880"], geography="current") == ["b", "c"]
    assert kept(facts, places=["18880"]) == []


def test_filtered_enterprises_is_built_on_the_same_rules(con):
    con.execute("INSERT INTO enterprises (tax_code, name, sector_code, place_code, size, ownership) VALUES "
                "('3100000001', 'A', 'C', '450', 'small', 'non_state'), "
                "('3100000002', 'B', 'G', '450', 'medium', 'fdi')")
    rows = con.execute("SELECT tax_code, area_code FROM filtered_enterprises(['C'], [], [], [], 'district')").fetchall()
    assert rows == [("3100000001", "450")]
    assert con.execute("SELECT count(*) FROM filtered_enterprises([], ['450'], [], [], 'district')").fetchall() == [(2,)]
