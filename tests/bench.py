"""`make bench`: server time of every page against the bare-SQL floor, cached re-render, upload
throughput against DuckDB's read_csv and a row-by-row pandas validator, first chart in Chromium
against a one-chart page, peak memory of the app, deck and report build times, and concurrent
viewers (a websocket load generator speaking Streamlit's protocol, tests/loadgen.py) against one
process and against replicas behind HAProxy; at province and national size. Prints a table and
writes bench-results.json (a list of {name, scale, value, unit, floor, ratio}; the viewer rows
also carry `processes` and `via`) and, from the same rows, the generated part of docs/benchmarks.md.
`python -m tests.bench viewers` measures only the viewers, at province size, and replaces only those rows
of bench-results.json."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from nscl import demo
from nscl.connect import open_database
from nscl.plan import load_plan_by_id
from nscl.settings import PLANS_DIR, ROOT
from nscl.sql import QueryLibrary
from tests.bench_report import write_markdown

AS_OF = "2026-11-26"
RESULTS: list[dict] = []


def record(name: str, scale: str, value: float, unit: str, floor: float | None = None, **meta) -> None:
    row = {"name": name, "scale": scale, "value": round(value, 3), "unit": unit}
    if floor:
        row.update(floor=round(floor, 3), ratio=round(value / floor, 2))
    row.update(meta)
    RESULTS.append(row)
    extra = f"   floor {row['floor']:>10} {unit}   ratio {row['ratio']:>6}" if floor else ""
    extra += "".join(f"   {k} {v}" for k, v in meta.items())
    print(f"{scale:9} {name:38} {row['value']:>10} {unit}{extra}", flush=True)


def build_db(folder: Path, scale: float) -> Path:
    """The demo database of a scale, built once per demo generator and schema: with
    NSCL_BENCH_CACHE set, a copy is kept there and reused while nscl/demo.py and the migrations
    are unchanged (the national one takes half a minute to build)."""
    import hashlib
    import shutil

    cache = os.environ.get("NSCL_BENCH_CACHE")
    path = folder / f"bench-{scale:g}.duckdb"
    if cache:
        sources = [ROOT / "nscl" / "demo.py", *sorted((ROOT / "nscl" / "migrations").glob("*.sql"))]
        key = hashlib.sha256(b"".join(p.read_bytes() for p in sources)).hexdigest()[:12]
        kept = Path(cache) / f"bench-{scale:g}-{key}.duckdb"
        if not kept.exists():
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(_build_db(path, scale), kept)
        if kept.resolve() != path.resolve():
            shutil.copy(kept, path)
        return path
    return _build_db(path, scale)


def _build_db(path: Path, scale: float) -> Path:
    plan = load_plan_by_id("quang-binh-676", PLANS_DIR)
    con = open_database(str(path), plan)
    demo.build(con, scale=scale)
    con.execute("CHECKPOINT")
    con.close()
    return path


def percentile(values: list[float], p: float) -> float:
    return float(np.percentile(values, p))


def pages_bench(db: Path, scale: str, runs: int, only: tuple[str, ...] = ()) -> None:
    """AppTest runs each page (or only the url paths named) with caches cleared; the SQL it ran
    is then timed bare."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from nscl import sql as sqlmod
    from nscl.ui import PAGES
    from nscl.ui.data import _database

    os.environ["NSCL_DB"] = str(db)
    recorded: list[tuple[str, dict]] = []
    original = sqlmod.QueryLibrary.df

    def spy(self, con, name, **params):
        recorded.append((name, params))
        return original(self, con, name, **params)

    sqlmod.QueryLibrary.df = spy
    try:
        for spec in PAGES:
            if spec.url_path in ("upload", "report") or (only and spec.url_path not in only):
                continue  # need a login / a button; measured separately (deck, report)
            times, cached = [], []
            # One AppTest per page: its first run pays the harness's one-off set-up (component
            # discovery), which is not server work; later runs measure the script itself.
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
            at.query_params["as_of"] = AS_OF
            at.switch_page(spec.path)
            for i in range(runs + 1):
                st.cache_data.clear()
                recorded.clear()
                started = time.perf_counter()
                at.run()
                elapsed = time.perf_counter() - started
                if at.exception:
                    raise RuntimeError(f"{spec.path}: {at.exception}")
                if i:
                    times.append(elapsed)
                started = time.perf_counter()
                at.run()
                cached.append(time.perf_counter() - started)
            statements = list(recorded)
            con, _ = _database(str(db), "quang-binh-676", str(PLANS_DIR))
            floors = []
            library = QueryLibrary()
            for _ in range(runs):
                started = time.perf_counter()
                cur = con.cursor()
                for name, params in statements:
                    cur.execute(library.get(name).sql, params).fetchall()
                floors.append(time.perf_counter() - started)
            name = "overview_server_ms" if spec.url_path == "overview" else f"page_server_ms:{spec.url_path}"
            record(name, scale, statistics.median(times) * 1000, "ms", statistics.median(floors) * 1000)
            record(name.replace("_ms", "_p95_ms", 1) if "overview" in name else f"page_server_p95_ms:{spec.url_path}",
                   scale, percentile(times, 95) * 1000, "ms")
            record(f"cached_rerender_ms:{spec.url_path}", scale, statistics.median(cached) * 1000, "ms")
    finally:
        sqlmod.QueryLibrary.df = original


def data_notes_bench(db: Path, scale: str, runs: int) -> None:
    """What the freshness, gap and comment notes add to the overview: their queries, uncached."""
    import datetime as dt

    from nscl.meeting import notes_data
    from nscl.plan import load_plan_by_id
    from nscl.present.slides import card_notes
    from nscl.ui.data import _database

    plan = load_plan_by_id("quang-binh-676", PLANS_DIR)
    con, _ = _database(str(db), "quang-binh-676", str(PLANS_DIR))
    as_of = dt.date.fromisoformat(AS_OF)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        card_notes(plan, plan.phase_for(as_of).id, as_of, "vi", notes_data(con.cursor(), plan, as_of))
        times.append(time.perf_counter() - started)
    record("overview_data_notes_ms", scale, statistics.median(times) * 1000, "ms")


def overview_warm_cpu(db: Path, scale: str, runs: int = 20) -> float:
    """Server CPU of one run of the overview with warm caches (every result, card and figure
    cached, as for the second and later viewers of the same choices): time.process_time()
    around AppTest runs of the overview script, median of `runs`. The AppTest harness's own
    work (turning the messages back into elements) is included, so this is an upper bound."""
    import gc

    from streamlit import config
    from streamlit.testing.v1 import AppTest

    os.environ["NSCL_DB"] = str(db)
    # A server compiles each page once (its script cache); AppTest compiles it again on every
    # run, rewriting its syntax tree for Streamlit's "magic". The pages use no magic: leave out
    # that compile-time rewrite, which a server never repeats.
    config.set_option("runner.magicEnabled", False)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.query_params["as_of"] = AS_OF
    at.switch_page("pages/overview.py")
    for _ in range(3):  # fill the caches and pay the harness's one-off set-up
        at.run()
    if at.exception:
        raise RuntimeError(f"overview: {at.exception}")
    times = []
    gc.collect()
    for _ in range(runs):
        started = time.process_time()
        at.run()
        times.append(time.process_time() - started)
    value = statistics.median(times) * 1000
    record("overview_warm_cpu_ms", scale, value, "ms")
    return value


def enterprise_csv(rows: int) -> bytes:
    rng = np.random.default_rng(5)
    codes = demo.tax_codes(rng, rows, prefix="41")
    sectors = np.array(list("ACFGHIM"))[rng.integers(0, 7, rows)]
    places = np.array(["450", "452", "18880", "19249", "huyện Lệ Thủy"])[rng.integers(0, 5, rows)]
    frame = pd.DataFrame({"Mã số thuế": codes, "Tên doanh nghiệp": [f"Công ty TNHH Số {i}" for i in range(rows)],
                          "Ngành kinh tế": sectors, "Địa bàn": places, "Quy mô": "nhỏ",
                          "Loại hình sở hữu": "ngoài Nhà nước", "Số lao động": rng.integers(1, 300, rows)})
    return frame.to_csv(index=False).encode("utf-8-sig")


def row_by_row_validator(data: bytes) -> int:
    """The 'typical app' baseline: pandas, one row at a time, the same kinds of checks."""
    from stdnum.vn import mst
    frame = pd.read_csv(io.BytesIO(data), dtype=str, encoding="utf-8-sig")
    sectors, sizes = set("ABCDEFGHIJKLMNOPQRSTU"), {"siêu nhỏ", "nhỏ", "vừa", "lớn"}
    problems = 0
    for _, row in frame.iterrows():
        problems += not mst.is_valid(str(row["Mã số thuế"]))
        problems += row["Ngành kinh tế"] not in sectors
        problems += str(row["Quy mô"]).lower() not in sizes
        problems += not str(row["Số lao động"]).isdigit()
    return problems


def upload_bench(folder: Path, rows: int) -> None:
    from nscl.datasets import DATASETS
    from nscl.ingest.commit import commit
    from nscl.ingest.limits import Limits
    from nscl.ingest.pipeline import check_file

    data = enterprise_csv(rows)
    (folder / "upload.csv").write_bytes(data)
    plan = load_plan_by_id("quang-binh-676", PLANS_DIR)
    con = open_database(str(folder / "upload.duckdb"), plan)
    started = time.perf_counter()
    _, checked = check_file(con, DATASETS["enterprises"], "upload.csv", data, limits=Limits(archive_dir=""))
    assert not checked.errors, checked.errors[:3]
    commit(con, checked, "upload.csv", data, "bench")
    seconds = time.perf_counter() - started
    con.close()
    floor_con = duckdb.connect()
    started = time.perf_counter()
    floor_con.execute("CREATE TABLE t AS SELECT * FROM read_csv($p, header = true)", {"p": str(folder / "upload.csv")})
    floor = time.perf_counter() - started
    sample = enterprise_csv(min(rows, 100_000))
    started = time.perf_counter()
    row_by_row_validator(sample)
    baseline_rate = min(rows, 100_000) / (time.perf_counter() - started)
    record("upload_1m_seconds", "national", seconds, "s", floor)
    record("upload_rows_per_s", "national", rows / seconds, "rows/s")
    record("upload_rows_per_s_row_by_row_baseline", "national", baseline_rate, "rows/s")
    record("upload_speedup_over_row_by_row", "national", (rows / seconds) / baseline_rate, "x")


def chromium_bench(db: Path, scale: str, runs: int, folder: Path) -> None:
    """Navigation to the first drawn Plotly chart: the overview against a one-chart page."""
    sys.path.insert(0, str(ROOT))
    import streamlit as st

    from nscl.ui.data import _database
    from tests.browser import chromium_page, streamlit_server

    # The app server is another process: release this process's hold on the file first.
    _database(str(db), "quang-binh-676", str(PLANS_DIR))[0].close()
    st.cache_resource.clear()

    floor_app = folder / "floor" / "floor.py"
    floor_app.parent.mkdir(exist_ok=True)
    floor_app.write_text("import plotly.graph_objects as go\nimport streamlit as st\n"
                         "st.plotly_chart(go.Figure(go.Bar(x=['2021', '2022'], y=[1, 2])))\n")

    def first_chart(url: str) -> list[float]:
        out = []
        with chromium_page() as page:
            for i in range(runs + 1):
                started = time.perf_counter()
                page.goto(url)
                page.wait_for_selector(".js-plotly-plot .main-svg", timeout=120_000)
                if i:
                    out.append((time.perf_counter() - started) * 1000)
        return out

    with streamlit_server(db, folder / f"app-{scale}.log") as url:
        app_times = first_chart(url + f"/?as_of={AS_OF}")
        pid = _server_pid(url)
        with streamlit_server(db, folder / f"floor-{scale}.log", script=floor_app) as floor_url:
            floor_times = first_chart(floor_url)
        if pid:
            record("peak_rss_mb", scale, _peak_rss_mb(pid), "MB")
    record("first_chart_ms", scale, statistics.median(app_times), "ms", statistics.median(floor_times))


def _server_pid(url: str) -> int | None:
    port = url.rsplit(":", 1)[1]
    found = subprocess.run(["pgrep", "-f", f"server.port {port}"], capture_output=True, text=True).stdout.split()
    return int(found[0]) if found else None


def _cpu_seconds(pids: list[int]) -> float:
    """User and system CPU of these processes so far (/proc/PID/stat fields 14 and 15)."""
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])
    return total / os.sysconf("SC_CLK_TCK")


def _peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


VIEWERS = (1, 10, 30, 50)
VIEWER_SECONDS = 120.0  # per level; a viewer still waiting then counts as an error
REPLICAS = 2  # one per core on the 2-core machine docs/benchmarks.md's figures come from


def viewers_bench(db: Path, scale: str, folder: Path) -> None:
    """N viewers at once (each: the overview, then two other pages 1-3 s apart) against one
    process, then against REPLICAS read-only replicas behind HAProxy; overview p50/p95 per N.
    Every process has opened every page once before (warm caches, as when the meeting's
    organiser opened the link first); the levels then run one after the other."""
    from nscl import replicas
    from nscl.settings import Settings
    from tests import loadgen
    from tests.browser import streamlit_server

    query = f"as_of={AS_OF}"

    def levels(url: str, processes: int, pids: list[int]) -> None:
        meta = {"processes": processes, "via": "haproxy" if processes > 1 else "direct"}
        warm = loadgen.warm_up(url, processes, query_string=query)
        if warm.error_count:
            raise RuntimeError(f"warm-up failed: {warm.failures[:3]} {[r.errors for r in warm.runs if r.errors][:3]}")
        for n in VIEWERS:
            started, cpu = time.perf_counter(), _cpu_seconds(pids)
            result = loadgen.run_viewers(url, n, VIEWER_SECONDS, query)
            wall, cpu = time.perf_counter() - started, _cpu_seconds(pids) - cpu
            print(f"          {processes} process(es): {result.summary()}", flush=True)
            for failure in result.failures[:3]:
                print(f"          {failure}", flush=True)
            record(f"viewers_p50_ms:{n}", scale, result.percentile(50), "ms", **meta)
            record(f"viewers_p95_ms:{n}", scale, result.percentile(95), "ms", **meta)
            record(f"viewers_pages_p95_ms:{n}", scale, result.percentile(95, page=None), "ms", **meta)
            record(f"viewers_runs_per_s:{n}", scale, len(result.runs) / wall, "runs/s", **meta)
            # What a run costs the servers, whatever else the machine is doing: capacity is
            # about (cores the replicas can use) ÷ this, in runs per second.
            record(f"viewers_cpu_ms_per_run:{n}", scale, cpu * 1000 / max(len(result.runs), 1), "ms", **meta)
            record(f"viewers_errors:{n}", scale, result.error_count, "errors", **meta)
        record("viewers_peak_rss_mb", scale, max(_peak_rss_mb(pid) for pid in pids), "MB", **meta)

    with streamlit_server(db, folder / f"viewers-{scale}.log") as url:
        levels(url, 1, [pid for pid in [_server_pid(url)] if pid])
    state = folder / f"replicas-{scale}"
    cluster = replicas.start(REPLICAS, "127.0.0.1", replicas.free_port(), state, Settings(db_path=str(db)))
    try:
        levels(cluster.url, REPLICAS, [p.pid for p in cluster.replicas])
        readers_bench(cluster.url + replicas.EDITION_PREFIX, scale)
    finally:
        replicas.stop(state)


READERS = (200, 1000)


def readers_bench(url: str, scale: str) -> None:
    """Readers of the published edition through the same proxy (HAProxy → nginx), all arriving at
    once, each fetching the overview and everything it names; then what one reader transfers on
    a first and a repeat visit of the overview and of a target's page (Plotly's script)."""
    from tests import edition_load

    meta = {"via": "haproxy+nginx"}
    edition_load.run_readers(url, 50)  # warm: nginx's workers and the page cache
    for n in READERS:
        result = edition_load.run_readers(url, n)
        print(f"          edition, {n} readers: p50 {result.percentile(50):.0f} ms, p95 {result.percentile(95):.0f} ms, "
              f"{len(result.errors)} errors {result.errors[:2]}", flush=True)
        record(f"edition_readers_p50_ms:{n}", scale, result.percentile(50), "ms", **meta)
        record(f"edition_readers_p95_ms:{n}", scale, result.percentile(95), "ms", **meta)
        record(f"edition_readers_errors:{n}", scale, len(result.errors), "errors", **meta)
    target = url + "p/2026-2030/supported.html"
    for name, page in (("overview", url), ("target_page", target)):
        first, repeat = edition_load.first_and_repeat(page)
        if first.error or repeat.error:
            raise RuntimeError(f"edition visit failed: {first.error or repeat.error}")
        record(f"edition_first_visit_kb:{name}", scale, first.wire_bytes / 1024, "KB", requests=first.requests)
        record(f"edition_repeat_visit_kb:{name}", scale, repeat.wire_bytes / 1024, "KB", requests=repeat.requests)


def edition_build_bench(db: Path, scale: str, folder: Path) -> None:
    """`python -m nscl publish`'s work at this size: both languages, every phase's pages."""
    from nscl.publish import publish
    from nscl.readers import open_for_reading
    from nscl.settings import Settings

    plan = load_plan_by_id("quang-binh-676", PLANS_DIR)
    reading = open_for_reading(Settings(db_path=str(db), plans_dir=str(PLANS_DIR)), plan)
    try:
        started = time.perf_counter()
        done = publish(reading.con, plan, dt.date.fromisoformat(AS_OF), folder / f"edition-{scale}")
        record("edition_build_seconds", scale, time.perf_counter() - started, "s", pages=done.pages)
    finally:
        reading.con.close()


def exports_bench(db: Path, scale: str) -> None:
    from nscl.present.deck import build_deck
    from nscl.present.report import ReportSettings, build_report
    from nscl.ui.data import _database
    from tests.slides_from_db import collect

    plan = load_plan_by_id("quang-binh-676", PLANS_DIR)
    con = _database(str(db), plan.id, str(PLANS_DIR))[0].cursor()  # the app's own connection
    as_of = dt.date.fromisoformat(AS_OF)
    started = time.perf_counter()
    _, slides = collect(con, plan, "2026-2030", as_of, "vi")
    build_deck(slides, "Kế hoạch 676/KH-UBND")
    record("deck_seconds", scale, time.perf_counter() - started, "s")
    started = time.perf_counter()
    _, slides = collect(con, plan, "2026-2030", as_of, "vi")
    build_report(plan, slides, as_of, "2026-2030", ReportSettings())
    record("report_seconds", scale, time.perf_counter() - started, "s")


def write_docs(results: list[dict]) -> None:
    """The generated part of docs/benchmarks.md, from the same rows as bench-results.json."""
    path = ROOT / "docs" / "benchmarks.md"
    write_markdown(results, path)
    print(f"Wrote {path}")


def viewers_only(folder: Path) -> int:
    """`python -m tests.bench viewers`: the viewer rows at province size, the others kept."""
    out = ROOT / "bench-results.json"
    kept = [r for r in json.loads(out.read_text()) if not r["name"].startswith("viewers_")] if out.exists() else []
    db = build_db(folder, 1.0)
    viewers_bench(db, "province", folder)
    out.write_text(json.dumps(kept + RESULTS, ensure_ascii=False, indent=1))
    print(f"\nWrote {out}")
    write_docs(kept + RESULTS)
    return 0


def edition_only(folder: Path) -> int:
    """`python -m tests.bench edition`: the published edition's rows (build at both sizes, readers
    through HAProxy and nginx at province size), the others kept."""
    from nscl import replicas
    from nscl.settings import Settings

    out = ROOT / "bench-results.json"
    kept = [r for r in json.loads(out.read_text()) if not r["name"].startswith("edition_")] if out.exists() else []
    quick = os.environ.get("NSCL_BENCH_QUICK") == "1"
    for scale, factor in {"province": 1.0, "national": 20.0 if quick else demo.NATIONAL_SCALE}.items():
        db = build_db(folder, factor)
        edition_build_bench(db, scale, folder)
        if scale == "province":
            state = folder / "edition-readers"
            cluster = replicas.start(1, "127.0.0.1", replicas.free_port(), state, Settings(db_path=str(db)))
            try:
                readers_bench(cluster.url + replicas.EDITION_PREFIX, scale)
            finally:
                replicas.stop(state)
    out.write_text(json.dumps(kept + RESULTS, ensure_ascii=False, indent=1))
    print(f"\nWrote {out}")
    write_docs(kept + RESULTS)
    return 0


def main(argv: list[str] | None = None) -> int:
    """`python -m tests.bench` runs everything; `python -m tests.bench overview` only the warm
    overview's CPU at both sizes (quick to repeat with NSCL_BENCH_CACHE set);
    `python -m tests.bench viewers` only the viewers at province size; `python -m tests.bench
    edition` only the published edition's rows."""
    import logging
    only_overview = (argv if argv is not None else sys.argv[1:]) == ["overview"]
    for name in ("streamlit", "streamlit.runtime", "streamlit.runtime.scriptrunner_utils.script_run_context",
                 "streamlit.runtime.caching.cache_data_api"):
        logging.getLogger(name).setLevel(logging.ERROR)
    quick = os.environ.get("NSCL_BENCH_QUICK") == "1"  # smaller national size for a smoke run
    folder = Path(tempfile.mkdtemp(prefix="nscl-bench-"))
    print(f"{'scale':9} {'name':38} {'value':>10}", flush=True)
    if (sys.argv[1:] if argv is None else argv) == ["viewers"]:
        return viewers_only(folder)
    if (sys.argv[1:] if argv is None else argv) == ["edition"]:
        return edition_only(folder)
    sizes = {"province": 1.0, "national": 20.0 if quick else demo.NATIONAL_SCALE}
    for scale, factor in sizes.items():
        started = time.perf_counter()
        db = build_db(folder, factor)
        if not os.environ.get("NSCL_BENCH_CACHE"):
            record("demo_build_seconds", scale, time.perf_counter() - started, "s")
        overview_warm_cpu(db, scale)
        if only_overview:
            continue
        pages_bench(db, scale, runs=5 if scale == "province" else 3)
        data_notes_bench(db, scale, runs=20)
        exports_bench(db, scale)
        edition_build_bench(db, scale, folder)
        chromium_bench(db, scale, runs=5, folder=folder)
        viewers_bench(db, scale, folder)
    if only_overview:
        return 0
    upload_bench(folder, 100_000 if quick else 1_000_000)
    out = ROOT / "bench-results.json"
    out.write_text(json.dumps(RESULTS, ensure_ascii=False, indent=1))
    print(f"\nWrote {out}")
    write_docs(RESULTS)
    return 0


if __name__ == "__main__":
    sys.exit(main())
