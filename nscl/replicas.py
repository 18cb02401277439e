"""Read-only replicas behind HAProxy: `python -m nscl.replicas start|reload|stop|status`
(`make replicas`, `make replicas-reload`, `make replicas-stop`); `start --writer` puts the one
writing app behind the same proxy instead (`make serve`).

One Streamlit process runs a page at a time per core it can use; a room of fifty viewers needs
several. Each replica serves a Parquet snapshot loaded into its own memory (NSCL_SNAPSHOT), on a
loopback port; HAProxy, from Debian's packages, listens on the office address and keeps each
browser on one replica with a cookie, because Streamlit holds a viewer's session (and its
websocket) in one process. Everything this writes (HAProxy's configuration, pid files, logs, the
snapshot it publishes) goes to a state folder outside the repository.

Beside the app the proxy serves the published edition (`python -m nscl publish`) at /ban-tin/
from Debian's nginx (nscl/edition_server.py): a reader of the edition costs a file read, not a
Streamlit session. start publishes it; reload publishes it again; the writer republishes it after
every commit or undo unless staff put it under embargo.
"""
from __future__ import annotations

import argparse
import json
import os
import pwd
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from .edition_server import NGINX, nginx_config
from .i18n import DEFAULT_LANG, MessageError, t
from .serve import command, proxy_environment
from .settings import SITE_DIR, Settings

HAPROXY = "/usr/sbin/haproxy"
EDITION_PREFIX = "/ban-tin/"
SERVERS = ("haproxy", "nginx")  # the processes that are not app processes
DEFAULT_STATE = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "nscl" / "replicas"
COOKIE = "nscl_replica"
START_SECONDS = 180.0  # a replica loads the whole snapshot into memory before it answers


@dataclass
class Process:
    name: str  # r1, r2, … (w1: the writer), haproxy or nginx
    pid: int
    port: int
    marker: str  # a piece of its command line, so a reused pid is never signalled


@dataclass
class Cluster:
    url: str  # where a browser on this machine reaches the proxy
    processes: list[Process]
    snapshot: str = ""  # the folder the replicas serve
    published_from: str = ""  # the database file it was published from; "" when the writer publishes it
    edition: str = ""  # the published edition nginx serves at EDITION_PREFIX; "" without nginx
    writer: bool = False  # one writing app process instead of read-only replicas

    @property
    def replicas(self) -> list[Process]:
        return [p for p in self.processes if p.name not in SERVERS]


def _names() -> dict[str, str]:
    return {f.name: f.metadata["env"] for f in fields(Settings)}


def replica_environment(settings: Settings, snapshot: Path, edition_url: str = "") -> dict[str, str]:
    """This process's environment with the replica's snapshot and the plan it monitors (the
    variables' names come from Settings, which alone names them)."""
    names = _names()
    return {**os.environ, names["snapshot"]: str(snapshot.resolve()), names["plan_id"]: settings.plan_id,
            names["plans_dir"]: settings.plans_dir, names["edition_url"]: edition_url or settings.edition_url,
            **proxy_environment(settings)}


def writer_environment(settings: Settings, edition: Path | None) -> dict[str, str]:
    """The writing app's environment: its database, and the edition it republishes after every
    commit (served by nginx beside it)."""
    names = _names()
    env = {**os.environ, names["db_path"]: str(Path(settings.db_path).resolve()), names["snapshot"]: "",
           names["plan_id"]: settings.plan_id, names["plans_dir"]: settings.plans_dir, **proxy_environment(settings)}
    if edition is not None:
        env[names["publish_edition"]] = str(edition.absolute())  # the link, not where it points now
        env[names["edition_url"]] = EDITION_PREFIX
    return env


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def haproxy_config(host: str, port: int, backends: list[tuple[str, int]], edition_port: int | None = None) -> str:
    """HAProxy's configuration: listen on host:port, send each new browser to the next replica, keep
    it there with a cookie, check every replica's health, and write the client's address itself;
    with edition_port, requests under EDITION_PREFIX go to nginx there."""
    servers = "\n".join(f"    server {name} 127.0.0.1:{p} check cookie {name}" for name, p in backends)
    bind = f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
    route = edition = ""
    if edition_port is not None:
        route = (f"    acl edition path_beg {EDITION_PREFIX} path {EDITION_PREFIX.rstrip('/')}\n"
                 "    use_backend edition if edition\n")
        edition = f"""
backend edition
    # The published edition: static files from nginx (compressed, cached, under a content policy).
    option httpchk GET {EDITION_PREFIX}
    http-check expect status 200
    server nginx 127.0.0.1:{edition_port} check
"""
    return f"""# Written by nscl/replicas.py; rewritten at every start.
global
    maxconn 4000

defaults
    mode http
    timeout connect 5s
    timeout client 60s
    # A page run at national size takes seconds, more under load; a websocket stays open as
    # long as the tab (the browser pings it), so the tunnel timeout is long.
    timeout server 300s
    timeout tunnel 1h
    timeout http-request 10s

frontend dashboard
    bind {bind}
    # The replicas throttle sign-ins by the client's address, which they read from
    # X-Forwarded-For because every request reaches them from this proxy: whatever a client
    # sent under these names is dropped, and the proxy writes the address it saw itself.
    http-request del-header X-Forwarded-For
    http-request del-header Forwarded
    http-request del-header X-Real-IP
    option forwardfor
{route}    default_backend replicas

backend replicas
    # New viewers go round the replicas in turn (a room arriving at once is spread evenly);
    # the cookie then keeps every request of that browser, the websocket /_stcore/stream
    # included, on the replica that holds its Streamlit session.
    balance roundrobin
    cookie {COOKIE} insert indirect nocache httponly
    option redispatch
    option httpchk GET /_stcore/health
    http-check expect status 200
    # A replica busy with runs answers its health check late, not never.
    timeout check 10s
    default-server inter 3s fall 3 rise 2
    http-response set-header X-NSCL-Replica %[srv_name]
{servers}
{edition}"""


def _alive(process: Process) -> bool:
    try:
        cmdline = Path(f"/proc/{process.pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return False
    return process.marker in cmdline


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(url + "/_stcore/health", timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path, deadline: float) -> None:
    while not _healthy(url):
        if proc.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise MessageError("replicas_not_started", url=url, log=str(log), tail=tail)
        time.sleep(0.3)


def _spawn(args: list[str], log: Path, env: dict | None = None, cwd: Path | None = None) -> subprocess.Popen:
    with open(log, "w") as out:
        # A session of its own: Ctrl-C in the shell that started it does not stop the cluster,
        # and stop() can signal the process with everything it started (kaleido's Chromium).
        return subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=cwd,
                                start_new_session=True)


def _state_file(state: Path) -> Path:
    return state / "cluster.json"


def read_cluster(state: Path) -> Cluster | None:
    path = _state_file(state)
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Cluster(data["url"], [Process(**p) for p in data["processes"]], data.get("snapshot", ""),
                   data.get("published_from", ""), data.get("edition", ""), data.get("writer", False))


def _publish_snapshot(settings: Settings, folder: Path) -> Path:
    """A snapshot of the database file for the replicas, unless the writer already publishes one."""
    import duckdb

    from .plan import load_plan_by_id
    from .readers import open_for_reading
    from .snapshot import publish

    if not Path(settings.db_path).exists():
        raise MessageError("replicas_no_database", path=settings.db_path)
    try:
        con = open_for_reading(replace(settings, snapshot=""), load_plan_by_id(settings.plan_id, settings.plans_dir),
                               write=True).con
    except duckdb.IOException as exc:  # held by a running writer: it must publish (NSCL_PUBLISH_SNAPSHOT)
        raise MessageError("replicas_database_busy", path=settings.db_path, detail=str(exc)) from exc
    try:
        return publish(con, folder)
    finally:
        con.close()


def _publish_edition(env: dict[str, str], edition: Path, log: Path) -> None:
    """The edition of the data the app serves, written by the command line (`python -m nscl
    publish`) in a process of its own, as an operator would."""
    with open(log, "w") as out:
        done = subprocess.run([sys.executable, "-m", "nscl", "publish", "-o", str(edition)], env=env,
                              stdout=out, stderr=subprocess.STDOUT, cwd=SITE_DIR)
    if done.returncode:
        raise MessageError("replicas_edition_failed", log=str(log),
                           tail=log.read_text(errors="replace")[-2000:])


def _start_nginx(edition: Path, state: Path, nginx: str) -> tuple[subprocess.Popen, Process]:
    port, folder = free_port(), state / "nginx"
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "nginx.conf"
    # Workers run as this user: the state folder is this user's (a root's home is private).
    user = pwd.getpwuid(os.geteuid()).pw_name if os.geteuid() == 0 else None
    config.write_text(nginx_config(edition, "127.0.0.1", port, folder, EDITION_PREFIX, user), encoding="utf-8")
    checked = subprocess.run([nginx, "-t", "-q", "-c", str(config), "-p", str(folder)], capture_output=True, text=True)
    if checked.returncode:
        raise MessageError("replicas_bad_config", path=str(config), detail=checked.stderr.strip())
    proc = _spawn([nginx, "-c", str(config), "-p", str(folder), "-g", "daemon off;"], state / "logs" / "nginx.log")
    return proc, Process("nginx", proc.pid, port, str(config))


def _wait_answering(url: str, proc: subprocess.Popen, log: Path, deadline: float) -> None:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise MessageError("replicas_not_started", url=url, log=str(log), tail=tail)
        time.sleep(0.2)


def start(replicas: int, host: str, port: int, state: Path = DEFAULT_STATE, settings: Settings | None = None,
          haproxy: str = HAPROXY, nginx: str = NGINX, writer: bool = False) -> Cluster:
    """Start `replicas` read-only app processes (writer: the one writing app instead), nginx with
    the published edition when Debian's nginx is there, and HAProxy in front of them on host:port."""
    settings = settings or Settings.from_env()
    if replicas < 1 or (writer and replicas != 1):
        raise MessageError("replicas_count", count=replicas)
    if not Path(haproxy).exists():
        raise MessageError("replicas_no_haproxy", path=str(haproxy))
    running = read_cluster(state)
    if running and any(_alive(p) for p in running.processes):
        raise MessageError("replicas_already_running", url=running.url, state=str(state))
    (state / "logs").mkdir(parents=True, exist_ok=True)
    if writer:
        if not Path(settings.db_path).exists():
            raise MessageError("replicas_no_database", path=settings.db_path)
        snapshot = None
    else:
        snapshot = Path(settings.snapshot) if settings.snapshot else _publish_snapshot(settings, state / "snapshot")
    edition = state / "edition" if Path(nginx).exists() else None
    cluster = Cluster(f"http://{'127.0.0.1' if host in ('0.0.0.0', '::', '') else host}:{port}", [],
                      str(snapshot.resolve()) if snapshot else "",
                      "" if settings.snapshot or writer else settings.db_path,
                      str(edition) if edition else "", writer)
    deadline = time.monotonic() + START_SECONDS
    try:
        edition_port = None
        if edition is not None:
            # Published before the writer starts: it then holds the database file.
            env = writer_environment(settings, None) if writer else replica_environment(settings, snapshot)
            _publish_edition(env, edition, state / "logs" / "publish.log")
            proc, process = _start_nginx(edition, state, nginx)
            cluster.processes.append(process)
            _write(state, cluster)
            _wait_answering(f"http://127.0.0.1:{process.port}{EDITION_PREFIX}", proc, state / "logs" / "nginx.log",
                            deadline)
            edition_port = process.port
        starting = []
        for i in range(1, replicas + 1):
            name = f"w{i}" if writer else f"r{i}"
            proc, process = _start_app(name, free_port(), settings, snapshot, state, edition)
            cluster.processes.append(process)
            _write(state, cluster)
            starting.append((proc, process))
        for proc, process in starting:  # they load the snapshot side by side
            _wait_healthy(f"http://127.0.0.1:{process.port}", proc, state / "logs" / f"{process.name}.log", deadline)
        config = state / "haproxy.cfg"
        config.write_text(haproxy_config(host, port, [(p.name, p.port) for p in cluster.replicas], edition_port),
                          encoding="utf-8")
        checked = subprocess.run([haproxy, "-c", "-q", "-f", str(config)], capture_output=True, text=True)
        if checked.returncode:
            raise MessageError("replicas_bad_config", path=str(config), detail=checked.stderr.strip())
        log = state / "logs" / "haproxy.log"
        proc = _spawn([haproxy, "-db", "-f", str(config)], log)
        cluster.processes.append(Process("haproxy", proc.pid, port, str(config)))
        _write(state, cluster)
        _wait_healthy(cluster.url, proc, log, deadline)
    except BaseException:
        stop(state)
        raise
    return cluster


def _start_app(name: str, port: int, settings: Settings, snapshot: Path | None, state: Path,
               edition: Path | None) -> tuple[subprocess.Popen, Process]:
    env = writer_environment(settings, edition) if snapshot is None else \
        replica_environment(settings, snapshot, EDITION_PREFIX if edition else "")
    proc = _spawn(command(["--server.address", "127.0.0.1", "--server.port", str(port), "--server.headless", "true"]),
                  state / "logs" / f"{name}.log", env, SITE_DIR)
    return proc, Process(name, proc.pid, port, f"--server.port {port}")


def reload(state: Path = DEFAULT_STATE, settings: Settings | None = None) -> int:
    """Serve the latest data: publish the snapshot again (when start published it) and the edition,
    then restart
    the replicas one at a time on their ports, so HAProxy always has one to send viewers to (a
    viewer on the replica restarting reconnects to another and its page runs again). A replica
    reads its snapshot once, when it starts. Returns the number of replicas restarted."""
    settings = settings or Settings.from_env()
    cluster = read_cluster(state)
    if cluster is None or not any(_alive(p) for p in cluster.processes):
        raise MessageError("replicas_not_running", state=str(state))
    if cluster.writer:
        raise MessageError("replicas_writer_reload", state=str(state))
    snapshot = Path(cluster.snapshot)
    if cluster.published_from:
        _publish_snapshot(replace(settings, db_path=cluster.published_from), snapshot)
    edition = Path(cluster.edition) if cluster.edition else None
    if edition is not None:
        _publish_edition(replica_environment(settings, snapshot), edition, state / "logs" / "publish.log")
    for i, process in enumerate(cluster.processes):
        if process.name in SERVERS:
            continue
        _end(process, 15.0)
        proc, cluster.processes[i] = _start_app(process.name, process.port, settings, snapshot, state, edition)
        _write(state, cluster)
        _wait_healthy(f"http://127.0.0.1:{process.port}", proc, state / "logs" / f"{process.name}.log",
                      time.monotonic() + START_SECONDS)
    return len(cluster.replicas)


def _end(process: Process, grace: float) -> None:
    if _alive(process):
        _signal(process, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while _alive(process) and time.monotonic() < deadline:
        _reap(process.pid)
        time.sleep(0.1)
    if _alive(process):
        _signal(process, signal.SIGKILL)
    _reap(process.pid)


def _signal(process: Process, signum: int) -> None:
    try:  # the group: the process and whatever it started (kaleido's Chromium)
        os.killpg(process.pid, signum)
    except ProcessLookupError:
        pass


def _write(state: Path, cluster: Cluster) -> None:
    # The pid file of the whole cluster; written after each process starts so a failed start
    # can still be stopped.
    tmp = _state_file(state).with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(cluster), indent=1), encoding="utf-8")
    tmp.replace(_state_file(state))


def stop(state: Path = DEFAULT_STATE, grace: float = 15.0) -> int:
    """Stop the proxy first (no new viewer reaches a replica going away), then the replicas;
    the number of processes stopped."""
    cluster = read_cluster(state)
    if cluster is None:
        return 0
    ordered = sorted(cluster.processes, key=lambda p: (p.name != "haproxy", p.name == "nginx"))
    stopped = 0
    for process in ordered:
        if _alive(process):
            _signal(process, signal.SIGTERM)
            stopped += 1
    deadline = time.monotonic() + grace
    for process in ordered:
        _end(process, max(deadline - time.monotonic(), 0.0))
    _state_file(state).unlink()
    return stopped


def _reap(pid: int) -> None:
    # When this process started them (tests, one Python session) they are our children.
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


def _wait_for_signal() -> None:
    received = []
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda number, _frame: received.append(number))
    while not received:
        signal.pause()


def main(argv: list[str] | None = None) -> int:
    """`python -m nscl.replicas start|reload|stop|status`: the exit code, with messages in the
    chosen language."""
    p = argparse.ArgumentParser(prog="python -m nscl.replicas", description=__doc__.split("\n\n")[0])
    p.add_argument("action", choices=("start", "reload", "stop", "status"))
    p.add_argument("--replicas", type=int, default=2, help="number of app processes (one per core is a start)")
    p.add_argument("--host", default="0.0.0.0", help="address HAProxy listens on (0.0.0.0: the office network)")
    p.add_argument("--port", type=int, default=8080, help="port HAProxy listens on")
    p.add_argument("--state", type=Path, default=DEFAULT_STATE, help="folder for configuration, pid files, logs")
    p.add_argument("--writer", action="store_true", help="one writing app process instead of read-only replicas")
    p.add_argument("--foreground", action="store_true", help="stay until Ctrl-C or SIGTERM, then stop everything")
    p.add_argument("--lang", choices=("vi", "en"), default=DEFAULT_LANG)
    args = p.parse_args(argv)
    try:
        if args.action == "start":
            cluster = start(1 if args.writer else args.replicas, args.host, args.port, args.state,
                            writer=args.writer)
            key = "writer_started" if args.writer else "replicas_started"
            print(t(key, args.lang, count=len(cluster.replicas), url=cluster.url, state=args.state))
            if cluster.edition:
                print(t("edition_served_at", args.lang, url=cluster.url + EDITION_PREFIX))
            if args.foreground:
                _wait_for_signal()
                print(t("replicas_stopped", args.lang, count=stop(args.state)))
        elif args.action == "reload":
            print(t("replicas_reloaded", args.lang, count=reload(args.state)))
        elif args.action == "stop":
            print(t("replicas_stopped", args.lang, count=stop(args.state)))
        else:
            cluster = read_cluster(args.state)
            alive = [p for p in cluster.processes if _alive(p)] if cluster else []
            print(t("replicas_status", args.lang, url=cluster.url if cluster else "-", alive=len(alive),
                    total=len(cluster.processes) if cluster else 0))
    except MessageError as exc:
        print(exc.text(args.lang), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
