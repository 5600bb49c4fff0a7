"""The dev server's HTTP side: the built site, the live-reload endpoints, and nothing else.

Files are served only from inside the build folder: a request target is decoded once, and any
`.` or `..` segment (however it was encoded), backslash or NUL byte is refused before the file
system is asked; the resolved path must still lie inside the folder (no symbolic link out).
A segment longer than a file name can be gets a 404 before the file system is asked, and any
error of the file system while looking a path up is a 404 too, never a dropped connection.
Requests for host names other than the server's own are refused (no DNS rebinding; see hosts).
"""

from __future__ import annotations

import mimetypes
import socket
import sys
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

from callboard.content.permalinks import NOT_FOUND
from callboard.dev.hosts import host_name, origin_allowed
from callboard.dev.livereload import HandshakeError, LiveChannel
from callboard.core.diagnostics import Message, say

DEV_PREFIX = "/_callboard/"
MAX_SEGMENT_BYTES = 255
"""The longest file name most file systems take (NAME_MAX)."""
LOGGED_PATH_CHARS = 80
_PLAIN_TEXT = "text/plain; charset=utf-8"
_TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


class DevSite(Protocol):
    """What the handler needs from the dev server."""

    site_dir: Path
    channel: LiveChannel
    allowed_hosts: frozenset[str]

    def has_build(self) -> bool: ...
    def await_page(self, names: frozenset[str]) -> None: ...
    def asset(self, name: str) -> bytes | None: ...
    def error_page(self) -> bytes: ...
    def hello(self) -> dict: ...
    def write(self, message: Message) -> str: ...


class DevHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_port = False

    def __init__(self, address: tuple[str, int], dev: DevSite):
        if ":" in address[0]:
            self.address_family = socket.AF_INET6
        self.dev = dev
        super().__init__(address, DevRequestHandler)

    def handle_error(self, request, client_address) -> None:
        """A tab that went away mid-answer is normal; anything else is one line, not a traceback."""
        error = sys.exc_info()[1]
        if not isinstance(error, (ConnectionError, TimeoutError)):
            reason = f"{type(error).__name__}: {shortened(str(error), 200)}"
            log(self.dev.write(say("dev_request_failed", reason=reason)))


def log(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def shortened(text: str, limit: int = LOGGED_PATH_CHARS) -> str:
    """`text` fit for a terminal: control characters escaped (a request path must not move the
    cursor or recolour the terminal) and cut after `limit` characters, with its full size."""
    shown = "".join(char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
                    for char in text[:limit])
    return shown if len(text) <= limit else f"{shown}…({len(text.encode('utf-8', 'replace'))} bytes)"


def request_path(target: str) -> str:
    """The path of a request target: origin form (`/a?b`) or absolute form (`http://h/a`)."""
    if target.startswith("/"):
        return target.split("?", 1)[0].split("#", 1)[0]
    return urlsplit(target).path or "/"


def path_segments(target: str) -> list[str]:
    """The decoded, non-empty segments of a request target's path, as the file system gets them."""
    return [part for part in unquote(request_path(target), errors="replace").split("/") if part]


def has_overlong_segment(target: str) -> bool:
    """True when a segment is longer than any file name: no file can match, so no need to ask."""
    return any(len(part.encode("utf-8")) > MAX_SEGMENT_BYTES for part in path_segments(target))


def resolve_request_path(site_dir: Path, target: str) -> Path | None:
    """The file or folder a request names inside the site, or None when it could leave it."""
    parts = path_segments(target)
    if any("\x00" in part or "\\" in part or part in (".", "..") for part in parts) or has_overlong_segment(target):
        return None
    root = site_dir.resolve()
    candidate = root.joinpath(*parts)
    try:
        inside = candidate.resolve().is_relative_to(root)
    except (OSError, RuntimeError):
        return None
    return candidate if inside else None


def site_names(target: str) -> frozenset[str]:
    """The site paths a request target may name: a file, or a folder's `index.html`."""
    name = "/".join(path_segments(target))
    return frozenset({name, f"{name}/index.html" if name else "index.html"})


@dataclass(frozen=True)
class Found:
    """What a request names in the site: a file to send, or a folder to redirect to."""

    path: Path
    is_folder: bool = False


def find_in_site(site_dir: Path, target: str) -> Found | None:
    """The file a request names (`index.html` for a folder named with its slash), or the folder
    named without it; None when there is none. An error of the file system while looking (a
    path too long, no permission) means there is none: it must not cost the connection."""
    try:
        path = resolve_request_path(site_dir, target)
        if path is not None and path.is_dir():
            if not request_path(target).endswith("/"):
                return Found(path, is_folder=True)
            path = path / "index.html"
        return Found(path) if path is not None and path.is_file() else None
    except OSError:
        return None


def content_type(path: Path) -> str:
    guessed = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return guessed + "; charset=utf-8" if guessed.startswith(_TEXT_TYPES) else guessed


class DevRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "callboard-serve"
    timeout = 30
    """Idle keep-alive connections give their thread back after this long."""
    server: DevHTTPServer

    def do_GET(self) -> None:
        self.respond(send_body=True)

    def do_HEAD(self) -> None:
        self.respond(send_body=False)

    def log_message(self, format: str, *args) -> None:
        """Quiet: the terminal shows rebuilds and problems, not every request."""

    def respond(self, send_body: bool) -> None:
        dev = self.server.dev
        refusal = self.host_refusal()
        if refusal is not None:
            return self.send_text(refusal[0], refusal[1], send_body)
        path = request_path(self.path)
        if has_overlong_segment(path):
            log(dev.write(say("dev_overlong_path", limit=MAX_SEGMENT_BYTES, path=shortened(path))))
            return self.send_text(HTTPStatus.NOT_FOUND, say("dev_not_found"), send_body)
        if path.startswith(DEV_PREFIX):
            return self.respond_dev(path[len(DEV_PREFIX):], send_body)
        if not dev.has_build():
            return self.send_bytes(HTTPStatus.INTERNAL_SERVER_ERROR, dev.error_page(), "text/html; charset=utf-8", send_body)
        dev.await_page(site_names(self.path))
        found = find_in_site(dev.site_dir, self.path)
        if found is not None and found.is_folder:
            return self.redirect_to_folder(found.path, dev.site_dir)
        if found is not None and self.send_file(HTTPStatus.OK, found.path, send_body):
            return None
        self.send_not_found(send_body)

    def host_refusal(self) -> tuple[HTTPStatus, Message] | None:
        """Why the Host header rules this request out, or None. HTTP/1.1 requires exactly one
        Host header (RFC 9112, 3.2); HTTP/1.0 may leave it out, and no browser does."""
        hosts = self.headers.get_all("Host") or []
        if len(hosts) > 1 or (not hosts and self.request_version != "HTTP/1.0"):
            return HTTPStatus.BAD_REQUEST, say("dev_refused_missing_host")
        if hosts and host_name(hosts[0]) not in self.server.dev.allowed_hosts:
            return HTTPStatus.FORBIDDEN, say("dev_refused_unknown_host")
        return None

    def respond_dev(self, name: str, send_body: bool) -> None:
        dev = self.server.dev
        if name == "live":
            return self.upgrade_to_live_reload()
        data = dev.asset(name)
        if data is None:
            return self.send_text(HTTPStatus.NOT_FOUND, say("dev_not_found"), send_body)
        self.send_bytes(HTTPStatus.OK, data, content_type(Path(name)), send_body)

    def upgrade_to_live_reload(self) -> None:
        dev = self.server.dev
        self.close_connection = True
        if not origin_allowed(self.headers.get("Origin"), self.headers.get("Host"), dev.allowed_hosts):
            return self.send_text(HTTPStatus.FORBIDDEN, say("dev_refused_unknown_origin"), True)
        raw = self.requestline + "\r\n" + "".join(f"{k}: {v}\r\n" for k, v in self.headers.items()) + "\r\n"
        try:
            client = dev.channel.accept(raw.encode("latin-1"), self.connection)
        except HandshakeError:
            return self.send_text(HTTPStatus.BAD_REQUEST, say("dev_refused_not_websocket"), True)
        dev.channel.run(client, self.rfile, dev.hello())

    def redirect_to_folder(self, folder: Path, site_dir: Path) -> None:
        """`/needs` -> `/needs/`, built from the resolved folder, never from the raw target
        (`//evil.example/` must not become an off-site redirect)."""
        relative = folder.relative_to(site_dir.resolve()).as_posix()
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", "/" + (relative + "/" if relative != "." else ""))
        self.send_header("Content-Length", "0")
        self.end_headers()

    def send_not_found(self, send_body: bool) -> None:
        page = self.server.dev.site_dir / NOT_FOUND
        if not (page.is_file() and self.send_file(HTTPStatus.NOT_FOUND, page, send_body)):
            self.send_text(HTTPStatus.NOT_FOUND, say("dev_not_found"), send_body)

    def send_file(self, status: HTTPStatus, path: Path, send_body: bool) -> bool:
        try:
            data = path.read_bytes()
        except OSError:  # swapped away by a rebuild between the check and the read
            return False
        self.send_bytes(status, data, content_type(path), send_body)
        return True

    def send_text(self, status: HTTPStatus, message: Message, send_body: bool) -> None:
        """A short answer in the board's language."""
        self.send_bytes(status, self.server.dev.write(message).encode("utf-8"), _PLAIN_TEXT, send_body)

    def send_bytes(self, status: HTTPStatus, data: bytes, kind: str, send_body: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if send_body:
            self.wfile.write(data)
