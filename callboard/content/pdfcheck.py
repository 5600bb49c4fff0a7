"""Whether a PDF can be read by everyone: Swedish law (lagen om tillgänglighet till digital
offentlig service) asks public bodies to publish accessible documents, and a PDF without tags
(no structure for a screen reader to follow) or without a language (read aloud in the wrong
voice) is the commonest failure. Read with pypdf, which never runs anything in the file.

A PDF that cannot be read, or is encrypted, gets a plain sentence too: a broken file is a
problem for the visitor as well, and no content may ever make the build raise.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from callboard.core.diagnostics import Message, say

if TYPE_CHECKING:
    from pypdf.generic import DictionaryObject

logging.getLogger("pypdf").addHandler(logging.NullHandler())
"""pypdf logs its repairs of damaged files; the problem is reported here in words instead."""

NOT_TAGGED = say("pdf_not_tagged")
NO_LANGUAGE = say("pdf_no_language")
ENCRYPTED = say("pdf_encrypted")


def pdf_problems(path: Path) -> list[Message]:
    """What keeps the PDF at `path` from being accessible, in words for an editor ([] when none)."""
    from pypdf import PdfReader  # here: only a board with PDF documents pays for importing it

    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            return [ENCRYPTED]
        catalog = reader.trailer["/Root"].get_object()
        return _catalog_problems(catalog)
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds of error on a damaged file
        return [say("pdf_unreadable", reason=type(exc).__name__)]


def _catalog_problems(catalog: DictionaryObject) -> list[Message]:
    from pypdf.generic import BooleanObject, DictionaryObject

    problems = []
    mark_info = catalog.get("/MarkInfo")
    mark_info = mark_info.get_object() if mark_info is not None else None
    marked = isinstance(mark_info, DictionaryObject) and mark_info.get("/Marked") == BooleanObject(True)
    if not marked or "/StructTreeRoot" not in catalog:
        problems.append(NOT_TAGGED)
    language = catalog.get("/Lang")
    if language is None or not str(language.get_object()).strip():
        problems.append(NO_LANGUAGE)
    return problems
