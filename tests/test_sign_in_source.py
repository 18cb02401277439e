"""Where a sign-in comes from: X-Forwarded-For believed only from trusted proxies, and the shipped
HAProxy configuration replacing whatever a client sent, checked through a real HAProxy and the
same server (uvicorn) that Streamlit runs on."""
from __future__ import annotations

import socket
import subprocess
import threading
import time
import urllib.request

import pytest

from nscl import replicas
from nscl.serve import proxy_environment
from nscl.settings import Settings
from nscl.sources import client_address, trusted_networks

LOOPBACK = trusted_networks("127.0.0.1,::1")


@pytest.mark.parametrize("peer, forwarded, expected", [
    ("203.0.113.7", [], "203.0.113.7"),                              # a client connecting directly
    ("203.0.113.7", ["198.51.100.2"], "203.0.113.7"),                # ... cannot name another address
    ("127.0.0.1", ["198.51.100.2"], "198.51.100.2"),                 # through the proxy on this machine
    ("127.0.0.1", ["10.9.9.9, 198.51.100.2"], "198.51.100.2"),       # the client's own entry is never believed
    ("127.0.0.1", ["10.9.9.9", "198.51.100.2"], "198.51.100.2"),     # nor a header of its own
    ("127.0.0.1", ["198.51.100.2, 127.0.0.1"], "198.51.100.2"),      # trusted hops are skipped
    ("127.0.0.1", ["not-an-address"], "127.0.0.1"),                  # nothing readable: the proxy itself
    ("127.0.0.1", [], "127.0.0.1"),
    ("::ffff:203.0.113.7", [], "203.0.113.7"),
    ("", ["198.51.100.2"], ""),                                      # no peer known: no address at all
    (None, [], ""),
])
def test_the_source_believes_forwarded_addresses_only_from_trusted_proxies(peer, forwarded, expected):
    assert client_address(peer, forwarded, LOOPBACK) == expected


def test_trusted_proxies_are_addresses_or_networks():
    office = trusted_networks("10.0.0.0/8, 192.0.2.1, nonsense")
    assert client_address("10.1.2.3", ["198.51.100.2"], office) == "198.51.100.2"
    assert client_address("192.0.2.1", ["198.51.100.2"], office) == "198.51.100.2"
    assert client_address("127.0.0.1", ["198.51.100.2"], office) == "127.0.0.1"  # loopback no longer trusted


def test_the_shipped_proxy_writes_the_forwarded_header_itself():
    config = replicas.haproxy_config("127.0.0.1", 8080, [("r1", 9001)])
    frontend = config[config.index("frontend dashboard"):config.index("backend replicas")]
    assert frontend.index("http-request del-header X-Forwarded-For") < frontend.index("option forwardfor")


async def _echo(scope, receive, send):
    """An ASGI app that answers with the client address the server resolved."""
    if scope["type"] == "lifespan":
        while (await receive())["type"] != "lifespan.shutdown":
            await send({"type": "lifespan.startup.complete"})
        await send({"type": "lifespan.shutdown.complete"})
        return
    headers = [value.decode() for name, value in scope["headers"] if name == b"x-forwarded-for"]
    body = "|".join([scope["client"][0] if scope["client"] else "", *headers]).encode()
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": body})


@pytest.fixture
def app_server():
    """uvicorn as Streamlit starts it, with the proxies the launchers give it; its port."""
    import uvicorn

    listening = socket.socket()
    listening.bind(("127.0.0.1", 0))
    trusted = proxy_environment(Settings())["FORWARDED_ALLOW_IPS"]
    server = uvicorn.Server(uvicorn.Config(_echo, forwarded_allow_ips=trusted, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listening]}, daemon=True)
    thread.start()
    try:
        yield listening.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(30)
        listening.close()


def _ask(url: str, forged: str | None) -> str:
    request = urllib.request.Request(url, headers={"X-Forwarded-For": forged} if forged else {})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.read().decode()


def test_a_forged_forwarded_header_does_not_change_the_source_through_the_proxy(app_server, tmp_path):
    config = tmp_path / "haproxy.cfg"
    port = replicas.free_port()
    config.write_text(replicas.haproxy_config("127.0.0.1", port, [("r1", app_server)]), encoding="utf-8")
    proxy = subprocess.Popen([replicas.HAPROXY, "-db", "-f", str(config)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.STDOUT)
    try:
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + 30
        while True:  # until HAProxy listens and its health check found the server
            try:
                honest = _ask(url, None)
                break
            except OSError:
                assert time.monotonic() < deadline and proxy.poll() is None
                time.sleep(0.2)
        forged = _ask(url, "203.0.113.66")
        spoofed_chain = _ask(url, "203.0.113.66, 198.51.100.9")
    finally:
        proxy.terminate()
        proxy.wait(30)
    trusted = trusted_networks(Settings().trusted_proxies)
    sources = []
    for answer in (honest, forged, spoofed_chain):
        peer, *forwarded = answer.split("|")
        assert forwarded == ["127.0.0.1"]  # only what the proxy wrote reaches the app
        sources.append(client_address(peer, forwarded, trusted))
    assert sources == ["127.0.0.1"] * 3  # the address HAProxy saw: this test's own
