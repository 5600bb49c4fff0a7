"""The example board in the repository: valid, complete, and alive at any build date."""

import pytest

from tests.support.boards import REPO


def test_example_board_is_valid(cli):
    result = cli("check", "--root", REPO, "--strict")
    assert result.code == 0, result.err


@pytest.mark.parametrize("now", ["2026-11-28", "2027-06-15", "2031-01-01"])
def test_example_board_builds_every_page_type_and_never_looks_empty(cli, tmp_path, now):
    out = tmp_path / "site"
    result = cli("build", "--root", REPO, "--out", out, "--now", now, "--no-search")
    assert result.code == 0, result.err
    for path in ("index.html", "404.html", "needs/index.html", "testbeds/index.html", "cases/index.html",
                 "categories/index.html", "organisations/index.html", "tags/index.html"):
        assert (out / path).is_file(), path
    front = (out / "index.html").read_text(encoding="utf-8")
    assert front.count('class="card card--need"') >= 3
    assert "Just nu finns 0" not in front


def test_example_board_has_the_promised_variety(cli, tmp_path):
    from callboard.site.assemble import assemble
    from callboard.build.pipeline import RunOptions, check
    from datetime import date

    result = check(RunOptions(root=REPO, now=date(2026, 11, 28)))
    board = assemble(result.content, result.config)
    statuses = {need.status.value for need in board.needs}
    assert {"open", "upcoming", "closed", "awarded"} <= statuses
    assert len(board.needs) >= 12 and len(board.testbeds) >= 4 and len(board.cases) >= 4
    assert len(board.organisations) >= 4
    assert board.need_by_case and any(board.testbeds_by_need.values())
