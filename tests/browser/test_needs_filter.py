"""The needs list: static views by status, the compact index, and the filter script in Chromium."""

import json
import re

import pytest

from callboard.outputs.needindex import FIELDS
from tests.support.boards import NOW, need_file


def test_static_status_views_exist_and_hold_only_their_status(built_site):
    for status, slugs in {"open": ["english-call", "smart-las", "snorojning"], "upcoming": ["energi"],
                          "closed": ["vattenlackor"], "awarded": ["skolmaltider"], "cancelled": ["avbruten"]}.items():
        html = (built_site / f"needs/{status}/index.html").read_text(encoding="utf-8")
        for slug in slugs:
            assert re.search(f'class="card__title"[^>]*><a href="/needs/{slug}/"', html), (status, slug)
        assert len(re.findall('class="card__title"[^>]*><a href="/needs/', html)) == len(slugs), status
    nav = (built_site / "needs/closed/index.html").read_text(encoding="utf-8")
    assert '<a href="/needs/closed/" aria-current="page">Stängda behov' in nav


def test_status_views_are_paginated(cli, make_board, tmp_path):
    files = {f"content/needs/n{i:03d}.md": need_file(title=f"Behov {i:03d}", extra="deadline: 2026-11-01")
             for i in range(55)}
    out = tmp_path / "out"
    assert cli("build", "--root", make_board(files), "--out", out, "--now", NOW, "--no-search").code == 0
    assert (out / "needs/closed/page/2/index.html").is_file()
    assert (out / "needs/open/index.html").is_file() and not (out / "needs/open/page/2").exists()


def test_the_index_holds_every_need_compactly(built_site):
    index = json.loads((built_site / "needs/index.json").read_text(encoding="utf-8"))
    assert tuple(index["fields"]) == FIELDS
    rows = {row[0]: dict(zip(FIELDS, row)) for row in index["needs"]}
    assert len(rows) == 7
    smart = rows["needs/smart-las/"]
    assert smart["categories"] == ["vard-och-omsorg", "digitalisering"] and smart["days_left"] == 5
    assert smart["deadline_text"] == "Stänger om 5 dagar · Sista ansökningsdag 3 december 2026"
    assert index["organisations"]["vaxjo-kommun"] == "Växjö kommun"


def test_the_filter_form_is_hidden_without_javascript_and_uses_no_inline_script_or_style(built_site, browser,
                                                                                         serve_folder):
    html = (built_site / "needs/index.html").read_text(encoding="utf-8")
    assert '<form id="needs_filter" class="needs-filter js-only"' in html
    assert "<script>" not in html and "style=" not in html and " on" + "change=" not in html
    assert re.search(r'<script src="/assets/needs-filter\.[0-9a-f]{8}\.js" defer>', html)
    base = serve_folder(built_site)
    for scripts in (False, True):  # with scripts, there from the first paint: nothing moves when they start
        context = browser.new_context(java_script_enabled=scripts)
        page = context.new_page()
        page.route("**/*.js", lambda route: route.abort())  # as if the script had not arrived yet
        page.goto(base + "needs/")
        assert page.locator("#needs_filter").is_visible() is scripts
        if scripts:
            assert page.locator("#needs_filter_count").inner_text() == "7 behov matchar filtret"
        context.close()


READY = "!document.getElementById('needs_filter').classList.contains('js-only')"
"""needs-filter.js has its index and has started."""


@pytest.fixture(scope="module")
def needs_page(browser, serve_folder, built_site):
    base = serve_folder(built_site)
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    yield base, page
    context.close()


def shown(page):
    return page.locator("#needs_filtered_list .card__title a").all_inner_texts()


def test_filter_by_category_updates_the_address_and_announces_the_count(needs_page):
    base, page = needs_page
    page.goto(base + "needs/")
    count = page.locator("#needs_filter_count")
    assert count.get_attribute("aria-live") == "polite" and count.get_attribute("role") == "status"
    page.wait_for_function(READY)
    assert count.inner_text() == "7 behov matchar filtret"
    page.get_by_label("Kategori").select_option(label="Energi")
    page.wait_for_url("**/needs/?category=energi")
    assert shown(page) == ["Peak power in offices", "Energi i skolor"]
    assert count.inner_text() == "2 behov matchar filtret"
    assert page.locator("#needs_static").is_hidden()
    page.get_by_label("Stänger inom 30 dagar").check()
    page.wait_for_url("**/needs/?category=energi&within=30")
    assert shown(page) == ["Peak power in offices"] and count.inner_text() == "1 behov matchar filtret"


def test_back_button_restores_the_earlier_view(needs_page):
    base, page = needs_page
    page.goto(base + "needs/")
    page.wait_for_function(READY)
    page.get_by_label("Status", exact=True).select_option("closed")
    page.wait_for_url("**/needs/?status=closed")
    assert shown(page) == ["Vattenläckor i ledningsnätet"]
    page.go_back()
    page.wait_for_function("document.getElementById('needs_filtered').hidden")
    assert page.get_by_label("Status", exact=True).input_value() == ""
    assert page.locator("#needs_static").is_visible()
    assert page.locator("#needs_filter_count").inner_text() == "7 behov matchar filtret"
    page.go_forward()
    page.wait_for_function("!document.getElementById('needs_filtered').hidden")
    assert page.get_by_label("Status", exact=True).input_value() == "closed"


def test_a_shared_address_gives_the_same_view_and_sorting_works(needs_page):
    base, page = needs_page
    page.goto(base + "needs/?status=open&sort=newest")
    page.wait_for_function("!document.getElementById('needs_filtered').hidden")
    assert shown(page) == ["Peak power in offices", "Smarta lås i hemtjänsten", "Snöröjning efter väder"]
    assert page.get_by_label("Sortera efter").input_value() == "newest"
    page.get_by_role("button", name="Visa alla behov").click()
    page.wait_for_url("**/needs/")
    assert page.locator("#needs_filtered").is_hidden()
    page.goto(base + "needs/?organisation=umea-kommun&procurement=dialogue")
    page.wait_for_function("document.getElementById('needs_filter_count').textContent.startsWith('0')")
    assert shown(page) == []
