"""Fixtures shared by every test; the helpers they use live in tests/support/."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from callboard.cli import main
from tests.support.boards import BOARD_TOML, FIXTURES, NOW, REPO, CliResult, init_board
from tests.support.messages import as_text


@pytest.fixture
def make_board(tmp_path):
    """Write a board from a dict of path -> text (Hugo-style inline fixtures) and return its root."""

    def make(files: dict[str, str | bytes], config: str = BOARD_TOML, name: str = "board") -> Path:
        root = tmp_path / name
        (root / "content" / "needs").mkdir(parents=True)
        (root / "callboard.toml").write_text(config, encoding="utf-8")
        for path, text in files.items():
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(text, encoding="utf-8")
        return root

    return make


@pytest.fixture
def fixture_board(tmp_path) -> Path:
    """A private copy of tests/fixtures/board, safe to change and build into."""
    root = tmp_path / "fixture-board"
    shutil.copytree(FIXTURES / "board", root, ignore=shutil.ignore_patterns(".callboard-cache"))
    return root


@pytest.fixture(scope="session")
def built_board(tmp_path_factory) -> tuple[Path, Path]:
    """The fixture board built once for the session (with its search index): (board, site).
    Read it, never change it; tests that change things build their own."""
    root = tmp_path_factory.mktemp("built") / "board"
    shutil.copytree(FIXTURES / "board", root, ignore=shutil.ignore_patterns(".callboard-cache"))
    out = root.parent / "site"
    assert main(["build", "--root", str(root), "--out", str(out), "--now", NOW, "-q"]) == 0
    return root, out


@pytest.fixture(scope="session")
def built_site(built_board) -> Path:
    return built_board[1]


@pytest.fixture
def cli(capsys):
    """Run `callboard` in-process and capture what it prints."""

    def run(*args: str | Path) -> CliResult:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


# --- Browser tests -------------------------------------------------------------------------
# Debian's Chromium driven by Playwright. On a laptop without Chromium the browser tests skip
# with one line; with CI=true a missing browser is a failure, so CI always runs them.

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


# Pages carry a strict Content-Security-Policy. Tests that inject scripts of their own (axe,
# colour checks) or wait on string predicates (which Playwright evaluates with eval) open their
# contexts with bypass_csp=True; tests/test_browser_csp.py loads every page with it enforced.
@pytest.fixture(scope="session")
def browser():
    import os

    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but {CHROMIUM} is missing: .ci/run must install Debian's chromium")
        pytest.skip(f"browser tests need {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def serve_folder():
    """Serve a folder over HTTP on 127.0.0.1 (a free port) for the rest of the session."""
    import functools
    import http.server
    import threading

    servers = []

    def serve(folder: Path, headers: tuple[tuple[str, str], ...] = ()) -> str:
        """`headers` go on every response, as a host's configuration would put them."""

        class QuietHandler(http.server.SimpleHTTPRequestHandler):
            def end_headers(self):
                for name, value in headers:
                    self.send_header(name, value)
                super().end_headers()

            def log_message(self, *args):
                pass

        handler = functools.partial(QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()


@dataclass(frozen=True)
class BuiltSite:
    """A board built once for the whole session and served on 127.0.0.1."""

    name: str
    folder: Path
    url: str
    pages: list


@pytest.fixture(scope="session")
def built_sites(tmp_path_factory, serve_folder) -> dict[str, BuiltSite]:
    """The example board; the fixture board grown into a full test board in Swedish and in
    English (every page type, a need in every status, a second page of needs, rich markup); and
    a board as `callboard init` makes it, in Swedish ("init") and in English ("init-en")."""
    from datetime import date

    from tests.support.a11y import RICH_PAGE, SCREENS, page_types, write_test_board
    from callboard.build.pipeline import RunOptions, build

    shutil.rmtree(SCREENS, ignore_errors=True)  # only this run's screenshots, none left from older ones
    folder = tmp_path_factory.mktemp("browser-sites")
    boards = {"example": (REPO, ())}
    for lang in ("sv", "en"):
        write_test_board(folder / f"board-{lang}", FIXTURES / "board", lang)
        boards[lang] = (folder / f"board-{lang}", (RICH_PAGE,))
    boards["init"] = (init_board(folder / "board-init", "sv"), ())
    boards["init-en"] = (init_board(folder / "board-init-en", "en"), ())
    sites = {}
    for name, (root, extra) in boards.items():
        out = folder / f"site-{name}"
        result = build(RunOptions(root=root, now=date.fromisoformat(NOW)), out)
        assert result.ok, [as_text(d) for d in result.diagnostics.items]
        sites[name] = BuiltSite(name, out, serve_at_base_path(out, result.config.base_path, serve_folder),
                                page_types(result.board, out, extra))
    return sites


def serve_at_base_path(out: Path, base_path: str, serve_folder) -> str:
    """The site's URL, served under its base path (`/board/` for https://org.github.io/board/),
    so that its root-relative links, its stylesheet above all, work as they will when published."""
    if base_path == "/":
        return serve_folder(out)
    root = out.with_name(out.name + "-root")
    (root / base_path.strip("/")).parent.mkdir(parents=True, exist_ok=True)
    (root / base_path.strip("/")).symlink_to(out, target_is_directory=True)
    return serve_folder(root) + base_path.lstrip("/")


@pytest.fixture(scope="session")
def axe_url(serve_folder) -> str:
    """axe-core served on 127.0.0.1, for pages to load as a script."""
    from tests.support.a11y import AXE_JS, require

    script = require(AXE_JS, "run `npm ci --ignore-scripts` in the repository")
    return serve_folder(script.parent) + script.name


# --- The dev server in a subprocess ---------------------------------------------------------

class DevServerProcess:
    """`callboard serve` as an editor runs it: a real process on a free port, its terminal
    output collected line by line so that tests can wait (bounded) for what it prints."""

    def __init__(self, root: Path, tmpdir: Path, *args: str, env: dict[str, str] | None = None):
        import os
        import subprocess
        import sys
        import threading

        tmpdir.mkdir(parents=True, exist_ok=True)
        self.tmpdir = tmpdir
        env = {**(env or os.environ), "TMPDIR": str(tmpdir), "PYTHONUNBUFFERED": "1"}
        command = [sys.executable, "-c", "from callboard.cli import run; run()",
                   "serve", "--root", str(root), "--port", "0", *args]
        # On Windows a console's Ctrl-C cannot be sent to one process: it gets a group of its own
        # and Ctrl-Break, which callboard serve takes as Ctrl-C.
        group = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if sys.platform == "win32" else {}
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                        text=True, encoding="utf-8", env=env, **group)
        self.lines: list[str] = []
        self.errors: list[str] = []
        self._changed = threading.Condition()
        for stream, sink in ((self.process.stdout, self.lines), (self.process.stderr, self.errors)):
            threading.Thread(target=self._collect, args=(stream, sink), daemon=True).start()
        match = self.wait_for(r"(?:Serving|Visar) .* (?:at|på) (http://127\.0\.0\.1:\d+/)", timeout=30)
        self.url = match.group(1)
        self.port = int(self.url.rsplit(":", 1)[1].strip("/"))

    def _collect(self, stream, sink) -> None:
        for line in stream:
            with self._changed:
                sink.append(line.rstrip("\n"))
                self._changed.notify_all()

    def wait_for(self, pattern: str, timeout: float = 15, after: int = 0):
        """The first match of `pattern` in a line printed after the first `after` lines."""
        import re
        import time

        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                for line in self.lines[after:]:
                    if match := re.search(pattern, line):
                        return match
                remaining = deadline - time.monotonic()
                ended = remaining > 0 and not self._changed.wait(min(remaining, 0.5)) and self.process.poll() is not None
                if remaining <= 0 or ended:
                    raise AssertionError(f"no line matching {pattern!r} within {timeout} s; printed:\n"
                                         + "\n".join(self.lines + self.errors))

    def stop(self) -> int:
        """Ctrl-C, as an editor stops it."""
        import signal
        import sys

        if self.process.poll() is None:
            self.process.send_signal(signal.CTRL_BREAK_EVENT if sys.platform == "win32" else signal.SIGINT)
        code = self.process.wait(timeout=15)
        return code


@pytest.fixture
def dev_server(tmp_path):
    """Start `callboard serve` on a board; on teardown stop it with Ctrl-C and check that it
    stopped cleanly: exit code 0, no traceback, no temporary folder left behind."""
    servers: list[DevServerProcess] = []

    def start(root: Path, *args: str, env: dict[str, str] | None = None) -> DevServerProcess:
        server = DevServerProcess(root, tmp_path / f"tmp{len(servers)}", *args, env=env)
        servers.append(server)
        return server

    yield start
    for server in servers:
        code = server.stop()
        assert code == 0, server.errors
        assert not any("Traceback" in line for line in server.errors), "\n".join(server.errors)
        assert not list(server.tmpdir.glob("callboard-serve-*")), "the temporary build folder was left behind"


def pytest_collection_modifyitems(items) -> None:
    """A test that drives Chromium is a browser test wherever it lives: `-m "not browser"`
    runs the rest in a fraction of the time."""
    for item in items:
        if "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
