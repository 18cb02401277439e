"""The translation table: both languages complete, the same placeholders, every key used exists, no
Vietnamese text in Python outside it (except named data), and English reaching the user through the
upload page and the command line."""
import ast
import json
import string
import subprocess
import sys
import tomllib
import unicodedata
from pathlib import Path

import pytest

from nscl import codes, status
from nscl.datasets import DATASETS
from nscl.i18n import LANGS, TEXT, TEXTS_DIR, Message, MessageError, Num, load_table, t
from nscl.settings import ROOT
from tests.ingest_helpers import ENTERPRISE_HEADER as EH
from tests.ingest_helpers import TAX, csv_text

# Python files whose Vietnamese literals are data, not interface text: (file, top-level name or
# function; None for the whole file) -> why. Keep it short; everything a user reads goes in the table.
DATA_ALLOWLIST = {
    ("nscl/demo.py", None): "the demo generator's names of people, firms, courses and places are data",
    ("nscl/plan.py", "QUALIFIER_WORDS"): "the Vietnamese words plan files use, parsed into qualifiers",
    ("nscl/ingest/values.py", "CURRENCY_WORDS"): "input forms: the words staff write after an amount",
    ("nscl/ingest/reading.py", "fold"): "the folding rule of headers and values: đ, which NFD does not decompose",
    ("nscl/geo.py", "_fold"): "the folding rule of province names: đ, which NFD does not decompose",
}
PYTHON_FILES = sorted([*ROOT.joinpath("nscl").rglob("*.py"), *ROOT.joinpath("pages").glob("*.py"), ROOT / "app.py"])
# Every precomposed Vietnamese letter with a diacritic (lower and upper case), and đ/Đ.
_BASES, _TONES = "aăâeêioôơuưy", ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
_LOWER = {unicodedata.normalize("NFC", base + tone) for base in _BASES for tone in _TONES} - set("aeiouy") | {"đ"}
VIETNAMESE = _LOWER | {c.upper() for c in _LOWER}
# Calls whose first argument is a key of the table.
KEYED_CALLS = {"t", "has", "Message", "MessageError", "ReadError", "CommitRefused", "AccountError"}


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def is_vietnamese(text: str) -> bool:
    return any(ch in VIETNAMESE for ch in unicodedata.normalize("NFC", text))


def test_the_letters_checked_are_the_vietnamese_ones():
    assert len(VIETNAMESE) == 2 * (12 * 6 - 6 + 1)  # 12 vowel letters × 6 tones, less a e i o u y, plus đ
    assert is_vietnamese("Tổng quan") and is_vietnamese("ĐÃ") and is_vietnamese("nhỏ")
    assert is_vietnamese(unicodedata.normalize("NFD", "nhỏ"))
    assert not is_vietnamese("Enterprises (VND), 1.234,5 % – ≥ ÷ ← →")


@pytest.mark.parametrize("path", sorted(TEXTS_DIR.glob("*.toml")), ids=lambda p: p.name)
def test_each_file_has_both_languages_for_every_key_and_no_empty_text(path):
    with path.open("rb") as fh:
        entries = tomllib.load(fh)
    assert entries, path.name
    for key, entry in entries.items():
        assert set(entry) == set(LANGS), f"{path.name} [{key}]"
        for lang in LANGS:
            assert isinstance(entry[lang], str) and entry[lang].strip(), f"{path.name} [{key}] {lang}"


def test_the_table_is_split_by_area_and_keys_are_unique_across_files():
    files = sorted(TEXTS_DIR.glob("*.toml"))
    assert len(files) >= 5
    counts = {}
    for path in files:
        with path.open("rb") as fh:
            for key in tomllib.load(fh):
                counts[key] = counts.get(key, 0) + 1
    assert {k for k, n in counts.items() if n > 1} == set()
    assert len(TEXT) == len(counts) and load_table() == TEXT
    assert all(len(path.read_text(encoding="utf-8").splitlines()) < 1200 for path in files)


def test_a_key_defined_twice_is_refused(tmp_path):
    (tmp_path / "a.toml").write_text('[k]\nvi = "một"\nen = "one"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('[k]\nvi = "hai"\nen = "two"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="already in another file"):
        load_table(tmp_path)
    (tmp_path / "b.toml").write_text('[k2]\nvi = "hai"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="exactly the keys vi and en"):
        load_table(tmp_path)


def test_vietnamese_and_english_have_the_same_placeholders():
    differ = {key: (sorted(fields(vi)), sorted(fields(en))) for key, (vi, en) in TEXT.items() if fields(vi) != fields(en)}
    assert differ == {}


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _scopes(tree: ast.Module) -> dict[int, str]:
    """Constant -> the top-level name it belongs to (function, class or assigned name)."""
    out = {}
    for statement in tree.body:
        if isinstance(statement, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            name = statement.name
        elif isinstance(statement, ast.Assign | ast.AnnAssign):
            targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target]
            name = next((t.id for t in targets if isinstance(t, ast.Name)), "")
        else:
            name = ""
        for node in ast.walk(statement):
            if isinstance(node, ast.Constant):
                out[id(node)] = name
    return out


def vietnamese_literals() -> dict[tuple[str, str], list[str]]:
    """(file, top-level name) -> the Vietnamese string constants found there, docstrings aside."""
    found: dict[tuple[str, str], list[str]] = {}
    for path in PYTHON_FILES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings, scopes = _docstrings(tree), _scopes(tree)
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                    and is_vietnamese(node.value)):
                where = (str(path.relative_to(ROOT)), scopes.get(id(node), ""))
                found.setdefault(where, []).append(f"line {node.lineno}: {node.value[:80]!r}")
    return found


def test_no_vietnamese_literal_in_python_outside_the_table_and_the_data_allowlist():
    found = vietnamese_literals()
    offenders = {f"{file}:{name}": texts for (file, name), texts in found.items()
                 if (file, None) not in DATA_ALLOWLIST and (file, name) not in DATA_ALLOWLIST}
    assert offenders == {}, "move these texts into nscl/texts/*.toml:\n" + json.dumps(offenders, ensure_ascii=False,
                                                                                       indent=1)
    # The allowlist stays as small as it is: each entry still holds Vietnamese data.
    used = {(file, None) for file, _ in found} | set(found)
    assert set(DATA_ALLOWLIST) <= used, set(DATA_ALLOWLIST) - used


def test_every_key_the_code_names_exists():
    missing = []
    for path in PYTHON_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            first = node.args[0]
            if name not in KEYED_CALLS:
                continue
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                if first.value not in TEXT:
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {first.value}")
            elif isinstance(first, ast.JoinedStr) and isinstance(first.values[0], ast.Constant):
                prefix = first.values[0].value  # t(f"status_{id}"): some key has that prefix
                if not any(key.startswith(prefix) for key in TEXT):
                    missing.append(f"{path.relative_to(ROOT)}:{node.lineno} {prefix}…")
    assert missing == []


def test_keys_built_from_data_exist():
    from nscl.cli import HINTS
    from nscl.geo import ATTRIBUTION
    from nscl.ingest.reading import SEPARATOR_NAMES
    from nscl.ingest.sandbox import CORRUPT

    named = [*HINTS.values(), *SEPARATOR_NAMES.values(), CORRUPT, ATTRIBUTION,
             *(f"status_{s.id}" for s in status.ALL), *(f"lang_name_{lang}" for lang in LANGS)]
    for dataset in DATASETS.values():
        named.append(f"dataset_{dataset.name}")
        named += [f"head_{c.key}" for c in dataset.columns]
        named += [f"type_{c.kind}" for c in dataset.columns]
    assert [key for key in named if key not in TEXT] == []
    for dataset in DATASETS.values():  # enum examples are codes of their list, shown as its labels
        for column in dataset.columns:
            if column.kind == "enum" and column.choices in codes.dimensions() and column.example:
                assert column.example in codes.values(column.choices)


def test_code_labels_and_accepted_forms_come_from_the_catalogue_not_the_table(con):
    from nscl.ingest.reading import fold
    from nscl.ingest.validation import Catalogues

    assert not [key for key in TEXT if key.startswith(("size_", "own_", "sol_", "kind_", "role_"))]
    assert codes.label("size", "micro", "vi") == "Siêu nhỏ" and codes.label("kind", "in_depth", "en") == "In-depth"
    catalogues = Catalogues(con)
    for dimension in ("size", "ownership", "kind", "role", "solution_type"):
        forms = catalogues.forms(dimension)
        for code in codes.codes(dimension):
            assert all(alias == fold(alias) for alias in code.aliases), code
            for form in (code.code, code.name_vi, code.name_en, *code.aliases):
                assert code.code in forms[fold(form)], (dimension, form)
    assert catalogues.forms("ownership")["tu nhan"] == ["non_state"]
    assert catalogues.allowed_text("size", "en") == "Micro, Small, Medium, Large"


def test_messages_render_in_either_language_and_cross_processes_as_json():
    message = Message("excel_extent_cells", {
        "where": Message("excel_extent_used", {"sheet": "DN", "cell": "F11"}), "rows": 1234, "columns": 6,
        "cells": 7404, "limit": 50, "fix": Message("excel_fix_extent")})
    assert message.text().startswith("Trang tính \"DN\" có dữ liệu đến ô F11 (1.234 dòng × 6 cột = 7.404 ô)")
    assert message.text("en").startswith("Worksheet \"DN\" has data up to cell F11 (1,234 rows × 6 columns = 7,404")
    again = Message.from_json(json.loads(json.dumps(message.as_json())))
    assert again == message and again.text("en") == message.text("en")
    assert Message("read_too_big", {"size": Num(2.5, 1), "limit": Num(2)}).text("en").startswith("The file is 2.5 MB")
    error = MessageError("read_empty")
    assert str(error) == "Tệp trống: không có dữ liệu." and error.text("en") == "The file is empty: it holds no data."
    assert t("read_no_header", "en", examples="A").endswith("(for example: A).")


def test_the_word_report_follows_its_language(plan):
    import datetime as dt

    from nscl.present.report import date_line, overall_sentence

    assert date_line("", dt.date(2026, 11, 26)) == "[địa danh: ……], ngày 26 tháng 11 năm 2026"
    assert date_line("Dong Hoi", dt.date(2026, 11, 26), "en") == "Dong Hoi, 26/11/2026"
    assert overall_sentence([], dt.date(2026, 11, 26), "en") == "As of 26/11/2026, the plan has no numeric target to judge."


# ---------------------------------------------------------------------------------- what users see

def english(at) -> None:
    """Settle the page in English. Under AppTest the sidebar's widgets start again from their defaults
    (Vietnamese) once a rerun switches from running the page file to running app.py (on the second
    run, or after the login's rerun, depending on the tests run before): choose English again on the
    language switch then, as a user would, so that no click is lost to that switch."""
    at.run()
    if at.title[0].value != "Upload data":
        at.get("button_group")[0].set_value("en").run()
    assert at.title[0].value == "Upload data"


def test_upload_page_in_english_shows_english_messages(tmp_path, monkeypatch, plan):
    from nscl.auth import add_user
    from tests.apptest import open_page, shown
    from tests.conftest import build_demo_file

    db = build_demo_file(tmp_path / "upload.duckdb", plan)
    users = tmp_path / "users.toml"
    add_user("lan", "mat-khau-dai-1", "Nguyễn Thị Lan", path=users)
    monkeypatch.setenv("NSCL_DB", str(db))
    monkeypatch.setenv("NSCL_USERS", str(users))
    monkeypatch.setenv("NSCL_ARCHIVE", str(tmp_path / "archive"))
    at = open_page("pages/upload.py", as_of="2026-11-26", lang="en")
    english(at)
    assert at.subheader[0].value == "Sign in"
    at.text_input[0].input("lan")
    at.text_input[1].input("wrong-password")
    at.button[0].click().run()
    assert [e.value for e in at.error] == ["Wrong username or password."]
    at.text_input[1].input("mat-khau-dai-1")
    at.button[0].click().run()
    english(at)
    at.selectbox(key="upload_dataset").set_value("support").run()
    header = [c.header("en") for c in DATASETS["support"].columns[:6]]
    bad = csv_text([header, ["HT-X", "3100000017", "15/10/2026", "5S", "", "1,000"]]).encode()
    at.get("file_uploader")[0].set_value(("bad.csv", bad, "text/csv"))
    at.run()
    assert not at.exception
    table = shown(at.dataframe[0])
    assert list(table.columns) == ["Row", "Column", "Value", "Message", "Severity"]
    messages = dict(zip(table["Column"], table["Message"]))
    assert messages["Tax code"].startswith("Invalid tax code: it needs 10 digits")
    assert messages["Solution type"].startswith("The value \"5S\" is not in the list. Values used: Standards, ")
    assert set(table["Severity"]) == {"Error"}
    # A file that is not a table at all: the read error is in English too.
    at.get("file_uploader")[0].set_value(("empty.csv", b"", "text/csv"))
    at.run()
    assert [e.value for e in at.error] == ["The file is empty: it holds no data."]


def _cli(*args, db: Path):
    return subprocess.run([sys.executable, "-m", "nscl", *args], cwd=ROOT, capture_output=True, text=True,
                          env={"NSCL_DB": str(db), "NSCL_ARCHIVE": str(db.parent / "archive"), "PATH": "/usr/bin"})


def test_command_line_import_in_english(tmp_path):
    db = tmp_path / "cli.duckdb"
    bad = tmp_path / "dn.csv"
    bad.write_bytes(csv_text([EH, [TAX[0], "Công ty A", "ZZ", "450", "nhỏ", "FDI"]]).encode("utf-8-sig"))
    done = _cli("import", "--lang", "en", "--dataset", "enterprises", str(bad), db=db)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "ERROR row 2, column \"Ngành kinh tế\" (value \"ZZ\"): The value \"ZZ\" is not in the list. Values used: "
        "VSIC 2018 section codes A..U.",
        "The file has 1 error on 1 row; nothing was written to the database."]
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    done = _cli("import", "--lang", "en", "--dataset", "enterprises", str(empty), db=db)
    assert done.returncode == 1 and done.stderr.strip() == "The file is empty: it holds no data."
    vietnamese = _cli("import", "--dataset", "enterprises", str(empty), db=db)
    assert vietnamese.stderr.strip() == "Tệp trống: không có dữ liệu."


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_english_template_is_accepted_back(tmp_path, suffix):
    db = tmp_path / "cli.duckdb"
    template = tmp_path / f"template.{suffix}"
    made = _cli("template", "--lang", "en", "--dataset", "enterprises", "-o", str(template), db=db)
    assert made.returncode == 0 and "Wrote the \"Enterprises\" template" in made.stdout
    if suffix == "csv":
        text = template.read_bytes().decode("utf-8-sig")
        assert text.startswith("IMPORT TEMPLATE: ENTERPRISES.") and "Tax code (required)" in text
        assert text.endswith("0000000017,\"Nhat Le Seafood Co., Ltd.\",C,Dong Hoi City,Small,Non-state,15/03/2012,45\r\n")
    # Untouched, its example row is refused (its headers were read); with a real row it is accepted.
    untouched = _cli("import", "--lang", "en", "--dataset", "enterprises", str(template), "--dry-run", db=db)
    assert untouched.returncode == 1 and "This is the template's example row (code \"0000000017\")" in untouched.stdout
    if suffix == "csv":
        template.write_bytes(template.read_bytes().replace(b"0000000017", b"3100000016"))
        done = _cli("import", "--lang", "en", "--dataset", "enterprises", str(template), "--dry-run", db=db)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "The file is valid (1 new row," in done.stdout


def test_english_counts_agree_with_their_noun():
    assert t("rows_shown", "en", shown=1, total=1) == "1 of 1 row"
    assert t("rows_shown", "en", shown=2, total=12) == "2 of 12 rows"
    assert Message("checked", {"rows": 1}).text("en") == "Checked 1 row."
    assert Message("checked", {"rows": 1200}).text("en") == "Checked 1,200 rows."
    # Vietnamese nouns do not change with the number.
    assert Message("checked", {"rows": 1}).text("vi") == Message("checked", {"rows": 2}).text("vi").replace("2", "1")


def test_plural_fields_appear_in_english_only():
    """Vietnamese has no plural forms: a `{n:one|many}` field in a Vietnamese text is a mistake."""
    plural = {key for key, (vi, _) in TEXT.items()
              if any(spec and "|" in spec for _, _, spec, _ in string.Formatter().parse(vi))}
    assert plural == set()
