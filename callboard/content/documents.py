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
            report(line, f"documents must lie beside the need in a folder of its own: move {source.source} to "
                         f"{source.source.removesuffix('.md')}/index.md and put the files in that folder")
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
        report(line, f"document '{name}' does not exist in {source.folder}/"
                     + (f"; did you mean '{hint}'?" if hint else ""))
        return False
    if found.link:
        report(line, f"document '{name}' is a symbolic link or special file; copy the file itself into the folder")
        return False
    if "/" not in name and name in need_generated_files(source.slug):
        report(line, f"document '{name}' would replace a file the build makes for the need; rename it")
        return False
    if name.lower().endswith(REFUSED_SUFFIXES):
        report(line, f"document '{name}' is a web page or script, which would run as part of the site; "
                     "publish it as PDF instead")
        return False
    if name.lower().endswith(".svg"):
        problems = svg_problems((folder / name).read_bytes())
        for problem in problems:
            report(line, f"document '{name}' is an SVG that {problem}; it must be a plain drawing")
        if problems:
            return False
    if found.size > MAX_DOCUMENT_BYTES:
        report(line, f"document '{name}' is {found.size / 1_000_000:.0f} MB, more than {MAX_DOCUMENT_BYTES // 1_000_000} "
                     "MB: slow to download on a phone; make it smaller or split it", warning=True)
    if name.lower().endswith(".pdf"):
        for problem in pdf_problems(folder / name):
            report(line, f"document '{name}' {problem}", warning=True)
    return True


def _report_unlisted(source: Source, listed: set[str], line: int, report: Report) -> None:
    """Files in the bundle that no entry names are not published: probably forgotten."""
    for file in source.bundle or ():
        if file.name in listed:
            continue
        if source.kind is Kind.NEED:
            report(line, f"'{file.name}' is in {source.folder}/ but not in documents, so it is not published; "
                         "add it to documents, or remove it", warning=True)
        else:
            report(line, f"'{file.name}' is in {source.folder}/ but only a need's documents are published; "
                         "remove it, or link to a copy in static/", warning=True)
