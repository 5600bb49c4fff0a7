"""The README's first lines are the two commands a newcomer runs; CI runs the second one."""

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
