"""The map in docs/architecture.md holds: layers import only downwards, no import cycles, small modules."""

from __future__ import annotations

import shutil
import subprocess
import sys
from fnmatch import fnmatch
from pathlib import Path

import pytest

from tests.support.boards import REPO

PACKAGE = REPO / "callboard"
MAX_MODULE_LINES = 400
LAYERS, ACYCLIC = "Layers import only downwards", "No import cycles"


def lint_imports(root: Path) -> subprocess.CompletedProcess:
    """import-linter over the package in `root`, with the contracts of `root/pyproject.toml`."""
    code = "import sys; from importlinter.cli import lint_imports; sys.exit(lint_imports())"
    return subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                          env={"PYTHONPATH": str(root), "PATH": "/usr/bin:/bin"}, timeout=120)


def test_the_layers_and_acyclic_contracts_are_kept():
    run = lint_imports(REPO)
    assert run.returncode == 0, run.stdout + run.stderr
    assert f"{LAYERS} KEPT" in run.stdout and f"{ACYCLIC} KEPT" in run.stdout


@pytest.fixture
def package_copy(tmp_path) -> Path:
    shutil.copytree(PACKAGE, tmp_path / "callboard", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", tmp_path)
    return tmp_path


@pytest.mark.parametrize(("module", "line", "contract"), [
    ("core/text.py", "from callboard.build import cache  # noqa", LAYERS),
    ("content/models.py", "    from callboard.site import assemble  # noqa", LAYERS),
    ("content/models.py", "    from callboard.content import lint  # noqa", ACYCLIC),
    ("site/pages.py", "from callboard.site import render  # noqa", ACYCLIC),
])
def test_an_upward_import_or_a_cycle_breaks_a_contract(package_copy, module, line, contract):
    """Proof that the contracts can fail: the same check on a copy with one bad import added,
    at the top of a module or (indented) inside a function, as a lazy import would be."""
    path = package_copy / "callboard" / module
    text = path.read_text(encoding="utf-8")
    if line.startswith(" "):
        text += f"\n\ndef _lazy():\n{line}\n"
    else:
        text = text.replace("from __future__ import annotations\n", f"from __future__ import annotations\n{line}\n", 1)
    path.write_text(text, encoding="utf-8")
    run = lint_imports(package_copy)
    assert run.returncode != 0
    assert f"{contract} BROKEN" in run.stdout


def test_no_module_is_longer_than_the_limit():
    long = {path.relative_to(REPO).as_posix(): count for path in PACKAGE.rglob("*.py")
            if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}


def test_the_package_is_layered_into_subpackages():
    subpackages = sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file())
    assert len(subpackages) >= 5, subpackages
    loose = sorted(p.name for p in PACKAGE.glob("*.py"))
    assert loose == ["__init__.py", "__main__.py", "cli.py"]


def test_pytest_collects_every_folder_of_tests(request):
    """pytest passes over folders whose names match `norecursedirs` (by default `build`, `dist`
    and more) without a word: a folder of tests so named would never run."""
    patterns = request.config.getini("norecursedirs")
    folders = {path.parent for path in (REPO / "tests").rglob("test_*.py")}
    passed_over = [folder.relative_to(REPO).as_posix() for folder in folders
                   if any(fnmatch(part, pattern) for part in folder.relative_to(REPO).parts for pattern in patterns)]
    assert passed_over == []
