"""A need's changes in plain words, in Swedish and in English."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from callboard.content.models import Change
from callboard.i18n import Translator
from callboard.site.changes import SENTENCES, change_sentence

APRIL_8, APRIL_15 = date(2026, 4, 8), date(2026, 4, 15)


@pytest.mark.parametrize("change, swedish, english", [
    (Change(APRIL_15, "deadline", APRIL_8, APRIL_15), "Sista ansökningsdagen flyttades från 8 april 2026 till "
     "15 april 2026.", "The closing date moved from 8 April 2026 to 15 April 2026."),
    (Change(APRIL_15, "deadline", APRIL_15, datetime(2026, 4, 15, 12, 0)), "Sista ansökningsdagen flyttades från "
     "15 april 2026 till 15 april 2026 kl. 12.00.", "The closing date moved from 15 April 2026 to 15 April 2026 at "
     "12:00."),
    (Change(APRIL_15, "deadline", None, APRIL_15), "Sista ansökningsdagen är nu 15 april 2026.",
     "The closing date is now 15 April 2026."),
    (Change(APRIL_15, "deadline", APRIL_8, None), "Sista ansökningsdagen 8 april 2026 togs bort. Du kan ansöka "
     "löpande.", "The closing date 8 April 2026 was removed: you can apply at any time."),
    (Change(APRIL_15, "status", None, "awarded"), "Status ändrades till Tilldelad.",
     "The status changed to Awarded."),
    (Change(APRIL_15, "document_replaced", None, "Förfrågningsunderlag"),
     "Dokumentet Förfrågningsunderlag ersattes med en ny version.",
     "The document Förfrågningsunderlag was replaced with a new version."),
])
def test_a_change_reads_as_a_sentence_in_each_language(change, swedish, english):
    assert change_sentence(change, Translator("sv")) == swedish
    assert change_sentence(change, Translator("en")) == english


def test_every_kind_of_change_the_differ_makes_has_a_sentence():
    kinds = {"deadline", "opens", "status", "document_added", "document_removed", "document_replaced",
             "question_answered", "meeting_added"}
    assert set(SENTENCES) == kinds
    for what in kinds:
        assert change_sentence(Change(APRIL_15, what, "open", "closed" if what == "status" else "x"),
                               Translator("sv"))
