"""The README's first lines are the two commands a newcomer runs in this repository (CI runs the
second one); its first section for users starts a board of one's own."""

import re

from tests.support.boards import REPO


def readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)[:2]


def test_readme_starts_with_the_install_and_test_commands():
    install_and_build, install_and_test = readme_commands()
    assert "pip install" in install_and_build and "python build.py" in install_and_build
    assert "pip install" in install_and_test and "pytest" in install_and_test


def test_ci_runs_exactly_the_readme_test_command():
    ci_lines = (REPO / ".ci/run").read_text(encoding="utf-8").splitlines()
    assert readme_commands()[1] in ci_lines


def test_the_first_section_for_users_starts_a_board_with_init():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    first_section = text.split("\n## ")[1]
    assert first_section.startswith("Start a board\n")
    commands = re.findall(r"```sh\n(.+?)\n```", first_section, re.S)[0]
    assert "pipx install callboard" in commands and "callboard init" in commands
    assert "Source: GitHub Actions" in first_section
