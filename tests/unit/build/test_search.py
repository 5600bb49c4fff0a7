"""Full-text search: the Pagefind index, its cache, and the search page in a real browser."""

import json
from datetime import date

import pytest

import callboard.build.search
from callboard.build.cache import MemoryCache
from callboard.build.pipeline import RunOptions, build
from callboard.build.search import pages_key, shards
from tests.support.boards import FIXTURES, NOW


def test_the_index_has_one_language_per_page_language(built_site):
    listed = json.loads((built_site / "pagefind/shards.json").read_text(encoding="utf-8"))
    assert listed["shards"][0]["path"] == "0/"
    counts = {}
    for shard in listed["shards"]:
        entry = json.loads((built_site / "pagefind" / shard["path"] / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert {lang: index["page_count"] for lang, index in entry["languages"].items()} == shard["languages"]
        for lang, count in shard["languages"].items():
            counts[lang] = counts.get(lang, 0) + count
    marked = [p for p in built_site.rglob("*.html") if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert counts["en"] == 1 and counts["sv"] == len(marked) - 1 > 5


def test_shards_split_pages_by_path_alone():
    pages = {f"needs/n{i}/index.html": f"digest{i}" for i in range(2500)}
    split = shards(pages, 1000)
    assert len(split) == 3 and sorted(p for part in split for p in part) == sorted(pages)
    assert all(600 < len(part) < 1100 for part in split)
    changed = shards({**pages, "needs/n7/index.html": "edited"}, 1000)
    assert sum(1 for before, after in zip(split, changed) if before != after) == 1
    assert shards(dict(reversed(pages.items())), 1000) == split


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
    assert (tmp_path / "one/pagefind").is_dir() and (tmp_path / "two/pagefind/0/pagefind-entry.json").is_file()
    need = fixture_board / "content/needs/snorojning.md"
    need.write_text(need.read_text(encoding="utf-8").replace("Löpande behov", "Ett löpande behov"), encoding="utf-8")
    assert build(options, tmp_path / "three").search.state == "built"


def test_an_edit_indexes_only_the_shard_that_holds_the_page(fixture_board, tmp_path, monkeypatch):
    monkeypatch.setattr(callboard.build.search, "SHARD_PAGES", 3)
    options = RunOptions(root=fixture_board, now=date.fromisoformat(NOW))
    first = build(options, tmp_path / "out").search
    assert first.state == "built" and first.shards >= 3 and first.reused == 0
    need = fixture_board / "content/needs/snorojning.md"
    need.write_text(need.read_text(encoding="utf-8").replace("Löpande behov", "Ett löpande behov"), encoding="utf-8")
    again = build(options, tmp_path / "out").search
    assert (again.state, again.shards, again.reused) == ("built", first.shards, first.shards - 1)
    assert 0 < again.indexed <= 6
    listed = json.loads((tmp_path / "out/pagefind/shards.json").read_text(encoding="utf-8"))["shards"]
    assert [shard["path"] for shard in listed] == [f"{n}/" for n in range(first.shards)]
    assert all((tmp_path / "out/pagefind" / shard["path"] / "pagefind.js").is_file() for shard in listed)


def test_without_the_board_cache_unchanged_shards_come_from_the_previous_output(fixture_board, tmp_path,
                                                                              monkeypatch):
    """The dev server keeps no cache on disk: the live site and the spare folder hold the index,
    trusted because its cache in memory knows what it wrote there."""
    monkeypatch.setattr(callboard.build.search, "SHARD_PAGES", 3)
    options = RunOptions(root=fixture_board, now=date.fromisoformat(NOW), use_cache=False)
    out = tmp_path / "out"
    memory = MemoryCache()
    first = build(options, out, cache=memory).search
    need = fixture_board / "content/needs/snorojning.md"
    for number in range(3):  # the second edit finds its shards in the spare folder, not only in the live one
        need.write_text(need.read_text(encoding="utf-8").replace("Löpande", f"Löpande {number}"), encoding="utf-8")
        again = build(options, out, cache=memory).search
        assert (again.state, again.reused) == ("built", first.shards - 1), number
    assert build(options, tmp_path / "out").search.reused == 0  # no cache vouches for what out/ holds
    assert not (fixture_board / ".callboard-cache").exists()


def test_no_search_builds_without_an_index_and_says_so_in_one_line(cli, fixture_board, tmp_path):
    out = tmp_path / "out"
    result = cli("build", "--root", fixture_board, "--out", out, "--now", NOW, "--no-search")
    assert result.code == 0
    assert [line for line in result.out.splitlines() if line.startswith("obs:")] == [  # a Swedish board
        "obs: sökfunktionen togs inte med (--no-search)"]
    assert not (out / "pagefind").exists() and (out / "sok/index.html").is_file()


def test_a_missing_indexer_is_a_note_not_a_failure(cli, fixture_board, tmp_path, monkeypatch):
    monkeypatch.setattr("callboard.build.search.find_indexer", lambda: None)
    out = tmp_path / "out"
    result = cli("build", "--root", fixture_board, "--out", out, "--now", NOW)
    assert result.code == 0 and "obs: sökfunktionen togs inte med: Pagefind är inte installerat" in result.out
    assert (out / "index.html").is_file() and not (out / "pagefind").exists()


@pytest.fixture(scope="module")
def sharded_site(tmp_path_factory):
    """The fixture board with an index in shards of three pages, merged by the search page."""
    import shutil

    root = tmp_path_factory.mktemp("sharded") / "board"
    shutil.copytree(FIXTURES / "board", root, ignore=shutil.ignore_patterns(".callboard-cache"))
    patch = pytest.MonkeyPatch()
    patch.setattr(callboard.build.search, "SHARD_PAGES", 3)
    try:
        result = build(RunOptions(root=root, now=date.fromisoformat(NOW)), root.parent / "site")
    finally:
        patch.undo()
    assert result.ok and result.search.shards >= 3
    return root.parent / "site"


@pytest.fixture(scope="module", params=["one shard", "shards"])
def search_page(request, browser, serve_folder, built_site):
    site = built_site if request.param == "one shard" else request.getfixturevalue("sharded_site")
    base = serve_folder(site)
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
    assert "static/pagefind/x.js: fel: pagefind/ är sökindexets mapp; flytta filen" in result.err
    assert "static/feed.xml: fel: skulle ersätta den genererade sidan /feed.xml" in result.err
