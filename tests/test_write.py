"""Output is all or nothing: a failed build leaves the previous site exactly as it was."""

import os

from callboard.write import SiteWriter, check_output_dir
from conftest import NOW, read_tree


def snapshot(folder):
    return {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(folder.rglob("*")) if p.is_file()}


def test_invalid_content_writes_nothing_and_keeps_the_old_site(cli, fixture_board, tmp_path):
    out = tmp_path / "out"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW).code == 0
    before = snapshot(out)
    need = fixture_board / "content/needs/smart-las.md"
    need.write_text(need.read_text(encoding="utf-8").replace("2026-12-03", "2026-13-03"), encoding="utf-8")
    result = cli("build", "--root", fixture_board, "--out", out, "--now", NOW)
    assert result.code == 1
    assert "content/needs/smart-las.md:6: error: deadline '2026-13-03' is not a valid date" in result.err
    assert "nothing was written" in result.err
    assert snapshot(out) == before
    assert not any(".callboard-tmp-" in p.name for p in tmp_path.iterdir())


def test_invalid_content_on_a_fresh_board_creates_no_output(cli, fixture_board, tmp_path):
    (fixture_board / "content/needs/smart-las.md").write_text("---\ntitle: x\n", encoding="utf-8")
    out = tmp_path / "out"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW).code == 1
    assert not out.exists()


def test_a_template_error_names_the_template_and_line_and_keeps_the_old_site(cli, fixture_board, tmp_path):
    out = tmp_path / "out"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW).code == 0
    before = snapshot(out)
    (fixture_board / "templates").mkdir()
    (fixture_board / "templates/404.html").write_text("line one\n{% if %}\n", encoding="utf-8")
    result = cli("build", "--root", fixture_board, "--out", out, "--now", NOW)
    assert result.code == 1
    assert "templates/404.html:2: error: template error:" in result.err
    assert snapshot(out) == before
    assert not any(".callboard-tmp-" in p.name for p in tmp_path.iterdir())


def test_output_inside_or_containing_the_board_is_refused(cli, fixture_board, tmp_path):
    for out in (fixture_board, tmp_path, fixture_board / "content" / "site"):
        result = cli("build", "--root", fixture_board, "--out", out, "--now", NOW)
        assert result.code == 2, out
        assert "refusing to write" in result.err
    assert (fixture_board / "content/needs/smart-las.md").is_file()


def test_a_successful_build_replaces_the_old_site_completely(cli, fixture_board, tmp_path):
    out = tmp_path / "out"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW).code == 0
    (out / "stale.html").write_text("old", encoding="utf-8")
    (fixture_board / "content/needs/snorojning.md").unlink()
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW).code == 0
    assert not (out / "stale.html").exists() and not (out / "needs/snorojning").exists()


def test_leftovers_of_a_killed_build_are_removed_by_the_next(tmp_path):
    out = tmp_path / "site"
    leftover = tmp_path / ".site.callboard-tmp-abc123"
    leftover.mkdir()
    (leftover / "index.html").write_text("half", encoding="utf-8")
    writer = SiteWriter(out)
    writer.commit({"index.html": writer.write("index.html", b"new")}, {"index.html"})
    assert not leftover.exists()
    assert read_tree(out) == {"index.html": b"new"}
    assert oct(os.stat(out).st_mode & 0o777) == "0o755"


def test_check_output_dir_accepts_a_sibling_folder(tmp_path):
    check_output_dir(tmp_path / "board" / "site", tmp_path / "board")
