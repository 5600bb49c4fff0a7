"""Full-text search: the Pagefind index, its cache, and the search page in a real browser."""

import json
from datetime import date

import pytest

from callboard.pipeline import RunOptions, build
from callboard.search import pages_key
from conftest import NOW


def test_the_index_has_one_language_per_page_language(built_site):
    entry = json.loads((built_site / "pagefind/pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(entry["languages"]) == {"sv", "en"}
    assert entry["languages"]["en"]["page_count"] == 1


def test_only_an_items_own_text_is_marked_for_indexing(built_site):
    need = (built_site / "needs/smart-las/index.html").read_text(encoding="utf-8")
    assert need.count("data-pagefind-body") == 1
    assert '<article class="item item--need" data-pagefind-body' in need
    assert 'data-pagefind-filter="status" data-pagefind-meta="status">Öppen</dd>' in need
    assert "data-pagefind-body" not in (built_site / "needs/index.html").read_text(encoding="utf-8")


def test_the_cache_key_changes_with_any_page_and_with_the_indexer():
    pages = {"index.html": "aaa", "needs/a/index.html": "bbb"}
    assert pages_key(pages, "1.0") == pages_key(dict(reversed(pages.items())), "1.0")
    assert pages_key(pages, "1.0") != pages_key({**pages, "needs/a/index.html": "ccc"}, "1.0")
    assert pages_key(pages, "1.0") != pages_key(pages, "1.1")


def test_a_rebuild_with_no_changed_page_does_not_run_the_indexer(fixture_board, tmp_path):
    options = RunOptions(root=fixture_board, now=date.fromisoformat(NOW))
    assert build(options, tmp_path / "one").search.state == "built"
    again = build(options, tmp_path / "two")
    assert again.search.state == "reused"
    assert (tmp_path / "one/pagefind").is_dir() and (tmp_path / "two/pagefind/pagefind-entry.json").is_file()
    need = fixture_board / "content/needs/snorojning.md"
    need.write_text(need.read_text(encoding="utf-8").replace("Löpande behov", "Ett löpande behov"), encoding="utf-8")
    assert build(options, tmp_path / "three").search.state == "built"


def test_no_search_builds_without_an_index_and_says_so_in_one_line(cli, fixture_board, tmp_path):
    out = tmp_path / "out"
    result = cli("build", "--root", fixture_board, "--out", out, "--now", NOW, "--no-search")
    assert result.code == 0
    assert [line for line in result.out.splitlines() if line.startswith("note:")] == [
        "note: search was left out (--no-search)"]
    assert not (out / "pagefind").exists() and (out / "sok/index.html").is_file()


def test_a_missing_indexer_is_a_note_not_a_failure(cli, fixture_board, tmp_path, monkeypatch):
    monkeypatch.setattr("callboard.search.find_indexer", lambda: None)
    out = tmp_path / "out"
    result = cli("build", "--root", fixture_board, "--out", out, "--now", NOW)
    assert result.code == 0 and "note: search was left out: Pagefind is not installed" in result.out
    assert (out / "index.html").is_file() and not (out / "pagefind").exists()


@pytest.fixture(scope="module")
def search_page(browser, serve_folder, built_site):
    base = serve_folder(built_site)
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    yield base, page
    context.close()


def results(page):
    page.wait_for_function("document.getElementById('search_status').textContent.match(/träff/)")
    return page.locator("#search_results .search-result__title a").all_inner_texts()


def test_a_swedish_word_finds_its_need_with_stemming(search_page):
    base, page = search_page
    page.goto(base + "sok/?q=nycklar")
    assert results(page) == ["Smarta lås i hemtjänsten"]
    assert page.locator("#search_status").inner_text() == "1 träff"
    facts = page.locator("#search_results .search-result__facts").first.inner_text()
    assert "Öppen" in facts and "Sista ansökningsdag 3 december 2026" in facts
    page.goto(base + "sok/?q=vattenläcka")  # "Vattenläckor" in the title: same stem
    assert results(page) == ["Vattenläckor i ledningsnätet"]


def test_an_english_need_is_found_from_the_swedish_search_page(search_page):
    base, page = search_page
    page.goto(base + "sok/?q=power")
    assert results(page) == ["Peak power in offices"]


def test_navigation_and_footer_are_not_indexed(search_page):
    base, page = search_page
    page.goto(base + "sok/?q=kalkylark")  # in every footer: "Behoven som kalkylark (CSV)"
    page.wait_for_function("document.getElementById('search_status').textContent !== ''"
                           " && !document.getElementById('search_status').textContent.includes('…')")
    assert page.locator("#search_status").inner_text().startswith("Inga träffar")


def test_filters_narrow_the_results_and_live_in_the_address(search_page):
    base, page = search_page
    page.goto(base + "sok/?q=skola")
    page.wait_for_function("document.getElementById('search_status').textContent.match(/träff/)")
    page.get_by_role("checkbox", name="Gott exempel").check()
    page.wait_for_url("**/sok/?q=skola&kind=Gott+exempel")
    assert results(page) == ["Matsvinnet halverades"]
    page.go_back()
    page.wait_for_function("!document.querySelector('#search_filters input:checked')")
    assert "Matsvinnet halverades" in results(page) and len(results(page)) > 1


def test_without_javascript_the_search_page_says_so_and_links_categories(browser, serve_folder, built_site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(serve_folder(built_site) + "sok/?q=nycklar")
    message = page.locator("#search_nojs")
    assert message.is_visible() and "Sökningen behöver JavaScript" in message.inner_text()
    assert message.get_by_role("link", name="Bläddra bland kategorier").get_attribute("href") == "/categories/"
    assert message.get_by_role("link", name="Bläddra bland organisationer").get_attribute("href") == "/organisations/"
    page.goto(serve_folder(built_site) + "needs/")
    page.locator("#site_search_query").fill("lås")
    page.locator(".site-search__button").click()
    page.wait_for_url("**/sok/?q=l%C3%A5s")
    context.close()


def test_static_files_cannot_go_into_the_search_index_folder(cli, fixture_board, tmp_path):
    (fixture_board / "static/pagefind").mkdir(parents=True)
    (fixture_board / "static/pagefind/x.js").write_text("x", encoding="utf-8")
    (fixture_board / "static/feed.xml").write_text("<x/>", encoding="utf-8")
    result = cli("build", "--root", fixture_board, "--out", tmp_path / "out", "--now", NOW, "--no-search")
    assert result.code == 1
    assert "static/pagefind/x.js: error: pagefind/ is the search index's folder; move the file" in result.err
    assert "static/feed.xml: error: would replace the generated page /feed.xml" in result.err
