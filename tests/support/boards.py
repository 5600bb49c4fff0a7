"""Boards for tests: the fixture boards on disk, boards written inline, and what a run printed."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
FIXTURES = TESTS / "fixtures"
REPO = TESTS.parent
NOW = "2026-11-28"

BARE_BOARD_TOML = """\
title = "Testtavlan"
lang = "sv"
base_url = "https://tavla.example.org/"
"""
"""A board with no [accessibility] table, for the tests of what its absence does."""

BOARD_TOML = BARE_BOARD_TOML + """
[accessibility]
organisation = "Testnoden"
compliance = "full"
email = "tillganglighet@example.org"
method = "self"
assessed = 2026-11-01
"""

ENGLISH_BOARD_TOML = BOARD_TOML.replace('lang = "sv"', 'lang = "en"')
"""The same board in English, for the tests that read callboard's messages in English (it
speaks the board's language)."""

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


def innovator_file(title: str = "Solvind AB", extra: str = "", body: str = "Vi erbjuder solceller.") -> str:
    """A valid innovator profile; `extra` adds front-matter lines (its contact is hidden unless
    `extra` says `show_contact: true`)."""
    front = (f"title: {title}\nsummary: Ett företag som gör något nytt.\n"
             "contact:\n  name: Dolda Kontakten\n  email: dold.kontakt@example.org\n  phone: 070-999 88 77\n")
    front += "".join(line + "\n" for line in textwrap.dedent(extra).splitlines() if line.strip())
    return f"---\n{front}---\n{body}\n"


INIT_TITLES = {"sv": "Provtavlan", "en": "Test board"}
INIT_BASE_URL = "https://org.github.io/board/"


def init_board(folder: Path, lang: str = "sv", base_url: str = INIT_BASE_URL) -> Path:
    """A board as `callboard init` makes it, dated NOW so that its example need is open."""
    from callboard.content.boardinit import BoardSettings, write_board

    settings = BoardSettings(title=INIT_TITLES[lang], organisation="Provkommunen", lang=lang, base_url=base_url,
                             today=date.fromisoformat(NOW))
    write_board(folder, settings)
    return folder


@dataclass
class CliResult:
    code: int
    out: str
    err: str


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file below `root` with its bytes, for comparing two builds. The search index
    (pagefind/) is left out: Pagefind's own files are not byte-stable between runs (Pagefind
    issue #638), the one exception to the byte-identical promise; test_search.py checks it."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and p.relative_to(root).parts[0] != "pagefind"}
