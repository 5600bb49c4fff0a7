"""A board's own catalog (`locale/<lang>.po`): read message by message, every problem at its line."""

from __future__ import annotations

import re

import pytest

from callboard.core.diagnostics import Diagnostics
from callboard.i18n import BoardTexts, Translator, read_board_texts
from tests.support.boards import REPO
from tests.support.messages import as_text, english

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


def read(tmp_path, text: str, name: str = "sv.po") -> tuple[tuple[BoardTexts, ...], list[str]]:
    folder = tmp_path / "locale"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    diagnostics = Diagnostics()
    found = read_board_texts(tmp_path, diagnostics)
    return found, [as_text(d) for d in diagnostics.sorted()]


def test_a_boards_texts_are_read_by_key(tmp_path):
    found, problems = read(tmp_path, HEADER + 'msgid "front_lead"\nmsgstr ""\n"Kommunerna i länet "\n"söker lösningar."\n\n'
                                     'msgid "needs_count"\nmsgid_plural "needs_count_plural"\n'
                                     'msgstr[0] "%(n)s behov"\nmsgstr[1] "%(n)s behov i kön"\n')
    assert problems == []
    assert found == (BoardTexts("sv", (("front_lead", ("Kommunerna i länet söker lösningar.",)),
                                       ("needs_count", ("%(n)s behov", "%(n)s behov i kön")))),)
    t = Translator("sv", found[0])
    assert t("front_lead") == "Kommunerna i länet söker lösningar."
    assert t.ngettext("needs_count", "needs_count_plural", 12) == "12 behov i kön"


def test_a_board_without_locale_has_no_texts_of_its_own(tmp_path):
    diagnostics = Diagnostics()
    assert read_board_texts(tmp_path, diagnostics) == ()
    assert diagnostics.items == []


def test_an_empty_or_fuzzy_text_leaves_callboards_text(tmp_path):
    found, problems = read(tmp_path, HEADER + 'msgid "needs"\nmsgstr ""\n\n#, fuzzy\nmsgid "front_lead"\nmsgstr "Utkast"\n')
    assert found == ()
    assert problems == ["locale/sv.po:9: warning: 'front_lead' is marked fuzzy and is not used; "
                        "remove the '#, fuzzy' line when the text is ready"]


def test_an_unknown_key_is_a_warning_at_its_line_with_a_suggestion(tmp_path):
    found, problems = read(tmp_path, HEADER + 'msgid "front_led"\nmsgstr "Fel nyckel"\n\nmsgid "needs"\nmsgstr "Hem"\n')
    assert found == (BoardTexts("sv", (("needs", ("Hem",)),)),)
    assert problems == ["locale/sv.po:5: warning: 'front_led' is not one of callboard's texts, so it is never "
                        "shown; did you mean 'front_lead'?"]


@pytest.mark.parametrize(("entry", "problem"), [
    ('msgid "closes_in"\nmsgstr "Snart"\n',
     "'closes_in' is a text with a count: give msgid_plural and a msgstr[i] for each plural form"),
    ('msgid "needs"\nmsgid_plural "needss"\nmsgstr[0] "Hem"\nmsgstr[1] "Hem"\n',
     "'needs' is not a text with a count: give one msgstr, without msgid_plural"),
    ('msgid "needs_count"\nmsgid_plural "needs_count_plural"\nmsgstr[0] "%(n)s behov"\nmsgstr[1] ""\n',
     "'needs_count' needs all 2 plural forms, msgstr[0] to msgstr[1]"),
    ('msgid "footer_hub"\nmsgstr "Drivs av %(namn)s"\n',
     "'footer_hub' uses %(namn)s, which callboard does not fill in here (it gives: %(name)s)"),
    ('msgid "needs"\nmsgstr "100 % hem"\n',
     "'needs' has a % that is not a placeholder %(name)s: write %% for a percent sign"),
])
def test_a_text_callboard_could_not_show_is_an_error_at_its_line(tmp_path, entry, problem):
    found, problems = read(tmp_path, HEADER + entry)
    assert found == ()
    assert problems == [f"locale/sv.po:5: error: {problem}"]


def test_fewer_placeholders_and_an_escaped_percent_are_fine(tmp_path):
    found, problems = read(tmp_path, HEADER + 'msgid "footer_hub"\nmsgstr "Tavlan drivs till 100 %% av oss."\n')
    assert problems == []
    assert Translator("sv", found[0])("footer_hub", name="Nod") == "Tavlan drivs till 100 % av oss."


@pytest.mark.parametrize(("text", "line", "problem"), [
    ('msgid "needs"\nmsgstr "Hem\n', 2, 'a text must be in double quotes, e.g. msgstr "Hem"; a " inside it is written \\"'),
    ('msgid "needs"\nhem\nmsgstr "Hem"\n', 2, "Unknown or misformatted keyword: hem"),
])
def test_a_malformed_file_is_an_error_at_its_line(tmp_path, text, line, problem):
    found, problems = read(tmp_path, text)
    assert found == ()
    assert problems == [f"locale/sv.po:{line}: error: is not a valid .po file: {problem}"]


def test_a_file_that_is_not_utf8_is_an_error(tmp_path):
    (tmp_path / "locale").mkdir()
    (tmp_path / "locale/sv.po").write_bytes(b'msgid "needs"\nmsgstr "H\xe4m"\n')
    diagnostics = Diagnostics()
    assert read_board_texts(tmp_path, diagnostics) == ()
    assert [(d.path, d.severity.value) for d in diagnostics.items] == [("locale/sv.po", "error")]
    assert "UTF-8" in english(diagnostics.items[0].message)


def test_a_file_for_a_language_callboard_lacks_is_a_warning(tmp_path):
    found, problems = read(tmp_path, HEADER + 'msgid "needs"\nmsgstr "Startseite"\n', name="de.po")
    assert found == ()
    assert problems == ["locale/de.po: warning: is not used: callboard has no language 'de' "
                        "(name the file after one of: sv, en)"]


def test_the_readmes_example_is_a_valid_board_catalog(tmp_path):
    (example,) = re.findall(r"```po\n(.+?)```", (REPO / "README.md").read_text(encoding="utf-8"), re.S)
    found, problems = read(tmp_path, example)
    assert problems == []
    assert [key for key, _ in found[0].texts] == ["footer_hub", "front_lead", "needs_count"]
    assert Translator("sv", found[0])("footer_hub", name="Nod") == "Tavlan sköts av Nod på uppdrag av länets kommuner."


def test_a_folder_named_like_a_catalog_is_an_error_not_a_crash(tmp_path):
    (tmp_path / "locale/sv.po").mkdir(parents=True)
    diagnostics = Diagnostics()
    assert read_board_texts(tmp_path, diagnostics) == ()
    assert [(d.path, d.severity.value) for d in diagnostics.items] == [("locale/sv.po", "error")]
