"""What the browser gets of a problem that names files: board-relative paths only."""

from pathlib import Path

import pytest

from callboard.core.diagnostics import Diagnostic, Severity, say
from callboard.dev.redact import PathRedactor, ShownProblem, root_entries
from callboard.i18n import Translator

BOARD = Path("/home/alice/boards/innovation")
REDACTOR = PathRedactor(BOARD, {"home", "tmp", "var"}, home=Path("/home/alice"))


@pytest.mark.parametrize("text, shown", [
    ("cannot be read: '/home/alice/boards/innovation/content/needs/a.md'", "cannot be read: 'content/needs/a.md'"),
    ("/home/alice/boards/innovation/templates/base.html:3", "templates/base.html:3"),
    ("refusing to write to /home/alice/boards/innovation: it is the board", "refusing to write to .: it is the board"),
    ("cannot write the site: File name too long (/tmp/callboard-serve-x1/.site.callboard-tmp-y/.a.txt)",
     "cannot write the site: File name too long (…/.a.txt)"),
    ("/tmp/callboard-serve-x1/site", "…/site"),
    ("the build failed: PermissionError: [Errno 13] Permission denied: '/home/alice/.cache/x'",
     "the build failed: PermissionError: [Errno 13] Permission denied: '…/x'"),
    ("in /home/alice/boards/innovation-old/x.md", "in …/x.md"),
    ("HOME is /home/alice/", "HOME is …"),
    ("file:///var/lib/x and C:\\Users\\alice\\x.md", "file:…/x and …/x.md"),
])
def test_absolute_paths_become_board_relative_or_their_last_part(text, shown):
    assert REDACTOR.text(text) == shown


@pytest.mark.parametrize("text", [
    "the link '/needs/missing/' on /needs/a/ is broken", "see https://example.org/home/x",
    "content/needs/a.md", "../tmp/x", "and/or", "1/2", "would replace the generated page /tags/x/",
])
def test_site_paths_urls_and_relative_paths_stay(text):
    assert REDACTOR.text(text) == text


def test_a_problem_keeps_its_line_and_severity_and_loses_the_paths_in_its_values():
    problem = Diagnostic("/tmp/callboard-serve-x/site", 4, Severity.ERROR,
                         say("cannot_write_site_file", reason="No space left", path=f"{BOARD}/content/x.md"))
    assert REDACTOR.diagnostic(problem, Translator("en").message) == ShownProblem(
        "…/site:4", "error", "error", "cannot write the site: No space left (content/x.md)")
    assert REDACTOR.diagnostic(problem, Translator("sv").message) == ShownProblem(
        "…/site:4", "error", "fel", "kan inte skriva webbplatsen: No space left (content/x.md)")


def test_a_path_inside_a_value_that_is_a_message_is_redacted_too():
    problem = Diagnostic("static/x.svg", 0, Severity.WARNING,
                         say("svg_file_refused", problem=say("svg_malformed", reason="/home/anna/secret/x.svg: bad")))
    shown = REDACTOR.diagnostic(problem, Translator("en").message)
    assert "/home/anna" not in shown.message and "x.svg: bad" in shown.message


def test_the_root_entries_include_the_usual_ones():
    assert {"tmp", "home", "Users"} <= root_entries()
