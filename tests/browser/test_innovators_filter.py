"""The innovators list's filter script in Chromium: it hides the cards that do not fit and keeps
the choices in the address, with the needs list's conventions (assets/query.js)."""

import pytest


@pytest.fixture(scope="module")
def innovators_page(browser, built_sites):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    yield built_sites["example"].url, page
    context.close()


def visible_cards(page) -> int:
    return page.locator("#innovators_list > li:visible").count()


def test_a_filter_hides_what_does_not_fit_and_the_back_button_restores_the_list(innovators_page):
    base, page = innovators_page
    page.goto(base + "innovators/")
    page.wait_for_function("!document.getElementById('innovators_filter').classList.contains('js-only')")
    count = page.locator("#innovators_filter_count")
    assert count.inner_text() == "10 innovatörer" and visible_cards(page) == 10
    page.get_by_label("Ort").select_option(label="Växjö")
    page.wait_for_url("**/innovators/?region=vaxjo")
    assert visible_cards(page) == 4 and count.inner_text() == "4 innovatörer"
    page.go_back()
    page.wait_for_function("document.querySelectorAll('#innovators_list > li[hidden]').length === 0")
    assert page.get_by_label("Ort").input_value() == "" and count.inner_text() == "10 innovatörer"
    page.go_forward()
    page.wait_for_function("document.querySelectorAll('#innovators_list > li[hidden]').length === 6")
    assert page.get_by_label("Ort").input_value() == "vaxjo"


def test_a_shared_address_gives_the_same_view_and_reset_shows_everything(innovators_page):
    base, page = innovators_page
    page.goto(base + "innovators/?region=vaxjo&level=9")
    page.wait_for_function("!document.getElementById('innovators_filter').classList.contains('js-only')")
    assert visible_cards(page) == 1 and page.get_by_label("Mognadsgrad").input_value() == "9"
    page.locator("#innovators_filter button[type=reset]").click()
    page.wait_for_url("**/innovators/")
    assert visible_cards(page) == 10 and page.get_by_label("Ort").input_value() == ""
