"""Static files that would publish active content (issue 18, finding 5)."""

from functools import partial

import pytest

from callboard.content.activecontent import host_file, publishable_static
from callboard.core.diagnostics import Diagnostics
from tests.support.boards import ENGLISH_BOARD_TOML
from tests.support.messages import english


@pytest.fixture
def make_board(make_board):
    """These tests read callboard's messages in English, and it speaks the board's language:
    their boards are English."""
    return partial(make_board, config=ENGLISH_BOARD_TOML)

PLAIN_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'
SCRIPT_SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def judge(tmp_path, files: dict[str, bytes], host_files=(), theme_paths=frozenset()):
    board = tmp_path / "board"
    sources = {}
    for path, data in files.items():
        source = board / "static" / path
        source.parent.mkdir(parents=True, exist_ok=True)
        source.write_bytes(data)
        sources[path] = source
    diagnostics = Diagnostics()
    kept = publishable_static(sources, board, frozenset(theme_paths), tuple(host_files), diagnostics)
    return sorted(kept), [(d.path, d.severity.value, english(d.message)) for d in diagnostics.sorted()]


def test_an_svg_with_script_is_an_error_at_its_file_and_is_not_published(tmp_path):
    kept, problems = judge(tmp_path, {"images/ok.svg": PLAIN_SVG, "images/x.svg": SCRIPT_SVG})
    assert kept == ["images/ok.svg"]
    assert problems == [("static/images/x.svg", "error", "contains a <script> element, which can run code; "
                                                          "an SVG must be a plain drawing, save it without it")]


def test_host_control_files_are_left_out_unless_the_config_names_them(tmp_path):
    files = {"_redirects": b"/* https://evil.example 302", "_worker.js/index.js": b"export default {}",
             "_routes.json": b"{}", "CNAME": b"tavla.example.org", "docs/_redirects": b"not in the root"}
    kept, problems = judge(tmp_path, files, host_files=("CNAME",))
    assert kept == ["CNAME", "docs/_redirects"]
    assert [(path, severity) for path, severity, _ in problems] == [
        ("static/_redirects", "warning"), ("static/_routes.json", "warning"), ("static/_worker.js/index.js", "warning")]
    assert "add host_files = [\"_redirects\"] to callboard.toml" in problems[0][2]
    assert host_file("_worker.js/index.js") == "_worker.js" and host_file("assets/_redirects") is None


def test_pages_and_scripts_that_replace_no_theme_file_get_a_warning(tmp_path):
    files = {"assets/callboard.js": b"/* the board's own version */", "x/index.html": b"<script>alert(1)</script>",
             "tools/app.js": b"alert(1)"}
    kept, problems = judge(tmp_path, files, theme_paths={"assets/callboard.js"})
    assert kept == sorted(files)
    assert [(path, severity) for path, severity, _ in problems] == [("static/tools/app.js", "warning"),
                                                                    ("static/x/index.html", "warning")]


def test_the_themes_own_files_are_not_judged(tmp_path):
    theme = tmp_path / "theme/static/assets/search.js"
    theme.parent.mkdir(parents=True)
    theme.write_text("code", encoding="utf-8")
    diagnostics = Diagnostics()
    (tmp_path / "board").mkdir()
    kept = publishable_static({"assets/search.js": theme}, tmp_path / "board", frozenset(), (), diagnostics)
    assert list(kept) == ["assets/search.js"] and not diagnostics.items


def test_content_that_points_at_an_active_svg_is_an_error_at_its_line(cli, make_board):
    from tests.support.boards import need_file

    root = make_board({"content/needs/a.md": need_file(body="Text.\n\n![ritning](/images/x.svg)"),
                       "content/needs/b.md": need_file(body="![ren](/images/ok.svg)"),
                       "static/images/x.svg": SCRIPT_SVG.decode(), "static/images/ok.svg": PLAIN_SVG.decode()})
    result = cli("check", "--root", root, "--now", "2026-11-28")
    assert result.code == 1
    assert ("content/needs/a.md:12: error: the image 'images/x.svg' is an SVG that contains a <script> element, "
            "which can run code; it must be a plain drawing") in result.err
    assert "b.md" not in result.err
