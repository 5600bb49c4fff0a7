"""The `callboard` command: parses arguments and calls the pipeline. Nothing else lives here."""

from __future__ import annotations

import argparse
import shlex
import sys
from datetime import date, datetime
from pathlib import Path

from callboard import __version__
from callboard.build.importissue import import_issue
from callboard.build.pipeline import Result, RunOptions, UsageError, build, check, checked_summary
from callboard.build.write import OutputError, default_output
from callboard.config import board_translator, check_base_url, load_config, today_in
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
from callboard.core.diagnostics import Diagnostics, Message, format_diagnostics, say, say_n
from callboard.core.parallel import default_jobs
from callboard.core.progress import StageReporter
from callboard.core.safefiles import SymlinkRefused
from callboard.i18n import FIRST_LANGUAGE, Translator

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
    parser.add_argument("--offline", action="store_true",
                        help="a hub: fetch no [[sources]], build from their copies in .callboard-cache/")
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
        refuse(Translator(FIRST_LANGUAGE), say("cli_root_not_a_folder", root=str(args.root)))
        return EXIT_USAGE
    if args.command == "new":
        return new_item(root, args)
    if args.command == "import-issue":
        return import_profile(root, args)
    if args.command == "serve":
        from callboard.dev.serve import ServeOptions, serve  # the dev server's modules only when previewing

        return serve(ServeOptions(root=root, host=args.host, port=args.port, drafts=args.drafts,
                                  now=args.now, open_browser=args.open, allow_hosts=tuple(args.allow_host)))
    t = board_translator(root)
    if args.jobs < 1:
        refuse(t, say("cli_jobs_too_few"))
        return EXIT_USAGE
    options = RunOptions(root=root, now=args.now, drafts=args.drafts, strict=args.strict,
                         base_url=getattr(args, "base_url", None), jobs=args.jobs, use_cache=not args.no_cache,
                         search=not getattr(args, "no_search", False), offline=args.offline)
    progress = StageReporter(t, quiet=args.quiet or (args.command == "check" and not args.verbose))
    try:
        if args.command == "check":
            return _finish(check(options, progress), args)
        out = args.out.resolve() if args.out else default_output(root)
        result = build(options, out, progress=progress)
        code = _finish(result, args)
        if code == EXIT_OK and not args.quiet:
            for note in result.notes:
                print(t.message(say("cli_note", note=note)))
            print(t.message(summary(result, _shown(out), progress.elapsed(), t)))
        return code
    except (UsageError, OutputError, SymlinkRefused) as exc:
        refuse(t, exc.message)
        return EXIT_USAGE


def refuse(t: Translator, message: Message) -> None:
    """`callboard: error: ...` on stderr, in the language of `t`."""
    print(t.message(say("cli_error", message=message)), file=sys.stderr)


def _finish(result: Result, args: argparse.Namespace) -> int:
    """Print the problems in the board's language (and its own wording); the exit code."""
    write = result.config.translator().message
    problems = result.diagnostics.sorted()
    write = result.config.translator().message
    if problems:
        print(format_diagnostics(problems, write, args.format), file=sys.stderr if args.format == "text" else sys.stdout)
    if not result.ok:
        errors = len(result.diagnostics.errors) + (len(result.diagnostics.warnings) if args.strict else 0)
        found = (say_n("problems_found_nothing_written", "problems_found_nothing_written_plural", errors)
                 if args.command == "build" else say_n("problems_found", "problems_found_plural", errors))
        print(write(found), file=sys.stderr)
        return EXIT_INVALID
    if args.command == "check" and not args.quiet and result.content is not None:
        said = write(checked_summary(result.content, len(result.diagnostics.warnings)))
        print(said, file=sys.stdout if args.format == "text" else sys.stderr)  # github: stdout is annotations
    return EXIT_OK


def new_item(root: Path, args: argparse.Namespace) -> int:
    diagnostics = Diagnostics()
    config = load_config(root, diagnostics)
    t = config.translator()
    if diagnostics.errors:
        print(format_diagnostics(diagnostics.sorted(), t.message), file=sys.stderr)
        return EXIT_INVALID
    item = NewItem(kind=Kind(args.kind), title=args.title.strip(), organisation=args.organisation.strip(),
                   today=args.now or today_in(config.timezone), lang=config.lang, board=t.board)
    try:
        path = write_new_item(root, item)
    except ScaffoldError as exc:
        refuse(t, exc.message)
        return EXIT_INVALID
    print(t.message(say("new_wrote", path=path.relative_to(root).as_posix())))
    return EXIT_OK


def import_profile(root: Path, args: argparse.Namespace) -> int:
    t = board_translator(root)
    try:
        body = sys.stdin.read() if str(args.body) == "-" else args.body.read_text(encoding="utf-8")
        imported = import_issue(root, body, args.now)
    except (IssueFormError, SymlinkRefused) as exc:
        refuse(t, exc.message)
        return EXIT_INVALID
    except (OSError, UnicodeDecodeError) as exc:
        refuse(t, say("import_unreadable", reason=str(exc)))
        return EXIT_INVALID
    if imported.problems:
        print(format_diagnostics(list(imported.problems), t.message), file=sys.stderr)
    if imported.written is None:
        print(t.message(say("import_not_written", path=imported.profile.path)), file=sys.stderr)
        return EXIT_INVALID
    print(imported.profile.path)
    return EXIT_OK


def init_board(args: argparse.Namespace) -> int:
    if sys.stdin.isatty():
        ask_missing(args)
    lang = args.lang or FIRST_LANGUAGE
    t = Translator(lang)
    default_title, default_organisation = DEFAULT_NAMES[lang]
    settings = BoardSettings(title=(args.title or default_title).strip(),
                             organisation=(args.organisation or default_organisation).strip(),
                             today=args.now or today_in(BOARD_TIMEZONE), lang=lang, base_url=(args.base_url or "").strip())
    try:
        result = write_board(args.folder, settings, force=args.force)
    except InitError as exc:
        refuse(t, exc.message)
        return EXIT_USAGE
    shown = args.folder.as_posix().rstrip("/") + "/"
    written = say_n("init_wrote", "init_wrote_plural", len(result.written), folder=shown)
    print(t.message(say_n("init_wrote_kept", "init_wrote_kept_plural", len(result.kept), wrote=written,
                          files=", ".join(result.kept)) if result.kept else written))
    print(t.message(say("init_next", folder=shlex.quote(str(args.folder)))))
    if not settings.base_url:
        print(t.message(say("init_no_base_url")))
    return EXIT_OK


def ask_missing(args: argparse.Namespace) -> None:
    """Ask in the terminal for what the command line left out; Enter takes the default. The
    language is asked first, in every language callboard has; the rest in the one chosen."""
    both = [Translator(lang) for lang in INIT_LANGUAGES]
    args.lang = args.lang or _ask(" / ".join(t.message(say("init_ask_language")) for t in both), FIRST_LANGUAGE,
                                  lambda v: None if v in INIT_LANGUAGES
                                  else say("init_use_one_of", known=", ".join(INIT_LANGUAGES)),
                                  Translator(FIRST_LANGUAGE))
    t = Translator(args.lang)
    default_title, default_organisation = DEFAULT_NAMES[args.lang]
    args.title = args.title or _ask(t.message(say("init_ask_title")), default_title, t=t)
    args.organisation = args.organisation or _ask(t.message(say("init_ask_organisation")), default_organisation, t=t)
    if args.base_url is None:
        args.base_url = _ask(t.message(say("init_ask_base_url")), "", lambda v: check_base_url(v) if v else None, t)


def _ask(question: str, default: str, problem=lambda answer: None, t: Translator | None = None) -> str:
    """The answer, asked again while `problem(answer)` says what is wrong with it."""
    while True:
        try:
            answer = input(f"{question} [{default}]: " if default else f"{question}: ").strip() or default
        except EOFError:
            return default
        if not (why := problem(answer)):
            return answer
        print((t or Translator(FIRST_LANGUAGE)).message(say("init_try_again", problem=why)), file=sys.stderr)


def summary(result: Result, shown_out: str, seconds: float, t: Translator) -> Message:
    """The build's last line: what it wrote, or that nothing changed, and how long it took."""
    if result.unchanged:
        return say("build_unchanged", out=shown_out, seconds=t.decimal(seconds, 2))
    return say("build_summary", pages=say_n("n_pages", "n_pages_plural", result.pages),
               files=say_n("n_files_written", "n_files_written_plural", result.files_written),
               out=shown_out, seconds=t.decimal(seconds, 1))


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
