"""WCAG 2.1 AA in a real browser: axe-core on every page type, at 1280 and 375 px wide, in the
Swedish and the English UI, in light and dark mode; and no sideways scrolling at 320 px.

Each test sweeps a whole site and fails once with every problem it found. Screenshots of every
page type (the Swedish test board in light and dark, the example board in light) land in
test-artifacts/screens/ for a person to look at.
"""

import pytest

from tests.support.a11y import COLOUR_RULES, REFLOW_WIDTH, WIDTHS, horizontal_overflow, run_axe, screenshot

SITES = ["sv", "en", "example", "init"]
"""The test boards, the example board and a board as `callboard init` makes it (vnu checks the
English one as well: tests/site/test_html_validity.py)."""


def test_every_page_type_is_in_the_sweep(built_sites):
    for name in ("sv", "en"):
        kinds = {page.name for page in built_sites[name].pages}
        assert {"front", "needs", "needs-page-2", "need-open", "need-upcoming", "need-closed", "need-awarded",
                "need-cancelled", "need-rich-text", "testbeds", "testbed", "cases", "case", "categories-term",
                "organisations-term", "tags-term", "statement", "404"} <= kinds, kinds


def sweep(browser, site, check, widths=WIDTHS, scheme="light", shots=True) -> list[str]:
    """Visit every page type of `site` at each width and collect what `check(page, where)` finds."""
    context = browser.new_context(color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    problems = []
    try:
        for page_type in site.pages:
            page.set_viewport_size({"width": widths[0], "height": 900})
            page.goto(site.url + page_type.path)
            for width in widths:
                page.set_viewport_size({"width": width, "height": 900})
                problems += check(page, f"{site.name} {scheme} {width}px /{page_type.path}")
                if shots:
                    screenshot(page, f"{site.name}-{page_type.name}-{width}-{scheme}")
    finally:
        context.close()
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("site_name", SITES)
def test_axe_finds_no_violations_on_any_page_type(browser, built_sites, axe_url, site_name, width):
    problems = sweep(browser, built_sites[site_name], lambda page, where: run_axe(page, axe_url, where),
                     widths=(width,), shots=site_name != "en")
    assert not problems, f"{len(problems)} axe violations:\n" + "\n".join(problems)


@pytest.mark.parametrize("site_name", SITES)
def test_dark_mode_keeps_its_contrast_on_every_page_type(browser, built_sites, axe_url, site_name):
    problems = sweep(browser, built_sites[site_name],
                     lambda page, where: run_axe(page, axe_url, where, rules=COLOUR_RULES),
                     scheme="dark", shots=site_name == "sv")
    assert not problems, f"{len(problems)} contrast violations in dark mode:\n" + "\n".join(problems)


@pytest.mark.parametrize("site_name", SITES)
def test_no_page_scrolls_sideways_at_320px(browser, built_sites, site_name):
    problems = sweep(browser, built_sites[site_name], horizontal_overflow, widths=(REFLOW_WIDTH,), shots=False)
    assert not problems, "\n".join(problems)
