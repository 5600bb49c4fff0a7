"""The Translator: texts from the catalogs, counts in the language's plural forms and number style."""

from __future__ import annotations

from datetime import date

import pytest

from callboard.i18n import BoardTexts, Translator, regional_locale


def test_a_text_is_filled_in_by_name():
    assert Translator("en")("statement_title", site="Tavlan") == "Accessibility statement for Tavlan"
    assert Translator("sv")("statement_title", site="Tavlan") == "Tillgänglighet för Tavlan"


@pytest.mark.parametrize(("lang", "n", "text"), [
    ("sv", 1, "Stänger om 1 dag"),
    ("sv", 0, "Stänger om 0 dagar"),
    ("sv", 1000, "Stänger om 1\xa0000 dagar"),
    ("en", 1, "Closes in 1 day"),
    ("en", 1000, "Closes in 1,000 days"),
])
def test_a_count_picks_the_plural_form_and_is_written_as_a_number(lang, n, text):
    assert Translator(lang).ngettext("closes_in", "closes_in_plural", n) == text


def test_a_key_no_catalog_has_raises():
    with pytest.raises(KeyError, match="skip_lnk"):
        Translator("sv")("skip_lnk")
    with pytest.raises(KeyError, match="'n'"):
        Translator("sv")("closes_in")  # a text with a count needs ngettext, which gives it its n


def test_a_boards_text_replaces_callboards_for_that_key_only():
    board = BoardTexts("sv", (("front_lead", ("Vår egen ingress.",)),
                              ("closes_in", ("Sista dagen om %(n)s dag", "Sista dagen om %(n)s dagar"))))
    t = Translator("sv", board)
    assert t("front_lead") == "Vår egen ingress."
    assert t.ngettext("closes_in", "closes_in_plural", 3) == "Sista dagen om 3 dagar"
    assert t("skip_link") == Translator("sv")("skip_link") == "Hoppa till innehållet"
    assert Translator("sv")("front_lead") != "Vår egen ingress."


def test_dates_are_long_and_in_the_language():
    assert Translator("sv").date(date(2026, 11, 28)) == "28 november 2026"
    assert Translator("en").date(date(2026, 11, 28)) == "28 November 2026"


def test_a_language_follows_the_conventions_of_its_country():
    assert [regional_locale(lang) for lang in ("sv", "en", "de", "nb")] == ["sv_SE", "en_GB", "de_DE", "nb_NO"]
    assert Translator("de").date(date(2026, 11, 28)) == "28. November 2026"
    assert Translator("de").number(1234) == "1.234"
