"""Every text a visitor reads, in gettext catalogs: `locale/<lang>/LC_MESSAGES/callboard.po`.

Templates never hold visible text of their own: they call `_("key", name=...)` and
`ngettext("key", "key_plural", count, n=count | number)` (jinja2.ext.i18n, see site/render.py);
Python code calls a `Translator`. Messages have symbolic ids ("skip_link", "closes_in") rather
than English source text, so that rewording a text changes no key: translators' work and a
board's own catalog (board.py) stay valid. Texts are Python format strings: placeholders are `%(name)s`, a percent sign is `%%`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from functools import lru_cache
from gettext import GNUTranslations

from babel import Locale
from babel.core import get_global
from babel.dates import format_date, format_time
from babel.numbers import format_currency, format_decimal

from callboard.core.diagnostics import Message
from callboard.i18n.board import BOARD_LOCALE_DIR, read_board_texts
from callboard.i18n.catalogs import FIRST_LANGUAGE, LANGUAGES, N_, BoardTexts, compiled

__all__ = ["BOARD_LOCALE_DIR", "FIRST_LANGUAGE", "LANGUAGES", "BoardTexts", "N_", "Translator", "read_board_texts",
           "regional_locale"]


_REGIONS = {"sv": "sv_SE", "en": "en_GB"}
"""Swedish as written in Sweden, English as in Britain: 28 November 2026, not November 28."""


_LETTERS_BY_DIGIT = re.compile(r"^([^\W\d_]+)(?=\d)")


@lru_cache(maxsize=None)
def regional_locale(lang: str) -> str:
    """The locale (language_TERRITORY) whose conventions a board in `lang` follows for dates,
    numbers and OpenGraph; a language added with its catalog gets its most likely territory
    after CLDR (de -> de_DE)."""
    if lang in _REGIONS:
        return _REGIONS[lang]
    likely = Locale.parse(get_global("likely_subtags").get(lang, lang))
    return f"{likely.language}_{likely.territory}" if likely.territory else likely.language


@lru_cache(maxsize=4096)
def _long_date(value: date, lang: str) -> str:
    """Babel takes tens of microseconds a date; a board shows the same few hundred dates again and again."""
    return format_date(value, "long", locale=regional_locale(lang))


@dataclass(frozen=True)
class Translator:
    """Texts, dates and numbers in one language, with a board's own texts (if any) over
    callboard's. A key that no catalog has is a bug, so it raises KeyError."""

    lang: str
    board: BoardTexts | None = None

    @property
    def translations(self) -> GNUTranslations:
        """The compiled catalog, as templates' `_` and `ngettext` use it."""
        return compiled(self.lang, self.board)

    def __call__(self, key: str, /, **values: object) -> str:
        return self.translations.gettext(key) % values

    def ngettext(self, key: str, plural_key: str, n: int, /, **values: object) -> str:
        """The text with a count: the plural form the language's rule picks for `n`, with `n`
        written as a number is in the language ("1 000" in Swedish)."""
        return self.translations.ngettext(key, plural_key, n) % {**values, "n": self.number(n)}

    def message(self, message: Message) -> str:
        """A diagnostic's message in this language, its values written out first (a value may
        be a message of its own: "the date 2026-01-01")."""
        values = {name: self.message(value) if isinstance(value, Message) else value for name, value in message.values}
        if message.count is not None:
            return self.ngettext(message.key, message.plural, message.count, **values)
        return self(message.key, **values)

    def date(self, value: date) -> str:
        """'28 november 2026' in Swedish, '28 November 2026' in English, '28. November 2026' in German."""
        return _long_date(value, self.lang)

    def date_at(self, day: date, at: time | None = None) -> str:
        """'15 januari 2027 kl. 12.00' (the date and the hour, as `date_at_time` and `time_format`
        write them), or the date alone when there is no hour."""
        if at is None:
            return self.date(day)
        return self(N_("date_at_time"), date=self.date(day), time=self.time(at))

    def time(self, at: time) -> str:
        """'12.00' in Swedish, '12:00' in English: the hour as `time_format` writes it."""
        return format_time(at, self(N_("time_format")), locale=regional_locale(self.lang))

    def number(self, value: int) -> str:
        return format_decimal(value, locale=regional_locale(self.lang))

    def decimal(self, value: float, digits: int) -> str:
        """A measured value such as seconds, with `digits` decimals: '2,1' in Swedish, '2.1' in English."""
        return format_decimal(value, format="#,##0." + "0" * digits, locale=regional_locale(self.lang))

    def money(self, amount: Decimal, currency: str) -> str:
        """'2 000 000 kr' in Swedish, 'SEK 2,000,000' in English: the language's own pattern,
        without decimals when the sum is whole (a budget is never "2 000 000,00 kr")."""
        locale = Locale.parse(regional_locale(self.lang))
        pattern = locale.currency_formats["standard"].pattern
        if amount == amount.to_integral_value():
            pattern = pattern.replace(".00", "")
        text = format_currency(amount, currency, pattern, locale=locale, currency_digits=False)
        return _LETTERS_BY_DIGIT.sub("\\1\u00a0", text)  # CLDR's currency spacing: "SEK 2,000,000"

    def plain_number(self, amount: Decimal) -> str:
        """A number as a spreadsheet in the language reads it: no grouping, the language's decimal sign."""
        return format_decimal(amount, "0.##", locale=regional_locale(self.lang))

    def size(self, count: int) -> str:
        """A file's size as people read it: '240 kB', '1,2 MB' (powers of 1,000, as on a disk's label)."""
        if count < 1_000_000:
            return self(N_("size_kb"), n=self.number(max(1, round(count / 1000))))
        megabytes = format_decimal(round(count / 1_000_000, 1), format="#,##0.#", locale=regional_locale(self.lang))
        return self(N_("size_mb"), n=megabytes)

    def language_name(self, code: str) -> str:
        """A language's name in this one ('engelska' for en on a Swedish page), or the code
        itself when CLDR does not know it."""
        return _language_name(code, self.lang)


@lru_cache(maxsize=256)
def _language_name(code: str, lang: str) -> str:
    return Locale.parse(regional_locale(lang)).languages.get(code.split("-")[0].lower(), code)
