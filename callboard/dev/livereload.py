"""The live-reload channel between the dev server and every open tab: a WebSocket per tab.

Why a WebSocket and not Server-Sent Events or long polling: over HTTP/1.1 a browser opens at
most six connections per host, shared by all tabs. An EventSource holds one of them for as long
as the page is open, so with six preview tabs open the seventh page never loads; a long poll
holds one too, for most of the time. WebSocket connections are counted apart from that pool
(Chromium and Firefox allow hundreds), so any number of tabs can listen while pages, styles and
images still load. A WebSocket needs no leader-tab election (SharedWorker or BroadcastChannel)
either, which would only move the same limit into more client code. wsproto does the protocol
(handshake, framing, ping and close); this module only keeps the list of tabs and tells them
what happened.

Messages are JSON: `{"type": "hello"|"reload", "build": ID, "problems": ...}`, where `build`
names the build a page should come from (a tab that shows another build reloads) and `problems`
is what to show in the error overlay, or null.
"""

from __future__ import annotations

import json
import socket
import threading
from typing import BinaryIO

from wsproto import ConnectionType, WSConnection
from wsproto.events import AcceptConnection, CloseConnection, Ping, Request, TextMessage
from wsproto.utilities import LocalProtocolError, RemoteProtocolError


class HandshakeError(Exception):
    """A request on the live-reload path that is not a valid WebSocket opening handshake."""


class LiveClient:
    """One open tab. Sends come from the rebuild thread, reads from the tab's own thread: a lock
    keeps the two from interleaving frames."""

    def __init__(self, connection: WSConnection, sock: socket.socket):
        self.connection = connection
        self.sock = sock
        self._lock = threading.Lock()

    def send(self, message: dict) -> bool:
        """False when the tab is gone."""
        try:
            with self._lock:
                self.sock.sendall(self.connection.send(TextMessage(data=json.dumps(message))))
            return True
        except (OSError, LocalProtocolError):
            return False

    def read_until_closed(self, rfile: BinaryIO) -> None:
        """Answer pings and the closing handshake; return when the tab goes away."""
        while True:
            try:
                data = rfile.read1(4096)
            except OSError:
                return
            if not data:
                return
            with self._lock:
                try:
                    self.connection.receive_data(data)
                    for event in self.connection.events():
                        if isinstance(event, Ping):
                            self.sock.sendall(self.connection.send(event.response()))
                        elif isinstance(event, CloseConnection):
                            self.sock.sendall(self.connection.send(event.response()))
                            return
                except (OSError, LocalProtocolError, RemoteProtocolError):
                    return

    def close(self) -> None:
        try:
            self.sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class LiveChannel:
    """Every open tab, and the one message each new tab gets first."""

    def __init__(self):
        self._clients: set[LiveClient] = set()
        self._lock = threading.Lock()

    @property
    def count(self) -> int:
        with self._lock:
            return len(self._clients)

    def accept(self, request_bytes: bytes, sock: socket.socket) -> LiveClient:
        """Complete the handshake for an HTTP request already read by http.server."""
        connection = WSConnection(ConnectionType.SERVER)
        try:
            connection.receive_data(request_bytes)
            request = next((e for e in connection.events() if isinstance(e, Request)), None)
        except RemoteProtocolError as exc:
            raise HandshakeError(str(exc)) from None
        if request is None:
            raise HandshakeError("not a WebSocket handshake")
        sock.settimeout(None)  # a tab may stay quiet for hours; a read timeout would drop it
        sock.sendall(connection.send(AcceptConnection()))
        return LiveClient(connection, sock)

    def run(self, client: LiveClient, rfile: BinaryIO, hello: dict) -> None:
        """Serve one tab until it closes: greet it, then keep it on the list for broadcasts."""
        with self._lock:
            self._clients.add(client)
        try:
            if client.send(hello):
                client.read_until_closed(rfile)
        finally:
            with self._lock:
                self._clients.discard(client)

    def broadcast(self, message: dict) -> int:
        """Send to every tab; returns how many got it."""
        with self._lock:
            clients = list(self._clients)
        delivered = 0
        for client in clients:
            if client.send(message):
                delivered += 1
            else:
                client.close()
        return delivered

    def close_all(self) -> None:
        with self._lock:
            clients = list(self._clients)
        for client in clients:
            client.close()
