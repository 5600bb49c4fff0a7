"""callboard's gettext catalogs: one .po file per language, compiled in memory when first used.

The catalogs are `locale/<lang>/LC_MESSAGES/callboard.po` next to this module, kept with
Babel's `pybabel extract/update` (see `babel.cfg` and the README). Nothing compiled is stored:
the .po file is read and turned into .mo bytes in memory, once per process and language, which
takes a few milliseconds and leaves no compiled file to fall out of step with its source.
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "callboard"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


FIRST_LANGUAGE = "sv"
"""The language callboard was written in: a board's unless callboard.toml says otherwise."""
LANGUAGES: tuple[str, ...] = tuple(sorted((path.parent.parent.name
                                           for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")),
                                          key=lambda lang: (lang != FIRST_LANGUAGE, lang)))
"""The languages callboard speaks, one for each catalog present (so adding a catalog adds one):
Swedish first, then the others in alphabetical order, as error messages list them."""


def N_(key: str) -> str:
    """Marks a message key where it is written down but looked up elsewhere (a table of the
    statuses, say), so that `pybabel extract` sees it. Keys built at run time ("status_" +
    value) are invisible to extraction; a table of marked keys is not."""
    return key


def read_catalog(path: Path, lang: str) -> Catalog:
    with path.open("rb") as file:
        return read_po(file, locale=lang, domain=DOMAIN, abort_invalid=True)


@dataclass(frozen=True)
class BoardTexts:
    """The texts a board gives for some of callboard's keys in one language: key -> forms (one
    text, or one per plural form), sorted by key. A value, so that equal files give equal
    translations and a build's fingerprints change when the file does."""

    lang: str
    texts: tuple[tuple[str, tuple[str, ...]], ...] = ()


@dataclass(frozen=True)
class CatalogTexts:
    """What callboard's catalog for one language holds, for checking a board's texts against it."""

    texts: dict[str, tuple[str, ...]]
    """Key -> its text, or its texts in plural order."""
    counted: frozenset[str]
    """The keys with plural forms (texts with a count)."""
    plural_count: int


@lru_cache(maxsize=None)
def package_texts(lang: str) -> CatalogTexts:
    catalog = read_catalog(catalog_path(lang), lang)
    messages = [message for message in catalog if message.id]
    return CatalogTexts({message_key(m): _forms(m.string) for m in messages},
                        frozenset(message_key(m) for m in messages if m.pluralizable), catalog.num_plurals)


def message_key(message: Message) -> str:
    """A message's key: its msgid, or the singular msgid of one with plural forms."""
    return message.id[0] if message.pluralizable else message.id


@lru_cache(maxsize=32)
def compiled(lang: str, board: BoardTexts | None = None) -> gettext.GNUTranslations:
    """callboard's catalog for `lang` with a board's own texts in place of its own, as a gettext
    object; cached per language and board texts (a value: equal files give equal texts). A key
    found in neither raises KeyError: it is a bug, and a page must not show a bare key."""
    catalog = read_catalog(catalog_path(lang), lang)
    for key, forms in board.texts if board else ():
        catalog[key].string = forms if catalog[key].pluralizable else forms[0]
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    translations = gettext.GNUTranslations(buffer)
    translations.add_fallback(_MissingKey())
    return translations


def _forms(string: str | tuple[str, ...]) -> tuple[str, ...]:
    return tuple(string) if isinstance(string, (list, tuple)) else (string,)


class _MissingKey(gettext.NullTranslations):
    """The last fallback: a key no catalog has."""

    def gettext(self, message: str) -> str:
        raise KeyError(f"no text has the key '{message}'")

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        raise KeyError(f"no text with a count has the key '{msgid1}'")
