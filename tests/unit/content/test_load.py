"""Each validation error: exit code 1, the file, the line and the message, via `callboard check`."""

import os
from functools import partial

import pytest

from tests.support.boards import ENGLISH_BOARD_TOML, NOW, need_file


@pytest.fixture
def make_board(make_board):
    """These tests read callboard's messages in English, and it speaks the board's language:
    their boards are English."""
    return partial(make_board, config=ENGLISH_BOARD_TOML)

TESTBED = "---\ntitle: T\nhost: H\nsummary: S\ncontact:\n  name: A\n  email: a@b.se\n---\n"


def check(cli, root, *extra):
    return cli("check", "--root", root, "--now", NOW, *extra)


@pytest.mark.parametrize("files,expected", [
    ({"content/needs/a.md": need_file(extra="deadline: 2026-13-01")},
     "content/needs/a.md:9: error: deadline '2026-13-01' is not a valid date (YYYY-MM-DD)"),
    ({"content/needs/a.md": "---\ntitle: A\nsummary: [x\n---\n"},
     "content/needs/a.md:3: error: The list that starts on this line is never closed"),
    ({"content/needs/a.md": "---\ntitle: A\n\nBody without a closing line\n"},
     "content/needs/a.md:1: error: front matter that starts here has no closing '---' line"),
    ({"content/needs/a.md": need_file().replace("organisation: Växjö kommun\n", "")},
     "content/needs/a.md:1: error: required field 'organisation' is missing"),
    ({"content/needs/a.md": need_file(extra="categories:\n  nested: x")},
     "content/needs/a.md:9: error: categories must be a list"),
    ({"content/needs/a.md": need_file(extra="title: [a, b]")},
     "content/needs/a.md:2: error: title must be text, not a list"),
    ({"content/needs/a.md": need_file().replace("anna@example.se", "anna(at)example.se")},
     "content/needs/a.md:8: error: contact.email 'anna(at)example.se' is not a valid e-mail address"),
    ({"content/needs/a.md": need_file(extra="status: stängd")},
     "content/needs/a.md:9: error: status 'stängd' is not one of: open, closed, awarded, cancelled"),
    ({"content/needs/a.md": need_file(extra="procurement: partnership")},
     "content/needs/a.md:9: error: procurement 'partnership' is not one of"),
    ({"content/needs/Växjö Lås.md": need_file()},
     "content/needs/Växjö Lås.md: error: file name 'Växjö Lås.md' is not a valid slug (lowercase a-z, 0-9 and hyphens); rename it to 'vaxjo-las.md'"),
    ({"content/needs/a.md": need_file(), "content/needs/2026/a.md": need_file()},
     "content/needs/a.md: error: slug 'a' is already used by content/needs/2026/a.md"),
    ({"content/needs/a.md": need_file(extra="testbeds: [labbet]")},
     "content/needs/a.md:9: error: testbed 'labbet' does not exist in content/testbeds/"),
    ({"content/cases/c.md": "---\ntitle: C\nsummary: S\norganisation: O\ncompleted: 2026-01-01\nneed: saknas\n---\nText.\n"},
     "content/cases/c.md:6: error: need 'saknas' does not exist in content/needs/"),
    ({"content/cases/c.md": "---\ntitle: C\nsummary: S\norganisation: O\ncompleted: 2026-01-01\n"
                            "image: images/x.png\nimage_alt: X\n---\n"},
     "content/cases/c.md:6: error: image 'images/x.png' does not exist; put the file in static/images/x.png"),
    ({"content/cases/c.md": "---\ntitle: C\nsummary: S\norganisation: O\ncompleted: 2026-01-01\n"
                            "image: ../../etc/passwd\nimage_alt: X\n---\n"},
     "content/cases/c.md:6: error: image '../../etc/passwd' must be a path inside static/"),
    ({"content/needs/a.md": need_file(title="Sm\u00e5").encode("latin-1")},
     "content/needs/a.md:2: error: is not UTF-8 encoded"),
    ({"content/needs/a.md": need_file(extra="summary: " + "å" * 301)},
     "content/needs/a.md:4: error: summary is 301 characters long; at most 300 are allowed"),
    ({"content/needs/open.md": need_file()},
     "content/needs/open.md: error: 'open' is reserved for a page the board generates"),
    ({"content/needs/a.md": "---\n- title\n- summary\n---\n"},
     "content/needs/a.md:2: error: front matter must be a list of 'key: value' lines"),
    ({"content/needs/a.md": need_file(extra="opens: 2026-12-01\ndeadline: 2026-11-01")},
     "content/needs/a.md:10: error: deadline 2026-11-01 is before opens 2026-12-01"),
])
def test_each_problem_is_reported_with_file_line_and_message(cli, make_board, files, expected):
    result = check(cli, make_board(files))
    assert result.code == 1, result.err
    assert expected in result.err, result.err


def test_every_problem_is_reported_not_only_the_first(cli, make_board):
    root = make_board({
        "content/needs/a.md": need_file(extra="deadline: 2026-13-01"),
        "content/needs/b.md": need_file(extra="opens: igår"),
    })
    result = check(cli, root)
    assert "a.md:9: error" in result.err and "b.md:9: error" in result.err
    assert "2 problems found" in result.err


def test_a_broken_file_causes_no_follow_on_dangling_reference(cli, make_board):
    root = make_board({
        "content/testbeds/labbet.md": "---\ntitle: [broken\n---\n",
        "content/needs/a.md": need_file(extra="testbeds: [labbet]"),
    })
    result = check(cli, root)
    assert "labbet.md:2: error" in result.err
    assert "does not exist" not in result.err


def test_unknown_key_is_an_error_with_a_suggestion(cli, make_board):
    """A misspelt key would publish the need without its deadline: an error, not a warning."""
    root = make_board({"content/needs/a.md": need_file(extra="dealine: 2026-12-01")})
    result = check(cli, root)
    assert result.code == 1
    assert "content/needs/a.md:9: error: There is no field 'dealine'. Did you mean 'deadline'?" in result.err


def test_summary_limit_counts_characters_not_bytes(cli, make_board):
    root = make_board({"content/needs/a.md": need_file(extra="summary: " + "å" * 300)})
    assert check(cli, root).code == 0


def test_github_format_prints_annotations(cli, make_board):
    root = make_board({"content/needs/a.md": need_file(extra="deadline: 2026-13-01")})
    result = check(cli, root, "--format", "github")
    assert "::error file=content/needs/a.md,line=9::deadline '2026-13-01' is not a valid date (YYYY-MM-DD)" in result.out


def test_github_annotation_escaping():
    from callboard.core.diagnostics import Diagnostic, Severity, say

    annotation = Diagnostic("a,b:c.md", 3, Severity.ERROR, say("field_must_be_text", name="x", value="50%")).as_github(
        lambda message: "50% done\nnext")
    assert annotation == "::error file=a%2Cb%3Ac.md,line=3::50%25 done%0Anext"


def test_valid_board_exits_zero(cli, fixture_board):
    result = check(cli, fixture_board)
    assert result.code == 0, result.err
    assert result.err == ""


def test_usage_errors_exit_two(cli, tmp_path):
    assert cli("check", "--root", tmp_path / "missing").code == 2
    with pytest.raises(SystemExit) as exit_info:
        cli("check", "--now", "tomorrow")
    assert exit_info.value.code == 2


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(cli, make_board):
    root = make_board({"content/needs/a.md": need_file(body="x" * 150_000)})
    result = check(cli, root)
    assert result.code == 1
    assert ("content/needs/a.md: error: is 150 kB; a content file may be at most 100 kB "
            "(put long documents in static/ and link to them)") in result.err


def test_unsafe_links_in_a_body_are_warnings_at_their_lines(cli, make_board):
    root = make_board({"content/needs/a.md": need_file(body="Text\n\n[klicka](javascript:alert(1))")})
    result = check(cli, root)
    assert result.code == 0
    assert ("content/needs/a.md:12: warning: the link to 'javascript:alert(1)' was removed: only web, e-mail "
            "(mailto:) and phone (tel:) links are allowed") in result.err
    assert check(cli, root, "--strict").code == 1


def test_too_deep_nesting_is_reported_at_the_line_in_the_file(cli, make_board):
    root = make_board({"content/needs/a.md": need_file(body="Inledning\n\n" + "> " * 100 + "citat")})
    result = check(cli, root)
    assert "content/needs/a.md:12: error: lists or quotes are nested too deeply here" in result.err


def test_a_folder_of_content_behind_a_symbolic_link_out_of_the_board_is_refused(cli, make_board, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "hemlig.md").write_text(need_file(), encoding="utf-8")
    root = make_board({"content/needs/a.md": need_file()})
    os.symlink(outside, root / "content/needs/extern")
    result = check(cli, root)
    assert result.code == 1
    assert "content/needs/extern: error: is a symbolic link to a file outside the board" in result.err
