"""The recipes of docs/recipes.md name every file a real addition touches: each test makes one real,
minimal addition in a copy of the repository, checks that it works there (with the copy's own
code, in a child process), and compares the files it changed with the recipe's list."""
from __future__ import annotations

import fnmatch
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from nscl.plan import load_plan_by_id
from nscl.settings import ROOT

RECIPES = ROOT / "docs" / "recipes.md"


def recipe(title: str, text: str | None = None) -> list[str]:
    """The file patterns listed under "Files" in the recipe headed `## {title}`."""
    text = text if text is not None else RECIPES.read_text(encoding="utf-8")
    section = text.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]
    files = section.split("Files:", 1)[1]
    return re.findall(r"^- `([^`]+)`", files, re.M)


def repository_files(root: Path) -> list[str]:
    """The repository's own files (tracked or not ignored): what a clean checkout holds."""
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=root,
                         capture_output=True, check=True).stdout.decode()
    return sorted(name for name in out.split("\0") if name and (root / name).is_file())


def _digests(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts}


@pytest.fixture
def copy(tmp_path) -> tuple[Path, dict[str, str]]:
    """A copy of the repository's files, and their digests before the addition."""
    target = tmp_path / "repo"
    for name in repository_files(ROOT):
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target / name)
    return target, _digests(target)


def touched(root: Path, before: dict[str, str]) -> set[str]:
    """Files added, changed or removed since `before` (the copy's own __pycache__ aside)."""
    after = _digests(root)
    return {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}


def unmatched(files: set[str], patterns: list[str]) -> tuple[list[str], list[str]]:
    """(touched files no pattern names, patterns no touched file matches)."""
    globs = [re.sub(r"<[^>]+>", "*", p) for p in patterns]
    extra = sorted(f for f in files if not any(fnmatch.fnmatch(f, g) for g in globs))
    unused = sorted(p for p, g in zip(patterns, globs, strict=True) if not any(fnmatch.fnmatch(f, g) for f in files))
    return extra, unused


def run_in(root: Path, code: str, **env: str) -> subprocess.CompletedProcess:
    """Python in the copy, importing the copy's nscl (not the repository's)."""
    environ = {**os.environ, "PYTHONPATH": str(root), "NSCL_PLANS_DIR": str(root / "data" / "plans"), **env}
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], cwd=root, env=environ,
                          capture_output=True, text=True, timeout=300)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_the_recipe_lists_are_read_and_compared():
    text = "# R\n\n## Add a thing\n\nFiles:\n\n- `a/<name>.py` — the thing\n- `b.toml` — its text\n\n## Next\n\n- `c.py`\n"
    assert recipe("Add a thing", text) == ["a/<name>.py", "b.toml"]
    assert unmatched({"a/new.py", "b.toml"}, ["a/<name>.py", "b.toml"]) == ([], [])
    assert unmatched({"a/new.py", "c.py"}, ["a/<name>.py", "b.toml"]) == (["c.py"], ["b.toml"])


def test_adding_a_plan_touches_what_the_recipe_says(copy):
    root, before = copy
    plans = root / "data" / "plans"
    text = (plans / "quang-binh-676.toml").read_text(encoding="utf-8")
    text = text.replace('id = "quang-binh-676"', 'id = "recipe-province"', 1).replace(
        'province_vi = "Quảng Bình"', 'province_vi = "Tỉnh thử"', 1).replace('outline = "Quảng Bình"', 'outline = "44"', 1)
    (plans / "recipe-province.toml").write_text(text, encoding="utf-8")

    plan = load_plan_by_id("recipe-province", plans)
    assert plan.province["vi"] == "Tỉnh thử" and [p.id for p in plan.phases] == ["2021-2025", "2026-2030"]
    check = run_in(root, "import sys; from nscl.cli import main; "
                         "sys.exit(main(['plan', 'check', 'data/plans/recipe-province.toml']))")
    assert check.returncode == 0, check.stdout + check.stderr
    assert unmatched(touched(root, before), recipe("Add a plan")) == ([], [])


PAGE = '''\
"""A page added by the recipe test: its title and one sentence."""
import streamlit as st

from nscl import ui
from nscl.i18n import t

ctx = ui.page_context(__file__)
ui.page_header(ctx, "recipe_page")
st.write(t("recipe_page_body", ctx.lang))
'''
PAGE_TEXTS = '''
[recipe_page]
vi = "Trang thử công thức"
en = "Recipe page"

[recipe_page_body]
vi = "Trang này do bài kiểm tra thêm vào."
en = "The test added this page."
'''


def test_adding_a_page_touches_what_the_recipe_says(copy, demo_db, tmp_path):
    root, before = copy
    # The child process opens its own copy: an AppTest of this process may hold the session's file
    # (DuckDB lets no second process open a file another holds).
    database = shutil.copyfile(demo_db, tmp_path / "recipe-page.duckdb")
    (root / "pages" / "recipe_page.py").write_text(PAGE, encoding="utf-8")
    edit(root / "nscl" / "ui" / "pages.py", '    PageSpec("pages/upload.py",',
         '    PageSpec("pages/recipe_page.py", "recipe_page", ":material/science:", "recipe_page", ()),\n'
         '    PageSpec("pages/upload.py",')
    append(root / "nscl" / "texts" / "ui.toml", PAGE_TEXTS)

    shown = run_in(root, f"""
        import json
        from streamlit.testing.v1 import AppTest
        at = AppTest.from_file({str(root / "app.py")!r}, default_timeout=120).switch_page("pages/recipe_page.py").run()
        print(json.dumps({{"problems": [str(e.value) for e in [*at.exception, *at.error]],
                          "titles": [e.value for e in at.title], "text": [e.value for e in at.markdown]}}))
    """, NSCL_DB=str(database), NSCL_PLAN="quang-binh-676")
    assert shown.returncode == 0, shown.stderr[-2000:]
    page = json.loads(shown.stdout.strip().splitlines()[-1])
    assert page["problems"] == [] and page["titles"] == ["Trang thử công thức"]
    assert "Trang này do bài kiểm tra thêm vào." in page["text"]
    assert unmatched(touched(root, before), recipe("Add a page")) == ([], [])


INDICATOR_SQL = """\
-- name: cabs_first_per_year
-- returns: one row per year with newly accredited bodies: year, value (bodies first accredited that year, up to the as-of date)
-- param: $period_start DATE first day counted
-- param: $period_end DATE last day of the period
-- param: $as_of DATE nothing after this day is counted
SELECT
    year(accredited_on)::INTEGER AS year,
    count(*)::INTEGER AS value
FROM cabs
WHERE accredited_on BETWEEN $period_start AND least($period_end, $as_of)
GROUP BY ALL
ORDER BY year
"""
INDICATOR_TEXTS = '''
[def_cabs_first]
vi = "Tổ chức đánh giá sự phù hợp được công nhận lần đầu trong giai đoạn."
en = "Conformity-assessment bodies accredited for the first time in the phase."
'''
INDICATOR_TARGET = '''
[[targets]]
id = "cab_new"
indicator = "cabs_first"
kind = "count"
scope = "phase"
name_vi = "Tổ chức đánh giá sự phù hợp mới được công nhận"
name_en = "Newly accredited conformity-assessment bodies"
unit_vi = "tổ chức"
unit_en = "bodies"
qualifier = "ít nhất"
source_vi = "mục tiêu thử của bài kiểm tra"
values = { "2021-2025" = 4, "2026-2030" = 4 }
'''


def test_adding_an_indicator_touches_what_the_recipe_says(copy):
    root, before = copy
    (root / "queries" / "indicators" / "cabs_first_per_year.sql").write_text(INDICATOR_SQL, encoding="utf-8")
    edit(root / "nscl" / "registry.py", "\n)\nBY_ID = ",
         '\n    Indicator("cabs_first", "cabs_first_per_year", ("count",), "conformity-assessment body, at its first '
         'accreditation", "unit_bodies", "conformity", "support", filters=False, dataset="cabs"),\n)\nBY_ID = ')
    append(root / "nscl" / "texts" / "indicators.toml", INDICATOR_TEXTS)
    append(root / "data" / "plans" / "quang-binh-676.toml", INDICATOR_TARGET)

    # Three bodies accredited in the phase 2021-2025 (one after the as-of date), one before it.
    result = run_in(root, """
        import datetime as dt, json
        from nscl import registry
        from nscl.connect import open_database
        from nscl.indicators import compute
        from nscl.plan import load_plan_by_id
        from nscl.settings import PLANS_DIR
        plan = load_plan_by_id("quang-binh-676", PLANS_DIR)
        con = open_database(":memory:", plan)
        for i, day in enumerate(["2020-05-01", "2021-03-01", "2023-07-01", "2025-10-01"]):
            con.execute("INSERT INTO cabs (id, name, accreditation_standard, accredited_on) VALUES (?, ?, ?, ?)",
                        [f"B{i}", f"Body {i}", "ISO/IEC 17025", day])
        target = next(tg for tg in plan.targets if tg.id == "cab_new")
        phase = next(p for p in plan.phases if p.id == "2021-2025")
        r = compute(con, plan, target, phase, dt.date(2025, 6, 30))
        print(json.dumps({"actual": r.assessment.actual, "status": r.assessment.status.id,
                          "definition": registry.definition(target, "vi"), "page": registry.page_of(target)}))
    """)
    assert result.returncode == 0, result.stderr[-2000:]
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown == {"actual": 2.0, "status": "off_track", "page": "conformity",
                     "definition": "Tổ chức đánh giá sự phù hợp được công nhận lần đầu trong giai đoạn."}
    assert unmatched(touched(root, before), recipe("Add an indicator")) == ([], [])


DATASET_SPEC = '''    Dataset("audits", "audits", ("id",), (
        Column("id", "code", True, example="VD-KT-001"),
        Column("name", required=True, example="Kiểm toán năng lượng"),
        Column("audited_on", "date", True, example="10/05/2024"),
        Column("place_code", "enum", choices="place", example="450"),
    ), place_date="audited_on"),
)}
'''
DATASET_TABLE = """-- Energy audits: a dataset added by the recipe test.
CREATE TABLE audits (
    id          VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    audited_on  DATE NOT NULL,
    place_code  VARCHAR,
    upload_id   INTEGER
);
CREATE TABLE audits_history AS SELECT * FROM audits LIMIT 0;
ALTER TABLE audits_history ADD COLUMN replaced_by INTEGER;
"""
DATASET_TEXTS = '''
[dataset_audits]
vi = "Kiểm toán năng lượng"
en = "Energy audits"

[head_audits_id]
vi = "Mã kiểm toán"
en = "Audit code"

[head_audits_name]
vi = "Tên cuộc kiểm toán"
en = "Name"

[head_audits_audited_on]
vi = "Ngày kiểm toán"
en = "Audited on"

[head_audits_place_code]
vi = "Địa bàn"
en = "Place"
'''
DATASET_FRESH = '''
[fresh_what_audits]
vi = "kiểm toán năng lượng"
en = "Energy audit"
'''


def test_adding_a_dataset_touches_what_the_recipe_says(copy, tmp_path):
    root, before = copy
    edit(root / "nscl" / "datasets.py", "    ), orders=(Order(\"accredited_on\", \"accreditation_expires_on\", "
         "strict=True),), place_date=\"accredited_on\"),\n)}\n",
         "    ), orders=(Order(\"accredited_on\", \"accreditation_expires_on\", strict=True),), "
         "place_date=\"accredited_on\"),\n" + DATASET_SPEC)
    number = max(int(p.name[:4]) for p in (root / "nscl" / "migrations").glob("[0-9]*.sql")) + 1
    (root / "nscl" / "migrations" / f"{number:04d}_audits.sql").write_text(DATASET_TABLE, encoding="utf-8")
    append(root / "nscl" / "texts" / "datasets.toml", DATASET_TEXTS)
    append(root / "nscl" / "texts" / "quality.toml", DATASET_FRESH)
    edit(root / "queries" / "analytics" / "build_dataset_months.sql",
         "    SELECT 'cabs', date_trunc('month', accredited_on), place_code, count(*) FROM cabs GROUP BY ALL\n",
         "    SELECT 'cabs', date_trunc('month', accredited_on), place_code, count(*) FROM cabs GROUP BY ALL\n"
         "    UNION ALL\n"
         "    SELECT 'audits', date_trunc('month', audited_on), place_code, count(*) FROM audits GROUP BY ALL\n")
    changed = touched(root, before)

    db, upload = tmp_path / "audits.duckdb", tmp_path / "audits.csv"
    upload.write_text("Mã kiểm toán,Tên cuộc kiểm toán,Ngày kiểm toán,Địa bàn\n"
                      "KT-1,Kiểm toán nhà máy A,15/03/2024,450\nKT-2,Kiểm toán nhà máy B,20/03/2024,450\n",
                      encoding="utf-8")
    env = {"NSCL_DB": str(db), "NSCL_PLAN": "quang-binh-676", "NSCL_ARCHIVE": str(tmp_path / "archive")}
    result = run_in(root, f"""
        import json, sys
        from nscl.cli import main
        assert main(["init", "--db", {str(db)!r}]) == 0
        assert main(["template", "--dataset", "audits", "-o", {str(tmp_path / "mau.xlsx")!r}]) == 0
        code = main(["import", "--dataset", "audits", {str(upload)!r}])
        import duckdb
        from nscl.connect import open_database
        from nscl.plan import load_plan_by_id
        from nscl.settings import PLANS_DIR
        con = duckdb.connect({str(db)!r})
        rows = con.execute("SELECT id, name, audited_on::VARCHAR, place_code FROM audits ORDER BY id").fetchall()
        # A record added behind the app's back: the next open must see it (the content fingerprint,
        # which covers the new table through its spec).
        con.execute("INSERT INTO audits VALUES ('KT-3', 'Kiểm toán nhà máy C', DATE '2024-04-02', '450', NULL)")
        con.close()
        con = open_database({str(db)!r}, load_plan_by_id("quang-binh-676", PLANS_DIR))
        months = con.execute("SELECT month::VARCHAR, district_code, records FROM quality_dataset_months "
                             "WHERE dataset = 'audits' ORDER BY month").fetchall()
        print(json.dumps({{"code": code, "rows": rows, "months": months}}))
    """, **env)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown == {"code": 0, "rows": [["KT-1", "Kiểm toán nhà máy A", "2024-03-15", "450"],
                                         ["KT-2", "Kiểm toán nhà máy B", "2024-03-20", "450"]],
                     "months": [["2024-03-01", "450", 2], ["2024-04-01", "450", 1]]}
    assert unmatched(changed, recipe("Add a dataset")) == ([], [])
