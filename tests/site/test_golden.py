"""Golden test: the key content of chosen pages of the fixture board, compared with stored files.

After an intended change, regenerate with:  CALLBOARD_UPDATE_GOLDEN=1 pytest tests/site/test_golden.py
and review the diff of tests/fixtures/golden/ like any other change.
"""

import os
import re
import shutil

import html5lib
import pytest

from tests.support.boards import FIXTURES, NOW

GOLDEN = FIXTURES / "golden"
PAGES = ["index.html", "needs/index.html", "needs/smart-las/index.html", "needs/english-call/index.html",
         "testbeds/solrosen/index.html", "cases/matsvinn-halverat/index.html",
         "organisations/region-testland/index.html", "404.html"]
NS = "{http://www.w3.org/1999/xhtml}"
BLOCKS = {"h1", "h2", "h3", "h4", "p", "li", "dt", "dd", "td", "th", "figure", "pre"}


def key_content(html: str) -> str:
    """Title, language, description, and the text, headings and links of <main>, one per line."""
    tree = html5lib.parse(html)
    head = tree.find(f"{NS}head")
    lines = [f"lang: {tree.get('lang')}", f"title: {head.find(f'{NS}title').text}"]
    for meta in head.iter(f"{NS}meta"):
        if meta.get("name") == "description":
            lines.append(f"description: {meta.get('content')}")
    for link in head.iter(f"{NS}link"):
        if link.get("rel") == "canonical":
            lines.append(f"canonical: {link.get('href')}")
    main = next(tree.iter(f"{NS}main"))
    _walk(main, lines)
    return "\n".join(line for line in lines if line.strip()) + "\n"


def _walk(element, lines):
    tag = element.tag.replace(NS, "")
    if tag in BLOCKS:
        prefix = "#" * int(tag[1]) + " " if re.fullmatch(r"h\d", tag) else f"{tag}: "
        lines.append(prefix + _text(element))
        for link in element.iter(f"{NS}a"):
            lines.append(f"  link: {link.get('href')}")
        for image in element.iter(f"{NS}img"):
            lines.append(f"  image: {image.get('src')} alt={image.get('alt')!r}")
        return
    for child in element:
        _walk(child, lines)


def _text(element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


@pytest.fixture(scope="module")
def golden_site(tmp_path_factory):
    """Built from a copy outside git, so 'last updated' falls back to `published` and the golden
    files do not change with every commit that touches the fixtures."""
    from callboard.cli import main

    board = tmp_path_factory.mktemp("golden") / "board"
    shutil.copytree(FIXTURES / "board", board)
    out = board.parent / "site"
    assert main(["build", "--root", str(board), "--out", str(out), "--now", NOW, "-q", "--no-search"]) == 0
    return out


@pytest.mark.parametrize("path", PAGES)
def test_page_matches_golden(golden_site, path):
    actual = key_content((golden_site / path).read_text(encoding="utf-8"))
    golden_file = GOLDEN / (path.replace("/", "__").removesuffix(".html") + ".txt")
    if os.environ.get("CALLBOARD_UPDATE_GOLDEN"):
        golden_file.parent.mkdir(parents=True, exist_ok=True)
        golden_file.write_text(actual, encoding="utf-8")
    assert golden_file.is_file(), f"no golden file {golden_file.name}; run with CALLBOARD_UPDATE_GOLDEN=1"
    assert actual == golden_file.read_text(encoding="utf-8")
