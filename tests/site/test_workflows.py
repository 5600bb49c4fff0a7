"""The workflows of this repository and of a board made by `callboard init`: they run on the
right events with the least permissions, and every `callboard` command in them works on the
board they are for; a sub-path build works in a browser as GitHub Pages serves it."""

import re
import shlex
import shutil

import pytest
import yaml

from tests.support.boards import REPO, init_board
from tests.support.workflows import callboard_commands, load, steps

WORKFLOWS = REPO / ".github/workflows"
BOARD_WORKFLOWS = (".github/workflows/check.yml", ".github/workflows/publish.yml")


@pytest.fixture
def example_copy(tmp_path, monkeypatch):
    """The example board outside git, as the workflow's working directory."""
    root = tmp_path / "repo"
    for folder in ("content", "static", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "callboard.toml", root)
    monkeypatch.chdir(root)
    return root


@pytest.fixture(params=["sv", "en"])
def new_board(tmp_path, monkeypatch, request):
    """A board made by `callboard init`, as the working directory of its own workflows."""
    root = init_board(tmp_path / "board", request.param)
    monkeypatch.chdir(root)
    return root


def board_workflows(root):
    return [root / name for name in BOARD_WORKFLOWS]


def test_this_repository_and_a_new_board_have_the_check_and_publish_workflows(tmp_path):
    root = init_board(tmp_path / "board")
    assert {p.name for p in board_workflows(root)} <= {p.name for p in WORKFLOWS.glob("*.yml")}
    assert all(p.is_file() for p in board_workflows(root))


@pytest.mark.parametrize("folder", ["repository", "board"])
def test_check_runs_on_pull_requests_that_touch_the_board(tmp_path, folder):
    root = REPO if folder == "repository" else init_board(tmp_path / "board")
    workflow = load(root / ".github/workflows/check.yml")
    assert {"content/**", "templates/**", "static/**", "callboard.toml"} <= set(workflow["on"]["pull_request"]["paths"])
    assert ["check", "--format", "github"] in callboard_commands(workflow)
    assert any(command[0] == "build" for command in callboard_commands(workflow))
    assert workflow["permissions"] == {} and workflow["jobs"]["check"]["permissions"] == {"contents": "read"}


@pytest.mark.parametrize("folder", ["repository", "board"])
def test_publish_runs_on_main_and_every_night_with_the_whole_history_and_least_permissions(tmp_path, folder):
    root = REPO if folder == "repository" else init_board(tmp_path / "board")
    workflow = load(root / ".github/workflows/publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert re.fullmatch(r"\d+ \d+ \* \* \*", workflow["on"]["schedule"][0]["cron"])
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert workflow["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert any("--base-url" in command for command in callboard_commands(workflow))


def test_this_repository_installs_callboard_from_its_checkout_and_a_board_at_its_pinned_version(tmp_path):
    root = init_board(tmp_path / "board")
    for name in BOARD_WORKFLOWS:
        installs = [s["run"] for s in steps(load(REPO / name)) if "pip install" in s.get("run", "")]
        assert installs == ["python -m pip install ."]
        installs = [s["run"] for s in steps(load(root / name)) if "pip install" in s.get("run", "")]
        assert installs == ["python -m pip install -r requirements.txt"]


def test_the_test_suite_runs_on_windows_macos_and_linux_without_the_browser_tests():
    """platforms.yml: the editors' platforms on the oldest and newest Python callboard supports,
    reading the repository only; test_workflow_audit.py audits it with the others."""
    workflow = load(WORKFLOWS / "platforms.yml")
    assert workflow["permissions"] == {}
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "read"}
    assert job["runs-on"] == "${{ matrix.os }}"
    matrix = job["strategy"]["matrix"]
    assert set(matrix["os"]) == {"ubuntu-latest", "windows-latest", "macos-latest"}
    assert set(matrix["python"]) == {"3.11", "3.13"}
    checkout = next(step for step in job["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    [test] = [step for step in job["steps"] if "pytest" in step.get("run", "")]
    assert shlex.split(test["run"])[:5] == ["python", "-m", "pytest", "-m", "not browser"]
    assert set(workflow["on"]) == {"pull_request", "push"}


@pytest.mark.parametrize("name", ["check.yml", "publish.yml"])
def test_every_callboard_command_in_a_workflow_runs_on_the_example_board(cli, example_copy, name):
    commands = callboard_commands(load(WORKFLOWS / name))
    assert commands
    for command in commands:
        result = cli(*command)
        assert result.code == 0, (command, result.err)
        if "--format" in command:
            assert all(line.startswith("::") for line in result.out.splitlines()), result.out
    assert (example_copy / "site/index.html").is_file()


@pytest.mark.parametrize("name", BOARD_WORKFLOWS)
def test_every_callboard_command_in_a_new_boards_workflow_runs_on_it_without_a_warning(cli, new_board, name):
    commands = callboard_commands(load(new_board / name))
    assert commands
    for command in commands:
        result = cli(*command, "--now", "2026-11-28")
        assert result.code == 0, (command, result.err)
        if "--format" in command:
            assert result.out == "", result.out  # no annotation at all: the example content is clean
    assert (new_board / "site/index.html").is_file()


def test_pre_commit_hook_runs_check_on_board_files_only(cli, example_copy, tmp_path):
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "callboard-check" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("content/needs/x.md") and files.search("callboard.toml") and not files.search("README.md")
    entry = shlex.split(hook["entry"])
    assert entry[0] == "callboard" and cli(*entry[1:]).code == 0
    for root in (REPO, init_board(tmp_path / "board")):
        config = yaml.safe_load((root / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
        [local] = config["repos"][0]["hooks"]
        assert {key: local[key] for key in ("id", "entry", "files", "pass_filenames")} == \
            {key: hook[key] for key in ("id", "entry", "files", "pass_filenames")}


def test_a_project_page_under_a_sub_path_works_in_the_browser(cli, example_copy, browser, serve_folder, tmp_path):
    [build] = [c for c in callboard_commands(load(WORKFLOWS / "publish.yml")) if c[0] == "build"]
    assert cli(*build, "--now", "2026-11-28").code == 0
    pages = tmp_path / "pages"
    shutil.copytree(example_copy / "site", pages / "board")  # Pages serves the project at /board/
    base = serve_folder(pages)
    page = browser.new_page()
    failed = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(base + "board/cases/")
    assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor") == "rgb(11, 58, 99)"
    images = page.evaluate("Promise.all([...document.images].map(img => fetch(img.src).then(r => [img.src, r.ok])))")
    assert images and all(ok and "/board/" in src for src, ok in images), images  # lazy images: fetch them
    page.locator("main a[href^='/board/cases/']").first.click()
    page.wait_for_load_state()
    assert page.url.startswith(base + "board/cases/") and page.locator("h1").count() == 1
    assert failed == []
    page.close()
