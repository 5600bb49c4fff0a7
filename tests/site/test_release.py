"""The release workflow's build-and-install path, run here as the workflow runs it: the sdist and
the wheel built with hatchling, the wheel installed in a fresh virtual environment, where
`callboard init` makes a board in each language that checks strictly and builds.

Offline: the workflow lets pip fetch callboard's dependencies from the package index; here they
come from this environment's site-packages (`--offline-deps`), while callboard itself must be
imported from the wheel. The tag check and the version's one home are tested too."""

import subprocess
import sys
import sysconfig
import zipfile

import pytest

from callboard import __version__
from tests.support.boards import REPO
from tests.support.workflows import load, steps

RELEASE = [sys.executable, str(REPO / "tools/release.py")]


def release(*args, cwd=REPO):
    return subprocess.run([*RELEASE, *map(str, args)], cwd=cwd, check=False, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def dist(tmp_path_factory):
    out = tmp_path_factory.mktemp("dist")
    built = release("build", out)
    assert built.returncode == 0, built.stderr
    return out


def test_the_release_workflow_runs_these_commands():
    workflow = load(REPO / ".github/workflows/release.yml")
    assert workflow["on"] == {"push": {"tags": ["v*"]}}
    runs = "\n".join(step.get("run", "") for step in steps(workflow))
    assert 'python tools/release.py check-tag "$TAG"' in runs
    assert "python tools/release.py build dist" in runs and "python tools/release.py check-wheel dist" in runs
    publish = workflow["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"} and publish["environment"]["name"] == "pypi"
    assert publish["steps"][-1]["uses"].startswith("pypa/gh-action-pypi-publish@")
    assert "password" not in publish["steps"][-1].get("with", {})  # trusted publishing: no token


def test_the_wheel_installs_in_a_fresh_environment_and_builds_a_board_made_by_init(dist):
    checked = release("check-wheel", dist, "--offline-deps", sysconfig.get_path("purelib"))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "builds a new board in sv, en" in checked.stdout


def test_a_wheel_without_the_theme_fails_the_check(dist, tmp_path):
    [wheel] = dist.glob("*.whl")
    broken = tmp_path / "broken"
    broken.mkdir()
    with zipfile.ZipFile(wheel) as source, zipfile.ZipFile(broken / wheel.name, "w") as target:
        for entry in source.infolist():
            if not entry.filename.startswith("callboard/theme/"):
                target.writestr(entry, source.read(entry))
    [sdist] = dist.glob("*.tar.gz")
    (broken / sdist.name).write_bytes(sdist.read_bytes())
    checked = release("check-wheel", broken, "--offline-deps", sysconfig.get_path("purelib"))
    assert checked.returncode != 0 and "callboard/theme/base.html" in checked.stderr


def test_the_tag_must_be_the_version_in_callboard_init():
    assert release("check-tag", f"v{__version__}").returncode == 0
    wrong = release("check-tag", "v0.0.0-not-this")
    assert wrong.returncode != 0 and "callboard/__init__.py" in wrong.stderr


def test_the_version_is_written_in_one_place():
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject and 'path = "callboard/__init__.py"' in pyproject
    metadata = subprocess.run([sys.executable, "-m", "hatchling", "version"], cwd=REPO, check=False, capture_output=True,
                              text=True, timeout=60)
    assert metadata.stdout.strip() == __version__
