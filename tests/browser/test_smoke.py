"""The built fixture board opens in a real browser and works without JavaScript."""

from tests.support.boards import FIXTURES, NOW


def test_need_page_renders_in_chromium(browser, serve_folder, tmp_path):
    from callboard.cli import main

    out = tmp_path / "site"
    assert main(["build", "--root", str(FIXTURES / "board"), "--out", str(out), "--now", NOW, "-q", "--no-search"]) == 0
    base = serve_folder(out)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base + "needs/smart-las/")
    assert page.locator("h1").inner_text() == "Smarta lås i hemtjänsten"
    assert page.locator("link[rel=stylesheet]").count() == 1
    header_colour = page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    assert header_colour == "rgb(11, 58, 99)", "the theme stylesheet did not load"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    context.close()
