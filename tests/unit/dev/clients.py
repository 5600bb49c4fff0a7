"""Clients for a running `callboard serve`: plain HTTP, raw request targets and headers, and
the live-reload WebSocket. The dev tests share them."""

from __future__ import annotations

import json
import socket
import time
import urllib.error
import urllib.request

from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, Request, TextMessage

WEBSOCKET_KEY = "dGhlIHNhbXBsZSBub25jZQ=="


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def raw_request(port: int, target: str, method: str = "GET", headers: dict[str, str] | None = None,
                version: str = "HTTP/1.1") -> tuple[int, bytes]:
    """Send the request target and headers exactly as written (urllib and browsers would
    normalise `/../` and always send their own Host); `Host: 127.0.0.1` unless `headers` says
    otherwise, and a `None` value leaves that header out."""
    sent = {"Host": "127.0.0.1", "Connection": "close", **(headers or {})}
    lines = "".join(f"{name}: {value}\r\n" for name, value in sent.items() if value is not None)
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"{method} {target} {version}\r\n{lines}\r\n".encode("latin-1"))
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    status = int(data.split(b" ", 2)[1])
    return status, data


def read_response_head(sock: socket.socket) -> tuple[int, bytes]:
    """The status and the head of one response, without waiting for the connection to close."""
    data = b""
    deadline = time.monotonic() + 10
    while b"\r\n\r\n" not in data and time.monotonic() < deadline:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return int(data.split(b" ", 2)[1]), data


def live_handshake(port: int, origin: str | None, host: str | None = None) -> tuple[int, bytes]:
    """A browser's WebSocket opening handshake for the live-reload channel, by hand: the status
    the server answers with, and its head (plus whatever came with it)."""
    headers = {"Host": host or f"127.0.0.1:{port}", "Upgrade": "websocket", "Connection": "Upgrade",
               "Sec-WebSocket-Key": WEBSOCKET_KEY, "Sec-WebSocket-Version": "13", "Origin": origin}
    lines = "".join(f"{name}: {value}\r\n" for name, value in headers.items() if value is not None)
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET /_callboard/live HTTP/1.1\r\n{lines}\r\n".encode("latin-1"))
        return read_response_head(sock)


class LiveSocket:
    """A WebSocket client for the live-reload channel, speaking through wsproto, with the
    Origin a browser sends for a page of the preview."""

    def __init__(self, port: int, origin: str | None = None):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=15)
        self.ws = WSConnection(ConnectionType.CLIENT)
        origin = origin or f"http://127.0.0.1:{port}"
        self.sock.sendall(self.ws.send(Request(host=f"127.0.0.1:{port}", target="/_callboard/live",
                                               extra_headers=[(b"Origin", origin.encode("ascii"))])))
        self.messages: list[dict] = []
        self._read = 0
        self._events: list = []
        self._read_until(lambda: any(isinstance(e, AcceptConnection) for e in self._events))

    def _read_until(self, done) -> None:
        self._events = []
        while not done():
            self.ws.receive_data(self.sock.recv(65536))
            for event in self.ws.events():
                self._events.append(event)
                if isinstance(event, TextMessage):
                    self.messages.append(json.loads(event.data))

    def next_message(self) -> dict:
        """The oldest message not yet returned (the hello may come in the handshake's packet)."""
        self._read_until(lambda: len(self.messages) > self._read)
        self._read += 1
        return self.messages[self._read - 1]

    def close(self) -> None:
        self.sock.close()
