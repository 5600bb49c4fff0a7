"""The whole build on the fixture board: every page type and what each page must show."""

import re

import html5lib
import pytest

from tests.support.boards import NOW, need_file, read_tree


@pytest.fixture
def site(cli, fixture_board, tmp_path):
    out = tmp_path / "out"
    result = cli("build", "--root", fixture_board, "--out", out, "--now", NOW, "--no-search")
    assert result.code == 0, result.err
    return out


def page(site, path):
    return (site / path).read_text(encoding="utf-8")


EXPECTED_PAGES = [
    "index.html", "404.html", "needs/index.html", "needs/smart-las/index.html",
    "testbeds/index.html", "testbeds/solrosen/index.html",
    "cases/index.html", "cases/matsvinn-halverat/index.html",
    "categories/index.html", "categories/vard-och-omsorg/index.html",
    "organisations/index.html", "organisations/vaxjo-kommun/index.html",
    "tags/index.html", "tags/las/index.html", "images/tallrik.svg",
]


@pytest.mark.parametrize("path", EXPECTED_PAGES)
def test_every_page_type_is_written(site, path):
    assert (site / path).is_file()


def test_every_page_is_well_formed_html5_with_the_basics(site):
    parser = html5lib.HTMLParser(strict=True)
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        parser.parse(text)
        assert text.startswith("<!DOCTYPE html>"), path
        assert re.search(r'<html lang="(sv|en)">', text), path
        assert 'class="skip-link" href="#main_content"' in text and 'id="main_content"' in text, path
        assert '<meta name="description"' in text, path
        assert text.count("<h1") == 1, path


def test_need_page_shows_everything_a_start_up_needs(site):
    html = page(site, "needs/smart-las/index.html")
    assert "Smarta lås i hemtjänsten" in html
    assert "Stänger om 5 dagar" in html
    assert "3 december 2026" in html
    assert 'href="/organisations/vaxjo-kommun/"' in html
    assert "Innovationspartnerskap" in html and "2 000 000 SEK" in html
    assert 'href="/categories/vard-och-omsorg/"' in html and 'href="/tags/las/"' in html
    assert 'href="mailto:anna.andersson@vaxjo.example.se"' in html
    assert 'href="tel:0701234567"' in html
    assert 'href="/testbeds/solrosen/"' in html
    assert '<link rel="canonical" href="https://tavla.example.org/needs/smart-las/">' in html
    assert '<th class="align-left">Område</th>' in html


def test_deadline_day_and_closed_and_rolling_texts(site):
    assert "Last day today" not in page(site, "needs/english-call/index.html")  # UI is Swedish
    assert "Sista dag idag" in page(site, "needs/english-call/index.html")
    assert "Stängde 27 november 2026" in page(site, "needs/vattenlackor/index.html")
    assert "Löpande, ingen sista dag" in page(site, "needs/snorojning/index.html")
    assert "Öppnar 10 januari 2027" in page(site, "needs/energi/index.html")


def test_english_need_has_english_page_language_and_swedish_chrome(site):
    html = page(site, "needs/english-call/index.html")
    assert '<html lang="en">' in html
    assert '<header class="site-header" lang="sv">' in html


def test_case_links_back_to_its_need_and_the_need_lists_the_case(site):
    assert 'href="/needs/skolmaltider/"' in page(site, "cases/matsvinn-halverat/index.html")
    assert 'href="/cases/matsvinn-halverat/"' in page(site, "needs/skolmaltider/index.html")
    assert 'alt="En tallrik med en liten matrest."' in page(site, "cases/matsvinn-halverat/index.html")


def test_organisation_page_gathers_needs_testbeds_and_cases(site):
    html = page(site, "organisations/vaxjo-kommun/index.html")
    assert 'href="/needs/smart-las/"' in html and 'href="/testbeds/solrosen/"' in html
    assert 'href="/cases/matsvinn-halverat/"' in page(site, "organisations/region-testland/index.html")


def test_needs_list_order_open_by_deadline_then_upcoming_then_archive(site):
    html = page(site, "needs/index.html")
    order = re.findall(r'class="card__title"[^>]*><a href="/needs/([a-z-]+)/"', html)
    assert order == ["english-call", "smart-las", "snorojning", "energi", "vattenlackor", "skolmaltider", "avbruten"]


def test_drafts_and_future_needs_are_left_out(site):
    assert not (site / "needs/utkast").exists() and not (site / "needs/framtida").exists()
    assert "Hemligt utkast" not in page(site, "needs/index.html")


def test_drafts_flag_builds_drafts_marked_as_drafts(cli, fixture_board, tmp_path):
    out = tmp_path / "preview"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW, "--drafts").code == 0
    assert "Utkast, ej publicerad" in page(out, "needs/utkast/index.html")
    assert "Utkast, ej publicerad" in page(out, "needs/framtida/index.html")
    assert "Utkast, ej publicerad" not in page(out, "needs/smart-las/index.html")


def test_404_links_do_not_depend_on_its_folder(site):
    html = page(site, "404.html")
    assert re.search(r'href="/assets/callboard\.[0-9a-f]{8}\.css"', html)
    assert 'href="/needs/"' in html


def test_sub_path_base_url_prefixes_every_internal_link(cli, fixture_board, tmp_path):
    out = tmp_path / "sub"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW,
               "--base-url", "https://org.github.io/board/").code == 0
    for path in out.rglob("*.html"):
        links = re.findall(r'(?:href|src)="(/[^"]*)"', path.read_text(encoding="utf-8"))
        assert links and all(link.startswith("/board/") for link in links), (path, links)
    body_link = page(out, "needs/smart-las/index.html")
    assert 'href="/board/needs/snorojning/"' in body_link


def test_long_lists_are_paginated_fifty_a_page(cli, make_board, tmp_path):
    files = {f"content/needs/n{i:03d}.md": need_file(title=f"Behov {i:03d}") for i in range(120)}
    out = tmp_path / "out"
    assert cli("build", "--root", make_board(files), "--out", out, "--now", NOW).code == 0
    first, third = page(out, "needs/index.html"), page(out, "needs/page/3/index.html")
    card = 'class="card__title"><a href="/needs/n'
    assert first.count(card) == 50 and third.count(card) == 20
    assert 'href="/needs/page/2/" rel="next"' in first
    assert 'href="/needs/page/2/" rel="prev"' in third and "Sida 3 av 3" in third
    assert not (out / "needs/page/4").exists() and not (out / "needs/page/1").exists()


def test_two_builds_are_byte_identical(cli, fixture_board, tmp_path):
    outputs = []
    for name in ("one", "two"):
        out = tmp_path / name
        assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW).code == 0
        outputs.append(read_tree(out))
    assert outputs[0] == outputs[1]


def test_status_changes_with_the_build_date(cli, fixture_board, tmp_path):
    out = tmp_path / "later"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", "2026-12-04").code == 0
    assert "Stängde 3 december 2026" in page(out, "needs/smart-las/index.html")


def test_english_board_has_english_ui(cli, fixture_board, tmp_path):
    toml = fixture_board / "callboard.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('lang = "sv"', 'lang = "en"'), encoding="utf-8")
    out = tmp_path / "en"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW).code == 0
    html = page(out, "needs/smart-las/index.html")
    assert "Closes in 5 days" in html and "Closing date" in html and "Skip to content" in html
    assert '<form class="site-search" role="search" action="/search/" method="get">' in html
    assert (out / "search/index.html").is_file() and not (out / "sok").exists()


def test_a_board_overrides_theme_templates_and_static_files_file_by_file(cli, fixture_board, tmp_path):
    (fixture_board / "templates").mkdir()
    (fixture_board / "templates/404.html").write_text("custom 404 {{ config.title }}", encoding="utf-8")
    (fixture_board / "static/assets").mkdir(parents=True)
    (fixture_board / "static/assets/callboard.css").write_text("body{}", encoding="utf-8")
    out = tmp_path / "custom"
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW).code == 0
    assert page(out, "404.html") == "custom 404 Testtavlan"
    stylesheet = re.search(r'href="/(assets/callboard\.[0-9a-f]{8}\.css)"', page(out, "needs/index.html"))[1]
    assert page(out, stylesheet) == "body{}"  # the board's, minified and named after its content
    assert [p.name for p in (out / "assets").glob("callboard*")] == [stylesheet.split("/")[1]]
    assert len(list((out / "assets").glob("favicon.*.svg"))) == 1
    assert "Smarta lås" in page(out, "needs/smart-las/index.html")


def test_a_boards_own_file_in_static_assets_keeps_its_name(cli, fixture_board, tmp_path):
    """Only the theme's assets (or a board's file in their place) are renamed after their content:
    a body may link to a board's own file in assets/ by its name, and check and build agree."""
    (fixture_board / "static/assets").mkdir(parents=True)
    (fixture_board / "static/assets/guide.txt").write_text("Så söker du.", encoding="utf-8")
    need = fixture_board / "content/needs/smart-las.md"
    need.write_text(need.read_text(encoding="utf-8") + "\n[Guiden](/assets/guide.txt)\n", encoding="utf-8")
    out = tmp_path / "own-assets"
    assert cli("check", "--root", fixture_board, "--now", NOW).code == 0
    assert cli("build", "--root", fixture_board, "--out", out, "--now", NOW).code == 0
    assert page(out, "assets/guide.txt") == "Så söker du."


def test_pagination_window_links_first_last_and_neighbours():
    from callboard.site.pages import Pagination

    assert Pagination(10, 200, "needs/").window() == [1, None, 8, 9, 10, 11, 12, None, 200]
    assert Pagination(1, 3, "needs/").window() == [1, 2, 3]
    assert Pagination(1, 1, "needs/").url_for(1) == "needs/"
