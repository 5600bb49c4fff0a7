"""A board's own wording: `locale/<lang>.po` in the board folder, over callboard's catalogs.

Each message in it replaces callboard's text with the same key, for that board only; every
other text stays callboard's. The file is an ordinary gettext catalog, so it can be written by
hand or started from `callboard/i18n/callboard.pot` with Poedit or `pybabel init`. Problems are
reported at their line: a key callboard does not have is a warning (the text would never be
shown), a file that cannot be read or a text that could not be shown (a placeholder callboard
does not fill in, a missing plural form) is an error.
"""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.catalog import Message
from babel.messages.pofile import PoFileError

from callboard.core.diagnostics import Diagnostics, say
from callboard.core.diagnostics import Message as Said
from callboard.core.fields import suggest
from callboard.i18n.catalogs import (
    LANGUAGES,
    BoardTexts,
    CatalogTexts,
    message_key,
    package_texts,
    read_catalog,
)

BOARD_LOCALE_DIR = "locale"
_PLACEHOLDER = re.compile(r"%\((\w+)\)s")
_PLACEHOLDER_OR_PERCENT = re.compile(r"%\(\w+\)s|%%")
_TEXT_LINE = re.compile(r'^(?:msg\w+(?:\[\d+\])?\s+)?"(?:[^"\\]|\\.)*"$')


def read_board_texts(root: Path, diagnostics: Diagnostics) -> tuple[BoardTexts, ...]:
    """Every `locale/<lang>.po` of the board, one per language callboard has."""
    folder = root / BOARD_LOCALE_DIR
    found = []
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        source = path.relative_to(root).as_posix()
        if path.stem not in LANGUAGES:
            diagnostics.warning(source, 0, say("board_po_unknown_language", lang=path.stem, known=", ".join(LANGUAGES)))
            continue
        texts = _read(path, source, path.stem, diagnostics)
        if texts:
            found.append(BoardTexts(path.stem, texts))
    return tuple(found)


def _read(path: Path, source: str, lang: str, diagnostics: Diagnostics) -> tuple[tuple[str, tuple[str, ...]], ...]:
    try:
        unquoted = _unquoted_line(path.read_text(encoding="utf-8"))
        if unquoted:
            diagnostics.error(source, unquoted, say("board_po_unquoted"))
            return ()
        catalog = read_catalog(path, lang)
    except PoFileError as exc:  # its line numbers count from 0
        reason = str(exc).rsplit(" on ", 1)[0]
        diagnostics.error(source, exc.lineno + 1, say("board_po_invalid", reason=reason, line=str(exc.line)))
        return ()
    except (UnicodeDecodeError, ValueError) as exc:
        diagnostics.error(source, 0, say("board_po_not_utf8", reason=str(exc)))
        return ()
    except OSError as exc:
        diagnostics.error(source, 0, say("cannot_be_read", reason=str(exc.strerror)))
        return ()
    texts = {}
    for message in catalog:
        if message.id:
            forms = _checked(message, package_texts(lang), source, diagnostics)
            if forms:
                texts[message_key(message)] = forms
    return tuple(sorted(texts.items()))


def _checked(message: Message, own: CatalogTexts, source: str, diagnostics: Diagnostics) -> tuple[str, ...] | None:
    """The message's texts if they can stand in for callboard's, else None (and why, at its line)."""
    key, line = message_key(message), message.lineno or 0
    if key not in own.texts:
        hint = suggest(key, list(own.texts))
        diagnostics.warning(source, line, say("board_po_unknown_key_hint", key=key, hint=hint) if hint
                            else say("board_po_unknown_key", key=key))
        return None
    forms = tuple(message.string) if message.pluralizable else (message.string,)
    if not any(forms):
        return None  # not translated: callboard's text stands
    if message.fuzzy:
        diagnostics.warning(source, line, say("board_po_fuzzy", key=key))
        return None
    problem = _shape_problem(message, key in own.counted, own.plural_count) or next(
        filter(None, (_format_problem(form, _names(own, key)) for form in forms)), None)
    if problem:
        diagnostics.error(source, line, say("board_po_text_problem", key=key, problem=problem))
        return None
    return forms


def _shape_problem(message: Message, counted: bool, plural_count: int) -> Said | None:
    """Why the message's forms do not fit callboard's entry (one text, or one per plural form), or None."""
    if counted != message.pluralizable:
        return say("board_po_needs_count") if counted else say("board_po_needs_no_count")
    if counted and (len(message.string) != plural_count or not all(message.string)):
        return say("board_po_needs_plural_forms", count=plural_count, last=plural_count - 1)
    return None


def _names(own: CatalogTexts, key: str) -> set[str]:
    """The placeholders callboard fills in for `key`: those of its own text, and the count."""
    names = {name for text in own.texts[key] for name in _PLACEHOLDER.findall(text)}
    return names | {"n"} if key in own.counted else names


def _format_problem(text: str, names: set[str]) -> Said | None:
    """Why `text` cannot be filled in with the values callboard gives it, or None."""
    unknown = sorted(set(_PLACEHOLDER.findall(text)) - names)
    if unknown:
        given = ", ".join(f"%({name})s" for name in sorted(names))
        placeholder = f"%({unknown[0]})s"
        return (say("board_po_unknown_placeholder", placeholder=placeholder, given=given) if given
                else say("board_po_unknown_placeholder_none", placeholder=placeholder))
    if "%" in _PLACEHOLDER_OR_PERCENT.sub("", text):
        return say("board_po_lone_percent")
    return None


def _unquoted_line(text: str) -> int:
    """The first line (from 1) with a text not closed by its double quote, or 0. Babel reads
    `msgstr "Hem` as "He" without a word; a hand-edited file must not lose letters silently."""
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip().removeprefix("#~").strip()
        if line.startswith(("msg", '"')) and not _TEXT_LINE.match(line):
            return number
    return 0
