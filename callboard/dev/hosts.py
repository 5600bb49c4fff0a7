"""Which host names the dev server answers for, and which pages may open its live channel.

The preview holds what a board under review makes of itself, drafts included with `--drafts`.
A web page elsewhere cannot read it directly (the same-origin policy), but DNS rebinding can:
the attacker's name is made to resolve to this machine, the browser then treats the preview as
the attacker's own site and sends the attacker's name in the Host header. So the server answers
only for its own names: on loopback the loopback names; on any other address also this
machine's host names and addresses, since other machines reach it by those. `--allow-host`
adds a name (a tunnel's, a container's, an entry in /etc/hosts).

A WebSocket is not bound by the same-origin policy at all: any page can open one to any host,
and the browser says whose page asks in the Origin header. The live channel therefore accepts
only an Origin that is the preview itself: `http`, one of the allowed names, and the port the
browser addressed (the Host header's: the server's own port, or the one a tunnel forwards).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from urllib.parse import urlsplit

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
ALL_INTERFACES = ("", "0.0.0.0", "::")
DEFAULT_PORT = 80
_ROUTE_PROBES = ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1"))
"""Documentation addresses (RFC 5737, RFC 3849): routed like the internet, never answered."""


def host_name(header: str) -> str:
    """'127.0.0.1:8000' -> '127.0.0.1', '[::1]:8000' -> '::1', 'Example.ORG.' -> 'example.org'."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].split("]", 1)[0]
    name = header.rsplit(":", 1)[0] if header.count(":") == 1 else header
    return name.rstrip(".")


def host_port(header: str) -> int | None:
    """The port in a Host header, 80 when it names none, None when it is not a port."""
    header = header.strip()
    if header.startswith("["):
        rest = header.split("]", 1)[1] if "]" in header else ""
    else:
        rest = ":" + header.rsplit(":", 1)[1] if header.count(":") == 1 else ""
    if not rest:
        return DEFAULT_PORT
    digits = rest[1:]
    if not rest.startswith(":") or not (digits.isascii() and digits.isdigit()) or len(digits) > 5:
        return None
    return int(digits)


def is_loopback(bind: str) -> bool:
    """True for an address (or `localhost`) that only this machine can reach."""
    name = host_name(bind)
    return name == "localhost" or (_is_address(name) and ipaddress.ip_address(name).is_loopback)


def allowed_hosts(bind: str, extra: Iterable[str] = ()) -> frozenset[str]:
    """The host names the server answers for when listening on `bind`."""
    names = set(LOOPBACK_NAMES) | {host_name(name) for name in extra}
    if bind not in ALL_INTERFACES:
        names.add(host_name(bind))
    if not is_loopback(bind):
        names |= machine_names()
    return frozenset(name for name in names if name)


def machine_names() -> set[str]:
    """This machine's names and addresses, as a browser elsewhere on the network may use them:
    the host name, its first label and `.local` form (mDNS), the fully qualified name, what
    those resolve to, and the addresses the machine uses towards the internet."""
    host = socket.gethostname()
    fqdn = socket.getfqdn()
    short = host.split(".", 1)[0]
    names = {host, fqdn, short, f"{short}.local"}
    addresses = set(route_addresses())
    for name in names:
        try:
            addresses |= {str(info[4][0]).split("%", 1)[0] for info in socket.getaddrinfo(name, None)}
        except (OSError, UnicodeError):
            continue
    return {host_name(name) for name in names | addresses if name}


def display_order(names: Iterable[str]) -> list[str]:
    """Names first, then addresses, each alphabetically."""
    return sorted(names, key=lambda name: (_is_address(name), name))


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return False


def route_addresses() -> list[str]:
    """The local addresses of the routes to the internet (usually the LAN address): connecting
    a UDP socket picks a route and sends nothing."""
    found = []
    for family, probe in _ROUTE_PROBES:
        try:
            with socket.socket(family, socket.SOCK_DGRAM) as sock:
                sock.connect((probe, 9))
                found.append(sock.getsockname()[0].split("%", 1)[0])
        except OSError:
            continue
    return found


def origin_allowed(origin: str | None, host_header: str | None, allowed: frozenset[str]) -> bool:
    """Whether a WebSocket handshake comes from a page of this preview. A browser always sends
    Origin; a handshake without one (or with `null`, from a sandboxed frame or a file) is refused."""
    if not origin or not host_header:
        return False
    try:
        parts = urlsplit(origin)
        port = parts.port or DEFAULT_PORT
    except ValueError:
        return False
    if parts.scheme != "http" or parts.path or parts.query or parts.fragment or parts.username is not None:
        return False
    return host_name(parts.hostname or "") in allowed and port == host_port(host_header)
