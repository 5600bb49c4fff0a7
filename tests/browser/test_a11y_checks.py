"""The browser checks themselves can fail: each finds its problem on a page built to have it.

Without these, a check that silently stopped working (axe not loaded, no Tab ever pressed) would
keep the sweeps in test_accessibility.py and test_keyboard.py green.
"""

import pytest

from tests.support.a11y import horizontal_overflow, run_axe, walk_keyboard

BROKEN = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Trasig sida</title>
<style>
  body { margin: 0; font: 16px sans-serif; }
  .pale { color: #b0b0b0; background: #ffffff; }
  a:focus { outline: none; }
  .wide { width: 900px; }
  .skip-link { position: absolute; top: -10rem; }
</style></head>
<body>
<main id="main_content" tabindex="-1">
<h1>Trasig sida</h1>
<img src="bild.png">
<p class="pale">Blek text som knappt syns.</p>
<p><a href="/a/">Första länken</a> <a href="/b/">Andra länken</a></p>
<div class="wide">Bred ruta</div>
</main>
</body></html>
"""


@pytest.fixture(scope="module")
def broken_page(browser, serve_folder, tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken")
    (folder / "index.html").write_text(BROKEN, encoding="utf-8")
    context = browser.new_context(viewport={"width": 320, "height": 640}, bypass_csp=True)
    page = context.new_page()
    page.goto(serve_folder(folder))
    yield page
    context.close()


def test_axe_reports_a_missing_alt_text_and_low_contrast(broken_page, axe_url):
    problems = "\n".join(run_axe(broken_page, axe_url, "broken"))
    assert "image-alt" in problems and "color-contrast" in problems, problems


def test_keyboard_walk_reports_a_missing_skip_link_and_invisible_focus(broken_page):
    problems = "\n".join(walk_keyboard(broken_page, "broken"))
    assert "not on the skip link" in problems, problems
    assert problems.count("no visible focus ring") == 2, problems


def test_keyboard_walk_reports_an_element_it_never_reaches_and_a_trap(browser, serve_folder, tmp_path):
    trap = BROKEN.replace("</body>", "<script>document.addEventListener('keydown', event => {"
                          " if (event.key === 'Tab') { event.preventDefault(); document.querySelector('a').focus(); }"
                          " });</script></body>")
    (tmp_path / "index.html").write_text(trap, encoding="utf-8")
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(serve_folder(tmp_path))
        problems = "\n".join(walk_keyboard(page, "trap"))
    finally:
        context.close()
    assert "focus trap" in problems, problems
    assert "Tab never reaches" in problems, problems


def test_overflow_check_reports_a_page_wider_than_the_screen(broken_page):
    problems = horizontal_overflow(broken_page, "broken")
    assert problems and "div.wide" in problems[0], problems
