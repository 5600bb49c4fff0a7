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
from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import TextIO

from callboard.build import pipeline
from callboard.build.cache import MemoryCache
from callboard.build.quick import Shown, note_quick_pages, quick_pages
from callboard.build.write import write_file
from callboard.config import CONFIG_FILE, board_translator, now_in
from callboard.core.diagnostics import Diagnostic, Diagnostics, Message, format_diagnostics, say, say_n
from callboard.dev.hosts import ALL_INTERFACES, allowed_hosts, display_order, is_loopback
from callboard.dev.http import DEV_PREFIX, DevHTTPServer
from callboard.dev.livereload import LiveChannel
from callboard.dev.redact import PathRedactor, ShownProblem, root_entries
from callboard.dev.watch import BoardWatcher, Debouncer
from callboard.i18n import FIRST_LANGUAGE, Translator

EXIT_OK, EXIT_USAGE = 0, 2
ASSETS = ("livereload.js", "overlay.css")
PENDING_WAIT = 30.0
"""Seconds a request for a page waits for the rebuild of a change already seen, at most."""


@dataclass(frozen=True)
class ServeOptions:
    root: Path
    host: str = "127.0.0.1"
    port: int = 8000
    drafts: bool = False
    now: date | datetime | None = None
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
    translator: Translator = field(default_factory=lambda: Translator(FIRST_LANGUAGE))
    """The board's language and own wording, in which the terminal and the browser are told."""
    title: str = ""

    @property
    def lang(self) -> str:
        return self.translator.lang


def live_reload_head(server: str) -> str:
    """The same for every build of one server, so that a rebuild re-renders only changed pages."""
    return (f'<link rel="stylesheet" href="{DEV_PREFIX}overlay.css">\n'
            f'<script src="{DEV_PREFIX}livereload.js?server={server}" defer></script>')


def display_host(host: str) -> str:
    if host in ALL_INTERFACES:
        return "127.0.0.1"
    return f"[{host}]" if ":" in host else host


def describe_changes(paths: list[str]) -> Message:
    if len(paths) == 1:
        return say("dev_file_changed", path=paths[0])
    return say_n("dev_files_changed", "dev_files_changed_plural", len(paths) - 1, path=paths[0])


class DevServer:
    """Builds the board and holds what the HTTP handler serves; one instance per `serve`."""

    def __init__(self, options: ServeOptions, workdir: Path, url: str, stream: TextIO):
        self.options = options
        self.site_dir = workdir / "site"
        self.url = url
        self.stream = stream
        self.channel = LiveChannel()
        self.allowed_hosts = allowed_hosts(options.host, options.allow_hosts)
        self.state = BuildState(translator=board_translator(options.root))
        self.server_id = secrets.token_hex(4)
        """Tells a tab that the server was restarted (and its page may be out of date)."""
        self._cache = MemoryCache()
        self.debouncer = Debouncer(self.rebuild)
        """Turns the watcher's changes into rebuilds, and tells a request whether one is due."""
        self._shown: Shown | None = None
        """The last good build's board and renderer, for the page first; None after a failed one."""
        self._ready: frozenset[str] = frozenset()
        """Pages the page first has written for the changes being handled: up to date already."""
        self._shown_warnings: tuple[Diagnostic, ...] = ()
        self._sources_fetched = False
        """A hub's sources are fetched by the first build and after a change of callboard.toml;
        other saves build from the copies, so that a slow or dead source never holds up a save."""
        self._redactor = PathRedactor(options.root, root_entries(), home_folder())
        assets = resources.files("callboard.dev") / "assets"
        self._assets = {name: (assets / name).read_bytes() for name in ASSETS}

    # --- what the HTTP handler asks --------------------------------------------------------

    def has_build(self) -> bool:
        return bool(self.state.swapped_at)

    def asset(self, name: str) -> bytes | None:
        return self._assets.get(name)

    def await_page(self, names: frozenset[str]) -> None:
        """A request for a page waits while a change already seen is being built, so that it
        never gets the page as it was before the save, unless the page first wrote it already."""
        self.debouncer.wait_until_handled(lambda: bool(names & self._ready), PENDING_WAIT)

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
        t = state.translator
        return {"lang": state.lang, "title": t("dev_problems_title"), "hint": t("dev_problems_hint"),
                "close": t("dev_close"),
                "items": [{"where": d.where, "severity": d.severity, "label": d.label, "message": d.message}
                          for d in self.shown_problems(state)]}

    def shown_problems(self, state: BuildState) -> list[ShownProblem]:
        """The problems as the browser gets them, in the board's language and without an absolute
        path (the terminal has them whole)."""
        return [self._redactor.diagnostic(problem, state.translator.message) for problem in state.problems]

    def error_page(self) -> bytes:
        """The page for every path while there is no good build: the problems, and the live-reload
        script that swaps in the board once they are fixed. Escaped: messages quote content."""
        state = self.state
        t = state.translator
        title, hint = html.escape(t("dev_problems_title")), html.escape(t("dev_first_build_hint"))
        items = "\n".join(f'<li class="callboard-overlay__item"><code class="callboard-overlay__where">'
                          f'{html.escape(d.where)}</code>: '
                          f'{html.escape(d.label)}: {html.escape(d.message)}</li>'
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

    def write(self, message: Message) -> str:
        """A message in the board's language (as of the latest build)."""
        return self.state.translator.message(message)

    def announce(self, message: Message) -> None:
        print(self.write(message), file=self.stream, flush=True)

    def print_problems(self, problems: tuple[Diagnostic, ...]) -> None:
        print(format_diagnostics(problems, self.write), file=self.stream, flush=True)

    def warn_if_reachable(self, port: int) -> None:
        """Beyond loopback, anyone on the network can read the preview: say so, and for which names."""
        if is_loopback(self.options.host):
            return
        host = self.options.host or '""'
        self.announce(say("dev_network_warning_drafts", host=host, port=port) if self.options.drafts
                      else say("dev_network_warning", host=host, port=port))
        self.announce(say("dev_answered_hosts", names=", ".join(display_order(self.allowed_hosts))))

    def build(self, changed: tuple[str, ...] = ()) -> tuple[bool, float, int]:
        """One build attempt: (succeeded, seconds, files written). Never raises for bad input."""
        started = time.perf_counter()
        offline = self._sources_fetched and CONFIG_FILE not in changed
        options = pipeline.RunOptions(root=self.options.root, now=self.options.now, drafts=self.options.drafts,
                                      base_url=self.url, use_cache=False, offline=offline)
        self._sources_fetched = True
        try:
            result = pipeline.build(options, self.site_dir, live_reload_head(self.server_id), cache=self._cache)
            diagnostics, title, ok = result.diagnostics, result.config.title, result.ok
            translator = result.config.translator()
            written = 0 if result.unchanged else result.files_written
            if not ok:
                self._shown = None
            elif result.board is not None and result.renderer is not None:
                self._shown = Shown.of(result.board, result.renderer)
        except Exception as exc:  # a bug or a broken file system must not stop the preview
            self._shown = None
            diagnostics, translator, title, ok, written = Diagnostics(), self.state.translator, self.state.title, False, 0
            reason = f"{type(exc).__name__}: {exc}"
            diagnostics.error(self.options.root.name, 0, say("dev_build_failed", reason=reason))
        problems = tuple(diagnostics.sorted())
        if ok:
            swapped = time.time_ns() // 1_000_000 if written or not self.has_build() else self.state.swapped_at
            self.state = BuildState(swapped, (), translator, title)
            self._print_new_warnings(problems)
        else:
            self.state = BuildState(self.state.swapped_at, problems, translator, title or self.state.title)
        return ok, time.perf_counter() - started, written

    def first_build(self) -> None:
        ok, seconds, written = self.build()
        if ok:
            self.warm_up()
            self.announce(say_n("dev_built", "dev_built_plural", written, seconds=self.seconds(seconds)))
        else:
            self.announce(say("dev_first_build_failed", errors=self._count(self.state.problems)))
            self.print_problems(self.state.problems)

    def page_first(self, changed: list[str]) -> dict[str, bytes]:
        """The own page of each edited item, written into the served folder before the whole
        build when `build/quick.py` can make it, and every tab told to reload; returns what those
        files held before (for `put_back`), empty when the whole build must do it all."""
        if self._shown is None or self.state.problems:
            return {}
        try:
            pages = quick_pages(self._shown, changed, self.today(self._shown)) or {}
            before = {path: (self.site_dir / path).read_bytes() for path in pages}
        except Exception:  # the whole build, which follows, reports any problem
            return {}
        pages = {path: data for path, data in pages.items() if data != before[path]}
        if not pages:
            return {}
        note_quick_pages(self._cache, {path: write_file(self.site_dir, path, data) for path, data in pages.items()})
        self._ready = frozenset(pages)
        self.debouncer.wake()
        self.channel.broadcast(self.rebuilt(reload=True))
        return {path: before[path] for path in pages}

    def warm_up(self) -> None:
        """Draw a need's, a testbed's and a case story's page once, unwritten: the build drew its
        pages in workers, and compiling the templates and starting the Markdown parser in this
        process would otherwise make the first save's page first seconds slower than the next."""
        if self._shown is None:
            return
        board = self._shown.board
        firsts = [items[0].source for items in (board.needs, board.testbeds, board.cases) if items]
        try:
            quick_pages(self._shown, firsts, self.today(self._shown))
        except Exception:  # only a head start: the page first copes without it
            pass

    def put_back(self, before: dict[str, bytes]) -> None:
        """The build after the page first failed: the last good build is what is served, whole."""
        note_quick_pages(self._cache, {path: write_file(self.site_dir, path, data) for path, data in before.items()})

    def today(self, shown: Shown) -> date:
        now = self.options.now or now_in(shown.board.config.timezone)
        return now.date() if isinstance(now, datetime) else now

    def rebuild(self, changed: list[str]) -> None:
        before = self.page_first(changed)
        ok, seconds, written = self.build(tuple(changed))
        if before and not ok:
            self.put_back(before)
        self._ready = frozenset()
        stamp = time.strftime("%H:%M:%S")
        if ok:
            files = say_n("n_files_written", "n_files_written_plural", written) if written else say("dev_no_page_changed")
            self.announce(say("dev_rebuilt", time=stamp, changed=describe_changes(changed),
                              seconds=self.seconds(seconds), files=files))
        else:
            errors = self._count(self.state.problems)
            self.announce(say("dev_rebuild_failed_keeping", time=stamp, changed=describe_changes(changed), errors=errors)
                          if self.has_build() else
                          say("dev_rebuild_failed_nothing", time=stamp, changed=describe_changes(changed), errors=errors))
            self.print_problems(self.state.problems)
        self.channel.broadcast(self.rebuilt(reload=(ok and written > 0) or bool(before and not ok)))

    def _print_new_warnings(self, problems: tuple[Diagnostic, ...]) -> None:
        """Warnings are printed when they change, not again after every save."""
        if problems and problems != self._shown_warnings:
            self.print_problems(problems)
        self._shown_warnings = problems

    def seconds(self, seconds: float) -> str:
        return self.state.translator.decimal(seconds, 2)

    @staticmethod
    def _count(problems: tuple[Diagnostic, ...]) -> Message:
        errors = sum(1 for d in problems if d.severity.value == "error")
        return say_n("n_errors", "n_errors_plural", errors)


def listen_error(exc: OSError, options: ServeOptions) -> Message:
    if exc.errno == errno.EADDRINUSE:
        problem = say("dev_port_in_use", port=options.port, next=options.port + 1)
    elif exc.errno == errno.EACCES:
        problem = say("dev_port_not_allowed", port=options.port)
    else:
        problem = say("dev_cannot_listen", host=options.host, port=options.port, reason=str(exc.strerror))
    return say("cli_error", message=problem)


def home_folder() -> Path | None:
    try:
        return Path.home()
    except (RuntimeError, KeyError):
        return None


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


_STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGBREAK") if hasattr(signal, name))
"""Besides Ctrl-C: SIGTERM, and on Windows Ctrl-Break (what a console sends a process group)."""


def serve(options: ServeOptions, stream: TextIO = sys.stdout) -> int:
    """Run the dev server until Ctrl-C (or SIGTERM, or Ctrl-Break on Windows); always removes its temporary folder."""
    logging.getLogger("watchdog").addHandler(logging.NullHandler())  # its shutdown chatter is no news
    try:
        httpd = DevHTTPServer((options.host, options.port), None)
    except OSError as exc:
        print(board_translator(options.root).message(listen_error(exc, options)), file=sys.stderr)
        return EXIT_USAGE
    url = f"http://{display_host(options.host)}:{httpd.server_address[1]}/"
    workdir = Path(tempfile.mkdtemp(prefix="callboard-serve-"))
    dev = DevServer(options, workdir, url, stream)
    httpd.dev = dev
    dev.warn_if_reachable(httpd.server_address[1])
    previous = {number: signal.signal(number, _interrupt) for number in _STOP_SIGNALS}
    debouncer = dev.debouncer
    watcher = BoardWatcher(options.root, debouncer.add, ignored=[workdir], on_moved_away=debouncer.moved_away)
    try:
        watcher.start()
        dev.first_build()
        debouncer.start()
        dev.announce(say("dev_serving", title=dev.state.title, url=url) if dev.state.title
                     else say("dev_serving_untitled", url=url))
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
        for number, handler in previous.items():
            signal.signal(number, handler)
        signal.signal(signal.SIGINT, signal.default_int_handler)
    dev.announce(say("dev_stopped"))
    return EXIT_OK
