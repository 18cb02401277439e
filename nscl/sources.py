"""Where a sign-in comes from, for throttling: the address of the computer that connected, or,
when that computer is a trusted reverse proxy (NSCL_TRUSTED_PROXIES), the right-most address in
X-Forwarded-For that is not itself a trusted proxy. Each proxy appends the address it saw, so
entries left of the last trusted hop were written by the client and are never believed; a client
connecting directly cannot name another address at all. Streamlit's server (uvicorn) resolves
X-Forwarded-For itself for the proxies in FORWARDED_ALLOW_IPS before the app sees the peer: the
launchers (nscl/serve.py, nscl/replicas.py) set that variable from the same setting, and the
resolution below, applied to an already resolved address, leaves it as it is."""
from __future__ import annotations

import ipaddress
from collections.abc import Iterable

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def trusted_networks(setting: str) -> list[Network]:
    """The networks of a comma-separated list of addresses and CIDR blocks; unreadable entries are skipped."""
    networks = []
    for item in setting.split(","):
        item = item.strip()
        if item:
            try:
                networks.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                continue
    return networks


def _address(text: str):
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [v6]:port
        text = text[1:text.index("]")]
    elif text.count(":") == 1:  # v4:port
        text = text.split(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    return address.ipv4_mapped or address if isinstance(address, ipaddress.IPv6Address) else address


def _trusted(address, networks: list[Network]) -> bool:
    return any(address.version == n.version and address in n for n in networks)


def client_address(peer: str | None, forwarded_for: Iterable[str], trusted: list[Network]) -> str:
    """The client's address as text ("" when the peer is unknown). `forwarded_for` holds every
    X-Forwarded-For header of the request, in order."""
    address = _address(peer or "")
    if address is None:
        return ""
    if not _trusted(address, trusted):
        return str(address)
    hops = [hop for header in forwarded_for for hop in (header or "").split(",")]
    for hop in reversed(hops):
        found = _address(hop)
        if found is None:  # a trusted proxy never writes this: believe nothing further left
            break
        address = found
        if not _trusted(address, trusted):
            break
    return str(address)
