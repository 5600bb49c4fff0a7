"""Which Host and Origin headers the dev server accepts, without a server."""

import socket

import pytest

from callboard.dev.hosts import allowed_hosts, display_order, host_name, host_port, is_loopback, origin_allowed

LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})


@pytest.mark.parametrize("header, name", [
    ("127.0.0.1:8000", "127.0.0.1"), ("LOCALHOST", "localhost"), ("[::1]:8000", "::1"), ("::1", "::1"),
    ("attacker.example:80", "attacker.example"), ("Preview.Test.:8000", "preview.test"),
])
def test_host_name(header, name):
    assert host_name(header) == name


@pytest.mark.parametrize("header, port", [
    ("127.0.0.1:8000", 8000), ("localhost", 80), ("[::1]:8000", 8000), ("[::1]", 80), ("::1", 80),
    ("localhost:", None), ("localhost:80x", None), ("localhost:٨٠", None), ("[::1]x", None), ("h:123456", None),
])
def test_host_port(header, port):
    assert host_port(header) == port


@pytest.mark.parametrize("bind, loopback", [
    ("127.0.0.1", True), ("127.0.0.2", True), ("::1", True), ("[::1]", True), ("localhost", True),
    ("0.0.0.0", False), ("", False), ("::", False), ("192.168.1.5", False), ("example.org", False),
])
def test_is_loopback(bind, loopback):
    assert is_loopback(bind) is loopback


def test_loopback_answers_for_loopback_names_and_the_allowed_ones_only():
    assert allowed_hosts("127.0.0.1") == LOOPBACK
    assert allowed_hosts("127.0.0.2", ["Tunnel.Example.", "[::2]:80"]) == LOOPBACK | {"127.0.0.2", "tunnel.example", "::2"}


def test_every_interface_answers_for_the_machines_names_too():
    names = allowed_hosts("0.0.0.0", ["tunnel.example"])
    assert LOOPBACK | {"tunnel.example", host_name(socket.gethostname()), host_name(socket.getfqdn())} <= names
    assert "" not in names and "0.0.0.0" not in names and "attacker.example" not in names
    assert "192.168.1.5" in allowed_hosts("192.168.1.5")


def test_names_are_shown_before_addresses():
    assert display_order({"::1", "vm", "127.0.0.1", "localhost"}) == ["localhost", "vm", "127.0.0.1", "::1"]


@pytest.mark.parametrize("origin, host, allowed", [
    ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
    ("http://localhost:8000", "127.0.0.1:8000", True),
    ("http://[::1]:8000", "[::1]:8000", True),
    ("http://localhost", "localhost", True),
    ("http://localhost:9000", "localhost:9000", True),  # a forwarded port: the browser's view
    ("http://127.0.0.1:9999", "127.0.0.1:8000", False),
    ("http://127.0.0.1", "127.0.0.1:8000", False),
    ("https://127.0.0.1:8000", "127.0.0.1:8000", False),
    ("ws://127.0.0.1:8000", "127.0.0.1:8000", False),
    ("http://attacker.example:8000", "127.0.0.1:8000", False),
    ("http://attacker.example:8000", "attacker.example:8000", False),
    ("http://127.0.0.1.attacker.example:8000", "127.0.0.1:8000", False),
    ("http://user@127.0.0.1:8000", "127.0.0.1:8000", False),
    ("http://127.0.0.1:8000/path", "127.0.0.1:8000", False),
    ("http://127.0.0.1:99999", "127.0.0.1:8000", False),
    ("null", "127.0.0.1:8000", False),
    ("", "127.0.0.1:8000", False),
    (None, "127.0.0.1:8000", False),
    ("http://127.0.0.1:8000", None, False),
])
def test_origin_allowed(origin, host, allowed):
    assert origin_allowed(origin, host, LOOPBACK) is allowed
