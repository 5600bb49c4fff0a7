"""Publishing: a template mistake or a full disk is an error with its file, and the live site
stays exactly as it was."""

from dataclasses import replace
from datetime import date

from callboard.build.pipeline import Effects, RunOptions, build
from callboard.build.write import TEMP_MARK
from callboard.core.diagnostics import format_diagnostics
from callboard.i18n import Translator
from tests.support.boards import NOW, read_tree


def snapshot(folder):
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


def temporaries(out):
    return sorted(out.parent.glob(f".{out.name}{TEMP_MARK}*"))


def test_a_template_error_names_the_template_and_line_and_keeps_the_old_site(cli, fixture_board, tmp_path):
    out = tmp_path / "out"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW).code == 0
    before = snapshot(out)
    (fixture_board / "templates").mkdir()
    (fixture_board / "templates/404.html").write_text("line one\n{% if %}\n", encoding="utf-8")
    result = cli("build", "--root", fixture_board, "--out", out, "--now", NOW)
    assert result.code == 1
    assert "templates/404.html:2: fel: fel i mallen:" in result.err  # in the Swedish board's language
    assert snapshot(out) == before
    assert not any(".callboard-tmp-" in p.name for p in tmp_path.iterdir())


def test_a_full_disk_is_an_error_naming_the_output_and_the_old_site_stays(fixture_board, tmp_path):
    out = tmp_path / "out"
    options = RunOptions(root=fixture_board, now=date.fromisoformat(NOW))
    assert build(options, out).ok
    before = read_tree(out)

    def disk_full(folder, path, data):
        raise OSError(28, "No space left on device", str(folder / path))

    result = build(replace(options, use_cache=False), out, effects=Effects(write=disk_full))
    assert not result.ok
    assert f"{out}: error: cannot write the site: No space left on device" in format_diagnostics(
        result.diagnostics.sorted(), Translator("en").message)
    assert read_tree(out) == before and temporaries(out) == []
