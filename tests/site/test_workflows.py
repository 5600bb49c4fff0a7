"""The git workflow that ships with the board: valid YAML, commands that exist and work on the
example board, and a sub-path build that works in a browser as GitHub Pages serves it."""

import re
import shlex
import shutil

import pytest
import yaml

from tests.support.boards import REPO

WORKFLOWS = REPO / ".github/workflows"
EXPRESSIONS = {"steps.pages.outputs.base_url": "https://org.github.io/board"}


def load(path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads a bare `on` as true
    return data


def steps(workflow):
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def callboard_commands(workflow) -> list[list[str]]:
    commands = []
    for step in steps(workflow):
        for line in step.get("run", "").splitlines():
            line = re.sub(r"\$\{\{\s*([^}]+?)\s*\}\}", lambda m: EXPRESSIONS[m.group(1)], line.strip())
            if line.startswith("callboard "):
                commands.append(shlex.split(line)[1:])
    return commands


@pytest.fixture
def example_copy(tmp_path, monkeypatch):
    """The example board outside git, as the workflow's working directory."""
    root = tmp_path / "repo"
    for folder in ("content", "static", "templates"):
        shutil.copytree(REPO / folder, root / folder)
    shutil.copy(REPO / "callboard.toml", root)
    monkeypatch.chdir(root)
    return root


def test_check_runs_on_pull_requests_that_touch_the_board():
    workflow = load(WORKFLOWS / "check.yml")
    assert {"content/**", "templates/**", "static/**"} <= set(workflow["on"]["pull_request"]["paths"])
    assert ["check", "--format", "github"] in callboard_commands(workflow)
    assert any(command[0] == "build" for command in callboard_commands(workflow))


def test_publish_runs_on_main_and_every_night_with_the_whole_history():
    workflow = load(WORKFLOWS / "publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert re.fullmatch(r"\d+ \d+ \* \* \*", workflow["on"]["schedule"][0]["cron"])
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    upload = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert any("--base-url" in command for command in callboard_commands(workflow))


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


def test_pre_commit_hook_runs_check_on_board_files_only(cli, example_copy):
    [hook] = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "callboard-check" and hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("content/needs/x.md") and files.search("callboard.toml") and not files.search("README.md")
    entry = shlex.split(hook["entry"])
    assert entry[0] == "callboard" and cli(*entry[1:]).code == 0
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert config["repos"][0]["hooks"][0]["entry"] == hook["entry"]


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
