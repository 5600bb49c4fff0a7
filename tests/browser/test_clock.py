"""assets/clock.js keeps clock texts true between builds: a page built before a call closed shows
it closed, without its apply button, once the visitor's clock has passed the closing moment, and
counts the days again. Chromium runs with a fixed clock (Playwright's clock, an init script),
and with the site's CSP enforced: the script is an external file, as the policy requires."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.support.boards import need_file

ZONE = ZoneInfo("Europe/Stockholm")
CALL = "deadline: 2027-01-15 12:00\napply: https://vaxjo.example.se/ansok\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory, serve_folder):
    """Built on 10 January at 02:00, as a nightly build would be."""
    from tests.support.boards import BOARD_TOML

    root = tmp_path_factory.mktemp("clock") / "board"
    (root / "content/needs").mkdir(parents=True)
    (root / "callboard.toml").write_text(BOARD_TOML, encoding="utf-8")
    (root / "content/needs/behov.md").write_text(need_file(extra=CALL), encoding="utf-8")
    from callboard.build.pipeline import RunOptions, build

    out = root / "site"
    result = build(RunOptions(root=root, now=datetime(2027, 1, 10, 2, 0), use_cache=False, search=False), out)
    assert result.ok, [str(d) for d in result.diagnostics.items]
    return serve_folder(out)


def visit(browser, site, moment: datetime, path: str = "needs/behov/"):
    context = browser.new_context()
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.clock.set_fixed_time(moment)
    page.goto(site + path)
    page.wait_for_load_state("load")
    return context, page, errors


def status_text(page) -> str:
    return " ".join(page.locator(".item__status").inner_text().split())


def test_without_the_script_the_build_s_text_stands(site):
    import urllib.request

    html = urllib.request.urlopen(site + "needs/behov/").read().decode("utf-8")
    assert 'datetime="2027-01-15T12:00+01:00">Stänger om 5 dagar</time>' in html


def test_the_countdown_is_counted_again_in_the_board_s_time_zone(browser, site):
    context, page, errors = visit(browser, site, datetime(2027, 1, 13, 23, 30, tzinfo=ZONE))
    assert status_text(page).startswith("Öppen Stänger om 2 dagar")
    assert "deadline--soon" in page.locator("time.deadline").get_attribute("class")
    assert page.locator(".apply-action a").is_visible()
    context.close()
    context, page, errors = visit(browser, site, datetime(2027, 1, 15, 11, 59, tzinfo=ZONE))
    assert status_text(page).startswith("Öppen Sista dag idag")
    assert errors == []
    context.close()


def test_past_its_moment_the_call_shows_as_closed_and_its_apply_button_is_withdrawn(browser, site):
    context, page, errors = visit(browser, site, datetime(2027, 1, 15, 12, 0, tzinfo=ZONE))
    assert status_text(page) == "Stängd Stängde 15 januari 2027 kl. 12.00"
    assert page.locator(".badge--closed").count() == 1 and page.locator(".badge--open").count() == 0
    assert not page.locator(".apply-action").is_visible()
    assert not page.locator("#how_to_apply").is_visible()
    assert errors == []
    context.close()


def test_cards_in_lists_are_corrected_too(browser, site):
    context, page, errors = visit(browser, site, datetime(2027, 1, 16, 9, 0, tzinfo=ZONE), "needs/")
    card = " ".join(page.locator("#needs_static .card__status").first.inner_text().split())
    assert card == "Stängd Stängde 15 januari 2027 kl. 12.00"
    assert errors == []
    context.close()
