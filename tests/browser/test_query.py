"""assets/query.js, the query-string module that needs-filter.js and search.js share, in Chromium."""

import re
import shutil

import pytest

from tests.support.boards import REPO

QUERY_JS = REPO / "templates" / "static" / "assets" / "query.js"


@pytest.fixture(scope="module")
def page(browser, serve_folder, tmp_path_factory):
    folder = tmp_path_factory.mktemp("query")
    (folder / "assets").mkdir()
    shutil.copy(QUERY_JS, folder / "assets" / "query.js")
    (folder / "list").mkdir()
    (folder / "list" / "index.html").write_text(
        '<!DOCTYPE html><html lang="sv"><title>q</title><script src="/assets/query.js"></script></html>',
        encoding="utf-8")
    base = serve_folder(folder)
    context = browser.new_context()
    opened = context.new_page()
    opened.goto(base + "list/?q=l%C3%A5s&kind=Behov&kind=Testb%C3%A4dd&other=x")
    yield opened
    context.close()


def test_read_gives_every_value_of_each_asked_key(page):
    values = page.evaluate("callboardQuery.read(['q', 'kind', 'status'])")
    assert values == {"q": ["lås"], "kind": ["Behov", "Testbädd"], "status": []}


def test_address_keeps_the_key_order_and_leaves_out_empty_and_default_values(page):
    address = page.evaluate("""callboardQuery.address(
        {sort: 'deadline', category: 'energi', status: '', kind: ['Behov', 'Testbädd']},
        ['status', 'category', 'kind', 'sort'], {sort: 'deadline'})""")
    assert address == "/list/?category=energi&kind=Behov&kind=Testb%C3%A4dd"
    assert page.evaluate("callboardQuery.address({sort: 'deadline'}, ['sort'], {sort: 'deadline'})") == "/list/"


def test_push_adds_a_history_entry_that_read_then_sees(page):
    page.evaluate("callboardQuery.push({within: '30', status: 'open'}, ['status', 'within'])")
    assert page.url.endswith("/list/?status=open&within=30")
    assert page.evaluate("callboardQuery.read(['status', 'within'])") == {"status": ["open"], "within": ["30"]}
    page.go_back()
    assert page.evaluate("callboardQuery.read(['kind'])") == {"kind": ["Behov", "Testbädd"]}


def test_the_module_cannot_be_changed_by_a_page_script(page):
    assert page.evaluate("Object.isFrozen(callboardQuery)")


@pytest.mark.parametrize(("path", "script"), [("needs/index.html", "needs-filter.js"), ("sok/index.html", "search.js")])
def test_the_needs_list_and_the_search_page_load_the_module_before_their_script(built_site, path, script):
    html = (built_site / path).read_text(encoding="utf-8")
    module = re.search(r'<script src="/assets/query\.[0-9a-f]{8}\.js" defer></script>', html).start()
    stem, suffix = script.rsplit(".", 1)
    assert re.search(rf'src="/assets/{stem}\.[0-9a-f]{{8}}\.{suffix}"', html).start() > module
