"""Real local HTTP servers for the hub tests: boards that callboard built, and servers that fail.

Each server listens on 127.0.0.1 at a free port (port 0), in a thread of this process, and
answers each path with a `Route`: a folder served as a static host would, fixed bytes, or a
misbehaviour (a wait, a trickle, an error status, a redirect loop, an endless answer). Every
request is logged, so a test can see that an unchanged file was asked for conditionally.
"""

from __future__ import annotations

import email.utils
import http.server
import json
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

Handler = http.server.BaseHTTPRequestHandler


@dataclass
class Server:
    """One local server; `routes` maps a path prefix to what answers it (longest prefix wins)."""

    routes: dict[str, Callable[[Handler], None]] = field(default_factory=dict)
    log: list[tuple[str, int, str]] = field(default_factory=list)
    """(path, status, the If-Modified-Since or If-None-Match it was sent) of every request."""
    httpd: http.server.ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def route(self, path: str) -> Callable[[Handler], None] | None:
        matches = [prefix for prefix in self.routes if path.startswith(prefix)]
        return self.routes[max(matches, key=len)] if matches else None


def start(server: Server) -> Server:
    class RouteHandler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            answer = server.route(self.path)
            asked = self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since") or ""
            if answer is None:
                send(self, 404, b"not here", "text/plain")
            else:
                try:
                    answer(self)
                except (BrokenPipeError, ConnectionResetError):
                    pass
            server.log.append((self.path, getattr(self, "sent_status", 0), asked))

        def send_response(self, code, message=None):
            self.sent_status = code
            super().send_response(code, message)

        def log_message(self, *args):
            pass

    server.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RouteHandler)
    server.httpd.daemon_threads = True
    threading.Thread(target=server.httpd.serve_forever, daemon=True).start()
    return server


def send(handler: Handler, status: int, body: bytes, media_type: str = "application/json",
         headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", media_type)
    handler.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(body)


def folder(root: Path, prefix: str) -> Callable[[Handler], None]:
    """Files under `root` at `prefix`, with Last-Modified and 304s as a static host gives them."""
    def answer(handler: Handler) -> None:
        relative = handler.path.split("?")[0].removeprefix(prefix)
        path = root / (relative + "index.html" if relative.endswith("/") or not relative else relative)
        if not path.is_file() or not path.resolve().is_relative_to(root.resolve()):
            send(handler, 404, b"not here", "text/plain")
            return
        modified = email.utils.formatdate(int(path.stat().st_mtime), usegmt=True)
        if handler.headers.get("If-Modified-Since") == modified:
            handler.send_response(304)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        media_type = "application/json" if path.suffix == ".json" else "text/html; charset=utf-8"
        send(handler, 200, path.read_bytes(), media_type, {"Last-Modified": modified})
    return answer


def fixed(body: bytes | dict, media_type: str = "application/json", status: int = 200) -> Callable[[Handler], None]:
    data = json.dumps(body).encode("utf-8") if isinstance(body, dict) else body
    return lambda handler: send(handler, status, data, media_type)


def wait(seconds: float) -> Callable[[Handler], None]:
    def answer(handler: Handler) -> None:
        time.sleep(seconds)
        send(handler, 200, b"{}")
    return answer


def trickle(seconds_between: float, chunks: int) -> Callable[[Handler], None]:
    """A byte at a time, each soon enough for a read timeout, all of them far too late."""
    def answer(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(chunks))
        handler.end_headers()
        for _ in range(chunks):
            handler.wfile.write(b" ")
            handler.wfile.flush()
            time.sleep(seconds_between)
    return answer


def redirect_to(location: str) -> Callable[[Handler], None]:
    return lambda handler: send(handler, 302, b"", "text/plain", {"Location": location})


def endless(megabytes: int) -> Callable[[Handler], None]:
    """An answer of `megabytes` MB with no Content-Length: only reading it tells its size."""
    def answer(handler: Handler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Connection", "close")
        handler.end_headers()
        block = b"[" * 65536
        for _ in range(megabytes * 16):
            handler.wfile.write(block)
        handler.close_connection = True
    return answer


def tagged(body: dict, etag: str, gzipped: bool = False) -> Callable[[Handler], None]:
    """JSON with an ETag (and gzip, if asked), and a 304 for a request that names that ETag."""
    import gzip

    data = json.dumps(body).encode("utf-8")
    data = gzip.compress(data, mtime=0) if gzipped else data

    def answer(handler: Handler) -> None:
        if handler.headers.get("If-None-Match") == etag:
            handler.send_response(304)
            handler.send_header("ETag", etag)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        headers = {"ETag": etag, **({"Content-Encoding": "gzip"} if gzipped else {})}
        send(handler, 200, data, "application/json; charset=utf-8", headers)
    return answer


def gzip_bomb(megabytes: int) -> Callable[[Handler], None]:
    """A small gzip answer that unpacks to `megabytes` MB."""
    import gzip

    data = gzip.compress(b" " * (megabytes * 1024 * 1024), mtime=0)
    return lambda handler: send(handler, 200, data, "application/json", {"Content-Encoding": "gzip"})
