"""A need's documents through a whole build: published beside the page, listed on it, zipped
the same way every time, and carried by the open data and the OCDS package."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import html5lib
import pytest

from tests.support.boards import NOW, REPO, need_file, read_tree
from tests.support.pdfs import make_pdf
from tests.unit.outputs.test_ocds import validator  # noqa: F401 - the OCDS schema validator fixture

BUNDLE = "content/needs/smarta-las"
DOCUMENTS = """documents:
  - file: underlag.pdf
    title: Förfrågningsunderlag
  - file: bilagor/karta.csv
    title: Karta
  - file: summary.pdf
    title: Sammanfattning
    lang: en
"""


@pytest.fixture
def board(make_board):
    return make_board({
        f"{BUNDLE}/index.md": need_file("Smarta lås", extra="deadline: 2026-12-20\n" + DOCUMENTS),
        f"{BUNDLE}/underlag.pdf": make_pdf("Underlag", ["Text."] * 400),
        f"{BUNDLE}/bilagor/karta.csv": "plats;antal\nVäxjö;3\n",
        f"{BUNDLE}/summary.pdf": make_pdf("Summary", ["Text."], lang="en-GB"),
        "content/needs/vanlig.md": need_file("Vanlig"),
    })


def build(cli, root, out):
    result = cli("build", "--root", root, "--out", out, "--now", NOW, "--no-search", "--no-cache")
    assert result.code == 0, result.err
    return result


def test_documents_are_published_beside_the_page_and_listed_with_type_size_and_language(cli, board, tmp_path):
    out = tmp_path / "site"
    build(cli, board, out)
    folder = out / "needs/smarta-las"
    assert (folder / "underlag.pdf").read_bytes() == (board / BUNDLE / "underlag.pdf").read_bytes()
    assert (folder / "bilagor/karta.csv").is_file()
    page = html5lib.parse((folder / "index.html").read_text(encoding="utf-8"), namespaceHTMLElements=False)
    section = page.find(".//section[@aria-labelledby='need_documents']")
    items = ["".join(li.itertext()) for li in section.iter("li")]
    size = {name: round((board / BUNDLE / name).stat().st_size / 1000) for name in ("underlag.pdf", "summary.pdf")}
    assert size["underlag.pdf"] > 5  # so that the size shown is the file's
    assert items == [f"Förfrågningsunderlag, PDF, {size['underlag.pdf']} kB", "Karta, CSV, 1 kB",
                     f"Sammanfattning, PDF, {size['summary.pdf']} kB, på engelska"]
    links = list(section.iter("a"))
    assert [a.get("href") for a in links[:3]] == ["/needs/smarta-las/underlag.pdf", "/needs/smarta-las/bilagor/karta.csv",
                                                  "/needs/smarta-las/summary.pdf"]
    assert [a.get("hreflang") for a in links[:3]] == [None, None, "en"]
    assert links[3].get("href") == "/needs/smarta-las/smarta-las.zip" and "Ladda ner alla" in "".join(links[3].itertext())


def test_the_zip_holds_every_document_and_is_byte_identical_across_builds(cli, board, tmp_path):
    build(cli, board, tmp_path / "one")
    for path in (board / BUNDLE).rglob("*"):
        path.touch()  # new file times must not change the zip
    build(cli, board, tmp_path / "two")
    assert read_tree(tmp_path / "one") == read_tree(tmp_path / "two")
    data = (tmp_path / "one/needs/smarta-las/smarta-las.zip").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == ["smarta-las/bilagor/karta.csv", "smarta-las/summary.pdf", "smarta-las/underlag.pdf"]
    page = (tmp_path / "one/needs/smarta-las/index.html").read_text(encoding="utf-8")
    assert f"(ZIP, {round(len(data) / 1000)} kB)" in page


def test_open_data_and_ocds_carry_the_documents(cli, board, tmp_path, validator):  # noqa: F811
    out = tmp_path / "site"
    build(cli, board, out)
    needs = {n["slug"]: n for n in json.loads((out / "api/needs.json").read_text(encoding="utf-8"))["needs"]}
    assert needs["vanlig"]["documents"] == []
    assert [(d["title"], d["url"], d["format"], d["lang"]) for d in needs["smarta-las"]["documents"]] == [
        ("Förfrågningsunderlag", "https://tavla.example.org/needs/smarta-las/underlag.pdf", "application/pdf", "sv"),
        ("Karta", "https://tavla.example.org/needs/smarta-las/bilagor/karta.csv", "text/csv", "sv"),
        ("Sammanfattning", "https://tavla.example.org/needs/smarta-las/summary.pdf", "application/pdf", "en")]
    rows = list(csv.reader(io.StringIO((out / "api/needs.csv").read_text(encoding="utf-8-sig")), delimiter=";"))
    documents = rows[0].index("Dokument")
    assert rows[1][documents].split(" ") == [d["url"] for d in needs["smarta-las"]["documents"]]
    package = json.loads((out / "api/ocds.json").read_text(encoding="utf-8"))
    assert [e.message for e in validator.iter_errors(package)] == []
    release = next(r for r in package["releases"] if r["tender"]["id"] == "smarta-las")
    assert [(d["documentType"], d["format"], d["language"]) for d in release["tender"]["documents"]] == [
        ("tenderNotice", "text/html", "sv"), ("biddingDocuments", "application/pdf", "sv"),
        ("biddingDocuments", "text/csv", "sv"), ("biddingDocuments", "application/pdf", "en")]


def test_a_draft_needs_documents_are_not_published(cli, board, tmp_path):
    index = board / BUNDLE / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace("title:", "draft: true\ntitle:", 1), encoding="utf-8")
    out = tmp_path / "site"
    build(cli, board, out)
    assert not (out / "needs/smarta-las").exists()


def test_the_example_board_has_a_bundle_with_a_tagged_pdf_in_its_language(cli, tmp_path, validator):  # noqa: F811
    out = tmp_path / "site"
    build(cli, REPO, out)
    folder = out / "needs/digital-nyckelhantering-i-hemtjansten"
    assert {p.name for p in folder.iterdir()} >= {"forfragningsunderlag.pdf", "summary-in-english.pdf",
                                                  "kravlista.csv", "digital-nyckelhantering-i-hemtjansten.zip"}
    package = json.loads((out / "api/ocds.json").read_text(encoding="utf-8"))
    assert [e.message for e in validator.iter_errors(package)] == []
