"""A need's documents: the files of its page bundle that its `documents` list names.

A bundle file arrives by pull request like the content, and is published beside the need's
page with the site's origin, so it is judged as a static file is (`activecontent.py`): a web
page or script is refused, and so is an SVG that runs code; a symbolic link is never followed.
Each problem is reported at the document's line. A file in the folder that no entry names is a
warning (it was probably forgotten), and a large file or an inaccessible PDF is a warning too.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Callable

from callboard.content.activecontent import ACTIVE_SUFFIXES
from callboard.content.models import Document, Kind
from callboard.content.pdfcheck import pdf_problems
from callboard.content.permalinks import need_generated_files
from callboard.content.sources import BundleFile, Source
from callboard.core.diagnostics import say, say_n
from callboard.core.fields import suggest
from callboard.core.svg import svg_problems

MAX_DOCUMENT_BYTES = 20_000_000
"""Over this a document is slow to fetch on a phone; still published, with a warning."""
REFUSED_SUFFIXES = (*ACTIVE_SUFFIXES, ".xhtml", ".xht", ".shtml")
"""Files a browser runs as a page or script when opened from the site."""

Report = Callable[..., None]


def check_documents(root: Path, source: Source, documents: tuple[Document, ...] | None, line: int,
                    report: Report) -> tuple[Document, ...]:
    """The need's documents with their sizes, leaving out those that cannot be published; every
    problem is reported (`line` is the line of `documents:`)."""
    documents = documents or ()
    if source.bundle is None:
        if documents:
            report(line, say("documents_need_a_folder", source=source.source,
                             bundle=source.source.removesuffix(".md") + "/index.md"))
        return ()
    files = {file.name: file for file in source.bundle}
    kept = []
    for document in documents:
        found = files.get(document.file)
        if _usable(root / source.folder, source, document, found, files, report):
            kept.append(replace(document, size=found.size))
    _report_unlisted(source, {d.file for d in documents}, line, report)
    return tuple(kept)


def _usable(folder: Path, source: Source, document: Document, found: BundleFile | None,
            files: dict[str, BundleFile], report: Report) -> bool:
    name, line = document.file, document.line
    if found is None:
        hint = suggest(name, sorted(files))
        folder_name = source.folder + "/"
        report(line, say("document_missing_hint", name=name, folder=folder_name, hint=hint) if hint
               else say("document_missing", name=name, folder=folder_name))
        return False
    if found.link:
        report(line, say("document_is_link", name=name))
        return False
    if "/" not in name and name in need_generated_files(source.slug):
        report(line, say("document_replaces_generated", name=name))
        return False
    if name.lower().endswith(REFUSED_SUFFIXES):
        report(line, say("document_is_page", name=name))
        return False
    if name.lower().endswith(".svg"):
        problems = svg_problems((folder / name).read_bytes())
        for problem in problems:
            report(line, say("document_svg_refused", name=name, problem=problem))
        if problems:
            return False
    if found.size > MAX_DOCUMENT_BYTES:
        report(line, say_n("document_too_large", "document_too_large_plural", round(found.size / 1_000_000), name=name,
                           limit=MAX_DOCUMENT_BYTES // 1_000_000), warning=True)
    if name.lower().endswith(".pdf"):
        for problem in pdf_problems(folder / name):
            report(line, say("document_problem", name=name, problem=problem), warning=True)
    return True


def _report_unlisted(source: Source, listed: set[str], line: int, report: Report) -> None:
    """Files in the bundle that no entry names are not published: probably forgotten."""
    for file in source.bundle or ():
        if file.name in listed:
            continue
        if source.kind is Kind.NEED:
            report(line, say("document_unlisted", name=file.name, folder=source.folder + "/"), warning=True)
        else:
            report(line, say("bundle_file_not_published", name=file.name, folder=source.folder + "/"), warning=True)
