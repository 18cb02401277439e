"""`make replicas`: read-only app processes behind HAProxy, one browser kept on one replica by a
cookie, Streamlit's websocket working through the proxy, and nothing left running after stop."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import duckdb
import pytest

from nscl import replicas
from nscl.i18n import MessageError
from nscl.settings import PLANS_DIR, Settings
from tests import loadgen


def get(url: str, cookie: str = "") -> tuple[int, dict, str]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, response.headers, response.read().decode("utf-8", "replace")


def replica_cookies(headers) -> list[str]:
    # Streamlit sets cookies of its own (XSRF); only the proxy's is looked at here.
    cookies = [c.split(";")[0] for c in headers.get_all("Set-Cookie") or []]
    return [c for c in cookies if c.startswith(replicas.COOKIE + "=")]


def settings(db: Path) -> Settings:
    return Settings(db_path=str(db), plans_dir=str(PLANS_DIR))


def started_for(state: Path) -> list[int]:
    """Processes whose command line or environment names the state folder: HAProxy (its
    configuration), the replicas (their snapshot) and whatever they started."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            seen = (proc / "cmdline").read_bytes() + (proc / "environ").read_bytes()
        except OSError:
            continue
        if str(state).encode() in seen and (proc / "cmdline").read_bytes():  # a zombie has none
            found.append(int(proc.name))
    return found


def test_two_replicas_behind_the_proxy_keep_each_browser_on_one_replica(demo_db, tmp_path):
    state = tmp_path / "state"
    cluster = replicas.start(2, "127.0.0.1", replicas.free_port(), state, settings(demo_db))
    try:
        assert [p.name for p in cluster.processes] == ["nginx", "r1", "r2", "haproxy"]
        assert set(started_for(state)) >= {p.pid for p in cluster.processes}
        assert (state / "haproxy.cfg").exists() and (state / "snapshot" / "schema.sql").exists()

        status, _, body = get(cluster.url + "/_stcore/health")
        assert (status, body) == (200, "ok")

        # Two new browsers go to the two replicas and each gets the cookie naming its own.
        served = []
        for _ in range(2):
            status, headers, body = get(cluster.url + "/")
            assert status == 200 and '<div id="root">' in body  # Streamlit's page
            cookie = replica_cookies(headers)[0]
            assert cookie == f"{replicas.COOKIE}={headers['X-NSCL-Replica']}"
            served.append(cookie)
        assert sorted(served) == [f"{replicas.COOKIE}=r1", f"{replicas.COOKIE}=r2"]

        # A browser sending its cookie stays where it was, whatever it asks for.
        for cookie in served:
            for path in ("/", "/_stcore/health", "/?as_of=2026-11-26"):
                _, headers, _ = get(cluster.url + path, cookie)
                assert f"{replicas.COOKIE}={headers['X-NSCL-Replica']}" == cookie
                assert replica_cookies(headers) == []

        # Streamlit's websocket upgrade works through the proxy: a viewer's three pages run.
        result = loadgen.run_viewers(cluster.url, viewers=1, seconds=120, query_string="as_of=2026-11-26")
        assert result.failures == [] and len(result.runs) == 3
        assert all(run.finished and not run.errors and run.shown == run.page for run in result.runs)

        # The published edition beside the app, from nginx through the same proxy: no replica's cookie.
        status, headers, body = get(cluster.url + replicas.EDITION_PREFIX)
        assert status == 200 and headers["Server"] == "nginx" and replica_cookies(headers) == []
        assert "<html" in body and "Plotly" not in headers.get("Set-Cookie", "")
        assert 'href="en/' in body or "href='en/" in body  # both languages published

        with pytest.raises(MessageError) as refused:
            replicas.start(2, "127.0.0.1", replicas.free_port(), state, settings(demo_db))
        assert refused.value.message.key == "replicas_already_running"
    finally:
        stopped = replicas.stop(state)
    assert stopped == 4
    assert started_for(state) == []
    assert replicas.read_cluster(state) is None
    with pytest.raises(OSError):
        get(cluster.url + "/_stcore/health")


def test_reload_serves_the_changed_data_while_the_proxy_stays_up(demo_db, tmp_path):
    db, state = tmp_path / "copy.duckdb", tmp_path / "state"
    shutil.copy(demo_db, db)
    cluster = replicas.start(2, "127.0.0.1", replicas.free_port(), state, settings(db))
    try:
        pilots = state / "snapshot" / "pilot_models.parquet"
        assert rows(pilots) > 0
        edition_before = os.path.realpath(state / "edition")
        with duckdb.connect(str(db)) as con:  # the data change while the replicas run
            con.execute("DELETE FROM pilot_models")
        assert replicas.reload(state, settings(db)) == 2
        assert rows(pilots) == 0  # published again
        assert os.path.realpath(state / "edition") != edition_before  # the edition too
        after = replicas.read_cluster(state)
        assert [p.port for p in after.processes] == [p.port for p in cluster.processes]
        kept = {p.name: p.pid for p in cluster.processes if p.name in replicas.SERVERS}
        assert {p.name: p.pid for p in after.processes if p.name in replicas.SERVERS} == kept  # same proxies
        assert all(new.pid != old.pid for new, old in zip(after.replicas, cluster.replicas, strict=True))
        result = loadgen.run_viewers(cluster.url, viewers=2, seconds=120, query_string="as_of=2026-11-26")
        assert result.error_count == 0 and all(run.shown == run.page for run in result.runs)
    finally:
        replicas.stop(state)
    assert started_for(state) == []


def rows(parquet: Path) -> int:
    with duckdb.connect() as con:
        return con.execute("SELECT count(*) FROM read_parquet($p)", {"p": str(parquet)}).fetchone()[0]


def test_a_start_that_fails_leaves_nothing_running(demo_db, tmp_path):
    state = tmp_path / "state"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(MessageError) as failed:
            replicas.start(1, "127.0.0.1", port, state, settings(demo_db))
    assert failed.value.message.key == "replicas_not_started"
    assert "haproxy" in failed.value.text("en").lower()
    assert replicas.read_cluster(state) is None
    assert started_for(state) == []


def test_no_database_is_said_plainly(tmp_path):
    with pytest.raises(MessageError) as failed:
        replicas.start(1, "127.0.0.1", replicas.free_port(), tmp_path / "state", settings(tmp_path / "none.duckdb"))
    assert failed.value.text() == (f"Không có cơ sở dữ liệu {tmp_path / 'none.duckdb'}: chạy `make demo` hoặc đặt "
                                   "NSCL_DB, hay đặt NSCL_SNAPSHOT là thư mục ảnh chụp dữ liệu mà ứng dụng chính "
                                   "công bố.")


@pytest.mark.browser
def test_a_browser_stays_on_one_replica_through_the_proxy(demo_db, tmp_path):
    from tests.browser import chromium_page, wait_idle

    state = tmp_path / "state"
    cluster = replicas.start(2, "127.0.0.1", replicas.free_port(), state, settings(demo_db))
    try:
        with chromium_page() as page:
            answered = []
            page.on("response", lambda response: answered.append(response.headers.get("x-nscl-replica")))
            page.goto(cluster.url + "/?as_of=2026-11-26")
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
            wait_idle(page)
            page.get_by_role("link", name="Đào tạo").first.click()  # another page, same websocket
            page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
            wait_idle(page)
            cookie = next(c["value"] for c in page.context.cookies() if c["name"] == replicas.COOKIE)
        assert len(answered) > 10 and set(answered) == {cookie}  # page, scripts, fonts, health: one replica
    finally:
        replicas.stop(state)
    assert started_for(state) == []


def test_a_database_held_by_the_running_app_is_said_plainly(demo_db, tmp_path):
    db = tmp_path / "held.duckdb"
    shutil.copy(demo_db, db)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time\n"
                               "con = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(120)", str(db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(MessageError) as failed:
            replicas.start(1, "127.0.0.1", replicas.free_port(), tmp_path / "state", settings(db))
    finally:
        holder.kill()
        holder.wait()
    assert failed.value.message.key == "replicas_database_busy"
    assert failed.value.text().startswith(f"Không mở được {db} để tạo ảnh chụp dữ liệu (")
    assert started_for(tmp_path / "state") == []


def test_the_proxy_routes_the_edition_prefix_to_nginx_and_the_rest_to_the_app():
    config = replicas.haproxy_config("127.0.0.1", 8080, [("r1", 9001)], edition_port=9100)
    assert "acl edition path_beg /ban-tin/ path /ban-tin" in config and "use_backend edition if edition" in config
    assert "server nginx 127.0.0.1:9100 check" in config and "default_backend replicas" in config
    assert "backend edition" not in replicas.haproxy_config("127.0.0.1", 8080, [("r1", 9001)])


def test_serve_puts_the_writing_app_and_the_edition_behind_one_proxy(demo_db, tmp_path):
    db, state = tmp_path / "served.duckdb", tmp_path / "state"
    shutil.copy(demo_db, db)
    cluster = replicas.start(1, "127.0.0.1", replicas.free_port(), state, settings(db), writer=True)
    try:
        assert [p.name for p in cluster.processes] == ["nginx", "w1", "haproxy"] and cluster.writer
        status, headers, body = get(cluster.url + "/")
        assert status == 200 and '<div id="root">' in body
        status, headers, body = get(cluster.url + "/ban-tin")  # without the slash: sent on, not to the app
        assert status == 200 and headers["Server"] == "nginx" and "<html" in body
        environ = Path(f"/proc/{cluster.processes[1].pid}/environ").read_bytes().split(b"\0")
        assert f"NSCL_PUBLISH_EDITION={state / 'edition'}".encode() in environ  # republishes after commits
        assert b"NSCL_EDITION_URL=/ban-tin/" in environ and f"NSCL_DB={db}".encode() in environ
        with pytest.raises(MessageError) as refused:
            replicas.reload(state, settings(db))
        assert refused.value.message.key == "replicas_writer_reload"
    finally:
        assert replicas.stop(state) == 3
    assert started_for(state) == []
