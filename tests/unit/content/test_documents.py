"""A need's documents in its page bundle: read, sized and judged at their lines."""

from __future__ import annotations

import io
import os

import pytest
from pypdf import PdfReader, PdfWriter

from callboard.config import Config
from callboard.content.load import load_content
from callboard.core.diagnostics import Diagnostics
from tests.support.boards import need_file
from tests.support.pdfs import make_pdf
from tests.support.messages import english

BUNDLE = "content/needs/smarta-las"
DOCUMENTS = """documents:
  - file: underlag.pdf
    title: Förfrågningsunderlag
  - file: karta.png
    title: Karta
    lang: en
"""


def load(root):
    diagnostics = Diagnostics()
    content = load_content(Config(root=root), diagnostics)
    problems = [(d.path, d.line, d.severity.value, english(d.message)) for d in diagnostics.items]
    return content, problems


def line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.split("\n"), start=1) if needle in line)


@pytest.fixture
def bundle(make_board):
    """A need kept as a bundle with a tagged PDF and a picture; returns (root, index.md text)."""
    index = need_file("Smarta lås", extra=DOCUMENTS)
    root = make_board({f"{BUNDLE}/index.md": index, f"{BUNDLE}/underlag.pdf": make_pdf("Underlag", ["Text."]),
                       f"{BUNDLE}/karta.png": b"\x89PNG\r\n\x1a\n" + b"0" * 2000})
    return root, index


def test_a_bundle_is_a_need_named_after_its_folder_with_its_documents_sized(bundle):
    root, _ = bundle
    content, problems = load(root)
    assert problems == []
    need = content.needs[0]
    assert need.slug == "smarta-las" and need.source == f"{BUNDLE}/index.md"
    assert [(d.file, d.title, d.lang, d.format) for d in need.documents] == [
        ("underlag.pdf", "Förfrågningsunderlag", None, "PDF"), ("karta.png", "Karta", "en", "PNG")]
    assert need.documents[1].size == 2008 and need.documents[1].media_type == "image/png"


def test_a_plain_need_file_keeps_working_beside_bundles(bundle):
    root, _ = bundle
    (root / "content/needs/vanlig.md").write_text(need_file("Vanlig"), encoding="utf-8")
    content, problems = load(root)
    assert problems == [] and sorted(n.slug for n in content.needs) == ["smarta-las", "vanlig"]


def test_a_document_that_does_not_exist_is_an_error_at_its_line(bundle):
    root, index = bundle
    (root / BUNDLE / "karta.png").rename(root / BUNDLE / "kartan.png")
    _, problems = load(root)
    assert (f"{BUNDLE}/index.md", line_of(index, "file: karta.png"), "error",
            f"document 'karta.png' does not exist in {BUNDLE}/; did you mean 'kartan.png'?") in problems


def test_a_file_in_the_bundle_that_no_entry_names_is_a_warning(bundle):
    root, index = bundle
    (root / BUNDLE / "glomd.docx").write_bytes(b"x")
    _, problems = load(root)
    assert [(p[1], p[2]) for p in problems if "glomd.docx" in p[3]] == [(line_of(index, "documents:"), "warning")]


def test_a_document_over_20_mb_is_a_warning(bundle):
    root, index = bundle
    with (root / BUNDLE / "karta.png").open("r+b") as file:
        file.truncate(20_000_001)
    content, problems = load(root)
    assert [(p[1], p[2]) for p in problems if "more than 20 MB" in p[3]] == [(line_of(index, "file: karta.png"),
                                                                               "warning")]
    assert content.needs[0].documents[1].size == 20_000_001


@pytest.mark.parametrize("pdf, expected", [
    (make_pdf("Utan taggar", ["Text."], tagged=False), ["without tags"]),
    (make_pdf("Utan språk", ["Text."], lang=None), ["without a language"]),
    (make_pdf("Varken eller", ["Text."], lang=None, tagged=False), ["without tags", "without a language"]),
    (b"%PDF-1.7\nnot really a PDF", ["cannot be read as a PDF"]),
])
def test_an_inaccessible_or_broken_pdf_is_a_warning_at_its_line(bundle, pdf, expected):
    root, index = bundle
    (root / BUNDLE / "underlag.pdf").write_bytes(pdf)
    content, problems = load(root)
    found = [p for p in problems if "underlag.pdf" in p[3]]
    assert [(p[1], p[2]) for p in found] == [(line_of(index, "file: underlag.pdf"), "warning")] * len(expected)
    assert all(words in p[3] for words, p in zip(expected, found))
    assert [d.file for d in content.needs[0].documents] == ["underlag.pdf", "karta.png"]


def test_an_encrypted_pdf_is_a_clear_warning(bundle):
    root, _ = bundle
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(make_pdf("Hemlig", ["Text."]))))
    writer.encrypt("hemligt")
    buffer = io.BytesIO()
    writer.write(buffer)
    (root / BUNDLE / "underlag.pdf").write_bytes(buffer.getvalue())
    _, problems = load(root)
    assert [p[3] for p in problems if "underlag.pdf" in p[3]] == [
        "document 'underlag.pdf' is an encrypted PDF: its accessibility cannot be checked, and some readers "
        "cannot open it; publish it without a password or restrictions"]


@pytest.mark.parametrize("name, data, words", [
    ("sida.html", b"<script>alert(1)</script>", "is a web page or script"),
    ("bild.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "is an SVG that"),
    ("feed.xml", b"<feed/>", "would replace a file the build makes"),
    ("smarta-las.zip", b"PK", "would replace a file the build makes"),
])
def test_a_document_that_would_run_code_or_replace_a_built_file_is_an_error(make_board, name, data, words):
    index = need_file("Smarta lås", extra=f"documents:\n  - file: {name}\n    title: Fil\n")
    root = make_board({f"{BUNDLE}/index.md": index, f"{BUNDLE}/{name}": data})
    content, problems = load(root)
    assert [(p[1], p[2]) for p in problems if words in p[3]] == [(line_of(index, f"file: {name}"), "error")]
    assert content.needs == []


def test_a_link_in_the_bundle_is_refused_and_never_followed(make_board, tmp_path):
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"secret")
    index = need_file("Smarta lås", extra="documents:\n  - file: underlag.pdf\n    title: Underlag\n")
    root = make_board({f"{BUNDLE}/index.md": index})
    os.symlink(secret, root / BUNDLE / "underlag.pdf")
    _, problems = load(root)
    assert [(p[1], p[2]) for p in problems if "symbolic link" in p[3]] == [(line_of(index, "file: underlag.pdf"),
                                                                            "error")]


@pytest.mark.parametrize("file", ["../hemlig.pdf", "/etc/passwd", ".dold.pdf", "a\\\\b.pdf"])
def test_a_document_outside_the_bundle_is_an_error(make_board, file):
    index = need_file("Smarta lås", extra=f'documents:\n  - file: "{file}"\n    title: Fil\n')
    root = make_board({f"{BUNDLE}/index.md": index})
    _, problems = load(root)
    assert [(p[1], p[2]) for p in problems if "must be a file name in the need's folder" in p[3]] == [
        (line_of(index, "file:"), "error")]


def test_documents_in_a_plain_need_file_ask_for_a_bundle(make_board):
    text = need_file("Smarta lås", extra=DOCUMENTS)
    root = make_board({"content/needs/smarta-las.md": text})
    _, problems = load(root)
    assert [(p[1], p[2]) for p in problems] == [(line_of(text, "documents:"), "error")]
    assert "move content/needs/smarta-las.md to content/needs/smarta-las/index.md" in problems[0][3]


def test_documents_must_be_a_list_of_mappings_with_file_and_title(make_board):
    text = need_file("Smarta lås", extra="documents:\n  - file: a.pdf\n  - underlag.pdf\n")
    root = make_board({f"{BUNDLE}/index.md": text, f"{BUNDLE}/a.pdf": make_pdf("A", ["B"])})
    _, problems = load(root)
    assert sorted((p[1], p[3]) for p in problems if p[2] == "error") == [
        (line_of(text, "file: a.pdf"), "required field 'documents.title' is missing"),
        (line_of(text, "- underlag.pdf"), "each entry of documents must be a mapping:\n"
                                          "documents:\n  - file: underlag.pdf\n    title: Förfrågningsunderlag")]
