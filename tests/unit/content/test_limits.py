"""Limits that keep one file from making thousands of pages (issue 18, finding 6): a long
title or organisation, too many categories or tags on one item, too many terms on a board."""

from __future__ import annotations

import time
from functools import partial

import pytest

from callboard.content.load import MAX_TERMS
from callboard.content.schema import LIST_ITEMS, NAME_CHARS
from tests.support.boards import ENGLISH_BOARD_TOML, NOW, need_file


@pytest.fixture
def make_board(make_board):
    """These tests read callboard's messages in English, and it speaks the board's language:
    their boards are English."""
    return partial(make_board, config=ENGLISH_BOARD_TOML)


def test_a_title_over_the_limit_is_an_error_at_its_line(make_board, cli):
    root = make_board({"content/needs/lang.md": need_file("x" * (NAME_CHARS + 1))})
    result = cli("check", "--root", root, "--now", NOW)
    assert result.code == 1
    assert f"content/needs/lang.md:2: error: title is {NAME_CHARS + 1} characters long; at most {NAME_CHARS}" in result.err


def test_a_title_at_the_limit_passes(make_board, cli):
    root = make_board({"content/needs/lang.md": need_file("x" * NAME_CHARS)})
    assert cli("check", "--root", root, "--now", NOW).code == 0


def test_an_organisation_over_the_limit_is_an_error(make_board, cli):
    root = make_board({"content/needs/org.md": need_file(extra=f"organisation: {'o' * (NAME_CHARS + 1)}")})
    result = cli("check", "--root", root, "--now", NOW)
    assert "error: organisation is 201 characters long" in result.err


def test_too_many_categories_or_tags_on_one_item(make_board, cli):
    many = ", ".join(f"Ämne {n}" for n in range(LIST_ITEMS + 1))
    enough = ", ".join(f"Ämne {n}" for n in range(LIST_ITEMS))
    root = make_board({"content/needs/a.md": need_file(extra=f"categories: [{many}]"),
                       "content/needs/b.md": need_file(extra=f"tags: [{many}]"),
                       "content/needs/c.md": need_file(extra=f"tags: [{enough}]")})
    result = cli("check", "--root", root, "--now", NOW)
    assert f"content/needs/a.md:9: error: categories has {LIST_ITEMS + 1} items; at most {LIST_ITEMS}" in result.err
    assert f"content/needs/b.md:9: error: tags has {LIST_ITEMS + 1} items" in result.err
    assert "content/needs/c.md" not in result.err


def test_a_board_with_too_many_categories_names_the_files_that_go_over(make_board, cli):
    per_file = LIST_ITEMS
    files = {f"content/needs/n{number:03d}.md": need_file(
        extra="categories: [" + ", ".join(f"K{number}-{k}" for k in range(per_file)) + "]")
        for number in range(MAX_TERMS // per_file + 1)}
    result = cli("check", "--root", make_board(files), "--now", NOW)
    assert result.code == 1
    over = [line for line in result.err.splitlines() if f"already has {MAX_TERMS} different categories" in line]
    assert over == [f"content/needs/n{MAX_TERMS // per_file:03d}.md:9: error: the board already has {MAX_TERMS} "
                    "different categories, the most it may have; use one of the existing categories instead of "
                    "adding more"]


def test_the_amplification_attack_is_refused_quickly_and_writes_nothing(make_board, cli, tmp_path):
    """One need with a 45 kB title and 4,000 categories made 4,054 pages and 1.2 GB in 65 s."""
    categories = ", ".join(f"K{n}" for n in range(4000))
    root = make_board({"content/needs/stor.md": need_file("Rubrik " * 6500, extra=f"categories: [{categories}]")})
    out = tmp_path / "site"
    started = time.monotonic()
    result = cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search", "--no-cache")
    assert result.code == 1
    assert "title is" in result.err and "categories has 4000 items" in result.err
    assert not out.exists()
    assert time.monotonic() - started < 20
