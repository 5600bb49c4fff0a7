"""`callboard init DIR`, as a newcomer runs it: the board checks strictly and builds at once, in
Swedish and in English; it asks for what is missing only in a terminal, never in a script."""

import os
import pty
import subprocess
import sys

import pytest

from callboard import __version__
from tests.support.boards import NOW

CALLBOARD = [sys.executable, "-c", "from callboard.cli import run; run()"]


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_a_new_board_checks_strictly_and_builds_at_once(cli, tmp_path, lang):
    board = tmp_path / "board"
    made = cli("init", board, "--title", "Vår tavla", "--organisation", "Region Testland", "--lang", lang,
               "--base-url", "https://org.github.io/board/", "--now", NOW)
    assert made.code == 0, made.err
    wrote = "skrev 12 filer till" if lang == "sv" else "wrote 12 files to"  # in the language chosen
    assert made.out.startswith(f"{wrote} {board.as_posix()}/\n")
    strict = cli("check", "--root", board, "--strict", "--now", NOW)
    said = {"sv": "1 behov, 1 testbädd och 1 gott exempel: inga fel\n", "en": "1 need, 1 testbed and 1 case story: no problems\n"}
    assert (strict.code, strict.out, strict.err) == (0, said[lang], "")
    assert cli("build", "--root", board, "--now", NOW, "--quiet").code == 0
    front = (board / "site/index.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in front and "Vår tavla" in front
    assert (board / "site/api/needs.json").is_file()  # base_url is set: feeds and open data are built


def test_init_then_build_works_in_a_script_without_asking_anything(tmp_path):
    made = subprocess.run([*CALLBOARD, "init", "x"], cwd=tmp_path, stdin=subprocess.DEVNULL, check=False, capture_output=True,
                          text=True, timeout=60)
    assert made.returncode == 0, made.stderr
    assert "Tavlans språk" not in made.stdout + made.stderr  # no question was asked
    assert "base_url är inte angiven" in made.stdout  # a Swedish board, the default
    built = subprocess.run([*CALLBOARD, "build", "--quiet"], cwd=tmp_path / "x", stdin=subprocess.DEVNULL,
                           capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "x/site/index.html").is_file()
    toml = (tmp_path / "x/callboard.toml").read_text(encoding="utf-8")
    assert 'title = "Innovationstavlan"' in toml and 'lang = "sv"' in toml


def test_in_a_terminal_it_asks_for_what_the_command_line_left_out(tmp_path):
    controller, terminal = pty.openpty()
    process = subprocess.Popen([*CALLBOARD, "init", "board", "--organisation", "Region Testland"], cwd=tmp_path,
                               stdin=terminal, stdout=terminal, stderr=terminal)
    os.close(terminal)
    os.write(controller, b"en\nOur board\nnot an address\nhttps://org.github.io/ours/\n")
    output = b""
    while process.poll() is None or not output.endswith(b"\n"):
        try:
            chunk = os.read(controller, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    assert process.wait(timeout=60) == 0, output.decode()
    os.close(controller)
    shown = output.decode()
    assert "Tavlans språk" in shown and "Language of the board" in shown  # asked in both languages
    assert "Title of the board" in shown and "Organisation" not in shown  # then in the one chosen
    assert "must be an absolute http(s) URL" in shown  # and the address was asked for again
    toml = (tmp_path / "board/callboard.toml").read_text(encoding="utf-8")
    assert 'title = "Our board"' in toml and 'lang = "en"' in toml and 'name = "Region Testland"' in toml
    assert 'base_url = "https://org.github.io/ours/"' in toml


def test_a_folder_that_is_not_empty_is_refused(cli, tmp_path):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    refused = cli("init", tmp_path, "--base-url", "https://org.github.io/board/")
    assert refused.code == 2 and "är inte tom" in refused.err and "--force" in refused.err
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_the_requirements_pin_the_version_that_wrote_the_board(cli, tmp_path):
    assert cli("init", tmp_path / "b").code == 0
    assert f"callboard=={__version__}\n" in (tmp_path / "b/requirements.txt").read_text(encoding="utf-8")
