"""One slug rule: term folders, heading ids, new file names and OCDS party ids all use `to_slug`."""

from datetime import date

import pytest

from callboard.content.markdown import render_body
from callboard.content.models import Kind
from callboard.content.scaffold import NewItem
from callboard.core.text import MAX_SLUG_CHARS, to_slug

LONG = "Ett mycket långt namn på en samverkan mellan kommuner regioner och företag i södra Sverige"


@pytest.mark.parametrize(("text", "slug"), [
    ("Vård och omsorg", "vard-och-omsorg"),
    ("Växjö Lås", "vaxjo-las"),
    ("  Energi & klimat!  ", "energi-klimat"),
    ("Öland", "oland"),
])
def test_a_name_becomes_lowercase_ascii_words_joined_by_hyphens(text, slug):
    assert to_slug(text) == slug


def test_a_long_name_is_cut_at_a_word_boundary():
    whole = "ett-mycket-langt-namn-pa-en-samverkan-mellan-kommuner-regioner-och-foretag-i-sodra-sverige"
    slug = to_slug(LONG)
    assert len(slug) <= MAX_SLUG_CHARS < len(whole)
    assert whole.startswith(slug + "-")


def test_a_name_without_letters_or_digits_gets_the_fallback_word():
    assert to_slug("!!!") == "namnlos"
    assert to_slug("!!!", fallback="avsnitt") == "avsnitt"
    assert to_slug("—", fallback="") == ""


def test_heading_ids_follow_the_rule_with_their_own_fallback():
    body = render_body(f"## Vård och omsorg\n\n## {LONG}\n\n## ???\n", "/")
    assert 'id="vard-och-omsorg"' in body.html
    assert f'id="{to_slug(LONG)}"' in body.html
    assert 'id="avsnitt"' in body.html


def test_a_new_file_is_named_by_the_rule_and_gets_no_name_from_punctuation():
    assert NewItem(Kind.NEED, LONG, date(2026, 1, 1)).slug == to_slug(LONG)
    assert NewItem(Kind.NEED, "???", date(2026, 1, 1)).slug == ""
