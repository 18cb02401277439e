"""Where the app finds its database, plans and catalogues, and every other setting an operator
can change: one `Settings` object, read from the environment in one place (`from_env`). Each
field names its environment variable and says what it does; docs/settings.md lists them all
(tests/test_settings.py checks that it does)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
# In the repository queries/, data/, pages/ and app.py sit at its root; a wheel carries them
# inside the package (pyproject.toml maps them to nscl.queries, nscl.resources, nscl.site).
INSTALLED = (PACKAGE / "queries").is_dir()
QUERIES_DIR = PACKAGE / "queries" if INSTALLED else ROOT / "queries"
DATA_DIR = PACKAGE / "resources" if INSTALLED else ROOT / "data"
SITE_DIR = PACKAGE / "site" if INSTALLED else ROOT
PLANS_DIR = DATA_DIR / "plans"
CATALOGUES_DIR = DATA_DIR / "catalogues"
# What the app writes (database, staff accounts, archived uploads): data/ in the repository,
# the working directory for an installed copy.
STATE_DIR = Path.cwd() if INSTALLED else ROOT / "data"
DEFAULT_DB = STATE_DIR / "nscl.duckdb"
DEFAULT_PLAN = "quang-binh-676"
MB = 1024 * 1024


def _setting(env: str, default, doc: str, parse=str):
    return field(default=default, metadata={"env": env, "doc": doc, "parse": parse})


def _flag(raw: str) -> bool:
    return raw.strip().lower() in ("1", "true", "yes", "on")


def _codes(raw: str) -> tuple:
    return tuple(code.strip().zfill(2) for code in raw.split(",") if code.strip())


def _megabytes(raw: str) -> int:
    return int(float(raw) * MB)


@dataclass(frozen=True)
class Settings:
    db_path: str = _setting("NSCL_DB", str(DEFAULT_DB), "the DuckDB database file (upgraded on start; "
                           "`python -m nscl init` or `demo` creates it, the app never does)")
    plan_id: str = _setting("NSCL_PLAN", DEFAULT_PLAN, "the id of the plan to monitor, from the plans folder")
    provinces: tuple = _setting("NSCL_PROVINCES", ("44",), "official codes of the provinces in force since "
                                "1/7/2025 that this deployment covers, comma-separated (44: the merged province of code 44, "
                                "which holds the former provinces 44 and 45); uploads naming a place outside them "
                                "are refused", _codes)
    plans_dir: str = _setting("NSCL_PLANS_DIR", str(PLANS_DIR), "the folder of plan files (*.toml)")
    snapshot: str = _setting("NSCL_SNAPSHOT", "", "a read-only replica serves this Parquet snapshot instead of the "
                             "database file")
    publish_snapshot: str = _setting("NSCL_PUBLISH_SNAPSHOT", "", "the writer publishes a snapshot to this folder "
                                     "after every commit or undo")
    publish_edition: str = _setting("NSCL_PUBLISH_EDITION", "", "the writer publishes the static edition "
                                    "(`python -m nscl publish`) to this folder in the background after every commit "
                                    "or undo, unless staff put it under embargo (docs/publishing.md)")
    edition_url: str = _setting("NSCL_EDITION_URL", "", "where readers open the published edition, a path "
                                "beside the app (/ban-tin/) or a full http(s) address; the sidebar links to it "
                                "(its English pages under en/)")
    require_login: bool = _setting("NSCL_REQUIRE_LOGIN", False, "1: every page needs a staff login, not only "
                                   "the upload page", _flag)
    public_personal_data: bool = _setting("NSCL_PUBLIC_PERSONAL_DATA", False, "1: viewers who are not signed in "
                                          "see personal data (names, identity numbers, household businesses' tax "
                                          "codes, uploaders) as signed-in staff do; only for an intranet that "
                                          "only staff reach (see docs/personal-data.md)", _flag)
    users_file: str = _setting("NSCL_USERS", str(STATE_DIR / "users.toml"), "the staff accounts file (argon2 hashes)")
    login_max_failures: int = _setting("NSCL_LOGIN_MAX_FAILURES", 5, "failed sign-ins of one user name from one "
                                       "source (client address) before each further attempt must wait; the wait "
                                       "doubles with every failure", int)
    login_first_delay_seconds: float = _setting("NSCL_LOGIN_FIRST_DELAY_SECONDS", 30.0, "the first wait, in "
                                                "seconds, once a user name has used its free failures from a source",
                                                float)
    login_max_delay_minutes: float = _setting("NSCL_LOGIN_MAX_DELAY_MINUTES", 15.0, "the longest wait between two "
                                              "sign-in attempts of one user name from one source, in minutes", float)
    login_window_minutes: int = _setting("NSCL_LOGIN_WINDOW_MINUTES", 60, "failed sign-ins older than this are "
                                         "forgotten, in minutes", int)
    login_max_failures_per_source: int = _setting("NSCL_LOGIN_MAX_FAILURES_PER_SOURCE", 20, "failed sign-ins "
                                                  "within the window, whatever the user names, after which one "
                                                  "client address waits until the oldest leaves the window", int)
    session_hours: float = _setting("NSCL_SESSION_HOURS", 8.0, "a signed-in browser stays signed in across "
                                    "reloads until this many hours after its last page run (an HttpOnly cookie, "
                                    "the session kept on the server; signing out ends it); 0: only while the tab "
                                    "stays open", float)
    login_attempts_file: str = _setting("NSCL_LOGIN_ATTEMPTS", "", "the SQLite file of sign-in attempts that the "
                                        "app and every replica share (empty: login-attempts.sqlite3 next to the "
                                        "staff accounts file)")
    trusted_proxies: str = _setting("NSCL_TRUSTED_PROXIES", "127.0.0.1,::1", "addresses or networks (CIDR), "
                                    "comma-separated, of reverse proxies whose X-Forwarded-For is believed; a "
                                    "sign-in's source is the right-most address there that is not one of them")
    max_username_chars: int = _setting("NSCL_MAX_USERNAME_CHARS", 64, "longest user name accepted at sign-in; a "
                                       "longer one is refused before anything is checked or stored", int)
    max_password_chars: int = _setting("NSCL_MAX_PASSWORD_CHARS", 1024, "longest password accepted at sign-in "
                                       "or for a new account; a longer one is refused before it is hashed", int)
    max_upload_bytes: int = _setting("NSCL_MAX_UPLOAD_MB", 100 * MB, "largest upload, in MB", _megabytes)
    max_rows: int = _setting("NSCL_MAX_ROWS", 1_000_000, "most data rows in one file", int)
    max_cell_chars: int = _setting("NSCL_MAX_CELL_CHARS", 1_000_000, "longest cell, in characters", int)
    max_line_bytes: int = _setting("NSCL_MAX_LINE_KB", 1024 * 1024, "longest CSV line, in KB",
                                   lambda raw: int(float(raw) * 1024))
    max_columns: int = _setting("NSCL_MAX_COLUMNS", 200, "most columns in one file or sheet", int)
    max_cells: int = _setting("NSCL_MAX_CELLS", 20_000_000, "most cells (rows × columns) in one file or sheet", int)
    max_unzipped_bytes: int = _setting("NSCL_MAX_UNZIPPED_MB", 200 * MB, "largest unzipped size of a "
                                       "spreadsheet, in MB", _megabytes)
    max_zip_ratio: int = _setting("NSCL_MAX_ZIP_RATIO", 100, "highest unzipped ÷ zipped size of a spreadsheet "
                                  "member", int)
    max_zip_members: int = _setting("NSCL_MAX_ZIP_MEMBERS", 10_000, "most members in a spreadsheet's zip", int)
    read_memory_bytes: int = _setting("NSCL_READ_MEMORY_MB", 1536 * MB, "memory of the child process that reads "
                                      "a spreadsheet, in MB", _megabytes)
    read_seconds: float = _setting("NSCL_READ_SECONDS", 30.0, "time the child process may take to read a "
                                   "spreadsheet, in seconds", float)
    duckdb_memory_mb: int = _setting("NSCL_DUCKDB_MEMORY_MB", 2048, "most memory DuckDB may take in each app "
                                     "process, in MB; beyond it DuckDB spills to disk", int)
    archive_dir: str = _setting("NSCL_ARCHIVE", str(STATE_DIR / "uploads"), "where committed original files are "
                                "kept under their SHA-256")

    @classmethod
    def from_env(cls, environ=None) -> Settings:
        """The settings from environment variables; unset ones keep their defaults."""
        environ = os.environ if environ is None else environ
        values = {}
        for f in fields(cls):
            raw = environ.get(f.metadata["env"])
            if raw is not None and raw != "":
                values[f.name] = f.metadata["parse"](raw)
        return cls(**values)

    @classmethod
    def documented(cls) -> list[tuple[str, str, str]]:
        """(variable, default, what it does) for every setting."""
        return [(f.metadata["env"], str(f.default), f.metadata["doc"]) for f in fields(cls)]

    @property
    def read_only(self) -> bool:
        return bool(self.snapshot)
