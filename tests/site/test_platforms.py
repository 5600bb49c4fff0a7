"""callboard on Linux made to look like Windows: `import fcntl` fails and multiprocessing has no
`fork` (tests/support/windowslike/sitecustomize.py, put first on PYTHONPATH of a subprocess).
`build`, `check` and `serve` work there, with spawned workers, and give the same bytes as a
normal build. The real Windows and macOS runs are the workflow platforms.yml, on GitHub."""

import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.boards import NOW, REPO, need_file, read_tree
from tests.unit.dev.clients import fetch

WINDOWSLIKE = REPO / "tests/support/windowslike"
EXTRA_NEEDS = 140
"""Enough pages for two render workers at --jobs 2 (at least 64 pages each)."""


def environment(windowslike: bool) -> dict[str, str]:
    """Like Windows also in having no time zone files of the system's: zoneinfo reads the tzdata package."""
    paths = [str(WINDOWSLIKE)] if windowslike else []
    paths += [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])]
    no_system_zones = {"PYTHONTZPATH": ""} if windowslike else {}
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "PYTHONHASHSEED": "0", **no_system_zones}


def callboard(windowslike: bool, *args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "callboard", *map(str, args)], capture_output=True, text=True,
                          encoding="utf-8", env=environment(windowslike), timeout=300)


@pytest.fixture
def big_board(fixture_board):
    for number in range(EXTRA_NEEDS):
        path = fixture_board / f"content/needs/extra-{number:03}.md"
        path.write_text(need_file(f"Behov nummer {number}", body=f"Text om behov {number}. [Lås](/needs/smart-las/)"),
                        encoding="utf-8")
    return fixture_board


def test_the_simulation_hides_fcntl_and_fork_and_every_module_still_imports():
    probe = ("import importlib, multiprocessing, pkgutil, callboard\n"
             "from callboard.core.parallel import start_method\n"
             "try:\n    import fcntl\n    print('fcntl')\nexcept ModuleNotFoundError:\n    print('no fcntl')\n"
             "print(sorted(multiprocessing.get_all_start_methods()), start_method())\n"
             "import zoneinfo\nprint(zoneinfo.TZPATH, zoneinfo.ZoneInfo('Europe/Stockholm').key)\n"
             "for module in pkgutil.walk_packages(callboard.__path__, 'callboard.'):\n"
             "    importlib.import_module(module.name)\n"
             "print('imported')\n")
    windows = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                             env=environment(True), timeout=120)
    without_fork = sorted(method for method in multiprocessing.get_all_start_methods() if method != "fork")
    assert windows.stdout.splitlines() == ["no fcntl", f"{without_fork} spawn", "() Europe/Stockholm",
                                           "imported"], windows.stderr
    if sys.platform.startswith("linux"):
        linux = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                               env=environment(False), timeout=120)
        assert linux.stdout.splitlines()[0] == "fcntl" and linux.stdout.splitlines()[1].endswith(" fork")
        assert linux.stdout.splitlines()[2] != "() Europe/Stockholm"  # the system's zones


def test_build_without_fork_and_fcntl_gives_the_same_site_clean_and_after_an_edit(big_board, tmp_path):
    windows_out, linux_out = tmp_path / "windows", tmp_path / "linux"
    windows = callboard(True, "build", "--root", big_board, "--out", windows_out, "--now", NOW, "--jobs", "2")
    assert windows.returncode == 0, windows.stderr
    assert "(2 processer)" in windows.stderr  # the fixture board is Swedish, and so is what callboard says
    assert "sökfunktionen togs inte med" not in windows.stdout + windows.stderr
    normal = callboard(False, "build", "--root", big_board, "--out", linux_out, "--now", NOW, "--jobs", "2", "--no-cache")
    assert normal.returncode == 0, normal.stderr
    assert read_tree(windows_out) == read_tree(linux_out)
    assert sorted(p.name for p in (windows_out / "pagefind").iterdir()) == sorted(p.name for p in (linux_out / "pagefind").iterdir())

    need = big_board / "content/needs/extra-007.md"
    need.write_text(need.read_text(encoding="utf-8").replace("Behov nummer 7", "Ett ändrat behov"), encoding="utf-8")
    again = callboard(True, "build", "--root", big_board, "--out", windows_out, "--now", NOW, "--jobs", "2")
    assert again.returncode == 0, again.stderr
    clean = callboard(False, "build", "--root", big_board, "--out", linux_out, "--now", NOW, "--no-cache")
    assert clean.returncode == 0, clean.stderr
    assert read_tree(windows_out) == read_tree(linux_out)
    assert "Ett ändrat behov" in (windows_out / "needs/extra-007/index.html").read_text(encoding="utf-8")


def test_check_without_fork_and_fcntl_reports_the_same_words(big_board):
    (big_board / "content/needs/extra-003.md").write_text(need_file(extra="status: kanske"), encoding="utf-8")
    windows = callboard(True, "check", "--root", big_board, "--now", NOW, "--jobs", "2")
    normal = callboard(False, "check", "--root", big_board, "--now", NOW, "--jobs", "2", "--no-cache")
    assert windows.returncode == normal.returncode == 1
    assert "content/needs/extra-003.md:9: fel: status: 'kanske'" in windows.stderr
    assert (windows.stdout, windows.stderr) == (normal.stdout, normal.stderr)


def test_serve_without_fork_and_fcntl_rebuilds_on_an_edit_and_stops_on_ctrl_c(dev_server, big_board):
    server = dev_server(big_board, "--now", NOW, env=environment(True))
    status, html = fetch(server.url + "needs/extra-011/")
    assert status == 200 and "Behov nummer 11" in html
    printed = len(server.lines)
    need = big_board / "content/needs/extra-011.md"
    need.write_text(need.read_text(encoding="utf-8").replace("Behov nummer 11", "Nytt namn"), encoding="utf-8")
    server.wait_for(r"extra-011\.md ändrades: byggdes om på", after=printed, timeout=60)
    assert "Nytt namn" in fetch(server.url + "needs/extra-011/")[1]
    # the dev_server fixture stops it with Ctrl-C and checks that it stopped cleanly


def test_new_init_and_build_py_without_fork_and_fcntl(tmp_path):
    board = tmp_path / "board"
    made = callboard(True, "init", board, "--title", "Provtavlan", "--organisation", "Växjö kommun", "--lang", "sv",
                     "--now", NOW)
    assert made.returncode == 0, made.stderr
    new = subprocess.run([sys.executable, "-m", "callboard", "new", "need", "Snöröjning med drönare"], cwd=board,
                         capture_output=True, text=True, encoding="utf-8", env=environment(True), timeout=120)
    assert new.returncode == 0, new.stderr
    assert "skrev content/needs/snorojning-med-dronare.md" in new.stdout  # a Swedish board
    written = board / "content/needs/snorojning-med-dronare.md"
    assert "Skriv här." in written.read_text(encoding="utf-8")  # its example texts are errors until replaced
    written.write_text(need_file("Snöröjning med drönare"), encoding="utf-8")
    build = subprocess.run([sys.executable, str(REPO / "build.py"), "--now", NOW, "--drafts", "-q"], cwd=board,
                           capture_output=True, text=True, encoding="utf-8", env=environment(True), timeout=300)
    assert build.returncode == 0, build.stderr
    assert (board / "site/index.html").is_file()
