"""Every setting an operator can change is one field of nscl.settings.Settings, read from the
environment in one place and described in docs/settings.md."""
import ast
import dataclasses

from nscl.settings import MB, ROOT, Settings


def test_every_variable_is_described_in_the_settings_page():
    page = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [name for name, _, _ in Settings.documented() if f"| `{name}` |" not in page]
    assert missing == []


def test_no_code_reads_an_nscl_variable_outside_settings():
    offenders = []
    for path in [*(ROOT / "nscl").rglob("*.py"), *(ROOT / "pages").glob("*.py"), ROOT / "app.py"]:
        if path.name == "settings.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("NSCL_"):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.value}")
    assert offenders == []


def test_values_are_parsed_and_unset_ones_keep_their_defaults():
    settings = Settings.from_env({"NSCL_DB": "/srv/nscl.duckdb", "NSCL_REQUIRE_LOGIN": "1", "NSCL_MAX_UPLOAD_MB": "2.5",
                                  "NSCL_READ_SECONDS": "7.5", "NSCL_LOGIN_MAX_FAILURES": "3", "NSCL_SNAPSHOT": ""})
    assert settings.db_path == "/srv/nscl.duckdb" and settings.require_login is True
    assert settings.max_upload_bytes == int(2.5 * MB) and settings.read_seconds == 7.5
    assert settings.login_max_failures == 3 and settings.snapshot == "" and not settings.read_only
    defaults = Settings()
    assert Settings.from_env({}) == defaults and defaults.require_login is False


def test_each_setting_names_its_variable_and_says_what_it_does():
    for field in dataclasses.fields(Settings):
        assert field.metadata["env"].startswith("NSCL_") and len(field.metadata["doc"]) > 15


def test_duckdb_memory_is_capped_per_process(monkeypatch, tmp_path):
    from nscl.connect import open_database

    def limit(con):
        return con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]

    con = open_database(str(tmp_path / "default.duckdb"))
    assert limit(con) == "2.0 GiB"
    con.close()
    monkeypatch.setenv("NSCL_DUCKDB_MEMORY_MB", "300")
    con = open_database(str(tmp_path / "small.duckdb"))
    assert limit(con) == "300.0 MiB"
    con.close()


def test_provinces_are_official_two_digit_codes():
    assert Settings().provinces == ("44",)
    assert Settings.from_env({"NSCL_PROVINCES": "44, 1,48"}).provinces == ("44", "01", "48")
