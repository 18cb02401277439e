"""The edition served by Debian's nginx with the generated configuration: compressed, cached as
meant, under a content policy that still lets the charts draw, and the new edition seen at once
after a publication."""
from __future__ import annotations

import datetime as dt
import gzip
import os
import pwd
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest

from nscl.edition_server import NGINX, nginx_config
from nscl.publish import publish
from tests.browser import chromium_page, free_port
from tests.edition_pages import build_id, private_copy

AS_OF = dt.date(2026, 11, 26)


@contextmanager
def nginx(edition: Path, state: Path):
    port = free_port()
    state.mkdir(parents=True, exist_ok=True)
    config = state / "nginx.conf"
    # Workers as this user: pytest's folders are private to it (a deployment runs nginx's own user).
    user = pwd.getpwuid(os.getuid()).pw_name
    config.write_text(nginx_config(edition, "127.0.0.1", port, state, user=user), encoding="utf-8")
    checked = subprocess.run([NGINX, "-t", "-q", "-c", str(config), "-p", str(state)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    proc = subprocess.Popen([NGINX, "-c", str(config), "-p", str(state), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}/ban-tin/"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except urllib.error.HTTPError as exc:  # running, but refusing: say why at once
                raise RuntimeError(f"nginx answered {exc.code}: {(state / 'error.log').read_text()}") from None
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"nginx did not start: {proc.stderr.read().decode()}") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def get(url: str, gzip_ok: bool = True):
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory, demo_db, plan):
    folder = tmp_path_factory.mktemp("served")
    con = duckdb.connect(str(private_copy(demo_db, folder)), read_only=True)
    try:
        first = publish(con, plan, AS_OF, folder / "site")
    finally:
        con.close()
    with nginx(folder / "site", folder / "nginx") as url:
        yield url, folder, first


def test_pages_assets_and_downloads_are_compressed_and_cached_as_meant(served):
    url, folder, _ = served
    status, headers, body = get(url)
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Content-Encoding"] == "gzip" and headers["Cache-Control"] == "no-cache" and headers["ETag"]
    assert gzip.decompress(body) == (folder / "site" / "index.html").read_bytes()
    assert "script-src 'self'" in headers["Content-Security-Policy"] and headers["X-Content-Type-Options"] == "nosniff"
    status, headers, body = get(url + "assets/plotly.min.js")
    assert headers["Content-Encoding"] == "gzip" and headers["Cache-Control"] == "public, max-age=86400"
    assert gzip.decompress(body) == (folder / "site" / "assets" / "plotly.min.js").read_bytes()
    assert len(body) < (folder / "site" / "assets" / "plotly.min.js").stat().st_size / 2
    status, headers, body = get(url + "assets/plotly.min.js", gzip_ok=False)  # a client without gzip
    assert "Content-Encoding" not in headers and body[:100] == (folder / "site/assets/plotly.min.js").read_bytes()[:100]
    status, headers, body = get(url + "en/p/2021-2025/experts.csv", gzip_ok=False)
    assert headers["Content-Type"] == "text/csv; charset=utf-8" and body.startswith("\ufeffYear,".encode())
    status, headers, _ = get(url + "p/2021-2025/experts.xlsx")
    assert headers["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    with pytest.raises(urllib.error.HTTPError) as refused:
        get(url + "../.site.lock")
    assert refused.value.code in (400, 404)


def test_a_chart_draws_under_the_content_policy_with_nothing_from_outside(served):
    url, _, _ = served
    errors, outside = [], []
    with chromium_page(360, 740) as page:
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(url) else None)
        page.goto(url + "p/2026-2030/supported.html")
        page.wait_for_selector(".chart .main-svg", timeout=30_000)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
    assert errors == [] and outside == []


def test_a_new_publication_is_served_at_once(served, plan):
    url, folder, first = served
    assert build_id(gzip.decompress(get(url)[2]).decode()) == first.build_id
    con = duckdb.connect(str(folder / "demo-copy.duckdb"), read_only=True)
    try:
        second = publish(con, plan, AS_OF, folder / "site")
    finally:
        con.close()
    assert build_id(gzip.decompress(get(url)[2]).decode()) == second.build_id
    assert build_id(get(url + "en/p/2021-2025/experts.html", gzip_ok=False)[2].decode()) == second.build_id


def test_the_load_generator_fetches_what_a_browser_fetches_and_revalidates_on_a_repeat_visit(served):
    from tests import edition_load

    url, folder, _ = served
    result = edition_load.run_readers(url, 20, seconds=60)
    assert result.errors == [] and len(result.visits) == 20
    assert {v.requests for v in result.visits} == {3}  # the page, its style sheet and its icon
    first, repeat = edition_load.first_and_repeat(url + "p/2026-2030/supported.html")
    assert first.error == repeat.error == "" and first.requests == 5  # + Plotly and the page's script
    plotly_gz = (folder / "site" / "assets" / "plotly.min.js.gz").stat().st_size
    assert plotly_gz < first.wire_bytes < plotly_gz + 200_000  # Plotly went compressed
    assert repeat.requests == 1 and repeat.wire_bytes < 1_000  # a 304 for the page, assets cached
    with pytest.raises(ValueError):
        edition_load.run_readers("http://example.org/ban-tin/", 1)
