"""A board checkout is untrusted input and the preview may hold drafts: `callboard serve`
answers only for its own host names, lets only its own pages open the live-reload channel,
tells the browser no absolute path, and survives hostile request paths (issue 18, findings 7,
8 and 10). Each test plays the attack against a real server."""

import json
import re
import socket
import time

import pytest

from tests.support.boards import NOW
from tests.unit.dev.clients import LiveSocket, fetch, live_handshake, raw_request, read_response_head

ATTACKER = "attacker.example"
DRAFT = "/needs/utkast/"
LONG_STATIC_NAME = "a" * 250 + ".txt"


def wait_for_stderr(server, pattern: str, timeout: float = 10) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for line in list(server.errors):
            if re.search(pattern, line):
                return line
        time.sleep(0.05)
    raise AssertionError(f"no stderr line matching {pattern!r}; got {server.errors}")


@pytest.fixture
def everywhere(dev_server, fixture_board):
    """A preview with drafts that listens on every interface, as a reviewer might start it."""
    return dev_server(fixture_board, "--now", NOW, "--drafts", "--host", "0.0.0.0")


# --- Finding 7: Host allow-list and the warning -----------------------------------------

@pytest.mark.parametrize("bind", ["127.0.0.1", "0.0.0.0"])
def test_a_foreign_or_missing_host_is_refused(dev_server, fixture_board, bind):
    server = dev_server(fixture_board, "--now", NOW, "--drafts", "--host", bind)
    status, response = raw_request(server.port, DRAFT, headers={"Host": f"{ATTACKER}:{server.port}"})
    assert status == 403 and b"Utkast" not in response
    status, response = raw_request(server.port, DRAFT, headers={"Host": None})
    assert status == 400 and b"Utkast" not in response
    assert raw_request(server.port, DRAFT, headers={"Host": None}, version="HTTP/1.0")[0] == 200


def test_dns_rebinding_cannot_read_drafts_from_an_all_interfaces_bind(everywhere):
    """The attacker's name resolves to this machine: the browser sends the attacker's Host."""
    for name in {"localhost", "127.0.0.1", "[::1]", socket.gethostname(), socket.getfqdn()}:
        assert raw_request(everywhere.port, DRAFT, headers={"Host": f"{name}:{everywhere.port}"})[0] == 200, name
    status, response = raw_request(everywhere.port, DRAFT, headers={"Host": f"{ATTACKER}:{everywhere.port}"})
    assert status == 403 and b"Utkast" not in response
    head, body = response.split(b"\r\n\r\n", 1)
    assert b"Content-Type: text/plain" in head and len(body) < 200 and ATTACKER.encode() not in body


@pytest.mark.parametrize("bind", ["127.0.0.1", "0.0.0.0"])
def test_allow_host_admits_a_name(dev_server, fixture_board, bind):
    server = dev_server(fixture_board, "--now", NOW, "--host", bind,
                        "--allow-host", "preview.test", "--allow-host", "Tunnel.Example")
    for name in ("preview.test", "tunnel.example", "TUNNEL.example."):
        assert raw_request(server.port, "/needs/", headers={"Host": f"{name}:{server.port}"})[0] == 200, name
    assert raw_request(server.port, "/needs/", headers={"Host": f"{ATTACKER}:{server.port}"})[0] == 403
    origin = f"http://preview.test:{server.port}"
    assert live_handshake(server.port, origin, host=f"preview.test:{server.port}")[0] == 101


def test_listening_beyond_loopback_prints_one_warning(dev_server, fixture_board):
    local = dev_server(fixture_board, "--now", NOW)
    assert not [line for line in local.lines + local.errors if "varning" in line.lower()]  # a Swedish board
    server = dev_server(fixture_board, "--now", NOW, "--host", "0.0.0.0")
    [warning] = [line for line in server.lines if line.startswith("Varning:")]
    assert "0.0.0.0" in warning and "nåbar från nätverket" in warning and "utkast" not in warning
    names = server.wait_for(r"^Svarar bara för (.*) \(lägg till ett namn med --allow-host NAMN\)$").group(1)
    assert "localhost" in names.split(", ") and socket.gethostname().lower() in names.split(", ")


def test_the_warning_names_the_drafts_when_they_are_shown(everywhere):
    [warning] = [line for line in everywhere.lines if line.startswith("Varning:")]
    assert "nåbar från nätverket" in warning and "utkasten" in warning


# --- Findings 7 and 8: the live-reload socket's Origin ------------------------------------

def test_only_the_previews_own_origin_opens_the_live_channel(dev_server, fixture_board):
    server = dev_server(fixture_board, "--now", NOW)
    port = server.port
    refused = [f"http://127.0.0.1:{port + 1}", "http://127.0.0.1:9999", "http://127.0.0.1",
               f"http://localhost:{port + 1}", f"https://127.0.0.1:{port}", f"ws://127.0.0.1:{port}",
               f"http://{ATTACKER}:{port}", f"http://127.0.0.1.{ATTACKER}:{port}", "null", "", None]
    for origin in refused:
        status, response = live_handshake(port, origin)
        assert status == 403 and b'"hello"' not in response, origin
    for origin in (f"http://127.0.0.1:{port}", f"http://localhost:{port}", f"http://LOCALHOST:{port}"):
        assert live_handshake(port, origin)[0] == 101, origin
    live = LiveSocket(port)
    assert live.next_message()["type"] == "hello"
    live.close()


def test_a_foreign_origin_cannot_listen_on_an_all_interfaces_bind(everywhere):
    port = everywhere.port
    assert live_handshake(port, f"http://{ATTACKER}:{port}")[0] == 403
    assert live_handshake(port, f"http://{ATTACKER}:{port}", host=f"{ATTACKER}:{port}")[0] == 403
    assert live_handshake(port, f"http://127.0.0.1:{port}")[0] == 101


def test_behind_a_forwarded_port_the_origin_matches_the_host_the_browser_used(dev_server, fixture_board):
    """`ssh -L 9000:localhost:PORT` or `docker -p 9000:PORT`: the browser addresses port 9000."""
    server = dev_server(fixture_board, "--now", NOW)
    assert live_handshake(server.port, "http://localhost:9000", host="localhost:9000")[0] == 101
    assert live_handshake(server.port, "http://localhost:9001", host="localhost:9000")[0] == 403
    assert live_handshake(server.port, f"http://localhost:{server.port}", host="localhost:9000")[0] == 403


# --- Finding 8: no absolute path reaches the browser ------------------------------------

ABSOLUTE_PATH = re.compile(r"(?<![\w.:/-])/(?:tmp|home|root|var|usr|Users|private)\b")


def test_a_file_system_error_reaches_the_browser_with_no_absolute_path(dev_server, fixture_board):
    """A name the file system takes, but not with the build's temporary suffix: the first build
    fails with ENAMETOOLONG, whose text names the temporary build folder."""
    (fixture_board / "static").mkdir(exist_ok=True)
    (fixture_board / "static" / LONG_STATIC_NAME).write_text("x")
    server = dev_server(fixture_board, "--now", NOW)
    assert any(str(server.tmpdir) in line for line in server.lines)  # the terminal keeps the full path
    live = LiveSocket(server.port)
    hello = live.next_message()
    live.close()
    [problem] = hello["problems"]["items"]
    assert "File name too long" in problem["message"] and LONG_STATIC_NAME in problem["message"]
    text = json.dumps(hello)
    assert not ABSOLUTE_PATH.search(text) and str(fixture_board) not in text, text
    status, page = fetch(server.url + "needs/")
    assert status == 500 and "File name too long" in page
    assert not ABSOLUTE_PATH.search(page) and str(fixture_board) not in page, page


# --- Finding 10: hostile request paths ----------------------------------------------------

@pytest.mark.parametrize("target", ["/" + "a" * 300, "/needs/" + "%61" * 300 + "/", "/" + "%C3%A5" * 150 + ".html"])
def test_an_over_long_segment_gets_a_404_at_once_and_a_short_log_line(dev_server, fixture_board, target):
    server = dev_server(fixture_board, "--now", NOW)
    started = time.monotonic()
    status, _ = raw_request(server.port, target)
    assert status == 404 and time.monotonic() - started < 2
    line = wait_for_stderr(server, r"^callboard: 404 för en sökväg med en del längre än 255 byte: /")
    assert len(line) < 160 and f"({len(target)} bytes)" in line and "a" * 100 not in line, line


def test_a_file_system_error_on_a_request_is_a_404_and_the_connection_lives_on(dev_server, fixture_board):
    """Every segment fits, but the whole path is longer than the system takes (ENAMETOOLONG)."""
    server = dev_server(fixture_board, "--now", NOW)
    too_long = "/" + "/".join(["b" * 250] * 20)
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        for target, expected in ((too_long, 404), ("/needs/", 200)):
            sock.sendall(f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode("ascii"))
            status, head = read_response_head(sock)
            assert status == expected, target
            length = int(re.search(rb"Content-Length: (\d+)", head).group(1))
            body = head.split(b"\r\n\r\n", 1)[1]
            while len(body) < length:
                body += sock.recv(65536)
    assert not [line for line in server.errors if "b" * 100 in line], server.errors
