"""A load generator that speaks Streamlit's own protocol, for `make bench` and its test.

Each simulated viewer does what a person opening the dashboard's link does: fetch the page
(through a proxy this also sets the sticky-session cookie), open the websocket
`/_stcore/stream`, ask for a run of the overview (a `BackMsg` with `rerun_script`) and read
`ForwardMsg`s until `script_finished`; then, 1-3 s apart (seeded random), open two other pages
on the same connection. Bounded in viewers and in time, and only ever against this machine.
"""
from __future__ import annotations

import asyncio
import random
import statistics
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import numpy as np
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

LOCAL_HOSTS = ("127.0.0.1", "localhost")
MAX_VIEWERS = 200
MAX_SECONDS = 600.0
# Pages a viewer browses after the overview; upload needs a login, the report a button.
BROWSE_PAGES = ("training", "certification", "supported", "pilots", "conformity", "catalogue", "present")
# Plotly figures and tables travel in one message each; Streamlit itself allows 200 MB.
MAX_MESSAGE_BYTES = 200 * 1024 * 1024


@dataclass
class PageRun:
    viewer: int
    page: str  # url path; "overview" for the first, default page
    ms: float
    finished: bool  # a script_finished arrived
    errors: list[str] = field(default_factory=list)  # exception elements, error alerts, page not found
    shown: str = ""  # the url path of the page the server says it ran (its navigation message)


@dataclass
class LoadResult:
    viewers: int
    runs: list[PageRun]
    failures: list[str]  # viewers that could not connect or ran out of time

    def overview_ms(self) -> list[float]:
        return [r.ms for r in self.runs if r.page == "overview" and r.finished]

    def percentile(self, p: float, page: str | None = "overview") -> float:
        values = [r.ms for r in self.runs if r.finished and (page is None or r.page == page)]
        return float(np.percentile(values, p)) if values else float("nan")

    @property
    def error_count(self) -> int:
        return len(self.failures) + sum(1 for r in self.runs if r.errors or not r.finished)

    def summary(self) -> str:
        overview = self.overview_ms()
        median = statistics.median(overview) if overview else float("nan")
        return (f"{self.viewers} viewers: overview p50 {median:.0f} ms, p95 {self.percentile(95):.0f} ms; "
                f"all pages p95 {self.percentile(95, None):.0f} ms; {len(self.runs)} runs, "
                f"{self.error_count} errors")


def check_local(base_url: str) -> tuple[str, int]:
    """The host and port of base_url; anything but this machine is refused."""
    parts = urlsplit(base_url)
    if parts.scheme != "http" or parts.hostname not in LOCAL_HOSTS or parts.port is None:
        raise ValueError(f"load generator runs against http://127.0.0.1:PORT or http://localhost:PORT only, "
                         f"not {base_url!r}")
    return parts.hostname, parts.port


def rerun_message(page: str, query_string: str) -> bytes:
    msg = BackMsg()
    msg.rerun_script.query_string = query_string
    # The browser names the page by its url path; the first load names none (the default page).
    msg.rerun_script.page_name = "" if page == "overview" else page
    msg.rerun_script.page_script_hash = ""
    return msg.SerializeToString()


def problems_in(msg: ForwardMsg) -> list[str]:
    kind = msg.WhichOneof("type")
    if kind == "page_not_found":
        return [f"page not found: {msg.page_not_found.page_name}"]
    if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        element = msg.delta.new_element
        if element.WhichOneof("type") == "exception":
            return [f"exception: {element.exception.type}: {element.exception.message[:200]}"]
        if element.WhichOneof("type") == "alert" and element.alert.format == Alert.ERROR:
            return [f"error: {element.alert.body[:200]}"]
    return []


async def _read_until_finished(ws, run: PageRun) -> None:
    while True:
        msg = ForwardMsg()
        msg.ParseFromString(await ws.recv())
        run.errors += problems_in(msg)
        if msg.WhichOneof("type") == "navigation":
            current = msg.navigation.page_script_hash
            run.shown = next((p.url_pathname or "overview" for p in msg.navigation.app_pages
                              if p.page_script_hash == current), "")
        if msg.WhichOneof("type") == "script_finished" and \
                msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            run.finished = msg.script_finished != ForwardMsg.FINISHED_WITH_COMPILE_ERROR
            if not run.finished:
                run.errors.append("script did not compile")
            return


async def _fetch_page(host: str, port: int) -> str:
    """GET / as a browser does first; returns the Cookie header to send back (sticky sessions)."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        writer.write(f"GET / HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n".encode())
        await writer.drain()
        head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
        await reader.read()
    finally:
        writer.close()
    status = head.split(" ", 2)[1]
    if status != "200":
        raise RuntimeError(f"GET / answered {status}")
    cookies = [line.split(":", 1)[1].split(";", 1)[0].strip() for line in head.split("\r\n")
               if line.lower().startswith("set-cookie:")]
    return "; ".join(cookies)


async def _viewer(index: int, host: str, port: int, query_string: str, pages: list[str], pauses: list[float],
                  runs: list[PageRun]) -> None:
    started = time.perf_counter()
    cookie = await _fetch_page(host, port)
    headers = {"Cookie": cookie} if cookie else {}
    async with connect(f"ws://{host}:{port}/_stcore/stream", subprotocols=["streamlit"],
                       additional_headers=headers, max_size=MAX_MESSAGE_BYTES, open_timeout=60,
                       ping_interval=None) as ws:
        for i, page in enumerate(pages):
            if i:
                await asyncio.sleep(pauses[i - 1])
                started = time.perf_counter()
            run = PageRun(index, page, 0.0, False)
            runs.append(run)
            await ws.send(rerun_message(page, query_string))
            await _read_until_finished(ws, run)
            run.ms = (time.perf_counter() - started) * 1000


def _browsing(rng: random.Random) -> tuple[list[str], list[float]]:
    pages = ["overview", *rng.sample(BROWSE_PAGES, 2)]
    return pages, [rng.uniform(1.0, 3.0) for _ in pages[1:]]


def _every_page(rng: random.Random) -> tuple[list[str], list[float]]:
    return ["overview", *BROWSE_PAGES], [0.0] * len(BROWSE_PAGES)


async def _run(base_url: str, viewers: int, seconds: float, query_string: str, seed: int,
               plan=_browsing) -> LoadResult:
    host, port = check_local(base_url)
    runs: list[PageRun] = []
    failures: list[str] = []

    async def one(i: int) -> None:
        try:
            pages, pauses = plan(random.Random(seed * 1000 + i))
            await _viewer(i, host, port, query_string, pages, pauses, runs)
        except Exception as exc:  # counted, and the other viewers go on
            failures.append(f"viewer {i}: {type(exc).__name__}: {exc}")

    tasks = [asyncio.create_task(one(i)) for i in range(viewers)]
    done, pending = await asyncio.wait(tasks, timeout=seconds)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    if pending:
        failures.append(f"{len(pending)} viewers did not finish within {seconds:g} s")
    return LoadResult(viewers, runs, failures)


def run_viewers(base_url: str, viewers: int, seconds: float = 60.0, query_string: str = "",
                seed: int = 13) -> LoadResult:
    """Start `viewers` simulated viewers at once against base_url (this machine only) and wait
    for all of them, at most `seconds`."""
    if not 1 <= viewers <= MAX_VIEWERS:
        raise ValueError(f"viewers must be between 1 and {MAX_VIEWERS}")
    if not 0 < seconds <= MAX_SECONDS:
        raise ValueError(f"seconds must be between 0 and {MAX_SECONDS:g}")
    return asyncio.run(_run(base_url, viewers, seconds, query_string, seed))


def warm_up(base_url: str, processes: int, seconds: float = 300.0, query_string: str = "") -> LoadResult:
    """One viewer per process (the proxy sends new browsers round the replicas) opening every
    page once, so that what is measured next is a warm server, as in a meeting where someone
    opened the dashboard first."""
    if not 1 <= processes <= MAX_VIEWERS:
        raise ValueError(f"processes must be between 1 and {MAX_VIEWERS}")
    return asyncio.run(_run(base_url, processes, min(seconds, MAX_SECONDS), query_string, 0, _every_page))
