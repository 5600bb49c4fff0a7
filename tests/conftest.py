"""Shared helpers: fixture boards on disk, boards written inline, and running the CLI."""

from __future__ import annotations

import shutil
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from callboard.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
NOW = "2026-11-28"

BOARD_TOML = """\
title = "Testtavlan"
lang = "sv"
base_url = "https://tavla.example.org/"
"""

CONTACT = "contact:\n  name: Anna Andersson\n  email: anna@example.se\n"


def need_file(title: str = "Ett behov", extra: str = "", body: str = "Text.") -> str:
    """A valid need with every required field; `extra` adds or overrides front-matter lines."""
    lines = {
        "title": f"title: {title}",
        "organisation": "organisation: Växjö kommun",
        "summary": "summary: En kort sammanfattning.",
        "published": "published: 2026-10-01",
    }
    extra_lines = [line for line in textwrap.dedent(extra).splitlines() if line.strip()]
    for line in extra_lines:
        key = line.split(":", 1)[0]
        if key in lines and not line.startswith(" "):
            lines[key] = line
            extra_lines = [x for x in extra_lines if x != line]
    front = "\n".join(lines.values()) + "\n" + CONTACT + "".join(x + "\n" for x in extra_lines)
    return f"---\n{front}---\n{body}\n"


@dataclass
class CliResult:
    code: int
    out: str
    err: str


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


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file below `root` with its bytes, for comparing two builds. The search index
    (pagefind/) is left out: Pagefind's own files are not byte-stable between runs (Pagefind
    issue #638), the one exception to the byte-identical promise; test_search.py checks it."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.relative_to(root).parts[0] != "pagefind"}


# --- Browser tests -------------------------------------------------------------------------
# Debian's Chromium driven by Playwright. On a laptop without Chromium the browser tests skip
# with one line; with CI=true a missing browser is a failure, so CI always runs them.

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    def serve(folder: Path) -> str:
        handler = functools.partial(QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield serve
    for server in servers:
        server.shutdown()
