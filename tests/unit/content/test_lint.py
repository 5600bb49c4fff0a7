"""Warnings for content that is valid but probably not what the editor meant."""

import hashlib
from functools import partial

import pytest

from tests.support.boards import ENGLISH_BOARD_TOML, NOW, need_file


@pytest.fixture
def make_board(make_board):
    """These tests read callboard's messages in English, and it speaks the board's language:
    their boards are English."""
    return partial(make_board, config=ENGLISH_BOARD_TOML)


def warnings_for(cli, make_board, text: str) -> str:
    name = "board-" + hashlib.sha256(text.encode()).hexdigest()[:8]  # one board per text in a test
    root = make_board({"content/needs/behov.md": text}, name=name)
    result = cli("check", "--root", root, "--now", NOW)
    assert result.code == 0  # warnings never fail a plain check
    return result.err


def test_open_after_the_deadline(cli, make_board):
    err = warnings_for(cli, make_board, need_file(extra="deadline: 2026-11-01\nstatus: open"))
    assert err == ("content/needs/behov.md:10: warning: status is open but the deadline 2026-11-01 has passed; "
                   "set status to closed or awarded, or remove the status line so the board closes it by itself\n")


def test_open_before_the_deadline_is_fine(cli, make_board):
    assert warnings_for(cli, make_board, need_file(extra="deadline: 2026-11-28\nstatus: open")) == ""


def test_published_far_in_the_future(cli, make_board):
    err = warnings_for(cli, make_board, need_file(extra="published: 2062-10-01"))
    assert err.startswith("content/needs/behov.md:5: warning: published 2062-10-01 is more than a year ahead")
    assert warnings_for(cli, make_board, need_file(extra="published: 2027-10-01")) == ""


def test_summary_too_long_for_a_card(cli, make_board):
    err = warnings_for(cli, make_board, need_file(extra="summary: " + "a" * 201))
    assert err == ("content/needs/behov.md:4: warning: summary is 201 characters long; a list card fits about 200, "
                   "so shorten it\n")
    assert warnings_for(cli, make_board, need_file(extra="summary: " + "a" * 200)) == ""


def test_strict_check_fails_on_these_warnings(cli, make_board):
    root = make_board({"content/needs/behov.md": need_file(extra="published: 2062-10-01")})
    assert cli("check", "--root", root, "--now", NOW, "--strict").code == 1


def test_strict_check_wants_a_way_to_apply_to_an_open_call(cli, make_board):
    root = make_board({"content/needs/behov.md": need_file(extra="deadline: 2026-12-20")})
    assert cli("check", "--root", root, "--now", NOW).err == ""  # the contact is always there
    strict = cli("check", "--root", root, "--now", NOW, "--strict")
    assert strict.code == 1
    assert strict.err.startswith("content/needs/behov.md:9: warning: the call is open but has no way to apply")


def test_a_call_with_apply_or_not_open_passes_strict_check(cli, make_board):
    for extra in ("apply: ansokan@vaxjo.example.se", "deadline: 2026-11-01", "status: awarded"):
        root = make_board({"content/needs/behov.md": need_file(extra=extra)},
                          name="board-" + hashlib.sha256(extra.encode()).hexdigest()[:8])
        result = cli("check", "--root", root, "--now", NOW, "--strict")
        assert (result.code, result.err) == (0, ""), extra
