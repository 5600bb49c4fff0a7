"""The build is a list of named steps, run in order and timed, that stops at the first error."""

from datetime import date

from callboard.build.pipeline import STEPS, RunOptions, build, check
from tests.support.boards import NOW

STEP_NAMES = [step.name for step in STEPS]


def steps_run(result):
    return [name for name in result.timings if name in STEP_NAMES]


def test_a_build_runs_every_step_in_order_and_times_each(fixture_board, tmp_path):
    result = build(RunOptions(root=fixture_board, now=date.fromisoformat(NOW), search=False), tmp_path / "out")
    assert result.ok
    assert steps_run(result) == STEP_NAMES
    assert all(seconds >= 0 for seconds in result.timings.values())


def test_a_step_that_finds_an_error_ends_the_build(fixture_board, tmp_path):
    need = fixture_board / "content/needs/smart-las.md"
    need.write_text(need.read_text(encoding="utf-8").replace("2026-12-03", "2026-13-03"), encoding="utf-8")
    result = build(RunOptions(root=fixture_board, now=date.fromisoformat(NOW), search=False), tmp_path / "out")
    assert not result.ok and steps_run(result) == ["load"]
    assert not (tmp_path / "out").exists()


def test_a_build_that_finds_the_site_unchanged_stops_after_comparing(fixture_board, tmp_path):
    options = RunOptions(root=fixture_board, now=date.fromisoformat(NOW), search=False)
    assert build(options, tmp_path / "out").ok
    (fixture_board / "content/needs/smart-las.md").touch()  # a new time, the same bytes
    again = build(options, tmp_path / "out")
    assert again.ok and again.unchanged and steps_run(again) == ["load", "compare"]


def test_check_writes_no_site(fixture_board, tmp_path):
    result = check(RunOptions(root=fixture_board, now=date.fromisoformat(NOW)))
    assert result.ok and result.content.needs
    assert not any(path.name == "index.html" for path in fixture_board.rglob("*"))
