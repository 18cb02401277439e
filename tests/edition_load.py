"""A load generator for the published edition, for `make bench` and its test.

Each simulated reader does what a browser opening the edition's link does on a first visit:
fetch the page, then every style sheet, script and icon it names, over one kept-alive
connection with `Accept-Encoding: gzip`; its time is until the last of them has arrived. A
repeat visit sends `If-None-Match` for the page (an unchanged page costs a 304) and fetches
nothing the page's assets were cached for (`Cache-Control: max-age`). Bounded in readers and in
time, and only ever against this machine; plain asyncio streams, so a thousand readers cost
one thread.
"""
from __future__ import annotations

import asyncio
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

LOCAL_HOSTS = ("127.0.0.1", "localhost")
MAX_READERS = 2000
MAX_SECONDS = 300.0
ASSET = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"]+\.(?:js|css|png|svg|ico))"')


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes
    wire_bytes: int  # status line, headers and body as they crossed the connection


@dataclass
class Visit:
    reader: int
    ms: float
    wire_bytes: int
    requests: int
    error: str = ""


@dataclass
class Result:
    visits: list[Visit] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return [v.error for v in self.visits if v.error]

    def percentile(self, p: float) -> float:
        times = sorted(v.ms for v in self.visits if not v.error)
        if not times:
            return float("nan")
        return times[min(len(times) - 1, max(0, round(p / 100 * len(times)) - 1))]


async def _read_response(reader: asyncio.StreamReader) -> Response:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    wire = len(head)
    if status in (204, 304):
        return Response(status, headers, b"", wire)
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = bytearray()
        while True:
            size_line = await reader.readuntil(b"\r\n")
            size = int(size_line.split(b";")[0], 16)
            chunk = await reader.readexactly(size + 2)
            wire += len(size_line) + len(chunk)
            if size == 0:
                break
            body += chunk[:-2]
        return Response(status, headers, bytes(body), wire)
    body = await reader.readexactly(int(headers.get("content-length", "0")))
    return Response(status, headers, body, wire + len(body))


async def _get(reader, writer, host: str, path: str, extra: dict[str, str]) -> Response:
    lines = [f"GET {path} HTTP/1.1", f"Host: {host}", "Accept-Encoding: gzip", "Connection: keep-alive",
             *(f"{k}: {v}" for k, v in extra.items())]
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    await writer.drain()
    return await _read_response(reader)


async def visit(url: str, reader_id: int, etag: str = "") -> tuple[Visit, str]:
    """One reader's visit to `url`: its page and assets (a first visit), or only the page's
    revalidation when `etag` is given (a repeat visit). Returns the visit and the page's ETag."""
    parts = urlsplit(url)
    started = time.perf_counter()
    wire = requests = 0
    try:
        reader, writer = await asyncio.open_connection(parts.hostname, parts.port)
        try:
            page = await _get(reader, writer, parts.netloc, parts.path, {"If-None-Match": etag} if etag else {})
            wire, requests = wire + page.wire_bytes, 1
            if page.status not in (200, 304):
                raise RuntimeError(f"{parts.path}: HTTP {page.status}")
            if page.status == 200 and not etag:
                import gzip
                html = gzip.decompress(page.body) if page.headers.get("content-encoding") == "gzip" else page.body
                for asset in dict.fromkeys(ASSET.findall(html.decode("utf-8", "replace"))):
                    answer = await _get(reader, writer, parts.netloc, urlsplit(urljoin(url, asset)).path, {})
                    wire, requests = wire + answer.wire_bytes, requests + 1
                    if answer.status != 200:
                        raise RuntimeError(f"{asset}: HTTP {answer.status}")
        finally:
            writer.close()
    except (OSError, RuntimeError, asyncio.IncompleteReadError, ValueError) as exc:
        return Visit(reader_id, (time.perf_counter() - started) * 1000, wire, requests, f"{type(exc).__name__}: {exc}"), ""
    return Visit(reader_id, (time.perf_counter() - started) * 1000, wire, requests), page.headers.get("etag", "")


async def _readers(url: str, count: int, seconds: float) -> Result:
    async def one(i: int) -> Visit:
        try:
            return (await asyncio.wait_for(visit(url, i), seconds))[0]
        except TimeoutError:
            return Visit(i, seconds * 1000, 0, 0, "timeout")

    return Result(list(await asyncio.gather(*(one(i) for i in range(count)))))


def run_readers(url: str, readers: int, seconds: float = 120.0) -> Result:
    """`readers` first visits to `url` all at once (each on a connection of its own)."""
    host = urlsplit(url).hostname
    if host not in LOCAL_HOSTS:
        raise ValueError(f"the load generator only runs against this machine, not {host!r}")
    if not 1 <= readers <= MAX_READERS or not 0 < seconds <= MAX_SECONDS:
        raise ValueError(f"readers must be 1..{MAX_READERS} and seconds 0..{MAX_SECONDS}")
    return asyncio.run(_readers(url, readers, seconds))


def first_and_repeat(url: str) -> tuple[Visit, Visit]:
    """What one reader transfers on a first visit and on a repeat visit of `url`."""
    if urlsplit(url).hostname not in LOCAL_HOSTS:
        raise ValueError("the load generator only runs against this machine")

    async def both():
        first, etag = await visit(url, 0)
        repeat, _ = await visit(url, 0, etag or "*")
        return first, repeat

    return asyncio.run(both())
