"""The README and docs/ cannot drift from the repository: every file or folder they name exists,
every `make TARGET` is a target of the Makefile, every `python -m nscl COMMAND` is a command of
the command line and every `python -m MODULE` a module."""
from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from nscl.cli import parser
from nscl.settings import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]

# Named in the docs but made at run time (or by the operator), so absent from a clean checkout.
RUNTIME = {
    "data/nscl.duckdb": "the demo database `make run` builds",
    "data/users.toml": "the staff accounts, written by `python -m nscl user add`",
    "users.toml": "the same accounts file, by its name",
    "users.toml.lock": "the accounts file's lock, made on the first write",
    "login-attempts.sqlite3": "the sign-in attempts, made on the first sign-in",
    "./nscl.duckdb": "an installed copy's database in the working directory",
    "data/uploads": "the archive of committed originals, made on the first commit",
    "data/uploads/": "the same archive",
    "unreferenced/": "a folder of the archive, made when an original no upload names is found",
    ".venv": "the virtual environment `make run` creates",
    ".venv/": "the same environment",
    "tests/artifacts/": "screenshots the browser tests write",
    "tests/artifacts/layout/": "the layout test's screenshots",
    "screens/": "`make screens`' screenshots (git-ignored)",
    "bench-results.json": "`make bench`'s output (git-ignored)",
    ".streamlit/secrets.toml": "an OIDC deployment's secrets, never in git",
    "cluster.json": "`make replicas`' pid file, in REPLICAS_STATE",
    "edition/": "the published edition a cluster serves, in its state folder",
    "<database>.tmp": "DuckDB's spill folder next to the database",
    ".tmp": "DuckDB's spill folder in a replica's working directory",
    "hop-giao-ban.pptx": "an example output file of `python -m nscl export deck`",
    "bao-cao.docx": "an example output file of `python -m nscl export report`",
    "mau-gcn.xlsx": "an example template written by `python -m nscl template`",
    "gcn-2025.xlsx": "an example file a staff member imports",
    ".ban-tin.status.json": "the outcome of the app's last automatic publication, beside the edition",
}
FILE_LIKE = re.compile(r"\.(py|sql|toml|md|csv|json|lock|txt|png|cfg|ini|sh|geojson|yml|yaml)$")


def _prose_and_code(text: str) -> tuple[str, str]:
    """The text outside fenced blocks, and the fenced blocks' text."""
    prose, code, inside = [], [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            inside = not inside
            continue
        (code if inside else prose).append(line)
    return "\n".join(prose), "\n".join(code)


def _named_paths(doc: Path) -> list[tuple[str, Path]]:
    """(as written, where it should be) for each relative link and each backticked path of a page."""
    prose, _ = _prose_and_code(doc.read_text(encoding="utf-8"))
    named = []
    for target in re.findall(r"\]\(([^)\s]+)\)", prose):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        named.append((target, doc.parent / target.split("#")[0]))
    for token in re.findall(r"`([^`\s]+)`", prose):
        token = token.split(":")[0] if re.match(r"[\w./-]+\.py:\w", token) else token
        if token.startswith(("/", "~", "$", "-", "http")) or "=" in token or "(" in token:
            continue
        if "/" in token or FILE_LIKE.search(token):
            named.append((token, ROOT / token))
    return named


def _exists(token: str, where: Path) -> bool:
    pattern = re.sub(r"<[^>]+>|NNNN|\.\.\.", "*", str(where.relative_to(ROOT) if where.is_relative_to(ROOT) else where))
    if "*" in pattern:
        return any(ROOT.glob(pattern.rstrip("/")))
    if where.exists():
        return True
    if "/" not in token.rstrip("/"):  # a bare name (`cards.py`, `oracle/`): somewhere in the repository
        return any(p for p in ROOT.rglob(token.rstrip("/")) if ".venv" not in p.parts and ".git" not in p.parts)
    return False


# Pages that name the files of a published edition (`p/<phase>/index.html`, `assets/`, `en/`):
# what they name is looked up in an edition the test publishes from the demo, so they cannot drift
# from what `python -m nscl publish` writes.
EDITION_DOCS = {"publishing.md", "settings.md"}


@pytest.fixture(scope="module")
def published(tmp_path_factory, demo_db, plan) -> Path:
    import datetime as dt
    import shutil

    import duckdb

    from nscl.publish import publish

    copy = Path(shutil.copyfile(demo_db, tmp_path_factory.mktemp("docs-db") / "demo.duckdb"))
    out = tmp_path_factory.mktemp("docs-edition") / "site"
    con = duckdb.connect(str(copy), read_only=True)
    try:
        publish(con, plan, dt.date(2026, 11, 26), out)
    finally:
        con.close()
    return out


def _in_edition(token: str, edition: Path) -> bool:
    """Whether the edition (or, for `.DIR.…` names, the folder beside it) holds what the token names."""
    pattern = re.sub(r"<[^>]+>|…", "*", token).rstrip("/")
    if pattern.startswith(".DIR."):  # the build folders and the lock beside the published link
        return any(edition.parent.glob(pattern.replace("DIR", edition.name, 1)))
    return any(edition.glob("**/" + pattern if "/" not in pattern else pattern))


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_path_named_exists(doc, request):
    missing = [token for token, where in _named_paths(doc)
               if token not in RUNTIME and not _exists(token, where)]
    if missing and doc.name in EDITION_DOCS:
        edition = request.getfixturevalue("published")
        missing = [token for token in missing if not _in_edition(token, edition)]
    assert missing == []


def _commands(doc: Path, pattern: str) -> list[str]:
    """Matches of `pattern` in backticks and in fenced blocks (prose such as "make sure" is not a command)."""
    prose, code = _prose_and_code(doc.read_text(encoding="utf-8"))
    spans = re.findall(r"`([^`]+)`", prose) + code.splitlines()
    return [m for span in spans for m in re.findall(pattern, span)]


def _make_targets() -> set[str]:
    return set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_make_target_named_exists(doc):
    named = _commands(doc, r"(?:^|\s|`)make ([a-z][\w-]*)")
    assert sorted(set(named) - _make_targets()) == []


def _subcommands(p: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in p._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _is_command(words: list[str]) -> bool:
    """Whether `python -m nscl WORDS…` starts with a real command and, when a second word follows a
    command that has sub-commands (`user add`), whether that is one of them."""
    commands = _subcommands(parser())
    if not words or words[0] not in commands:
        return False
    inner = _subcommands(commands[words[0]])
    return not inner or len(words) == 1 or words[1] in inner


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_nscl_command_named_exists(doc):
    named = _commands(doc, r"python -m nscl((?: [a-z][\w-]*){1,2})")
    wrong = [words for words in named if not _is_command(words.split())]
    assert wrong == []


def test_the_replicas_commands_named_exist():
    usage = subprocess.run([sys.executable, "-m", "nscl.replicas", "--help"], capture_output=True, text=True,
                           cwd=ROOT, check=True).stdout
    named = {m for doc in DOCS for m in _commands(doc, r"python -m nscl\.replicas ([a-z]+)")}
    assert named and sorted(word for word in named if word not in usage) == []


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_module_run_with_python_m_exists(doc):
    modules = set(_commands(doc, r"python -m ([\w.]+)"))
    assert sorted(m for m in modules if importlib.util.find_spec(m) is None) == []


def _anchors(page: Path) -> set[str]:
    """GitHub's anchors of a page's headings: lower case, punctuation dropped, spaces as hyphens."""
    prose, _ = _prose_and_code(page.read_text(encoding="utf-8"))
    return {re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
            for heading in re.findall(r"^#+ (.+)$", prose, re.M)}


def _wrong_anchors(doc: Path) -> list[str]:
    prose, _ = _prose_and_code(doc.read_text(encoding="utf-8"))
    wrong = []
    for target in re.findall(r"\]\(([^)\s]*#[^)\s]+)\)", prose):
        page, anchor = target.split("#", 1)
        if not re.match(r"[a-z]+:", page) and anchor not in _anchors(doc.parent / page if page else doc):
            wrong.append(target)
    return wrong


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_every_anchor_linked_is_a_heading(doc):
    assert _wrong_anchors(doc) == []


def test_the_readme_is_short_and_shows_the_product():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    images = re.findall(r"!\[[^]]*\]\(([^)]+)\)", readme)
    assert len(images) == 1 and (ROOT / images[0]).is_file()


def test_the_checks_see_a_wrong_name(tmp_path):
    doc = tmp_path / "wrong.md"
    doc.write_text("See `nscl/no_such.py`, [x](nowhere.md), `make no-such-target`, `python -m nscl frobnicate`"
                   " and `python -m nscl user rename`.\n\n## A heading\n\n[here](#a-heading), [there](#nowhere)\n",
                   encoding="utf-8")
    assert [token for token, where in _named_paths(doc) if not _exists(token, where)] == ["nowhere.md", "nscl/no_such.py"]
    assert set(_commands(doc, r"(?:^|\s|`)make ([a-z][\w-]*)")) - _make_targets() == {"no-such-target"}
    assert _wrong_anchors(doc) == ["#nowhere"]
    assert not _is_command(["frobnicate"]) and not _is_command(["user", "rename"]) and _is_command(["user", "add"])
