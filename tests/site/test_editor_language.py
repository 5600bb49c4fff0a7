"""What callboard tells the editor is in the board's language: Swedish on a Swedish board and
English on an English one, for `check`, `build`, `new` and `--format github` alike, with the
board's own wording (`locale/<lang>.po`) over callboard's."""

from __future__ import annotations

import re

import pytest

from tests.support.boards import BOARD_TOML, NOW, need_file

SWEDISH, ENGLISH = BOARD_TOML, BOARD_TOML.replace('lang = "sv"', 'lang = "en"')
BROKEN = {"content/needs/a.md": need_file(extra="deadline: 2026-13-01")}

SAID = {
    "sv": ("content/needs/a.md:9: fel: deadline: '2026-13-01' är inget riktigt datum (ÅÅÅÅ-MM-DD)",
           "1 problem hittades"),
    "en": ("content/needs/a.md:9: error: deadline '2026-13-01' is not a valid date (YYYY-MM-DD)",
           "1 problem found"),
}


@pytest.mark.parametrize("lang, config", [("sv", SWEDISH), ("en", ENGLISH)])
def test_check_speaks_the_boards_language(cli, make_board, lang, config):
    root = make_board(BROKEN, config=config)
    result = cli("check", "--root", root, "--now", NOW)
    assert result.code == 1
    assert result.err.splitlines() == list(SAID[lang])


@pytest.mark.parametrize("lang, config, annotation", [
    ("sv", SWEDISH, "::error file=content/needs/a.md,line=9::deadline: '2026-13-01' är inget riktigt datum"),
    ("en", ENGLISH, "::error file=content/needs/a.md,line=9::deadline '2026-13-01' is not a valid date"),
])
def test_github_annotations_speak_the_boards_language(cli, make_board, lang, config, annotation):
    result = cli("check", "--root", make_board(BROKEN, config=config), "--now", NOW, "--format", "github")
    assert result.out.startswith(annotation)


@pytest.mark.parametrize("lang, config, failed, built", [
    ("sv", SWEDISH, "1 problem hittades; inget skrevs",
     r"^\d+ sidor, \d+ filer skrivna till .* på \d+,\d s$"),
    ("en", ENGLISH, "1 problem found; nothing was written",
     r"^\d+ pages, \d+ files written to .* in \d+\.\d s$"),
])
def test_build_speaks_the_boards_language(cli, make_board, tmp_path, lang, config, failed, built):
    root = make_board(BROKEN, config=config)
    out = tmp_path / "out"
    result = cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search")
    assert result.code == 1 and result.err.splitlines()[-2:] == [SAID[lang][0], failed]
    (root / "content/needs/a.md").write_text(need_file(), encoding="utf-8")
    result = cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search")
    assert result.code == 0
    assert re.match(built, result.out.splitlines()[-1]), result.out
    progress = result.err.splitlines()[0]
    assert progress.startswith("läste 1 fil på " if lang == "sv" else "loaded 1 file in "), result.err


@pytest.mark.parametrize("lang, config, wrote, exists", [
    ("sv", SWEDISH, "skrev content/needs/smarta-las.md: fyll i fälten",
     "callboard: fel: content/needs/smarta-las.md finns redan; ändra i den, eller välj en annan titel"),
    ("en", ENGLISH, "wrote content/needs/smarta-las.md: fill in the fields",
     "callboard: error: content/needs/smarta-las.md already exists; edit it, or choose another title"),
])
def test_new_speaks_the_boards_language(cli, make_board, lang, config, wrote, exists):
    root = make_board({}, config=config)
    assert cli("new", "need", "Smarta lås", "--root", root).out.startswith(wrote)
    again = cli("new", "need", "Smarta lås", "--root", root)
    assert again.code == 1 and again.err == exists + "\n"


def test_the_boards_own_wording_reaches_check_and_new(cli, make_board):
    root = make_board({**BROKEN, "locale/sv.po": (
        'msgid "field_invalid_date"\nmsgstr "%(name)s: %(value)s finns inte i almanackan"\n\n'
        'msgid "new_wrote"\nmsgstr "Klart! Öppna %(path)s och fyll i."\n')})
    result = cli("check", "--root", root, "--now", NOW)
    assert "content/needs/a.md:9: fel: deadline: '2026-13-01' finns inte i almanackan" in result.err.splitlines()
    (root / "content/needs/a.md").unlink()
    assert cli("new", "need", "Smarta lås", "--root", root).out == "Klart! Öppna content/needs/smarta-las.md och fyll i.\n"


@pytest.mark.parametrize("toml, said", [
    ('title = "T"\nlang = "en"\nbase_url = \n', "callboard.toml:3: error: is not valid TOML: "),
    ('title = "T"\nbase_url = \n', "callboard.toml:2: fel: är inte giltig TOML: "),
    ('title = "T"\nlang = "fi"\nbase_url = \n', "callboard.toml:3: fel: är inte giltig TOML: "),
])
def test_an_unreadable_callboard_toml_is_told_in_the_language_it_names_else_swedish(cli, make_board, toml, said):
    result = cli("check", "--root", make_board({}, config=toml), "--now", NOW)
    assert result.code == 1 and any(line.startswith(said) for line in result.err.splitlines()), result.err


@pytest.mark.parametrize("lang, refusal", [
    ("sv", "callboard: fel: --base-url: base_url: 'ftp://x' ska vara en hel webbadress"),
    ("en", "callboard: error: --base-url: base_url 'ftp://x' must be an absolute http(s) URL"),
])
def test_a_refused_option_is_told_in_the_boards_language(cli, make_board, tmp_path, lang, refusal):
    root = make_board({}, config=SWEDISH if lang == "sv" else ENGLISH)
    result = cli("build", "--root", root, "--out", tmp_path / "out", "--base-url", "ftp://x")
    assert result.code == 2 and result.err.startswith(refusal), result.err


@pytest.mark.parametrize("lang, wrote", [("sv", "skrev 12 filer till "), ("en", "wrote 12 files to ")])
def test_init_speaks_the_language_chosen(cli, tmp_path, lang, wrote):
    result = cli("init", tmp_path / "board", "--lang", lang, "--now", NOW)
    assert result.code == 0 and result.out.startswith(wrote), result.out
    again = cli("init", tmp_path / "board", "--lang", lang, "--now", NOW)
    assert again.code == 2 and ("är inte tom" if lang == "sv" else "is not empty") in again.err


def test_new_writes_the_boards_own_guidance_too(cli, make_board):
    root = make_board({"locale/sv.po": 'msgid "new_header"\nmsgstr "Fyll i enligt vår lathund på intranätet."\n'})
    assert cli("new", "need", "Smarta lås", "--root", root).code == 0
    written = (root / "content/needs/smarta-las.md").read_text(encoding="utf-8")
    assert written.startswith("---\n# Fyll i enligt vår lathund på intranätet.\n")
