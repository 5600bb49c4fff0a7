"""`callboard serve`: build into a temporary folder, serve it, rebuild and reload on every save.

The preview never touches `site/`: it is built with the same pipeline as `callboard build` into
a folder of its own that is removed on exit. Only serve mode adds the live-reload script (an
external file, so pages stay valid under a strict Content-Security-Policy). A build that fails
leaves the last good build in place; its problems go to the terminal and, through the live
channel, to an overlay in every open tab. Until a first build has succeeded, every page is an
error page that turns into the board by itself once the problem is fixed.

The board may be a pull request under review, and the preview shows drafts with `--drafts`: the
server answers only for its own host names, warns when it listens beyond loopback, and shows
the browser no absolute path (see hosts and redact).
"""

from __future__ import annotations

import errno
import html
import logging
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
import webbrowser
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TextIO

from callboard.build import pipeline
from callboard.build.cache import MemoryCache
from callboard.core.diagnostics import Diagnostic, Diagnostics, format_diagnostics
from callboard.dev.hosts import ALL_INTERFACES, allowed_hosts, display_order, is_loopback
from callboard.dev.http import DEV_PREFIX, DevHTTPServer
from callboard.dev.livereload import LiveChannel
from callboard.dev.redact import PathRedactor, root_entries
from callboard.dev.texts import TEXTS
from callboard.dev.watch import BoardWatcher, Debouncer
from callboard.i18n import Translator

EXIT_OK, EXIT_USAGE = 0, 2
ASSETS = ("livereload.js", "overlay.css")


@dataclass(frozen=True)
class ServeOptions:
    root: Path
    host: str = "127.0.0.1"
    port: int = 8000
    drafts: bool = False
    now: date | None = None
    open_browser: bool = False
    allow_hosts: tuple[str, ...] = ()
    """Host names to answer for beyond the server's own (`--allow-host`)."""


@dataclass(frozen=True)
class BuildState:
    """What the server shows now: the good build (by id) and the problems of the latest attempt."""

    swapped_at: int = 0
    """When the last good build went live (milliseconds since the epoch); 0 until one has."""
    problems: tuple[Diagnostic, ...] = ()
    """Every problem of the latest attempt when it failed; empty when it succeeded."""
    lang: str = "sv"
    title: str = ""


def live_reload_head(server: str) -> str:
    """The same for every build of one server, so that a rebuild re-renders only changed pages."""
    return (f'<link rel="stylesheet" href="{DEV_PREFIX}overlay.css">\n'
            f'<script src="{DEV_PREFIX}livereload.js?server={server}" defer></script>')


def display_host(host: str) -> str:
    if host in ALL_INTERFACES:
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def describe_changes(paths: list[str]) -> str:
    if len(paths) == 1:
        return f"{paths[0]} changed"
    return f"{paths[0]} and {len(paths) - 1} more file{'s' if len(paths) > 2 else ''} changed"


class DevServer:
    """Builds the board and holds what the HTTP handler serves; one instance per `serve`."""

    def __init__(self, options: ServeOptions, workdir: Path, url: str, stream: TextIO):
        self.options = options
        self.site_dir = workdir / "site"
        self.url = url
        self.stream = stream
        self.channel = LiveChannel()
        self.allowed_hosts = allowed_hosts(options.host, options.allow_hosts)
        self.state = BuildState()
        self.server_id = secrets.token_hex(4)
        """Tells a tab that the server was restarted (and its page may be out of date)."""
        self._cache = MemoryCache()
        self._shown_warnings: tuple[Diagnostic, ...] = ()
        self._redactor = PathRedactor(options.root, root_entries(), home_folder())
        assets = resources.files("callboard.dev") / "assets"
        self._assets = {name: (assets / name).read_bytes() for name in ASSETS}

    # --- what the HTTP handler asks --------------------------------------------------------

    def has_build(self) -> bool:
        return bool(self.state.swapped_at)

    def asset(self, name: str) -> bytes | None:
        return self._assets.get(name)

    def hello(self) -> dict:
        """A tab's first message: a page requested before the last swap reloads at once."""
        return {"type": "hello", "server": self.server_id, "swapped": self.state.swapped_at,
                "problems": self.problems_payload(self.state)}

    def rebuilt(self, reload: bool) -> dict:
        return {"type": "rebuilt", "server": self.server_id, "reload": reload,
                "problems": self.problems_payload(self.state)}

    def problems_payload(self, state: BuildState) -> dict | None:
        if not state.problems:
            return None
        t = Translator(state.lang)
        return {"lang": state.lang, "title": t("dev_problems_title"), "hint": t("dev_problems_hint"),
                "close": t("dev_close"),
                "items": [{"where": d.where, "severity": d.severity.value, "message": d.message}
                          for d in self.shown_problems(state)]}

    def shown_problems(self, state: BuildState) -> list[Diagnostic]:
        """The problems as the browser gets them: no absolute path (the terminal has them whole)."""
        return [self._redactor.diagnostic(problem) for problem in state.problems]

    def error_page(self) -> bytes:
        """The page for every path while there is no good build: the problems, and the live-reload
        script that swaps in the board once they are fixed. Escaped: messages quote content."""
        state = self.state
        t = Translator(state.lang)
        title, hint = html.escape(t("dev_problems_title")), html.escape(t("dev_first_build_hint"))
        items = "\n".join(f'<li class="callboard-overlay__item"><code class="callboard-overlay__where">'
                          f'{html.escape(d.where)}</code>: '
                          f'{html.escape(d.severity.value)}: {html.escape(d.message)}</li>'
                          for d in self.shown_problems(state))
        page = f"""<!DOCTYPE html>
<html lang="{state.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>{title}</title>
{live_reload_head(self.server_id)}
</head>
<body data-callboard-error>
<main class="callboard-overlay callboard-overlay--page">
<h1 class="callboard-overlay__title">{title}</h1>
<p class="callboard-overlay__hint">{hint}</p>
<ol class="callboard-overlay__list">
{items}
</ol>
</main>
</body>
</html>
"""
        return page.encode("utf-8")

    # --- building --------------------------------------------------------------------------

    def announce(self, line: str) -> None:
        print(line, file=self.stream, flush=True)

    def warn_if_reachable(self, port: int) -> None:
        """Beyond loopback, anyone on the network can read the preview: say so, and for which names."""
        if is_loopback(self.options.host):
            return
        warning = TEXTS["network_warning_drafts" if self.options.drafts else "network_warning"]
        self.announce(warning.format(host=self.options.host or '""', port=port))
        self.announce(TEXTS["answered_hosts"].format(names=", ".join(display_order(self.allowed_hosts))))

    def build(self) -> tuple[bool, float, int]:
        """One build attempt: (succeeded, seconds, files written). Never raises for bad input."""
        started = time.perf_counter()
        options = pipeline.RunOptions(root=self.options.root, now=self.options.now, drafts=self.options.drafts,
                                      base_url=self.url, use_cache=False)
        try:
            result = pipeline.build(options, self.site_dir, live_reload_head(self.server_id), cache=self._cache)
            diagnostics, lang, title, ok = result.diagnostics, result.config.lang, result.config.title, result.ok
            written = 0 if result.unchanged else result.files_written
        except Exception as exc:  # a bug or a broken file system must not stop the preview
            diagnostics, lang, title, ok, written = Diagnostics(), self.state.lang, self.state.title, False, 0
            diagnostics.error(self.options.root.name, 0, f"the build failed: {type(exc).__name__}: {exc}")
        problems = tuple(diagnostics.sorted())
        if ok:
            swapped = time.time_ns() // 1_000_000 if written or not self.has_build() else self.state.swapped_at
            self.state = BuildState(swapped, (), lang, title)
            self._print_new_warnings(problems)
        else:
            self.state = BuildState(self.state.swapped_at, problems, lang, title or self.state.title)
        return ok, time.perf_counter() - started, written

    def first_build(self) -> None:
        ok, seconds, written = self.build()
        if ok:
            self.announce(f"Built {written} files in {seconds:.2f} s.")
        else:
            self.announce(f"The board has {self._count(self.state.problems)}; fix it and the page updates by itself.")
            self.announce(format_diagnostics(self.state.problems))

    def rebuild(self, changed: list[str]) -> None:
        ok, seconds, written = self.build()
        stamp = time.strftime("%H:%M:%S")
        if ok:
            files = f"{written} file{'s' if written != 1 else ''} written" if written else "no page changed"
            self.announce(f"{stamp} {describe_changes(changed)}: rebuilt in {seconds:.2f} s ({files})")
        else:
            keeping = "still showing the last good build" if self.has_build() else "nothing to show yet"
            self.announce(f"{stamp} {describe_changes(changed)}: {self._count(self.state.problems)}, {keeping}")
            self.announce(format_diagnostics(self.state.problems))
        self.channel.broadcast(self.rebuilt(reload=ok and written > 0))

    def _print_new_warnings(self, problems: tuple[Diagnostic, ...]) -> None:
        """Warnings are printed when they change, not again after every save."""
        if problems and problems != self._shown_warnings:
            self.announce(format_diagnostics(problems))
        self._shown_warnings = problems

    @staticmethod
    def _count(problems: tuple[Diagnostic, ...]) -> str:
        errors = sum(1 for d in problems if d.severity.value == "error")
        return f"{errors} error{'s' if errors != 1 else ''}"


def listen_error(exc: OSError, options: ServeOptions) -> str:
    if exc.errno == errno.EADDRINUSE:
        return (f"callboard: error: port {options.port} is already in use; "
                f"choose another with --port, e.g. --port {options.port + 1}")
    if exc.errno == errno.EACCES:
        return f"callboard: error: not allowed to listen on port {options.port}; choose one above 1024 with --port"
    return f"callboard: error: cannot listen on {options.host}:{options.port} ({exc.strerror}); check --host and --port"


def home_folder() -> Path | None:
    try:
        return Path.home()
    except (RuntimeError, KeyError):
        return None


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


def serve(options: ServeOptions, stream: TextIO = sys.stdout) -> int:
    """Run the dev server until Ctrl-C (or SIGTERM); always removes its temporary folder."""
    logging.getLogger("watchdog").addHandler(logging.NullHandler())  # its shutdown chatter is no news
    try:
        httpd = DevHTTPServer((options.host, options.port), None)
    except OSError as exc:
        print(listen_error(exc, options), file=sys.stderr)
        return EXIT_USAGE
    url = f"http://{display_host(options.host)}:{httpd.server_address[1]}/"
    workdir = Path(tempfile.mkdtemp(prefix="callboard-serve-"))
    dev = DevServer(options, workdir, url, stream)
    httpd.dev = dev
    dev.warn_if_reachable(httpd.server_address[1])
    previous_term = signal.signal(signal.SIGTERM, _interrupt)
    debouncer = Debouncer(dev.rebuild)
    watcher = BoardWatcher(options.root, debouncer.add, ignored=[workdir], on_moved_away=debouncer.moved_away)
    try:
        watcher.start()
        dev.first_build()
        debouncer.start()
        dev.announce(f"Serving {dev.state.title or 'the board'} at {url} (press Ctrl-C to stop)")
        if options.open_browser:
            threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
        httpd.serve_forever(poll_interval=0.25)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl-C must not interrupt the clean-up
        watcher.stop()
        debouncer.stop()
        dev.channel.close_all()
        httpd.server_close()
        shutil.rmtree(workdir, ignore_errors=True)
        signal.signal(signal.SIGTERM, previous_term)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    dev.announce("Stopped.")
    return EXIT_OK
