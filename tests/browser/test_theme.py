"""The default theme in a real browser: status badges, reduced motion and the printed need page."""

import re

import pytest

from tests.support.a11y import COLOUR_JS, SCREENS, horizontal_overflow, screenshot
from callboard.i18n import Translator
from callboard.content.models import Status

BADGES = [status.value for status in Status] + ["draft"]
A4_CONTENT_WIDTH = 673
"""210 mm less the 16 mm margins of the print stylesheet's @page, in CSS px (96 a inch)."""


def test_every_status_badge_carries_its_word(browser, built_sites):
    site = built_sites["sv"]
    t = Translator("sv")
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    seen = {}
    try:
        for page_type in site.pages:
            page.goto(site.url + page_type.path)
            for classes, text in page.eval_on_selector_all(
                    ".badge", "badges => badges.map(b => [b.className, b.textContent.trim()])"):
                status = re.search(r"badge--(\w+)", classes).group(1)
                seen.setdefault(status, set()).add(text)
    finally:
        context.close()
    assert set(seen) == {status.value for status in Status}
    for status, texts in seen.items():
        assert texts == {t(f"status_{status}")}, (status, texts)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_badges_and_deadlines_keep_aa_contrast_on_every_background(browser, built_sites, scheme):
    """Each badge, including the draft badge that only previews show, placed on the page, on a
    card and on the facts box: its text must reach 4.5:1 against its own background."""
    site = built_sites["sv"]
    context = browser.new_context(color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(site.url + "needs/rik-text/")
        page.add_script_tag(content=COLOUR_JS)
        results = page.evaluate("""badges => {
            const c = window.__colour, found = [];
            const places = {page: document.querySelector('main'), card: document.querySelector('.card'),
                            facts: document.querySelector('.facts')};
            for (const [place, parent] of Object.entries(places)) {
              for (const badge of badges) {
                const span = document.createElement('span');
                span.className = `badge badge--${badge}`;
                span.innerHTML = '<span class="badge__icon" aria-hidden="true"></span>Text';
                parent.appendChild(span);
                const style = getComputedStyle(span);
                found.push([place, badge, c.contrast(c.rgba(style.color), c.background(span))]);
              }
            }
            for (const [place, selector] of [['page', '.deadline--soon'], ['page', '.deadline__date']]) {
              const el = document.querySelector(selector);
              if (el) found.push([place, selector, c.contrast(c.rgba(getComputedStyle(el).color), c.background(el))]);
            }
            return found;
        }""", BADGES)
    finally:
        context.close()
    assert len(results) >= 3 * len(BADGES)
    low = [(place, badge, round(ratio, 2)) for place, badge, ratio in results if ratio < 4.5]
    assert not low, f"{scheme}: under 4.5:1: {low}"


def motion_of(page) -> dict:
    return page.evaluate("""() => {
        const moving = [...document.querySelectorAll('*')].filter(e => {
            const s = getComputedStyle(e);
            return s.animationName !== 'none' || s.transitionDuration.split(',').some(d => parseFloat(d) > 0);
        });
        return {scroll: getComputedStyle(document.documentElement).scrollBehavior,
                moving: moving.map(e => e.tagName.toLowerCase() + '.' + e.className)};
    }""")


def test_reduced_motion_stops_every_transition_and_smooth_scrolling(browser, built_sites):
    site = built_sites["sv"]
    for preference, expect_motion in (("no-preference", True), ("reduce", False)):
        context = browser.new_context(reduced_motion=preference, bypass_csp=True)
        page = context.new_page()
        try:
            for path in ("", "needs/", "needs/rik-text/"):
                page.goto(site.url + path)
                motion = motion_of(page)
                if expect_motion:
                    assert motion["scroll"] == "smooth" and motion["moving"], (path, motion)
                else:
                    assert motion == {"scroll": "auto", "moving": []}, (path, motion)
        finally:
            context.close()


def test_need_page_prints_cleanly_on_a4(browser, built_sites):
    site = built_sites["sv"]
    context = browser.new_context(viewport={"width": A4_CONTENT_WIDTH, "height": 1000}, bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(site.url + "needs/rik-text/")
        page.emulate_media(media="print")
        hidden = page.evaluate("""() => ['.skip-link', '.site-header', '.site-nav', '.breadcrumbs', '.site-footer']
            .filter(s => document.querySelector(s) && getComputedStyle(document.querySelector(s)).display !== 'none')""")
        assert hidden == [], f"still printed: {hidden}"
        colours = page.evaluate("[getComputedStyle(document.body).color, getComputedStyle(document.body).backgroundColor]")
        assert colours == ["rgb(0, 0, 0)", "rgb(255, 255, 255)"]
        written_out = page.evaluate("""() => [...document.querySelectorAll('.prose a[href^="http"]')]
            .map(a => [a.getAttribute('href'), getComputedStyle(a, '::after').content])""")
        assert len(written_out) >= 2
        for href, after in written_out:
            assert href in after, (href, after)
        assert horizontal_overflow(page, "print") == []
        screenshot(page, "sv-need-rich-text-print")
        pdf = page.pdf(format="A4", prefer_css_page_size=True)
    finally:
        context.close()
    assert pdf.startswith(b"%PDF")
    (SCREENS / "sv-need-rich-text-print.pdf").write_bytes(pdf)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 3, f"the need page prints on {pages} A4 pages"


def bar_colour(page) -> tuple[int, int, int]:
    """The colour of the first bar of the first chart, as the browser draws the SVG file it shows."""
    from PIL import Image
    import io

    drawing = page.locator(".chart__drawing").first
    drawing.scroll_into_view_if_needed()
    shot = Image.open(io.BytesIO(drawing.screenshot())).convert("RGB")
    scale = shot.width / 360
    return shot.getpixel((int(8 * scale), int(30 * scale)))


@pytest.mark.parametrize("scheme, media, expected", [
    ("light", "screen", (10, 77, 140)),  # the light theme's link blue
    ("dark", "screen", (140, 200, 255)),  # the dark theme's, as the page around it turns dark
    # An SVG image does not see that it is printed: the page's print style gives it the light
    # scheme, dark on white paper whatever the screen was.
    ("dark", "print", (10, 77, 140)),
])
def test_a_chart_is_drawn_in_the_colours_of_the_mode_it_is_seen_in(browser, built_sites, scheme, media, expected):
    site = built_sites["sv"]
    context = browser.new_context(viewport={"width": 375, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    try:
        page.goto(site.url + "statistik/")
        page.emulate_media(media=media)
        colour = bar_colour(page)
        screenshot(page, f"sv-statistics-{scheme}-{media}")
    finally:
        context.close()
    assert max(abs(a - b) for a, b in zip(colour, expected)) <= 12, colour
