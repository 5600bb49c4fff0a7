"""Messages as the editor reads them: a diagnostic, or any message, written out in English or
in Swedish through callboard's catalogs, so that a test can assert the words."""

from __future__ import annotations

import re
from contextlib import contextmanager
from typing import Iterator

import pytest

from callboard.core.diagnostics import Diagnostic, Message
from callboard.i18n import Translator


def in_language(lang: str, said: Diagnostic | Message | None) -> str:
    """The message of a diagnostic, or a message, in `lang`; '' for None (no problem)."""
    if said is None:
        return ""
    message = said.message if isinstance(said, Diagnostic) else said
    return Translator(lang).message(message)


def english(said: Diagnostic | Message | None) -> str:
    return in_language("en", said)


def swedish(said: Diagnostic | Message | None) -> str:
    return in_language("sv", said)


def as_text(diagnostic: Diagnostic, lang: str = "en") -> str:
    """`path:line: severity: message`, as `check` prints it on a board in `lang`."""
    return diagnostic.as_text(Translator(lang).message)


@contextmanager
def refused(kind: type[Exception], words: str) -> Iterator[pytest.ExceptionInfo]:
    """`pytest.raises(kind, match=words)` for a refusal that carries a Message: `words` is a
    regular expression searched in its English text."""
    with pytest.raises(kind) as caught:
        yield caught
    assert re.search(words, english(caught.value.message)), english(caught.value.message)
