"""The steps on the finished folder: a broken link names the file that made it."""

from datetime import date

from callboard.build.finish import link_origins
from callboard.build.pipeline import RunOptions, build
from callboard.i18n import Translator
from callboard.site.pages import plan_pages
from callboard.site.theme import ThemeFiles
from tests.support.boards import NOW


def test_each_output_file_names_the_template_content_or_static_file_that_made_it(fixture_board, tmp_path):
    result = build(RunOptions(root=fixture_board, now=date.fromisoformat(NOW), search=False), tmp_path / "out")
    assert result.ok
    pages = plan_pages(result.board, Translator(result.board.config.lang))
    static = ThemeFiles.for_board(fixture_board).static_files()
    theme_style = next(path for path in static if path.endswith(".css"))
    origins = link_origins(result.board, pages, static)
    need = origins["needs/smart-las/index.html"]
    assert (need.source, need.content) == ("templates/need.html", "content/needs/smart-las.md")
    assert [(link.url, link.line) for link in need.body_links] == [("/needs/snorojning/", 19)]
    assert origins["index.html"].source.startswith("templates/") and origins["index.html"].content == ""
    assert origins["images/tallrik.svg"].source == "static/images/tallrik.svg"  # the board's own
    assert origins[theme_style].source == f"templates/static/{theme_style}"  # the theme's
