"""The `callboard` command: parses arguments and calls the pipeline. Nothing else lives here."""

from __future__ import annotations

import argparse
import shlex
import sys
from datetime import date, datetime
from pathlib import Path

from callboard import __version__
from callboard.build.importissue import import_issue
from callboard.build.pipeline import Result, RunOptions, UsageError, build, check
from callboard.build.write import OutputError, default_output
from callboard.config import check_base_url, load_config, today_in
from callboard.content.boardinit import (
    BOARD_TIMEZONE,
    DEFAULT_NAMES,
    INIT_LANGUAGES,
    BoardSettings,
    InitError,
    write_board,
)
from callboard.content.issueform import IssueFormError
from callboard.content.models import Kind
from callboard.content.scaffold import NewItem, ScaffoldError, write_new_item
from callboard.core.diagnostics import Diagnostics, format_diagnostics
from callboard.core.parallel import default_jobs
from callboard.core.progress import StageReporter
from callboard.core.safefiles import SymlinkRefused
from callboard.dev.serve import ServeOptions, serve

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD)") from None


def _moment(text: str) -> date | datetime:
    """A day (YYYY-MM-DD, at 00:00) or a day and time (YYYY-MM-DDTHH:MM or 'YYYY-MM-DD HH:MM')."""
    if len(text.strip()) <= 10:
        return _date(text)
    try:
        return datetime.fromisoformat(text.strip()).replace(tzinfo=None, second=0, microsecond=0)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date (YYYY-MM-DD) or a date and time "
                                         "(YYYY-MM-DDTHH:MM)") from None


def _board_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", type=Path, default=Path("."), help="the board folder (default: here)")
    parser.add_argument("--now", type=_moment, metavar="YYYY-MM-DD[THH:MM]",
                        help="build as if it were this day (at 00:00) or this moment, in the board's time zone "
                             "(default: now)")
    parser.add_argument("--drafts", action="store_true", help="include drafts and items published later")
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="how to print problems: text, or GitHub Actions annotations")
    parser.add_argument("--jobs", "-j", type=int, default=default_jobs(), metavar="N",
                        help="worker processes (default: the number of cores)")
    parser.add_argument("--no-cache", action="store_true",
                        help="ignore and do not update .callboard-cache/ (a clean build)")
    parser.add_argument("--quiet", "-q", action="store_true", help="print only problems")
    parser.add_argument("--verbose", "-v", action="store_true",
                        help="also print the stages of check (build prints them unless --quiet)")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="callboard", description="Build an open innovation call board.")
    parser.add_argument("--version", action="version", version=f"callboard {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build_parser = commands.add_parser("build", help="validate the board and write the site")
    _board_options(build_parser)
    build_parser.add_argument("--out", type=Path, help="output folder (default: site/ in the board)")
    build_parser.add_argument("--base-url", help="absolute URL the site is published at")
    build_parser.add_argument("--no-search", action="store_true", help="do not build the search index")

    check_parser = commands.add_parser("check", help="validate the board without writing anything")
    _board_options(check_parser)

    serve_parser = commands.add_parser("serve", help="preview the board, rebuilt and reloaded on every save")
    serve_parser.add_argument("--root", type=Path, default=Path("."), help="the board folder (default: here)")
    serve_parser.add_argument("--host", default="127.0.0.1",
                              help="address to listen on (default: 127.0.0.1; any other is reachable from the network)")
    serve_parser.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                              help="also answer for this host name (a tunnel's, a container's); repeatable")
    serve_parser.add_argument("--port", type=int, default=8000, help="port to listen on (default: 8000; 0 = any free)")
    serve_parser.add_argument("--drafts", action="store_true", help="show drafts and items published later")
    serve_parser.add_argument("--now", type=_moment, metavar="YYYY-MM-DD[THH:MM]",
                              help="preview as if it were this day or this moment")
    serve_parser.add_argument("--open", action="store_true", help="open the board in the web browser")

    new_parser = commands.add_parser("new", help="write a new need, testbed, case story or innovator to fill in")
    new_parser.add_argument("kind", choices=[kind.value for kind in Kind], help="need, testbed, case or innovator")
    new_parser.add_argument("title", help="the title; the file name is made from it")
    new_parser.add_argument("--organisation", default="", help="the organisation (the host, for a testbed)")
    new_parser.add_argument("--root", type=Path, default=Path("."), help="the board folder (default: here)")
    new_parser.add_argument("--now", type=_date, metavar="YYYY-MM-DD", help="date to fill in (default: today)")

    init_parser = commands.add_parser("init", help="make a new board: settings, examples, workflows for GitHub")
    init_parser.add_argument("folder", type=Path, help="the new board's folder (made if missing)")
    init_parser.add_argument("--title", help="the board's name (asked for in a terminal)")
    init_parser.add_argument("--organisation", help="the organisation that runs it (asked for in a terminal)")
    init_parser.add_argument("--lang", choices=INIT_LANGUAGES, help="language of the board: sv or en (default: sv)")
    init_parser.add_argument("--base-url", help="the address it will be published at, e.g. https://org.github.io/board/")
    init_parser.add_argument("--force", action="store_true",
                             help="add the board's files to a folder that is not empty (never changes a file)")
    init_parser.add_argument("--now", type=_date, metavar="YYYY-MM-DD", help="date for the examples (default: today)")

    import_parser = commands.add_parser("import-issue", help="write an innovator's profile from a GitHub issue "
                                                             "form, if the board passes check with it")
    import_parser.add_argument("body", type=Path, help="a file holding the issue's body ('-' reads standard input)")
    import_parser.add_argument("--root", type=Path, default=Path("."), help="the board folder (default: here)")
    import_parser.add_argument("--now", type=_moment, metavar="YYYY-MM-DD[THH:MM]", help="check as if it were this day")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    if args.command == "init":
        return init_board(args)
    root = args.root.resolve()
    if not root.is_dir():
        print(f"callboard: error: --root {args.root} is not a folder", file=sys.stderr)
        return EXIT_USAGE
    if args.command == "new":
        return new_item(root, args)
    if args.command == "import-issue":
        return import_profile(root, args)
    if args.command == "serve":
        return serve(ServeOptions(root=root, host=args.host, port=args.port, drafts=args.drafts,
                                  now=args.now, open_browser=args.open, allow_hosts=tuple(args.allow_host)))
    if args.jobs < 1:
        print("callboard: error: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    options = RunOptions(root=root, now=args.now, drafts=args.drafts, strict=args.strict,
                         base_url=getattr(args, "base_url", None), jobs=args.jobs, use_cache=not args.no_cache,
                         search=not getattr(args, "no_search", False))
    progress = StageReporter(quiet=args.quiet or (args.command == "check" and not args.verbose))
    try:
        if args.command == "check":
            return _finish(check(options, progress), args)
        out = args.out.resolve() if args.out else default_output(root)
        result = build(options, out, progress=progress)
        code = _finish(result, args)
        if code == EXIT_OK and not args.quiet:
            for note in result.notes:
                print(f"note: {note}")
            print(summary(result, _shown(out), progress.elapsed()))
        return code
    except (UsageError, OutputError, SymlinkRefused) as exc:
        print(f"callboard: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _finish(result: Result, args: argparse.Namespace) -> int:
    problems = result.diagnostics.sorted()
    if problems:
        print(format_diagnostics(problems, args.format), file=sys.stderr if args.format == "text" else sys.stdout)
    if not result.ok:
        errors = len(result.diagnostics.errors) + (len(result.diagnostics.warnings) if args.strict else 0)
        print(f"{errors} problem{'s' if errors != 1 else ''} found; nothing was written"
              if args.command == "build" else f"{errors} problem{'s' if errors != 1 else ''} found",
              file=sys.stderr)
        return EXIT_INVALID
    return EXIT_OK


def new_item(root: Path, args: argparse.Namespace) -> int:
    diagnostics = Diagnostics()
    config = load_config(root, diagnostics)
    if diagnostics.errors:
        print(format_diagnostics(diagnostics.sorted()), file=sys.stderr)
        return EXIT_INVALID
    item = NewItem(kind=Kind(args.kind), title=args.title.strip(), organisation=args.organisation.strip(),
                   today=args.now or today_in(config.timezone), lang=config.lang)
    try:
        path = write_new_item(root, item)
    except ScaffoldError as exc:
        print(f"callboard: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print(f"wrote {path.relative_to(root).as_posix()}: fill in the fields, then run callboard serve to see it")
    return EXIT_OK


def import_profile(root: Path, args: argparse.Namespace) -> int:
    try:
        body = sys.stdin.read() if str(args.body) == "-" else args.body.read_text(encoding="utf-8")
        imported = import_issue(root, body, args.now)
    except (IssueFormError, SymlinkRefused, OSError, UnicodeDecodeError) as exc:
        print(f"callboard: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if imported.problems:
        print(format_diagnostics(list(imported.problems)), file=sys.stderr)
    if imported.written is None:
        print(f"{imported.profile.path} was not written: the board would not pass check with it", file=sys.stderr)
        return EXIT_INVALID
    print(imported.profile.path)
    return EXIT_OK


def init_board(args: argparse.Namespace) -> int:
    if sys.stdin.isatty():
        ask_missing(args)
    lang = args.lang or "sv"
    default_title, default_organisation = DEFAULT_NAMES[lang]
    settings = BoardSettings(title=(args.title or default_title).strip(),
                             organisation=(args.organisation or default_organisation).strip(),
                             today=args.now or today_in(BOARD_TIMEZONE), lang=lang, base_url=(args.base_url or "").strip())
    try:
        result = write_board(args.folder, settings, force=args.force)
    except InitError as exc:
        print(f"callboard: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    shown = args.folder.as_posix().rstrip("/") + "/"
    print(f"wrote {len(result.written)} files to {shown}" + (f", kept {len(result.kept)} that were there: "
                                                             + ", ".join(result.kept) if result.kept else ""))
    print(f"next: cd {shlex.quote(str(args.folder))} && callboard serve, then put it on GitHub and turn on Pages "
          "(see README.md)")
    if not settings.base_url:
        print("note: base_url is not set in callboard.toml; check warns until it is (publishing on Pages sets it)")
    return EXIT_OK


def ask_missing(args: argparse.Namespace) -> None:
    """Ask in the terminal for what the command line left out; Enter takes the default."""
    args.lang = args.lang or _ask("Language of the board, sv or en", "sv",
                                  lambda v: "" if v in INIT_LANGUAGES else f"use one of: {', '.join(INIT_LANGUAGES)}")
    default_title, default_organisation = DEFAULT_NAMES[args.lang]
    args.title = args.title or _ask("Title of the board", default_title)
    args.organisation = args.organisation or _ask("Organisation that runs it", default_organisation)
    if args.base_url is None:
        args.base_url = _ask("Address it will be published at (Enter to set it later)", "",
                             lambda v: check_base_url(v) if v else "")


def _ask(question: str, default: str, problem=lambda answer: "") -> str:
    """The answer, asked again while `problem(answer)` says what is wrong with it."""
    while True:
        try:
            answer = input(f"{question} [{default}]: " if default else f"{question}: ").strip() or default
        except EOFError:
            return default
        if not (why := problem(answer)):
            return answer
        print(f"{why}; try again", file=sys.stderr)


def summary(result: Result, shown_out: str, seconds: float) -> str:
    if result.unchanged:
        return f"nothing changed; {shown_out} is up to date ({seconds:.2f} s)"
    return f"{result.pages:,} pages, {result.files_written:,} files written to {shown_out} in {seconds:.1f} s"


def _never_fail_to_print() -> None:
    """On Windows, output to a pipe or a file is in the ANSI code page (cp1252), which lacks
    characters a title may hold: such a character is printed as ?, not a crash. (UTF-8 mode,
    PYTHONUTF8=1, prints everything.)"""
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")


def _shown(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return path.as_posix()  # with / on Windows too: the same words on every platform


def run() -> None:
    """Console-script entry point."""
    _never_fail_to_print()
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
