"""A regular wheel (not an editable install) carries everything the app and the command line
need: queries, plans, catalogues, outlines, pages. Installed into a folder of its own and run
from elsewhere, it builds the demo, checks a file and serves every page."""
import json
import os
import subprocess
import sys
import textwrap

import pytest

from nscl.settings import ROOT
from nscl.sql import library


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--disable-pip-version-check",
                    "-w", str(work / "dist"), str(ROOT)], check=True, timeout=300)
    wheel = next((work / "dist").glob("nscl-*.whl"))
    target = work / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--disable-pip-version-check",
                    "--target", str(target), str(wheel)], check=True, timeout=300)
    elsewhere = work / "elsewhere"
    elsewhere.mkdir()
    return target, elsewhere


def run(installed, *args, script: str | None = None, timeout: int = 300, **settings):
    target, elsewhere = installed
    env = {k: v for k, v in os.environ.items() if not k.startswith("NSCL_")}
    env.update(PYTHONPATH=str(target), **settings)
    cmd = [sys.executable, "-c", textwrap.dedent(script)] if script else [sys.executable, "-m", "nscl", *args]
    return subprocess.run(cmd, cwd=elsewhere, env=env, capture_output=True, text=True, timeout=timeout)


def test_the_installed_package_is_the_one_imported_and_finds_its_files(installed):
    target, _ = installed
    done = run(installed, script="""
        import json, nscl, nscl.settings as s
        from nscl.sql import library
        print(json.dumps({"file": nscl.__file__, "installed": s.INSTALLED, "queries": len(library().names()),
                          "site": str(s.SITE_DIR), "plans": sorted(p.name for p in s.PLANS_DIR.glob("*.toml"))}))
    """)
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout)
    assert facts["file"].startswith(str(target)) and facts["installed"]
    assert facts["queries"] == len(library().names()) and facts["plans"] == ["quang-binh-676.toml", "quang-tri-example.toml"]
    assert (target / "nscl" / "site" / "app.py").exists() and (target / "nscl" / "site" / "pages" / "overview.py").exists()


def test_the_installed_command_line_builds_the_demo_and_checks_a_file(installed):
    _, elsewhere = installed
    assert run(installed, "demo", "--db", "demo.duckdb").returncode == 0
    assert (elsewhere / "demo.duckdb").exists()
    done = run(installed, "template", "--dataset", "enterprises", "-o", "mau.csv")
    assert done.returncode == 0, done.stderr
    done = run(installed, "import", "--dataset", "enterprises", "mau.csv", "--dry-run", NSCL_DB="demo.duckdb")
    assert done.returncode in (0, 1), done.stderr  # 1: the example row's tax code is already on file
    assert "Traceback" not in done.stderr


def test_the_installed_app_serves_every_page(installed):
    _, elsewhere = installed
    assert run(installed, "demo", "--db", "app.duckdb").returncode == 0
    done = run(installed, script=f"""
        import os
        os.environ["NSCL_DB"] = {str(elsewhere / "app.duckdb")!r}
        from streamlit.testing.v1 import AppTest
        from nscl.settings import SITE_DIR
        from nscl.ui import PAGES
        for spec in PAGES:
            at = AppTest.from_file(str(SITE_DIR / "app.py"), default_timeout=60)
            at.query_params["as_of"] = "2026-11-26"
            at.switch_page(spec.path).run()
            assert not at.exception, (spec.path, at.exception)
            print(spec.url_path, "ok")
    """, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    from nscl.ui import PAGES

    assert done.stdout.count(" ok") == len(PAGES) == 12
