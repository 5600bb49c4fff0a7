"""What a run is asked to do: the config it builds with, and when its result is a success."""

from datetime import date

import pytest

from callboard.build.run import NO_BASE_URL, Result, RunOptions, UsageError, make_config
from callboard.core.diagnostics import Diagnostics, say
from tests.support.messages import english


def test_the_command_line_sets_the_build_date_drafts_and_base_url(fixture_board):
    options = RunOptions(root=fixture_board, now=date(2026, 12, 5), drafts=True, base_url="https://example.org/tavla")
    config = make_config(options, Diagnostics())
    assert (config.today, config.drafts, config.base_url) == (date(2026, 12, 5), True, "https://example.org/tavla/")


def test_a_bad_base_url_is_a_usage_error_and_none_a_warning(fixture_board):
    with pytest.raises(UsageError) as refused:
        make_config(RunOptions(root=fixture_board, base_url="ftp://example.org/"), Diagnostics())
    assert english(refused.value.message).startswith("--base-url: base_url 'ftp://example.org/' must be an absolute")
    toml = fixture_board / "callboard.toml"
    toml.write_text("".join(line for line in toml.read_text(encoding="utf-8").splitlines(keepends=True)
                            if not line.startswith("base_url")), encoding="utf-8")
    diagnostics = Diagnostics()
    make_config(RunOptions(root=fixture_board), diagnostics)
    assert [d.message for d in diagnostics.warnings] == [NO_BASE_URL]
    assert english(NO_BASE_URL).startswith("base_url is not set in callboard.toml")


def test_with_strict_a_warning_fails_the_run(fixture_board):
    diagnostics = Diagnostics()
    diagnostics.warning("callboard.toml", 0, say("config_hub_needs_name"))
    config = make_config(RunOptions(root=fixture_board), Diagnostics())
    assert Result(diagnostics, config).ok and not Result(diagnostics, config, strict=True).ok
