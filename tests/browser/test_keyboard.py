"""Keyboard use on every page type: the skip link comes first and moves focus to the main
content, Tab reaches every interactive element with a visible focus ring (3:1 against what is
behind it), and Tab comes round to the start again instead of getting stuck."""

import pytest

from tests.support.a11y import walk_keyboard


@pytest.mark.parametrize(("site_name", "width", "scheme"), [
    ("sv", 1280, "light"), ("en", 375, "dark"), ("example", 1280, "dark"),
])
def test_keyboard_reaches_everything_with_a_visible_focus_ring(browser, built_sites, site_name, width, scheme):
    site = built_sites[site_name]
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    problems = []
    try:
        for page_type in site.pages:
            page.goto(site.url + page_type.path)
            problems += walk_keyboard(page, f"{site_name} {width}px {scheme} /{page_type.path}")
    finally:
        context.close()
    assert not problems, "\n".join(problems)
