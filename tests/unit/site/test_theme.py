"""The default theme works from a checkout and from an installed wheel."""

import subprocess
import sys
import zipfile

from callboard.site.theme import ThemeFiles, default_theme_dir
from tests.support.boards import REPO


def test_checkout_uses_the_repository_templates():
    assert default_theme_dir() == REPO / "templates"


def test_board_files_override_theme_files_and_example_images_stay_out_of_the_theme(tmp_path):
    (tmp_path / "static" / "assets").mkdir(parents=True)
    (tmp_path / "static" / "assets" / "callboard.css").write_text("x", encoding="utf-8")
    files = ThemeFiles.for_board(tmp_path).static_files()
    assert files["assets/callboard.css"] == tmp_path / "static" / "assets" / "callboard.css"
    assert files["assets/favicon.svg"].is_relative_to(REPO / "templates")
    assert not any(path.startswith("images/") for path in files)


def test_the_templates_are_the_pages_and_the_drawings_not_the_static_files(tmp_path):
    """A template's edit must reach the build's inputs fingerprint, an SVG template's too."""
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "statistics_chart.svg").write_text("<svg/>", encoding="utf-8")
    files = ThemeFiles.for_board(tmp_path).template_files()
    assert files["statistics_chart.svg"] == tmp_path / "templates" / "statistics_chart.svg"
    assert files["statistics.html"] == REPO / "templates" / "statistics.html"
    assert not any(name.startswith("static/") for name in files)


def test_the_wheel_carries_the_theme(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path), str(REPO)], check=True)
    (wheel,) = tmp_path.glob("callboard-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"callboard/theme/base.html", "callboard/theme/need.html",
            "callboard/theme/static/assets/callboard.css"} <= names
    assert not any(name.startswith("callboard/theme/") and "images/" in name for name in names)


def test_the_item_pages_share_one_layout_and_the_facts_rows():
    """need.html, testbed.html and case.html fill the blocks of item.html; the article, the
    header and the facts box are written once, and the rows they share are partials/facts.html."""
    for name in ("need.html", "testbed.html", "case.html"):
        text = (REPO / "templates" / name).read_text(encoding="utf-8")
        assert text.startswith('{% extends "item.html" %}\n'), name
        assert '{% include "partials/facts.html" %}' in text, name
        assert not any(tag in text for tag in ("<article", "<aside", "<header", 'class="prose"')), name
