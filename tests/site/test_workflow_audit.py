"""Every workflow of this repository and of a board made by `callboard init` passes two outside
audits offline: the GitHub workflow schema (check-jsonschema's vendored copy) and zizmor's
security audit with nothing at medium severity or above. Every action is pinned to a full
commit SHA, with its version in a comment, and the same action is at the same commit everywhere."""

import re
from collections import defaultdict

import pytest

from tests.support.boards import REPO, init_board
from tests.support.workflows import schema_problems, uses_lines, zizmor_findings

TEMPLATE_WORKFLOWS = REPO / "callboard/content/boardtemplate/workflows"
FULL_SHA = re.compile(r"[0-9a-f]{40}")
VERSION_COMMENT = re.compile(r"v\d+\.\d+\.\d+")
NODE_24_SINCE = {"actions/checkout": 5, "actions/setup-python": 6, "actions/upload-pages-artifact": 5,
                 "actions/deploy-pages": 5, "actions/upload-artifact": 6, "actions/download-artifact": 7}
"""The first major of each action whose action.yml says `runs.using: node24` (or, for the
composite upload-pages-artifact, whose upload step does: v4 still uploads with
upload-artifact v4, on Node 20); GitHub is removing Node 20."""
NODE_20_ONLY = {"actions/configure-pages"}


@pytest.fixture(scope="module")
def new_board(tmp_path_factory):
    return init_board(tmp_path_factory.mktemp("audit") / "board")


@pytest.fixture(scope="module")
def every_workflow(new_board):
    workflows = sorted((REPO / ".github/workflows").glob("*.yml")) + sorted((new_board / ".github/workflows").glob("*.yml"))
    assert {p.name for p in workflows} >= {"check.yml", "publish.yml", "release.yml"}
    return workflows


def test_every_workflow_is_valid_against_the_github_workflow_schema(every_workflow):
    assert schema_problems("vendor.github-workflows", every_workflow) == ""


def test_every_dependabot_config_is_valid_against_its_schema(new_board):
    assert schema_problems("vendor.dependabot", [REPO / ".github/dependabot.yml", new_board / ".github/dependabot.yml"]) == ""


def test_zizmor_finds_nothing_at_medium_or_above_in_this_repository_or_a_new_board(new_board):
    assert zizmor_findings(REPO, new_board) == []


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version_in_a_comment(every_workflow):
    uses = [u for path in [*every_workflow, *TEMPLATE_WORKFLOWS.glob("*.yml")] for u in uses_lines(path)]
    assert len(uses) > 10
    unpinned = [f"{u.path.name}:{u.line}: {u.action}@{u.ref} # {u.comment}" for u in uses
                if not FULL_SHA.fullmatch(u.ref) or not VERSION_COMMENT.fullmatch(u.comment)]
    assert not unpinned, "pin each action as owner/name@<40-hex commit> # vX.Y.Z:\n" + "\n".join(unpinned)


def test_every_action_is_on_a_major_that_runs_on_node_24(every_workflow):
    uses = [u for path in [*every_workflow, *TEMPLATE_WORKFLOWS.glob("*.yml")] for u in uses_lines(path)]
    assert not [u.action for u in uses if u.action in NODE_20_ONLY]
    old = [f"{u.path.name}:{u.line}: {u.action} {u.comment}" for u in uses if u.action in NODE_24_SINCE
           and int(u.comment.lstrip("v").split(".")[0]) < NODE_24_SINCE[u.action]]
    assert not old, "\n".join(old)


def test_an_action_is_at_the_same_commit_in_every_workflow(every_workflow):
    """Dependabot updates this repository's workflows and the templates that init writes from;
    this fails until both are at the same commits."""
    commits = defaultdict(set)
    for path in [*every_workflow, *TEMPLATE_WORKFLOWS.glob("*.yml")]:
        for u in uses_lines(path):
            commits[u.action].add(f"{u.ref} # {u.comment}")
    assert {action: refs for action, refs in commits.items() if len(refs) > 1} == {}


def test_the_audits_can_fail(tmp_path):
    """Proof that the checks above look: a workflow with an unpinned action, a token left in
    .git, the default (broad) permissions and a pull request's title expanded into a shell command."""
    workflows = tmp_path / "repo/.github/workflows"
    workflows.mkdir(parents=True)
    bad = workflows / "bad.yml"
    bad.write_text("name: bad\non: [pull_request]\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
                   "    steps:\n      - uses: actions/checkout@v5\n"
                   "      - run: echo \"${{ github.event.pull_request.title }}\"\n", encoding="utf-8")
    found = {line.split(": ")[1].split(" ")[0] for line in zizmor_findings(tmp_path / "repo")}
    assert {"unpinned-uses", "artipacked", "excessive-permissions", "template-injection"} <= found, found
    [uses] = uses_lines(bad)
    assert not FULL_SHA.fullmatch(uses.ref)
    bad.write_text("name: bad\non: [pull_request]\njobs:\n  x:\n    steps: []\n", encoding="utf-8")
    assert "runs-on" in schema_problems("vendor.github-workflows", [bad])
