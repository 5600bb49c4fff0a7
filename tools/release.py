#!/usr/bin/env python3
"""What the release workflow runs (.github/workflows/release.yml), and what the tests run the same way.

    python tools/release.py check-tag v0.2.0     the tag is the version in callboard/__init__.py
    python tools/release.py build dist            the sdist and the wheel, built with hatchling
    python tools/release.py check-wheel dist      the wheel, installed in a fresh virtual environment,
                                                  holds every file of the package and the theme and
                                                  makes, checks and builds a board with `callboard init`

`check-wheel --offline-deps SITE_PACKAGES` installs the wheel alone (`--no-deps`) and lets the new
environment import callboard's dependencies from SITE_PACKAGES, an environment where they are
installed already: the test suite runs without a package index. The environment is still fresh:
SITE_PACKAGES comes after its own site-packages, and callboard itself is imported from the wheel
(the check fails otherwise), never from a checkout.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import venv
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "callboard"
THEME = REPO / "templates"
VERSION_FILE = PACKAGE / "__init__.py"
BOARDS = {"sv": "Provtavlan", "en": "Test board"}


def version() -> str:
    """The one place the version is written; hatchling reads the same line (pyproject.toml)."""
    match = re.search(r'^__version__ = "([^"]+)"$', VERSION_FILE.read_text(encoding="utf-8"), re.MULTILINE)
    if not match:
        sys.exit(f"no __version__ line in {VERSION_FILE}")
    return match.group(1)


def check_tag(tag: str) -> None:
    if tag != f"v{version()}":
        sys.exit(f"the tag {tag} is not v{version()}, the version in callboard/__init__.py: "
                 "change the version there first, then tag that commit")
    print(f"{tag} is the version in callboard/__init__.py")


def build(out: Path) -> None:
    subprocess.run([sys.executable, "-m", "hatchling", "build", "-d", str(out)], cwd=REPO, check=True)


def expected_wheel_files() -> set[str]:
    """Every file of the package (code, board templates, dev-server assets, translations) and of
    the theme, at the path it has inside the wheel."""
    def listed(folder: Path, prefix: str) -> set[str]:
        return {f"{prefix}/{path.relative_to(folder).as_posix()}" for path in folder.rglob("*")
                if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"}
    return listed(PACKAGE, "callboard") | listed(THEME, "callboard/theme")


def check_wheel(dist: Path, offline_deps: Path | None) -> None:
    [wheel] = dist.glob(f"callboard-{version()}-*.whl")
    [_] = dist.glob(f"callboard-{version()}.tar.gz")
    missing = expected_wheel_files() - set(zipfile.ZipFile(wheel).namelist())
    if missing:
        sys.exit(f"{wheel.name} lacks {len(missing)} files: {', '.join(sorted(missing)[:10])}")
    with tempfile.TemporaryDirectory(prefix="callboard-wheel-") as temp:
        env_dir = Path(temp) / "venv"
        python = install(wheel, env_dir, offline_deps)
        imported = run([python, "-c", "import callboard; print(callboard.__file__)"], Path(temp)).strip()
        if not Path(imported).is_relative_to(env_dir):
            sys.exit(f"the new environment imports callboard from {imported}, not from the wheel")
        callboard = str(env_dir / "bin" / "callboard")
        for lang, title in BOARDS.items():
            board = Path(temp) / f"board-{lang}"
            run([callboard, "init", str(board), "--title", title, "--organisation", "Provkommunen",
                 "--lang", lang, "--base-url", "https://org.github.io/board/"], Path(temp))
            run([callboard, "check", "--strict"], board)
            run([callboard, "build", "--quiet"], board)
            page = (board / "site" / "index.html").read_text(encoding="utf-8")
            if f'lang="{lang}"' not in page or title not in page:
                sys.exit(f"the {lang} board's front page is not in {lang}, or lacks its title")
    print(f"{wheel.name} installs in a fresh environment and builds a new board in {', '.join(BOARDS)}")


def install(wheel: Path, env_dir: Path, offline_deps: Path | None) -> str:
    venv.create(env_dir, with_pip=True)
    python = str(env_dir / "bin" / "python")
    if offline_deps is None:
        run([python, "-m", "pip", "install", "--quiet", str(wheel)], env_dir)
        return python
    run([python, "-m", "pip", "install", "--quiet", "--no-index", "--no-deps", str(wheel)], env_dir)
    site_packages = run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], env_dir).strip()
    Path(site_packages, "callboard-offline-deps.pth").write_text(f"{offline_deps.resolve()}\n", encoding="utf-8")
    return python


def run(command: list[str], cwd: Path) -> str:
    """Run a command of the new environment; PYTHONPATH is not passed on, or it could bring in a checkout."""
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
    result = subprocess.run(command, cwd=cwd, check=False, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({result.returncode}):\n{result.stdout}{result.stderr}")
    return result.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check-tag").add_argument("tag")
    commands.add_parser("build").add_argument("out", type=Path)
    check = commands.add_parser("check-wheel")
    check.add_argument("dist", type=Path)
    check.add_argument("--offline-deps", type=Path, metavar="SITE_PACKAGES")
    args = parser.parse_args()
    if args.command == "check-tag":
        check_tag(args.tag)
    elif args.command == "build":
        build(args.out)
    else:
        check_wheel(args.dist, args.offline_deps)


if __name__ == "__main__":
    main()
